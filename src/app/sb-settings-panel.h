/* sb-settings-panel.h — the settings a teacher changes live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "app/sb-canvas.h"

G_BEGIN_DECLS

#define SB_TYPE_SETTINGS_PANEL (sb_settings_panel_get_type ())

G_DECLARE_FINAL_TYPE (SbSettingsPanel, sb_settings_panel, SB, SETTINGS_PANEL, GtkWidget)

GtkWidget *sb_settings_panel_new        (void);
void       sb_settings_panel_set_canvas (SbSettingsPanel *self,
                                         SbCanvas        *canvas);
/* Shows the values of the canvas's simulation again (after a reset or a
 * step back). */
void       sb_settings_panel_sync       (SbSettingsPanel *self);

G_END_DECLS
