/* sb-canvas.h — the widget that shows the whiteboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/sb-scenario.h"
#include "render/sb-layout.h"
#include "render/sb-render.h"
#include "sim/sb-sim.h"
#include "app/sb-timeline.h"

G_BEGIN_DECLS

#define SB_TYPE_CANVAS (sb_canvas_get_type ())

G_DECLARE_FINAL_TYPE (SbCanvas, sb_canvas, SB, CANVAS, GtkWidget)

GtkWidget        *sb_canvas_new            (void);
/* Copies SCENARIO and lays it out again. */
void              sb_canvas_set_scenario   (SbCanvas         *self,
                                            const SbScenario *scenario);
const SbScenario *sb_canvas_get_scenario   (SbCanvas         *self);
const SbLayout   *sb_canvas_get_layout     (SbCanvas         *self);
/* The simulation the canvas plays; replaced by sb_canvas_set_scenario(). */
SbSim            *sb_canvas_get_sim        (SbCanvas         *self);
/* Where the last frame drew each box, text and line (NULL before the
 * first), for sb_render_record_check() in tests. */
const SbRenderRecord *sb_canvas_get_marks  (SbCanvas         *self);
/* Starts again from time 0 with the current settings. */
void              sb_canvas_reset          (SbCanvas         *self);
void              sb_canvas_set_playing    (SbCanvas         *self,
                                            gboolean          playing);
gboolean          sb_canvas_get_playing    (SbCanvas         *self);
/* Simulated seconds per real second, 0.25 to 8. */
void              sb_canvas_set_speed      (SbCanvas         *self,
                                            double            speed);
double            sb_canvas_get_speed      (SbCanvas         *self);
void              sb_canvas_set_style      (SbCanvas         *self,
                                            SbStyle           style);
/* Marks the single points of failure for reads or writes ("reads",
 * "writes"), or none (NULL or "none"). */
void              sb_canvas_set_spof_mode  (SbCanvas         *self,
                                            const char       *mode);

/* The element the teacher picked (framed on the board), or NULL. */
void              sb_canvas_set_selected   (SbCanvas         *self,
                                            const char       *id);
const char       *sb_canvas_get_selected   (SbCanvas         *self);

/* Kills, revives or promotes ID now, and remembers it so that stepping
 * back can replay the lesson up to any earlier moment. */
gboolean          sb_canvas_apply          (SbCanvas         *self,
                                            SbCanvasAction    action,
                                            const char       *id,
                                            GError          **error);
/* Changes a setting now, remembered like an action for stepping back. */
void              sb_canvas_set_setting    (SbCanvas         *self,
                                            SbSetting         setting,
                                            double            value);

/* Pauses and moves to the next / previous moment a request arrives or
 * moves to its next hop.  Stepping back re-runs the simulation from the
 * start, which is deterministic, and forgets actions after that moment. */
void              sb_canvas_step_forward   (SbCanvas         *self);
void              sb_canvas_step_back      (SbCanvas         *self);

/* Shows the known issues of the design (no HTTPS, firewall, monitoring). */
void              sb_canvas_set_show_issues (SbCanvas        *self,
                                             gboolean         show);

gboolean          sb_canvas_get_show_issues (SbCanvas        *self);
/* Frames and numbers the elements of PATH (a request's, from the log). */
void              sb_canvas_set_highlight   (SbCanvas           *self,
                                             const char * const *path);

/* The scenario as the board shows it now: the sim's (with the live
 * settings) and the positions the teacher dragged elements to. */
SbScenario       *sb_canvas_dup_scenario    (SbCanvas        *self);

/* Redraws after the sim was changed from outside (kill, settings...). */
void              sb_canvas_sim_changed    (SbCanvas         *self);

/* Writes what the canvas shows now (same state, same theme) to PATH, a
 * .png (SCALE 1 or 2), .svg or .pdf, at least 1600 units wide. */
gboolean          sb_canvas_export         (SbCanvas         *self,
                                            const char       *path,
                                            int               scale,
                                            GError          **error);

/* The id of the element under a point in widget coordinates, or NULL. */
const char       *sb_canvas_element_at     (SbCanvas         *self,
                                            double            x,
                                            double            y);

G_END_DECLS
