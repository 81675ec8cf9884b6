/* sb-event-log.h — the simulation's recent events, as a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "app/sb-canvas.h"

G_BEGIN_DECLS

#define SB_TYPE_EVENT_LOG (sb_event_log_get_type ())

G_DECLARE_FINAL_TYPE (SbEventLog, sb_event_log, SB, EVENT_LOG, GtkWidget)

GtkWidget  *sb_event_log_new        (void);
void        sb_event_log_set_canvas (SbEventLog *self,
                                     SbCanvas   *canvas);
/* Appends the events the sim logged since the last call. */
void        sb_event_log_sync       (SbEventLog *self);
/* The rows, SbEventItem, oldest first. */
GListModel *sb_event_log_get_model  (SbEventLog *self);
/* Selects a row: the board highlights that request's path. */
void        sb_event_log_select     (SbEventLog *self,
                                     guint       position);

G_END_DECLS
