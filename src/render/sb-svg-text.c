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

/* One <text> for LINE, whose logical box starts at (X, BASELINE) in CR's
 * user space. */
static void
append_line (GString                    *out,
             cairo_t                    *cr,
             const char                 *text,
             const PangoFontDescription *font,
             const char                 *fill,
             double                      x,
             double                      baseline,
             double                      width)
{
  double scale_x = 1, scale_y = 0, scale;
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *family = g_markup_escape_text (pango_font_description_get_family (font), -1);
  g_autofree char *sx = NULL, *sy = NULL, *size = NULL, *length = NULL;

  cairo_user_to_device_distance (cr, &scale_x, &scale_y);
  scale = hypot (scale_x, scale_y);
  cairo_user_to_device (cr, &x, &baseline);
  sx = number (x);
  sy = number (baseline);
  size = number ((double) pango_font_description_get_size (font) / PANGO_SCALE * scale);
  length = number (width * scale);
  g_string_append_printf (out, "<text x=\"%s\" y=\"%s\" font-family=\"%s\" font-size=\"%s\" "
                          "font-weight=\"%d\" %s textLength=\"%s\" lengthAdjust=\"spacingAndGlyphs\" "
                          "xml:space=\"preserve\">%s</text>\n",
                          sx, sy, family, size, (int) pango_font_description_get_weight (font), fill,
                          length, escaped);
}

static char *
fill_of (cairo_t *cr)
{
  double r, g, b, a;
  g_autofree char *alpha = NULL;

  if (cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a) != CAIRO_STATUS_SUCCESS)
    return NULL;
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

gboolean
sb_svg_text_show_layout (SbSvgText   *self,
                         cairo_t     *cr,
                         PangoLayout *layout)
{
  const PangoFontDescription *font = pango_layout_get_font_description (layout);
  const char *text = pango_layout_get_text (layout);
  g_autofree char *fill = fill_of (cr);
  g_autoptr(GString) out = NULL;
  PangoLayoutIter *iter;
  double x0, y0;

  /* An ellipsis is a glyph that is not in the text: draw it as cairo does. */
  if (font == NULL || fill == NULL || pango_layout_is_ellipsized (layout)
      || self->texts->len >= MAX_MARKERS || !cairo_has_current_point (cr))
    return FALSE;
  cairo_get_current_point (cr, &x0, &y0);
  out = g_string_new (NULL);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      g_autofree char *part = NULL;

      if (line->length == 0)
        continue;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      part = g_strndup (text + line->start_index, line->length);
      g_strchomp (part);
      append_line (out, cr, part, font, fill, x0 + (double) logical.x / PANGO_SCALE,
                   y0 + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE,
                   (double) logical.width / PANGO_SCALE);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  draw_marker (cr, self->texts->len);
  g_ptr_array_add (self->texts, g_string_free (g_steal_pointer (&out), FALSE));
  return TRUE;
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
