/* sb-route.c — the path each link takes on the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Links between boxes side by side are straight, in either direction (a
 * promotion turns the replication round); inside a machine a link that
 * is not straight turns in the gap between its rows.  A link into a
 * machine of a lower row runs down to the corridor over that row, along
 * it to the gap beside the machine and in through the side of the box at
 * the end of its row: it never crosses a machine's title, and links to
 * several machines share their trunk like a bus.  Other links between
 * machines go through the gaps between rows and columns.  Tokens follow
 * the same routes, so a request never leaves its line.
 */
#include "config.h"

#include "sb-metrics.h"
#include <math.h>

#include "sb-route.h"

typedef struct {
  double *xs, *ys;
  guint   n;
} Route;

static void
push (Route  *route,
      double  x,
      double  y)
{
  g_assert (route->n < SB_ROUTE_MAX_POINTS);
  route->xs[route->n] = x;
  route->ys[route->n] = y;
  route->n++;
}

static guint
straight (const SbRect *a,
          const SbRect *b,
          Route        *route)
{
  double ax, ay, bx, by, x, y;

  sb_rect_center (a, &ax, &ay);
  sb_rect_center (b, &bx, &by);
  sb_route_edge_point (a, bx, by, &x, &y);
  push (route, x, y);
  sb_route_edge_point (b, ax, ay, &x, &y);
  push (route, x, y);
  return route->n;
}

/* Adds (x, y) unless the route already ends there. */
static void
push_new (Route  *route,
          double  x,
          double  y)
{
  if (route->n == 0 || ABS (route->xs[route->n - 1] - x) > 0.01
      || ABS (route->ys[route->n - 1] - y) > 0.01)
    push (route, x, y);
}

/* What a route is computed from: the layout, the scenario and the
 * link's two ends with their machines (NULL for a component alone). */
typedef struct {
  const SbLayout   *layout;
  const SbScenario *scenario;
  const SbComponent *a_comp, *b_comp;
  const SbRect     *a, *b;      /* the ends' boxes */
  const SbRect     *ha, *hb;    /* their machines' frames, or NULL */
} Ends;

static const SbRect *
host_rect (const SbLayout    *layout,
           const SbComponent *comp)
{
  return comp && comp->host ? sb_layout_get_rect (layout, comp->host) : NULL;
}

typedef enum {
  SIDE_NONE,
  SIDE_LEFT,
  SIDE_RIGHT,
} Side;

/* Whether COMP's box is the first (last) of its row inside its machine:
 * nothing is between it and the machine's frame on that side. */
static void
row_ends (const Ends        *e,
          const SbComponent *comp,
          gboolean          *first,
          gboolean          *last)
{
  const SbRect *r = sb_layout_get_rect (e->layout, comp->id);

  *first = *last = TRUE;
  for (guint i = 0; i < e->scenario->components->len; i++)
    {
      const SbComponent *other = g_ptr_array_index (e->scenario->components, i);
      const SbRect *o;

      if (other == comp || g_strcmp0 (other->host, comp->host) != 0)
        continue;
      o = sb_layout_get_rect (e->layout, other->id);
      if (o == NULL || o->y >= r->y + r->height || o->y + o->height <= r->y)
        continue;
      *first &= o->x > r->x;
      *last &= o->x < r->x;
    }
}

/* The middle of the gap beside HOST on SIDE: halfway to the next machine
 * of its row, or half the usual gap out when there is none. */
static double
gap_beside (const Ends   *e,
            const SbRect *host,
            Side          side)
{
  double near = side == SIDE_LEFT ? -G_MAXDOUBLE : G_MAXDOUBLE;

  for (guint i = 0; i < e->scenario->hosts->len; i++)
    {
      const SbHost *h = g_ptr_array_index (e->scenario->hosts, i);
      const SbRect *o = sb_layout_get_rect (e->layout, h->id);

      if (o == NULL || o == host || o->y >= host->y + host->height || o->y + o->height <= host->y)
        continue;
      if (side == SIDE_LEFT && o->x + o->width <= host->x)
        near = MAX (near, o->x + o->width);
      else if (side == SIDE_RIGHT && o->x >= host->x + host->width)
        near = MIN (near, o->x);
    }
  if (side == SIDE_LEFT)
    return near > -G_MAXDOUBLE ? (near + host->x) / 2 : host->x - SB_HOST_GAP_X / 2;
  return near < G_MAXDOUBLE ? (near + host->x + host->width) / 2
                            : host->x + host->width + SB_HOST_GAP_X / 2;
}

static double
left_gap (const SbRect *host)
{
  return host->x - SB_HOST_GAP_X / 2;
}

static double
right_gap (const SbRect *host)
{
  return host->x + host->width + SB_HOST_GAP_X / 2;
}

