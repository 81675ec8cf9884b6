/* sb-render-state.c — the live layer: requests, failures, the LB's view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn over the static diagram from the simulation's read-only view; it
 * reads the sim's clock and never advances it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sb-glyphs.h"
#include "sb-metrics.h"
#include "sb-render-private.h"
#include "sb-route.h"

/* How long a failed request's red mark stays on the board. */
#define FAILURE_MARK_US  (2 * SB_SIM_USEC_PER_SEC)
#define TOKEN_SIZE       28.0
#define TOKEN_OUTLINE    3.0
/* A disc flattened to within 0.3 device pixels (cairo's default is 0.1)
 * looks the same and has fewer edges to scan: a quarter less work. */
#define TOKEN_TOLERANCE  0.3

/* HAProxy's stats page colours, so the board matches what an engineer sees. */
static const SbColor haproxy_up = { 0.75, 1.0, 0.75 };
static const SbColor haproxy_going_down = { 1.0, 1.0, 0.63 };
static const SbColor haproxy_going_up = { 1.0, 0.82, 0.13 };
static const SbColor haproxy_down = { 1.0, 0.56, 0.56 };
static const SbColor haproxy_backup_up = { 0.69, 0.82, 1.0 };
static const SbColor haproxy_text = { 0.1, 0.1, 0.1 };

