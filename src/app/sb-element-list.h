/* sb-element-list.h — every element and its state, for keyboard and screen readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lesson/sb-lesson.h"

G_BEGIN_DECLS

#define SB_TYPE_ELEMENT_LIST (sb_element_list_get_type ())

G_DECLARE_FINAL_TYPE (SbElementList, sb_element_list, SB, ELEMENT_LIST, GtkWidget)

GtkWidget  *sb_element_list_new          (void);
/* The lesson whose design and selection the list shows ("lesson"). */
void        sb_element_list_set_lesson   (SbElementList *self,
                                          SbLesson      *lesson);
/* The row for ID (or NULL): its text, for tests and screen readers. */
const char *sb_element_list_get_row_text (SbElementList *self,
                                          const char    *id);
/* The number of rows. */
guint       sb_element_list_get_n_rows   (SbElementList *self);
/* Selects the row for ID, as a click on it would. */
void        sb_element_list_select       (SbElementList *self,
                                          const char    *id);

G_END_DECLS
