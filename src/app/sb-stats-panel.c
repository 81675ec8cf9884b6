/* sb-stats-panel.c — success rate, who served, what failed where, and a
 * chart of successes and failures per simulated second
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-stats-panel.h"

#define CHART_SECONDS 60

struct _SbStatsPanel
{
  GtkWidget  parent_instance;

  SbCanvas  *canvas;    /* weak */
  GtkWidget *box;
  GtkLabel  *summary;
  GtkWidget *chart;
  guint      refresh_id;
};

G_DEFINE_FINAL_TYPE (SbStatsPanel, sb_stats_panel, GTK_TYPE_WIDGET)

static void
append_per_element (GString    *text,
                    SbSim      *sim,
                    gboolean    hosts,
                    guint64   (*count) (SbSim *, const char *))
{
  guint n = sb_sim_get_n_elements (sim);

  for (guint i = 0; i < n; i++)
    {
      const char *id = sb_sim_get_element_id (sim, i);
      guint64 value = count (sim, id);

      if (sb_sim_element_is_host (sim, i) == hosts && value > 0)
        g_string_append_printf (text, "  %s: %llu\n", id, (unsigned long long) value);
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
  SbSim *sim;
  guint n;
  double mid = height * 0.6, bar = (double) width / CHART_SECONDS;

  if (self->canvas == NULL || (sim = sb_canvas_get_sim (self->canvas)) == NULL)
    return;
  n = sb_sim_get_series (sim, CHART_SECONDS, &first, ok, bad);
  for (guint i = 0; i < n; i++)
    top = MAX (top, MAX (ok[i], bad[i]));
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.5);
  cairo_rectangle (cr, 0, mid, width, 1);
  cairo_fill (cr);
  for (guint i = 0; i < n; i++)
    {
      double x = (CHART_SECONDS - n + i) * bar;

      cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      cairo_rectangle (cr, x + 1, mid - (mid - 2) * ok[i] / top, bar - 2, (mid - 2) * ok[i] / top);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
      cairo_rectangle (cr, x + 1, mid + 1, bar - 2, (height - mid - 2) * bad[i] / top);
      cairo_fill (cr);
    }
}

void
sb_stats_panel_refresh (SbStatsPanel *self)
{
  SbSim *sim;
  g_autofree char *text = NULL;

  g_return_if_fail (SB_IS_STATS_PANEL (self));
  if (self->canvas == NULL || (sim = sb_canvas_get_sim (self->canvas)) == NULL)
    return;
  text = summary_text (sim);
  gtk_label_set_text (self->summary, text);
  gtk_widget_queue_draw (self->chart);
}

static gboolean
refresh_tick (gpointer user_data)
{
  sb_stats_panel_refresh (SB_STATS_PANEL (user_data));
  return G_SOURCE_CONTINUE;
}

static void
sb_stats_panel_map (GtkWidget *widget)
{
  SbStatsPanel *self = SB_STATS_PANEL (widget);

  GTK_WIDGET_CLASS (sb_stats_panel_parent_class)->map (widget);
  self->refresh_id = g_timeout_add (500, refresh_tick, self);
  sb_stats_panel_refresh (self);
}

static void
sb_stats_panel_unmap (GtkWidget *widget)
{
  SbStatsPanel *self = SB_STATS_PANEL (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (sb_stats_panel_parent_class)->unmap (widget);
}

static void
sb_stats_panel_dispose (GObject *object)
{
  SbStatsPanel *self = SB_STATS_PANEL (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_weak_pointer (&self->canvas);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sb_stats_panel_parent_class)->dispose (object);
}

static void
sb_stats_panel_class_init (SbStatsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_stats_panel_dispose;
  widget_class->map = sb_stats_panel_map;
  widget_class->unmap = sb_stats_panel_unmap;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbstatspanel");
}

static void
sb_stats_panel_init (SbStatsPanel *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  g_object_set (self->box, "margin-start", 12, "margin-end", 12, "margin-bottom", 18, NULL);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_wrap_mode (self->summary, PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->summary));
  self->chart = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->chart), 90);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart), draw_chart, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Successes and failures per second, last minute"), -1);
  gtk_box_append (GTK_BOX (self->box), self->chart);
}

GtkWidget *
sb_stats_panel_new (void)
{
  return g_object_new (SB_TYPE_STATS_PANEL, NULL);
}

void
sb_stats_panel_set_canvas (SbStatsPanel *self,
                           SbCanvas     *canvas)
{
  g_return_if_fail (SB_IS_STATS_PANEL (self));
  g_set_weak_pointer (&self->canvas, canvas);
  sb_stats_panel_refresh (self);
}

const char *
sb_stats_panel_get_text (SbStatsPanel *self)
{
  g_return_val_if_fail (SB_IS_STATS_PANEL (self), NULL);
  return gtk_label_get_text (self->summary);
}