void
sb_render_dead_element (SbDrawContext *ctx,
                        const char    *id)
{
  const SbRect *r = sb_layout_get_rect (ctx->layout, id);
  const SbColor *bg = &ctx->palette->background;

  if (r == NULL)
    return;
  /* A wash of board colour greys the element out; the cross says why. */
  sb_glyph_rounded_rect (ctx->cr, r->x, r->y, r->width, r->height, SB_CORNER);
  cairo_set_source_rgba (ctx->cr, bg->r, bg->g, bg->b, 0.65);
  cairo_fill (ctx->cr);
  sb_render_set_color (ctx->cr, &ctx->palette->failure);
  cairo_set_line_width (ctx->cr, 5);
  cairo_set_line_cap (ctx->cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (ctx->cr, r->x + 10, r->y + 10);
  cairo_line_to (ctx->cr, r->x + r->width - 10, r->y + r->height - 10);
  cairo_move_to (ctx->cr, r->x + r->width - 10, r->y + 10);
  cairo_line_to (ctx->cr, r->x + 10, r->y + r->height - 10);
  sb_render_stroke (ctx);
}

void
sb_render_dead_elements (SbDrawContext *ctx)
{
  guint n = sb_sim_get_n_elements (ctx->sim);

  /* Hosts first, so a dead host's own cross sits under its components'. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        const char *id = sb_sim_get_element_id (ctx->sim, i);

        if (sb_sim_element_is_host (ctx->sim, i) == (pass == 0) && sb_render_shown (ctx, id)
            && sb_sim_get_element_state (ctx->sim, id) == SB_ELEMENT_DOWN)
          sb_render_dead_element (ctx, id);
      }
}

static const SbColor *
backend_color (const SbSimBackendView *view)
{
  switch (view->state)
    {
    case SB_CHECK_STATE_UP:
      return view->backup ? &haproxy_backup_up : &haproxy_up;
    case SB_CHECK_STATE_GOING_DOWN:
      return &haproxy_going_down;
    case SB_CHECK_STATE_GOING_UP:
      return &haproxy_going_up;
    case SB_CHECK_STATE_DOWN:
    default:
      return &haproxy_down;
    }
}

/* What HAProxy says of each backend, in its own words, on the host's title
 * bar: the detection window is the time this stays green after a kill. */
static void
draw_backend_views (SbDrawContext *ctx)
{
  guint n = sb_sim_get_n_backends (ctx->sim);

  for (guint i = 0; i < n; i++)
    {
      SbSimBackendView view;
      const SbRect *r;
      g_autofree char *text = NULL;

      if (!sb_sim_get_backend (ctx->sim, i, &view) || !sb_render_shown (ctx, view.host)
          || (r = sb_layout_get_rect (ctx->layout, view.host)) == NULL)
        continue;
      text = view.backup ? g_strdup_printf (_("LB: %s · backup"), view.label)
                         : g_strdup_printf (_("LB: %s"), view.label);
      {
        /* Beside the title; a one-node machine has no room there: at
         * the bottom, where no line passes. */
        double title = r->y + sb_layout_get_metrics (ctx->layout)->host_title / 2 + 3;
        double bottom = r->y + r->height - 20 + SB_PILL_HALF;
        const SbSpot spots[] = {
          { r->x + r->width - 14, title, 1 }, { r->x + r->width / 2, bottom, 0, -1 },
          { r->x + 12, bottom, -1, -1 }, { r->x + r->width - 12, bottom, 1, -1 },
        };

        sb_render_place_pill (ctx, SB_MARK_BADGE, view.host, NULL, text, spots, G_N_ELEMENTS (spots),
                              &haproxy_text, backend_color (&view));
      }
    }
}

/* Each database's version, so students see a replica fall behind. */
static void
draw_database_versions (SbDrawContext *ctx)
{
  guint n = sb_sim_get_n_databases (ctx->sim);

  for (guint i = 0; i < n; i++)
    {
      SbSimDatabaseView view;
      const SbRect *r;
      g_autofree char *text = NULL;
      /* Under the database, in its machine's bottom margin. */
      SbSpot spots[SB_MAX_SPOTS];
      guint n_spots;

      if (!sb_sim_get_database (ctx->sim, i, &view) || !sb_render_shown (ctx, view.id)
          || (r = sb_layout_get_rect (ctx->layout, view.id)) == NULL)
        continue;
      if (view.behind > 0)
        /* Translators: a database's version, and how many writes it lags behind. */
        text = g_strdup_printf (_("v%lld · %lld behind"),
                                (long long) view.version, (long long) view.behind);
      else
        text = g_strdup_printf (_("v%lld"), (long long) view.version);
      spots[0] = (SbSpot) { r->x + r->width / 2, r->y + r->height + 20 - SB_PILL_HALF, 0, 1 };
      spots[1] = (SbSpot) { r->x, r->y + r->height + 20 - SB_PILL_HALF, -1, 1 };
      spots[2] = (SbSpot) { r->x + r->width, r->y + r->height + 20 - SB_PILL_HALF, 1, 1 };
      n_spots = 3 + sb_render_spots_around (r, 20, spots + 3);
      sb_render_place_pill (ctx, SB_MARK_BADGE, view.id, NULL, text, spots, n_spots,
                            view.behind > 0 ? &ctx->palette->background : &ctx->palette->ink,
                            view.behind > 0 ? &ctx->palette->replication : &ctx->palette->node_fill);
    }
}

/* A red mark where a request just failed, with the reason. */
static void
draw_recent_failures (SbDrawContext *ctx)
{
  gint64 now = sb_sim_get_time (ctx->sim);
  g_autoptr(GHashTable) marked = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = sb_sim_get_n_recent_failures (ctx->sim);

  for (guint i = 0; i < n; i++)
    {
      const SbSimEvent *ev = sb_sim_get_recent_failure (ctx->sim, i);
      const SbRect *r;
      SbSpot spots[SB_MAX_SPOTS];

      if (now - ev->time > FAILURE_MARK_US)
        break;
      if (ev->element == NULL || !sb_render_shown (ctx, ev->element)
          || !g_hash_table_add (marked, (gpointer) ev->element)
          || (r = sb_layout_get_rect (ctx->layout, ev->element)) == NULL)
        continue;
      sb_render_place_pill (ctx, SB_MARK_BADGE, ev->element, NULL, _(sb_failure_reason_to_string (ev->reason)),
                            spots, sb_render_spots_near (ctx, ev->element, 2, spots),
                            &ctx->palette->node_fill, &ctx->palette->failure);
    }
}

static void
token_shape (cairo_t       *cr,
             SbRequestType  type,
             double         x,
             double         y,
             double         half)
{
  cairo_new_path (cr);
  if (type == SB_REQUEST_READ)
    cairo_arc (cr, x, y, half, 0, 2 * G_PI);
  else
    cairo_rectangle (cr, x - half, y - half, 2 * half, 2 * half);
}

/* Reads are discs, writes squares: shape tells them apart without colour.
 * The outline is the shape grown by TOKEN_OUTLINE / 2 under the shape
 * shrunk by as much, which is what stroking the outline over the filled
 * shape draws, in two fills: cairo strokes a small shape several times
 * slower than it fills one, and hundreds of tokens are drawn each frame.
 * (draw_requests() flattens them to within TOKEN_TOLERANCE.) */
static void
draw_token (SbDrawContext          *ctx,
            const SbSimRequestView *request,
            double                  x,
            double                  y)
{
  double half = TOKEN_SIZE / 2;

  token_shape (ctx->cr, request->type, x, y, half + TOKEN_OUTLINE / 2);
  sb_render_set_color (ctx->cr, &ctx->palette->node_fill);
  cairo_fill (ctx->cr);
  token_shape (ctx->cr, request->type, x, y, half - TOKEN_OUTLINE / 2);
  sb_render_set_color (ctx->cr, request->type == SB_REQUEST_READ ? &ctx->palette->read
                                                                  : &ctx->palette->write);
  cairo_fill (ctx->cr);
  /* A response carries the answer back: a dot in the middle. */
  if (request->direction == SB_DIRECTION_RESPONSE)
    {
      cairo_new_path (ctx->cr);
      cairo_arc (ctx->cr, x, y, TOKEN_SIZE / 5, 0, 2 * G_PI);
      sb_render_set_color (ctx->cr, &ctx->palette->node_fill);
      cairo_fill (ctx->cr);
    }
}

/* A hop's route, computed once per drawing: many requests share a hop,
 * and finding it means searching the links by id. */
typedef struct {
  guint  n;
  double xs[SB_ROUTE_MAX_POINTS];
  double ys[SB_ROUTE_MAX_POINTS];
} Route;

typedef struct {
  const char *from;   /* the sim's ids: one pointer per element */
  const char *to;
} HopKey;

static guint
hop_hash (gconstpointer key)
{
  const HopKey *k = key;

  return g_direct_hash (k->from) * 31 + g_direct_hash (k->to);
}

static gboolean
hop_equal (gconstpointer a,
           gconstpointer b)
{
  const HopKey *x = a, *y = b;

  return x->from == y->from && x->to == y->to;
}

typedef struct {
  SbDrawContext *ctx;
  GHashTable    *routes;     /* HopKey → Route */
  SbCovers       covers;
} RequestsDrawing;

static const Route *
hop_route (RequestsDrawing *drawing,
           const char      *from,
           const char      *to)
{
  HopKey key = { from, to };
  Route *route = g_hash_table_lookup (drawing->routes, &key);
  SbDrawContext *ctx = drawing->ctx;

  if (route == NULL)
    {
      route = g_new (Route, 1);
      route->n = sb_route_hop (ctx->layout, ctx->scenario, ctx->links, from, to, route->xs, route->ys);
      g_hash_table_insert (drawing->routes, g_memdup2 (&key, sizeof key), route);
    }
  return route;
}

static void
draw_request (const SbSimRequestView *request,
              gpointer                user_data)
{
  RequestsDrawing *drawing = user_data;
  const Route *route = hop_route (drawing, request->from, request->to);
  double progress = drawing->ctx->options->reduced_motion ? 0 : request->progress;
  double x, y;
  gboolean clipped;

  if (route->n == 0 || !sb_render_shown (drawing->ctx, request->from)
      || !sb_render_shown (drawing->ctx, request->to))
    return;
  sb_route_point_at (route->xs, route->ys, route->n, progress, &x, &y);
  clipped = sb_render_clip_covers (drawing->ctx, &drawing->covers, x, y, TOKEN_SIZE / 2 + TOKEN_OUTLINE);
  draw_token (drawing->ctx, request, x, y);
  if (clipped)
    cairo_restore (drawing->ctx->cr);
}

static void
draw_requests (SbDrawContext *ctx)
{
  RequestsDrawing drawing = { ctx, g_hash_table_new_full (hop_hash, hop_equal, g_free, g_free) };
  double tolerance = cairo_get_tolerance (ctx->cr);

  sb_render_get_covers (ctx, &drawing.covers);
  cairo_set_tolerance (ctx->cr, TOKEN_TOLERANCE);
  sb_sim_foreach_request (ctx->sim, draw_request, &drawing);
  cairo_set_tolerance (ctx->cr, tolerance);
  g_hash_table_unref (drawing.routes);
}

/* The path of a request picked in the log: each element it reached,
 * framed and numbered in order. */
static void
draw_highlight_path (SbDrawContext *ctx)
{
  const char * const *path = ctx->options->highlight_path;

  for (guint i = 0; path && path[i]; i++)
    {
      const SbRect *r = sb_layout_get_rect (ctx->layout, path[i]);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      if (r == NULL)
        continue;
      sb_glyph_rounded_rect (ctx->cr, r->x - 5, r->y - 5, r->width + 10, r->height + 10, SB_CORNER + 5);
      sb_render_set_color (ctx->cr, &ctx->palette->selection);
      cairo_set_line_width (ctx->cr, 4);
      cairo_stroke (ctx->cr);
      {
        const SbSpot corners[] = {
          { r->x + 4, r->y + 4, 0 }, { r->x + r->width - 4, r->y + 4, 0 },
          { r->x + 4, r->y + r->height - 4, 0 }, { r->x + r->width - 4, r->y + r->height - 4, 0 },
        };

        sb_render_place_pill (ctx, SB_MARK_BADGE, path[i], NULL, number, corners, G_N_ELEMENTS (corners),
                              &ctx->palette->node_fill, &ctx->palette->selection);
      }
    }
}

void
sb_render_state (SbDrawContext *ctx)
{
  /* Requests first: they pass under every caption and badge. */
  sb_render_dead_elements (ctx);
  draw_requests (ctx);
  sb_render_watch_metrics (ctx);
  draw_highlight_path (ctx);
  draw_backend_views (ctx);
  draw_database_versions (ctx);
  sb_render_watch (ctx);
  draw_recent_failures (ctx);
}
