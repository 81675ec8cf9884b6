/* sb-svg-text.c — the board's text as SVG <text> elements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The marker is a half-unit square at device (0.25, 0.75) filled in a
 * colour that numbers the text: cairo writes it as one <path> element,
 * in drawing order, which nothing else on the board draws (the board
 * never paints there with a 0.5 × 0.5 square).  sb_svg_text_rewrite()
 * puts the recorded <text> elements in its place.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sb-font-metrics.h"
#include "sb-render-private.h"
#include "sb-svg-text.h"

#define MARKER_X    0.25
#define MARKER_Y    0.75
#define MARKER_SIDE 0.5
#define MAX_MARKERS (1 << 24)   /* what an RGB colour can number */

/* As cairo 1.16 writes a filled rectangle (cairo-svg-surface.c). */
#define MARKER_PATTERN \
  "<path style=\" stroke:none;fill-rule:nonzero;fill:rgb\\(([0-9.]+)%,([0-9.]+)%,([0-9.]+)%\\);" \
  "fill-opacity:1;\" d=\"M 0\\.25 0\\.75 L 0\\.75 0\\.75 L 0\\.75 1\\.25 L 0\\.25 1\\.25 Z M 0\\.25 0\\.75 \"/>\n?"

struct _SbSvgText
{
  GPtrArray *texts;   /* char*: the <text> elements of marker i */
};

static const cairo_user_data_key_t svg_text_key;

SbSvgText *
sb_svg_text_new (void)
{
  SbSvgText *self = g_new0 (SbSvgText, 1);

  self->texts = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
sb_svg_text_free (SbSvgText *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->texts);
  g_free (self);
}

void
sb_svg_text_attach (SbSvgText *self,
                    cairo_t   *cr)
{
  cairo_set_user_data (cr, &svg_text_key, self, NULL);
}

SbSvgText *
sb_svg_text_from (cairo_t *cr)
{
  return cairo_get_user_data (cr, &svg_text_key);
}

static char *
number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

/* --- Metrics --------------------------------------------------------------- */

static double
advance (gunichar c)
{
  guint lo = 0, hi = G_N_ELEMENTS (sb_font_advances);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (sb_font_advances[mid].c == c)
        return sb_font_advances[mid].advance;
      if (sb_font_advances[mid].c < c)
        lo = mid + 1;
      else
        hi = mid;
    }
  return SB_FONT_METRICS_DEFAULT;
}

static double
text_width (const char *text,
            double      size)
{
  double units = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    units += advance (g_utf8_get_char (p));
  return units * size / SB_FONT_METRICS_UNITS;
}

/* TEXT cut at the end so that it and an ellipsis fit in WIDTH. */
static char *
ellipsize (const char *text,
           double      size,
           double      width)
{
  double ellipsis = advance (0x2026) * size / SB_FONT_METRICS_UNITS;
  glong n = g_utf8_strlen (text, -1);

  for (glong k = n - 1; k > 0; k--)
    {
      g_autofree char *prefix = g_utf8_substring (text, 0, k);

      g_strchomp (prefix);
      if (text_width (prefix, size) + ellipsis <= width)
        return g_strconcat (prefix, "…", NULL);
    }
  return g_strdup ("…");
}

/* Greedy, at spaces, as pango's PANGO_WRAP_WORD. */
static GPtrArray *
wrap (const char *text,
      double      size,
      double      width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = NULL;

  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *candidate = NULL;

      if (line == NULL)
        {
          line = g_string_new (words[i]);
          continue;
        }
      candidate = g_strconcat (line->str, " ", words[i], NULL);
      if (text_width (candidate, size) <= width)
        g_string_assign (line, candidate);
      else
        {
          g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
          line = g_string_new (words[i]);
        }
    }
  if (line)
    g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
  return lines;
}

double
sb_text_width (const char *text,
               double      size)
{
  SbTextLines lines = { 0 };
  double w;

  sb_text_lines_measure (&lines, text, size, -1, 1);
  w = lines.width;
  sb_text_lines_clear (&lines);
  return w;
}

void
sb_text_lines_clear (SbTextLines *lines)
{
  for (guint i = 0; i < lines->n_lines; i++)
    g_free (lines->lines[i]);
  memset (lines, 0, sizeof *lines);
}

void
sb_text_lines_measure (SbTextLines *lines,
                       const char  *text,
                       double       size,
                       double       width,
                       int          max_lines)
{
  guint max = max_lines <= 0 ? 1 : MIN ((guint) max_lines, SB_TEXT_MAX_LINES);
  g_autoptr(GPtrArray) parts = NULL;

  sb_text_lines_clear (lines);
  lines->size = size;
  if (width <= 0)
    {
      parts = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (parts, g_strdup (text));
    }
  else
    parts = wrap (text, size, width);
  /* What does not fit in MAX lines goes on the last one, to be cut. */
  while (parts->len > max)
    {
      char *last = g_ptr_array_steal_index (parts, parts->len - 1);
      char *joined = g_strconcat (g_ptr_array_index (parts, parts->len - 1), " ", last, NULL);

      g_free (last);
      g_free (g_ptr_array_index (parts, parts->len - 1));
      parts->pdata[parts->len - 1] = joined;
    }
  for (guint i = 0; i < parts->len; i++)
    {
      char *line = g_ptr_array_index (parts, i);

      if (width > 0 && text_width (line, size) > width)
        {
          line = ellipsize (line, size, width);
          lines->ellipsized = TRUE;
        }
      else
        line = g_strdup (line);
      lines->lines[lines->n_lines] = line;
      lines->widths[lines->n_lines] = text_width (line, size);
      lines->width = MAX (lines->width, lines->widths[lines->n_lines]);
      lines->n_lines++;
    }
  lines->height = lines->n_lines * (double) SB_FONT_METRICS_HEIGHT * size / SB_FONT_METRICS_UNITS;
}

