/* sb-window-files.c — opening, saving and exporting, and never losing an
 * edited design
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every dialog is the portal-friendly file chooser, which works inside
 * the Flatpak sandbox.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-autosave.h"
#include "sb-handout-dialog.h"
#include "sb-recovery-dialog.h"
#include "sb-review-window.h"
#include "sb-window-private.h"

void
sb_window_update_title (SbWindow *self)
{
  const SbScenario *scenario = sb_lesson_get_scenario (self->lesson);
  const char *title = scenario->title ? g_dgettext (GETTEXT_PACKAGE, scenario->title) : "";
  g_autofree char *subtitle = sb_lesson_get_modified (self->lesson)
                              ? g_strdup_printf (_("%s (edited)"), title) : g_strdup (title);

  adw_window_title_set_subtitle (self->title, subtitle);
}

void
sb_window_show_scenario (SbWindow         *self,
                         const SbScenario *scenario,
                         const char       *step)
{
  sb_lesson_set_scenario (self->lesson, scenario, step);
  sb_lesson_set_playing (self->lesson, TRUE);
  sb_window_update_title (self);
}

/* The recovery is written a moment after the last edit, into this
 * window's own file (sb-autosave.h), never over another window's. */
void
sb_window_autosave (SbWindow *self)
{
  g_autoptr(SbScenario) scenario = NULL;
  g_autofree char *document = NULL;

  g_return_if_fail (SB_IS_WINDOW (self));
  if (!sb_lesson_get_modified (self->lesson))
    {
      sb_autosave_discard (self->autosave);
      return;
    }
  scenario = sb_lesson_dup_scenario (self->lesson);
  document = self->file ? g_file_get_path (self->file) : NULL;
  sb_autosave_schedule (self->autosave, scenario, document);
}

typedef struct {
  SbWindow *window;
  char     *action;
  GVariant *parameter;
} PendingAction;

static void
pending_action_free (gpointer  data,
                     GClosure *closure)
{
  PendingAction *pending = data;

  g_object_unref (pending->window);
  g_free (pending->action);
  g_clear_pointer (&pending->parameter, g_variant_unref);
  g_free (pending);
}

static void
discard_response (AdwMessageDialog *dialog,
                  const char       *response,
                  PendingAction    *pending)
{
  if (g_str_equal (response, "discard"))
    {
      sb_lesson_set_modified (pending->window->lesson, FALSE);
      sb_autosave_discard (pending->window->autosave);
      gtk_widget_activate_action_variant (GTK_WIDGET (pending->window), pending->action,
                                          pending->parameter);
    }
}

gboolean
sb_window_confirm_discard (SbWindow   *self,
                           const char *action,
                           GVariant   *parameter)
{
  g_autoptr(GVariant) sunk = parameter ? g_variant_ref_sink (parameter) : NULL;
  PendingAction *pending;
  GtkWidget *dialog;

  if (!sb_lesson_get_modified (self->lesson))
    return FALSE;
  pending = g_new0 (PendingAction, 1);
  pending->window = g_object_ref (self);
  pending->action = g_strdup (action);
  pending->parameter = g_steal_pointer (&sunk);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard the Edited Scenario?"),
                                   _("Your changes to the design will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (discard_response), pending,
                         pending_action_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

gboolean
sb_window_open_file (SbWindow *self,
                     GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);

  /* Unsaved changes to this file, left by a Stackboard that died: they
   * come first (the dialog opens the file, or them). */
  if (path != NULL && sb_recovery_dialog_offer (self, file))
    return TRUE;
  scenario = path ? sb_scenario_load_from_file (path, &error) : NULL;
  if (scenario == NULL)
    {
      sb_window_show_error (self, error ? error->message : _("Only local files can be opened"));
      return FALSE;
    }
  g_set_object (&self->file, file);
  sb_window_show_scenario (self, scenario, NULL);
  return TRUE;
}

gboolean
sb_window_save_file (SbWindow *self,
                     GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);

  scenario = sb_lesson_dup_scenario (self->lesson);
  if (path == NULL || !sb_scenario_save_to_file (scenario, path, &error))
    {
      sb_window_show_error (self, error ? error->message : _("Only local files can be saved"));
      return FALSE;
    }
  g_set_object (&self->file, file);
  sb_lesson_mark_saved (self->lesson);
  sb_window_show_toast (self, _("Scenario saved"));
  return TRUE;
}

