/* sb-svg-text.h — the board's text as SVG <text> elements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cairo 1.16's SVG surface writes every glyph as an outline, each point
 * through printf, and text no one can search or copy; and setting text
 * with pango means starting fontconfig, which reads and parses the
 * system's whole font configuration (docs/benchmarks.md).  An SVG export
 * needs neither: the viewer draws the letters.  So during an SVG export
 * the renderer sets its text here, with the metrics of the board's one
 * type style measured beforehand (sb-font-metrics.h): lines break and
 * fit as pango breaks and fits them, and each line is recorded (string,
 * size, colour, place) while a marker stands in the drawing where it
 * goes.  When the SVG is complete each marker becomes its <text>
 * elements, at the same place in the drawing order; `textLength` holds
 * each line to the measured width, whatever font the viewer has.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define SB_TEXT_MAX_LINES 4

/* A text broken into lines at a size, in user units. */
typedef struct {
  char     *lines[SB_TEXT_MAX_LINES];
  double    widths[SB_TEXT_MAX_LINES];
  guint     n_lines;
  double    size;
  double    width;        /* of the widest line */
  double    height;
  gboolean  ellipsized;   /* something was cut and "…" put in its place */
} SbTextLines;

typedef struct _SbSvgText SbSvgText;

SbSvgText  *sb_svg_text_new       (void);
void        sb_svg_text_free      (SbSvgText         *self);
/* Text drawn on CR (by sb_render_show_text_at()) goes to SELF. */
void        sb_svg_text_attach    (SbSvgText         *self,
                                   cairo_t           *cr);
SbSvgText  *sb_svg_text_from      (cairo_t           *cr);

/* Breaks TEXT into at most MAX_LINES (≤ 0: one) lines of at most WIDTH
 * (≤ 0: unbounded) at SIZE, at spaces, as pango's word wrapping does, the
 * last line ellipsized when the text does not fit. */
void        sb_text_lines_measure (SbTextLines       *lines,
                                   const char        *text,
                                   double             size,
                                   double             width,
                                   int                max_lines);
void        sb_text_lines_clear   (SbTextLines       *lines);
/* The width of TEXT on one line at SIZE. */
double      sb_text_width         (const char        *text,
                                   double             size);

/* Records LINES as drawn at CR's current point (the top left of the first
 * line's box) in CR's source colour, and puts their marker in the drawing. */
void        sb_svg_text_show      (SbSvgText         *self,
                                   cairo_t           *cr,
                                   const SbTextLines *lines);
/* The SVG with every marker replaced by its text. */
GByteArray *sb_svg_text_rewrite   (SbSvgText         *self,
                                   GByteArray        *svg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSvgText, sb_svg_text_free)

G_END_DECLS
