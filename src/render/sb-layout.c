/* sb-layout.c — the automatic tiered layout of the whiteboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tiers from top to bottom follow a request: clients and DNS, then load
 * balancers, then the hosts side by side.  Inside a host the web stack
 * reads left to right (Nginx → application server → files) with the
 * databases on a row of their own underneath, so the replication arrow
 * between two hosts runs straight along that row.
 */
#include "config.h"

#include <math.h>

#include "sb-layout.h"
#include "sb-metrics.h"

struct _SbLayout {
  GHashTable *rects;      /* id → SbRect* (owned) */
  GPtrArray  *host_ids;   /* hit-test order: hosts after components */
  GPtrArray  *comp_ids;
  double      width;
  double      height;
  double      shift_x;    /* what fit_bounds() added to the placed boxes */
  double      shift_y;
};

/* Adds a box and records its id (owned by the table) in ORDER for hit-tests. */
static void
add_rect (SbLayout   *self,
          GPtrArray  *order,
          const char *id,
          double      x,
          double      y,
          double      width,
          double      height)
{
  SbRect *rect = g_new (SbRect, 1);
  char *key = g_strdup (id);

  *rect = (SbRect) { x, y, width, height };
  g_hash_table_replace (self->rects, key, rect);
  g_ptr_array_add (order, key);
}

static gboolean
is_lower_row (const SbComponent *comp)
{
  /* Data lives below the code that uses it; the monitoring agent, which
   * serves no request, sits out of the request's way. */
  return comp->kind == SB_KIND_DATABASE || comp->kind == SB_KIND_MONITORING_AGENT;
}

static GPtrArray *
host_components (const SbScenario *scenario,
                 const char       *host_id,
                 gboolean          lower)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);

      if (g_strcmp0 (comp->host, host_id) == 0 && is_lower_row (comp) == lower)
        g_ptr_array_add (list, (gpointer) comp);
    }
  return list;
}

/* The monitoring agent goes to the end of its row that faces the board's
 * edge, so the replication line between neighbours never runs under it
 * and its metrics leave by the nearest gap. */
static void
agents_outside (GPtrArray *row,
                gboolean   to_the_left)
{
  g_autoptr(GPtrArray) agents = g_ptr_array_new ();

  for (guint i = row->len; i-- > 0; )
    if (((const SbComponent *) g_ptr_array_index (row, i))->kind == SB_KIND_MONITORING_AGENT)
      g_ptr_array_insert (agents, 0, g_ptr_array_steal_index (row, i));
  for (guint i = 0; i < agents->len; i++)
    if (to_the_left)
      g_ptr_array_insert (row, (int) i, g_ptr_array_index (agents, i));
    else
      g_ptr_array_add (row, g_ptr_array_index (agents, i));
}

static double
row_width (guint n)
{
  return n == 0 ? 0 : n * SB_NODE_WIDTH + (n - 1) * SB_NODE_GAP_X;
}

/* Places a row of components centred on CX; returns nothing, fills rects. */
static void
place_row (SbLayout  *self,
           GPtrArray *comps,
           double     cx,
           double     y,
           double     node_width,
           double     gap)
{
  double w = comps->len * node_width + (comps->len ? (comps->len - 1) * gap : 0);
  double x = cx - w / 2;

  for (guint i = 0; i < comps->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (comps, i);

      add_rect (self, self->comp_ids, comp->id, x, y, node_width, SB_NODE_HEIGHT);
      x += node_width + gap;
    }
}

static double
host_width (const SbScenario *scenario,
            const char       *host_id)
{
  g_autoptr(GPtrArray) upper = host_components (scenario, host_id, FALSE);
  g_autoptr(GPtrArray) lower = host_components (scenario, host_id, TRUE);

  return MAX (row_width (MAX (upper->len, lower->len)), SB_NODE_WIDTH) + 2 * SB_HOST_PAD;
}

