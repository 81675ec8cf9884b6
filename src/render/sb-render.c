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
#include <pango/pangocairo.h>

#include "sb-glyphs.h"
#include "sb-links.h"
#include "sb-metrics.h"
#include "sb-render.h"
#include "sb-render-private.h"
#include "sb-route.h"

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

/* Lays TEXT out in a box WIDTH wide (≤ 0: unbounded) and returns its size. */
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
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (family);
  int pw, ph;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (ctx->text, font);
  pango_layout_set_width (ctx->text, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_height (ctx->text, max_lines > 0 ? -max_lines : -1);
  pango_layout_set_wrap (ctx->text, PANGO_WRAP_WORD);
  pango_layout_set_ellipsize (ctx->text, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (ctx->text, PANGO_ALIGN_LEFT);
  pango_layout_set_text (ctx->text, text, -1);
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

void
sb_render_show_text_at (SbDrawContext *ctx,
              double         x,
              double         y)
{
  cairo_move_to (ctx->cr, x, y);
  pango_cairo_show_layout (ctx->cr, ctx->text);
}

const char *
sb_render_tr (const char *text)
{
  return text ? g_dgettext (GETTEXT_PACKAGE, text) : "";
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
  double h = width / 2;

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
  cairo_new_path (ctx->cr);
  sb_glyph_rounded_rect (ctx->cr, r->x - h, r->y - h, r->width + width, r->height + width, radius + h);
  sb_render_set_color (ctx->cr, outline);
  cairo_fill (ctx->cr);
  sb_glyph_rounded_rect (ctx->cr, r->x + h, r->y + h, r->width - width, r->height - width, radius - h);
  sb_render_set_color (ctx->cr, fill);
  cairo_fill (ctx->cr);
}

static void
draw_host (SbDrawContext *ctx,
           const SbHost  *host)
{
  const SbRect *r = sb_layout_get_rect (ctx->layout, host->id);
  double tw, th, x = r->x + SB_HOST_PAD;

  draw_box (ctx, r, SB_CORNER * 1.5, &ctx->palette->host_fill, &ctx->palette->host_stroke, 2.5);

  sb_render_prepare_text (ctx, sb_render_tr (host->label), SB_FONT_FAMILY, SB_FONT_HOST, PANGO_WEIGHT_BOLD,
                r->width / 2, 1, &tw, &th);
  sb_render_set_color (ctx->cr, &ctx->palette->ink);
  sb_render_show_text_at (ctx, x, r->y + (SB_HOST_TITLE - th) / 2 + 6);
  if (host->ip != NULL)
    {
      double iw, ih;

      x += tw + 14;
      sb_render_prepare_text (ctx, host->ip, SB_MONO_FAMILY, SB_FONT_DETAIL, PANGO_WEIGHT_NORMAL,
                    -1, 1, &iw, &ih);
      sb_render_set_color (ctx->cr, &ctx->palette->muted);
      sb_render_show_text_at (ctx, x, r->y + (SB_HOST_TITLE - ih) / 2 + 7);
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

  sb_render_prepare_text (ctx, text, SB_FONT_FAMILY, SB_FONT_LINK, PANGO_WEIGHT_SEMIBOLD, -1, 1, &tw, &th);
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

static void
stroke_route (SbDrawContext *ctx,
              const double  *xs,
              const double  *ys,
              guint          n,
              const SbColor *color,
              double         width,
              gboolean       dashed)
{
  static const double dash[] = { 10, 8 };
  double angle = atan2 (ys[n - 1] - ys[n - 2], xs[n - 1] - xs[n - 2]);

  sb_render_set_color (ctx->cr, color);
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
    stroke_route (ctx, xs, ys, n, color, width, link_dashed (link));
}

/* A caption sits on the longest segment of its link's route; links of a
 * kind that repeats (writes, replication) are captioned once. */
static void
draw_link_caption (SbDrawContext *ctx,
                   const SbLink  *link,
                   GHashTable    *captioned)
{
  const char *caption = link_caption (ctx, link);
  const SbColor *color = link->kind == SB_LINK_REPLICATION ? &ctx->palette->replication
                                                            : &ctx->palette->ink;
  double xs[SB_ROUTE_MAX_POINTS], ys[SB_ROUTE_MAX_POINTS], best = -1, x = 0, y = 0;
  guint n;

  if (caption == NULL || (!link->backup && !g_hash_table_add (captioned, GINT_TO_POINTER (link->kind + 1))))
    return;
  n = sb_route_link (ctx->layout, ctx->scenario, link, xs, ys);
  for (guint i = 1; i < n; i++)
    {
      double len = hypot (xs[i] - xs[i - 1], ys[i] - ys[i - 1]);

      if (len > best)
        {
          best = len;
          x = (xs[i] + xs[i - 1]) / 2;
          y = (ys[i] + ys[i - 1]) / 2;
          /* Above a horizontal line rather than over it. */
          if (link->kind == SB_LINK_REPLICATION && ys[i] == ys[i - 1])
            y -= 20;
        }
    }
  sb_render_pill (ctx, caption, x, y, color, &ctx->palette->background);
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
  double tw, th;

  sb_render_prepare_text (ctx, role_caption (comp->role), SB_FONT_FAMILY, SB_FONT_DETAIL,
                PANGO_WEIGHT_BOLD, -1, 1, &tw, &th);
  sb_glyph_rounded_rect (ctx->cr, x, y, tw + 16, th + 2, (th + 2) / 2);
  sb_render_set_color (ctx->cr, color);
  cairo_fill (ctx->cr);
  sb_render_set_color (ctx->cr, &ctx->palette->node_fill);
  sb_render_show_text_at (ctx, x + 8, y + 1);
}

static void
draw_node_box (SbDrawContext *ctx,
               const SbRect  *r)
{
  draw_box (ctx, r, SB_CORNER, &ctx->palette->node_fill, &ctx->palette->node_stroke,
            ctx->options->style == SB_STYLE_MARKER ? 3 : 2.5);
}

static void
draw_node (SbDrawContext     *ctx,
           const SbComponent *comp)
{
  const SbRect *r = sb_layout_get_rect (ctx->layout, comp->id);
  double pad = 12, text_x = r->x + pad + SB_GLYPH_SIZE + 12;
  double text_w = r->x + r->width - pad - text_x;
  double lw, lh, dw = 0, dh = 0, y;
  gboolean badge = comp->role != SB_DB_ROLE_NONE;

  draw_node_box (ctx, r);
  sb_render_set_color (ctx->cr, &ctx->palette->ink);
  sb_glyph_draw (ctx->cr, comp->kind, r->x + pad, r->y + (r->height - SB_GLYPH_SIZE) / 2,
                 SB_GLYPH_SIZE);

  if (comp->ip != NULL && !badge)
    sb_render_prepare_text (ctx, comp->ip, SB_MONO_FAMILY, SB_FONT_DETAIL, PANGO_WEIGHT_NORMAL,
                  text_w, 1, &dw, &dh);
  else if (badge)
    dh = SB_FONT_DETAIL + 4;
  /* A long word (French "d'applications") would be cut: a size smaller
   * before an ellipsis. */
  for (double size = SB_FONT_LABEL; size >= SB_FONT_LABEL * 0.75; size -= 1.5)
    {
      sb_render_prepare_text (ctx, sb_render_tr (comp->label), SB_FONT_FAMILY, size, PANGO_WEIGHT_BOLD,
                              text_w, 2, &lw, &lh);
      if (!pango_layout_is_ellipsized (ctx->text))
        break;
    }
  y = r->y + (r->height - lh - (dh ? dh + 4 : 0)) / 2;
  sb_render_set_color (ctx->cr, &ctx->palette->ink);
  sb_render_show_text_at (ctx, text_x, y);

  y += lh + 4;
  if (badge)
    draw_role_badge (ctx, comp, text_x, y);
  else if (comp->ip != NULL)
    {
      sb_render_prepare_text (ctx, comp->ip, SB_MONO_FAMILY, SB_FONT_DETAIL, PANGO_WEIGHT_NORMAL,
                    text_w, 1, &dw, &dh);
      sb_render_set_color (ctx->cr, &ctx->palette->muted);
      sb_render_show_text_at (ctx, text_x, y);
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

/* The record the DNS publishes, on a sticky note under the DNS node. */
static void
draw_dns_record (SbDrawContext *ctx)
{
  const SbComponent *dns = sb_scenario_find_kind (ctx->scenario, SB_KIND_DNS, NULL);
  g_autofree char *record = sb_render_dns_record (ctx->scenario);
  const SbRect *r;
  double tw, th, x, y;

  if (record == NULL)
    return;
  r = sb_layout_get_rect (ctx->layout, dns->id);
  sb_render_prepare_text (ctx, record, SB_MONO_FAMILY, SB_FONT_DETAIL, PANGO_WEIGHT_BOLD, -1, 1, &tw, &th);
  x = r->x + r->width / 2 - tw / 2;
  y = r->y + r->height + 14;
  sb_glyph_rounded_rect (ctx->cr, x - 12, y - 6, tw + 24, th + 12, 4);
  sb_render_set_color (ctx->cr, &ctx->palette->card);
  cairo_fill_preserve (ctx->cr);
  sb_render_set_color (ctx->cr, &ctx->palette->node_stroke);
  cairo_set_line_width (ctx->cr, 1.5);
  sb_render_stroke (ctx);
  sb_render_set_color (ctx->cr, &ctx->palette->ink);
  sb_render_show_text_at (ctx, x, y);
}

void
sb_render_options_init (SbRenderOptions *options)
{
  *options = (SbRenderOptions) { SB_THEME_LIGHT, SB_STYLE_WHITEBOARD, NULL, FALSE, NULL, FALSE, NULL };
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
  sb_render_pill (ctx, _("SPOF"), r->x + 40, r->y - 9, &ctx->palette->node_fill, &ctx->palette->spof);
}

/* Asked for the single points of failure and there are none: say so, at
 * the top of the board, where the class looks for the dashed frames. */
static void
draw_no_spof (SbDrawContext *ctx)
{
  static const SbColor fill = { 0.75, 1.0, 0.75 };
  static const SbColor text = { 0.1, 0.1, 0.1 };

  sb_render_pill (ctx, ctx->options->spofs_for_writes ? _("✓ No single point of failure for writes")
                                                      : _("✓ No single point of failure for reads"),
                  sb_layout_get_width (ctx->layout) / 2, 14, &text, &fill);
}

static const SbColor issue_fill = { 0.96, 0.83, 0.18 };
static const SbColor issue_text = { 0.1, 0.1, 0.1 };

static void
issue (SbDrawContext *ctx,
       const char    *text,
       double         x,
       double         y)
{
  sb_render_pill (ctx, text, x, y, &issue_text, &issue_fill);
}

/* A machine's own badges; a one-node machine has them above and below. */
static void
draw_host_issues (SbDrawContext *ctx,
                  const SbHost  *host)
{
  const SbScenario *scenario = ctx->scenario;
  const SbRect *r = sb_layout_get_rect (ctx->layout, host->id);
  gboolean narrow = r->width < 2 * SB_NODE_WIDTH;
  double bottom = r->y + r->height - 20;

  if (sb_scenario_find_kind (scenario, SB_KIND_FIREWALL, host->id) == NULL)
    issue (ctx, _("⚠ No firewall"), narrow ? r->x + r->width / 2 : r->x + 90,
           narrow ? r->y - 22 : bottom);
  if (sb_scenario_find_kind (scenario, SB_KIND_MONITORING_AGENT, host->id) == NULL)
    issue (ctx, _("⚠ No monitoring"), narrow ? r->x + r->width / 2 : r->x + r->width - 100,
           narrow ? r->y + r->height + 18 : bottom);
}

/* The known issues of a design without firewalls, TLS or monitoring, as
 * badges where they bite: the plain-HTTP link and every exposed machine;
 * each goes where the scenario fixes it. */
static void
draw_issues (SbDrawContext *ctx)
{
  const SbScenario *scenario = ctx->scenario;
  const SbComponent *entry = sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, NULL);

  for (guint i = 0; !scenario->balancer.https && i < ctx->links->len; i++)
    {
      const SbLink *link = &g_array_index (ctx->links, SbLink, i);
      double xs[SB_ROUTE_MAX_POINTS], ys[SB_ROUTE_MAX_POINTS];
      guint n;

      if (link->kind != SB_LINK_HTTP)
        continue;
      n = sb_route_link (ctx->layout, scenario, link, xs, ys);
      if (n >= 2)
        sb_render_pill (ctx, _("⚠ No HTTPS: plain text on the wire"),
                        (xs[0] + xs[n - 1]) / 2 - 160, (ys[0] + ys[n - 1]) / 2 + 36,
                        &issue_text, &issue_fill);
    }
  /* A load balancer on a machine of its own has that machine's badges. */
  if (entry != NULL && entry->host == NULL)
    {
      const SbRect *r = sb_layout_get_rect (ctx->layout, entry->id);
      issue (ctx, _("⚠ No firewall"), r->x + r->width + 90, r->y + r->height / 2);
    }
  for (guint i = 0; i < scenario->hosts->len; i++)
    draw_host_issues (ctx, g_ptr_array_index (scenario->hosts, i));
}

static void
draw_board (SbDrawContext *ctx)
{
  const SbScenario *scenario = ctx->scenario;
  GArray *links = ctx->links;
  g_autoptr(GHashTable) captioned = NULL;

  for (guint i = 0; i < scenario->hosts->len; i++)
    draw_host (ctx, g_ptr_array_index (scenario->hosts, i));
  for (guint i = 0; i < links->len; i++)
    draw_link (ctx, &g_array_index (links, SbLink, i));
  for (guint i = 0; i < scenario->components->len; i++)
    draw_node (ctx, g_ptr_array_index (scenario->components, i));
  draw_dns_record (ctx);
  captioned = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < links->len; i++)
    draw_link_caption (ctx, &g_array_index (links, SbLink, i), captioned);
  for (guint i = 0; ctx->options->spofs && i < ctx->options->spofs->len; i++)
    draw_spof (ctx, g_ptr_array_index (ctx->options->spofs, i));
  if (ctx->options->spofs && ctx->options->spofs->len == 0)
    draw_no_spof (ctx);
  if (ctx->options->show_issues)
    draw_issues (ctx);
}

typedef void (*SbLayerFunc) (SbDrawContext *ctx);

/* Sets up the context and the diagram-to-target transform, then draws. */
static void
draw_layer (cairo_t               *cr,
            const SbLayout        *layout,
            const SbScenario      *scenario,
            SbSim                 *sim,
            const SbRenderOptions *options,
            double                 width,
            double                 height,
            gboolean               background,
            SbLayerFunc            func)
{
  SbRenderOptions defaults;
  SbViewTransform t;
  SbDrawContext ctx = { cr, layout, scenario, sim, options, NULL, NULL, NULL };

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
  ctx.text = pango_cairo_create_layout (cr);
  ctx.links = sb_links_derive (scenario);
  func (&ctx);
  g_array_unref (ctx.links);
  g_object_unref (ctx.text);
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
  draw_layer (cr, layout, scenario, NULL, options, width, height, TRUE, draw_board);
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
  draw_layer (cr, layout, scenario, sim, options, width, height, FALSE, sb_render_state);
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
  sb_render_draw_board (cr, layout, scenario, options, width, height);
  if (sim != NULL)
    sb_render_draw_live (cr, layout, scenario, sim, options, width, height);
}
