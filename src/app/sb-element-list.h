/* sb-element-list.h — every element and its state, for keyboard and screen readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "app/sb-canvas.h"

G_BEGIN_DECLS

#define SB_TYPE_ELEMENT_LIST (sb_element_list_get_type ())

G_DECLARE_FINAL_TYPE (SbElementList, sb_element_list, SB, ELEMENT_LIST, GtkWidget)

GtkWidget  *sb_element_list_new         (void);
void        sb_element_list_set_canvas  (SbElementList *self,
                                         SbCanvas      *canvas);
/* Builds the rows again (a new scenario) and updates their states. */
void        sb_element_list_rebuild     (SbElementList *self);
void        sb_element_list_refresh     (SbElementList *self);
/* The row for ID (or NULL): its text, for tests and screen readers. */
const char *sb_element_list_get_row_text (SbElementList *self,
                                          const char    *id);
/* Selects the row for ID, as a click on it would. */
void        sb_element_list_select      (SbElementList *self,
                                         const char    *id);

G_END_DECLS
