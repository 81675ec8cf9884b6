/* sb-element-panel.h — what the selected element is, and what it does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "app/sb-canvas.h"

G_BEGIN_DECLS

#define SB_TYPE_ELEMENT_PANEL (sb_element_panel_get_type ())

G_DECLARE_FINAL_TYPE (SbElementPanel, sb_element_panel, SB, ELEMENT_PANEL, GtkWidget)

GtkWidget *sb_element_panel_new        (void);
/* The canvas whose selection and simulation the panel shows. */
void       sb_element_panel_set_canvas (SbElementPanel *self,
                                        SbCanvas       *canvas);
/* Reads the sim again (counters, states). */
void       sb_element_panel_refresh    (SbElementPanel *self);

/* What the panel shows now: the title (element or scenario) and the
 * explanation (or the scenario's summary). */
const char *sb_element_panel_get_title       (SbElementPanel *self);
const char *sb_element_panel_get_explanation (SbElementPanel *self);

/* For tests: the line with the element's state. */
GtkWidget   *sb_element_panel_get_state_label (SbElementPanel *self);

G_END_DECLS
