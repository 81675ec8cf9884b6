/* sb-config-window.h — the real configuration behind the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lesson/sb-lesson.h"

G_BEGIN_DECLS

#define SB_TYPE_CONFIG_WINDOW (sb_config_window_get_type ())

G_DECLARE_FINAL_TYPE (SbConfigWindow, sb_config_window, SB, CONFIG_WINDOW, AdwWindow)

/* The files of LESSON's design with its live settings, kept up to date
 * while the window is open. */
SbConfigWindow *sb_config_window_new               (GtkWindow      *parent,
                                                    SbLesson       *lesson);
/* The file paths shown, and how many lines are highlighted now (those of
 * the element selected on the board), for tests. */
guint           sb_config_window_get_n_files       (SbConfigWindow *self);
guint           sb_config_window_get_n_highlighted (SbConfigWindow *self);
/* Writes every file into DIR; errors are shown in the window. */
gboolean        sb_config_window_save_to           (SbConfigWindow *self,
                                                    const char     *dir);

G_END_DECLS
