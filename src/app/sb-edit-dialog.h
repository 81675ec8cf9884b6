/* sb-edit-dialog.h — a message dialog asking for one or more texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_EDIT_DIALOG (sb_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbEditDialog, sb_edit_dialog, SB, EDIT_DIALOG, AdwMessageDialog)

/* A dialog over PARENT with HEADING and BODY, and two responses:
 * "cancel" and "apply", labelled APPLY_LABEL (the default: Enter in a
 * one-line field applies). */
SbEditDialog *sb_edit_dialog_new        (GtkWindow    *parent,
                                         const char   *heading,
                                         const char   *body,
                                         const char   *apply_label);
/* A one-line field titled TITLE holding TEXT; returns its number. */
guint         sb_edit_dialog_add_entry  (SbEditDialog *self,
                                         const char   *title,
                                         const char   *text);
/* A paragraph field. */
guint         sb_edit_dialog_add_text   (SbEditDialog *self,
                                         const char   *title,
                                         const char   *text);
/* What field N holds now. */
char         *sb_edit_dialog_get_text   (SbEditDialog *self,
                                         guint         n);
void          sb_edit_dialog_set_text   (SbEditDialog *self,
                                         guint         n,
                                         const char   *text);

/* What the dialog edits: an element's id, or NULL. */
void          sb_edit_dialog_set_subject (SbEditDialog *self,
                                          const char   *id);
const char   *sb_edit_dialog_get_subject (SbEditDialog *self);

G_END_DECLS
