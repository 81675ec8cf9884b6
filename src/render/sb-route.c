/* sb-route.c — the path each link takes on the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines run level or upright, down the gaps between boxes and machines
 * and never through a box or machine they do not connect, nor under a
 * machine's title: each is the cheapest path, for its length and its
 * turns, on a grid of lines halfway between the edges of everything on
 * the board (so a grid line never grazes a box), from the middle of one
 * box to the middle of the other, cut where it leaves and enters them.
 * Lines of a bus (one kind, one end shared: a load balancer's backends,
 * the writes to the primary) share their trunk; any other two lines
 * that would run along each other are then moved a lane apart, so reads
 * and writes, or a request and the replication, stay two lines.  Routes
 * are computed once per layout, and tokens follow them, so a request
 * never leaves its line.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-route.h"
#include "sb-svg-text.h"

/* What a turn costs, in units of length: a line goes round a box rather
 * than zig-zag past it. */
#define BEND_COST       48.0
/* Along a line of the same bus; along a line that must stay apart. */
#define SHARED_COST      0.85
#define APART_COST       1.5
/* Running this close to a machine's frame costs more: lines keep to the
 * gaps' middles, not to the frames' edges. */
#define NEAR_FRAME      14.0
#define NEAR_FRAME_COST  2.5
/* A line between machines goes round the others and enters its own by
 * the side nearest its box, not through the machine. */
#define INSIDE_FRAME_COST 1.5
/* A request comes into a machine by its side, as into a building. */
#define INSIDE_FRAME_COST_REQUEST 2.5
/* How far out of everything the outermost grid lines go. */
#define OUTSIDE         34.0
/* Leaving or entering a box between it and its neighbour in its
 * machine's row, for a line from another machine. */
#define INNER_SIDE_COST 160.0
#define MAX_COVER        4
/* The narrowest space between two grown obstacles a line runs along. */
#define MIN_GAP         10.0
#define MAX_USERS        3
#define NO_STATE        -1

typedef struct {
  SbRect      r;        /* grown by the clearance */
  const char *id;       /* the box's or machine's id; NULL for a text */
  gboolean    frame;
  const char *from;     /* a caption's place: the link it is kept for */
  const char *to;
} Obstacle;

typedef struct {
  guint  n;
  double xs[SB_ROUTE_MAX_POINTS];
  double ys[SB_ROUTE_MAX_POINTS];
} Route;

typedef struct {
  SbLinkKind  kind;
  const char *from, *to;   /* in the routes' own string chunk */
} LinkKey;

struct _SbRoutes {
  const SbLayout *layout;
  GStringChunk   *strings;
  GHashTable     *routes;     /* "from\nto" → Route* */
  GArray         *obstacles;  /* Obstacle */
  GArray         *keys;       /* LinkKey, of the links routed with the layout */
  GArray         *checked;    /* SbLink: the links sb_route_prepare() saw last */
  /* The grid: its lines, and what covers each node. */
  double         *gx, *gy;
  guint           nx, ny;
  guint8         *n_cover;    /* 255: covered by more than MAX_COVER */
  guint16        *cover;
  guint8         *near_frame;
  guint8         *in_frame;   /* inside a machine's frame */
  gboolean        crossing;   /* the link routed joins two machines */
  gboolean        strict;     /* no grid edge of a line it may not share */
  guint8          inner_a;    /* the directions (1 << dir) that leave A, */
  guint8          inner_b;    /* or enter B, towards a box of its row */
  /* Which links use each grid edge (rightwards, downwards from a node). */
  gint16         *h_users;
  gint16         *v_users;
  /* The search's state, reused from link to link. */
  float          *g;
  gint32         *parent;
  guint32        *seen;
  guint32        *done;
  guint32         serial;
  guint32        *exempt;     /* per obstacle: the serial of the link it is exempt for */
};

static SbRoutes *
routes_of (const SbLayout *layout)
{
  return sb_layout_get_routes (layout);
}

gboolean
sb_links_may_share (SbLinkKind  kind_a,
                    const char *from_a,
                    const char *to_a,
                    SbLinkKind  kind_b,
                    const char *from_b,
                    const char *to_b)
{
  /* Every web server reaches every application server: one bus. */
  return kind_a == kind_b && (kind_a == SB_LINK_UPSTREAM || g_strcmp0 (from_a, from_b) == 0
                              || g_strcmp0 (to_a, to_b) == 0);
}

/* --- Obstacles ----------------------------------------------------------- */

static SbRect
grown (const SbRect *r,
       double        d)
{
  return (SbRect) { r->x - d, r->y - d, r->width + 2 * d, r->height + 2 * d };
}

static void
add_obstacle (SbRoutes     *self,
              const SbRect *r,
              const char   *id,
              gboolean      frame)
{
  Obstacle o = { grown (r, SB_ROUTE_CLEARANCE), id, frame, NULL, NULL };

  g_array_append_val (self->obstacles, o);
}

/* Every box, every machine, every machine's title, and the DNS record
 * under the DNS. */
static void
collect_obstacles (SbRoutes         *self,
                   const SbScenario *scenario)
{
  const SbLayoutMetrics *m = sb_layout_get_metrics (self->layout);
  const SbComponent *client = sb_scenario_find_kind (scenario, SB_KIND_CLIENT, NULL);
  SbRect note;

  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);
      const SbRect *r = sb_layout_get_rect (self->layout, c->id);
      const char *id = g_string_chunk_insert_const (self->strings, c->id);

      if (r == NULL)
        continue;
      if (c == client && scenario->traffic.clients > 1)
        {
          /* The stack of browsers behind the first one. */
          SbRect stack = { r->x - 16, r->y - 16, r->width + 16, r->height + 16 };

          add_obstacle (self, &stack, id, FALSE);
        }
      else
        add_obstacle (self, r, id, FALSE);
      if (c->kind == SB_KIND_MONITORING)
        {
          /* Its alerts go under it: the metrics come in from the sides. */
          SbRect alerts = { r->x - 20, r->y + r->height, r->width + 40, 2 * (1.2 * m->font + 12) };

          add_obstacle (self, &alerts, NULL, FALSE);
        }
    }
  for (guint i = 0; i < scenario->hosts->len; i++)
    {
      const SbHost *h = g_ptr_array_index (scenario->hosts, i);
      const SbRect *r = sb_layout_get_rect (self->layout, h->id);
      SbRect title;

      if (r == NULL)
        continue;
      add_obstacle (self, r, g_string_chunk_insert_const (self->strings, h->id), TRUE);
      /* The title bar, where the machine's name and address are and the
       * load balancer's view of it goes: lines enter by the sides. */
      title = (SbRect) { r->x, r->y, r->width, m->host_title };
      add_obstacle (self, &title, NULL, FALSE);
    }
  if (sb_layout_dns_note (self->layout, scenario, &note))
    add_obstacle (self, &note, NULL, FALSE);
}

