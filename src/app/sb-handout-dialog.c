/* sb-handout-dialog.c — a PDF handout from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The builder is the command line's (render/sb-handout.h): the window only
 * asks for a file and hands it the board as it stands.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "render/sb-handout.h"
#include "sb-handout-dialog.h"

gboolean
sb_handout_dialog_write (SbWindow    *window,
                         const char  *path,
                         gboolean     lesson,
                         GError     **error)
{
  SbLesson *lesson_object = sb_window_get_lesson (window);
  g_autoptr(SbHandout) handout = NULL;
  g_autoptr(SbScenario) scenario = NULL;

  g_return_val_if_fail (SB_IS_WINDOW (window) && path != NULL, FALSE);
  if ((handout = sb_handout_new (path, error)) == NULL)
    return FALSE;
  if (lesson)
    {
      sb_handout_set_title (handout, _("Stackboard: the lesson, step by step"));
      if (!sb_handout_add_lesson (handout, error))
        return FALSE;
      return sb_handout_finish (handout, error);
    }
  /* The live settings and the dragged positions, as the board shows them. */
  scenario = sb_lesson_dup_scenario (lesson_object);
  sb_handout_set_title (handout, scenario->title ? g_dgettext (GETTEXT_PACKAGE, scenario->title) : "");
  sb_handout_add_design (handout, scenario, sb_lesson_get_sim (lesson_object), NULL);
  return sb_handout_finish (handout, error);
}

static void
save_response (GtkNativeDialog *dialog,
               int              response,
               gpointer         user_data)
{
  SbWindow *window = SB_WINDOW (user_data);
  gboolean lesson = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "lesson"));
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && path == NULL)
    sb_window_show_error (window, _("Only local files can be saved"));
  else if (response == GTK_RESPONSE_ACCEPT && !sb_handout_dialog_write (window, path, lesson, &error))
    sb_window_show_error (window, error->message);
  else if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *message = g_strdup_printf (_("Handout saved to %s"), path);

      sb_window_show_toast (window, message);
    }
  g_object_unref (dialog);
}

void
sb_handout_dialog_run (SbWindow *window,
                       gboolean  lesson)
{
  const SbScenario *scenario = sb_lesson_get_scenario (sb_window_get_lesson (window));
  g_autofree char *name = lesson ? g_strdup ("stackboard-lesson.pdf")
                                 : g_strdup_printf ("handout-%s.pdf", scenario->name ? scenario->name : "design");
  GtkFileChooserNative *dialog;

  g_return_if_fail (SB_IS_WINDOW (window));
  dialog = gtk_file_chooser_native_new (lesson ? _("Save the Lesson Handout") : _("Save a Handout"),
                                        GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "lesson", GINT_TO_POINTER (lesson));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
