/* sb-route.c — the path each link takes on the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Links inside a host and links between neighbours are straight.  Links
 * that cross other hosts are routed orthogonally through the gaps between
 * host boxes (the column gaps and the corridors between rows), so a line
 * never runs over a node and links of a kind share their trunk like a bus.
 * Tokens follow the same routes, so a request never leaves its line.
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

static const SbRect *
host_rect (const SbLayout   *layout,
           const SbScenario *scenario,
           const char       *component)
{
  const SbComponent *comp = sb_scenario_find_component (scenario, component);

  return comp && comp->host ? sb_layout_get_rect (layout, comp->host) : NULL;
}

/* Two servers side by side under a load balancer read best as the
 * classic fork; more, or servers stacked, take the bus, whose lines never
 * cross a host's title or a node. */
static gboolean
use_bus (const SbLayout   *layout,
         const SbScenario *scenario)
{
  const GPtrArray *backends = scenario->balancer.backends;
  double y0 = 0;

  if (backends->len > 2)
    return TRUE;
  for (guint i = 0; i < backends->len; i++)
    {
      const SbRect *r = sb_layout_get_rect (layout, g_ptr_array_index (backends, i));

      if (r != NULL && i > 0 && r->y != y0)
        return TRUE;
      y0 = r ? r->y : y0;
    }
  return FALSE;
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

/* LB → web server: down the trunk to the corridor over the hosts, along
 * it to the gap left of the host, down that gap, into the web server. */
static guint
backend_bus (const SbRect *lb,
             const SbRect *web,
             const SbRect *host,
             double        corridor_y,
             Route        *route)
{
  double lx = lb->x + lb->width / 2, wy = web->y + web->height / 2;

  push (route, lx, lb->y + lb->height);
  push (route, lx, corridor_y);
  push (route, left_gap (host), corridor_y);
  push (route, left_gap (host), wy);
  push (route, web->x, wy);
  return route->n;
}

/* App → primary on another host, through the gap between the host's two
 * rows of nodes; across rows by the column gap left of the app's host. */
static guint
remote_write (const SbRect *app,
              const SbRect *app_host,
              const SbRect *db,
              const SbRect *db_host,
              gboolean      firewall,
              Route        *route)
{
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
  if (app_host->y != db_host->y)
    {
      push (route, left_gap (app_host), mid_a);
      push (route, left_gap (app_host), mid_b);
    }
  push (route, bx, mid_b);
  push (route, bx, end_y);
  return route->n;
}

/* Primary → replica: straight to the next host; else out to the gap right
 * of the primary's host, along the corridor under its row, and in from
 * the gap left of the replica's host (a database row is empty at its
 * sides, so these lines cross no node). */
static guint
replication (const SbRect *primary,
             const SbRect *p_host,
             const SbRect *replica,
             const SbRect *r_host,
             Route        *route)
{
  double py = primary->y + primary->height / 2, ry = replica->y + replica->height / 2;
  double corridor = p_host->y + p_host->height + SB_HOST_GAP_Y / 2;
  gboolean neighbour = p_host->y == r_host->y
                       && ABS (r_host->x - (p_host->x + p_host->width) - SB_HOST_GAP_X) < 1;

  if (neighbour || p_host == r_host)
    return straight (primary, replica, route);
  push (route, primary->x + primary->width, py);
  push (route, right_gap (p_host), py);
  push (route, right_gap (p_host), corridor);
  push (route, left_gap (r_host), corridor);
  push (route, left_gap (r_host), ry);
  push (route, replica->x, ry);
  return route->n;
}

/* Agent → monitoring service: out to the gap beside the agent's host (on
 * the agent's side), up to the corridor over that host, along it and up
 * into the service, so the metrics never cross a machine of the site. */
static guint
metrics (const SbRect *agent,
         const SbRect *host,
         const SbRect *service,
         Route        *route)
{
  gboolean left = agent->x + agent->width / 2 < host->x + host->width / 2;
  double ay = agent->y + agent->height / 2, corridor = host->y - SB_HOST_GAP_Y / 2;
  double gap = left ? left_gap (host) : right_gap (host);

  push (route, left ? agent->x : agent->x + agent->width, ay);
  push (route, gap, ay);
  push (route, gap, corridor);
  push (route, service->x + service->width / 2, corridor);
  push (route, service->x + service->width / 2, service->y + service->height);
  return route->n;
}

/* The top of the highest backend host: the bus runs just above it. */
static double
backends_top (const SbLayout   *layout,
              const SbScenario *scenario)
{
  const GPtrArray *backends = scenario->balancer.backends;
  double top = G_MAXDOUBLE;

  for (guint i = 0; i < backends->len; i++)
    {
      const SbRect *r = sb_layout_get_rect (layout, g_ptr_array_index (backends, i));
      top = r ? MIN (top, r->y) : top;
    }
  return top;
}

guint
sb_route_link (const SbLayout   *layout,
               const SbScenario *scenario,
               const SbLink     *link,
               double           *xs,
               double           *ys)
{
  const SbRect *a = sb_layout_get_rect (layout, link->from);
  const SbRect *b = sb_layout_get_rect (layout, link->to);
  const SbRect *ha = host_rect (layout, scenario, link->from);
  const SbRect *hb = host_rect (layout, scenario, link->to);
  Route route = { xs, ys, 0 };

  if (a == NULL || b == NULL)
    return 0;
  if (link->kind == SB_LINK_BACKEND && hb && use_bus (layout, scenario))
    return backend_bus (a, b, hb, backends_top (layout, scenario) - SB_TIER_GAP / 2, &route);
  if ((link->kind == SB_LINK_REMOTE_WRITE || link->kind == SB_LINK_REMOTE_READ) && ha && hb)
    {
      const SbComponent *to = sb_scenario_find_component (scenario, link->to);

      return remote_write (a, ha, b, hb, to->kind == SB_KIND_FIREWALL, &route);
    }
  if (link->kind == SB_LINK_REPLICATION && ha && hb)
    return replication (a, ha, b, hb, &route);
  if (link->kind == SB_LINK_METRICS && ha && hb == NULL)
    return metrics (a, ha, b, &route);
  return straight (a, b, &route);
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