/* --- The grid ------------------------------------------------------------ */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts LINES and drops those closer than half a unit to the one before. */
static void
sort_unique (GArray *lines)
{
  guint n = 0;

  g_array_sort (lines, compare_doubles);
  for (guint i = 0; i < lines->len; i++)
    if (n == 0 || g_array_index (lines, double, i) - g_array_index (lines, double, n - 1) > 0.5)
      g_array_index (lines, double, n++) = g_array_index (lines, double, i);
  g_array_set_size (lines, n);
}

/* The grid lines of one axis: halfway between consecutive edges of the
 * obstacles, through every obstacle's middle, and outside everything. */
static double *
axis_lines (GArray  *obstacles,
            gboolean vertical,
            double   end,
            guint   *n_out)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < obstacles->len; i++)
    {
      const Obstacle *o = &g_array_index (obstacles, Obstacle, i);
      double lo = vertical ? o->r.x : o->r.y, len = vertical ? o->r.width : o->r.height;
      double hi = lo + len, mid = lo + len / 2;

      g_array_append_val (edges, lo);
      g_array_append_val (edges, hi);
      g_array_append_val (lines, mid);
    }
  sort_unique (edges);
  for (guint i = 0; i + 1 < edges->len; i++)
    {
      double a = g_array_index (edges, double, i), b = g_array_index (edges, double, i + 1);
      double mid = (a + b) / 2;

      /* Not in a slit a line would be cramped in (between a title and
       * the boxes under it). */
      if (b - a >= MIN_GAP)
        g_array_append_val (lines, mid);
    }
  if (edges->len > 0)
    {
      /* Halfway to the board's edge at most; under everything, clear of
       * the notes about the whole board. */
      double first = g_array_index (edges, double, 0);
      double last = g_array_index (edges, double, edges->len - 1);
      double lo = MAX (first - OUTSIDE, first / 2);
      double hi = MIN (last + OUTSIDE, (last + end) / 2);

      g_array_append_val (lines, lo);
      g_array_append_val (lines, hi);
    }
  sort_unique (lines);
  *n_out = lines->len;
  return (double *) g_array_free (g_steal_pointer (&lines), FALSE);
}

/* The index of the first line above LO (lines strictly inside a range
 * start there). */
static guint
first_after (const double *lines,
             guint         n,
             double        lo)
{
  guint a = 0, b = n;

  while (a < b)
    {
      guint mid = (a + b) / 2;

      if (lines[mid] > lo)
        b = mid;
      else
        a = mid + 1;
    }
  return a;
}

static void
build_grid (SbRoutes *self)
{
  guint n;

  const SbLayoutMetrics *m = sb_layout_get_metrics (self->layout);

  self->gx = axis_lines (self->obstacles, TRUE, sb_layout_get_width (self->layout), &self->nx);
  /* The notes about the whole board go in its bottom margin. */
  double notes = sb_layout_get_height (self->layout) - m->margin / 2 - 0.6 * m->font - 6;

  self->gy = axis_lines (self->obstacles, FALSE, notes, &self->ny);
  n = self->nx * self->ny;
  self->n_cover = g_new0 (guint8, n);
  self->cover = g_new (guint16, (gsize) n * MAX_COVER);
  self->near_frame = g_new0 (guint8, n);
  self->in_frame = g_new0 (guint8, n);
  for (guint i = 0; i < self->obstacles->len; i++)
    {
      const Obstacle *o = &g_array_index (self->obstacles, Obstacle, i);
      guint x0 = first_after (self->gx, self->nx, o->r.x - 0.01);
      guint y0 = first_after (self->gy, self->ny, o->r.y - 0.01);

      for (guint iy = y0; iy < self->ny && self->gy[iy] < o->r.y + o->r.height + 0.01; iy++)
        for (guint ix = x0; ix < self->nx && self->gx[ix] < o->r.x + o->r.width + 0.01; ix++)
          {
            guint node = iy * self->nx + ix;

            self->in_frame[node] |= o->frame;
            if (self->n_cover[node] < MAX_COVER)
              self->cover[node * MAX_COVER + self->n_cover[node]++] = (guint16) i;
            else
              self->n_cover[node] = 255;
          }
      if (!o->frame)
        continue;
      /* Nodes within reach of the frame's edges (the obstacle is the frame
       * grown by the clearance). */
      for (guint iy = first_after (self->gy, self->ny, o->r.y - NEAR_FRAME);
           iy < self->ny && self->gy[iy] < o->r.y + o->r.height + NEAR_FRAME; iy++)
        for (guint ix = first_after (self->gx, self->nx, o->r.x - NEAR_FRAME);
             ix < self->nx && self->gx[ix] < o->r.x + o->r.width + NEAR_FRAME; ix++)
          {
            double x = self->gx[ix], y = self->gy[iy], c = SB_ROUTE_CLEARANCE;
            gboolean near = fabs (x - (o->r.x + c)) < NEAR_FRAME
                            || fabs (x - (o->r.x + o->r.width - c)) < NEAR_FRAME
                            || fabs (y - (o->r.y + c)) < NEAR_FRAME
                            || fabs (y - (o->r.y + o->r.height - c)) < NEAR_FRAME;

            self->near_frame[iy * self->nx + ix] |= near;
          }
    }
  self->h_users = g_new (gint16, (gsize) n * MAX_USERS);
  self->v_users = g_new (gint16, (gsize) n * MAX_USERS);
  memset (self->h_users, 0xff, sizeof (gint16) * n * MAX_USERS);
  memset (self->v_users, 0xff, sizeof (gint16) * n * MAX_USERS);
  self->g = g_new (float, (gsize) n * 5);
  self->parent = g_new (gint32, (gsize) n * 5);
  self->seen = g_new0 (guint32, (gsize) n * 5);
  self->done = g_new0 (guint32, (gsize) n * 5);
  self->exempt = g_new0 (guint32, self->obstacles->len);
}

