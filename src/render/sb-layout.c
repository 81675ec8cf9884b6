/* sb-layout.c — the automatic tiered layout of the whiteboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tiers from top to bottom follow a request: clients and DNS, then load
 * balancers, then the machines side by side.  Inside a machine the
 * request's path reads left to right — firewall, load balancer, web
 * server, application server — whatever order the file lists them in,
 * with the application's files after it, the databases on a row of their
 * own under the application server (so the replication arrow between two
 * machines runs straight along that row) and the monitoring client at the
 * end of that row that faces the board's edge, out of the requests' way.
 *
 * Boxes are as wide as their labels (two lines at most) and addresses
 * need, all boxes on machines alike so the machines' columns line up; a
 * machine is as wide as its title and address.  Of the arrangements —
 * how many boxes a machine puts side by side, how many machines a row
 * holds — the one that draws the board largest on the target's aspect is
 * chosen, a machine beside its siblings when that costs little.
 *
 * Positions given in the scenario (a drag) are kept; then machines that
 * overlap are moved apart, the one being dragged staying where it is.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sb-layout.h"
#include "sb-metrics.h"
#include "sb-render.h"
#include "sb-route.h"
#include "sb-svg-text.h"

struct _SbLayout {
  GHashTable     *rects;      /* id → SbRect* (owned) */
  GPtrArray      *host_ids;   /* in drawing order; hit-tests go backwards */
  GPtrArray      *comp_ids;
  double          width;
  double          height;
  double          shift_x;    /* what fit_bounds() added to the placed boxes */
  double          shift_y;
  double          spread_x;   /* scenario coordinates × spread = layout's */
  double          spread_y;
  SbLayoutMetrics m;
  GPtrArray      *displaced;  /* component ids (owned strings) */
  GArray         *displaced_x;
  GArray         *displaced_y;
  SbRoutes       *routes;     /* every link's line */
};

/* Line height of the type style, per unit of font size. */
#define LINE_HEIGHT    1.2
/* Inside a box: the icon's margin and the gap between icon and text. */
#define NODE_PAD       12.0
#define NODE_TEXT_PAD  12.0
/* What hinting may add to a text's measured width. */
#define TEXT_SLACK      4.0
/* Between a title and its address. */
#define TITLE_GAP      14.0
/* No box grows wider than this many default widths: a longer label is
 * cut rather than the whole board shrunk. */
#define MAX_WIDEN       2.2
/* Two machines closer than this are moved apart. */
#define MIN_SEPARATION 60.0
/* What moving a machine onto another, which must then move too, costs
 * (in units of distance). */
#define CASCADE_COST 2000.0
/* How much of the best scale a machine beside its siblings may cost. */
#define ROW_PREFERENCE  0.94
/* What machines with databases one above the other cost: the replication
 * goes round them instead of straight across the gap (the choice of a
 * nearly square board, beside the window's side panel). */
#define STACKED_DATABASES_COST 0.8
/* How much of the scale a machine folding its path back costs. */
#define FOLD_COST       0.9

/* --- Sizes --------------------------------------------------------------- */


static gboolean
fits_in_two (const char *text,
             double      size,
             double      width)
{
  SbTextLines lines = { 0 };
  gboolean fits;

  sb_text_lines_measure (&lines, text, size, width, 2);
  fits = !lines.ellipsized;
  sb_text_lines_clear (&lines);
  return fits;
}

/* The narrowest width TEXT takes in at most two lines at SIZE, never
 * above LIMIT (where it is cut). */
static double
label_width (const char *text,
             double      size,
             double      limit)
{
  double one = sb_text_width (text, size), w;

  if (one <= limit && strchr (text, ' ') == NULL)
    return one;
  /* From half the line, widened until the second line holds the rest,
   * then narrowed back to the unit. */
  for (w = MIN (ceil (one / 2), limit); w < limit; w += 4)
    if (fits_in_two (text, size, w))
      {
        while (w > 1 && fits_in_two (text, size, w - 1))
          w--;
        return w;
      }
  return limit;
}

char *
sb_layout_node_detail (const SbScenario  *scenario,
                       const SbComponent *comp)
{
  if (comp == sb_scenario_find_kind (scenario, SB_KIND_CLIENT, NULL)
      && scenario->traffic.clients > 1)
    {
      int n = scenario->traffic.clients;

      /* Translators: under the browser on the board, the visitors simulated */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d visitor", "%d visitors", n), n);
    }
  return g_strdup (comp->ip);
}

/* The width of a box's text: its label in two lines, the line under it
 * (a database's role badge, which either role may take). */
static double
node_text_width (const SbScenario  *scenario,
                 const SbComponent *comp,
                 double             font,
                 double             limit)
{
  g_autofree char *detail = NULL;
  double w = label_width (sb_scenario_translate_label (comp->label), font, limit);

  if (comp->kind == SB_KIND_DATABASE && comp->role != SB_DB_ROLE_NONE)
    return MAX (w, MAX (sb_text_width (_("Primary"), font), sb_text_width (_("Replica"), font)) + 16);
  detail = sb_layout_node_detail (scenario, comp);
  return detail ? MAX (w, sb_text_width (detail, font)) : w;
}

/* How many lines of text the fullest box has: its label at the width
 * boxes give it (TEXT on a machine, TOP standing alone), and the line
 * under it. */
static int
most_lines (const SbScenario *scenario,
            double            font,
            double            text,
            double            top)
{
  int most = 1;

  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);
      g_autofree char *detail = sb_layout_node_detail (scenario, comp);
      SbTextLines lines = { 0 };
      int n;

      sb_text_lines_measure (&lines, sb_scenario_translate_label (comp->label), font,
                             comp->host ? text : top, 2);
      n = (int) lines.n_lines + (detail != NULL || comp->role != SB_DB_ROLE_NONE
                                 || comp->kind == SB_KIND_FIREWALL);
      sb_text_lines_clear (&lines);
      most = MAX (most, n);
    }
  return most;
}

