/* sb-edit-dialog.c — a message dialog asking for one or more texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renaming an element, the design's title and summary, and addresses are
 * asked for the same way: a libadwaita message dialog with labelled
 * fields as its extra child, the keyboard's Enter applying and Escape
 * cancelling.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-edit-dialog.h"

struct _SbEditDialog
{
  AdwMessageDialog  parent_instance;

  GtkBox           *fields;
  GPtrArray        *widgets;  /* GtkEntry or GtkTextView, by field number */
  char             *subject;
};

G_DEFINE_FINAL_TYPE (SbEditDialog, sb_edit_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
sb_edit_dialog_finalize (GObject *object)
{
  SbEditDialog *self = SB_EDIT_DIALOG (object);

  g_ptr_array_unref (self->widgets);
  g_free (self->subject);
  G_OBJECT_CLASS (sb_edit_dialog_parent_class)->finalize (object);
}

static void
sb_edit_dialog_class_init (SbEditDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_edit_dialog_finalize;
}

static void
sb_edit_dialog_init (SbEditDialog *self)
{
  self->widgets = g_ptr_array_new ();
  self->fields = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), GTK_WIDGET (self->fields));
}

SbEditDialog *
sb_edit_dialog_new (GtkWindow  *parent,
                    const char *heading,
                    const char *body,
                    const char *apply_label)
{
  SbEditDialog *self = g_object_new (SB_TYPE_EDIT_DIALOG,
                                     "transient-for", parent,
                                     "modal", TRUE,
                                     "heading", heading,
                                     "body", body,
                                     NULL);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"),
                                    "apply", apply_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  return self;
}

/* The field's title above it, and named by it for screen readers. */
static guint
add_field (SbEditDialog *self,
           const char   *title,
           GtkWidget    *widget,
           GtkWidget    *focus)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), focus);
  gtk_widget_add_css_class (label, "heading");
  if (self->widgets->len > 0)
    gtk_widget_set_margin_top (label, 6);
  gtk_box_append (self->fields, label);
  gtk_box_append (self->fields, widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (focus), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  g_ptr_array_add (self->widgets, focus);
  return self->widgets->len - 1;
}

guint
sb_edit_dialog_add_entry (SbEditDialog *self,
                          const char   *title,
                          const char   *text)
{
  GtkWidget *entry = gtk_entry_new ();

  g_return_val_if_fail (SB_IS_EDIT_DIALOG (self), 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  return add_field (self, title, entry, entry);
}

guint
sb_edit_dialog_add_text (SbEditDialog *self,
                         const char   *title,
                         const char   *text)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_return_val_if_fail (SB_IS_EDIT_DIALOG (self), 0);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  return add_field (self, title, scrolled, view);
}

char *
sb_edit_dialog_get_text (SbEditDialog *self,
                         guint         n)
{
  GtkWidget *widget;
  GtkTextIter start, end;
  GtkTextBuffer *buffer;

  g_return_val_if_fail (SB_IS_EDIT_DIALOG (self), NULL);
  g_return_val_if_fail (n < self->widgets->len, NULL);
  widget = g_ptr_array_index (self->widgets, n);
  if (GTK_IS_EDITABLE (widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
sb_edit_dialog_set_text (SbEditDialog *self,
                         guint         n,
                         const char   *text)
{
  GtkWidget *widget;

  g_return_if_fail (SB_IS_EDIT_DIALOG (self));
  g_return_if_fail (n < self->widgets->len);
  widget = g_ptr_array_index (self->widgets, n);
  if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
  else
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
}

void
sb_edit_dialog_set_subject (SbEditDialog *self,
                            const char   *id)
{
  g_return_if_fail (SB_IS_EDIT_DIALOG (self));
  g_free (self->subject);
  self->subject = g_strdup (id);
}

const char *
sb_edit_dialog_get_subject (SbEditDialog *self)
{
  g_return_val_if_fail (SB_IS_EDIT_DIALOG (self), NULL);
  return self->subject;
}
