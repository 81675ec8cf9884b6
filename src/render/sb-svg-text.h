/* sb-svg-text.h — the board's text as SVG <text> elements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cairo 1.16's SVG surface writes every glyph as an outline, each point
 * through printf: two thirds of an SVG export's own work, and text no one
 * can search or copy.  During an SVG export the renderer hands its text
 * here instead: each line is recorded (its string, font, colour and
 * place) and a marker stands in the drawing where it goes, so that when
 * the SVG is complete each marker becomes a <text> element at the same
 * place in the drawing order.  pango still lays the text out, so lines
 * break and fit as on the board; `textLength` holds each line to the
 * width pango measured, whatever font the viewer has.
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _SbSvgText SbSvgText;

SbSvgText *sb_svg_text_new         (void);
void       sb_svg_text_free        (SbSvgText       *self);
/* Text drawn on CR (by sb_render_show_text_at()) goes to SELF. */
void       sb_svg_text_attach      (SbSvgText       *self,
                                    cairo_t         *cr);
SbSvgText *sb_svg_text_from        (cairo_t         *cr);
/* Records LAYOUT as drawn at CR's current point in its source colour;
 * FALSE when it cannot (an ellipsized line), and the caller draws it. */
gboolean   sb_svg_text_show_layout (SbSvgText       *self,
                                    cairo_t         *cr,
                                    PangoLayout     *layout);
/* The SVG with every marker replaced by its text. */
GByteArray *sb_svg_text_rewrite    (SbSvgText       *self,
                                    GByteArray      *svg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSvgText, sb_svg_text_free)

G_END_DECLS