static gboolean
node_free (const SbRoutes *self,
           guint           node)
{
  guint8 n = self->n_cover[node];

  if (n == 255)
    return FALSE;
  for (guint k = 0; k < n; k++)
    if (self->exempt[self->cover[node * MAX_COVER + k]] != self->serial)
      return FALSE;
  return TRUE;
}

/* The node nearest to (x, y). */
static guint
nearest_node (const SbRoutes *self,
              double          x,
              double          y)
{
  guint ix = first_after (self->gx, self->nx, x), iy = first_after (self->gy, self->ny, y);

  if (ix > 0 && (ix == self->nx || x - self->gx[ix - 1] < self->gx[ix] - x))
    ix--;
  if (iy > 0 && (iy == self->ny || y - self->gy[iy - 1] < self->gy[iy] - y))
    iy--;
  return iy * self->nx + ix;
}

/* --- The search ---------------------------------------------------------- */

typedef struct {
  float  f;
  gint32 state;
} HeapItem;

static void
heap_push (GArray *heap,
           float   f,
           gint32  state)
{
  HeapItem item = { f, state };
  guint i = heap->len;

  g_array_append_val (heap, item);
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      HeapItem *h = (HeapItem *) (gpointer) heap->data;

      if (h[parent].f <= h[i].f)
        break;
      item = h[parent];
      h[parent] = h[i];
      h[i] = item;
      i = parent;
    }
}

static HeapItem
heap_pop (GArray *heap)
{
  HeapItem *h = (HeapItem *) (gpointer) heap->data, top = h[0];
  guint i = 0, n = heap->len - 1;

  h[0] = h[n];
  g_array_set_size (heap, n);
  h = (HeapItem *) (gpointer) heap->data;
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      HeapItem t;

      if (l < n && h[l].f < h[m].f)
        m = l;
      if (r < n && h[r].f < h[m].f)
        m = r;
      if (m == i)
        break;
      t = h[m];
      h[m] = h[i];
      h[i] = t;
      i = m;
    }
  return top;
}

/* How much moving along the grid edge from NODE in direction DIR (0 → x+,
 * 2 → y+; the opposite directions use the neighbour's edge) costs per
 * unit for link LINK. */
static double
edge_factor (const SbRoutes *self,
             const LinkKey  *link,
             guint           node,
             guint           next,
             int             dir)
{
  guint edge = dir == 0 || dir == 2 ? node : next;
  const gint16 *users = (dir < 2 ? self->h_users : self->v_users) + (gsize) edge * MAX_USERS;
  double factor = 1.0;

  for (guint k = 0; k < MAX_USERS && users[k] >= 0; k++)
    {
      const LinkKey *other = &g_array_index (self->keys, LinkKey, users[k]);

      if (!sb_links_may_share (link->kind, link->from, link->to, other->kind, other->from, other->to))
        return self->strict ? -1 : APART_COST;
      factor = SHARED_COST;
    }
  if (self->near_frame[node] || self->near_frame[next])
    factor *= NEAR_FRAME_COST;
  if (self->crossing && (self->in_frame[node] || self->in_frame[next]))
    factor *= link->kind == SB_LINK_BACKEND || link->kind == SB_LINK_HTTP ? INSIDE_FRAME_COST_REQUEST
                                                                          : INSIDE_FRAME_COST;
  return factor;
}

static const int DX[4] = { 1, -1, 0, 0 };
static const int DY[4] = { 0, 0, 1, -1 };

/* The cheapest path from node START to node GOAL for LINK, as nodes from
 * the goal back to the start into PATH; FALSE when there is none. */
static gboolean
search (SbRoutes      *self,
        const LinkKey *link,
        guint          start,
        guint          goal,
        GArray        *path)
{
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  double gxg = self->gx[goal % self->nx], gyg = self->gy[goal / self->nx];
  gint32 first = (gint32) start * 5 + 4;

  self->seen[first] = self->serial;
  self->g[first] = 0;
  self->parent[first] = NO_STATE;
  heap_push (heap, 0, first);
  while (heap->len > 0)
    {
      HeapItem item = heap_pop (heap);
      gint32 state = item.state;
      guint node = (guint) state / 5;
      int dir = state % 5;
      guint ix = node % self->nx, iy = node / self->nx;

      if (self->done[state] == self->serial)
        continue;
      self->done[state] = self->serial;
      if (node == goal)
        {
          for (gint32 s = state; s != NO_STATE; s = self->parent[s])
            {
              guint n = (guint) s / 5;

              g_array_append_val (path, n);
            }
          return TRUE;
        }
      for (int d = 0; d < 4; d++)
        {
          int jx = (int) ix + DX[d], jy = (int) iy + DY[d];
          guint next;
          gint32 to;
          double len, cost, h, factor;

          if (dir != 4 && (d ^ 1) == dir)
            continue;
          if (jx < 0 || jy < 0 || jx >= (int) self->nx || jy >= (int) self->ny)
            continue;
          next = (guint) jy * self->nx + (guint) jx;
          if (!node_free (self, next))
            continue;
          to = (gint32) next * 5 + d;
          len = fabs (self->gx[jx] - self->gx[ix]) + fabs (self->gy[jy] - self->gy[iy]);
          factor = edge_factor (self, link, node, next, d);
          if (factor < 0)
            continue;
          cost = self->g[state] + len * factor
                 + (dir != 4 && dir != d ? BEND_COST : 0)
                 + (dir == 4 && (self->inner_a & 1 << d) ? INNER_SIDE_COST : 0)
                 + (next == goal && (self->inner_b & 1 << d) ? INNER_SIDE_COST : 0);
          if (self->seen[to] == self->serial && self->g[to] <= cost)
            continue;
          self->seen[to] = self->serial;
          self->g[to] = (float) cost;
          self->parent[to] = state;
          h = SHARED_COST * (fabs (self->gx[jx] - gxg) + fabs (self->gy[jy] - gyg));
          heap_push (heap, (float) (cost + h), to);
        }
    }
  return FALSE;
}