/* The sizes for SCENARIO at the options' text scale: every box on a
 * machine as wide as the widest label needs, at least the default. */
static void
compute_metrics (SbLayoutMetrics  *m,
                 const SbScenario *scenario,
                 double            t)
{
  double fixed = 2 * NODE_PAD + SB_GLYPH_SIZE + NODE_TEXT_PAD;
  double text_min = SB_NODE_WIDTH - fixed, top_min = SB_TOP_NODE_WIDTH - fixed;
  double line = LINE_HEIGHT * SB_FONT_LABEL * t;
  double text = text_min, top = top_min;
  int lines;

  m->text_scale = t;
  m->font = SB_FONT_LABEL * t;
  m->glyph = SB_GLYPH_SIZE;
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);

      double hosted = SB_NODE_WIDTH * MAX_WIDEN - fixed, alone = SB_TOP_NODE_WIDTH * MAX_WIDEN - fixed;

      /* With room for what hinting adds to the measured widths (a line
       * that just fits could wrap). */
      if (comp->host)
        text = MAX (text, node_text_width (scenario, comp, m->font, hosted) + TEXT_SLACK);
      else
        /* Standing alone, where the row has room: the label on one line. */
        top = MAX (top, MAX (MIN (sb_text_width (sb_scenario_translate_label (comp->label), m->font), alone),
                             node_text_width (scenario, comp, m->font, alone))
                        + TEXT_SLACK);
    }
  m->node_width = ceil (text + fixed);
  m->top_width = ceil (top + fixed);
  /* The lines the fullest box needs, with a margin: a larger text does
   * not make boxes taller than their text. */
  lines = most_lines (scenario, m->font, text, top);
  m->node_height = MAX (SB_NODE_HEIGHT, ceil (lines * line + (lines - 1) * 4 + 2 * 8));
  m->node_gap_x = SB_NODE_GAP_X;
  m->node_gap_y = SB_NODE_GAP_Y;
  m->host_pad = SB_HOST_PAD;
  m->host_pad_top = ceil (SB_HOST_PAD + line - LINE_HEIGHT * SB_FONT_LABEL);
  m->host_title = ceil (SB_HOST_TITLE - LINE_HEIGHT * SB_FONT_LABEL + line);
  m->host_pad_bottom = ceil (SB_HOST_PAD_BOTTOM - LINE_HEIGHT * SB_FONT_LABEL + line);
  m->host_gap_x = SB_HOST_GAP_X;
  m->host_gap_y = ceil (SB_HOST_GAP_Y + (line - LINE_HEIGHT * SB_FONT_LABEL));
  m->tier_gap = ceil (SB_TIER_GAP + 2 * (line - LINE_HEIGHT * SB_FONT_LABEL));
  m->margin = ceil (SB_MARGIN + (line - LINE_HEIGHT * SB_FONT_LABEL));
  m->margin_top = ceil (SB_MARGIN_TOP + (line - LINE_HEIGHT * SB_FONT_LABEL));
}

/* --- A machine's boxes --------------------------------------------------- */

/* Where a component goes on its machine: the request's path, its files,
 * its data, its watcher. */
static int
path_rank (SbKind kind)
{
  switch (kind)
    {
    case SB_KIND_FIREWALL:
      return 0;
    case SB_KIND_LOAD_BALANCER:
      return 1;
    case SB_KIND_WEB_SERVER:
      return 2;
    case SB_KIND_APP_SERVER:
      return 3;
    case SB_KIND_CODE:
    case SB_KIND_DATABASE:
    case SB_KIND_MONITORING_AGENT:
      return -1;
    case SB_KIND_CLIENT:
    case SB_KIND_DNS:
    case SB_KIND_MONITORING:
    case SB_KIND_N:
    default:
      return 4;
    }
}

typedef struct {
  const SbComponent *comp;
  int                row, col;
} Cell;

/* A machine's boxes in rows and columns. */
typedef struct {
  const SbHost *host;
  GArray       *cells;   /* Cell */
  int           rows, cols;
  double        width, height;
  gboolean      has_database;
  gboolean      mirrored;    /* its columns from right to left */
} HostPlan;

static void
host_plan_clear (HostPlan *plan)
{
  g_clear_pointer (&plan->cells, g_array_unref);
}

static int
compare_path (gconstpointer a,
              gconstpointer b)
{
  const SbComponent *x = *(const SbComponent * const *) a, *y = *(const SbComponent * const *) b;

  return path_rank (x->kind) - path_rank (y->kind);
}

static gboolean
cell_taken (const HostPlan *plan,
            int             row,
            int             col)
{
  for (guint i = 0; i < plan->cells->len; i++)
    {
      const Cell *c = &g_array_index (plan->cells, Cell, i);

      if (c->row == row && c->col == col)
        return TRUE;
    }
  return FALSE;
}

static void
put (HostPlan          *plan,
     const SbComponent *comp,
     int                row,
     int                col)
{
  Cell cell = { comp, row, col };

  g_array_append_val (plan->cells, cell);
  plan->rows = MAX (plan->rows, row + 1);
  plan->cols = MAX (plan->cols, col + 1);
}

/* The free column of ROW nearest to COL (to the right first), within
 * WIDTH columns, or -1. */
static int
free_column_near (const HostPlan *plan,
                  int             row,
                  int             col,
                  int             width)
{
  for (int d = 0; d < width; d++)
    {
      if (col + d < width && !cell_taken (plan, row, col + d))
        return col + d;
      if (col - d >= 0 && !cell_taken (plan, row, col - d))
        return col - d;
    }
  return -1;
}

/* Sorts the path by rank, keeping the file's order of two of a kind
 * (g_ptr_array_sort() is not stable). */
