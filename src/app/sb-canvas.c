/* sb-canvas.c — draws the whiteboard through the render layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas holds its own copy of the scenario and the layout computed
 * from it; drawing goes through the same sb_render_draw() as every export.
 * It follows the system style (dark whiteboard in dark mode).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "render/sb-render.h"
#include "sb-canvas.h"

struct _SbCanvas
{
  GtkWidget   parent_instance;

  SbScenario *scenario;
  SbLayout   *layout;
};

G_DEFINE_FINAL_TYPE (SbCanvas, sb_canvas, GTK_TYPE_WIDGET)

static SbTheme
current_theme (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? SB_THEME_DARK
                                                                       : SB_THEME_LIGHT;
}

static void
sb_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  SbCanvas *self = SB_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SbRenderOptions options;
  cairo_t *cr;

  if (self->scenario == NULL || width <= 0 || height <= 0)
    return;
  sb_render_options_init (&options);
  options.theme = current_theme ();
  /* GTK renders the cairo node at the surface's scale: sharp on HiDPI. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sb_render_draw (cr, self->layout, self->scenario, NULL, &options, width, height);
  cairo_destroy (cr);
}

static void
sb_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  /* Small enough for a laptop, natural size for a 1280×720 projector. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 270;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 1280 : 673;
}

static void
sb_canvas_dispose (GObject *object)
{
  SbCanvas *self = SB_CANVAS (object);

  g_clear_pointer (&self->layout, sb_layout_free);
  g_clear_pointer (&self->scenario, sb_scenario_free);
  G_OBJECT_CLASS (sb_canvas_parent_class)->dispose (object);
}

static void
sb_canvas_class_init (SbCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_canvas_dispose;
  widget_class->snapshot = sb_canvas_snapshot;
  widget_class->measure = sb_canvas_measure;
  gtk_widget_class_set_css_name (widget_class, "sbcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
theme_changed (SbCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sb_canvas_init (SbCanvas *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "sb-canvas");
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (theme_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sb_canvas_new (void)
{
  return g_object_new (SB_TYPE_CANVAS, NULL);
}

void
sb_canvas_set_scenario (SbCanvas         *self,
                        const SbScenario *scenario)
{
  g_return_if_fail (SB_IS_CANVAS (self));
  g_return_if_fail (scenario != NULL);

  g_clear_pointer (&self->layout, sb_layout_free);
  g_clear_pointer (&self->scenario, sb_scenario_free);
  self->scenario = sb_scenario_copy (scenario);
  self->layout = sb_layout_new (self->scenario);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->scenario->title ? g_dgettext (GETTEXT_PACKAGE, self->scenario->title)
                                                        : _("Diagram"),
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const SbScenario *
sb_canvas_get_scenario (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  return self->scenario;
}

const SbLayout *
sb_canvas_get_layout (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  return self->layout;
}

const char *
sb_canvas_element_at (SbCanvas *self,
                      double    x,
                      double    y)
{
  SbViewTransform t;

  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  if (self->layout == NULL)
    return NULL;
  t = sb_layout_fit (self->layout, gtk_widget_get_width (GTK_WIDGET (self)),
                     gtk_widget_get_height (GTK_WIDGET (self)));
  return sb_layout_hit_test (self->layout, (x - t.offset_x) / t.scale, (y - t.offset_y) / t.scale);
}
