/* sb-render.c — the whiteboard, drawn with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing order: background, host boxes, links, nodes, labels on links,
 * so no line ever crosses a label.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "sb-glyphs.h"
#include "sb-links.h"
#include "sb-metrics.h"
#include "sb-render.h"
#include "sb-render-private.h"
#include "sb-route.h"
#include "sb-svg-text.h"

#define BOX_TOLERANCE 0.3

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* Strong contrast for a projector: near-black ink on a warm white board. */
static const SbPalette light_palette = {
  RGB (0xfcfcf9), RGB (0x1b2631), RGB (0x4a5866), RGB (0xedf2f7), RGB (0x7a8896),
  RGB (0xffffff), RGB (0x2e3c4a), RGB (0x3f4f5f), RGB (0x9c4a00), RGB (0xfff1b8),
  RGB (0x1a5fb4), RGB (0x613583), RGB (0x1c71d8),
  RGB (0x1c71d8), RGB (0xe66100), RGB (0xc01c28), RGB (0x9aa3ad),
  RGB (0xa12fa8),
};

static const SbPalette dark_palette = {
  RGB (0x1d2126), RGB (0xf4f6f8), RGB (0xc3ccd5), RGB (0x2a3139), RGB (0x8a99a8),
  RGB (0x343d47), RGB (0xd0d8e0), RGB (0xb3c1cf), RGB (0xffa348), RGB (0x5c4d12),
  RGB (0x99c1f1), RGB (0xdc8add), RGB (0x78aeed),
  RGB (0x62a0ea), RGB (0xffa348), RGB (0xff7b63), RGB (0x6b7480),
  RGB (0xf08cf5),
};

void
sb_render_set_color (cairo_t       *cr,
           const SbColor *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

/* Whether ctx->text already holds TEXT laid out so. */
static gboolean
laid_out_so (SbDrawContext *ctx,
             const char    *text,
             const char    *family,
             double         size,
             PangoWeight    weight,
             double         width,
             int            max_lines)
{
  return ctx->laid_out.family != NULL && g_str_equal (ctx->laid_out.family, family)
         && ctx->laid_out.size == size && ctx->laid_out.weight == weight
         && ctx->laid_out.width == width && ctx->laid_out.max_lines == max_lines
         && g_strcmp0 (pango_layout_get_text (ctx->text), text) == 0;
}

/* Lays TEXT out in a box WIDTH wide (≤ 0: unbounded) and returns its size.
 * In an SVG export the text is set with the type style's measured metrics
 * instead (sb-svg-text.h): no font is loaded. */
void
sb_render_prepare_text (SbDrawContext *ctx,
                        const char    *text,
                        const char    *family,
                        double         size,
                        PangoWeight    weight,
                        double         width,
                        int            max_lines,
                        double        *out_w,
                        double        *out_h)
{
  int pw, ph;

  /* Every text of the board grows with the layout's text scale. */
  size *= sb_layout_get_metrics (ctx->layout)->text_scale;
  if (ctx->svg)
    {
      sb_text_lines_measure (&ctx->lines, text, size, width, max_lines);
      *out_w = ctx->lines.width;
      *out_h = ctx->lines.height;
      return;
    }
  if (!laid_out_so (ctx, text, family, size, weight, width, max_lines))
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string (family);

      ctx->laid_out.family = family;
      ctx->laid_out.size = size;
      ctx->laid_out.weight = weight;
      ctx->laid_out.width = width;
      ctx->laid_out.max_lines = max_lines;
      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_font_description_set_weight (font, weight);
      pango_layout_set_font_description (ctx->text, font);
      pango_layout_set_width (ctx->text, width > 0 ? (int) (width * PANGO_SCALE) : -1);
      pango_layout_set_height (ctx->text, max_lines > 0 ? -max_lines : -1);
      pango_layout_set_wrap (ctx->text, PANGO_WRAP_WORD);
      pango_layout_set_ellipsize (ctx->text, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
      pango_layout_set_alignment (ctx->text, PANGO_ALIGN_LEFT);
      pango_layout_set_text (ctx->text, text, -1);
    }
  pango_layout_get_size (ctx->text, &pw, &ph);
  /* A word wider than the box (a file's label can be 4096 letters without
   * a space) would run out of it: then it breaks between letters. */
  if (width > 0 && pw > width * PANGO_SCALE)
    {
      pango_layout_set_wrap (ctx->text, PANGO_WRAP_WORD_CHAR);
      pango_layout_get_size (ctx->text, &pw, &ph);
    }
  *out_w = (double) pw / PANGO_SCALE;
  *out_h = (double) ph / PANGO_SCALE;
}

gboolean
sb_render_text_ellipsized (SbDrawContext *ctx)
{
  return ctx->svg ? ctx->lines.ellipsized : pango_layout_is_ellipsized (ctx->text);
}

void
sb_render_show_text_at (SbDrawContext *ctx,
                        double         x,
                        double         y)
{
  cairo_move_to (ctx->cr, x, y);
  if (ctx->svg)
    sb_svg_text_show (ctx->svg, ctx->cr, &ctx->lines);
  else
    pango_cairo_show_layout (ctx->cr, ctx->text);
}

const char *
sb_render_tr (const char *text)
{
  return sb_scenario_translate_label (text);
}

static void
draw_background (SbDrawContext *ctx,
                 double         width,
                 double         height)
{
  sb_render_set_color (ctx->cr, &ctx->palette->background);
  cairo_rectangle (ctx->cr, 0, 0, width, height);
  cairo_fill (ctx->cr);
}

static gboolean
is_selected (SbDrawContext *ctx,
             const char    *id)
{
  return ctx->options->selected_id != NULL && g_strcmp0 (ctx->options->selected_id, id) == 0;
}

/* A deterministic number in [-1, 1] for a point: the same stroke wobbles
 * the same way in every frame and every export. */
static double
wobble_noise (double x,
              double y,
              guint  i)
{
  guint32 h = (guint32) (gint32) (x * 3) * 73856093u ^ (guint32) (gint32) (y * 3) * 19349663u
              ^ (i + 1) * 83492791u;

  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return (h & 0xffff) / 32767.5 - 1.0;
}

static void
wobble_segment (cairo_t *cr,
                double   x0,
                double   y0,
                double   x1,
                double   y1)
{
  double len = hypot (x1 - x0, y1 - y0);
  guint pieces = MAX (1, (guint) (len / 36));
  double nx = len > 0 ? -(y1 - y0) / len : 0, ny = len > 0 ? (x1 - x0) / len : 0;

  for (guint i = 1; i <= pieces; i++)
    {
      double t = (double) i / pieces;
      double a = i == pieces ? 0.6 : 1.6;
      double px = x0 + (x1 - x0) * t, py = y0 + (y1 - y0) * t;
      double d = a * wobble_noise (px, py, i);

      cairo_line_to (cr, px + nx * d, py + ny * d);
    }
}

/* Redraws the current path as a marker on a whiteboard would: slightly
 * irregular, but the same on every frame. */
static void
wobble_path (cairo_t *cr)
{
  cairo_path_t *path = cairo_copy_path_flat (cr);
  double sx = 0, sy = 0, cx = 0, cy = 0;

  cairo_new_path (cr);
  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      cairo_path_data_t *d = &path->data[i];

      switch (d->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          sx = cx = d[1].point.x;
          sy = cy = d[1].point.y;
          cairo_move_to (cr, cx + 0.8 * wobble_noise (cx, cy, 7), cy + 0.8 * wobble_noise (cy, cx, 9));
          break;
        case CAIRO_PATH_LINE_TO:
          wobble_segment (cr, cx, cy, d[1].point.x, d[1].point.y);
          cx = d[1].point.x;
          cy = d[1].point.y;
          break;
        case CAIRO_PATH_CLOSE_PATH:
          wobble_segment (cr, cx, cy, sx, sy);
          cx = sx;
          cy = sy;
          break;
        case CAIRO_PATH_CURVE_TO:
        default:
          break;
        }
    }
  cairo_path_destroy (path);
}

