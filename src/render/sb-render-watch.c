/* sb-render-watch.c — what watches the machines: the virtual IP, opened
 * firewalls, the agents' metrics and the monitoring service's alerts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the live layer (sb-render-state.c): drawn from the sim's view.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-glyphs.h"
#include "sb-metrics.h"
#include "sb-render-private.h"
#include "sb-route.h"

static const SbColor warning_fill = { 0.96, 0.83, 0.18 };
static const SbColor warning_text = { 0.1, 0.1, 0.1 };
static const SbColor vip_fill = { 0.11, 0.44, 0.85 };
static const SbColor vip_text = { 1, 1, 1 };
static const SbColor clear_fill = { 0.75, 1.0, 0.75 };

/* The address the DNS record gives out, on the load balancer holding it. */
static void
draw_virtual_ip (SbDrawContext *ctx)
{
  const char *vip = ctx->scenario->balancer.virtual_ip;
  const char *active = sb_sim_get_active_load_balancer (ctx->sim);
  const SbRect *r = sb_layout_get_rect (ctx->layout, active);
  g_autofree char *text = NULL;
  SbSpot spots[SB_MAX_SPOTS];
  guint n_spots;

  if (vip == NULL || r == NULL || !sb_render_shown (ctx, active))
    return;
  /* Translators: the tag on the load balancer that holds the virtual IP address */
  text = g_strdup_printf (_("VIP %s"), vip);
  n_spots = sb_render_spots_near (ctx, active, 2, spots);
  sb_render_place_pill (ctx, SB_MARK_BADGE, active, NULL, text, spots, n_spots, &vip_text, &vip_fill);
}

void
sb_render_opened_firewalls (SbDrawContext *ctx)
{
  for (guint i = 0; i < ctx->scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (ctx->scenario->components, i);
      const SbRect *r;

      if (c->kind != SB_KIND_FIREWALL || !sb_sim_is_firewall_open (ctx->sim, c->id)
          || !sb_render_shown (ctx, c->id)
          || (r = sb_layout_get_rect (ctx->layout, c->id)) == NULL)
        continue;
      /* A thick warning frame, readable without colour, and the state in
       * the box, under its name, where the role of a database goes. */
      sb_glyph_rounded_rect (ctx->cr, r->x - 5, r->y - 5, r->width + 10, r->height + 10, SB_CORNER + 5);
      sb_render_set_color (ctx->cr, &warning_fill);
      cairo_set_line_width (ctx->cr, 6);
      cairo_stroke (ctx->cr);
      sb_render_place_pill (ctx, SB_MARK_BADGE, c->id, NULL,
                            /* Translators: on a firewall opened to every port */
                            _("⚠ Open"),
                            &(SbSpot) { r->x + 12 + SB_GLYPH_SIZE + 12, r->y + r->height - 4, -1, -1 }, 1,
                            &warning_text, &warning_fill);
    }
}

/* Each agent that reports sends a dot to the service once a second. */
static void
draw_metrics (SbDrawContext *ctx,
              const char    *monitoring)
{
  gint64 now = sb_sim_get_time (ctx->sim);
  double progress = (double) (now % SB_SIM_METRICS_INTERVAL) / SB_SIM_METRICS_INTERVAL;
  SbCovers covers;
  gboolean clipped;

  if (ctx->options->reduced_motion)
    return;
  sb_render_get_covers (ctx, &covers);
  for (guint i = 0; i < ctx->links->len; i++)
    {
      const SbLink *link = &g_array_index (ctx->links, SbLink, i);
      double xs[SB_ROUTE_MAX_POINTS], ys[SB_ROUTE_MAX_POINTS], x, y;
      guint n;

      if (link->kind != SB_LINK_METRICS || !sb_sim_is_up (ctx->sim, link->from)
          || !sb_render_shown (ctx, link->from) || !sb_render_shown (ctx, link->to)
          || !sb_sim_is_up (ctx->sim, monitoring))
        continue;
      n = sb_route_link (ctx->layout, ctx->scenario, link, xs, ys);
      if (n < 2)
        continue;
      sb_route_point_at (xs, ys, n, progress, &x, &y);
      clipped = sb_render_clip_covers (ctx, &covers, x, y, 7);
      cairo_new_path (ctx->cr);
      cairo_arc (ctx->cr, x, y, 7, 0, 2 * G_PI);
      sb_render_set_color (ctx->cr, &ctx->palette->link);
      cairo_fill (ctx->cr);
      if (clipped)
        cairo_restore (ctx->cr);
    }
}

