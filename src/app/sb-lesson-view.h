/* sb-lesson-view.h — what every view of a lesson does to follow it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lesson/sb-lesson.h"

G_BEGIN_DECLS

/* A lesson signal (or "notify::PROPERTY") and the view's handler, called
 * with the view first (connected swapped). */
typedef struct {
  const char *signal;
  GCallback   callback;
} SbLessonHook;

/* Points *SLOT at LESSON (a new reference), moving VIEW's HOOKS from the
 * previous lesson to it; FALSE when LESSON was already there. */
gboolean sb_lesson_view_set (gpointer             view,
                             SbLesson           **slot,
                             SbLesson            *lesson,
                             const SbLessonHook  *hooks,
                             guint                n_hooks);

/* The "lesson" property every view has. */
GParamSpec *sb_lesson_view_param_spec (void);

G_END_DECLS