static void
sort_path (GPtrArray *path)
{
  for (guint i = 1; i < path->len; i++)
    for (guint j = i; j > 0 && compare_path (&path->pdata[j - 1], &path->pdata[j]) > 0; j--)
      {
        gpointer t = path->pdata[j - 1];

        path->pdata[j - 1] = path->pdata[j];
        path->pdata[j] = t;
      }
}

/* Lays out HOST's components with at most COLUMNS boxes side by side on
 * the request's path (it turns back under itself when longer); the
 * monitoring client goes to the right end of the data row when
 * RIGHT_SIDE, else to its left end. */
static void
plan_host (HostPlan         *plan,
           const SbScenario *scenario,
           const SbHost     *host,
           int               columns,
           gboolean          right_side)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GPtrArray) data = g_ptr_array_new ();
  g_autoptr(GPtrArray) agents = g_ptr_array_new ();
  int app_col = 0, row = 0, col = 0, dir = 1, width, data_row;
  guint files_placed = 0;

  *plan = (HostPlan) { host, g_array_new (FALSE, FALSE, sizeof (Cell)), 0, 0, 0, 0 };
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);

      if (g_strcmp0 (comp->host, host->id) != 0)
        continue;
      plan->has_database |= comp->kind == SB_KIND_DATABASE;
      g_ptr_array_add (comp->kind == SB_KIND_CODE ? files
                       : comp->kind == SB_KIND_DATABASE ? data
                       : comp->kind == SB_KIND_MONITORING_AGENT ? agents : path,
                       (gpointer) comp);
    }
  sort_path (path);
  columns = MAX (columns, 1);
  /* The path, snaking back under itself when longer than COLUMNS. */
  for (guint i = 0; i < path->len; i++)
    {
      if (col < 0 || col >= columns)
        {
          row++;
          dir = -dir;
          col += dir;
        }
      put (plan, g_ptr_array_index (path, i), row, col);
      app_col = col;
      col += dir;
    }
  /* The files after the application server, while its row has room. */
  while (path->len > 0 && files_placed < files->len && col >= 0 && col < columns)
    {
      put (plan, g_ptr_array_index (files, files_placed++), row, col);
      col += dir;
    }
  width = MAX (plan->cols, 1);
  data_row = plan->rows;
  /* Databases under the application server, then the files that had no
   * room beside it, nearest to it. */
  for (guint i = 0; i < data->len + files->len - files_placed; i++)
    {
      const SbComponent *comp = i < data->len
                                ? g_ptr_array_index (data, i)
                                : g_ptr_array_index (files, files_placed + i - data->len);
      int c = free_column_near (plan, data_row, app_col, width);

      if (c < 0)
        c = width++;
      put (plan, comp, data_row, c);
    }
  /* The monitoring client at the end of the data row that faces the
   * board's edge, or under it, but never under the end of the path,
   * whose lines leave downwards. */
  width = MAX (plan->cols, 1);
  if (width == 1 && agents->len > 0 && (path->len > 0 || files->len + data->len == 1))
    {
      /* Beside a machine's one box, on the side of the board's edge. */
      put (plan, g_ptr_array_index (agents, 0), path->len > 0 ? row : data_row, 1);
      for (guint i = 0; !right_side && i < plan->cells->len; i++)
        g_array_index (plan->cells, Cell, i).col ^= 1;
      g_ptr_array_remove_index (agents, 0);
      width = 2;
    }
  for (guint i = 0; i < agents->len; i++)
    {
      int r = data_row, c = -1;

      for (; c < 0; r++)
        for (int k = 0; k < width && c < 0; k++)
          {
            int at = right_side ? width - 1 - k : k;

            if (!cell_taken (plan, r, at) && (at != app_col || width == 1 || path->len == 0))
              c = at;
          }
      put (plan, g_ptr_array_index (agents, i), r - 1, c);
    }
}

/* Under a machine's boxes: room for a database's version, or the same
 * margin as at its sides. */
static double
pad_bottom (const SbLayoutMetrics *m,
            gboolean               database)
{
  return database ? m->host_pad_bottom : m->host_pad;
}

/* The machine's size for the layout's box sizes and its title. */
static void
measure_host (HostPlan              *plan,
              const SbLayoutMetrics *m,
              double                 title)
{
  int rows = MAX (plan->rows, 1), cols = MAX (plan->cols, 1);

  plan->width = MAX (cols * m->node_width + (cols - 1) * m->node_gap_x + 2 * m->host_pad, title);
  plan->height = m->host_title + m->host_pad_top + rows * m->node_height
                 + (rows - 1) * m->node_gap_y + pad_bottom (m, plan->has_database);
}

/* --- The board ----------------------------------------------------------- */

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

/* What the arrangement is computed from. */
typedef struct {
  const SbScenario *scenario;
  SbLayoutMetrics   m;
  GHashTable       *titles;   /* host id → the width its title needs (double*) */
  double            caption_gap;
  int               widest;   /* the most boxes a machine's path and files have */
  gboolean          tiered;   /* each tier on machines of its own, a row each */
} Board;

/* The width a machine's title and address need, with room for the load
 * balancer's view of it beside them. */
