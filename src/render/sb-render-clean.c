/* sb-render-clean.c — the diagram to hand in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The title above the board and a legend of its lines below, in bands
 * taken from the target before the board is fitted into the rest.  Of the
 * simulation only what a person did stays (killed elements, opened
 * firewalls): no token, no failure mark, no counter, nothing that depends
 * on the moment, so two exports of one design are the same file.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-metrics.h"
#include "sb-render-private.h"

/* Bands in diagram units, scaled with the board. */
#define TITLE_BAND    96.0
#define LEGEND_BAND  100.0
#define LEGEND_ROW    44.0
#define SAMPLE_LENGTH 64.0
#define SAMPLE_GAP    14.0
#define ITEM_GAP      48.0
#define TITLE_SCALE    1.5

typedef enum {
  SAMPLE_SOLID,
  SAMPLE_DASHED,
  SAMPLE_REPLICATION,
  SAMPLE_KILLED,
  SAMPLE_SPOF,
  SAMPLE_ISSUE,
} SampleKind;

typedef struct {
  SampleKind  kind;
  const char *text;
} LegendItem;

static gboolean
any_killed (SbSim *sim)
{
  guint n = sim ? sb_sim_get_n_elements (sim) : 0;

  for (guint i = 0; i < n; i++)
    if (sb_sim_get_element_state (sim, sb_sim_get_element_id (sim, i)) == SB_ELEMENT_DOWN)
      return TRUE;
  return FALSE;
}

static guint
legend_items (SbDrawContext *ctx,
              LegendItem    *items)
{
  guint n = 0;

  items[n++] = (LegendItem) { SAMPLE_SOLID, _("Requests and answers") };
  items[n++] = (LegendItem) { SAMPLE_DASHED, _("No request: lookups, metrics, heartbeats, backups") };
  items[n++] = (LegendItem) { SAMPLE_REPLICATION, _("Database replication") };
  if (any_killed (ctx->sim))
    items[n++] = (LegendItem) { SAMPLE_KILLED, _("Killed") };
  if (ctx->options->spofs && ctx->options->spofs->len > 0)
    items[n++] = (LegendItem) { SAMPLE_SPOF, _("Single point of failure") };
  if (ctx->options->show_issues)
    items[n++] = (LegendItem) { SAMPLE_ISSUE, _("Known issue") };
  return n;
}

static void
draw_sample (SbDrawContext *ctx,
             SampleKind     kind,
             double         x,
             double         y)
{
  static const double dash[] = { 14, 8 };
  static const SbColor issue = { 0.96, 0.83, 0.18 };

  switch (kind)
    {
    case SAMPLE_KILLED:
      sb_render_set_color (ctx->cr, &ctx->palette->failure);
      cairo_set_line_width (ctx->cr, 5);
      cairo_move_to (ctx->cr, x + 18, y - 14);
      cairo_line_to (ctx->cr, x + 46, y + 14);
      cairo_move_to (ctx->cr, x + 46, y - 14);
      cairo_line_to (ctx->cr, x + 18, y + 14);
      cairo_stroke (ctx->cr);
      break;
    case SAMPLE_SPOF:
    case SAMPLE_ISSUE:
      cairo_rectangle (ctx->cr, x + 4, y - 14, SAMPLE_LENGTH - 8, 28);
      sb_render_set_color (ctx->cr, kind == SAMPLE_SPOF ? &ctx->palette->spof : &issue);
      cairo_set_line_width (ctx->cr, 5);
      cairo_set_dash (ctx->cr, dash, kind == SAMPLE_SPOF ? 2 : 0, 0);
      if (kind == SAMPLE_SPOF)
        cairo_stroke (ctx->cr);
      else
        cairo_fill (ctx->cr);
      cairo_set_dash (ctx->cr, NULL, 0, 0);
      break;
    case SAMPLE_SOLID:
    case SAMPLE_DASHED:
    case SAMPLE_REPLICATION:
    default:
      sb_render_line_sample (ctx, x, y, x + SAMPLE_LENGTH, y, kind == SAMPLE_DASHED,
                             kind == SAMPLE_REPLICATION);
      break;
    }
}

