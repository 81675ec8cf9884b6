/* sb-window.c — the main window: header bar and the whiteboard canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-autosave.h"
#include "sb-config-window.h"
#include "sb-element-list.h"
#include "sb-element-panel.h"
#include "sb-event-log.h"
#include "sb-stats-panel.h"
#include "sb-recovery-dialog.h"
#include "sb-settings-panel.h"
#include "sb-toast.h"
#include "sb-window.h"

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *title;
  AdwToastOverlay      *toasts;
  SbCanvas             *canvas;
  GtkToggleButton      *play_button;
  GtkToggleButton      *panel_button;
  GtkLabel             *speed_label;
  GtkWidget            *header_bar;
  GtkWidget            *presentation_controls;
  GtkButton            *osd_play_button;
  SbElementPanel       *panel;
  SbSettingsPanel      *settings_panel;
  SbEventLog           *event_log;
  SbStatsPanel         *stats_panel;
  SbElementList        *element_list;
  GSettings            *settings;
  GFile                *file;      /* where the scenario was opened or saved, or NULL */
  SbAutosave           *autosave;  /* this window's recovery (sb-autosave.h) */
  gboolean              modified;  /* the topology changed since it was opened or saved */
  gboolean              presenting;
  guint                 show_settings_id;  /* idle source, see defer_settings() */
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
reset_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_canvas_reset (self->canvas);
  sb_settings_panel_sync (self->settings_panel);
}

/* Kill, revive or promote the selected element, now, in the running sim. */
static void
act_on_selection (SbWindow       *self,
                  SbCanvasAction  action)
{
  const char *id = sb_canvas_get_selected (self->canvas);
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts,
                                   adw_toast_new (_("Click an element on the board first")));
      return;
    }
  if (!sb_canvas_apply (self->canvas, action, id, &error))
    adw_toast_overlay_add_toast (self->toasts, sb_toast_new_plain (error->message));
  sb_element_panel_refresh (self->panel);
}

static void
kill_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  act_on_selection (SB_WINDOW (widget), SB_CANVAS_KILL);
}

static void
revive_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  act_on_selection (SB_WINDOW (widget), SB_CANVAS_REVIVE);
}

static void
promote_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  act_on_selection (SB_WINDOW (widget), SB_CANVAS_PROMOTE);
}

/* Opens the selected firewall, or closes it again. */
static void
toggle_firewall_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *id = sb_canvas_get_selected (self->canvas);
  SbSim *sim = sb_canvas_get_sim (self->canvas);

  act_on_selection (self, id && sim && sb_sim_is_firewall_open (sim, id)
                          ? SB_CANVAS_CLOSE_FIREWALL : SB_CANVAS_OPEN_FIREWALL);
}

static const double speeds[] = { 0.25, 0.5, 1, 2, 4, 8 };

static void
update_speed_label (SbWindow *self)
{
  double speed = sb_canvas_get_speed (self->canvas);
  g_autofree char *text = g_strdup_printf (_("%g×"), speed);

  gtk_label_set_text (self->speed_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.slower", speed > speeds[0]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.faster",
                                 speed < speeds[G_N_ELEMENTS (speeds) - 1]);
}

/* The next speed on the 0.25× … 8× scale, up (DIR 1) or down (-1). */
static void
change_speed (SbWindow *self,
              int       dir)
{
  double speed = sb_canvas_get_speed (self->canvas);
  int i = dir > 0 ? 0 : G_N_ELEMENTS (speeds) - 1;

  for (; i >= 0 && i < (int) G_N_ELEMENTS (speeds); i += dir)
    if (dir > 0 ? speeds[i] > speed : speeds[i] < speed)
      {
        sb_canvas_set_speed (self->canvas, speeds[i]);
        return;
      }
}

static void
faster_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  change_speed (SB_WINDOW (widget), 1);
}

static void
slower_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  change_speed (SB_WINDOW (widget), -1);
}

static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (g_str_equal (action_name, "win.step-back"))
    sb_canvas_step_back (self->canvas);
  else
    sb_canvas_step_forward (self->canvas);
  sb_element_panel_refresh (self->panel);
  sb_settings_panel_sync (self->settings_panel);
}

