/* sb-stats-panel.h — the lesson's counters and a chart of the last minute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lesson/sb-lesson.h"

G_BEGIN_DECLS

#define SB_TYPE_STATS_PANEL (sb_stats_panel_get_type ())

G_DECLARE_FINAL_TYPE (SbStatsPanel, sb_stats_panel, SB, STATS_PANEL, GtkWidget)

GtkWidget  *sb_stats_panel_new        (void);
/* The lesson whose run the panel counts ("lesson"). */
void        sb_stats_panel_set_lesson (SbStatsPanel *self,
                                       SbLesson     *lesson);
/* The text shown now. */
const char *sb_stats_panel_get_text   (SbStatsPanel *self);

G_END_DECLS