/* Notes that LINK (its index in keys) uses the grid edges of PATH. */
static void
mark_users (SbRoutes *self,
            gint16    link,
            GArray   *path)
{
  for (guint i = 0; i + 1 < path->len; i++)
    {
      guint a = g_array_index (path, guint, i), b = g_array_index (path, guint, i + 1);
      guint lo = MIN (a, b);
      gint16 *users = (b - a == 1 || a - b == 1 ? self->h_users : self->v_users)
                      + (gsize) lo * MAX_USERS;

      for (guint k = 0; k < MAX_USERS; k++)
        if (users[k] < 0 || users[k] == link)
          {
            users[k] = link;
            break;
          }
    }
}

/* Notes that LINK uses the grid edges along the level or upright
 * segment from (X0, Y0) to (X1, Y1), when it lies on a grid line. */
static void
mark_segment (SbRoutes *self,
              gint16    link,
              double    x0,
              double    y0,
              double    x1,
              double    y1)
{
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  guint a = nearest_node (self, x0, y0), b = nearest_node (self, x1, y1);
  guint ax = a % self->nx, ay = a / self->nx, bx = b % self->nx, by = b / self->nx;

  if ((ax != bx && ay != by) || (ax == bx && fabs (self->gx[ax] - x0) > 0.5)
      || (ay == by && fabs (self->gy[ay] - y0) > 0.5))
    return;
  for (guint x = MIN (ax, bx); x <= MAX (ax, bx); x++)
    for (guint y = MIN (ay, by); y <= MAX (ay, by); y++)
      {
        guint node = y * self->nx + x;

        g_array_append_val (path, node);
      }
  mark_users (self, link, path);
}

/* Where the polyline from inside R, starting at point FIRST, leaves R. */
static guint
leave_box (const SbRect *r,
           double       *xs,
           double       *ys,
           guint         n)
{
  for (guint i = 1; i < n; i++)
    {
      if (sb_rect_contains (r, xs[i], ys[i]))
        continue;
      /* Segment i-1 → i leaves R: cut it at R's edge. */
      if (xs[i] == xs[i - 1])
        ys[i - 1] = ys[i] > ys[i - 1] ? r->y + r->height : r->y;
      else
        xs[i - 1] = xs[i] > xs[i - 1] ? r->x + r->width : r->x;
      memmove (xs, xs + i - 1, (n - i + 1) * sizeof (double));
      memmove (ys, ys + i - 1, (n - i + 1) * sizeof (double));
      return n - i + 1;
    }
  return n;
}

static void
reverse (double *xs,
         double *ys,
         guint   n)
{
  for (guint j = 0; j < n / 2; j++)
    {
      double tx = xs[j], ty = ys[j];

      xs[j] = xs[n - 1 - j];
      ys[j] = ys[n - 1 - j];
      xs[n - 1 - j] = tx;
      ys[n - 1 - j] = ty;
    }
}

/* The straight line between the edges of A and B: when no path is clear. */
static void
straight (const SbRect *a,
          const SbRect *b,
          Route        *route)
{
  double ax, ay, bx, by;

  sb_rect_center (a, &ax, &ay);
  sb_rect_center (b, &bx, &by);
  sb_route_edge_point (a, bx, by, &route->xs[0], &route->ys[0]);
  sb_route_edge_point (b, ax, ay, &route->xs[1], &route->ys[1]);
  route->n = 2;
}

/* The path's corners, from A's edge to B's. */
static gboolean
path_to_route (SbRoutes     *self,
               GArray       *path,
               const SbRect *a,
               const SbRect *b,
               Route        *route)
{
  double xs[4 * SB_ROUTE_MAX_POINTS], ys[4 * SB_ROUTE_MAX_POINTS];
  guint n = 0;

  /* PATH runs from the goal back to the start: keep its corners. */
  for (guint i = path->len; i-- > 0; )
    {
      guint node = g_array_index (path, guint, i);
      double x = self->gx[node % self->nx], y = self->gy[node / self->nx];

      if (n >= 2 && ((xs[n - 1] == x && xs[n - 2] == x) || (ys[n - 1] == y && ys[n - 2] == y)))
        n--;
      if (n == G_N_ELEMENTS (xs))
        return FALSE;
      xs[n] = x;
      ys[n] = y;
      n++;
    }
  if (n < 2)
    return FALSE;
  n = leave_box (a, xs, ys, n);
  reverse (xs, ys, n);
  n = leave_box (b, xs, ys, n);
  reverse (xs, ys, n);
  if (n < 2 || n > SB_ROUTE_MAX_POINTS)
    return FALSE;
  memcpy (route->xs, xs, n * sizeof (double));
  memcpy (route->ys, ys, n * sizeof (double));
  route->n = n;
  return TRUE;
}

/* Whether the segment from (X0, Y0) to (X1, Y1) stays clear of every
 * obstacle but those of the link's ends. */
static gboolean
segment_clear (const SbRoutes *self,
               double          x0,
               double          y0,
               double          x1,
               double          y1)
{
  double lx = MIN (x0, x1), hx = MAX (x0, x1), ly = MIN (y0, y1), hy = MAX (y0, y1);

  for (guint i = 0; i < self->obstacles->len; i++)
    {
      const SbRect *r = &g_array_index (self->obstacles, Obstacle, i).r;

      if (self->exempt[i] == self->serial)
        continue;
      if (lx < r->x + r->width && hx > r->x && ly < r->y + r->height && hy > r->y)
        return FALSE;
    }
  return TRUE;
}

/* A straight line between A and B when they face each other (side by
 * side or one over the other) and nothing is between them: through the
 * middle of what their sides share. */