static void
open_response (GtkNativeDialog *dialog,
               int              response,
               gpointer         user_data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    sb_window_open_file (SB_WINDOW (user_data), file);
  g_object_unref (dialog);
}

static void
save_response (GtkNativeDialog *dialog,
               int              response,
               gpointer         user_data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    sb_window_save_file (SB_WINDOW (user_data), file);
  g_object_unref (dialog);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Stackboard scenarios"));
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static void
file_dialog_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  gboolean save = !g_str_equal (action_name, "win.open");
  g_autoptr(GtkFileFilter) filter = json_filter ();
  GtkFileChooserNative *dialog;

  if (!save && sb_window_confirm_discard (self, action_name, NULL))
    return;
  if (save && g_str_equal (action_name, "win.save") && self->file != NULL)
    {
      sb_window_save_file (self, self->file);
      return;
    }
  dialog = gtk_file_chooser_native_new (save ? _("Save the Scenario") : _("Open a Scenario"),
                                        GTK_WINDOW (self),
                                        save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        save ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (save)
    {
      g_autofree char *name = g_strdup_printf ("%s.json", sb_lesson_get_scenario (self->lesson)->name);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (save ? save_response : open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static const char *
export_suffix (const char *format)
{
  return g_str_equal (format, "svg") ? "svg" : g_str_equal (format, "pdf") ? "pdf" : "png";
}

/* The name typed, with the chosen format's suffix when it has none: a
 * teacher who picked SVG and typed "handout" wants handout.svg. */
static char *
export_path (GFile      *file,
             const char *format)
{
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autofree char *base = path ? g_path_get_basename (path) : NULL;

  if (path == NULL)
    return NULL;
  if (strchr (base, '.') != NULL)
    return g_steal_pointer (&path);
  return g_strconcat (path, ".", export_suffix (format), NULL);
}

static void
export_response (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         user_data)
{
  SbWindow *self = SB_WINDOW (user_data);
  const char *format = g_object_get_data (G_OBJECT (dialog), "format");
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = export_path (file, format);
  g_autoptr(GError) error = NULL;
  const char *content = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "content");

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    {
      if (sb_canvas_export_as (self->canvas, path, g_str_equal (format, "png2x") ? 2 : 1,
                               g_strcmp0 (content, "clean") == 0, &error))
        {
          g_autofree char *display = g_filename_display_name (path);
          g_autofree char *text = g_strdup_printf (_("Exported to %s"), display);

          sb_window_show_toast (self, text);
        }
      else
        sb_window_show_error (self, error->message);
    }
  g_object_unref (dialog);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  const SbScenario *scenario = sb_lesson_get_scenario (self->lesson);
  g_autofree char *name = g_strdup_printf ("stackboard-%s.%s", scenario->name ? scenario->name : "diagram",
                                           export_suffix (format));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export the Diagram"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "format", g_strdup (format), g_free);
  /* The board as the class sees it, or the diagram a student hands in. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "content", _("Diagram"),
                               (const char *[]) { "now", "clean", NULL },
                               (const char *[]) { _("As it is now"), _("Clean diagram, to hand in"), NULL });
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "content", "now");
  g_signal_connect (dialog, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
review_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(SbScenario) scenario = sb_lesson_dup_scenario (SB_WINDOW (widget)->lesson);

  gtk_window_present (GTK_WINDOW (sb_review_window_new (GTK_WINDOW (widget), scenario)));
}

static void
handout_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  sb_handout_dialog_run (SB_WINDOW (widget), g_str_equal (g_variant_get_string (parameter, NULL), "lesson"));
}

void
sb_window_class_add_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, file_dialog_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, file_dialog_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, file_dialog_activated);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "win.review", NULL, review_activated);
  gtk_widget_class_install_action (widget_class, "win.handout", "s", handout_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", "s", "png");
}
