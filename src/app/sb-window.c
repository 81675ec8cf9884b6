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
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
sb_window_class_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SB_TYPE_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, canvas);
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
