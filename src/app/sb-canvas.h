/* sb-canvas.h — the widget that shows the whiteboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lesson/sb-lesson.h"
#include "render/sb-layout.h"
#include "render/sb-render.h"

G_BEGIN_DECLS

#define SB_TYPE_CANVAS (sb_canvas_get_type ())

G_DECLARE_FINAL_TYPE (SbCanvas, sb_canvas, SB, CANVAS, GtkWidget)

GtkWidget        *sb_canvas_new            (void);
/* The lesson the canvas shows and plays (from the frame clock). */
void              sb_canvas_set_lesson     (SbCanvas         *self,
                                            SbLesson         *lesson);
SbLesson         *sb_canvas_get_lesson     (SbCanvas         *self);
/* The board's layout of the lesson's design. */
const SbLayout   *sb_canvas_get_layout     (SbCanvas         *self);
/* Where the last frame drew each box, text and line (NULL before the
 * first), for sb_render_record_check() in tests. */
const SbRenderRecord *sb_canvas_get_marks  (SbCanvas         *self);
void              sb_canvas_set_style      (SbCanvas         *self,
                                            SbStyle           style);

/* Zoom, 1 (the whole board) to 4, about the widget's centre; Ctrl+scroll
 * and a pinch zoom at the pointer ("zoom" property). */
void              sb_canvas_set_zoom       (SbCanvas         *self,
                                            double            zoom);
double            sb_canvas_get_zoom       (SbCanvas         *self);
/* Every text of the board SCALE times its usual size (1 to 3), the
 * boxes grown to hold it and the board laid out for the widget's shape:
 * presentation mode sets SB_LAYOUT_PRESENTATION_TEXT_SCALE. */
void              sb_canvas_set_text_scale (SbCanvas         *self,
                                            double            scale);
double            sb_canvas_get_text_scale (SbCanvas         *self);

/* Writes what the canvas shows now (same state, same theme) to PATH, a
 * .png (SCALE 1 or 2), .svg or .pdf, at least 1600 units wide. */
gboolean          sb_canvas_export         (SbCanvas         *self,
                                            const char       *path,
                                            int               scale,
                                            GError          **error);

/* The same, or with CLEAN the diagram to hand in: title and legend, no
 * selection, no request in flight (sb_render_draw_clean()). */
gboolean          sb_canvas_export_as      (SbCanvas         *self,
                                            const char       *path,
                                            int               scale,
                                            gboolean          clean,
                                            GError          **error);

/* The id of the element under a point in widget coordinates, or NULL. */
const char       *sb_canvas_element_at     (SbCanvas         *self,
                                            double            x,
                                            double            y);
/* The centre of element ID in widget coordinates; FALSE if not drawn. */
gboolean          sb_canvas_element_center (SbCanvas         *self,
                                            const char       *id,
                                            double           *x,
                                            double           *y);

/* Pops MODEL up as the board's context menu, at X, Y (widget
 * coordinates); its actions are looked up from the board (win.*). */
void              sb_canvas_popup_menu     (SbCanvas         *self,
                                            GMenuModel       *model,
                                            double            x,
                                            double            y);
/* The context menu last popped up, or NULL. */
GtkPopover       *sb_canvas_get_menu       (SbCanvas         *self);

G_END_DECLS
