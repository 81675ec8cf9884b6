/* sb-review-window.c — the review of the design on the board, to read,
 * copy and save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is the review's blocks (review/sb-review.h) in a read-only text
 * view, so any part of it can be selected and copied as it reads; "Copy as
 * Markdown" and "Save" take the whole of it with its headings.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "review/sb-review.h"
#include "sb-review-window.h"
#include "sb-toast.h"

struct _SbReviewWindow
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  AdwToastOverlay *toasts;
  GtkTextView     *text_view;
  char            *name;       /* the scenario's, for the file name */
  char            *markdown;
};

G_DEFINE_FINAL_TYPE (SbReviewWindow, sb_review_window, ADW_TYPE_WINDOW)

static void
create_tags (GtkTextBuffer *buffer)
{
  gtk_text_buffer_create_tag (buffer, "title", "weight", PANGO_WEIGHT_BOLD, "scale", 1.6,
                              "pixels-below-lines", 10, NULL);
  gtk_text_buffer_create_tag (buffer, "heading", "weight", PANGO_WEIGHT_BOLD, "scale", 1.3,
                              "pixels-above-lines", 18, "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "subheading", "weight", PANGO_WEIGHT_BOLD, "scale", 1.08,
                              "pixels-above-lines", 10, "pixels-below-lines", 2, NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", "pixels-below-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "item", "left-margin", 44, "indent", -16,
                              "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "lead", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace", NULL);
}

static void
insert (GtkTextBuffer *buffer,
        const char    *text,
        const char    *tag,
        const char    *block_tag)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1, block_tag, tag, NULL);
}

static const char *
block_tag (SbReviewBlockKind kind)
{
  switch (kind)
    {
    case SB_REVIEW_BLOCK_TITLE:
      return "title";
    case SB_REVIEW_BLOCK_HEADING:
      return "heading";
    case SB_REVIEW_BLOCK_SUBHEADING:
      return "subheading";
    case SB_REVIEW_BLOCK_ITEM:
      return "item";
    case SB_REVIEW_BLOCK_PARAGRAPH:
    default:
      return "paragraph";
    }
}

static void
insert_block (GtkTextBuffer       *buffer,
              const SbReviewBlock *b)
{
  const char *tag = block_tag (b->kind);

  if (b->kind == SB_REVIEW_BLOCK_ITEM)
    insert (buffer, "•  ", NULL, tag);
  if (b->lead)
    insert (buffer, b->lead, b->kind == SB_REVIEW_BLOCK_ITEM ? "lead" : NULL, tag);
  if (b->code)
    {
      insert (buffer, " (", NULL, tag);
      insert (buffer, b->code, "code", tag);
      insert (buffer, ")", NULL, tag);
    }
  if (b->lead && b->text)
    /* Translators: between a bold lead and its text; French puts a space before the colon. */
    insert (buffer, _(": "), b->kind == SB_REVIEW_BLOCK_ITEM ? "lead" : NULL, tag);
  if (b->text)
    insert (buffer, b->text, NULL, tag);
  insert (buffer, "\n", NULL, tag);
}

static void
show_review (SbReviewWindow   *self,
             const SbScenario *scenario)
{
  g_autoptr(SbReview) review = sb_review_new (scenario);
  g_autoptr(GPtrArray) blocks = sb_review_to_blocks (review);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  create_tags (buffer);
  for (guint i = 0; i < blocks->len; i++)
    insert_block (buffer, g_ptr_array_index (blocks, i));
  self->markdown = sb_review_blocks_to_markdown (blocks);
  self->name = g_strdup (scenario->name ? scenario->name : "design");
  adw_window_title_set_subtitle (self->window_title, review->title);
}

static void
toast (SbReviewWindow *self,
       const char     *message,
       gboolean        stays)
{
  AdwToast *t = sb_toast_new_plain (message);

  if (stays)
    adw_toast_set_timeout (t, 0);
  adw_toast_overlay_add_toast (self->toasts, t);
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbReviewWindow *self = SB_REVIEW_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->markdown);
  toast (self, _("The review is copied as Markdown"), FALSE);
}

gboolean
sb_review_window_save_to (SbReviewWindow *self,
                          const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (SB_IS_REVIEW_WINDOW (self) && path != NULL, FALSE);
  /* Written beside and renamed over: never half a file. */
  if (!g_file_set_contents (path, self->markdown, -1, &error))
    {
      toast (self, error->message, TRUE);
      return FALSE;
    }
  message = g_strdup_printf (_("Saved to %s"), path);
  toast (self, message, FALSE);
  return TRUE;
}

static void
save_response (GtkNativeDialog *dialog,
               int              response,
               gpointer         user_data)
{
  SbReviewWindow *self = SB_REVIEW_WINDOW (user_data);
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    sb_review_window_save_to (self, path);
  else if (response == GTK_RESPONSE_ACCEPT)
    toast (self, _("Only local files can be saved"), TRUE);
  g_object_unref (dialog);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbReviewWindow *self = SB_REVIEW_WINDOW (widget);
  g_autofree char *name = g_strdup_printf ("review-%s.md", self->name);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Save the Review"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
sb_review_window_finalize (GObject *object)
{
  SbReviewWindow *self = SB_REVIEW_WINDOW (object);

  g_free (self->name);
  g_free (self->markdown);
  G_OBJECT_CLASS (sb_review_window_parent_class)->finalize (object);
}

static void
sb_review_window_class_init (SbReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sb_review_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sb-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbReviewWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWindow, text_view);
  gtk_widget_class_install_action (widget_class, "review.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "review.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "review.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_review_window_init (SbReviewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SbReviewWindow *
sb_review_window_new (GtkWindow        *parent,
                      const SbScenario *scenario)
{
  SbReviewWindow *self;

  g_return_val_if_fail (scenario != NULL, NULL);
  self = g_object_new (SB_TYPE_REVIEW_WINDOW, "transient-for", parent, NULL);
  show_review (self, scenario);
  return self;
}

const char *
sb_review_window_get_markdown (SbReviewWindow *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_WINDOW (self), NULL);
  return self->markdown;
}

char *
sb_review_window_dup_text (SbReviewWindow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SB_IS_REVIEW_WINDOW (self), NULL);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