/* The corridor over the first row of machines that starts below Y: lines
 * coming down spread out along it, over the machines' titles. */
static double
corridor_below (const Ends *e,
                double      y)
{
  double top = G_MAXDOUBLE;

  for (guint i = 0; i < e->scenario->hosts->len; i++)
    {
      const SbRect *o = sb_layout_get_rect (e->layout,
                                            ((const SbHost *) g_ptr_array_index (e->scenario->hosts, i))->id);
      if (o != NULL && o->y >= y - 1)
        top = MIN (top, o->y);
    }
  return top - SB_HOST_GAP_Y / 2;
}

/* Whether a box of COMP's machine lies under COMP, in the way of a line
 * dropping from the middle of its bottom edge. */
static gboolean
box_below (const Ends        *e,
           const SbComponent *comp)
{
  const SbRect *r = sb_layout_get_rect (e->layout, comp->id);
  double cx = r->x + r->width / 2;

  for (guint i = 0; comp->host && i < e->scenario->components->len; i++)
    {
      const SbComponent *other = g_ptr_array_index (e->scenario->components, i);
      const SbRect *o;

      if (other == comp || g_strcmp0 (other->host, comp->host) != 0)
        continue;
      o = sb_layout_get_rect (e->layout, other->id);
      if (o && o->y > r->y && o->x < cx + 2 * SB_ROUTE_CLEARANCE
          && o->x + o->width > cx - 2 * SB_ROUTE_CLEARANCE)
        return TRUE;
    }
  return FALSE;
}

/* Out of A (in its machine HA, if any) down to the corridor at CORRIDOR:
 * straight down when nothing is under A, else along the gap between its
 * machine's rows to the machine's side towards TOWARD_X, and down there.
 * A box alone in a narrow machine is left on the side of the board's
 * middle, so the machine's bottom keeps room for a badge. */
static void
leave_downwards (const Ends *e,
                 double      corridor,
                 double      toward_x,
                 Route      *route)
{
  double cx = e->a->x + e->a->width / 2, bottom = e->a->y + e->a->height;

  if (e->ha != NULL && e->ha->width < 2 * SB_NODE_WIDTH)
    cx += (cx < sb_layout_get_width (e->layout) / 2 ? 1 : -1) * e->a->width / 4;

  push (route, cx, bottom);
  if (e->ha != NULL && box_below (e, e->a_comp))
    {
      double lane = bottom + SB_NODE_GAP_Y / 3;
      double gx = gap_beside (e, e->ha, toward_x < cx ? SIDE_LEFT : SIDE_RIGHT);

      push (route, cx, lane);
      push (route, gx, lane);
      push (route, gx, corridor);
      return;
    }
  push (route, cx, corridor);
}

/* The side B is entered from: a box at an end of its row, from the gap
 * beside its machine on that side (the board's outer side when it is
 * alone in its row), so the line crosses no title; SIDE_NONE for a box
 * in the middle of its row. */
static Side
entry_side (const Ends *e)
{
  gboolean first, last;
  double board_cx = sb_layout_get_width (e->layout) / 2;
  double host_cx = e->hb->x + e->hb->width / 2;

  row_ends (e, e->b_comp, &first, &last);
  if (first && last)
    return host_cx > board_cx + 1 ? SIDE_RIGHT : SIDE_LEFT;
  return first ? SIDE_LEFT : last ? SIDE_RIGHT : SIDE_NONE;
}

/* From the corridor at CORRIDOR into B: along it to the gap beside B's
 * machine, down the gap and in through the side; or, for a box in the
 * middle of its row, down into its top. */
static guint
enter_from_corridor (const Ends *e,
                     double      corridor,
                     Route      *route)
{
  Side side = entry_side (e);
  double cy = e->b->y + e->b->height / 2, gx;

  if (side == SIDE_NONE)
    {
      push_new (route, e->b->x + e->b->width / 2, corridor);
      push_new (route, e->b->x + e->b->width / 2, e->b->y);
      return route->n;
    }
  gx = gap_beside (e, e->hb, side);
  push_new (route, gx, corridor);
  push_new (route, gx, cy);
  push_new (route, side == SIDE_LEFT ? e->b->x : e->b->x + e->b->width, cy);
  return route->n;
}

/* A into a machine of a lower row: down to the corridor over the first
 * row below A, along it and in from the side (a bus: lines to several
 * machines share their trunk). */
static guint
down_into_machine (const Ends *e,
                   Route      *route)
{
  double from_y = e->ha ? e->ha->y + e->ha->height : e->a->y + e->a->height;
  double corridor = corridor_below (e, from_y);

  leave_downwards (e, corridor, e->b->x + e->b->width / 2, route);
  return enter_from_corridor (e, corridor, route);
}

/* App → a database (or its firewall) on another machine of the same row,
 * or of a row above: through the gap between the app's machine's two rows
 * of boxes; across rows by the column gap left of the app's machine. */