static const char *
export_suffix (const char *format)
{
  return g_str_equal (format, "svg") ? "svg" : g_str_equal (format, "pdf") ? "pdf" : "png";
}

static void
export_response (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         user_data)
{
  SbWindow *self = SB_WINDOW (user_data);
  const char *format = g_object_get_data (G_OBJECT (dialog), "format");
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    {
      if (sb_canvas_export (self->canvas, path, g_str_equal (format, "png2x") ? 2 : 1, &error))
        {
          g_autofree char *display = g_filename_display_name (path);
          g_autofree char *text = g_strdup_printf (_("Exported to %s"), display);
          adw_toast_overlay_add_toast (self->toasts, sb_toast_new_plain (text));
        }
      else
        sb_window_show_error (self, error->message);
    }
  g_object_unref (dialog);
}

/* The portal-friendly file chooser: works inside the Flatpak sandbox,
 * which has no access to the user's files of its own. */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  const SbScenario *scenario = sb_canvas_get_scenario (self->canvas);
  g_autofree char *name = g_strdup_printf ("stackboard-%s.%s", scenario->name ? scenario->name : "diagram",
                                           export_suffix (format));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export the Diagram"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "format", g_strdup (format), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void set_scenario (SbWindow *self, const SbScenario *scenario);

typedef struct {
  SbWindow *window;
  char     *action;
  GVariant *parameter;
} PendingAction;

static void
pending_action_free (gpointer  data,
                     GClosure *closure)
{
  PendingAction *pending = data;

  g_object_unref (pending->window);
  g_free (pending->action);
  g_clear_pointer (&pending->parameter, g_variant_unref);
  g_free (pending);
}

static void
discard_response (AdwMessageDialog *dialog,
                  const char       *response,
                  PendingAction    *pending)
{
  if (g_str_equal (response, "discard"))
    {
      pending->window->modified = FALSE;
      sb_autosave_discard (pending->window->autosave);
      gtk_widget_activate_action_variant (GTK_WIDGET (pending->window), pending->action,
                                          pending->parameter);
    }
}

/* Opening another scenario over an edited one asks first; TRUE when it
 * asked (the action runs again if the teacher discards). */