void
sb_render_stroke (SbDrawContext *ctx)
{
  if (ctx->options->style == SB_STYLE_MARKER)
    wobble_path (ctx->cr);
  cairo_stroke (ctx->cr);
}

static void
stroke_selection (SbDrawContext *ctx,
                  const SbRect  *r)
{
  sb_glyph_rounded_rect (ctx->cr, r->x - 6, r->y - 6, r->width + 12, r->height + 12, SB_CORNER + 6);
  sb_render_set_color (ctx->cr, &ctx->palette->selection);
  cairo_set_line_width (ctx->cr, 5);
  cairo_stroke (ctx->cr);
}

/* A box filled with FILL and outlined in OUTLINE, WIDTH wide.  On the
 * whiteboard that is two fills, the box grown by half the width in the
 * outline's colour under the box shrunk by as much, which is what
 * stroking over the filled box draws, at a fraction of the cost of cairo's
 * stroker; the marker's irregular line is stroked. */
static void
draw_box (SbDrawContext *ctx,
          const SbRect  *r,
          double         radius,
          const SbColor *fill,
          const SbColor *outline,
          double         width)
{
  double h = width / 2, tolerance;

  if (ctx->options->style == SB_STYLE_MARKER)
    {
      sb_glyph_rounded_rect (ctx->cr, r->x, r->y, r->width, r->height, radius);
      sb_render_set_color (ctx->cr, fill);
      cairo_fill_preserve (ctx->cr);
      sb_render_set_color (ctx->cr, outline);
      cairo_set_line_width (ctx->cr, width);
      sb_render_stroke (ctx);
      return;
    }
  /* Corners flattened to within 0.3 device pixels look the same as to
   * cairo's 0.1, with fewer edges to fill. */
  tolerance = cairo_get_tolerance (ctx->cr);
  cairo_set_tolerance (ctx->cr, BOX_TOLERANCE);
  cairo_new_path (ctx->cr);
  sb_glyph_rounded_rect (ctx->cr, r->x - h, r->y - h, r->width + width, r->height + width, radius + h);
  sb_render_set_color (ctx->cr, outline);
  cairo_fill (ctx->cr);
  sb_glyph_rounded_rect (ctx->cr, r->x + h, r->y + h, r->width - width, r->height - width, radius - h);
  sb_render_set_color (ctx->cr, fill);
  cairo_fill (ctx->cr);
  cairo_set_tolerance (ctx->cr, tolerance);
}

/* The metrics the layout chose (sizes grow with its text scale). */
static const SbLayoutMetrics *
metrics (SbDrawContext *ctx)
{
  return sb_layout_get_metrics (ctx->layout);
}

static void
draw_host (SbDrawContext *ctx,
           const SbHost  *host)
{
  const SbRect *r = sb_layout_get_rect (ctx->layout, host->id);
  const SbLayoutMetrics *m = metrics (ctx);
  const char *label = sb_render_tr (host->label);
  double tw, th, iw = 0, ih = 0, x = r->x + m->host_pad;
  SbRect text;

  draw_box (ctx, r, SB_CORNER * 1.5, &ctx->palette->host_fill, &ctx->palette->host_stroke, 2.5);
  sb_render_mark (ctx, SB_MARK_FRAME, host->id, NULL, r, FALSE);

  /* The address whole, the name in what is left (the layout made the
   * machine wide enough for both). */
  if (host->ip != NULL)
    sb_render_prepare_text (ctx, host->ip, SB_FONT_FAMILY, SB_FONT_DETAIL, SB_LABEL_WEIGHT,
                            -1, 1, &iw, &ih);
  sb_render_prepare_text (ctx, label, SB_FONT_FAMILY, SB_FONT_HOST, SB_LABEL_WEIGHT,
                          r->width - 2 * m->host_pad - (host->ip ? iw + 14 : 0), 1, &tw, &th);
  sb_render_set_color (ctx->cr, &ctx->palette->ink);
  text = (SbRect) { x, r->y + (m->host_title - th) / 2 + 6, tw, th };
  sb_render_show_text_at (ctx, text.x, text.y);
  sb_render_mark (ctx, SB_MARK_TEXT, host->id, label, &text, sb_render_text_ellipsized (ctx));
  if (host->ip != NULL)
    {
      x += tw + 14;
      sb_render_prepare_text (ctx, host->ip, SB_FONT_FAMILY, SB_FONT_DETAIL, SB_LABEL_WEIGHT,
                              -1, 1, &iw, &ih);
      sb_render_set_color (ctx->cr, &ctx->palette->muted);
      text = (SbRect) { x, r->y + (m->host_title - ih) / 2 + 7, iw, ih };
      sb_render_show_text_at (ctx, text.x, text.y);
      sb_render_mark (ctx, SB_MARK_TEXT, host->id, host->ip, &text, FALSE);
    }
  if (is_selected (ctx, host->id))
    stroke_selection (ctx, r);
}

static void
arrow_head (cairo_t *cr,
            double   x,
            double   y,
            double   angle,
            double   len)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - len * cos (angle - 0.42), y - len * sin (angle - 0.42));
  cairo_line_to (cr, x - len * cos (angle + 0.42), y - len * sin (angle + 0.42));
  cairo_close_path (cr);
  cairo_fill (cr);
}

void
sb_render_pill (SbDrawContext *ctx,
                const char    *text,
                double         x,
                double         y,
                const SbColor *color,
                const SbColor *background)
{
  double tw, th;

  sb_render_prepare_text (ctx, text, SB_FONT_FAMILY, SB_FONT_LINK, SB_LABEL_WEIGHT, -1, 1, &tw, &th);
  sb_glyph_rounded_rect (ctx->cr, x - tw / 2 - 8, y - th / 2 - 2, tw + 16, th + 4, 8);
  sb_render_set_color (ctx->cr, background);
  cairo_fill (ctx->cr);
  sb_render_set_color (ctx->cr, color);
  sb_render_show_text_at (ctx, x - tw / 2, y - th / 2);
}

