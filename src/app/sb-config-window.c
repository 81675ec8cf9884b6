/* sb-config-window.c — haproxy.cfg, Nginx, MySQL and DNS, as the board
 * stands now, with the lines of the selected element highlighted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Students connect the picture to the files an engineer writes: select the
 * second server on the board and its `server` line in haproxy.cfg, its
 * Nginx site and its replica's settings light up.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "config/sb-config.h"
#include "sb-config-window.h"
#include "sb-lesson-view.h"
#include "sb-toast.h"

struct _SbConfigWindow
{
  AdwWindow       parent_instance;

  SbLesson       *lesson;
  SbScenario     *shown;         /* the design the files were made of */
  GPtrArray      *files;         /* SbConfigFile*, as generated */
  GPtrArray      *buffers;       /* GtkTextBuffer*, one per file */
  GtkStack       *stack;
  AdwToastOverlay *toasts;
  guint           n_highlighted;
};

G_DEFINE_FINAL_TYPE (SbConfigWindow, sb_config_window, ADW_TYPE_WINDOW)

/* Lines of ID, or of the components on ID when it is a machine. */
static gboolean
line_is_of (const SbConfigLine *line,
            const SbScenario   *scenario,
            const char         *id)
{
  const SbComponent *comp;

  if (line->element == NULL || id == NULL)
    return FALSE;
  if (g_str_equal (line->element, id))
    return TRUE;
  comp = sb_scenario_find_component (scenario, line->element);
  return comp != NULL && g_strcmp0 (comp->host, id) == 0;
}

static void
highlight (SbConfigWindow *self)
{
  const char *id = self->lesson ? sb_lesson_get_selected (self->lesson) : NULL;
  const SbScenario *scenario = self->lesson ? sb_lesson_get_scenario (self->lesson) : NULL;

  self->n_highlighted = 0;
  for (guint f = 0; f < self->files->len; f++)
    {
      const SbConfigFile *file = g_ptr_array_index (self->files, f);
      GtkTextBuffer *buffer = g_ptr_array_index (self->buffers, f);
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_remove_tag_by_name (buffer, "selected", &start, &end);
      for (guint i = 0; scenario && i < file->lines->len; i++)
        {
          if (!line_is_of (g_ptr_array_index (file->lines, i), scenario, id))
            continue;
          gtk_text_buffer_get_iter_at_line (buffer, &start, i);
          end = start;
          gtk_text_iter_forward_line (&end);
          gtk_text_buffer_apply_tag_by_name (buffer, "selected", &start, &end);
          self->n_highlighted++;
        }
    }
}

static GtkWidget *
file_view (SbConfigWindow     *self,
           const SbConfigFile *file)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  g_autofree char *text = sb_config_file_text (file);

  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_create_tag (buffer, "selected", "background", "#f6d32d", "foreground", "#1b2631",
                              "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  g_object_set (view, "left-margin", 12, "top-margin", 12, "right-margin", 12, "bottom-margin", 12, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, file->path, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  g_ptr_array_add (self->buffers, g_object_ref (buffer));
  return scroller;
}

/* The files again, from the design as it is now; the page shown stays. */
static void
fill (SbConfigWindow *self)
{
  g_autoptr(SbScenario) scenario = sb_lesson_dup_scenario (self->lesson);
  g_autofree char *shown = g_strdup (gtk_stack_get_visible_child_name (self->stack));
  GtkWidget *child;

  if (self->shown != NULL && sb_scenario_equal (self->shown, scenario))
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    gtk_stack_remove (self->stack, child);
  g_ptr_array_set_size (self->buffers, 0);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  self->files = sb_config_generate (scenario);
  g_clear_pointer (&self->shown, sb_scenario_free);
  self->shown = g_steal_pointer (&scenario);
  for (guint i = 0; i < self->files->len; i++)
    {
      const SbConfigFile *file = g_ptr_array_index (self->files, i);

      gtk_stack_add_titled (self->stack, file_view (self, file), file->path, file->path);
    }
  if (shown != NULL && gtk_stack_get_child_by_name (self->stack, shown) != NULL)
    gtk_stack_set_visible_child_name (self->stack, shown);
  highlight (self);
}

/* A kill changes no file, another design or a setting does: fill()
 * compares. */
static void
lesson_changed (SbConfigWindow *self)
{
  fill (self);
  highlight (self);
}

gboolean
sb_config_window_save_to (SbConfigWindow *self,
                          const char     *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SB_IS_CONFIG_WINDOW (self), FALSE);

  if (!sb_config_write (self->files, dir, &error))
    {
      adw_toast_overlay_add_toast (self->toasts, sb_toast_new_plain (error->message));
      return FALSE;
    }
  display = g_filename_display_name (dir);
  text = g_strdup_printf (_("Configuration written to %s"), display);
  adw_toast_overlay_add_toast (self->toasts, sb_toast_new_plain (text));
  return TRUE;
}

static void
folder_response (GtkNativeDialog *dialog,
                 int              response,
                 SbConfigWindow  *self)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    sb_config_window_save_to (self, path);
  g_object_unref (dialog);
}

static void
save_clicked (SbConfigWindow *self)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Save the Configuration"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Save Here"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (folder_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
sb_config_window_dispose (GObject *object)
{
  SbConfigWindow *self = SB_CONFIG_WINDOW (object);

  sb_lesson_view_set (self, &self->lesson, NULL, NULL, 0);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->buffers, g_ptr_array_unref);
  g_clear_pointer (&self->shown, sb_scenario_free);
  G_OBJECT_CLASS (sb_config_window_parent_class)->dispose (object);
}

static void
sb_config_window_class_init (SbConfigWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sb_config_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sb-config-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbConfigWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SbConfigWindow, toasts);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked);
}

static void
sb_config_window_init (SbConfigWindow *self)
{
  self->buffers = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

SbConfigWindow *
sb_config_window_new (GtkWindow *parent,
                      SbLesson  *lesson)
{
  static const SbLessonHook hooks[] = {
    { "changed", G_CALLBACK (lesson_changed) },
    { "notify::selected", G_CALLBACK (highlight) },
  };
  SbConfigWindow *self = g_object_new (SB_TYPE_CONFIG_WINDOW, "transient-for", parent, NULL);

  sb_lesson_view_set (self, &self->lesson, lesson, hooks, G_N_ELEMENTS (hooks));
  fill (self);
  return self;
}

guint
sb_config_window_get_n_files (SbConfigWindow *self)
{
  g_return_val_if_fail (SB_IS_CONFIG_WINDOW (self), 0);
  return self->files->len;
}

guint
sb_config_window_get_n_highlighted (SbConfigWindow *self)
{
  g_return_val_if_fail (SB_IS_CONFIG_WINDOW (self), 0);
  return self->n_highlighted;
}
