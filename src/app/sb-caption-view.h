/* sb-caption-view.h — what just happened, in one large line on the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lesson/sb-lesson.h"

G_BEGIN_DECLS

#define SB_TYPE_CAPTION_VIEW (sb_caption_view_get_type ())

G_DECLARE_FINAL_TYPE (SbCaptionView, sb_caption_view, SB, CAPTION_VIEW, GtkWidget)

/* Shows LESSON's captions as they come ("lesson" property). */
void        sb_caption_view_set_lesson (SbCaptionView *self,
                                        SbLesson      *lesson);
/* The caption shown, or "" once it went. */
const char *sb_caption_view_get_text   (SbCaptionView *self);

G_END_DECLS