static gboolean
straight_across (const SbRoutes *self,
                 const SbRect   *a,
                 const SbRect   *b,
                 Route          *route)
{
  double lo, hi, c;

  lo = MAX (a->y, b->y);
  hi = MIN (a->y + a->height, b->y + b->height);
  if (hi - lo > 20 && (a->x + a->width < b->x || b->x + b->width < a->x))
    {
      double x0 = a->x < b->x ? a->x + a->width : a->x, x1 = a->x < b->x ? b->x : b->x + b->width;

      c = a->y + a->height / 2;
      if (c < lo || c > hi)
        c = (lo + hi) / 2;
      if (!segment_clear (self, x0, c, x1, c))
        return FALSE;
      *route = (Route) { 2, { x0, x1 }, { c, c } };
      return TRUE;
    }
  lo = MAX (a->x, b->x);
  hi = MIN (a->x + a->width, b->x + b->width);
  if (hi - lo > 20 && (a->y + a->height < b->y || b->y + b->height < a->y))
    {
      double y0 = a->y < b->y ? a->y + a->height : a->y, y1 = a->y < b->y ? b->y : b->y + b->height;

      c = a->x + a->width / 2;
      if (c < lo || c > hi)
        c = (lo + hi) / 2;
      if (!segment_clear (self, c, y0, c, y1))
        return FALSE;
      *route = (Route) { 2, { c, c }, { y0, y1 } };
      return TRUE;
    }
  return FALSE;
}

/* The directions from box ID's middle that meet another box of its
 * machine's row before its frame: 1 << 0 rightwards, 1 << 1 leftwards. */
static guint8
inner_sides (const SbRoutes   *self,
             const SbScenario *scenario,
             const SbComponent *comp)
{
  const SbRect *r = sb_layout_get_rect (self->layout, comp->id);
  guint8 sides = 0;

  for (guint i = 0; comp->host && i < scenario->components->len; i++)
    {
      const SbComponent *o = g_ptr_array_index (scenario->components, i);
      const SbRect *q;

      if (o == comp || g_strcmp0 (o->host, comp->host) != 0
          || (q = sb_layout_get_rect (self->layout, o->id)) == NULL
          || q->y >= r->y + r->height || q->y + q->height <= r->y)
        continue;
      sides |= q->x > r->x ? 1 << 0 : 1 << 1;
    }
  return sides;
}

/* Lets the search pass through the boxes and machines of LINK's ends. */
static void
exempt_ends (SbRoutes         *self,
             const SbScenario *scenario,
             const LinkKey    *link)
{
  const SbComponent *a = sb_scenario_find_component (scenario, link->from);
  const SbComponent *b = sb_scenario_find_component (scenario, link->to);

  self->crossing = a == NULL || b == NULL || g_strcmp0 (a->host, b->host) != 0;
  /* Entering B moving rightwards means through its left side. */
  self->inner_a = self->crossing && a ? inner_sides (self, scenario, a) : 0;
  self->inner_b = self->crossing && b ? inner_sides (self, scenario, b) : 0;
  self->inner_b = (guint8) ((self->inner_b & 1) << 1 | (self->inner_b & 2) >> 1);
  for (guint i = 0; i < self->obstacles->len; i++)
    {
      const Obstacle *o = &g_array_index (self->obstacles, Obstacle, i);
      const char *id = o->id;

      if (o->from && g_str_equal (o->from, link->from) && g_str_equal (o->to, link->to))
        self->exempt[i] = self->serial;
      if (id && (g_str_equal (id, link->from) || g_str_equal (id, link->to)
                 || (a && g_strcmp0 (id, a->host) == 0) || (b && g_strcmp0 (id, b->host) == 0)))
        self->exempt[i] = self->serial;
    }
}

/* Routes LINK (index INDEX in keys, or -1 for a link routed alone). */
static void
route_one (SbRoutes         *self,
           const SbScenario *scenario,
           const LinkKey    *link,
           gint16            index,
           Route            *route)
{
  const SbRect *a = sb_layout_get_rect (self->layout, link->from);
  const SbRect *b = sb_layout_get_rect (self->layout, link->to);
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  double ax, ay, bx, by;

  route->n = 0;
  if (a == NULL || b == NULL)
    return;
  self->serial++;
  exempt_ends (self, scenario, link);
  if (straight_across (self, a, b, route))
    {
      if (index >= 0)
        mark_segment (self, index, route->xs[0], route->ys[0], route->xs[1], route->ys[1]);
      return;
    }
  sb_rect_center (a, &ax, &ay);
  sb_rect_center (b, &bx, &by);
  if (self->nx > 0 && self->ny > 0
      && search (self, link, nearest_node (self, ax, ay), nearest_node (self, bx, by), path)
      && path_to_route (self, path, a, b, route))
    {
      if (index >= 0)
        mark_users (self, index, path);
      return;
    }
  straight (a, b, route);
}

/* --- Lanes --------------------------------------------------------------- */

typedef struct {
  Route   *route;
  guint    link;       /* index in keys */
  guint    i;          /* the segment from point i - 1 to point i */
  gboolean vertical;
  double   c, lo, hi;
  int      lane;
  gint64   key;        /* C in tenths: lines a rounding apart are one */
} Segment;

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const Segment *x = a, *y = b;

  if (x->vertical != y->vertical)
    return x->vertical - y->vertical;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return (x->lo > y->lo) - (x->lo < y->lo);
}

/* How far a line at C may move each way along [LO, HI] before it nears
 * something it does not pass through. */
static void
room_around (const SbRoutes *self,
             gboolean        vertical,
             double          c,
             double          lo,
             double          hi,
             double         *below,
             double         *above)
{
  *below = *above = SB_ROUTE_LANE * 4;
  for (guint i = 0; i < self->obstacles->len; i++)
    {
      const SbRect *r = &g_array_index (self->obstacles, Obstacle, i).r;
      double a0 = vertical ? r->x : r->y, a1 = a0 + (vertical ? r->width : r->height);
      double b0 = vertical ? r->y : r->x, b1 = b0 + (vertical ? r->height : r->width);

      if (b1 <= lo || b0 >= hi || (a0 < c && a1 > c))
        continue;
      if (a1 <= c)
        *below = MIN (*below, c - a1);
      else
        *above = MIN (*above, a0 - c);
    }
}

/* Spreads the segments of CLUSTER (N of them, on one line) that may not
 * share it into lanes side by side. */
