/* sb-window.c — the main window's life: built from its template around
 * one lesson, sized as the teacher left it, closed without losing work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-autosave.h"
#include "sb-caption-view.h"
#include "sb-question-card.h"
#include "sb-toast.h"
#include "sb-window-private.h"

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

/* The teacher's size comes back next time; a maximized window stays so. */
static void
restore_size (SbWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
close_response (AdwMessageDialog *dialog,
                const char       *response,
                SbWindow         *self)
{
  if (g_str_equal (response, "discard"))
    {
      sb_lesson_set_modified (self->lesson, FALSE);
      sb_autosave_discard (self->autosave);
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      if (self->file != NULL && sb_window_save_file (self, self->file))
        gtk_window_close (GTK_WINDOW (self));
      else if (self->file == NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
    }
}

/* The teacher's edited topology is never lost by closing the window. */
static gboolean
ask_before_closing (SbWindow *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save the Edited Scenario?"),
                                              _("Your changes to the design will be lost otherwise."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
sb_window_close_request (GtkWindow *window)
{
  SbWindow *self = SB_WINDOW (window);
  int width, height;

  if (sb_lesson_get_modified (self->lesson))
    return ask_before_closing (self);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (sb_window_parent_class)->close_request (window);
}

/* Presentation mode is the window fullscreen: whoever made it so (F11,
 * the menu, the window manager), the header bar and the side panel go,
 * leaving the board and the lesson bar, and they come back when it is
 * left. */
static void
fullscreened_changed (SbWindow *self)
{
  gboolean on = gtk_window_is_fullscreen (GTK_WINDOW (self));

  if (on == !gtk_widget_get_visible (self->header_bar))
    return;
  if (on)
    self->panel_before_presenting = gtk_toggle_button_get_active (self->panel_button);
  gtk_toggle_button_set_active (self->panel_button, !on && self->panel_before_presenting);
  gtk_widget_set_visible (self->header_bar, !on);
  /* On the wall, the board says which step it is, and the pointer shows
   * from the back of the room (L turns it off). */
  gtk_widget_set_visible (GTK_WIDGET (self->step_title), on);
  g_object_set (self->canvas, "pointer-highlight", on, NULL);
  /* Readable from the back row: larger text, boxes grown to hold it. */
  sb_canvas_set_text_scale (self->canvas, on ? SB_LAYOUT_PRESENTATION_TEXT_SCALE : 1.0);
  gtk_button_set_icon_name (self->presentation_button,
                            on ? "view-restore-symbolic" : "view-fullscreen-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->presentation_button),
                               on ? _("Leave Presentation Mode (Escape)") : _("Presentation Mode (F11)"));
}

/* Closures of the template's bindings: labels that follow the lesson. */
static char *
play_icon (SbWindow *self,
           gboolean  playing)
{
  return g_strdup (playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
}

static char *
speed_text (SbWindow *self,
            double    speed)
{
  return g_strdup_printf (_("%g×"), speed);
}

static char *
algorithm_text (SbWindow   *self,
                const char *algorithm)
{
  /* Short: the lesson bar must fit a 1024-pixel projector. */
  if (g_strcmp0 (algorithm, "leastconn") == 0)
    return g_strdup (C_("algorithm, short", "Least connections"));
  if (g_strcmp0 (algorithm, "source") == 0)
    return g_strdup (C_("algorithm, short", "Source hash"));
  return g_strdup (C_("algorithm, short", "Round robin"));
}

static void
lesson_edited (SbWindow *self)
{
  sb_window_update_title (self);
  sb_window_autosave (self);
}

/* The window's actions go with it: a property action holds the lesson
 * and listens to it, and the action group can outlive the window (the
 * application exports it on the bus until later). */
static void
remove_actions (SbWindow *self)
{
  g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (self));

  for (guint i = 0; names[i] != NULL; i++)
    g_action_map_remove_action (G_ACTION_MAP (self), names[i]);
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);

  if (self->lesson != NULL)
    g_signal_handlers_disconnect_by_data (self->lesson, self);
  remove_actions (self);
  /* The template owns the lesson, and every view keeps its own. */
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);
  /* An edit not written yet is, now: what is not saved stays recoverable. */
  g_clear_pointer (&self->autosave, sb_autosave_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->file);
  g_clear_weak_pointer (&self->refusal);
  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sb_window_dispose;
  window_class->close_request = sb_window_close_request;

  g_type_ensure (SB_TYPE_LESSON);
  g_type_ensure (SB_TYPE_CANVAS);
  g_type_ensure (SB_TYPE_ELEMENT_PANEL);
  g_type_ensure (SB_TYPE_SETTINGS_PANEL);
  g_type_ensure (SB_TYPE_EVENT_LOG);
  g_type_ensure (SB_TYPE_STATS_PANEL);
  g_type_ensure (SB_TYPE_ELEMENT_LIST);
  g_type_ensure (SB_TYPE_CAPTION_VIEW);
  g_type_ensure (SB_TYPE_QUESTION_CARD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, lesson);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, lesson_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, balancer_controls);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, presentation_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, script_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, step_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, caption_view);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, question_card);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, panel);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, settings_panel);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, event_log);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, stats_panel);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, element_list);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, add_menu);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, move_menu);
  gtk_widget_class_bind_template_callback (widget_class, play_icon);
  gtk_widget_class_bind_template_callback (widget_class, speed_text);
  gtk_widget_class_bind_template_callback (widget_class, algorithm_text);
  sb_window_class_add_shortcuts (widget_class);
  sb_window_class_add_editor_shortcuts (widget_class);
  sb_window_class_add_file_actions (widget_class);
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->panel_before_presenting = TRUE;
  self->settings = g_settings_new (APP_ID);
  self->autosave = sb_autosave_new ();
  g_settings_bind (self->settings, "speed", self->lesson, "speed", G_SETTINGS_BIND_GET);
  sb_window_add_actions (self);
  sb_window_add_editor_actions (self);
  g_signal_connect_object (self->lesson, "notify::modified", G_CALLBACK (lesson_edited), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lesson, "edited", G_CALLBACK (lesson_edited), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_changed), NULL);
  restore_size (self);
}

