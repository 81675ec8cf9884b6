/* sb-layout.h — where every element of a scenario sits on the whiteboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is computed once per topology, in diagram units (a logical
 * whiteboard whose size the layout chooses), and shared by drawing,
 * hit-testing and export, so what the class sees is what gets exported.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"

G_BEGIN_DECLS

typedef struct {
  double x, y, width, height;
} SbRect;

typedef struct _SbLayout SbLayout;

/* Maps diagram units onto a WIDTH × HEIGHT target, keeping the aspect and
 * centring the diagram: target = diagram * scale + offset. */
typedef struct {
  double scale;
  double offset_x;
  double offset_y;
} SbViewTransform;

SbLayout       *sb_layout_new             (const SbScenario *scenario);
void            sb_layout_free            (SbLayout         *self);

double          sb_layout_get_width       (const SbLayout   *self);
double          sb_layout_get_height      (const SbLayout   *self);

/* The box of a host or component, or NULL for an unknown id. */
const SbRect   *sb_layout_get_rect        (const SbLayout   *self,
                                           const char       *id);
/* The id of the component (or else host) under a point in diagram units,
 * or NULL.  Components win over the host that holds them. */
const char     *sb_layout_hit_test        (const SbLayout   *self,
                                           double            x,
                                           double            y);

/* Turns a point of the laid-out board into the scenario's coordinates,
 * which a component's "position" is given in (the layout moves the whole
 * drawing to keep a margin). */
void            sb_layout_to_scenario     (const SbLayout   *self,
                                           double           *x,
                                           double           *y);

SbViewTransform sb_layout_fit             (const SbLayout   *self,
                                           double            width,
                                           double            height);

/* The centre of a box. */
void            sb_rect_center            (const SbRect     *rect,
                                           double           *x,
                                           double           *y);
gboolean        sb_rect_contains          (const SbRect     *rect,
                                           double            x,
                                           double            y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbLayout, sb_layout_free)

G_END_DECLS