static double
host_height (const SbScenario *scenario,
             const char       *host_id)
{
  g_autoptr(GPtrArray) upper = host_components (scenario, host_id, FALSE);
  g_autoptr(GPtrArray) lower = host_components (scenario, host_id, TRUE);
  guint rows = (upper->len > 0) + (lower->len > 0);

  rows = MAX (rows, 1);
  return SB_HOST_TITLE + SB_HOST_PAD + rows * SB_NODE_HEIGHT + (rows - 1) * SB_NODE_GAP_Y
         + SB_HOST_PAD_BOTTOM;
}

static void
place_host (SbLayout         *self,
            const SbScenario *scenario,
            const SbHost     *host,
            double            x,
            double            y,
            double            width,
            double            height,
            double            board_cx)
{
  g_autoptr(GPtrArray) upper = host_components (scenario, host->id, FALSE);
  g_autoptr(GPtrArray) lower = host_components (scenario, host->id, TRUE);
  double cx = x + width / 2;
  double row_y = y + SB_HOST_TITLE + SB_HOST_PAD;

  agents_outside (lower, cx < board_cx - 1);

  add_rect (self, self->host_ids, host->id, x, y, width, height);
  if (upper->len > 0)
    {
      place_row (self, upper, cx, row_y, SB_NODE_WIDTH, SB_NODE_GAP_X);
      row_y += SB_NODE_HEIGHT + SB_NODE_GAP_Y;
    }
  place_row (self, lower, cx, row_y, SB_NODE_WIDTH, SB_NODE_GAP_X);
}

/* Where a host goes: the load balancers' machines in the tier of the load
 * balancer; the others below, and when the tiers are split over machines
 * of their own, web and application machines in a row above the
 * databases' machines. */
typedef enum {
  RANK_BALANCER,
  RANK_WEB,
  RANK_APP,
  RANK_DATA,
} Rank;

static Rank
host_rank (const SbScenario *scenario,
           const char       *host_id)
{
  if (sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, host_id))
    return RANK_BALANCER;
  if (sb_scenario_find_kind (scenario, SB_KIND_WEB_SERVER, host_id))
    return RANK_WEB;
  if (sb_scenario_find_kind (scenario, SB_KIND_APP_SERVER, host_id))
    return RANK_APP;
  if (sb_scenario_find_kind (scenario, SB_KIND_DATABASE, host_id))
    return RANK_DATA;
  return RANK_WEB;
}

/* Hosts whose rank is between FIRST and LAST, in scenario order. */
static GPtrArray *
hosts_ranked (const SbScenario *scenario,
              Rank              first,
              Rank              last)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < scenario->hosts->len; i++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, i);
      Rank rank = host_rank (scenario, host->id);

      if (rank >= first && rank <= last)
        g_ptr_array_add (list, (gpointer) host);
    }
  return list;
}

/* The number of host columns that lets the whole board be drawn largest
 * on a 16:9 projector. */
static guint
best_columns (const SbScenario *scenario,
              GPtrArray        *hosts,
              double            top)
{
  guint n = hosts->len, best = 1;
  double host_w = 0, host_h = 0, best_scale = 0;

  for (guint i = 0; i < n; i++)
    {
      const SbHost *host = g_ptr_array_index (hosts, i);
      host_w = MAX (host_w, host_width (scenario, host->id));
      host_h = MAX (host_h, host_height (scenario, host->id));
    }
  for (guint c = 1; c <= MIN (MAX (n, 1), SB_MAX_HOST_COLUMNS); c++)
    {
      guint rows = (n + c - 1) / c;
      double w = MAX (c * host_w + (c - 1) * SB_HOST_GAP_X, SB_MIN_WIDTH) + 2 * SB_MARGIN;
      double h = top + rows * host_h + (rows - 1) * SB_HOST_GAP_Y + SB_MARGIN_TOP + SB_MARGIN;
      double scale = MIN (16.0 / w, 9.0 / h);

      if (scale > best_scale * 1.001)
        {
          best_scale = scale;
          best = c;
        }
    }
  return best;
}