static gboolean
confirm_discard (SbWindow   *self,
                 const char *action,
                 GVariant   *parameter)
{
  PendingAction *pending;
  GtkWidget *dialog;

  if (!self->modified)
    return FALSE;
  pending = g_new0 (PendingAction, 1);
  pending->window = g_object_ref (self);
  pending->action = g_strdup (action);
  pending->parameter = parameter ? g_variant_ref (parameter) : NULL;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard the Edited Scenario?"),
                                   _("The servers you added or removed and the elements you moved will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (discard_response), pending,
                         pending_action_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
load_bundled_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;

  if (confirm_discard (self, action_name, parameter))
    return;
  scenario = sb_scenario_load_bundled (g_variant_get_string (parameter, NULL), &error);
  if (scenario == NULL)
    {
      sb_window_show_error (self, error->message);
      return;
    }
  g_clear_object (&self->file);
  set_scenario (self, scenario);
  g_settings_set_string (self->settings, "last-scenario", scenario->name);
}

static void
open_response (GtkNativeDialog *dialog,
               int              response,
               gpointer         user_data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    sb_window_open_file (SB_WINDOW (user_data), file);
  g_object_unref (dialog);
}

static void
save_response (GtkNativeDialog *dialog,
               int              response,
               gpointer         user_data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    sb_window_save_file (SB_WINDOW (user_data), file);
  g_object_unref (dialog);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Stackboard scenarios"));
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

/* Both dialogs go through the file chooser portal inside the Flatpak. */
static void
file_dialog_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  gboolean save = !g_str_equal (action_name, "win.open");
  g_autoptr(GtkFileFilter) filter = json_filter ();
  GtkFileChooserNative *dialog;

  if (!save && confirm_discard (self, action_name, NULL))
    return;
  if (save && g_str_equal (action_name, "win.save") && self->file != NULL)
    {
      sb_window_save_file (self, self->file);
      return;
    }
  dialog = gtk_file_chooser_native_new (save ? _("Save the Scenario") : _("Open a Scenario"),
                                        GTK_WINDOW (self),
                                        save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        save ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (save)
    {
      g_autofree char *name = g_strdup_printf ("%s.json", sb_canvas_get_scenario (self->canvas)->name);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (save ? save_response : open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Fullscreen with the board alone, for the projector: the header bar and
 * the side panel go, the controls a teacher needs float over the board. */
static void
presentation_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  gboolean on = !self->presenting;

  /* Escape only ever leaves. */
  if (on && g_str_equal (action_name, "win.leave-presentation"))
    return;
  self->presenting = on;
  gtk_toggle_button_set_active (self->panel_button, !on);
  gtk_widget_set_visible (self->header_bar, !on);
  gtk_widget_set_visible (self->presentation_controls, on);
  if (on)
    gtk_window_fullscreen (GTK_WINDOW (self));
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
}

void
sb_window_autosave (SbWindow *self)
{
  g_autoptr(SbScenario) scenario = NULL;
  g_autofree char *document = NULL;

  g_return_if_fail (SB_IS_WINDOW (self));
  if (!self->modified)
    {
      sb_autosave_discard (self->autosave);
      return;
    }
  scenario = sb_canvas_dup_scenario (self->canvas);
  document = self->file ? g_file_get_path (self->file) : NULL;
  sb_autosave_schedule (self->autosave, scenario, document);
}

static void
set_modified (SbWindow *self,
              gboolean  modified)
{
  const SbScenario *scenario = sb_canvas_get_scenario (self->canvas);
  const char *title = scenario->title ? g_dgettext (GETTEXT_PACKAGE, scenario->title) : "";
  g_autofree char *subtitle = modified ? g_strdup_printf (_("%s (edited)"), title) : g_strdup (title);

  self->modified = modified;
  adw_window_title_set_subtitle (self->title, subtitle);
  sb_window_autosave (self);
}

/* The host the selection stands for: a machine, or the one a component runs on. */
static const char *
selected_host (SbWindow *self)
{
  const SbScenario *scenario = sb_canvas_get_scenario (self->canvas);
  const char *id = sb_canvas_get_selected (self->canvas);
  const SbComponent *comp = id ? sb_scenario_find_component (scenario, id) : NULL;

  return comp ? comp->host : id && sb_scenario_find_host (scenario, id) ? id : NULL;
}

/* Adding or removing a server changes the topology: the simulation starts
 * again on the new one, with the live settings kept. */
static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(SbScenario) copy = sb_canvas_dup_scenario (self->canvas);
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL;
  const char *host = selected_host (self);
  gboolean ok;

  if (g_str_equal (action_name, "win.add-server"))
    ok = (added = sb_scenario_add_server (copy, &error)) != NULL;
  else if (host == NULL)
    {
      sb_window_show_error (self, _("Click the server to remove on the board first"));
      return;
    }
  else
    ok = sb_scenario_remove_server (copy, host, &error);
  if (!ok)
    {
      sb_window_show_error (self, error->message);
      return;
    }
  set_scenario (self, copy);
  set_modified (self, TRUE);
  if (added)
    sb_canvas_set_selected (self->canvas, added);
}

static void
config_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (sb_config_window_new (GTK_WINDOW (self), self->canvas)));
}

static void
toggle_panel_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GtkToggleButton *button = SB_WINDOW (widget)->panel_button;

  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

static void
playing_changed (SbWindow *self)
{
  const char *icon = sb_canvas_get_playing (self->canvas) ? "media-playback-pause-symbolic"
                                                          : "media-playback-start-symbolic";

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button), icon);
  gtk_button_set_icon_name (self->osd_play_button, icon);
}

static void
style_changed (SbWindow *self)
{
  g_autofree char *style = g_settings_get_string (self->settings, "style");

  sb_canvas_set_style (self->canvas, g_str_equal (style, "marker") ? SB_STYLE_MARKER
                                                                     : SB_STYLE_WHITEBOARD);
}

static void
spof_changed (GSimpleAction *action,
              GVariant      *value,
              gpointer       user_data)
{
  SbWindow *self = SB_WINDOW (user_data);

  g_simple_action_set_state (action, value);
  sb_canvas_set_spof_mode (self->canvas, g_variant_get_string (value, NULL));
}