static guint
remote_write (const Ends *e,
              gboolean    firewall,
              Route      *route)
{
  const SbRect *app = e->a, *app_host = e->ha, *db = e->b, *db_host = e->hb;
  double ax = app->x + app->width / 2, ay = app->y + app->height;
  double mid_a = ay + SB_NODE_GAP_Y * 0.45;
  /* A firewall, in the top row of its host, is entered from below; a
   * database alone on its machine from the corridor above the machine. */
  gboolean top_row = db->y < db_host->y + SB_HOST_TITLE + SB_HOST_PAD + 1;
  gboolean from_below = firewall && top_row;
  double end_y = from_below ? db->y + db->height : db->y;
  double mid_b = from_below ? end_y + SB_NODE_GAP_Y * 0.45
                 : top_row ? db_host->y - SB_HOST_GAP_Y / 2 : db->y - SB_NODE_GAP_Y * 0.55;
  double bx = db->x + db->width * (ax > db->x ? 0.8 : 0.2);

  push (route, ax, ay);
  push (route, ax, mid_a);
  if (app_host->y != db_host->y || ABS (mid_a - mid_b) > 0.5)
    {
      push (route, left_gap (app_host), mid_a);
      push (route, left_gap (app_host), mid_b);
    }
  push (route, bx, mid_b);
  push (route, bx, end_y);
  return route->n;
}

/* Two machines side by side in a row, with no machine between them. */
static gboolean
neighbours (const Ends *e)
{
  const SbRect *l = e->ha->x < e->hb->x ? e->ha : e->hb;
  const SbRect *r = l == e->ha ? e->hb : e->ha;

  if (ABS (e->ha->y - e->hb->y) > 0.5)
    return FALSE;
  for (guint i = 0; i < e->scenario->hosts->len; i++)
    {
      const SbRect *o = sb_layout_get_rect (e->layout,
                                            ((const SbHost *) g_ptr_array_index (e->scenario->hosts, i))->id);

      if (o && ABS (o->y - l->y) < 0.5 && o->x > l->x && o->x < r->x)
        return FALSE;
    }
  return TRUE;
}

/* Primary → replica on machines apart: out to the gap right of the
 * primary's machine, along the corridor under its row, and in from the
 * gap left of the replica's machine (a database row is empty at its
 * sides, so these lines cross no node). */
static guint
replication (const Ends *e,
             Route      *route)
{
  const SbRect *primary = e->a, *replica = e->b;
  double py = primary->y + primary->height / 2, ry = replica->y + replica->height / 2;
  double corridor = e->ha->y + e->ha->height + SB_HOST_GAP_Y / 2;

  push (route, primary->x + primary->width, py);
  push (route, right_gap (e->ha), py);
  push (route, right_gap (e->ha), corridor);
  push (route, left_gap (e->hb), corridor);
  push (route, left_gap (e->hb), ry);
  push (route, replica->x, ry);
  return route->n;
}

/* Inside a machine: straight between boxes side by side or one above the
 * other; else down to the gap between the rows, along it and down into
 * the lower box, so the line passes under no box. */
static guint
local (const Ends *e,
       Route      *route)
{
  double ax = e->a->x + e->a->width / 2, bx = e->b->x + e->b->width / 2;
  double lane;

  if (ABS (e->a->y - e->b->y) < 0.5 || ABS (ax - bx) < 0.5 || e->b->y < e->a->y + e->a->height)
    return straight (e->a, e->b, route);
  lane = e->b->y - SB_NODE_GAP_Y / 3;
  push (route, ax, e->a->y + e->a->height);
  push (route, ax, lane);
  push (route, bx, lane);
  push (route, bx, e->b->y);
  return route->n;
}

/* Agent → monitoring service: out to the gap beside the agent's host (on
 * the agent's side), up to the corridor over that host, along it to the
 * service's side and into it there, so the metrics cross no machine of
 * the site and leave the space under the service to its alerts. */
static guint
metrics (const Ends *e,
         Route      *route)
{
  const SbRect *agent = e->a, *host = e->ha, *service = e->b;
  gboolean left = agent->x + agent->width / 2 < host->x + host->width / 2;
  /* A lane of its own over the machines, above the one the requests
   * spread along, so the two never run together. */
  double ay = agent->y + agent->height / 2, corridor = host->y - SB_HOST_GAP_Y / 2 - SB_ROUTE_LANE;
  double gap = gap_beside (e, host, left ? SIDE_LEFT : SIDE_RIGHT);
  double sy = service->y + service->height / 2;
  gboolean from_left = gap < service->x + service->width / 2;
  double side_x = from_left ? service->x - SB_HOST_GAP_X / 2 : service->x + service->width + SB_HOST_GAP_X / 2;

  push (route, left ? agent->x : agent->x + agent->width, ay);
  push (route, gap, ay);
  push (route, gap, corridor);
  push (route, side_x, corridor);
  push (route, side_x, sy);
  push (route, from_left ? service->x : service->x + service->width, sy);
  return route->n;
}

