/* sb-recovery-dialog.c — unsaved changes to a file, offered before it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a file whose unsaved changes wait in an orphaned recovery used
 * to open the file as saved, and the first edit then wrote over the
 * changes.  Now the changes are offered first.  Nothing is lost by
 * closing the dialog: that recovers.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-recovery-dialog.h"

typedef struct {
  SbWindow *window;
  GFile    *file;
} Offer;

static void
offer_free (gpointer  data,
            GClosure *closure)
{
  Offer *offer = data;

  g_object_unref (offer->window);
  g_object_unref (offer->file);
  g_free (offer);
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response,
         Offer            *offer)
{
  SbAutosave *autosave = sb_window_get_autosave (offer->window);
  g_autofree char *path = g_file_get_path (offer->file);
  g_autoptr(SbScenario) scenario = NULL;

  /* Taken now, not when the dialog opened: another window may have been
   * quicker; then the file opens as saved. */
  if (!sb_autosave_claim (autosave, path, &scenario, NULL))
    {
      sb_window_open_file (offer->window, offer->file);
      return;
    }
  if (g_str_equal (response, "discard"))
    {
      sb_autosave_discard (autosave);
      sb_window_open_file (offer->window, offer->file);
    }
  else
    sb_window_show_recovered (offer->window, scenario, offer->file);
}

gboolean
sb_recovery_dialog_offer (SbWindow *window,
                          GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  Offer *offer;

  if (path == NULL || !sb_autosave_has_orphan (path))
    return FALSE;
  name = g_file_get_basename (file);
  /* Translators: %s is the name of a scenario file */
  body = g_strdup_printf (_("%s was being edited when Stackboard stopped, and the changes were "
                            "not saved. Recover them, or open the file as it was last saved and "
                            "lose them?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Recover Unsaved Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard Changes"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  offer = g_new0 (Offer, 1);
  offer->window = g_object_ref (window);
  offer->file = g_object_ref (file);
  g_signal_connect_data (dialog, "response", G_CALLBACK (respond), offer, offer_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