/* Where a window starts: the scenario asked for, else an edited one left
 * by a Stackboard that died (one window each), else the lesson step left
 * last time. */
static void
show_first_scenario (SbWindow         *self,
                     const SbScenario *scenario)
{
  g_autoptr(SbScenario) recovered = NULL;
  g_autofree char *document = NULL;
  g_autofree char *last = NULL;

  if (scenario != NULL)
    {
      sb_window_show_scenario (self, scenario, NULL);
      return;
    }
  if (sb_autosave_claim (self->autosave, NULL, &recovered, &document))
    {
      g_autoptr(GFile) file = document ? g_file_new_for_path (document) : NULL;

      sb_window_show_recovered (self, recovered, file);
      return;
    }
  /* The lesson goes on where it was left; the bundled scenarios are
   * compiled in and checked by the tests, so the default cannot fail. */
  last = g_settings_get_string (self->settings, "last-scenario");
  sb_window_load_step (self, g_strv_contains (sb_scenario_bundled_names (), last)
                             ? last : SB_SCENARIO_DEFAULT);
}

SbWindow *
sb_window_new (SbApplication    *application,
               const SbScenario *scenario)
{
  SbWindow *self = g_object_new (SB_TYPE_WINDOW, "application", application, NULL);

  show_first_scenario (self, scenario);
  /* The board has the keys from the start: Space, the arrows. */
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  /* The class sees requests flowing as soon as the window opens. */
  sb_lesson_set_playing (self->lesson, TRUE);
  return self;
}

SbWindow *
sb_window_new_for_file (SbApplication *application,
                        GFile         *file)
{
  g_autoptr(SbScenario) lesson = sb_scenario_load_bundled (SB_SCENARIO_DEFAULT, NULL);
  SbWindow *self = sb_window_new (application, lesson);

  sb_window_open_file (self, file);
  return self;
}

/* Stackboard closed (or crashed) over an edited scenario: it comes back,
 * still marked edited, until it is saved or discarded. */
void
sb_window_show_recovered (SbWindow         *self,
                          const SbScenario *scenario,
                          GFile            *file)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  g_set_object (&self->file, file);
  sb_window_show_scenario (self, scenario, NULL);
  sb_lesson_set_modified (self->lesson, TRUE);
  sb_window_show_toast (self, _("The scenario you were editing was recovered"));
}

SbAutosave *
sb_window_get_autosave (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->autosave;
}

gboolean
sb_window_get_modified (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  return sb_lesson_get_modified (self->lesson);
}

gboolean
sb_window_get_presenting (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  return !gtk_widget_get_visible (self->header_bar);
}

SbCanvas *
sb_window_get_canvas (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->canvas;
}

SbLesson *
sb_window_get_lesson (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->lesson;
}

GtkWidget *
sb_window_get_element_list (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->element_list);
}

GtkWidget *
sb_window_get_caption_view (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->caption_view;
}

GtkWidget *
sb_window_get_question_card (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->question_card;
}

GtkWidget *
sb_window_get_stats_panel (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->stats_panel);
}

GtkWidget *
sb_window_get_event_log (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->event_log);
}

GtkWidget *
sb_window_get_panel (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->panel);
}

void
sb_window_show_toast (SbWindow   *self,
                      const char *message)
{
  g_return_if_fail (SB_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toasts, sb_toast_new_plain (message));
}

void
sb_window_show_error (SbWindow   *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (SB_IS_WINDOW (self));
  toast = sb_toast_new_plain (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}