/* --- Markers ---------------------------------------------------------------- */

/* One <text> for LINE, whose baseline starts at (X, BASELINE) in CR's
 * user space. */
static void
append_line (GString    *out,
             cairo_t    *cr,
             const char *text,
             double      size,
             const char *fill,
             double      x,
             double      baseline,
             double      width)
{
  double scale_x = 1, scale_y = 0, scale;
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *sx = NULL, *sy = NULL, *font_size = NULL, *length = NULL;

  cairo_user_to_device_distance (cr, &scale_x, &scale_y);
  scale = hypot (scale_x, scale_y);
  cairo_user_to_device (cr, &x, &baseline);
  sx = number (x);
  sy = number (baseline);
  font_size = number (size * scale);
  length = number (width * scale);
  g_string_append_printf (out, "<text x=\"%s\" y=\"%s\" font-family=\"%s\" font-size=\"%s\" "
                          "font-weight=\"%d\" %s textLength=\"%s\" lengthAdjust=\"spacingAndGlyphs\" "
                          "xml:space=\"preserve\">%s</text>\n",
                          sx, sy, SB_FONT_FAMILY, font_size, (int) SB_LABEL_WEIGHT, fill, length, escaped);
}

static char *
fill_of (cairo_t *cr)
{
  double r = 0, g = 0, b = 0, a = 1;
  g_autofree char *alpha = NULL;

  cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a);
  if (a >= 1)
    return g_strdup_printf ("fill=\"rgb(%d,%d,%d)\"", (int) lround (r * 255), (int) lround (g * 255),
                            (int) lround (b * 255));
  alpha = number (a);
  return g_strdup_printf ("fill=\"rgb(%d,%d,%d)\" fill-opacity=\"%s\"", (int) lround (r * 255),
                          (int) lround (g * 255), (int) lround (b * 255), alpha);
}

static void
draw_marker (cairo_t *cr,
             guint    index)
{
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, MARKER_X, MARKER_Y, MARKER_SIDE, MARKER_SIDE);
  cairo_set_source_rgb (cr, (index >> 16 & 0xff) / 255.0, (index >> 8 & 0xff) / 255.0,
                        (index & 0xff) / 255.0);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
sb_svg_text_show (SbSvgText         *self,
                  cairo_t           *cr,
                  const SbTextLines *lines)
{
  g_autofree char *fill = fill_of (cr);
  g_autoptr(GString) out = g_string_new (NULL);
  double x0 = 0, y0 = 0, line_height, baseline;

  if (self->texts->len >= MAX_MARKERS || lines->n_lines == 0)
    return;
  if (cairo_has_current_point (cr))
    cairo_get_current_point (cr, &x0, &y0);
  line_height = (double) SB_FONT_METRICS_HEIGHT * lines->size / SB_FONT_METRICS_UNITS;
  baseline = (double) SB_FONT_METRICS_BASELINE * lines->size / SB_FONT_METRICS_UNITS;
  for (guint i = 0; i < lines->n_lines; i++)
    append_line (out, cr, lines->lines[i], lines->size, fill, x0, y0 + baseline + i * line_height,
                 lines->widths[i]);
  draw_marker (cr, self->texts->len);
  g_ptr_array_add (self->texts, g_string_free (g_steal_pointer (&out), FALSE));
}

static guint
channel (const char *percent)
{
  return (guint) lround (g_ascii_strtod (percent, NULL) * 2.55);
}

static gboolean
replace_marker (const GMatchInfo *match,
                GString          *result,
                gpointer          user_data)
{
  SbSvgText *self = user_data;
  g_autofree char *r = g_match_info_fetch (match, 1);
  g_autofree char *g = g_match_info_fetch (match, 2);
  g_autofree char *b = g_match_info_fetch (match, 3);
  guint index = channel (r) << 16 | channel (g) << 8 | channel (b);

  if (index < self->texts->len)
    g_string_append (result, g_ptr_array_index (self->texts, index));
  else
    {
      g_autofree char *whole = g_match_info_fetch (match, 0);

      g_string_append (result, whole);
    }
  return FALSE;
}

GByteArray *
sb_svg_text_rewrite (SbSvgText  *self,
                     GByteArray *svg)
{
  g_autoptr(GRegex) marker = NULL;
  g_autofree char *result = NULL;
  gsize length;

  if (self->texts->len == 0)
    return g_byte_array_ref (svg);
  marker = g_regex_new (MARKER_PATTERN, G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL);
  g_assert (marker != NULL);
  result = g_regex_replace_eval (marker, (const char *) svg->data, svg->len, 0, 0, replace_marker,
                                 self, NULL);
  if (result == NULL)
    return g_byte_array_ref (svg);
  length = strlen (result);
  return g_byte_array_new_take ((guint8 *) g_steal_pointer (&result), length);
}