guint
sb_route_link (const SbLayout   *layout,
               const SbScenario *scenario,
               const SbLink     *link,
               double           *xs,
               double           *ys)
{
  Route route = { xs, ys, 0 };
  Ends e = { layout, scenario };

  e.a_comp = sb_scenario_find_component (scenario, link->from);
  e.b_comp = sb_scenario_find_component (scenario, link->to);
  e.a = sb_layout_get_rect (layout, link->from);
  e.b = sb_layout_get_rect (layout, link->to);
  if (e.a == NULL || e.b == NULL || e.a_comp == NULL || e.b_comp == NULL)
    return 0;
  e.ha = host_rect (layout, e.a_comp);
  e.hb = host_rect (layout, e.b_comp);
  if (link->kind == SB_LINK_METRICS && e.ha && e.hb == NULL)
    return metrics (&e, &route);
  if (e.ha == e.hb)
    return e.ha ? local (&e, &route) : straight (e.a, e.b, &route);
  if (e.hb && e.hb->y > (e.ha ? e.ha->y + e.ha->height : e.a->y + e.a->height) - 0.5)
    return down_into_machine (&e, &route);
  if (e.ha && e.hb && neighbours (&e)
      && (link->kind == SB_LINK_REPLICATION || link->kind == SB_LINK_VRRP))
    return straight (e.a, e.b, &route);
  if ((link->kind == SB_LINK_REMOTE_WRITE || link->kind == SB_LINK_REMOTE_READ) && e.ha && e.hb)
    return remote_write (&e, e.b_comp->kind == SB_KIND_FIREWALL, &route);
  if (link->kind == SB_LINK_REPLICATION && e.ha && e.hb)
    return replication (&e, &route);
  return straight (e.a, e.b, &route);
}

guint
sb_route_hop (const SbLayout   *layout,
              const SbScenario *scenario,
              GArray           *links,
              const char       *from,
              const char       *to,
              double           *xs,
              double           *ys)
{
  for (guint i = 0; i < links->len; i++)
    {
      const SbLink *link = &g_array_index (links, SbLink, i);
      gboolean forward = g_str_equal (link->from, from) && g_str_equal (link->to, to);
      gboolean back = g_str_equal (link->from, to) && g_str_equal (link->to, from);
      guint n;

      if (!forward && !back)
        continue;
      n = sb_route_link (layout, scenario, link, xs, ys);
      /* A response runs the request's route backwards. */
      for (guint j = 0; back && j < n / 2; j++)
        {
          double tx = xs[j], ty = ys[j];
          xs[j] = xs[n - 1 - j]; ys[j] = ys[n - 1 - j];
          xs[n - 1 - j] = tx; ys[n - 1 - j] = ty;
        }
      return n;
    }
  {
    const SbRect *a = sb_layout_get_rect (layout, from);
    const SbRect *b = sb_layout_get_rect (layout, to);
    Route route = { xs, ys, 0 };

    return a && b ? straight (a, b, &route) : 0;
  }
}

void
sb_route_edge_point (const SbRect *r,
                     double        tx,
                     double        ty,
                     double       *x,
                     double       *y)
{
  double cx, cy, dx, dy, sx, sy, s;

  sb_rect_center (r, &cx, &cy);
  dx = tx - cx;
  dy = ty - cy;
  sx = dx != 0 ? (r->width / 2) / ABS (dx) : G_MAXDOUBLE;
  sy = dy != 0 ? (r->height / 2) / ABS (dy) : G_MAXDOUBLE;
  s = MIN (MIN (sx, sy), 1.0);
  *x = cx + dx * s;
  *y = cy + dy * s;
}

void
sb_route_point_at (const double *xs,
                   const double *ys,
                   guint         n,
                   double        t,
                   double       *x,
                   double       *y)
{
  double total = 0, walked = 0;

  for (guint i = 1; i < n; i++)
    total += hypot (xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
  t = CLAMP (t, 0, 1) * total;
  *x = n ? xs[0] : 0;
  *y = n ? ys[0] : 0;
  for (guint i = 1; i < n; i++)
    {
      double len = hypot (xs[i] - xs[i - 1], ys[i] - ys[i - 1]);

      if (walked + len >= t && len > 0)
        {
          *x = xs[i - 1] + (xs[i] - xs[i - 1]) * (t - walked) / len;
          *y = ys[i - 1] + (ys[i] - ys[i - 1]) * (t - walked) / len;
          return;
        }
      walked += len;
      *x = xs[i];
      *y = ys[i];
    }
}