static double
title_width (const Board  *board,
             const SbHost *host)
{
  double w = sb_text_width (sb_scenario_translate_label (host->label), board->m.font);
  gboolean backend = FALSE;

  if (host->ip)
    w += TITLE_GAP + sb_text_width (host->ip, board->m.font);
  for (guint i = 0; i < board->scenario->balancer.backends->len; i++)
    backend |= g_str_equal (g_ptr_array_index (board->scenario->balancer.backends, i), host->id);
  if (backend)
    {
      g_autofree char *view = g_strdup_printf (_("LB: %s"), "DOWN 2/2");

      w += 2 * TITLE_GAP + sb_text_width (view, board->m.font) + 16;
    }
  /* With room for the rounding of hinted text. */
  return ceil (w + 2 * board->m.host_pad + 8);
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

/* Hosts laid out in COLUMNS columns, each with at most BOXES boxes side
 * by side. */
typedef struct {
  GPtrArray *hosts;
  guint      columns;
  HostPlan  *plans;      /* one per host */
} Block;

static void
block_clear (Block *block)
{
  for (guint i = 0; block->plans && i < block->hosts->len; i++)
    host_plan_clear (&block->plans[i]);
  g_clear_pointer (&block->plans, g_free);
  g_clear_pointer (&block->hosts, g_ptr_array_unref);
}

static void
block_plan (Block       *block,
            const Board *board,
            int          boxes,
            gboolean     balancers)
{
  for (guint i = 0; block->plans && i < block->hosts->len; i++)
    host_plan_clear (&block->plans[i]);
  g_free (block->plans);
  block->plans = g_new0 (HostPlan, block->hosts->len);
  for (guint i = 0; i < block->hosts->len; i++)
    {
      const SbHost *host = g_ptr_array_index (block->hosts, i);
      /* The machines on the right of the board's middle have their
       * watcher on the right. */
      guint col = i % MAX (block->columns, 1), n = MIN (block->columns, block->hosts->len);
      gboolean right = n > 1 ? 2 * col + 1 > n : TRUE;
      /* Folded, a machine right of the middle is its left neighbour's
       * mirror: their databases face each other across the gap, the
       * requests come in by the board's edge; so do load balancers, for
       * their heartbeat. */
      gboolean mirror = right && n > 1 && (boxes < board->widest || balancers);

      plan_host (&block->plans[i], board->scenario, host, boxes, right && !mirror);
      block->plans[i].mirrored = mirror;
      if (mirror)
        for (guint c = 0; c < block->plans[i].cells->len; c++)
          {
            Cell *cell = &g_array_index (block->plans[i].cells, Cell, c);

            cell->col = block->plans[i].cols - 1 - cell->col;
          }
      measure_host (&block->plans[i], &board->m,
                    *(double *) g_hash_table_lookup (board->titles, host->id));
    }
}

/* The gap between two machines side by side.  Two one-box machines of
 * load balancers (the VRRP heartbeat between them) or of databases (the
 * replication) have a line straight across the gap, and its caption has
 * no room but the gap. */
static double
gap_between (const Board    *board,
             const HostPlan *a,
             const HostPlan *b)
{
  const SbScenario *scenario = board->scenario;
  Rank ra = host_rank (scenario, a->host->id), rb = host_rank (scenario, b->host->id);

  /* Each tier on machines of its own: the lines from the tier above come
   * down between the machines of a row, and their captions with them. */
  if (ra == rb && (ra == RANK_BALANCER || ra == RANK_DATA || board->tiered))
    return board->caption_gap;
  /* Folded machines have their databases face each other across the gap
   * (block_plan()): the replication's caption goes there. */
  if (a->mirrored != b->mirrored && a->has_database && b->has_database)
    return board->caption_gap;
  return board->m.host_gap_x;
}

/* The widths of the block's columns: a grid whose columns line up, so
 * links routed down the gaps between columns never cross a machine. */
static double
block_width (const Board *board,
             const Block *block)
{
  guint n = block->hosts->len, columns = MAX (block->columns, 1);
  double total = 0;

  for (guint c = 0; c < MIN (columns, n); c++)
    {
      double widest = 0;

      for (guint i = c; i < n; i += columns)
        widest = MAX (widest, block->plans[i].width);
      total += widest + (c > 0 ? gap_between (board, &block->plans[c - 1], &block->plans[c]) : 0);
    }
  return total;
}

static double
block_height (const Board *board,
              const Block *block)
{
  guint n = block->hosts->len, columns = MAX (block->columns, 1);
  double total = 0;

  for (guint first = 0; first < n; first += columns)
    {
      double tallest = 0;

      for (guint i = first; i < MIN (first + columns, n); i++)
        tallest = MAX (tallest, block->plans[i].height);
      total += tallest + (first > 0 ? board->m.host_gap_y : 0);
    }
  return total;
}

/* Standalone components of the given tier: 0 = clients, DNS and the
 * monitoring service; 1 = the rest. */
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

/* One arrangement of the whole board. */
typedef struct {
  GPtrArray *top, *middle;
  Block      balancers;
  Block      lower[3];
  guint      n_lower;
  int        boxes;     /* boxes side by side on a machine's path */
  double     width, height;
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->top, g_ptr_array_unref);
  g_clear_pointer (&plan->middle, g_ptr_array_unref);
  block_clear (&plan->balancers);
  for (guint i = 0; i < plan->n_lower; i++)
    block_clear (&plan->lower[i]);
}

static double
row_width (guint  n,
           double node_width,
           double gap)
{
  return n == 0 ? 0 : n * node_width + (n - 1) * gap;
}

/* The board's size for the plan as it stands. */
static void
measure_plan (Plan        *plan,
              const Board *board)
{
  const SbLayoutMetrics *m = &board->m;
  double w = MAX (row_width (plan->top->len, m->top_width, SB_TOP_GAP_X),
                  row_width (plan->middle->len, m->top_width, SB_TOP_GAP_X));
  double h = m->node_height + m->tier_gap + (plan->middle->len ? m->node_height + m->tier_gap : 0);

  if (plan->balancers.hosts->len > 0)
    {
      w = MAX (w, block_width (board, &plan->balancers));
      h += block_height (board, &plan->balancers) + m->tier_gap;
    }
  for (guint i = 0; i < plan->n_lower; i++)
    if (plan->lower[i].hosts->len > 0)
      {
        w = MAX (w, block_width (board, &plan->lower[i]));
        h += block_height (board, &plan->lower[i]) + m->host_gap_y;
      }
  plan->width = MAX (w + 2 * m->margin, SB_MIN_WIDTH);
  plan->height = h + m->margin_top + m->margin;
}

