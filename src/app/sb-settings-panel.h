/* sb-settings-panel.h — load balancing, health checks and traffic, live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lesson/sb-lesson.h"

G_BEGIN_DECLS

#define SB_TYPE_SETTINGS_PANEL (sb_settings_panel_get_type ())

G_DECLARE_FINAL_TYPE (SbSettingsPanel, sb_settings_panel, SB, SETTINGS_PANEL, GtkWidget)

GtkWidget *sb_settings_panel_new        (void);
/* The lesson whose live settings the panel shows and changes ("lesson"). */
void       sb_settings_panel_set_lesson (SbSettingsPanel *self,
                                         SbLesson        *lesson);

G_END_DECLS