/* The items in one row when they fit, else in two; centred. */
static void
draw_legend (SbDrawContext *ctx)
{
  LegendItem items[8];
  guint n = legend_items (ctx, items);
  double widths[8], total = 0, board_w = sb_layout_get_width (ctx->layout);
  double top = sb_layout_get_height (ctx->layout) + (LEGEND_BAND - 2 * LEGEND_ROW) / 2;
  guint per_row, first = 0;

  for (guint i = 0; i < n; i++)
    {
      double h;

      sb_render_prepare_text (ctx, items[i].text, SB_FONT_FAMILY, SB_FONT_LINK, SB_LABEL_WEIGHT,
                              -1, 1, &widths[i], &h);
      widths[i] += SAMPLE_LENGTH + SAMPLE_GAP;
      total += widths[i] + (i > 0 ? ITEM_GAP : 0);
    }
  per_row = total <= board_w ? n : (n + 1) / 2;
  for (guint row = 0; first < n; row++)
    {
      guint last = MIN (n, first + per_row);
      double row_w = 0, x, y = top + LEGEND_ROW * (per_row == n ? 1 : row + 0.5);

      for (guint i = first; i < last; i++)
        row_w += widths[i] + (i > first ? ITEM_GAP : 0);
      x = (board_w - row_w) / 2;
      for (guint i = first; i < last; i++)
        {
          double tw, th;

          draw_sample (ctx, items[i].kind, x, y);
          sb_render_prepare_text (ctx, items[i].text, SB_FONT_FAMILY, SB_FONT_LINK,
                                  SB_LABEL_WEIGHT, -1, 1, &tw, &th);
          sb_render_set_color (ctx->cr, &ctx->palette->ink);
          sb_render_show_text_at (ctx, x + SAMPLE_LENGTH + SAMPLE_GAP, y - th / 2);
          x += widths[i] + ITEM_GAP;
        }
      first = last;
    }
}

/* The label style, scaled: a larger size would be a type style of its
 * own, and cost as much. */
static void
draw_title (SbDrawContext *ctx)
{
  const char *title = sb_render_tr (ctx->scenario->title);
  double board_w = sb_layout_get_width (ctx->layout), tw, th;

  sb_render_prepare_text (ctx, title, SB_FONT_FAMILY, SB_FONT_HOST, SB_LABEL_WEIGHT,
                          board_w / TITLE_SCALE, 1, &tw, &th);
  cairo_save (ctx->cr);
  cairo_translate (ctx->cr, (board_w - tw * TITLE_SCALE) / 2, -TITLE_BAND / 2 - th * TITLE_SCALE / 2);
  cairo_scale (ctx->cr, TITLE_SCALE, TITLE_SCALE);
  sb_render_set_color (ctx->cr, &ctx->palette->ink);
  sb_render_show_text_at (ctx, 0, 0);
  cairo_restore (ctx->cr);
}

static void
draw_frame_texts (SbDrawContext *ctx)
{
  draw_title (ctx);
  draw_legend (ctx);
}

static void
draw_kept_state (SbDrawContext *ctx)
{
  sb_render_dead_elements (ctx);
  sb_render_opened_firewalls (ctx);
}

void
sb_render_draw_clean (cairo_t               *cr,
                      const SbLayout        *layout,
                      const SbScenario      *scenario,
                      SbSim                 *sim,
                      const SbRenderOptions *options,
                      double                 width,
                      double                 height)
{
  SbRenderOptions clean;
  double scale, top, bottom;

  g_return_if_fail (cr != NULL && layout != NULL && scenario != NULL);
  if (options)
    clean = *options;
  else
    sb_render_options_init (&clean);
  clean.selected_id = NULL;
  clean.highlight_path = NULL;
  /* Bands as the board will be scaled: fit once to know the scale. */
  scale = sb_layout_fit (layout, width, height).scale;
  top = TITLE_BAND * scale;
  bottom = LEGEND_BAND * scale;
  cairo_save (cr);
  sb_render_layer (cr, layout, scenario, NULL, &clean, width, height, TRUE, NULL);
  cairo_translate (cr, 0, top);
  height = MAX (1, height - top - bottom);
  sb_render_layer (cr, layout, scenario, NULL, &clean, width, height, FALSE, sb_render_board);
  if (sim)
    sb_render_layer (cr, layout, scenario, sim, &clean, width, height, FALSE, draw_kept_state);
  sb_render_layer (cr, layout, scenario, sim, &clean, width, height, FALSE, draw_frame_texts);
  cairo_restore (cr);
}