/* The blocks of hosts under the load balancers' tier: one grid, or when
 * the tiers have machines of their own, a row per tier (web, application,
 * data), so the lines between tiers run down. */
static void
init_plan (Plan        *plan,
           const Board *board)
{
  const SbScenario *scenario = board->scenario;
  g_autoptr(GPtrArray) app = hosts_ranked (scenario, RANK_APP, RANK_APP);
  g_autoptr(GPtrArray) data = hosts_ranked (scenario, RANK_DATA, RANK_DATA);

  *plan = (Plan) { 0 };
  plan->top = tier_components (scenario, 0);
  plan->middle = tier_components (scenario, 1);
  plan->balancers.hosts = hosts_ranked (scenario, RANK_BALANCER, RANK_BALANCER);
  plan->balancers.columns = MAX (plan->balancers.hosts->len, 1);
  if (app->len == 0 && data->len == 0)
    {
      plan->lower[0].hosts = hosts_ranked (scenario, RANK_WEB, RANK_DATA);
      plan->lower[0].columns = 1;
      plan->n_lower = 1;
      return;
    }
  for (Rank rank = RANK_WEB; rank <= RANK_DATA; rank++)
    {
      plan->lower[rank - RANK_WEB].hosts = hosts_ranked (scenario, rank, rank);
      plan->lower[rank - RANK_WEB].columns = MAX (plan->lower[rank - RANK_WEB].hosts->len, 1);
    }
  plan->n_lower = 3;
}

static void
plan_blocks (Plan        *plan,
             const Board *board,
             int          boxes)
{
  plan->boxes = boxes;
  block_plan (&plan->balancers, board, boxes, TRUE);
  for (guint i = 0; i < plan->n_lower; i++)
    block_plan (&plan->lower[i], board, boxes, FALSE);
  measure_plan (plan, board);
}

static double
plan_scale (const Plan *plan,
            double      aspect)
{
  return MIN (aspect / plan->width, 1.0 / plan->height);
}

/* The most boxes any machine's path and files put side by side. */
static int
widest_path (const Board *board)
{
  const SbScenario *scenario = board->scenario;
  int widest = 1;

  for (guint h = 0; h < scenario->hosts->len; h++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, h);
      int n = 0;

      for (guint i = 0; i < scenario->components->len; i++)
        {
          const SbComponent *c = g_ptr_array_index (scenario->components, i);

          n += g_strcmp0 (c->host, host->id) == 0
               && (path_rank (c->kind) >= 0 || c->kind == SB_KIND_CODE);
        }
      widest = MAX (widest, n);
    }
  return widest;
}

static guint
hosts_with_databases (const Block *block)
{
  guint n = 0;

  for (guint i = 0; i < block->hosts->len; i++)
    n += block->plans[i].has_database;
  return n;
}

/* Chooses how many boxes a machine puts side by side and how many
 * machines the grid's rows hold: the board drawn largest at ASPECT, but
 * machines in one row while that keeps most of the scale, and wide
 * machines before narrow ones at the same scale. */
static void
choose_plan (Plan        *plan,
             Board       *board,
             double       aspect)
{
  int widest = board->widest = widest_path (board);
  gboolean grid = FALSE;
  double best = -1;
  int best_boxes = widest;
  guint best_columns = 1, n, most_columns;

  init_plan (plan, board);
  grid = plan->n_lower == 1;
  board->tiered = !grid;
  n = plan->lower[0].hosts->len;
  most_columns = grid ? MIN (MAX (n, 1), SB_MAX_HOST_COLUMNS) : 1;
  for (int boxes = widest; boxes >= MIN (2, widest); boxes--)
    for (guint columns = 1; columns <= most_columns; columns++)
      {
        double scale;


        if (grid)
          plan->lower[0].columns = columns;
        plan_blocks (plan, board, boxes);
        scale = plan_scale (plan, aspect);
        /* All the machines of the grid in one row, side by side, while
         * that costs little of the scale; a machine's path in one row
         * unless folding it gains much. */
        if (grid && columns >= n && n <= SB_MAX_HOST_COLUMNS)
          scale /= ROW_PREFERENCE;
        if (grid && columns < n && hosts_with_databases (&plan->lower[0]) > 1)
          scale *= STACKED_DATABASES_COST;
        scale *= pow (FOLD_COST, widest - boxes);
        if (g_getenv ("SB_DEBUG_PLAN"))
          g_printerr ("plan boxes %d columns %u: %.0f x %.0f scale %.6f\n", boxes, columns,
                      plan->width, plan->height, scale);
        if (scale > best * 1.001)
          {
            best = scale;
            best_boxes = boxes;
            best_columns = columns;
          }
      }
  if (grid)
    plan->lower[0].columns = best_columns;
  plan_blocks (plan, board, best_boxes);
}

/* --- Placing ------------------------------------------------------------- */

/* Adds a box and records its id (owned by the table) in ORDER. */
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

static void
place_row (SbLayout  *self,
           GPtrArray *comps,
           double     cx,
           double     y,
           double     node_width,
           double     node_height,
           double     gap)
{
  double x = cx - row_width (comps->len, node_width, gap) / 2;

  for (guint i = 0; i < comps->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (comps, i);

      add_rect (self, self->comp_ids, comp->id, x, y, node_width, node_height);
      x += node_width + gap;
    }
}

/* A machine's frame at (X, Y), WIDTH wide (its column's), its boxes
 * centred in it. */
