/* sb-window.c — the main window: header bar and the whiteboard canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-window.h"

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *title;
  AdwToastOverlay      *toasts;
  SbCanvas             *canvas;
  GtkToggleButton      *play_button;
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
reset_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  sb_canvas_reset (SB_WINDOW (widget)->canvas);
}

static const char *
export_suffix (const char *format)
{
  return g_str_equal (format, "svg") ? "svg" : g_str_equal (format, "pdf") ? "pdf" : "png";
}

static void
export_response (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         user_data)
{
  SbWindow *self = SB_WINDOW (user_data);
  const char *format = g_object_get_data (G_OBJECT (dialog), "format");
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    {
      if (sb_canvas_export (self->canvas, path, g_str_equal (format, "png2x") ? 2 : 1, &error))
        {
          g_autofree char *text = g_strdup_printf (_("Exported to %s"), path);
          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
        }
      else
        sb_window_show_error (self, error->message);
    }
  g_object_unref (dialog);
}

/* The portal-friendly file chooser: works inside the Flatpak sandbox,
 * which has no access to the user's files of its own. */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  const SbScenario *scenario = sb_canvas_get_scenario (self->canvas);
  g_autofree char *name = g_strdup_printf ("stackboard-%s.%s", scenario->name ? scenario->name : "diagram",
                                           export_suffix (format));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export the Diagram"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "format", g_strdup (format), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
playing_changed (SbWindow *self)
{
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            sb_canvas_get_playing (self->canvas) ? "media-playback-pause-symbolic"
                                                                 : "media-playback-start-symbolic");
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SB_TYPE_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, play_button);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_activated);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", "s", "png");
}

static void
sb_window_init (SbWindow *self)
{
  g_autoptr(GPropertyAction) play = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  play = g_property_action_new ("play", self->canvas, "playing");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (play));
  g_signal_connect_object (self->canvas, "notify::playing",
                           G_CALLBACK (playing_changed), self, G_CONNECT_SWAPPED);
}

static void
set_scenario (SbWindow         *self,
              const SbScenario *scenario)
{
  sb_canvas_set_scenario (self->canvas, scenario);
  adw_window_title_set_subtitle (self->title,
                                 scenario->title ? g_dgettext (GETTEXT_PACKAGE, scenario->title) : "");
}

SbWindow *
sb_window_new (SbApplication    *application,
               const SbScenario *scenario)
{
  SbWindow *self = g_object_new (SB_TYPE_WINDOW, "application", application, NULL);
  g_autoptr(SbScenario) fallback = NULL;
  g_autoptr(GError) error = NULL;

  if (scenario == NULL)
    {
      /* The bundled scenarios are compiled in and checked by the tests,
       * so failing here is a packaging bug, not bad input. */
      fallback = sb_scenario_load_bundled ("distributed", &error);
      if (fallback == NULL)
        g_error ("bundled scenario: %s", error->message);
      scenario = fallback;
    }
  set_scenario (self, scenario);
  /* The class sees requests flowing as soon as the window opens. */
  sb_canvas_set_playing (self->canvas, TRUE);
  return self;
}

SbCanvas *
sb_window_get_canvas (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->canvas;
}

void
sb_window_show_error (SbWindow   *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (SB_IS_WINDOW (self));
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}
