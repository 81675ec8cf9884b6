/* sb-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "app/sb-application.h"
#include "app/sb-autosave.h"
#include "app/sb-canvas.h"
#include "model/sb-scenario.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())

G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

/* SCENARIO is copied; NULL opens the bundled default scenario. */
SbWindow *sb_window_new          (SbApplication    *application,
                                  const SbScenario *scenario);
SbCanvas *sb_window_get_canvas   (SbWindow         *self);
/* The lesson every view of the window shows. */
SbLesson *sb_window_get_lesson   (SbWindow         *self);
/* A window on the default lesson that opens FILE (or shows why not). */
SbWindow *sb_window_new_for_file (SbApplication    *application,
                                  GFile            *file);
/* Schedules the edited scenario's recovery (or removes it when nothing is
 * edited); done on every edit. */
void      sb_window_autosave     (SbWindow         *self);
/* Shows SCENARIO, recovered, as an edit of FILE (or of no file). */
void      sb_window_show_recovered (SbWindow       *self,
                                  const SbScenario *scenario,
                                  GFile            *file);
/* This window's recovery. */
SbAutosave *sb_window_get_autosave (SbWindow       *self);
/* Shows SCENARIO, recovered, as an edit of FILE (or of no file). */
void      sb_window_show_recovered (SbWindow       *self,
                                  const SbScenario *scenario,
                                  GFile            *file);
/* This window's recovery. */
SbAutosave *sb_window_get_autosave (SbWindow       *self);
/* Whether the topology was edited since it was opened or saved. */
gboolean  sb_window_get_modified (SbWindow         *self);
/* Whether the window shows the board alone, fullscreen. */
gboolean  sb_window_get_presenting (SbWindow       *self);
GtkWidget *sb_window_get_panel   (SbWindow         *self);
GtkWidget *sb_window_get_event_log (SbWindow       *self);
GtkWidget *sb_window_get_stats_panel (SbWindow     *self);
GtkWidget *sb_window_get_element_list (SbWindow    *self);
GtkWidget *sb_window_get_caption_view (SbWindow    *self);
GtkWidget *sb_window_get_question_card (SbWindow   *self);
/* A message that goes away by itself. */
void      sb_window_show_toast   (SbWindow         *self,
                                  const char       *message);
void      sb_window_show_error   (SbWindow         *self,
                                  const char       *message);
/* Opens a scenario file; on a bad file shows the error and keeps the
 * current scenario.  Returns whether it opened. */
gboolean  sb_window_open_file    (SbWindow         *self,
                                  GFile            *file);
/* Saves what the board shows now (with the live settings) to FILE. */
gboolean  sb_window_save_file    (SbWindow         *self,
                                  GFile            *file);

G_END_DECLS