static void
place_host (SbLayout       *self,
            const HostPlan *plan,
            double          x,
            double          y,
            double          width,
            double          height)
{
  const SbLayoutMetrics *m = &self->m;
  int cols = MAX (plan->cols, 1);
  double inner = cols * m->node_width + (cols - 1) * m->node_gap_x;
  double left = x + (width - inner) / 2, top = y + m->host_title + m->host_pad_top;

  add_rect (self, self->host_ids, plan->host->id, x, y, width, height);
  for (guint i = 0; i < plan->cells->len; i++)
    {
      const Cell *c = &g_array_index (plan->cells, Cell, i);

      add_rect (self, self->comp_ids, c->comp->id, left + c->col * (m->node_width + m->node_gap_x),
                top + c->row * (m->node_height + m->node_gap_y), m->node_width, m->node_height);
    }
}

/* Places BLOCK's machines in its grid, from TOP, centred on CENTER_X;
 * returns the bottom of the block. */
static double
place_block (SbLayout    *self,
             const Board *board,
             const Block *block,
             double       top,
             double       center_x)
{
  guint n = block->hosts->len, columns = MAX (block->columns, 1);
  double y = top, left = center_x - block_width (board, block) / 2;
  g_autofree double *col_x = g_new0 (double, columns);
  g_autofree double *col_w = g_new0 (double, columns);

  for (guint c = 0; c < MIN (columns, n); c++)
    {
      for (guint i = c; i < n; i += columns)
        col_w[c] = MAX (col_w[c], block->plans[i].width);
      col_x[c] = c == 0 ? left : col_x[c - 1] + col_w[c - 1]
                                 + gap_between (board, &block->plans[c - 1], &block->plans[c]);
    }
  for (guint first = 0; first < n; first += columns)
    {
      guint last = MIN (first + columns, n);
      double tallest = 0;

      for (guint i = first; i < last; i++)
        tallest = MAX (tallest, block->plans[i].height);
      for (guint i = first; i < last; i++)
        place_host (self, &block->plans[i], col_x[i - first], y, col_w[i - first], tallest);
      y += tallest + board->m.host_gap_y;
    }
  return n > 0 ? y - board->m.host_gap_y : top;
}

static void
place_plan (SbLayout    *self,
            const Board *board,
            const Plan  *plan)
{
  const SbLayoutMetrics *m = &self->m;
  double center_x = (plan->width - 2 * m->margin) / 2, y = 0;

  place_row (self, plan->top, center_x, y, m->top_width, m->node_height, SB_TOP_GAP_X);
  y += m->node_height + m->tier_gap;
  if (plan->middle->len > 0)
    {
      place_row (self, plan->middle, center_x, y, m->top_width, m->node_height, SB_TOP_GAP_X);
      y += m->node_height + m->tier_gap;
    }
  if (plan->balancers.hosts->len > 0)
    y = place_block (self, board, &plan->balancers, y, center_x) + m->tier_gap;
  for (guint i = 0; i < plan->n_lower; i++)
    if (plan->lower[i].hosts->len > 0)
      y = place_block (self, board, &plan->lower[i], y, center_x) + m->host_gap_y;
}

/* --- Positions given, and machines kept apart ------------------------------ */

/* Fits a host's frame round its components, wherever they are. */
static void
frame_host (SbLayout         *self,
            const SbScenario *scenario,
            const SbHost     *host)
{
  const SbLayoutMetrics *m = &self->m;
  SbRect *hr = g_hash_table_lookup (self->rects, host->id);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);
      const SbRect *r;

      if (g_strcmp0 (comp->host, host->id) != 0)
        continue;
      r = g_hash_table_lookup (self->rects, comp->id);
      x0 = MIN (x0, r->x); y0 = MIN (y0, r->y);
      x1 = MAX (x1, r->x + r->width); y1 = MAX (y1, r->y + r->height);
    }
  if (x0 > x1)
    return;
  /* As wide as its title needs, the boxes in the middle. */
  {
    double w = MAX (x1 - x0 + 2 * m->host_pad, hr->width);
    double cx = (x0 + x1) / 2;

    gboolean database = sb_scenario_find_kind (scenario, SB_KIND_DATABASE, host->id) != NULL;

    *hr = (SbRect) { cx - w / 2, y0 - m->host_pad_top - m->host_title, w,
                     y1 - y0 + m->host_pad_top + m->host_title + pad_bottom (m, database) };
  }
}

/* Components with a position in the scenario keep it (as their centre);
 * a machine none of whose components has one, after a sibling that has,
 * goes beside it; a host then grows to hold its components. */
static gboolean
apply_scenario_positions (SbLayout         *self,
                          const SbScenario *scenario)
{
  gboolean any = FALSE;

  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);
      SbRect *rect = g_hash_table_lookup (self->rects, comp->id);

      if (!comp->has_position || rect == NULL)
        continue;
      rect->x = comp->x * self->spread_x - rect->width / 2;
      rect->y = comp->y * self->spread_y - rect->height / 2;
      any = TRUE;
    }
  if (!any)
    return FALSE;
  for (guint h = 0; h < scenario->hosts->len; h++)
    frame_host (self, scenario, g_ptr_array_index (scenario->hosts, h));
  return TRUE;
}

static gboolean
host_has_position (const SbScenario *scenario,
                   const char       *host_id)
{
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);

      if (g_strcmp0 (c->host, host_id) == 0 && c->has_position)
        return TRUE;
    }
  return FALSE;
}

/* Moves machine (or standalone component) ID and its boxes by DX, DY. */
static void
move_unit (SbLayout         *self,
           const SbScenario *scenario,
           const char       *id,
           double            dx,
           double            dy)
{
  SbRect *r = g_hash_table_lookup (self->rects, id);

  r->x += dx;
  r->y += dy;
  for (guint i = 0; sb_scenario_find_host (scenario, id) && i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);
      SbRect *cr;

      if (g_strcmp0 (c->host, id) != 0)
        continue;
      cr = g_hash_table_lookup (self->rects, c->id);
      cr->x += dx;
      cr->y += dy;
    }
}

/* A new machine after a sibling (a machine of its tier) that was placed
 * by hand goes beside it, not where the grid would have put it. */