static const char *
link_caption (SbDrawContext *ctx,
              const SbLink  *link)
{
  gboolean https = ctx->scenario->balancer.https;

  switch (link->kind)
    {
    case SB_LINK_DNS_LOOKUP:
      return _("DNS lookup");
    case SB_LINK_HTTP:
      if (link->backup)
        return NULL;
      return https ? _("HTTPS request") : _("HTTP request");
    case SB_LINK_REPLICATION:
      return _("async replication");
    case SB_LINK_REMOTE_WRITE:
      return _("writes");
    case SB_LINK_REMOTE_READ:
      return _("reads");
    case SB_LINK_METRICS:
      return _("metrics");
    case SB_LINK_VRRP:
      return _("VRRP heartbeat");
    case SB_LINK_BACKEND:
      /* The load balancer decrypts: inside, the traffic is plain HTTP. */
      if (link->backup && sb_scenario_find_component (ctx->scenario, link->from)
          != sb_scenario_find_kind (ctx->scenario, SB_KIND_LOAD_BALANCER, NULL))
        return NULL;
      return link->backup ? _("backup") : https ? _("plain HTTP inside") : NULL;
    case SB_LINK_UPSTREAM:
    case SB_LINK_LOCAL:
    default:
      return NULL;
    }
}

/* Lines that carry no request (lookups, copies, heartbeats, metrics) or
 * carry them only in a failover are dashed. */
static gboolean
link_dashed (const SbLink *link)
{
  switch (link->kind)
    {
    case SB_LINK_DNS_LOOKUP:
    case SB_LINK_REPLICATION:
    case SB_LINK_REMOTE_WRITE:
    case SB_LINK_REMOTE_READ:
    case SB_LINK_METRICS:
    case SB_LINK_VRRP:
      return TRUE;
    default:
      return link->backup;
    }
}

#define DASH_ON  10.0
#define DASH_OFF  8.0

/* Whether every segment of the polyline is level or upright. */
static gboolean
square_route (const double *xs,
              const double *ys,
              guint         n)
{
  for (guint i = 1; i < n; i++)
    if (ABS (xs[i] - xs[i - 1]) > 0.01 && ABS (ys[i] - ys[i - 1]) > 0.01)
      return FALSE;
  return TRUE;
}

/* Adds the rectangle of the part [A, B] of the level or upright segment
 * from (X0, Y0) to (X1, Y1), WIDTH wide, to the path. */
static void
add_piece (cairo_t *cr,
           double   x0,
           double   y0,
           double   x1,
           double   y1,
           double   a,
           double   b,
           double   width)
{
  double len = hypot (x1 - x0, y1 - y0), ux = (x1 - x0) / len, uy = (y1 - y0) / len;
  double sx = x0 + ux * a, sy = y0 + uy * a, ex = x0 + ux * b, ey = y0 + uy * b, h = width / 2;

  cairo_rectangle (cr, MIN (sx, ex) - h, MIN (sy, ey) - h, ABS (ex - sx) + width, ABS (ey - sy) + width);
}

/* A line of level and upright segments as rectangles, dashed as a stroke
 * would dash it: cairo fills rectangles square to the pixels many times
 * faster than it strokes, and dashes most of all. */
static void
fill_square_route (SbDrawContext *ctx,
                   const double  *xs,
                   const double  *ys,
                   guint          n,
                   double         width,
                   gboolean       dashed)
{
  double phase = 0;

  cairo_new_path (ctx->cr);
  for (guint i = 1; i < n; i++)
    {
      double len = hypot (xs[i] - xs[i - 1], ys[i] - ys[i - 1]);

      if (len < 0.01)
        continue;
      if (!dashed)
        {
          add_piece (ctx->cr, xs[i - 1], ys[i - 1], xs[i], ys[i], 0, len, width);
          continue;
        }
      /* PHASE: how far into the current dash and gap the segment starts. */
      for (double at = 0; at < len; )
        {
          double left = phase < DASH_ON ? DASH_ON - phase : DASH_ON + DASH_OFF - phase;
          double step = MIN (left, len - at);

          if (phase < DASH_ON)
            add_piece (ctx->cr, xs[i - 1], ys[i - 1], xs[i], ys[i], at, at + step, width);
          at += step;
          phase = fmod (phase + step, DASH_ON + DASH_OFF);
        }
    }
  cairo_fill (ctx->cr);
}