static void
issues_changed (GSimpleAction *action,
                GVariant      *value,
                gpointer       user_data)
{
  SbWindow *self = SB_WINDOW (user_data);

  g_simple_action_set_state (action, value);
  sb_canvas_set_show_issues (self->canvas, g_variant_get_boolean (value));
}

static const GActionEntry window_actions[] = {
  { "spof", NULL, "s", "'none'", spof_changed },
  { "issues", NULL, NULL, "false", issues_changed },
};

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
      self->modified = FALSE;
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
                                              _("The servers you added or removed will be lost otherwise."));

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

  if (self->modified)
    return ask_before_closing (self);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (sb_window_parent_class)->close_request (window);
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);

  g_clear_handle_id (&self->show_settings_id, g_source_remove);
  /* An edit not written yet is, now: what is not saved stays recoverable. */
  g_clear_pointer (&self->autosave, sb_autosave_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->file);
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

  g_type_ensure (SB_TYPE_CANVAS);
  g_type_ensure (SB_TYPE_ELEMENT_PANEL);
  g_type_ensure (SB_TYPE_SETTINGS_PANEL);
  g_type_ensure (SB_TYPE_EVENT_LOG);
  g_type_ensure (SB_TYPE_STATS_PANEL);
  g_type_ensure (SB_TYPE_ELEMENT_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, speed_label);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, presentation_controls);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, osd_play_button);
  gtk_widget_class_install_action (widget_class, "win.load-bundled", "s", load_bundled_activated);
  gtk_widget_class_install_action (widget_class, "win.add-server", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "win.configuration", NULL, config_activated);
  gtk_widget_class_install_action (widget_class, "win.remove-server", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, file_dialog_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, file_dialog_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, file_dialog_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_install_action (widget_class, "win.faster", NULL, faster_activated);
  gtk_widget_class_install_action (widget_class, "win.slower", NULL, slower_activated);
  gtk_widget_class_install_action (widget_class, "win.step-forward", NULL, step_activated);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, step_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "win.faster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "win.faster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "win.faster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "win.slower", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "win.slower", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, 0, "win.step-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, 0, "win.step-back", NULL);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, panel);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, settings_panel);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, event_log);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, stats_panel);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, element_list);
  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, toggle_panel_activated);
  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, presentation_activated);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL, presentation_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.leave-presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-panel", NULL);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_activated);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "win.kill", NULL, kill_activated);
  gtk_widget_class_install_action (widget_class, "win.revive", NULL, revive_activated);
  gtk_widget_class_install_action (widget_class, "win.promote", NULL, promote_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-firewall", NULL,
                                   toggle_firewall_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "win.kill", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "win.revive", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", "s", "png");
}

static void
canvas_edited (SbWindow *self)
{
  set_modified (self, TRUE);
}

/* The settings sit at the bottom of the side panel, below the first
 * screenful, yet building and measuring their rows (wrapped subtitles,
 * combo rows) was a fifth of the work before the first frame
 * (docs/benchmarks.md): they join the panel once that frame is on screen,
 * from an idle callback so that the frame clock's cycle is not held up. */
static gboolean
show_settings (gpointer user_data)
{
  SbWindow *self = user_data;

  self->show_settings_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->settings_panel), TRUE);
  return G_SOURCE_REMOVE;
}

static void
show_deferred_settings (GdkFrameClock *clock,
                        SbWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, show_deferred_settings, self);
  if (self->show_settings_id == 0)
    self->show_settings_id = g_idle_add (show_settings, self);
}

static void
defer_settings (SbWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (show_deferred_settings), self, 0);
}