/* The gap between two machines side by side.  Two one-box machines of
 * load balancers (the VRRP heartbeat between them) or of databases (the
 * replication) have a line straight across the gap, and its caption has
 * no room but the gap. */
static double
gap_between (const SbScenario *scenario,
             const SbHost     *a,
             const SbHost     *b)
{
  gboolean narrow = host_width (scenario, a->id) < 2 * SB_NODE_WIDTH
                    && host_width (scenario, b->id) < 2 * SB_NODE_WIDTH;

  if (narrow && ((sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, a->id)
                  && sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, b->id))
                 || (sb_scenario_find_kind (scenario, SB_KIND_DATABASE, a->id)
                     && sb_scenario_find_kind (scenario, SB_KIND_DATABASE, b->id))))
    return SB_HOST_GAP_CAPTION;
  return SB_HOST_GAP_X;
}

/* Hosts laid out in COLUMNS columns. */
typedef struct {
  GPtrArray *hosts;
  guint      columns;
} Block;

static double
block_width (const SbScenario *scenario,
             const Block      *block)
{
  double widest = 0;

  for (guint first = 0; first < block->hosts->len; first += block->columns)
    {
      double total = 0;

      for (guint i = first; i < MIN (first + block->columns, block->hosts->len); i++)
        {
          const SbHost *host = g_ptr_array_index (block->hosts, i);
          total += host_width (scenario, host->id)
                   + (i > first ? gap_between (scenario, g_ptr_array_index (block->hosts, i - 1), host) : 0);
        }
      widest = MAX (widest, total);
    }
  return widest;
}

/* A grid whose columns line up (a last, shorter row starts at the left),
 * so links routed down the gaps between columns never cross a host.
 * Returns the bottom of the block. */
static double
place_block (SbLayout         *self,
             const SbScenario *scenario,
             const Block      *block,
             double            top,
             double            center_x)
{
  guint n = block->hosts->len;
  double y = top, left = center_x - block_width (scenario, block) / 2;

  for (guint first = 0; first < n; first += block->columns)
    {
      guint last = MIN (first + block->columns, n);
      double tallest = 0, x = left;

      for (guint i = first; i < last; i++)
        {
          const SbHost *host = g_ptr_array_index (block->hosts, i);
          tallest = MAX (tallest, host_height (scenario, host->id));
        }
      for (guint i = first; i < last; i++)
        {
          const SbHost *host = g_ptr_array_index (block->hosts, i);
          double w = host_width (scenario, host->id);

          place_host (self, scenario, host, x, y, w, tallest, center_x);
          if (i + 1 < last)
            x += w + gap_between (scenario, host, g_ptr_array_index (block->hosts, i + 1));
        }
      y += tallest + SB_HOST_GAP_Y;
    }
  return n > 0 ? y - SB_HOST_GAP_Y : top;
}

/* Standalone components of the given tier: 0 = clients and DNS, 1 = the rest. */
static GPtrArray *
tier_components (const SbScenario *scenario,
                 int               tier)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);
      gboolean top = comp->kind == SB_KIND_CLIENT || comp->kind == SB_KIND_DNS
                     || comp->kind == SB_KIND_MONITORING;

      if (comp->host == NULL && (tier == 0) == top)
        g_ptr_array_add (list, (gpointer) comp);
    }
  return list;
}

/* Components with a position in the scenario keep it (as their centre);
 * a host then grows to hold its components wherever they are. */
