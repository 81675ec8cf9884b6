/* sb-render-drag.h — the board while a machine is dragged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drag moves one unit: a machine with everything on it, or a component.
 * Laying the board out and drawing it again at every motion of the mouse
 * costs more than a frame (routing every line round every box, drawing
 * every box and text), so a drag draws the board as it was when the drag
 * began, without the unit, once; the unit alone, once; and at each motion
 * only paints the two, the unit where it is now, with straight lines to
 * what it is linked to, and the live layer.  When the drag ends, the
 * board is laid out again with the unit where it was dropped (machines it
 * would overlap give way, sb-layout.h).
 */
#pragma once

#include "render/sb-render.h"

G_BEGIN_DECLS

typedef struct _SbRenderDrag SbRenderDrag;

/* Starts a drag of UNIT on LAYOUT's board (which must live as long as the
 * drag), drawn WIDTH × HEIGHT target units at SCALE device pixels each
 * (a HiDPI screen, a zoom). */
SbRenderDrag *sb_render_drag_new    (const SbLayout        *layout,
                                     const SbScenario      *scenario,
                                     const SbRenderOptions *options,
                                     const char            *unit,
                                     double                 width,
                                     double                 height,
                                     double                 scale);
void          sb_render_drag_free   (SbRenderDrag          *self);

/* Draws the board with the unit moved by DX, DY diagram units from where
 * it was, and with a SIM the live layer, onto CR (target units). */
void          sb_render_drag_draw   (SbRenderDrag          *self,
                                     cairo_t               *cr,
                                     const SbScenario      *scenario,
                                     SbSim                 *sim,
                                     const SbRenderOptions *options,
                                     double                 dx,
                                     double                 dy);

const char   *sb_render_drag_get_unit (SbRenderDrag        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbRenderDrag, sb_render_drag_free)

G_END_DECLS