static gboolean
spread_cluster (SbRoutes *self,
                Segment  *cluster,
                guint     n)
{
  int lanes = 0;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, below, above, width, centre;

  for (guint i = 0; i < n; i++)
    {
      Segment *s = &cluster[i];
      const LinkKey *ks = &g_array_index (self->keys, LinkKey, s->link);

      s->lane = -1;
      for (int lane = 0; lane < lanes && s->lane < 0; lane++)
        {
          gboolean fits = TRUE;

          for (guint j = 0; j < i && fits; j++)
            {
              const LinkKey *kj = &g_array_index (self->keys, LinkKey, cluster[j].link);

              if (cluster[j].lane == lane && cluster[j].link != s->link)
                fits = sb_links_may_share (ks->kind, ks->from, ks->to, kj->kind, kj->from, kj->to);
            }
          if (fits)
            s->lane = lane;
        }
      if (s->lane < 0)
        s->lane = lanes++;
      lo = MIN (lo, s->lo);
      hi = MAX (hi, s->hi);
    }
  if (lanes < 2)
    return FALSE;
  room_around (self, cluster[0].vertical, cluster[0].c, lo, hi, &below, &above);
  width = MIN (SB_ROUTE_LANE, (below + above - 2) / (lanes - 1));
  centre = CLAMP (0, -below + 1 + width * (lanes - 1) / 2, above - 1 - width * (lanes - 1) / 2);
  for (guint i = 0; i < n; i++)
    {
      Segment *s = &cluster[i];
      double offset = centre + (s->lane - (lanes - 1) / 2.0) * width;

      if (s->vertical)
        s->route->xs[s->i - 1] = s->route->xs[s->i] = s->c + offset;
      else
        s->route->ys[s->i - 1] = s->route->ys[s->i] = s->c + offset;
    }
  return TRUE;
}

/* Lines of different buses that run along one line go a lane apart;
 * moving a segment stretches its neighbours, which may then run along
 * another line: again, until nothing moves (a few rounds at most). */
static gboolean spread_round (SbRoutes *self,
                              Route   **routes,
                              guint     n_routes);

static void
spread_lanes (SbRoutes *self,
              Route   **routes,
              guint     n_routes)
{
  for (int round = 0; round < 4 && spread_round (self, routes, n_routes); round++)
    ;
}

static gboolean
spread_round (SbRoutes *self,
              Route   **routes,
              guint     n_routes)
{
  gboolean moved = FALSE;
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));

  for (guint r = 0; r < n_routes; r++)
    for (guint i = 1; routes[r] && i < routes[r]->n; i++)
      {
        Route *route = routes[r];
        gboolean vertical = fabs (route->xs[i] - route->xs[i - 1]) < 0.01;
        Segment s = { route, r, i, vertical,
                      vertical ? route->xs[i] : route->ys[i],
                      vertical ? MIN (route->ys[i], route->ys[i - 1]) : MIN (route->xs[i], route->xs[i - 1]),
                      vertical ? MAX (route->ys[i], route->ys[i - 1]) : MAX (route->xs[i], route->xs[i - 1]),
                      -1, 0 };

        if (!vertical && fabs (route->ys[i] - route->ys[i - 1]) > 0.01)
          continue;
        s.key = (gint64) llround (s.c * 10);
        g_array_append_val (segments, s);
      }
  g_array_sort (segments, compare_segments);
  for (guint i = 0; i < segments->len; )
    {
      Segment *first = &g_array_index (segments, Segment, i);
      double reach = first->hi;
      guint j = i + 1;

      while (j < segments->len)
        {
          Segment *s = &g_array_index (segments, Segment, j);

          if (s->vertical != first->vertical || s->key != first->key || s->lo > reach - 1)
            break;
          reach = MAX (reach, s->hi);
          j++;
        }
      if (j - i > 1)
        moved |= spread_cluster (self, first, j - i);
      i = j;
    }
  return moved;
}

/* Lines that read best straight are routed first, so the others go
 * round them: heartbeats and replication along their row, the lines
 * inside a machine, then the requests' way down, the writes and reads
 * across, the metrics last. */
static int
route_order (SbLinkKind kind)
{
  switch (kind)
    {
    case SB_LINK_VRRP:
      return 0;
    case SB_LINK_REPLICATION:
      return 1;
    case SB_LINK_LOCAL:
      return 2;
    case SB_LINK_DNS_LOOKUP:
      return 3;
    case SB_LINK_HTTP:
      return 4;
    case SB_LINK_BACKEND:
      return 5;
    case SB_LINK_UPSTREAM:
      return 6;
    case SB_LINK_REMOTE_WRITE:
      return 7;
    case SB_LINK_REMOTE_READ:
      return 8;
    case SB_LINK_METRICS:
    default:
      return 9;
    }
}

/* A segment of a route: from point I - 1 to point I of ROUTE, link LINK. */
typedef struct {
  Route *route;
  guint  link;      /* index in keys */
  guint  i;
} Piece;

/* Where a segment lies: on the upright line x = C, or the level line
 * y = C, from LO to HI; FALSE for a slanting one. */
static gboolean
piece_geometry (const Piece *s,
                  gboolean      *vertical,
                  double        *c,
                  double        *lo,
                  double        *hi)
{
  const double *xs = s->route->xs, *ys = s->route->ys;
  guint i = s->i;

  *vertical = fabs (xs[i] - xs[i - 1]) < 0.01;
  if (!*vertical && fabs (ys[i] - ys[i - 1]) > 0.01)
    return FALSE;
  *c = *vertical ? xs[i] : ys[i];
  *lo = *vertical ? MIN (ys[i], ys[i - 1]) : MIN (xs[i], xs[i - 1]);
  *hi = *vertical ? MAX (ys[i], ys[i - 1]) : MAX (xs[i], xs[i - 1]);
  return TRUE;
}

/* Whether segment S, were it on line C, would run along one of the N
 * segments in OTHERS of a line it may not share. */
static gboolean
runs_along (const SbRoutes *self,
            const Piece  *s,
            double          c,
            const Piece  *others,
            guint           n)
{
  const LinkKey *ks = &g_array_index (self->keys, LinkKey, s->link);
  gboolean vertical, v;
  double c0, lo, hi, oc, olo, ohi;

  if (!piece_geometry (s, &vertical, &c0, &lo, &hi))
    return FALSE;
  for (guint j = 0; j < n; j++)
    {
      const Piece *o = &others[j];
      const LinkKey *ko = &g_array_index (self->keys, LinkKey, o->link);

      if (o == s || o->link == s->link || !piece_geometry (o, &v, &oc, &olo, &ohi) || v != vertical
          || fabs (oc - c) > 3.5 || MIN (hi, ohi) - MAX (lo, olo) <= 2
          || sb_links_may_share (ks->kind, ks->from, ks->to, ko->kind, ko->from, ko->to))
        continue;
      return TRUE;
    }
  return FALSE;
}

