/* sb-stats-panel.c — success rate, who served, what failed where, and a
 * chart of successes and failures per simulated second
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-lesson-view.h"
#include "sb-stats-panel.h"

#define CHART_SECONDS 60
/* Room for the axes' labels, in pixels. */
#define AXIS_LEFT 30
#define AXIS_BOTTOM 16

struct _SbStatsPanel
{
  GtkWidget  parent_instance;

  SbLesson  *lesson;
  GtkWidget *box;
  GtkLabel  *summary;
  GtkWidget *chart;
};

enum {
  PROP_0,
  PROP_LESSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbStatsPanel, sb_stats_panel, GTK_TYPE_WIDGET)

/* One line per element with a count, by the name the board shows. */
static void
append_per_element (GString    *text,
                    SbSim      *sim,
                    gboolean    hosts,
                    guint64   (*count) (SbSim *, const char *))
{
  const SbScenario *scenario = sb_sim_get_scenario (sim);
  guint n = sb_sim_get_n_elements (sim);

  for (guint i = 0; i < n; i++)
    {
      const char *id = sb_sim_get_element_id (sim, i);
      guint64 value = count (sim, id);

      if (sb_sim_element_is_host (sim, i) == hosts && value > 0)
        {
          g_autofree char *name = sb_scenario_describe (scenario, id);

          g_string_append_printf (text, "  %s: %llu\n", name, (unsigned long long) value);
        }
    }
}

static char *
summary_text (SbSim *sim)
{
  const SbSimCounters *c = sb_sim_get_counters (sim);
  guint64 done = c->succeeded + c->failed;
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("Requests: %llu · succeeded %llu · failed %llu · in flight %llu\n"),
                          (unsigned long long) c->requests, (unsigned long long) c->succeeded,
                          (unsigned long long) c->failed, (unsigned long long) c->in_flight);
  if (done > 0)
    g_string_append_printf (text, _("Success rate: %.1f %%\n"), 100.0 * c->succeeded / done);
  g_string_append_printf (text, _("Stale reads: %llu\n"), (unsigned long long) c->stale_reads);
  g_string_append (text, _("Served by:\n"));
  append_per_element (text, sim, TRUE, sb_sim_get_served_by);
  if (c->failed > 0)
    {
      g_string_append (text, _("Failed at:\n"));
      append_per_element (text, sim, FALSE, sb_sim_get_failures_at);
      append_per_element (text, sim, TRUE, sb_sim_get_failures_at);
    }
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

static void
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* The scale on the left (requests per second) and the time below. */
static void
draw_axes (GtkWidget *widget,
           cairo_t   *cr,
           guint32    top,
           double     mid,
           int        width,
           int        height)
{
  GdkRGBA color;
  g_autofree char *top_text = g_strdup_printf ("%u", top);

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
#endif
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_rectangle (cr, AXIS_LEFT, mid, width - AXIS_LEFT, 1);
  cairo_rectangle (cr, AXIS_LEFT, 0, 1, height - AXIS_BOTTOM);
  cairo_fill (cr);
  draw_text (widget, cr, top_text, AXIS_LEFT - 4, 6, 1);
  draw_text (widget, cr, "0", AXIS_LEFT - 4, mid, 1);
  draw_text (widget, cr, top_text, AXIS_LEFT - 4, height - AXIS_BOTTOM - 6, 1);
  /* Translators: the left end of the chart's time axis, a minute ago */
  draw_text (widget, cr, _("−60 s"), AXIS_LEFT, height - AXIS_BOTTOM / 2.0, 0);
  /* Translators: the right end of the chart's time axis */
  draw_text (widget, cr, _("now"), width, height - AXIS_BOTTOM / 2.0, 1);
}

/* Bars per second: successes up in blue, failures down in red, so the
 * detection window after a kill shows as a run of red. */
static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  SbStatsPanel *self = SB_STATS_PANEL (user_data);
  guint32 ok[CHART_SECONDS], bad[CHART_SECONDS], top = 1;
  gint64 first;
  guint n;
  double plot = height - AXIS_BOTTOM, mid = plot * 0.6;
  double bar = (double) (width - AXIS_LEFT - 1) / CHART_SECONDS;

  if (self->lesson == NULL)
    return;
  n = sb_sim_get_series (sb_lesson_get_sim (self->lesson), CHART_SECONDS, &first, ok, bad);
  for (guint i = 0; i < n; i++)
    top = MAX (top, MAX (ok[i], bad[i]));
  for (guint i = 0; i < n; i++)
    {
      double x = AXIS_LEFT + 1 + (CHART_SECONDS - n + i) * bar;

      cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      cairo_rectangle (cr, x + 1, mid - (mid - 2) * ok[i] / top, bar - 2, (mid - 2) * ok[i] / top);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
      cairo_rectangle (cr, x + 1, mid + 1, bar - 2, (plot - mid - 2) * bad[i] / top);
      cairo_fill (cr);
    }
  draw_axes (GTK_WIDGET (area), cr, top, mid, width, height);
}

static void
refresh (SbStatsPanel *self)
{
  g_autofree char *text = NULL;

  if (self->lesson == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  text = summary_text (sb_lesson_get_sim (self->lesson));
  gtk_label_set_text (self->summary, text);
  gtk_widget_queue_draw (self->chart);
}

static void
sb_stats_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sb_stats_panel_parent_class)->map (widget);
  refresh (SB_STATS_PANEL (widget));
}

static void
sb_stats_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      g_value_set_object (value, SB_STATS_PANEL (object)->lesson);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_stats_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      sb_stats_panel_set_lesson (SB_STATS_PANEL (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_stats_panel_dispose (GObject *object)
{
  SbStatsPanel *self = SB_STATS_PANEL (object);

  sb_lesson_view_set (self, &self->lesson, NULL, NULL, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_STATS_PANEL);
  G_OBJECT_CLASS (sb_stats_panel_parent_class)->dispose (object);
}

static void
sb_stats_panel_class_init (SbStatsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_stats_panel_dispose;
  object_class->get_property = sb_stats_panel_get_property;
  object_class->set_property = sb_stats_panel_set_property;
  widget_class->map = sb_stats_panel_map;
  properties[PROP_LESSON] = sb_lesson_view_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sb-stats-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SbStatsPanel, box);
  gtk_widget_class_bind_template_child (widget_class, SbStatsPanel, summary);
  gtk_widget_class_bind_template_child (widget_class, SbStatsPanel, chart);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbstatspanel");
}

static void
sb_stats_panel_init (SbStatsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart), draw_chart, self, NULL);
}

GtkWidget *
sb_stats_panel_new (void)
{
  return g_object_new (SB_TYPE_STATS_PANEL, NULL);
}

void
sb_stats_panel_set_lesson (SbStatsPanel *self,
                           SbLesson     *lesson)
{
  static const SbLessonHook hooks[] = {
    { "changed", G_CALLBACK (refresh) },
    { "refresh", G_CALLBACK (refresh) },
  };

  g_return_if_fail (SB_IS_STATS_PANEL (self));
  if (!sb_lesson_view_set (self, &self->lesson, lesson, hooks, G_N_ELEMENTS (hooks)))
    return;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
}

const char *
sb_stats_panel_get_text (SbStatsPanel *self)
{
  g_return_val_if_fail (SB_IS_STATS_PANEL (self), NULL);
  return gtk_label_get_text (self->summary);
}