static void
stroke_route (SbDrawContext *ctx,
              const double  *xs,
              const double  *ys,
              guint          n,
              const SbColor *color,
              double         width,
              gboolean       dashed)
{
  static const double dash[] = { DASH_ON, DASH_OFF };
  double angle = atan2 (ys[n - 1] - ys[n - 2], xs[n - 1] - xs[n - 2]);

  sb_render_set_color (ctx->cr, color);
  if (ctx->options->style == SB_STYLE_WHITEBOARD && square_route (xs, ys, n))
    {
      double tx[SB_ROUTE_MAX_POINTS], ty[SB_ROUTE_MAX_POINTS];

      memcpy (tx, xs, n * sizeof (double));
      memcpy (ty, ys, n * sizeof (double));
      /* Stop short of the tip so the line does not poke through the head. */
      tx[n - 1] -= 8 * cos (angle);
      ty[n - 1] -= 8 * sin (angle);
      fill_square_route (ctx, tx, ty, n, width, dashed);
      arrow_head (ctx->cr, xs[n - 1], ys[n - 1], angle, 16);
      return;
    }
  cairo_set_line_width (ctx->cr, width);
  cairo_set_line_cap (ctx->cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (ctx->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash (ctx->cr, dash, dashed ? 2 : 0, 0);
  cairo_move_to (ctx->cr, xs[0], ys[0]);
  for (guint i = 1; i + 1 < n; i++)
    cairo_line_to (ctx->cr, xs[i], ys[i]);
  /* Stop short of the tip so the line does not poke through the head. */
  cairo_line_to (ctx->cr, xs[n - 1] - 8 * cos (angle), ys[n - 1] - 8 * sin (angle));
  sb_render_stroke (ctx);
  cairo_set_dash (ctx->cr, NULL, 0, 0);
  arrow_head (ctx->cr, xs[n - 1], ys[n - 1], angle, 16);
}

void
sb_render_line_sample (SbDrawContext *ctx,
                       double         x0,
                       double         y0,
                       double         x1,
                       double         y1,
                       gboolean       dashed,
                       gboolean       replication)
{
  double xs[2] = { x0, x1 }, ys[2] = { y0, y1 };

  stroke_route (ctx, xs, ys, 2, replication ? &ctx->palette->replication : &ctx->palette->link,
                replication ? 4 : 3, dashed);
}

/* Whether only a part of the board is drawn (a dragged unit). */
static gboolean
only_part (SbDrawContext *ctx)
{
  return ctx->part != NULL && ctx->part->only != NULL;
}

/* A line is drawn when both its ends are. */
static gboolean
link_shown (SbDrawContext *ctx,
            const SbLink  *link)
{
  return sb_render_shown (ctx, link->from) && sb_render_shown (ctx, link->to);
}

static void
draw_link (SbDrawContext *ctx,
           const SbLink  *link)
{
  double xs[SB_ROUTE_MAX_POINTS], ys[SB_ROUTE_MAX_POINTS];
  guint n = sb_route_link (ctx->layout, ctx->scenario, link, xs, ys);
  const SbColor *color = link->kind == SB_LINK_REPLICATION ? &ctx->palette->replication
                                                            : &ctx->palette->link;
  double width = link->kind == SB_LINK_REPLICATION ? 4
                 : link->kind == SB_LINK_DNS_LOOKUP || link->kind == SB_LINK_METRICS ? 2.5 : 3;

  if (n >= 2)
    {
      stroke_route (ctx, xs, ys, n, color, width, link_dashed (link));
      sb_render_mark_link (ctx, link, xs, ys, n);
    }
}

void
sb_render_drag_lines (SbDrawContext *ctx)
{
  const char *unit = ctx->part->only;

  for (guint i = 0; i < ctx->links->len; i++)
    {
      const SbLink *link = &g_array_index (ctx->links, SbLink, i);
      gboolean from_in = sb_render_shown (ctx, link->from);
      gboolean to_in = sb_render_shown (ctx, link->to);
      SbRect a, b;
      double ax, ay, bx, by, xs[2], ys[2];

      /* Only the lines with one end in the unit. */
      if (from_in == to_in || unit == NULL)
        continue;
      a = *sb_layout_get_rect (ctx->layout, link->from);
      b = *sb_layout_get_rect (ctx->layout, link->to);
      if (from_in)
        a.x += ctx->part->dx, a.y += ctx->part->dy;
      else
        b.x += ctx->part->dx, b.y += ctx->part->dy;
      sb_rect_center (&a, &ax, &ay);
      sb_rect_center (&b, &bx, &by);
      sb_route_edge_point (&a, bx, by, &xs[0], &ys[0]);
      sb_route_edge_point (&b, ax, ay, &xs[1], &ys[1]);
      if (hypot (xs[1] - xs[0], ys[1] - ys[0]) > 20)
        stroke_route (ctx, xs, ys, 2, link->kind == SB_LINK_REPLICATION ? &ctx->palette->replication
                                                                        : &ctx->palette->link,
                      3, link_dashed (link));
    }
}

/* The segments of a route, longest first, as indices of their ends. */
static guint
segments_by_length (const double *xs,
                    const double *ys,
                    guint         n,
                    guint        *order)
{
  guint m = n > 1 ? n - 1 : 0;

  for (guint i = 0; i < m; i++)
    order[i] = i + 1;
  for (guint i = 1; i < m; i++)
    for (guint j = i; j > 0; j--)
      {
        guint a = order[j - 1], b = order[j];
        double la = hypot (xs[a] - xs[a - 1], ys[a] - ys[a - 1]);
        double lb = hypot (xs[b] - xs[b - 1], ys[b] - ys[b - 1]);

        if (lb <= la)
          break;
        order[j - 1] = b;
        order[j] = a;
      }
  return m;
}

/* Whether a pill W × H centred on (x, y) covers a bend of the route. */
static gboolean
covers_bend (const double *xs,
             const double *ys,
             guint         n,
             double        x,
             double        y,
             double        w,
             double        h)
{
  for (guint j = 1; j + 1 < n; j++)
    if (ABS (xs[j] - x) < w / 2 + 4 && ABS (ys[j] - y) < h / 2 + 4)
      return TRUE;
  return FALSE;
}

/* Spots for CAPTION on LINK's line, best first: along its segments, the
 * longest first, from the middle towards the ends; beside an upright
 * segment, and on the line where the caption covers no bend of it (a
 * replication caption above its line, so the dashes stay visible). */
static guint
caption_spots (SbDrawContext *ctx,
               const SbLink  *link,
               const char    *caption,
               SbSpot        *spots)
{
  static const double along[] = { 0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9 };
  double xs[SB_ROUTE_MAX_POINTS], ys[SB_ROUTE_MAX_POINTS], tw, th;
  guint order[SB_ROUTE_MAX_POINTS], n_spots = 0;
  guint n = sb_route_link (ctx->layout, ctx->scenario, link, xs, ys);
  guint m = segments_by_length (xs, ys, n, order);

  sb_render_prepare_text (ctx, caption, SB_FONT_FAMILY, SB_FONT_LINK, PANGO_WEIGHT_SEMIBOLD, -1, 1, &tw, &th);
  for (guint k = 0; k < m; k++)
    for (guint t = 0; t < G_N_ELEMENTS (along) && n_spots + 6 <= SB_MAX_SPOTS; t++)
      {
        guint i = order[k];
        double x = xs[i - 1] + (xs[i] - xs[i - 1]) * along[t];
        double y = ys[i - 1] + (ys[i] - ys[i - 1]) * along[t];
        gboolean upright = ABS (xs[i] - xs[i - 1]) < 0.5;

        if (link->kind == SB_LINK_REPLICATION && ys[i] == ys[i - 1])
          spots[n_spots++] = (SbSpot) { x, y - 20 + SB_PILL_HALF, 0, -1 };
        if (upright)
          {
            spots[n_spots++] = (SbSpot) { x + 12, y, -1 };
            spots[n_spots++] = (SbSpot) { x - 12, y, 1 };
          }
        if (!covers_bend (xs, ys, n, x, y, tw + 16, th + 4))
          spots[n_spots++] = (SbSpot) { x, y, 0 };
      }
  /* Then beside the level segments, over or under them: a line that runs
   * beside others in a lane of a bundle has no room on itself. */
  for (guint k = 0; k < m; k++)
    for (guint t = 0; t < G_N_ELEMENTS (along) && n_spots + 2 <= SB_MAX_SPOTS; t++)
      {
        guint i = order[k];
        double x = xs[i - 1] + (xs[i] - xs[i - 1]) * along[t];

        if (ABS (ys[i] - ys[i - 1]) > 0.5 || covers_bend (xs, ys, n, x, ys[i], tw + 16, th + 4))
          continue;
        spots[n_spots++] = (SbSpot) { x, ys[i] - th / 2 - 10, 0 };
        spots[n_spots++] = (SbSpot) { x, ys[i] + th / 2 + 10, 0 };
      }
  return n_spots;
}

/* More spots for CAPTION, when none of caption_spots() is clear: every
 * few units along each segment, on it and beside it. */
static guint
caption_spots_fine (SbDrawContext *ctx,
                    const SbLink  *link,
                    const char    *caption,
                    SbSpot        *spots)
{
  double xs[SB_ROUTE_MAX_POINTS], ys[SB_ROUTE_MAX_POINTS], tw, th;
  guint n = sb_route_link (ctx->layout, ctx->scenario, link, xs, ys), n_spots = 0;

  sb_render_prepare_text (ctx, caption, SB_FONT_FAMILY, SB_FONT_LINK, PANGO_WEIGHT_SEMIBOLD, -1, 1, &tw, &th);
  for (guint i = 1; i < n; i++)
    {
      double len = hypot (xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
      gboolean upright = ABS (xs[i] - xs[i - 1]) < 0.5, level = ABS (ys[i] - ys[i - 1]) < 0.5;

      for (double d = 12; d < len - 12 && n_spots + 3 <= SB_MAX_SPOTS; d += 24)
        {
          double x = xs[i - 1] + (xs[i] - xs[i - 1]) * d / len;
          double y = ys[i - 1] + (ys[i] - ys[i - 1]) * d / len;

          if (upright)
            {
              spots[n_spots++] = (SbSpot) { x + 12, y, -1 };
              spots[n_spots++] = (SbSpot) { x - 12, y, 1 };
            }
          else if (level && !covers_bend (xs, ys, n, x, y, tw + 16, th + 4))
            {
              spots[n_spots++] = (SbSpot) { x, y, 0 };
              spots[n_spots++] = (SbSpot) { x, y - th / 2 - 10, 0 };
              spots[n_spots++] = (SbSpot) { x, y + th / 2 + 10, 0 };
            }
        }
    }
  return n_spots;
}

static const SbColor *
caption_color (SbDrawContext *ctx,
               const SbLink  *link)
{
  return link->kind == SB_LINK_REPLICATION ? &ctx->palette->replication : &ctx->palette->ink;
}

/* Captions go on the lines where they cover nothing else.  Links of a
 * kind that repeats (writes, replication) are captioned once, on the
 * first of them with room; a backup line each time. */
static void
draw_link_captions (SbDrawContext *ctx)
{
  GArray *links = ctx->links;
  guint32 done = 0;

  for (guint i = 0; i < links->len; i++)
    {
      const SbLink *link = &g_array_index (links, SbLink, i);
      const char *caption = link_caption (ctx, link);
      const SbLink *chosen = link;
      SbSpot spots[SB_MAX_SPOTS];
      guint n;

      if (caption == NULL || (!link->backup && (done & 1u << link->kind)) || !link_shown (ctx, link))
        continue;
      if (!link->backup)
        done |= 1u << link->kind;
      for (guint j = i; !link->backup && j < links->len; j++)
        {
          const SbLink *other = &g_array_index (links, SbLink, j);

          if (other->kind != link->kind || other->backup || link_caption (ctx, other) == NULL
              || !link_shown (ctx, other))
            continue;
          n = caption_spots (ctx, other, caption, spots);
          if (sb_render_find_spot (ctx, SB_MARK_CAPTION, NULL, other, caption, spots, n) >= 0)
            {
              chosen = other;
              break;
            }
        }
      n = caption_spots (ctx, chosen, caption, spots);
      if (sb_render_find_spot (ctx, SB_MARK_CAPTION, NULL, chosen, caption, spots, n) < 0)
        {
          SbSpot fine[SB_MAX_SPOTS];
          guint m = caption_spots_fine (ctx, chosen, caption, fine);

          if (sb_render_find_spot (ctx, SB_MARK_CAPTION, NULL, chosen, caption, fine, m) >= 0)
            {
              memcpy (spots, fine, m * sizeof (SbSpot));
              n = m;
            }
        }
      if (n > 0)
        sb_render_place_pill (ctx, SB_MARK_CAPTION, NULL, chosen, caption, spots, n,
                              caption_color (ctx, chosen), &ctx->palette->background);
    }
}

static const char *
role_caption (SbDbRole role)
{
  switch (role)
    {
    case SB_DB_ROLE_PRIMARY:
      return _("Primary");
    case SB_DB_ROLE_REPLICA:
      return _("Replica");
    case SB_DB_ROLE_NONE:
    default:
      return NULL;
    }
}

/* A pill under the label: the database's role, so students see at a
 * glance which one takes the writes. */
static void
draw_role_badge (SbDrawContext     *ctx,
                 const SbComponent *comp,
                 double             x,
                 double             y)
{
  const SbColor *color = comp->role == SB_DB_ROLE_PRIMARY ? &ctx->palette->primary
                                                          : &ctx->palette->replica;
  const char *text = role_caption (comp->role);
  double tw, th;

  sb_render_prepare_text (ctx, text, SB_FONT_FAMILY, SB_FONT_DETAIL,
                SB_LABEL_WEIGHT, -1, 1, &tw, &th);
  sb_glyph_rounded_rect (ctx->cr, x, y, tw + 16, th + 2, (th + 2) / 2);
  sb_render_set_color (ctx->cr, color);
  cairo_fill (ctx->cr);
  sb_render_set_color (ctx->cr, &ctx->palette->node_fill);
  sb_render_show_text_at (ctx, x + 8, y + 1);
  sb_render_mark (ctx, SB_MARK_BADGE, comp->id, text, &(SbRect) { x, y, tw + 16, th + 2 }, FALSE);
}

static void
draw_node_box (SbDrawContext *ctx,
               const SbRect  *r)
{
  draw_box (ctx, r, SB_CORNER, &ctx->palette->node_fill, &ctx->palette->node_stroke,
            ctx->options->style == SB_STYLE_MARKER ? 3 : 2.5);
}

/* The simulation plays several visitors, all from the first client: it
 * is drawn as a stack of browsers and says how many (its one address
 * would say there is one). */
static int
visitors (SbDrawContext     *ctx,
          const SbComponent *comp)
{
  return comp == sb_scenario_find_kind (ctx->scenario, SB_KIND_CLIENT, NULL)
         ? ctx->scenario->traffic.clients : 1;
}

static void
draw_stack (SbDrawContext     *ctx,
            const SbComponent *comp,
            const SbRect      *r)
{
  for (int k = MIN (visitors (ctx, comp) - 1, 2); k > 0; k--)
    {
      SbRect card = { r->x - 8 * k, r->y - 8 * k, r->width, r->height };

      draw_node_box (ctx, &card);
      sb_render_mark (ctx, SB_MARK_BOX, comp->id, NULL, &card, FALSE);
    }
}

static void
draw_node (SbDrawContext     *ctx,
           const SbComponent *comp)
{
  const SbRect *r = sb_layout_get_rect (ctx->layout, comp->id);
  const SbLayoutMetrics *m = metrics (ctx);
  double pad = 12, text_x = r->x + pad + m->glyph + 12;
  double text_w = r->x + r->width - pad - text_x;
  double lw, lh, dw = 0, dh = 0, y;
  gboolean badge = comp->role != SB_DB_ROLE_NONE;
  g_autofree char *detail = badge ? NULL : sb_layout_node_detail (ctx->scenario, comp);

  draw_stack (ctx, comp, r);
  draw_node_box (ctx, r);
  sb_render_mark (ctx, SB_MARK_BOX, comp->id, NULL, r, FALSE);
  sb_render_set_color (ctx->cr, &ctx->palette->ink);
  sb_glyph_draw (ctx->cr, comp->kind, r->x + pad, r->y + (r->height - m->glyph) / 2, m->glyph);

  if (detail != NULL)
    sb_render_prepare_text (ctx, detail, SB_FONT_FAMILY, SB_FONT_DETAIL, SB_LABEL_WEIGHT,
                  text_w, 1, &dw, &dh);
  else if (badge || comp->kind == SB_KIND_FIREWALL)
    /* The role's badge, or the room of a firewall's "Open" state. */
    dh = m->font + 4;
  /* A long word (French "d'applications") would be cut: a size smaller
   * before an ellipsis. */
  for (double size = SB_FONT_LABEL; size >= SB_FONT_LABEL * 0.75; size -= 1.5)
    {
      sb_render_prepare_text (ctx, sb_render_tr (comp->label), SB_FONT_FAMILY, size, SB_LABEL_WEIGHT,
                              text_w, 2, &lw, &lh);
      if (!sb_render_text_ellipsized (ctx))
        break;
    }
  y = r->y + (r->height - lh - (dh ? dh + 4 : 0)) / 2;
  sb_render_set_color (ctx->cr, &ctx->palette->ink);
  sb_render_show_text_at (ctx, text_x, y);
  sb_render_mark (ctx, SB_MARK_TEXT, comp->id, sb_render_tr (comp->label),
                  &(SbRect) { text_x, y, lw, lh }, sb_render_text_ellipsized (ctx));

  y += lh + 4;
  if (badge)
    draw_role_badge (ctx, comp, text_x, y);
  else if (detail != NULL)
    {
      sb_render_prepare_text (ctx, detail, SB_FONT_FAMILY, SB_FONT_DETAIL, SB_LABEL_WEIGHT,
                    text_w, 1, &dw, &dh);
      sb_render_set_color (ctx->cr, &ctx->palette->muted);
      sb_render_show_text_at (ctx, text_x, y);
      sb_render_mark (ctx, SB_MARK_TEXT, comp->id, detail, &(SbRect) { text_x, y, dw, dh },
                      sb_render_text_ellipsized (ctx));
    }
  if (is_selected (ctx, comp->id))
    stroke_selection (ctx, r);
}

char *
sb_render_dns_record (const SbScenario *scenario)
{
  const char *ip = sb_scenario_public_address (scenario);

  if (sb_scenario_find_kind (scenario, SB_KIND_DNS, NULL) == NULL || scenario->dns_name == NULL)
    return NULL;
  return g_strdup_printf ("%s  A  %s", scenario->dns_name, ip ? ip : "?");
}

/* The record the DNS publishes, on a sticky note under the DNS node,
 * where the layout keeps it (and the lines keep off it). */
static void
draw_dns_record (SbDrawContext *ctx)
{
  const SbComponent *dns = sb_scenario_find_kind (ctx->scenario, SB_KIND_DNS, NULL);
  g_autofree char *record = sb_render_dns_record (ctx->scenario);
  SbRect note;
  double tw, th;

  if (record == NULL || !sb_layout_dns_note (ctx->layout, ctx->scenario, &note))
    return;
  sb_render_prepare_text (ctx, record, SB_FONT_FAMILY, SB_FONT_DETAIL, SB_LABEL_WEIGHT, -1, 1, &tw, &th);
  sb_glyph_rounded_rect (ctx->cr, note.x, note.y, note.width, note.height, 4);
  sb_render_set_color (ctx->cr, &ctx->palette->card);
  cairo_fill_preserve (ctx->cr);
  sb_render_set_color (ctx->cr, &ctx->palette->node_stroke);
  cairo_set_line_width (ctx->cr, 1.5);
  sb_render_stroke (ctx);
  sb_render_set_color (ctx->cr, &ctx->palette->ink);
  sb_render_show_text_at (ctx, note.x + 12, note.y + 6);
  sb_render_mark (ctx, SB_MARK_BADGE, dns->id, record, &note, FALSE);
}

void
sb_render_options_init (SbRenderOptions *options)
{
  *options = (SbRenderOptions) { .theme = SB_THEME_LIGHT, .style = SB_STYLE_WHITEBOARD };
}

/* A single point of failure: a thick dashed frame and a tag, so it shows
 * without relying on colour. */
static void
draw_spof (SbDrawContext *ctx,
           const char    *id)
{
  static const double dash[] = { 14, 8 };
  const SbRect *r = sb_layout_get_rect (ctx->layout, id);

  if (r == NULL)
    return;
  sb_glyph_rounded_rect (ctx->cr, r->x - 9, r->y - 9, r->width + 18, r->height + 18, SB_CORNER + 9);
  sb_render_set_color (ctx->cr, &ctx->palette->spof);
  cairo_set_line_width (ctx->cr, 5);
  cairo_set_dash (ctx->cr, dash, 2, 0);
  cairo_stroke (ctx->cr);
  cairo_set_dash (ctx->cr, NULL, 0, 0);
  {
    /* On the dashed frame, at a corner, where no line arrives; a larger
     * text grows away from the box.  Under it, clear of its last line. */
    double top = r->y - 9 + SB_PILL_HALF, bottom = r->y + r->height + 2;
    double left = r->x + 12, right = r->x + r->width - 12;
    const SbSpot spots[] = {
      { left, top, -1, -1 }, { right, top, 1, -1 }, { left, bottom, -1, 1 }, { right, bottom, 1, 1 },
      { r->x + r->width / 2, top, 0, -1 }, { r->x + r->width / 2, bottom, 0, 1 },
    };

    sb_render_place_pill (ctx, SB_MARK_BADGE, id, NULL, _("SPOF"), spots, G_N_ELEMENTS (spots),
                          &ctx->palette->node_fill, &ctx->palette->spof);
  }
}

/* Asked for the single points of failure and there are none: say so, at
 * the top of the board, where the class looks for the dashed frames. */
static void
draw_no_spof (SbDrawContext *ctx)
{
  static const SbColor fill = { 0.75, 1.0, 0.75 };
  static const SbColor text = { 0.1, 0.1, 0.1 };

  double w = sb_layout_get_width (ctx->layout), h = sb_layout_get_height (ctx->layout);
  const SbSpot spots[] = { { w / 2, 19 - SB_PILL_HALF, 0, 1 }, { w / 2, h - 24 + SB_PILL_HALF, 0, -1 } };

  sb_render_place_pill (ctx, SB_MARK_BADGE, NULL, NULL,
                        ctx->options->spofs_for_writes ? _("✓ No single point of failure for writes")
                                                       : _("✓ No single point of failure for reads"),
                        spots, G_N_ELEMENTS (spots), &text, &fill);
}

static const SbColor issue_fill = { 0.96, 0.83, 0.18 };
static const SbColor issue_text = { 0.1, 0.1, 0.1 };

/* An issue of the element OWNER, whose box is R: in its bottom corners
 * (INSIDE) or on its right, else around it. */
static void
issue (SbDrawContext *ctx,
       const char    *owner,
       const SbRect  *r,
       gboolean       inside,
       const char    *text)
{
  SbSpot spots[SB_MAX_SPOTS];
  double bottom = r->y + r->height - 20 + SB_PILL_HALF;
  guint n = 0;

  if (inside)
    {
      /* Not the corner of the machine's database: its version goes under
       * it. */
      const SbComponent *db = sb_scenario_find_kind (ctx->scenario, SB_KIND_DATABASE, owner);
      const SbRect *d = db ? sb_layout_get_rect (ctx->layout, db->id) : NULL;
      gboolean db_left = d != NULL && d->x + d->width / 2 < r->x + r->width / 2;

      spots[n++] = (SbSpot) { db_left ? r->x + r->width - 14 : r->x + 14, bottom, db_left ? 1 : -1, -1 };
      if (d == NULL)
        spots[n++] = (SbSpot) { r->x + r->width - 14, bottom, 1, -1 };
    }
  else
    spots[n++] = (SbSpot) { r->x + r->width + 22, r->y + r->height / 2, -1 };
  n += sb_render_spots_around (r, 22, spots + n);
  sb_render_place_pill (ctx, SB_MARK_BADGE, owner, NULL, text, spots, n, &issue_text, &issue_fill);
}

/* A machine's own badges, but for what the whole board lacks. */
static void
draw_host_issues (SbDrawContext *ctx,
                  const SbHost  *host,
                  gboolean       firewalls,
                  gboolean       monitoring)
{
  const SbScenario *scenario = ctx->scenario;
  const SbRect *r = sb_layout_get_rect (ctx->layout, host->id);

  if (firewalls && sb_scenario_find_kind (scenario, SB_KIND_FIREWALL, host->id) == NULL)
    issue (ctx, host->id, r, TRUE, _("⚠ No firewall"));
  if (monitoring && sb_scenario_find_kind (scenario, SB_KIND_MONITORING_AGENT, host->id) == NULL)
    issue (ctx, host->id, r, TRUE, _("⚠ No monitoring"));
}

/* Whether no machine of a board of more than three has a component of
 * KIND (a load balancer standing alone is a machine without any): then
 * one note says so, not a badge on every machine. */
static gboolean
lacking_everywhere (SbDrawContext *ctx,
                    SbKind         kind)
{
  const SbScenario *scenario = ctx->scenario;
  const SbComponent *entry = sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, NULL);
  guint machines = scenario->hosts->len + (entry != NULL && entry->host == NULL);

  for (guint i = 0; i < scenario->hosts->len; i++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, i);

      if (sb_scenario_find_kind (scenario, kind, host->id) != NULL)
        return FALSE;
    }
  return machines > 3;
}

/* A note about the whole board, under it. */
static void
board_issue (SbDrawContext *ctx,
             const char    *text)
{
  double w = sb_layout_get_width (ctx->layout);
  double y = sb_layout_get_height (ctx->layout) - metrics (ctx)->margin / 2;
  const SbSpot spots[] = { { w / 2 - 12, y, 1 }, { w / 2 + 12, y, -1 }, { w / 2, y, 0 } };

  sb_render_place_pill (ctx, SB_MARK_BADGE, NULL, NULL, text, spots, G_N_ELEMENTS (spots),
                        &issue_text, &issue_fill);
}

/* Beside each segment of a link's line, the longest first, at its middle
 * then nearer its ends: to the left or right of an upright segment, under
 * or over a level one, and further off, on either side, a slanting one. */
static guint
beside_link (SbDrawContext *ctx,
             const SbLink  *link,
             SbSpot        *spots)
{
  static const double along[] = { 0.5, 0.25, 0.75 };
  double xs[SB_ROUTE_MAX_POINTS], ys[SB_ROUTE_MAX_POINTS];
  guint order[SB_ROUTE_MAX_POINTS], n_spots = 0;
  guint n = sb_route_link (ctx->layout, ctx->scenario, link, xs, ys);
  guint m = segments_by_length (xs, ys, n, order);

  for (guint k = 0; k < m; k++)
    for (guint t = 0; t < G_N_ELEMENTS (along) && n_spots + 8 <= SB_MAX_SPOTS; t++)
      {
        guint i = order[k];
        double len = hypot (xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
        double ux = (xs[i] - xs[i - 1]) / len, uy = (ys[i] - ys[i - 1]) / len;
        double x = xs[i - 1] + (xs[i] - xs[i - 1]) * along[t];
        double y = ys[i - 1] + (ys[i] - ys[i - 1]) * along[t];

        if (ABS (ux) < 0.3)
          {
            spots[n_spots++] = (SbSpot) { x + 18, y, -1 };
            spots[n_spots++] = (SbSpot) { x - 18, y, 1 };
          }
        else if (ABS (uy) < 0.3)
          {
            spots[n_spots++] = (SbSpot) { x, y + 26 - SB_PILL_HALF, 0, 1 };
            spots[n_spots++] = (SbSpot) { x, y - 26 + SB_PILL_HALF, 0, -1 };
          }
        else
          {
            spots[n_spots++] = (SbSpot) { x - 40, y, 1 };
            spots[n_spots++] = (SbSpot) { x + 40, y, -1 };
            for (double d = 50; d <= 100; d += 25)
              {
                spots[n_spots++] = (SbSpot) { x - uy * d, y + ux * d, 0 };
                spots[n_spots++] = (SbSpot) { x + uy * d, y - ux * d, 0 };
              }
          }
      }
  return n_spots;
}

/* The known issues of a design without firewalls, TLS or monitoring, as
 * badges where they bite: the plain-HTTP link and every exposed machine;
 * each goes where the scenario fixes it. */
static void
draw_issues (SbDrawContext *ctx)
{
  const SbScenario *scenario = ctx->scenario;
  const SbComponent *entry = sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, NULL);
  gboolean no_firewall = lacking_everywhere (ctx, SB_KIND_FIREWALL);
  gboolean no_monitoring = lacking_everywhere (ctx, SB_KIND_MONITORING_AGENT);

  for (guint i = 0; !scenario->balancer.https && i < ctx->links->len; i++)
    {
      const SbLink *link = &g_array_index (ctx->links, SbLink, i);
      SbSpot spots[SB_MAX_SPOTS];
      guint n;

      if (link->kind != SB_LINK_HTTP || !link_shown (ctx, link) || only_part (ctx))
        continue;
      n = beside_link (ctx, link, spots);
      /* Else under the browser it leaves, where the line starts. */
      if (n + 10 <= SB_MAX_SPOTS)
        n += sb_render_spots_around (sb_layout_get_rect (ctx->layout, link->from), 26, spots + n);
      if (n > 0)
        sb_render_place_pill (ctx, SB_MARK_BADGE, NULL, link, _("⚠ No HTTPS"),
                              spots, n, &issue_text, &issue_fill);
    }
  if (no_firewall && !only_part (ctx))
    board_issue (ctx, _("⚠ No firewall on any machine"));
  if (no_monitoring && !only_part (ctx))
    board_issue (ctx, _("⚠ No monitoring on any machine"));
  /* A load balancer on a machine of its own has that machine's badges. */
  if (entry != NULL && entry->host == NULL && !no_firewall && sb_render_shown (ctx, entry->id))
    issue (ctx, entry->id, sb_layout_get_rect (ctx->layout, entry->id), FALSE, _("⚠ No firewall"));
  for (guint i = 0; i < scenario->hosts->len; i++)
    if (sb_render_shown (ctx, ((const SbHost *) g_ptr_array_index (scenario->hosts, i))->id))
      draw_host_issues (ctx, g_ptr_array_index (scenario->hosts, i), !no_firewall, !no_monitoring);
}

void
sb_render_board (SbDrawContext *ctx)
{
  const SbScenario *scenario = ctx->scenario;
  GArray *links = ctx->links;

  for (guint i = 0; i < scenario->hosts->len; i++)
    if (sb_render_shown (ctx, ((const SbHost *) g_ptr_array_index (scenario->hosts, i))->id))
      draw_host (ctx, g_ptr_array_index (scenario->hosts, i));
  for (guint i = 0; i < links->len; i++)
    if (link_shown (ctx, &g_array_index (links, SbLink, i)))
      draw_link (ctx, &g_array_index (links, SbLink, i));
  for (guint i = 0; i < scenario->components->len; i++)
    if (sb_render_shown (ctx, ((const SbComponent *) g_ptr_array_index (scenario->components, i))->id))
      draw_node (ctx, g_ptr_array_index (scenario->components, i));
  if (!only_part (ctx))
    {
      draw_dns_record (ctx);
      draw_link_captions (ctx);
    }
  for (guint i = 0; ctx->options->spofs && i < ctx->options->spofs->len; i++)
    if (sb_render_shown (ctx, g_ptr_array_index (ctx->options->spofs, i)))
      draw_spof (ctx, g_ptr_array_index (ctx->options->spofs, i));
  if (ctx->options->spofs && ctx->options->spofs->len == 0 && !only_part (ctx))
    draw_no_spof (ctx);
  if (ctx->options->show_issues)
    draw_issues (ctx);
}

/* Sets up the context and the diagram-to-target transform, then draws. */
void
sb_render_layer (cairo_t               *cr,
                 const SbLayout        *layout,
                 const SbScenario      *scenario,
                 SbSim                 *sim,
                 const SbRenderOptions *options,
                 double                 width,
                 double                 height,
                 gboolean               background,
                 SbLayerFunc            func)
{
  sb_render_layer_part (cr, layout, scenario, sim, options, width, height, background, func, NULL);
}

void
sb_render_layer_part (cairo_t               *cr,
                      const SbLayout        *layout,
                      const SbScenario      *scenario,
                      SbSim                 *sim,
                      const SbRenderOptions *options,
                      double                 width,
                      double                 height,
                      gboolean               background,
                      SbLayerFunc            func,
                      const SbRenderPart    *part)
{
  SbRenderOptions defaults;
  SbViewTransform t;
  g_autoptr(SbRenderRecord) own_marks = NULL;
  SbDrawContext ctx = { cr, layout, scenario, sim, options, NULL, NULL, NULL, NULL };

  ctx.part = part;

  if (options == NULL)
    {
      sb_render_options_init (&defaults);
      ctx.options = &defaults;
    }
  ctx.palette = ctx.options->theme == SB_THEME_DARK ? &dark_palette : &light_palette;
  t = sb_layout_fit (layout, width, height);
  cairo_save (cr);
  if (background)
    draw_background (&ctx, width, height);
  cairo_translate (cr, t.offset_x, t.offset_y);
  cairo_scale (cr, t.scale, t.scale);
  /* An SVG export sets its text without pango (sb-svg-text.h). */
  ctx.svg = sb_svg_text_from (cr);
  if (ctx.svg == NULL)
    ctx.text = pango_cairo_create_layout (cr);
  ctx.links = sb_links_derive (scenario);
  sb_route_prepare (layout, scenario, ctx.links);
  ctx.marks = ctx.options->record;
  if (ctx.marks == NULL)
    ctx.marks = own_marks = sb_render_record_new ();
  if (sim == NULL)
    sb_render_record_clear (ctx.marks);
  else
    sb_render_record_begin_live (ctx.marks);
  if (func)
    func (&ctx);
  if (sim == NULL)
    sb_render_record_end_board (ctx.marks);
  g_array_unref (ctx.links);
  g_clear_object (&ctx.text);
  sb_text_lines_clear (&ctx.lines);
  cairo_restore (cr);
}

void
sb_render_draw_board (cairo_t               *cr,
                      const SbLayout        *layout,
                      const SbScenario      *scenario,
                      const SbRenderOptions *options,
                      double                 width,
                      double                 height)
{
  g_return_if_fail (cr != NULL && layout != NULL && scenario != NULL);
  sb_render_layer (cr, layout, scenario, NULL, options, width, height, TRUE, sb_render_board);
}

void
sb_render_draw_live (cairo_t               *cr,
                     const SbLayout        *layout,
                     const SbScenario      *scenario,
                     SbSim                 *sim,
                     const SbRenderOptions *options,
                     double                 width,
                     double                 height)
{
  g_return_if_fail (cr != NULL && layout != NULL && scenario != NULL && sim != NULL);
  sb_render_layer (cr, layout, scenario, sim, options, width, height, FALSE, sb_render_state);
}

void
sb_render_warm_up (void)
{
  /* The default font map (one per thread) starts fontconfig's
   * initialisation in the background when it is created. */
  pango_cairo_font_map_get_default ();
}

void
sb_render_draw (cairo_t               *cr,
                const SbLayout        *layout,
                const SbScenario      *scenario,
                SbSim                 *sim,
                const SbRenderOptions *options,
                double                 width,
                double                 height)
{
  g_autoptr(SbRenderRecord) marks = NULL;
  SbRenderOptions both;

  if (options != NULL && options->clean)
    {
      sb_render_draw_clean (cr, layout, scenario, sim, options, width, height);
      return;
    }
  /* The live layer puts requests under the board's captions and its
   * badges clear of the board: it needs the board's record. */
  if (options == NULL)
    sb_render_options_init (&both);
  else
    both = *options;
  if (both.record == NULL)
    both.record = marks = sb_render_record_new ();
  sb_render_draw_board (cr, layout, scenario, &both, width, height);
  if (sim != NULL)
    sb_render_draw_live (cr, layout, scenario, sim, &both, width, height);
}
