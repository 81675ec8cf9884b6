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

#include <string.h>

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

/* Whether ID is UNIT or on the machine UNIT. */
static gboolean
in_unit (SbDrawContext *ctx,
         const char    *id,
         const char    *unit)
{
  return g_strcmp0 (id, unit) == 0 || g_strcmp0 (host_of (ctx->scenario, id), unit) == 0;
}

gboolean
sb_render_shown (SbDrawContext *ctx,
                 const char    *id)
{
  const SbRenderPart *part = ctx->part;

  return part == NULL || ((part->hide == NULL || !in_unit (ctx, id, part->hide))
                          && (part->only == NULL || in_unit (ctx, id, part->only)));
}

static void
init_mark (SbDrawContext *ctx,
           SbMark        *mark,
           SbMarkKind     kind,
           const char    *owner,
           const SbLink  *link)
{
  *mark = (SbMark) { .kind = kind, .live = ctx->sim != NULL, .link_kind = link ? (int) link->kind : -1 };
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

/* The plate of a pill whose text is TW × TH, at SPOT. */
static SbRect
pill_rect (double        tw,
           double        th,
           const SbSpot *spot)
{
  double w = tw + 16, h = th + 4;

  return (SbRect) { spot->x - w / 2 * (spot->align + 1), spot->y - h / 2 * (1 - spot->valign), w, h };
}

static gboolean
on_board (SbDrawContext *ctx,
          const SbRect  *r)
{
  return r->x >= 0 && r->y >= 0 && r->x + r->width <= sb_layout_get_width (ctx->layout)
         && r->y + r->height <= sb_layout_get_height (ctx->layout);
}

/* The first of the N_AT spots where MARK, TW × TH of text, is clear. */
static int
first_clear (SbDrawContext *ctx,
             SbMark        *mark,
             double         tw,
             double         th,
             const SbSpot  *at,
             guint          n_at)
{
  for (guint i = 0; i < n_at; i++)
    {
      mark->rect = pill_rect (tw, th, &at[i]);
      if (on_board (ctx, &mark->rect) && sb_render_record_is_clear (ctx->marks, mark))
        return (int) i;
    }
  return -1;
}

/* Lays TEXT out as a pill (wrapped at MAX_WIDTH when > 0) and fills in
 * MARK, which lacks only its rectangle; the text's size in TW × TH. */
static void
start_pill (SbDrawContext *ctx,
            SbMark        *mark,
            SbMarkKind     kind,
            const char    *owner,
            const SbLink  *link,
            const char    *text,
            double         max_width,
            double        *tw,
            double        *th)
{
  sb_render_prepare_text (ctx, text, SB_FONT_FAMILY, SB_FONT_LINK, PANGO_WEIGHT_SEMIBOLD,
                          max_width > 0 ? max_width - 16 : -1, max_width > 0 ? 3 : 1, tw, th);
  init_mark (ctx, mark, kind, owner, link);
  mark->text = text;
  mark->cut = sb_render_text_ellipsized (ctx);
}

int
sb_render_find_spot (SbDrawContext *ctx,
                     SbMarkKind     kind,
                     const char    *owner,
                     const SbLink  *link,
                     const char    *text,
                     const SbSpot  *at,
                     guint          n_at)
{
  SbMark mark;
  double tw, th;

  start_pill (ctx, &mark, kind, owner, link, text, -1, &tw, &th);
  return first_clear (ctx, &mark, tw, th, at, n_at);
}

gboolean
sb_render_place_pill (SbDrawContext *ctx,
                      SbMarkKind     kind,
                      const char    *owner,
                      const SbLink  *link,
                      const char    *text,
                      const SbSpot  *at,
                      guint          n_at,
                      const SbColor *color,
                      const SbColor *background)
{
  return sb_render_place_note (ctx, kind, owner, link, text, -1, at, n_at, color, background, NULL);
}

gboolean
sb_render_place_note (SbDrawContext *ctx,
                      SbMarkKind     kind,
                      const char    *owner,
                      const SbLink  *link,
                      const char    *text,
                      double         max_width,
                      const SbSpot  *at,
                      guint          n_at,
                      const SbColor *color,
                      const SbColor *background,
                      SbRect        *placed)
{
  SbMark mark;
  double tw, th;
  int chosen;

  start_pill (ctx, &mark, kind, owner, link, text, max_width, &tw, &th);
  chosen = first_clear (ctx, &mark, tw, th, at, n_at);
  mark.rect = pill_rect (tw, th, &at[MAX (chosen, 0)]);
  sb_glyph_rounded_rect (ctx->cr, mark.rect.x, mark.rect.y, mark.rect.width, mark.rect.height, 8);
  sb_render_set_color (ctx->cr, background);
  cairo_fill (ctx->cr);
  sb_render_set_color (ctx->cr, color);
  sb_render_show_text_at (ctx, mark.rect.x + 8, mark.rect.y + 2);
  sb_render_record_add (ctx->marks, &mark);
  if (placed)
    *placed = mark.rect;
  return chosen >= 0;
}

guint
sb_render_spots_around (const SbRect *r,
                        double        distance,
                        SbSpot       *spots)
{
  double top = r->y - distance + SB_PILL_HALF, bottom = r->y + r->height + distance - SB_PILL_HALF;
  double left = r->x, right = r->x + r->width, cx = r->x + r->width / 2, cy = r->y + r->height / 2;
  const SbSpot around[] = {
    { cx, top, 0, -1 }, { left, top, -1, -1 }, { right, top, 1, -1 },
    { cx, bottom, 0, 1 }, { left, bottom, -1, 1 }, { right, bottom, 1, 1 },
    { right + distance, cy, -1 }, { left - distance, cy, 1 },
    { right + distance, r->y, -1 }, { left - distance, r->y, 1 },
  };

  memcpy (spots, around, sizeof around);
  return G_N_ELEMENTS (around);
}

guint
sb_render_spots_near (SbDrawContext *ctx,
                      const char    *id,
                      double         distance,
                      SbSpot        *spots)
{
  const SbRect *r = sb_layout_get_rect (ctx->layout, id);
  const SbRect *host = sb_layout_get_rect (ctx->layout, host_of (ctx->scenario, id));
  guint n = 0;

  if (r != NULL)
    n += sb_render_spots_around (r, distance, spots);
  if (host != NULL)
    n += sb_render_spots_around (host, 22, spots + n);
  if (r != NULL)
    {
      /* Last, inside its own box or frame, along the bottom: under a
       * component's name, or in a machine's bottom margin. */
      double y = r->y + r->height - 20 + SB_PILL_HALF;

      spots[n++] = (SbSpot) { r->x + r->width / 2, y, 0, -1 };
      spots[n++] = (SbSpot) { r->x + 12, y, -1, -1 };
      spots[n++] = (SbSpot) { r->x + r->width - 12, y, 1, -1 };
    }
  return n;
}

void
sb_render_get_covers (SbDrawContext *ctx,
                      SbCovers      *covers)
{
  guint n = sb_render_record_get_n_marks (ctx->marks);

  covers->n = 0;
  for (guint i = 0; i < n && covers->n < SB_MAX_COVERS; i++)
    {
      const SbMark *m = sb_render_record_get_mark (ctx->marks, i);

      if (!m->live && (m->kind == SB_MARK_CAPTION || m->kind == SB_MARK_BADGE))
        covers->rects[covers->n++] = m->rect;
    }
}

gboolean
sb_render_clip_covers (SbDrawContext  *ctx,
                       const SbCovers *covers,
                       double          x,
                       double          y,
                       double          half)
{
  SbRect box = { x - half, y - half, 2 * half, 2 * half };
  gboolean clipped = FALSE;

  for (guint i = 0; i < covers->n; i++)
    {
      const SbRect *c = &covers->rects[i];

      if (c->x >= box.x + box.width || box.x >= c->x + c->width
          || c->y >= box.y + box.height || box.y >= c->y + c->height)
        continue;
      if (!clipped)
        {
          /* The box, with a hole for each cover it meets (even-odd). */
          cairo_save (ctx->cr);
          cairo_new_path (ctx->cr);
          cairo_rectangle (ctx->cr, box.x, box.y, box.width, box.height);
          clipped = TRUE;
        }
      cairo_rectangle (ctx->cr, c->x, c->y, c->width, c->height);
    }
  if (clipped)
    {
      cairo_set_fill_rule (ctx->cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_clip (ctx->cr);
      cairo_set_fill_rule (ctx->cr, CAIRO_FILL_RULE_WINDING);
    }
  return clipped;
}
