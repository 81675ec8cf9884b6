/* sb-window-private.h — what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is split by concern, as GNOME Text Editor's is:
 * sb-window.c its life (building, closing, restoring its size),
 * sb-window-actions.c what the teacher does (the actions and their keys),
 * sb-window-files.c opening, saving, exporting and the autosave.
 */
#pragma once

#include "sb-element-list.h"
#include "sb-element-panel.h"
#include "sb-event-log.h"
#include "sb-settings-panel.h"
#include "sb-stats-panel.h"
#include "sb-window.h"

G_BEGIN_DECLS

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  SbLesson             *lesson;
  AdwWindowTitle       *title;
  AdwToastOverlay      *toasts;
  SbCanvas             *canvas;
  GtkToggleButton      *panel_button;
  GtkWidget            *header_bar;
  GtkWidget            *lesson_bar;
  GtkWidget            *balancer_controls;
  GtkButton            *presentation_button;
  GtkWidget            *script_button;
  GtkLabel             *step_title;
  GtkWidget            *caption_view;
  GtkWidget            *question_card;
  SbElementPanel       *panel;
  SbSettingsPanel      *settings_panel;
  SbEventLog           *event_log;
  SbStatsPanel         *stats_panel;
  SbElementList        *element_list;
  GtkStack             *side_stack;
  GMenu                *add_menu;  /* the Add submenu, shared with the board's menu */
  GMenu                *move_menu; /* Move To: the design's machines */
  AdwToast             *refusal;   /* the reason the last edit was refused, while shown */
  GSettings            *settings;
  GFile                *file;      /* where the scenario was opened or saved, or NULL */
  SbAutosave           *autosave;  /* this window's recovery (sb-autosave.h) */
  gboolean              panel_before_presenting;
};

/* sb-window-actions.c */
void     sb_window_class_add_shortcuts (GtkWidgetClass *widget_class);
void     sb_window_add_actions         (SbWindow       *self);
/* Enables or disables window action NAME (of the window's action map). */
void     sb_window_set_action_enabled  (SbWindow       *self,
                                        const char     *name,
                                        gboolean        enabled);
/* Loads the bundled lesson step NAME (asking first over an edited design). */
void     sb_window_load_step           (SbWindow       *self,
                                        const char     *name);

/* sb-window-editor.c */
void     sb_window_class_add_editor_shortcuts (GtkWidgetClass *widget_class);
void     sb_window_add_editor_actions  (SbWindow       *self);

/* sb-window-files.c */
void     sb_window_class_add_file_actions (GtkWidgetClass *widget_class);
/* Shows SCENARIO (a copy), STEP its lesson step name or NULL. */
void     sb_window_show_scenario       (SbWindow         *self,
                                        const SbScenario *scenario,
                                        const char       *step);
/* Runs ACTION (with PARAMETER) once the teacher agreed to drop the edited
 * design; TRUE when it asked (ACTION runs later, if at all). */
gboolean sb_window_confirm_discard     (SbWindow       *self,
                                        const char     *action,
                                        GVariant       *parameter);
/* The subtitle follows the design's title and whether it is edited. */
void     sb_window_update_title        (SbWindow       *self);


G_END_DECLS
