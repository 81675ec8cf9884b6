/* sb-glyphs.h — the drawings that tell each kind of element apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "model/sb-scenario.h"

G_BEGIN_DECLS

void  sb_glyph_draw          (cairo_t *cr,
                              SbKind   kind,
                              double   x,
                              double   y,
                              double   size);

void  sb_glyph_rounded_rect  (cairo_t *cr,
                              double   x,
                              double   y,
                              double   width,
                              double   height,
                              double   radius);

G_END_DECLS
