/* sb-event-log.h — the lesson's recent events, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lesson/sb-lesson.h"

G_BEGIN_DECLS

#define SB_TYPE_EVENT_LOG (sb_event_log_get_type ())

G_DECLARE_FINAL_TYPE (SbEventLog, sb_event_log, SB, EVENT_LOG, GtkWidget)

GtkWidget  *sb_event_log_new        (void);
/* The lesson whose events the log lists ("lesson"). */
void        sb_event_log_set_lesson (SbEventLog *self,
                                     SbLesson   *lesson);
/* SbEventItems, the newest first. */
GListModel *sb_event_log_get_model  (SbEventLog *self);
/* Selects a row: a request's path shows on the board. */
void        sb_event_log_select     (SbEventLog *self,
                                     guint       position);

G_END_DECLS