/* Whether a segment moved from line C0 to line C, along [LO, HI], would
 * come near an obstacle it was clear of. */
static gboolean
moves_into (const SbRoutes *self,
            gboolean        vertical,
            double          c0,
            double          c,
            double          lo,
            double          hi)
{
  for (guint i = 0; i < self->obstacles->len; i++)
    {
      const SbRect *r = &g_array_index (self->obstacles, Obstacle, i).r;
      double a0 = vertical ? r->x : r->y, a1 = a0 + (vertical ? r->width : r->height);
      double b0 = vertical ? r->y : r->x, b1 = b0 + (vertical ? r->height : r->width);

      if (b1 <= lo || b0 >= hi || (a0 < c0 && a1 > c0))
        continue;
      if (a0 <= c && a1 >= c)
        return TRUE;
    }
  return FALSE;
}

/* Moves segment S to line C: its two points; the segments on either
 * side stretch to follow. */
static void
move_piece (Piece *s,
              gboolean vertical,
              double   c)
{
  if (vertical)
    s->route->xs[s->i - 1] = s->route->xs[s->i] = c;
  else
    s->route->ys[s->i - 1] = s->route->ys[s->i] = c;
}

/* What the lanes left running along a line of another bus (a segment
 * stretched by its neighbour's move): each such segment, in the order
 * the lines were routed, moves to the nearest line, half a lane at a
 * time, where it runs along nothing before it and nears nothing it was
 * clear of. */
static GArray *
fix_leftovers (SbRoutes *self,
               Route   **routes,
               guint     n_routes)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  GArray *stuck = g_array_new (FALSE, FALSE, sizeof (guint));

  for (int order = 0; order <= route_order (SB_LINK_METRICS); order++)
    for (guint r = 0; r < n_routes; r++)
      for (guint i = 1; routes[r] && i < routes[r]->n; i++)
        {
          Piece p = { routes[r], r, i };

          if (route_order (g_array_index (self->keys, LinkKey, r).kind) == order)
            g_array_append_val (pieces, p);
        }
  for (guint k = 0; k < pieces->len; k++)
    {
      Piece *p = &g_array_index (pieces, Piece, k);
      const Piece *all = (const Piece *) (gpointer) pieces->data;
      gboolean vertical;
      double c, lo, hi;

      if (!piece_geometry (p, &vertical, &c, &lo, &hi)
          || !runs_along (self, p, c, all, pieces->len))
        continue;
      for (int step = 1; step <= 9; step++)
        {
          double d = (step + 1) / 2 * SB_ROUTE_LANE / 2 * (step % 2 ? 1 : -1);

          if (step == 9)
            g_array_append_val (stuck, p->link);
          else if (!runs_along (self, p, c + d, all, pieces->len)
                   && !moves_into (self, vertical, c, c + d, lo, hi))
            {
              move_piece (p, vertical, c + d);
              break;
            }
        }
    }
  return stuck;
}

/* --- The routes of a layout ---------------------------------------------- */

/* A route's key on the stack, for a lookup that allocates nothing; ids
 * too long for it give an empty key, which finds nothing. */
#define KEY_SIZE 256

static const char *
stack_key (char       *buffer,
           const char *from,
           const char *to)
{
  if (g_snprintf (buffer, KEY_SIZE, "%s\n%s", from, to) >= KEY_SIZE)
    buffer[0] = '\0';
  return buffer;
}

static char *
route_key (const char *from,
           const char *to)
{
  return g_strconcat (from, "\n", to, NULL);
}


/* The heartbeat between load balancers and the replication between
 * databases run straight across the gap between their machines, and
 * their captions go in the middle of it: other lines keep off that
 * place, as off a box. */
static void
reserve_captions (SbRoutes         *self,
                  const SbScenario *scenario)
{
  const SbLayoutMetrics *m = sb_layout_get_metrics (self->layout);
  g_autoptr(GArray) links = sb_links_derive (scenario);
  gboolean done[2] = { FALSE, FALSE };

  self->exempt = g_new0 (guint32, self->obstacles->len);
  for (guint i = 0; i < links->len; i++)
    {
      const SbLink *link = &g_array_index (links, SbLink, i);
      gboolean vrrp = link->kind == SB_LINK_VRRP;
      const SbRect *a = sb_layout_get_rect (self->layout, link->from);
      const SbRect *b = sb_layout_get_rect (self->layout, link->to);
      LinkKey key = { link->kind, link->from, link->to };
      double w, h, mx, my;
      Route route;
      SbRect zone;
      Obstacle *o;

      if ((!vrrp && link->kind != SB_LINK_REPLICATION) || done[vrrp] || a == NULL || b == NULL)
        continue;
      self->serial++;
      exempt_ends (self, scenario, &key);
      if (!straight_across (self, a, b, &route))
        continue;
      done[vrrp] = TRUE;
      w = sb_text_width (vrrp ? _("VRRP heartbeat") : _("async replication"), m->font) + 16;
      h = 1.2 * m->font + 4;
      mx = (route.xs[0] + route.xs[1]) / 2;
      my = (route.ys[0] + route.ys[1]) / 2;
      /* Where the captions go first (sb-render.c): over a level line for
       * the replication, on it for the heartbeat, beside an upright one. */
      if (route.xs[0] == route.xs[1])
        zone = (SbRect) { mx + 12, my - h / 2, w, h };
      else
        zone = (SbRect) { mx - w / 2, my - h / 2 - (vrrp ? 0 : 20), w, h };
      add_obstacle (self, &zone, NULL, FALSE);
      /* The next link's check reads the new obstacle's exemption too. */
      self->exempt = g_renew (guint32, self->exempt, self->obstacles->len);
      self->exempt[self->obstacles->len - 1] = 0;
      o = &g_array_index (self->obstacles, Obstacle, self->obstacles->len - 1);
      o->from = g_string_chunk_insert_const (self->strings, link->from);
      o->to = g_string_chunk_insert_const (self->strings, link->to);
    }
  g_clear_pointer (&self->exempt, g_free);
  self->serial++;
}

