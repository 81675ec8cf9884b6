/* sb-lesson-view.c — connecting a view to the lesson it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-lesson-view.h"

gboolean
sb_lesson_view_set (gpointer             view,
                    SbLesson           **slot,
                    SbLesson            *lesson,
                    const SbLessonHook  *hooks,
                    guint                n_hooks)
{
  g_return_val_if_fail (G_IS_OBJECT (view), FALSE);
  g_return_val_if_fail (lesson == NULL || SB_IS_LESSON (lesson), FALSE);

  if (*slot == lesson)
    return FALSE;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, view);
  g_set_object (slot, lesson);
  for (guint i = 0; lesson != NULL && i < n_hooks; i++)
    g_signal_connect_swapped (lesson, hooks[i].signal, hooks[i].callback, view);
  return TRUE;
}

GParamSpec *
sb_lesson_view_param_spec (void)
{
  return g_param_spec_object ("lesson", NULL, NULL, SB_TYPE_LESSON,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}
