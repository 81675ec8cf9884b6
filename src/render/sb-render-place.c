/* sb-render-place.c — what the board records, and captions and badges put
 * where they fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every box, text and line is recorded as it is drawn (sb-render-record.h),
 * so a caption or badge can be put at the first of a few places its
 * drawing code proposes where it covers nothing it must not.  The
 * proposals are fixed and the test is exact, so the same board always
 * comes out the same.
 */
#include "config.h"

#include "sb-glyphs.h"
#include "sb-metrics.h"
#include "sb-render-private.h"

static const char *
host_of (const SbScenario *scenario,
         const char       *id)
{
  const SbComponent *comp = id ? sb_scenario_find_component (scenario, id) : NULL;

  return comp ? comp->host : NULL;
}

static void
init_mark (SbDrawContext *ctx,
           SbMark        *mark,
           SbMarkKind     kind,
           const char    *owner,
           const SbLink  *link)
{
  *mark = (SbMark) { .kind = kind, .live = ctx->sim != NULL };
  mark->owner = link ? link->from : owner;
  mark->owner_host = host_of (ctx->scenario, mark->owner);
  if (link)
    {
      mark->target = link->to;
      mark->target_host = host_of (ctx->scenario, link->to);
    }
}

void
sb_render_mark (SbDrawContext *ctx,
                SbMarkKind     kind,
                const char    *owner,
                const char    *text,
                const SbRect  *rect,
                gboolean       cut)
{
  SbMark mark;

  init_mark (ctx, &mark, kind, owner, NULL);
  mark.text = text;
  mark.rect = *rect;
  mark.cut = cut;
  sb_render_record_add (ctx->marks, &mark);
}

void
sb_render_mark_link (SbDrawContext *ctx,
                     const SbLink  *link,
                     const double  *xs,
                     const double  *ys,
                     guint          n)
{
  SbMark mark;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  init_mark (ctx, &mark, SB_MARK_LINK, NULL, link);
  mark.n_points = MIN (n, SB_ROUTE_MAX_POINTS);
  for (guint i = 0; i < mark.n_points; i++)
    {
      mark.xs[i] = xs[i];
      mark.ys[i] = ys[i];
      x0 = MIN (x0, xs[i]); y0 = MIN (y0, ys[i]);
      x1 = MAX (x1, xs[i]); y1 = MAX (y1, ys[i]);
    }
  mark.rect = (SbRect) { x0, y0, x1 - x0, y1 - y0 };
  sb_render_record_add (ctx->marks, &mark);
}

static SbRect
pill_rect (double tw,
           double th,
           double x,
           double y)
{
  return (SbRect) { x - tw / 2 - 8, y - th / 2 - 2, tw + 16, th + 4 };
}

SbRect
sb_render_place_pill (SbDrawContext *ctx,
                      SbMarkKind     kind,
                      const char    *owner,
                      const SbLink  *link,
                      const char    *text,
                      const SbPoint *at,
                      guint          n_at,
                      const SbColor *color,
                      const SbColor *background)
{
  SbMark mark;
  double tw, th;
  guint chosen = 0;

  sb_render_prepare_text (ctx, text, SB_FONT_FAMILY, SB_FONT_LINK, PANGO_WEIGHT_SEMIBOLD, -1, 1, &tw, &th);
  init_mark (ctx, &mark, kind, owner, link);
  mark.text = text;
  for (guint i = 0; i < n_at; i++)
    {
      mark.rect = pill_rect (tw, th, at[i].x, at[i].y);
      if (sb_render_record_is_clear (ctx->marks, &mark))
        {
          chosen = i;
          break;
        }
    }
  mark.rect = pill_rect (tw, th, at[chosen].x, at[chosen].y);
  sb_glyph_rounded_rect (ctx->cr, mark.rect.x, mark.rect.y, mark.rect.width, mark.rect.height, 8);
  sb_render_set_color (ctx->cr, background);
  cairo_fill (ctx->cr);
  sb_render_set_color (ctx->cr, color);
  sb_render_show_text_at (ctx, at[chosen].x - tw / 2, at[chosen].y - th / 2);
  sb_render_record_add (ctx->marks, &mark);
  return mark.rect;
}