static void
place_beside_siblings (SbLayout         *self,
                       const SbScenario *scenario)
{
  const SbHost *previous = NULL;

  for (guint h = 0; h < scenario->hosts->len; h++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, h);
      const SbRect *p;
      SbRect *r = g_hash_table_lookup (self->rects, host->id);

      if (previous && !host_has_position (scenario, host->id)
          && host_has_position (scenario, previous->id)
          && host_rank (scenario, previous->id) == host_rank (scenario, host->id))
        {
          p = g_hash_table_lookup (self->rects, previous->id);
          move_unit (self, scenario, host->id, p->x + p->width + self->m.host_gap_x - r->x,
                     p->y - r->y);
        }
      if (previous == NULL || host_rank (scenario, previous->id) == host_rank (scenario, host->id)
          || host_has_position (scenario, host->id))
        previous = host;
    }
}

/* What may not overlap: machines, and components standing alone (a
 * browser with its stack of cards behind it). */
typedef struct {
  const char *id;
  SbRect      rect;
  int         priority;   /* lower settles first */
  gboolean    moved;
} Unit;

static SbRect
unit_rect (const SbLayout    *self,
           const SbScenario  *scenario,
           const SbComponent *comp,
           const char        *id)
{
  SbRect r = *(const SbRect *) g_hash_table_lookup (self->rects, id);

  if (comp && comp->kind == SB_KIND_CLIENT)
    {
      r.x -= 16;
      r.y -= 16;
      r.width += 16;
      r.height += 16;
    }
  return r;
}

static gboolean
units_clash (const SbRect *a,
             const SbRect *b)
{
  double gap = MIN_SEPARATION;

  return a->x < b->x + b->width + gap && b->x < a->x + a->width + gap
         && a->y < b->y + b->height + gap && b->y < a->y + a->height + gap;
}

static gboolean
clashes_any (const SbRect *r,
             const Unit   *units,
             guint         n_settled)
{
  for (guint i = 0; i < n_settled; i++)
    if (units_clash (r, &units[i].rect))
      return TRUE;
  return FALSE;
}

/* The nearest place for R where it overlaps none of the N_SETTLED units
 * before it in UNITS (N in all): beside, above or below one of them, and
 * rather where it overlaps none of the others either, which would have
 * to give way in turn. */
static void
nearest_free (SbRect     *r,
              const Unit *units,
              guint       n_settled,
              guint       n)
{
  double gap = MIN_SEPARATION + 1, best = G_MAXDOUBLE;
  SbRect found = *r;

  for (guint i = 0; i < n_settled; i++)
    {
      const SbRect *s = &units[i].rect;
      const SbRect tries[] = {
        { s->x + s->width + gap, r->y, r->width, r->height },
        { s->x - gap - r->width, r->y, r->width, r->height },
        { r->x, s->y + s->height + gap, r->width, r->height },
        { r->x, s->y - gap - r->height, r->width, r->height },
      };

      for (guint k = 0; k < G_N_ELEMENTS (tries); k++)
        {
          double d = hypot (tries[k].x - r->x, tries[k].y - r->y);

          for (guint j = n_settled + 1; j < n; j++)
            d += units_clash (&tries[k], &units[j].rect) ? CASCADE_COST : 0;
          if (d < best && !clashes_any (&tries[k], units, n_settled))
            {
              best = d;
              found = tries[k];
            }
        }
    }
  *r = found;
}

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  return ((const Unit *) a)->priority - ((const Unit *) b)->priority;
}

static void
record_displaced (SbLayout         *self,
                  const SbScenario *scenario,
                  const char       *id)
{
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);
      const SbRect *r;
      double x, y;

      if (!g_str_equal (c->id, id) && g_strcmp0 (c->host, id) != 0)
        continue;
      r = g_hash_table_lookup (self->rects, c->id);
      sb_rect_center (r, &x, &y);
      x /= self->spread_x;
      y /= self->spread_y;
      g_ptr_array_add (self->displaced, g_strdup (c->id));
      g_array_append_val (self->displaced_x, x);
      g_array_append_val (self->displaced_y, y);
    }
}

/* Moves apart machines that overlap: the one dragged (PINNED) first, then
 * those placed by hand in the scenario's order, then the others, each
 * where it is if it is clear of those before it, else at the nearest
 * place that is. */
static void
keep_apart (SbLayout         *self,
            const SbScenario *scenario,
            const char       *pinned)
{
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (Unit));
  const SbComponent *pinned_comp = pinned ? sb_scenario_find_component (scenario, pinned) : NULL;
  const char *pinned_unit = pinned_comp && pinned_comp->host ? pinned_comp->host : pinned;

  for (guint h = 0; h < scenario->hosts->len; h++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, h);
      Unit u = { host->id, unit_rect (self, scenario, NULL, host->id),
                 (host_has_position (scenario, host->id) ? 1000 : 2000) + (int) h, FALSE };

      if (g_strcmp0 (host->id, pinned_unit) == 0)
        u.priority = 0;
      g_array_append_val (units, u);
    }
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);
      Unit u = { c->id, unit_rect (self, scenario, c, c->id),
                 (c->has_position ? 1000 : 2000) + 100 + (int) i, FALSE };

      if (c->host != NULL)
        continue;
      if (g_strcmp0 (c->id, pinned_unit) == 0)
        u.priority = 0;
      g_array_append_val (units, u);
    }
  g_array_sort (units, compare_units);
  for (guint i = 0; i < units->len; i++)
    {
      Unit *u = &g_array_index (units, Unit, i);
      SbRect before = u->rect;

      if (!clashes_any (&u->rect, (const Unit *) units->data, i))
        continue;
      nearest_free (&u->rect, (const Unit *) units->data, i, units->len);
      move_unit (self, scenario, u->id, u->rect.x - before.x, u->rect.y - before.y);
      record_displaced (self, scenario, u->id);
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
  double margin = self->m.margin, margin_top = self->m.margin_top;

  g_hash_table_iter_init (&iter, self->rects);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &rect))
    {
      x0 = MIN (x0, rect->x); y0 = MIN (y0, rect->y);
      x1 = MAX (x1, rect->x + rect->width); y1 = MAX (y1, rect->y + rect->height);
    }
  if (x0 > x1)
    x0 = y0 = x1 = y1 = 0;
  self->shift_x = margin - x0;
  self->shift_y = margin_top - y0;
  self->width = MAX (x1 - x0 + 2 * margin, SB_MIN_WIDTH);
  self->height = y1 - y0 + margin_top + margin;
  /* Centre horizontally when the minimum width made room. */
  self->shift_x += (self->width - (x1 - x0 + 2 * margin)) / 2;
  g_hash_table_iter_init (&iter, self->rects);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &rect))
    {
      rect->x += self->shift_x;
      rect->y += self->shift_y;
    }
}