/* Routes every link of SCENARIO, replacing what was routed before. */
static void
route_all (SbRoutes         *self,
           const SbScenario *scenario)
{
  g_autoptr(GArray) links = sb_links_derive (scenario);
  g_autofree Route **routes = g_new0 (Route *, links->len);
  g_autoptr(GArray) stuck = NULL;
  gsize n = (gsize) self->nx * self->ny * MAX_USERS;

  g_hash_table_remove_all (self->routes);
  g_array_set_size (self->keys, 0);
  memset (self->h_users, 0xff, sizeof (gint16) * n);
  memset (self->v_users, 0xff, sizeof (gint16) * n);
  for (guint i = 0; i < links->len && i < G_MAXINT16; i++)
    {
      const SbLink *link = &g_array_index (links, SbLink, i);
      LinkKey key = { link->kind, g_string_chunk_insert_const (self->strings, link->from),
                      g_string_chunk_insert_const (self->strings, link->to) };

      g_array_append_val (self->keys, key);
    }
  for (int order = 0; order <= route_order (SB_LINK_METRICS); order++)
    for (guint i = 0; i < self->keys->len; i++)
      {
        const LinkKey *key = &g_array_index (self->keys, LinkKey, i);
        char *k;

        if (route_order (key->kind) != order)
          continue;
        k = route_key (key->from, key->to);
        if (g_hash_table_contains (self->routes, k))
          {
            g_free (k);
            continue;
          }
        routes[i] = g_new0 (Route, 1);
        route_one (self, scenario, key, (gint16) i, routes[i]);
        g_hash_table_insert (self->routes, k, routes[i]);
      }
  spread_lanes (self, routes, self->keys->len);
  stuck = fix_leftovers (self, routes, self->keys->len);
  /* A line with no room left beside another is routed again, where no
   * line it may not share runs. */
  self->strict = TRUE;
  for (guint i = 0; i < stuck->len; i++)
    {
      guint r = g_array_index (stuck, guint, i);

      if (i == 0 || r != g_array_index (stuck, guint, i - 1))
        route_one (self, scenario, &g_array_index (self->keys, LinkKey, r), (gint16) r, routes[r]);
    }
  self->strict = FALSE;
  if (stuck->len > 0)
    g_array_unref (fix_leftovers (self, routes, self->keys->len));
}

SbRoutes *
sb_routes_new (const SbLayout   *layout,
               const SbScenario *scenario)
{
  SbRoutes *self = g_new0 (SbRoutes, 1);

  self->layout = layout;
  self->strings = g_string_chunk_new (512);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->obstacles = g_array_new (FALSE, FALSE, sizeof (Obstacle));
  self->keys = g_array_new (FALSE, FALSE, sizeof (LinkKey));
  self->checked = g_array_new (FALSE, FALSE, sizeof (SbLink));
  collect_obstacles (self, scenario);
  reserve_captions (self, scenario);
  build_grid (self);
  route_all (self, scenario);
  return self;
}

void
sb_routes_free (SbRoutes *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->routes);
  g_array_unref (self->obstacles);
  g_array_unref (self->keys);
  g_array_unref (self->checked);
  g_string_chunk_free (self->strings);
  g_free (self->gx);
  g_free (self->gy);
  g_free (self->n_cover);
  g_free (self->cover);
  g_free (self->near_frame);
  g_free (self->in_frame);
  g_free (self->h_users);
  g_free (self->v_users);
  g_free (self->g);
  g_free (self->parent);
  g_free (self->seen);
  g_free (self->done);
  g_free (self->exempt);
  g_free (self);
}

void
sb_route_prepare (const SbLayout   *layout,
                  const SbScenario *scenario,
                  GArray           *links)
{
  SbRoutes *self = routes_of (layout);

  /* Every frame asks with the same links: checked once. */
  if (self->checked->len == links->len
      && memcmp (self->checked->data, links->data, links->len * sizeof (SbLink)) == 0)
    return;
  for (guint i = 0; i < links->len; i++)
    {
      const SbLink *link = &g_array_index (links, SbLink, i);
      char k[KEY_SIZE];

      if (!g_hash_table_contains (self->routes, stack_key (k, link->from, link->to)))
        {
          route_all (self, scenario);
          break;
        }
    }
  g_array_set_size (self->checked, 0);
  g_array_append_vals (self->checked, links->data, links->len);
}

guint
sb_route_link (const SbLayout   *layout,
               const SbScenario *scenario,
               const SbLink     *link,
               double           *xs,
               double           *ys)
{
  SbRoutes *self = routes_of (layout);
  char k[KEY_SIZE];
  Route *route = g_hash_table_lookup (self->routes, stack_key (k, link->from, link->to));

  if (route == NULL)
    {
      /* The live design's links are not the layout's (a database was
       * promoted): all routed again, together. */
      route_all (self, scenario);
      route = g_hash_table_lookup (self->routes, k);
    }
  if (route == NULL)
    {
      /* Not a link of SCENARIO either: routed alone, and kept. */
      LinkKey key = { link->kind, g_string_chunk_insert_const (self->strings, link->from),
                      g_string_chunk_insert_const (self->strings, link->to) };

      route = g_new0 (Route, 1);
      route_one (self, scenario, &key, -1, route);
      g_hash_table_insert (self->routes, route_key (link->from, link->to), route);
    }
  memcpy (xs, route->xs, route->n * sizeof (double));
  memcpy (ys, route->ys, route->n * sizeof (double));
  return route->n;
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
      if (back)
        reverse (xs, ys, n);
      return n;
    }
  {
    const SbRect *a = sb_layout_get_rect (layout, from);
    const SbRect *b = sb_layout_get_rect (layout, to);
    Route route = { 0 };

    if (a == NULL || b == NULL)
      return 0;
    straight (a, b, &route);
    memcpy (xs, route.xs, route.n * sizeof (double));
    memcpy (ys, route.ys, route.n * sizeof (double));
    return route.n;
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
