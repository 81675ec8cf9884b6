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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play", NULL);
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