/* Half the height of the note TEXT makes, WIDTH wide at most. */
static double
alert_half_height (SbDrawContext *ctx,
                   const char    *text,
                   double         width)
{
  double tw, th;

  sb_render_prepare_text (ctx, text, SB_FONT_FAMILY, SB_FONT_LINK, PANGO_WEIGHT_SEMIBOLD,
                          width - 16, 3, &tw, &th);
  return (th + 4) / 2;
}

static char *
alert_text (SbDrawContext        *ctx,
            const SbSimAlertView *alert)
{
  const SbComponent *c = sb_scenario_find_component (ctx->scenario, alert->element);
  const SbHost *host = sb_scenario_find_host (ctx->scenario, c ? c->host : alert->element);
  const char *host_label = host ? sb_render_tr (host->label) : alert->element;

  if (alert->kind == SB_ALERT_NO_DATA)
    /* Translators: a monitoring alert; %s is a machine such as "Server 1" */
    return g_strdup_printf (_("⚠ %s: no data"), host_label);
  /* Translators: a monitoring alert; the first %s is a program such as
   * "Nginx", the second the machine it runs on, such as "Server 1" */
  return g_strdup_printf (_("⚠ %s on %s is down"), c ? sb_render_tr (c->label) : alert->element,
                          host_label);
}

/* Under the monitoring service, between the metrics coming in at its
 * sides: its alerts, one under the other, or that all is well. */
static void
draw_alerts (SbDrawContext *ctx,
             const char    *monitoring)
{
  const SbRect *r = sb_layout_get_rect (ctx->layout, monitoring);
  guint n = sb_sim_get_n_alerts (ctx->sim);
  double x, top, width;

  if (r == NULL || !sb_sim_is_up (ctx->sim, monitoring))
    return;
  x = r->x + r->width / 2;
  top = r->y + r->height + 8;
  width = r->width + SB_HOST_GAP_X - 4 * SB_ROUTE_CLEARANCE;
  if (n == 0)
    {
      const SbSpot spots[] = { { x, top + 16 - SB_PILL_HALF, 0, 1 }, { r->x, top + 16 - SB_PILL_HALF, -1, 1 },
                               { r->x + r->width, top + 16 - SB_PILL_HALF, 1, 1 } };

      sb_render_place_pill (ctx, SB_MARK_BADGE, monitoring, NULL, _("✓ No alerts"),
                            spots, G_N_ELEMENTS (spots), &warning_text, &clear_fill);
    }
  for (guint i = 0; i < n; i++)
    {
      SbSimAlertView alert;
      g_autofree char *text = NULL;
      SbSpot spots[8];
      SbRect placed;
      double half;

      if (!sb_sim_get_alert (ctx->sim, i, &alert))
        continue;
      text = alert_text (ctx, &alert);
      /* Under the previous one, or lower down when a caption is there. */
      half = alert_half_height (ctx, text, width);
      for (guint k = 0; k < G_N_ELEMENTS (spots); k++)
        spots[k] = (SbSpot) { x, top + half + k * 16, 0 };
      sb_render_place_note (ctx, SB_MARK_BADGE, monitoring, NULL, text, width, spots, G_N_ELEMENTS (spots),
                            &ctx->palette->node_fill, &ctx->palette->failure, &placed);
      top = placed.y + placed.height + 6;
    }
}

void
sb_render_watch (SbDrawContext *ctx)
{
  const SbComponent *monitoring = sb_scenario_find_kind (ctx->scenario, SB_KIND_MONITORING, NULL);

  draw_virtual_ip (ctx);
  sb_render_opened_firewalls (ctx);
  if (monitoring != NULL)
    draw_alerts (ctx, monitoring->id);
}

void
sb_render_watch_metrics (SbDrawContext *ctx)
{
  const SbComponent *monitoring = sb_scenario_find_kind (ctx->scenario, SB_KIND_MONITORING, NULL);

  if (monitoring != NULL)
    draw_metrics (ctx, monitoring->id);
}
