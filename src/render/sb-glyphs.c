/* sb-glyphs.c — one small line drawing per kind of element
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each glyph is stroked in the current source colour inside a square of
 * side SIZE whose top-left corner is (x, y), with round caps so the
 * drawings read like marker on a whiteboard.
 */
#include "config.h"

#include <math.h>

#include "sb-glyphs.h"

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A browser window: frame, tab bar and three dots. */
static void
glyph_client (cairo_t *cr, double s)
{
  rounded_rect (cr, 0.05 * s, 0.15 * s, 0.9 * s, 0.7 * s, 0.08 * s);
  cairo_move_to (cr, 0.05 * s, 0.33 * s);
  cairo_line_to (cr, 0.95 * s, 0.33 * s);
  cairo_stroke (cr);
  for (int i = 0; i < 3; i++)
    {
      cairo_arc (cr, (0.16 + i * 0.1) * s, 0.24 * s, 0.025 * s, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

/* A globe: the name system of the whole Internet. */
static void
glyph_dns (cairo_t *cr, double s)
{
  double c = s / 2, r = 0.42 * s;

  cairo_arc (cr, c, c, r, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_save (cr);
  cairo_translate (cr, c, c);
  cairo_scale (cr, 0.45, 1);
  cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_stroke (cr);
  cairo_move_to (cr, c - r, c);
  cairo_line_to (cr, c + r, c);
  cairo_move_to (cr, c - 0.85 * r, c - 0.5 * r);
  cairo_line_to (cr, c + 0.85 * r, c - 0.5 * r);
  cairo_move_to (cr, c - 0.85 * r, c + 0.5 * r);
  cairo_line_to (cr, c + 0.85 * r, c + 0.5 * r);
  cairo_stroke (cr);
}

static void
arrow_head (cairo_t *cr, double x, double y, double angle, double len)
{
  cairo_move_to (cr, x - len * cos (angle - 0.5), y - len * sin (angle - 0.5));
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x - len * cos (angle + 0.5), y - len * sin (angle + 0.5));
  cairo_stroke (cr);
}

/* One entry fanned out to three: what a load balancer does. */
static void
glyph_load_balancer (cairo_t *cr, double s)
{
  double ex = 0.9 * s;

  cairo_arc (cr, 0.18 * s, 0.5 * s, 0.1 * s, 0, 2 * G_PI);
  cairo_fill (cr);
  for (int i = -1; i <= 1; i++)
    {
      double ey = (0.5 + 0.33 * i) * s;

      cairo_move_to (cr, 0.18 * s, 0.5 * s);
      cairo_curve_to (cr, 0.5 * s, 0.5 * s, 0.55 * s, ey, ex, ey);
      cairo_stroke (cr);
      arrow_head (cr, ex, ey, 0, 0.15 * s);
    }
}

/* A hexagon around a pair of angle brackets: a web server speaking HTTP. */
static void
glyph_web_server (cairo_t *cr, double s)
{
  double c = s / 2, r = 0.45 * s;

  for (int i = 0; i < 6; i++)
    {
      double a = G_PI / 6 + i * G_PI / 3;
      if (i == 0)
        cairo_move_to (cr, c + r * cos (a), c + r * sin (a));
      else
        cairo_line_to (cr, c + r * cos (a), c + r * sin (a));
    }
  cairo_close_path (cr);
  cairo_stroke (cr);
  cairo_move_to (cr, 0.32 * s, 0.68 * s);
  cairo_line_to (cr, 0.32 * s, 0.32 * s);
  cairo_line_to (cr, 0.68 * s, 0.68 * s);
  cairo_line_to (cr, 0.68 * s, 0.32 * s);
  cairo_stroke (cr);
}

/* A gear: the machinery that runs the code. */
static void
glyph_app_server (cairo_t *cr, double s)
{
  double c = s / 2, r_out = 0.45 * s, r_in = 0.33 * s;
  int teeth = 8;

  for (int i = 0; i < teeth * 2; i++)
    {
      double a0 = i * G_PI / teeth, a1 = (i + 1) * G_PI / teeth;
      double r = (i % 2 == 0) ? r_out : r_in;

      if (i == 0)
        cairo_move_to (cr, c + r * cos (a0), c + r * sin (a0));
      else
        cairo_line_to (cr, c + r * cos (a0), c + r * sin (a0));
      cairo_line_to (cr, c + r * cos (a1), c + r * sin (a1));
    }
  cairo_close_path (cr);
  cairo_stroke (cr);
  cairo_arc (cr, c, c, 0.13 * s, 0, 2 * G_PI);
  cairo_stroke (cr);
}

/* A page with a folded corner and "</>" on it: the application's files. */
static void
glyph_code (cairo_t *cr, double s)
{
  cairo_move_to (cr, 0.2 * s, 0.05 * s);
  cairo_line_to (cr, 0.62 * s, 0.05 * s);
  cairo_line_to (cr, 0.82 * s, 0.25 * s);
  cairo_line_to (cr, 0.82 * s, 0.95 * s);
  cairo_line_to (cr, 0.2 * s, 0.95 * s);
  cairo_close_path (cr);
  cairo_move_to (cr, 0.62 * s, 0.05 * s);
  cairo_line_to (cr, 0.62 * s, 0.25 * s);
  cairo_line_to (cr, 0.82 * s, 0.25 * s);
  cairo_stroke (cr);
  cairo_move_to (cr, 0.38 * s, 0.45 * s);
  cairo_line_to (cr, 0.28 * s, 0.58 * s);
  cairo_line_to (cr, 0.38 * s, 0.71 * s);
  cairo_move_to (cr, 0.64 * s, 0.45 * s);
  cairo_line_to (cr, 0.74 * s, 0.58 * s);
  cairo_line_to (cr, 0.64 * s, 0.71 * s);
  cairo_move_to (cr, 0.55 * s, 0.42 * s);
  cairo_line_to (cr, 0.47 * s, 0.74 * s);
  cairo_stroke (cr);
}

/* The classic database cylinder. */
static void
glyph_database (cairo_t *cr, double s)
{
  double x0 = 0.12 * s, x1 = 0.88 * s, ry = 0.1 * s;

  cairo_save (cr);
  cairo_translate (cr, s / 2, 0.18 * s);
  cairo_scale (cr, (x1 - x0) / 2, ry);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_stroke (cr);
  for (int band = 1; band <= 3; band++)
    {
      double y = 0.18 * s + band * 0.22 * s;

      cairo_save (cr);
      cairo_translate (cr, s / 2, y);
      cairo_scale (cr, (x1 - x0) / 2, ry);
      cairo_arc (cr, 0, 0, 1, 0, G_PI);
      cairo_restore (cr);
      cairo_stroke (cr);
    }
  cairo_move_to (cr, x0, 0.18 * s);
  cairo_line_to (cr, x0, 0.84 * s);
  cairo_move_to (cr, x1, 0.18 * s);
  cairo_line_to (cr, x1, 0.84 * s);
  cairo_stroke (cr);
}

/* A brick wall: three courses, the joints staggered. */
static void
glyph_firewall (cairo_t *cr, double s)
{
  double x0 = 0.08 * s, x1 = 0.92 * s, y0 = 0.2 * s, h = 0.2 * s;

  cairo_rectangle (cr, x0, y0, x1 - x0, 3 * h);
  for (int row = 1; row < 3; row++)
    {
      cairo_move_to (cr, x0, y0 + row * h);
      cairo_line_to (cr, x1, y0 + row * h);
    }
  for (int row = 0; row < 3; row++)
    for (double x = row % 2 ? 0.36 : 0.22; x < 0.9; x += 0.28)
      {
        cairo_move_to (cr, x * s, y0 + row * h);
        cairo_line_to (cr, x * s, y0 + (row + 1) * h);
      }
  cairo_stroke (cr);
}

/* A heartbeat line in a small screen: what an agent sends. */
static void
glyph_monitoring_agent (cairo_t *cr, double s)
{
  rounded_rect (cr, 0.06 * s, 0.18 * s, 0.88 * s, 0.64 * s, 0.08 * s);
  cairo_stroke (cr);
  cairo_move_to (cr, 0.14 * s, 0.52 * s);
  cairo_line_to (cr, 0.34 * s, 0.52 * s);
  cairo_line_to (cr, 0.42 * s, 0.3 * s);
  cairo_line_to (cr, 0.54 * s, 0.72 * s);
  cairo_line_to (cr, 0.62 * s, 0.52 * s);
  cairo_line_to (cr, 0.86 * s, 0.52 * s);
  cairo_stroke (cr);
}

/* A bar chart under a bell: metrics in, alerts out. */
static void
glyph_monitoring (cairo_t *cr, double s)
{
  static const double bars[] = { 0.3, 0.5, 0.38, 0.62 };

  cairo_move_to (cr, 0.06 * s, 0.92 * s);
  cairo_line_to (cr, 0.94 * s, 0.92 * s);
  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    cairo_rectangle (cr, (0.12 + i * 0.2) * s, (0.92 - bars[i]) * s, 0.12 * s, bars[i] * s);
  cairo_stroke (cr);
  cairo_arc (cr, 0.78 * s, 0.2 * s, 0.14 * s, G_PI, 2 * G_PI);
  cairo_line_to (cr, 0.94 * s, 0.34 * s);
  cairo_line_to (cr, 0.62 * s, 0.34 * s);
  cairo_close_path (cr);
  cairo_stroke (cr);
}

void
sb_glyph_draw (cairo_t *cr,
               SbKind   kind,
               double   x,
               double   y,
               double   size)
{
  static void (* const glyphs[SB_KIND_N]) (cairo_t *, double) = {
    [SB_KIND_CLIENT] = glyph_client,
    [SB_KIND_DNS] = glyph_dns,
    [SB_KIND_LOAD_BALANCER] = glyph_load_balancer,
    [SB_KIND_WEB_SERVER] = glyph_web_server,
    [SB_KIND_APP_SERVER] = glyph_app_server,
    [SB_KIND_CODE] = glyph_code,
    [SB_KIND_DATABASE] = glyph_database,
    [SB_KIND_FIREWALL] = glyph_firewall,
    [SB_KIND_MONITORING_AGENT] = glyph_monitoring_agent,
    [SB_KIND_MONITORING] = glyph_monitoring,
  };

  g_return_if_fail (kind < SB_KIND_N);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_set_line_width (cr, MAX (size / 16, 1.5));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_new_path (cr);
  glyphs[kind] (cr, size);
  cairo_restore (cr);
}

void
sb_glyph_rounded_rect (cairo_t *cr,
                       double   x,
                       double   y,
                       double   width,
                       double   height,
                       double   radius)
{
  rounded_rect (cr, x, y, width, height, MIN (radius, MIN (width, height) / 2));
}