static void
apply_scenario_positions (SbLayout         *self,
                          const SbScenario *scenario)
{
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);
      SbRect *rect = g_hash_table_lookup (self->rects, comp->id);

      if (!comp->has_position || rect == NULL)
        continue;
      rect->x = comp->x - rect->width / 2;
      rect->y = comp->y - rect->height / 2;
    }
  for (guint h = 0; h < scenario->hosts->len; h++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, h);
      SbRect *hr = g_hash_table_lookup (self->rects, host->id);
      double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

      for (guint i = 0; i < scenario->components->len; i++)
        {
          const SbComponent *comp = g_ptr_array_index (scenario->components, i);
          const SbRect *r = g_hash_table_lookup (self->rects, comp->id);

          if (g_strcmp0 (comp->host, host->id) != 0)
            continue;
          x0 = MIN (x0, r->x); y0 = MIN (y0, r->y);
          x1 = MAX (x1, r->x + r->width); y1 = MAX (y1, r->y + r->height);
        }
      if (x0 > x1)
        continue;
      *hr = (SbRect) { x0 - SB_HOST_PAD, y0 - SB_HOST_PAD - SB_HOST_TITLE,
                       x1 - x0 + 2 * SB_HOST_PAD,
                       y1 - y0 + SB_HOST_PAD + SB_HOST_PAD_BOTTOM + SB_HOST_TITLE };
    }
}

/* Grows the diagram to hold every box with a margin, moving everything so
 * the top-left box sits at the margin. */
static void
fit_bounds (SbLayout *self)
{
  GHashTableIter iter;
  SbRect *rect;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  g_hash_table_iter_init (&iter, self->rects);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &rect))
    {
      x0 = MIN (x0, rect->x); y0 = MIN (y0, rect->y);
      x1 = MAX (x1, rect->x + rect->width); y1 = MAX (y1, rect->y + rect->height);
    }
  if (x0 > x1)
    x0 = y0 = x1 = y1 = 0;
  g_hash_table_iter_init (&iter, self->rects);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &rect))
    {
      rect->x += SB_MARGIN - x0;
      rect->y += SB_MARGIN_TOP - y0;
    }
  self->shift_x = SB_MARGIN - x0;
  self->shift_y = SB_MARGIN_TOP - y0;
  self->width = MAX (x1 - x0 + 2 * SB_MARGIN, SB_MIN_WIDTH);
  self->height = y1 - y0 + SB_MARGIN_TOP + SB_MARGIN;
  /* Centre horizontally when the minimum width made room. */
  if (self->width > x1 - x0 + 2 * SB_MARGIN)
    {
      double shift = (self->width - (x1 - x0 + 2 * SB_MARGIN)) / 2;

      self->shift_x += shift;

      g_hash_table_iter_init (&iter, self->rects);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &rect))
        rect->x += shift;
    }
}

/* The blocks of hosts under the load balancers' tier: one grid, or when
 * the tiers have machines of their own, a row per tier (web, application,
 * data), so the lines between tiers run down. */
static guint
lower_blocks (const SbScenario *scenario,
              double            top,
              Block            *blocks)
{
  g_autoptr(GPtrArray) app = hosts_ranked (scenario, RANK_APP, RANK_APP);
  g_autoptr(GPtrArray) data = hosts_ranked (scenario, RANK_DATA, RANK_DATA);

  if (app->len == 0 && data->len == 0)
    {
      blocks[0].hosts = hosts_ranked (scenario, RANK_WEB, RANK_DATA);
      blocks[0].columns = best_columns (scenario, blocks[0].hosts, top);
      return 1;
    }
  for (Rank rank = RANK_WEB; rank <= RANK_DATA; rank++)
    {
      blocks[rank - RANK_WEB].hosts = hosts_ranked (scenario, rank, rank);
      blocks[rank - RANK_WEB].columns = MAX (blocks[rank - RANK_WEB].hosts->len, 1);
    }
  return 3;
}