void
sb_layout_options_init (SbLayoutOptions *options)
{
  *options = (SbLayoutOptions) { .text_scale = 1.0, .aspect = 16.0 / 9.0 };
}

SbLayout *
sb_layout_new (const SbScenario *scenario)
{
  return sb_layout_new_full (scenario, NULL);
}

SbLayout *
sb_layout_new_full (const SbScenario      *scenario,
                    const SbLayoutOptions *options)
{
  SbLayoutOptions defaults;
  SbLayout *self;
  Board board = { scenario };
  Plan plan;

  g_return_val_if_fail (scenario != NULL, NULL);
  if (options == NULL)
    {
      sb_layout_options_init (&defaults);
      options = &defaults;
    }

  self = g_new0 (SbLayout, 1);
  self->rects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->host_ids = g_ptr_array_new ();
  self->comp_ids = g_ptr_array_new ();
  self->displaced = g_ptr_array_new_with_free_func (g_free);
  self->displaced_x = g_array_new (FALSE, FALSE, sizeof (double));
  self->displaced_y = g_array_new (FALSE, FALSE, sizeof (double));
  compute_metrics (&self->m, scenario, MAX (options->text_scale, 0.5));
  /* Positions were given on a board of the default sizes: spread as the
   * grid of boxes spreads. */
  self->spread_x = (self->m.node_width + self->m.node_gap_x) / (SB_NODE_WIDTH + SB_NODE_GAP_X);
  self->spread_y = (self->m.node_height + self->m.node_gap_y) / (SB_NODE_HEIGHT + SB_NODE_GAP_Y);

  board.m = self->m;
  board.titles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  board.caption_gap = MAX (SB_HOST_GAP_CAPTION,
                           MAX (sb_text_width (_("VRRP heartbeat"), board.m.font),
                                sb_text_width (_("async replication"), board.m.font)) + 16 + 64);
  for (guint h = 0; h < scenario->hosts->len; h++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, h);

      double w = title_width (&board, host);

      g_hash_table_insert (board.titles, host->id, g_memdup2 (&w, sizeof w));
    }
  choose_plan (&plan, &board, options->aspect > 0 ? options->aspect : 16.0 / 9.0);
  place_plan (self, &board, &plan);
  plan_clear (&plan);
  g_hash_table_unref (board.titles);

  if (apply_scenario_positions (self, scenario))
    place_beside_siblings (self, scenario);
  keep_apart (self, scenario, options->pinned);
  fit_bounds (self);
  self->routes = sb_routes_new (self, scenario);
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
  g_ptr_array_unref (self->displaced);
  g_array_unref (self->displaced_x);
  g_array_unref (self->displaced_y);
  sb_routes_free (self->routes);
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

const SbLayoutMetrics *
sb_layout_get_metrics (const SbLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->m;
}

const SbRect *
sb_layout_get_rect (const SbLayout *self,
                    const char     *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  return id ? g_hash_table_lookup (self->rects, id) : NULL;
}

/* The last of IDS (drawn last, so on top) whose box holds the point. */
static const char *
hit_in (const SbLayout *self,
        GPtrArray      *ids,
        double          x,
        double          y)
{
  for (guint i = ids->len; i-- > 0; )
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
  *x = (*x - self->shift_x) / self->spread_x;
  *y = (*y - self->shift_y) / self->spread_y;
}

guint
sb_layout_get_displaced (const SbLayout       *self,
                         const char * const  **ids,
                         const double        **xs,
                         const double        **ys)
{
  g_return_val_if_fail (self != NULL, 0);
  *ids = (const char * const *) self->displaced->pdata;
  *xs = (const double *) (gpointer) self->displaced_x->data;
  *ys = (const double *) (gpointer) self->displaced_y->data;
  return self->displaced->len;
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

SbRoutes *
sb_layout_get_routes (const SbLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->routes;
}

gboolean
sb_layout_dns_note (const SbLayout   *self,
                    const SbScenario *scenario,
                    SbRect           *note)
{
  const SbComponent *dns = sb_scenario_find_kind (scenario, SB_KIND_DNS, NULL);
  g_autofree char *record = sb_render_dns_record (scenario);
  const SbRect *r = dns ? sb_layout_get_rect (self, dns->id) : NULL;
  SbTextLines lines = { 0 };
  double x, y;

  if (record == NULL || r == NULL)
    return FALSE;
  sb_text_lines_measure (&lines, record, self->m.font, -1, 1);
  /* Under the DNS, kept on the board. */
  x = CLAMP (r->x + r->width / 2 - lines.width / 2, 16, self->width - 16 - lines.width);
  y = r->y + r->height + 14;
  *note = (SbRect) { x - 12, y - 6, lines.width + 24, lines.height + 12 };
  sb_text_lines_clear (&lines);
  return TRUE;
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