static void
sb_window_init (SbWindow *self)
{
  g_autoptr(GPropertyAction) play = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->autosave = sb_autosave_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->settings_panel), FALSE);
  g_signal_connect_after (self, "realize", G_CALLBACK (defer_settings), NULL);
  sb_element_panel_set_canvas (self->panel, self->canvas);
  sb_event_log_set_canvas (self->event_log, self->canvas);
  sb_stats_panel_set_canvas (self->stats_panel, self->canvas);
  sb_element_list_set_canvas (self->element_list, self->canvas);
  play = g_property_action_new ("play", self->canvas, "playing");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (play));
  g_signal_connect_object (self->canvas, "edited", G_CALLBACK (canvas_edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::playing",
                           G_CALLBACK (playing_changed), self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->canvas, "notify::speed",
                           G_CALLBACK (update_speed_label), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "speed", self->canvas, "speed", G_SETTINGS_BIND_DEFAULT);
  update_speed_label (self);
  g_action_map_add_action (G_ACTION_MAP (self), g_settings_create_action (self->settings, "style"));
  g_signal_connect_object (self->settings, "changed::style",
                           G_CALLBACK (style_changed), self, G_CONNECT_SWAPPED);
  style_changed (self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  restore_size (self);
}

static void
set_scenario (SbWindow         *self,
              const SbScenario *scenario)
{
  sb_canvas_set_scenario (self->canvas, scenario);
  self->modified = FALSE;
  sb_canvas_set_playing (self->canvas, TRUE);
  sb_settings_panel_sync (self->settings_panel);
  sb_element_panel_refresh (self->panel);
  adw_window_title_set_subtitle (self->title,
                                 scenario->title ? g_dgettext (GETTEXT_PACKAGE, scenario->title) : "");
}

/* The lesson goes on where it was left; the bundled scenarios are
 * compiled in and checked by the tests, so the default cannot fail. */
static SbScenario *
last_scenario (SbWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-scenario");
  g_autoptr(GError) error = NULL;
  SbScenario *scenario = sb_scenario_load_bundled (last, NULL);

  if (scenario == NULL)
    scenario = sb_scenario_load_bundled (SB_SCENARIO_DEFAULT, &error);
  if (scenario == NULL)
    g_error ("bundled scenario: %s", error->message);
  return scenario;
}

SbWindow *
sb_window_new (SbApplication    *application,
               const SbScenario *scenario)
{
  SbWindow *self = g_object_new (SB_TYPE_WINDOW, "application", application, NULL);
  g_autoptr(SbScenario) fallback = NULL;
  g_autofree char *document = NULL;

  if (scenario == NULL && sb_autosave_claim (self->autosave, NULL, &fallback, &document))
    {
      /* Stackboard closed (or crashed) over an edited scenario: it comes
       * back, still marked edited, until it is saved or discarded. */
      g_autoptr(GFile) file = document ? g_file_new_for_path (document) : NULL;

      sb_window_show_recovered (self, fallback, file);
      scenario = fallback;
    }
  else if (scenario == NULL)
    scenario = fallback = last_scenario (self);
  if (!self->modified)
    set_scenario (self, scenario);
  sb_settings_panel_set_canvas (self->settings_panel, self->canvas);
  /* The class sees requests flowing as soon as the window opens. */
  sb_canvas_set_playing (self->canvas, TRUE);
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

void
sb_window_show_recovered (SbWindow         *self,
                          const SbScenario *scenario,
                          GFile            *file)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  g_set_object (&self->file, file);
  set_scenario (self, scenario);
  set_modified (self, TRUE);
  adw_toast_overlay_add_toast (self->toasts,
                               adw_toast_new (_("The scenario you were editing was recovered")));
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
  return self->modified;
}

SbCanvas *
sb_window_get_canvas (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->canvas;
}

gboolean
sb_window_open_file (SbWindow *self,
                     GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);

  /* Unsaved changes to this file, left by a Stackboard that died: they
   * come first (the dialog opens the file, or them). */
  if (path != NULL && sb_recovery_dialog_offer (self, file))
    return TRUE;
  scenario = path ? sb_scenario_load_from_file (path, &error) : NULL;
  if (scenario == NULL)
    {
      sb_window_show_error (self, error ? error->message : _("Only local files can be opened"));
      return FALSE;
    }
  g_set_object (&self->file, file);
  set_scenario (self, scenario);
  return TRUE;
}

gboolean
sb_window_save_file (SbWindow *self,
                     GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);

  scenario = sb_canvas_dup_scenario (self->canvas);
  if (path == NULL || !sb_scenario_save_to_file (scenario, path, &error))
    {
      sb_window_show_error (self, error ? error->message : _("Only local files can be saved"));
      return FALSE;
    }
  g_set_object (&self->file, file);
  set_modified (self, FALSE);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Scenario saved")));
  return TRUE;
}

GtkWidget *
sb_window_get_element_list (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->element_list);
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
sb_window_show_error (SbWindow   *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (SB_IS_WINDOW (self));
  toast = sb_toast_new_plain (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}
