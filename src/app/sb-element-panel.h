/* sb-element-panel.h — what the selected element is, and what it does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lesson/sb-lesson.h"

G_BEGIN_DECLS

#define SB_TYPE_ELEMENT_PANEL (sb_element_panel_get_type ())

G_DECLARE_FINAL_TYPE (SbElementPanel, sb_element_panel, SB, ELEMENT_PANEL, GtkWidget)

GtkWidget  *sb_element_panel_new             (void);
/* The lesson whose selection and run the panel shows (the "lesson"
 * property). */
void        sb_element_panel_set_lesson      (SbElementPanel *self,
                                              SbLesson       *lesson);

/* What the panel shows now: the title (element or scenario), the state
 * and the explanation (or the scenario's summary). */
const char *sb_element_panel_get_title       (SbElementPanel *self);
const char *sb_element_panel_get_state       (SbElementPanel *self);
const char *sb_element_panel_get_explanation (SbElementPanel *self);
/* The label students select and copy the explanation from. */
GtkWidget  *sb_element_panel_get_explanation_label (SbElementPanel *self);

G_END_DECLS
