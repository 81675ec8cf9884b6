/* sb-stats-panel.h — the counters and a chart of the last minute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "app/sb-canvas.h"

G_BEGIN_DECLS

#define SB_TYPE_STATS_PANEL (sb_stats_panel_get_type ())

G_DECLARE_FINAL_TYPE (SbStatsPanel, sb_stats_panel, SB, STATS_PANEL, GtkWidget)

GtkWidget  *sb_stats_panel_new        (void);
void        sb_stats_panel_set_canvas (SbStatsPanel *self,
                                       SbCanvas     *canvas);
void        sb_stats_panel_refresh    (SbStatsPanel *self);
/* The summary as shown, for tests and screen readers. */
const char *sb_stats_panel_get_text   (SbStatsPanel *self);

G_END_DECLS