SbLayout *
sb_layout_new (const SbScenario *scenario)
{
  SbLayout *self;
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GPtrArray) middle = NULL;
  Block balancers, lower[3];
  guint n_lower;
  double center_x, lower_top, y = 0, width = SB_MIN_WIDTH;

  g_return_val_if_fail (scenario != NULL, NULL);

  self = g_new0 (SbLayout, 1);
  self->rects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->host_ids = g_ptr_array_new ();
  self->comp_ids = g_ptr_array_new ();

  top = tier_components (scenario, 0);
  middle = tier_components (scenario, 1);
  balancers.hosts = hosts_ranked (scenario, RANK_BALANCER, RANK_BALANCER);
  balancers.columns = MAX (balancers.hosts->len, 1);
  lower_top = SB_NODE_HEIGHT + SB_TIER_GAP + (middle->len > 0 ? SB_NODE_HEIGHT + SB_TIER_GAP : 0);
  for (guint i = 0; i < balancers.hosts->len; i++)
    {
      const SbHost *host = g_ptr_array_index (balancers.hosts, i);
      lower_top += (i == 0) * (host_height (scenario, host->id) + SB_TIER_GAP);
    }
  n_lower = lower_blocks (scenario, lower_top, lower);
  width = MAX (width, block_width (scenario, &balancers));
  for (guint i = 0; i < n_lower; i++)
    width = MAX (width, block_width (scenario, &lower[i]));
  center_x = width / 2;

  place_row (self, top, center_x, y, SB_TOP_NODE_WIDTH, SB_TOP_GAP_X);
  y += SB_NODE_HEIGHT + SB_TIER_GAP;
  if (middle->len > 0)
    {
      place_row (self, middle, center_x, y, SB_TOP_NODE_WIDTH, SB_TOP_GAP_X);
      y += SB_NODE_HEIGHT + SB_TIER_GAP;
    }
  if (balancers.hosts->len > 0)
    y = place_block (self, scenario, &balancers, y, center_x) + SB_TIER_GAP;
  for (guint i = 0; i < n_lower; i++)
    {
      y = place_block (self, scenario, &lower[i], y, center_x) + SB_HOST_GAP_Y;
      g_ptr_array_unref (lower[i].hosts);
    }
  g_ptr_array_unref (balancers.hosts);
  apply_scenario_positions (self, scenario);
  fit_bounds (self);
  return self;
}

void
sb_layout_free (SbLayout *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->rects);
  g_ptr_array_unref (self->host_ids);
  g_ptr_array_unref (self->comp_ids);
  g_free (self);
}

double
sb_layout_get_width (const SbLayout *self)
{
  return self->width;
}

double
sb_layout_get_height (const SbLayout *self)
{
  return self->height;
}

const SbRect *
sb_layout_get_rect (const SbLayout *self,
                    const char     *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  return id ? g_hash_table_lookup (self->rects, id) : NULL;
}

static const char *
hit_in (const SbLayout *self,
        GPtrArray      *ids,
        double          x,
        double          y)
{
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (sb_rect_contains (g_hash_table_lookup (self->rects, id), x, y))
        return id;
    }
  return NULL;
}

const char *
sb_layout_hit_test (const SbLayout *self,
                    double          x,
                    double          y)
{
  const char *id;

  g_return_val_if_fail (self != NULL, NULL);
  id = hit_in (self, self->comp_ids, x, y);
  return id ? id : hit_in (self, self->host_ids, x, y);
}

void
sb_layout_to_scenario (const SbLayout *self,
                       double         *x,
                       double         *y)
{
  g_return_if_fail (self != NULL);
  *x -= self->shift_x;
  *y -= self->shift_y;
}

SbViewTransform
sb_layout_fit (const SbLayout *self,
               double          width,
               double          height)
{
  SbViewTransform t;

  t.scale = MIN (width / self->width, height / self->height);
  t.offset_x = (width - self->width * t.scale) / 2;
  t.offset_y = (height - self->height * t.scale) / 2;
  return t;
}

void
sb_rect_center (const SbRect *rect,
                double       *x,
                double       *y)
{
  *x = rect->x + rect->width / 2;
  *y = rect->y + rect->height / 2;
}

gboolean
sb_rect_contains (const SbRect *rect,
                  double        x,
                  double        y)
{
  return rect != NULL && x >= rect->x && x <= rect->x + rect->width
         && y >= rect->y && y <= rect->y + rect->height;
}
