/* sb-window-actions.c — what the teacher does, and the keys to do it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson's state is driven through the window's own action map, so
 * the header bar, the presentation bar, the menus, the keys, and a test
 * talking to the window over D-Bus all use the same actions: play, mode,
 * algorithm and lesson-step are stateful, following the lesson's
 * properties.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-config-window.h"
#include "sb-window-private.h"

static SbWindow *
window_of (gpointer user_data)
{
  return SB_WINDOW (user_data);
}

/* Kill, revive or promote the selected element, now, in the running sim. */
static void
act_on_selection (SbWindow *self,
                  SbAction  action)
{
  const char *id = sb_lesson_get_selected (self->lesson);
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    {
      sb_window_show_toast (self, _("Click an element on the board first"));
      return;
    }
  if (!sb_lesson_apply (self->lesson, action, id, &error))
    sb_window_show_toast (self, error->message);
}

static void
kill_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  act_on_selection (window_of (user_data), SB_ACTION_KILL);
}

static void
revive_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  act_on_selection (window_of (user_data), SB_ACTION_REVIVE);
}

static void
promote_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  act_on_selection (window_of (user_data), SB_ACTION_PROMOTE);
}

/* Opens the selected firewall, or closes it again. */
static void
toggle_firewall_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  const char *id = sb_lesson_get_selected (self->lesson);
  gboolean open = id && sb_sim_is_firewall_open (sb_lesson_get_sim (self->lesson), id);

  act_on_selection (self, open ? SB_ACTION_CLOSE_FIREWALL : SB_ACTION_OPEN_FIREWALL);
}

static void
reset_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  sb_lesson_reset (window_of (user_data)->lesson);
}

static void
speed_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  gboolean faster = g_str_equal (g_action_get_name (G_ACTION (action)), "faster");

  sb_lesson_change_speed (window_of (user_data)->lesson, faster ? 1 : -1);
}

static void
hop_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  SbLesson *lesson = window_of (user_data)->lesson;

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "step-back"))
    sb_lesson_step_back (lesson);
  else
    sb_lesson_step_forward (lesson);
}

void
sb_window_load_step (SbWindow   *self,
                     const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;

  if (sb_window_confirm_discard (self, "win.lesson-step", g_variant_new_string (name)))
    return;
  scenario = sb_scenario_load_bundled (name, &error);
  if (scenario == NULL)
    {
      sb_window_show_error (self, error->message);
      return;
    }
  g_clear_object (&self->file);
  sb_window_show_scenario (self, scenario, name);
  g_settings_set_string (self->settings, "last-scenario", name);
}

static void
lesson_step_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  sb_window_load_step (window_of (user_data), g_variant_get_string (parameter, NULL));
}

/* Page Down / Page Up, what a presentation clicker sends. */
static void
adjacent_step (SbWindow *self,
               int       dir)
{
  const char *name = sb_lesson_get_adjacent_step (self->lesson, dir);

  if (name == NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
  else
    sb_window_load_step (self, name);
}

static void
next_step_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  adjacent_step (window_of (user_data), 1);
}

static void
previous_step_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  adjacent_step (window_of (user_data), -1);
}

/* Escape only ever leaves. */
static void
leave_presentation_activated (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  gtk_window_unfullscreen (GTK_WINDOW (user_data));
}

static void
toggle_panel_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GtkToggleButton *button = window_of (user_data)->panel_button;

  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

static void
configuration_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  SbWindow *self = window_of (user_data);

  gtk_window_present (GTK_WINDOW (sb_config_window_new (GTK_WINDOW (self), self->lesson)));
}

/* Key bindings for the actions are in sb_window_class_add_shortcuts(). */
static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  sb_lesson_undo (window_of (user_data)->lesson);
}

static void
redo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  sb_lesson_redo (window_of (user_data)->lesson);
}

/* The class's vote on the script's question (keys 1 to 4). */
static void
vote_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  g_autoptr(GError) error = NULL;

  if (!sb_lesson_vote (self->lesson, g_variant_get_int32 (parameter), &error))
    sb_window_show_toast (self, error->message);
}

static void
reveal_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  sb_lesson_reveal (window_of (user_data)->lesson);
}

/* Ctrl+plus, Ctrl+minus, Ctrl+0: a step of zoom, or the whole board. */
static void
zoom_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SbCanvas *canvas = window_of (user_data)->canvas;
  const char *name = g_action_get_name (G_ACTION (action));

  if (g_str_equal (name, "zoom-in"))
    sb_canvas_set_zoom (canvas, sb_canvas_get_zoom (canvas) * 1.25);
  else if (g_str_equal (name, "zoom-out"))
    sb_canvas_set_zoom (canvas, sb_canvas_get_zoom (canvas) / 1.25);
  else
    sb_canvas_set_zoom (canvas, 1.0);
}

/* F11: the window fullscreen, or back; the rest follows the window's
 * fullscreened property (sb-window.c). */
static void
presentation_state (GSimpleAction *action,
                    GVariant      *state,
                    gpointer       user_data)
{
  if (g_variant_get_boolean (state))
    gtk_window_fullscreen (GTK_WINDOW (user_data));
  else
    gtk_window_unfullscreen (GTK_WINDOW (user_data));
}

static void
presentation_changed (SbWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "presentation");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (gtk_window_is_fullscreen (GTK_WINDOW (self))));
}

static const GActionEntry window_actions[] = {
  { "presentation", NULL, NULL, "false", presentation_state },
  { "zoom-in", zoom_activated },
  { "zoom-out", zoom_activated },
  { "zoom-reset", zoom_activated },
  { "vote", vote_activated, "i", "0" },
  { "reveal", reveal_activated },
  { "undo", undo_activated },
  { "redo", redo_activated },
  { "kill", kill_activated },
  { "revive", revive_activated },
  { "promote", promote_activated },
  { "toggle-firewall", toggle_firewall_activated },
  { "reset", reset_activated },
  { "faster", speed_activated },
  { "slower", speed_activated },
  { "step-forward", hop_activated },
  { "step-back", hop_activated },
  { "lesson-step", lesson_step_activated, "s", "''" },
  { "next-step", next_step_activated },
  { "previous-step", previous_step_activated },
  { "leave-presentation", leave_presentation_activated },
  { "toggle-panel", toggle_panel_activated },
  { "configuration", configuration_activated },
};

static void
add_property_action (SbWindow   *self,
                     const char *name,
                     gpointer    object,
                     const char *property)
{
  g_autoptr(GPropertyAction) action = g_property_action_new (name, object, property);

  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

void
sb_window_set_action_enabled (SbWindow   *self,
                              const char *name,
                              gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* Vote and Reveal apply while the script waits at a question; the vote's
 * state is the class's choice (0: none yet). */
static void
question_changed (SbWindow *self)
{
  GAction *vote = g_action_map_lookup_action (G_ACTION_MAP (self), "vote");
  gboolean waiting = sb_lesson_get_question (self->lesson, NULL) != NULL;

  g_simple_action_set_state (G_SIMPLE_ACTION (vote), g_variant_new_int32 (sb_lesson_get_vote (self->lesson)));
  sb_window_set_action_enabled (self, "vote", waiting);
  sb_window_set_action_enabled (self, "reveal", waiting);
}

static void
history_changed (SbWindow *self)
{
  sb_window_set_action_enabled (self, "undo", sb_lesson_get_can_undo (self->lesson));
  sb_window_set_action_enabled (self, "redo", sb_lesson_get_can_redo (self->lesson));
}

static void
speed_changed (SbWindow *self)
{
  sb_window_set_action_enabled (self, "faster", sb_lesson_can_change_speed (self->lesson, 1));
  sb_window_set_action_enabled (self, "slower", sb_lesson_can_change_speed (self->lesson, -1));
}

/* The lesson step's radio items mark the step shown ('' for none). */
static void
step_changed (SbWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "lesson-step");
  const char *step = sb_lesson_get_step (self->lesson);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (step ? step : ""));
  sb_window_set_action_enabled (self, "previous-step", sb_lesson_get_adjacent_step (self->lesson, -1) != NULL);
  sb_window_set_action_enabled (self, "next-step", sb_lesson_get_adjacent_step (self->lesson, 1) != NULL);
}

/* Kill, Revive and Promote are enabled where they apply to the
 * selection: the buttons say what can be done, and a test reading the
 * actions over D-Bus sees what the board shows. */
static void
selection_actions_changed (SbWindow *self)
{
  const char *id = sb_lesson_get_selected (self->lesson);
  SbSim *sim = sb_lesson_get_sim (self->lesson);
  const SbComponent *comp = id ? sb_scenario_find_component (sb_sim_get_scenario (sim), id) : NULL;
  gboolean down = id && sb_sim_get_element_state (sim, id) == SB_ELEMENT_DOWN;
  gboolean client = comp && comp->kind == SB_KIND_CLIENT;

  sb_window_set_action_enabled (self, "kill", id && !down && !client);
  sb_window_set_action_enabled (self, "revive", down);
  sb_window_set_action_enabled (self, "promote", comp && comp->kind == SB_KIND_DATABASE && !down
                                && g_strcmp0 (sb_sim_get_primary (sim), id) != 0);
  sb_window_set_action_enabled (self, "toggle-firewall", comp && comp->kind == SB_KIND_FIREWALL);
}

/* "Step 2 · Distributed web infrastructure", on the board in
 * presentation mode. */
static void
update_step_title (SbWindow *self)
{
  const char * const *names = sb_scenario_bundled_names ();
  const char *step = sb_lesson_get_step (self->lesson);
  const SbScenario *scenario = sb_lesson_get_scenario (self->lesson);
  const char *title = scenario->title ? g_dgettext (GETTEXT_PACKAGE, scenario->title) : "";
  g_autofree char *text = NULL;

  for (guint i = 0; step != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], step))
      /* Translators: the lesson step's number, then its title */
      text = g_strdup_printf (_("Step %u · %s"), i + 1, title);
  gtk_label_set_text (self->step_title, text ? text : title);
}

/* Mode and algorithm only mean something with a load balancer: their
 * buttons go without one (the actions stay, harmless). */
static void
design_changed (SbWindow *self,
                guint     what)
{
  gboolean lb = sb_scenario_find_kind (sb_lesson_get_scenario (self->lesson),
                                       SB_KIND_LOAD_BALANCER, NULL) != NULL;

  if (!(what & SB_LESSON_CHANGED_DESIGN))
    return;
  gtk_widget_set_visible (self->balancer_controls, lb);
  gtk_widget_set_visible (self->script_button, sb_lesson_get_has_script (self->lesson));
  update_step_title (self);
}

static void add_clicker_keys (SbWindow *self);

void
sb_window_add_actions (SbWindow *self)
{
  g_autoptr(GAction) style = g_settings_create_action (self->settings, "style");

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  add_property_action (self, "play", self->lesson, "playing");
  add_property_action (self, "speed", self->lesson, "speed");
  add_property_action (self, "mode", self->lesson, "mode");
  add_property_action (self, "algorithm", self->lesson, "algorithm");
  add_property_action (self, "spof", self->lesson, "spof-mode");
  add_property_action (self, "issues", self->lesson, "show-issues");
  add_property_action (self, "select", self->lesson, "selected");
  add_property_action (self, "script", self->lesson, "script-playing");
  add_property_action (self, "pointer", self->canvas, "pointer-highlight");
  /* Presentation mode is the window fullscreen (sb-window.c); not a
   * property action on the window, which would hold it forever. */
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (presentation_changed), NULL);
  g_action_map_add_action (G_ACTION_MAP (self), style);
  g_signal_connect_object (self->lesson, "notify::speed", G_CALLBACK (speed_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lesson, "notify::step", G_CALLBACK (step_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lesson, "notify::can-undo", G_CALLBACK (history_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lesson, "notify::waiting", G_CALLBACK (question_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lesson, "notify::vote", G_CALLBACK (question_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lesson, "notify::can-redo", G_CALLBACK (history_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lesson, "changed", G_CALLBACK (design_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lesson, "changed", G_CALLBACK (selection_actions_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lesson, "notify::selected", G_CALLBACK (selection_actions_changed),
                           self, G_CONNECT_SWAPPED);
  add_clicker_keys (self);
  speed_changed (self);
  step_changed (self);
  history_changed (self);
  question_changed (self);
  design_changed (self, SB_LESSON_CHANGED_DESIGN);
  selection_actions_changed (self);
}

/* M switches the mode, A the algorithm: one key each, whatever the
 * header bar shows. */
static gboolean
cycle_mode (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  SbLesson *lesson = SB_WINDOW (widget)->lesson;

  sb_lesson_set_mode (lesson, g_str_equal (sb_lesson_get_mode (lesson), "active-active")
                              ? "active-passive" : "active-active");
  return TRUE;
}

static gboolean
cycle_algorithm (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  static const char * const order[] = { "roundrobin", "leastconn", "source" };
  SbLesson *lesson = SB_WINDOW (widget)->lesson;
  const char *now = sb_lesson_get_algorithm (lesson);
  guint i = 0;

  while (i < G_N_ELEMENTS (order) && !g_str_equal (order[i], now))
    i++;
  sb_lesson_set_algorithm (lesson, order[(i + 1) % G_N_ELEMENTS (order)]);
  return TRUE;
}

/* Space plays or pauses, or reveals the answer at a script's question. */
static gboolean
play_pause (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  sb_lesson_play_pause (SB_WINDOW (widget)->lesson);
  return TRUE;
}

static void
add_vote_keys (GtkWidgetClass *widget_class)
{
  static const guint keys[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4 };
  static const guint keypad[] = { GDK_KEY_KP_1, GDK_KEY_KP_2, GDK_KEY_KP_3, GDK_KEY_KP_4 };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, keys[i], 0, "win.vote", "i", i + 1);
      gtk_widget_class_add_binding_action (widget_class, keypad[i], 0, "win.vote", "i", i + 1);
    }
}

static void
add_key (GtkWidgetClass  *widget_class,
         guint            key,
         GdkModifierType  mods,
         const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, key, mods, action, NULL);
}

/* Page Down / Page Up move between the lesson's steps even where a list
 * or a scrolled panel has the focus (they would scroll it): a clicker
 * must always work. */
static void
add_clicker_keys (SbWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                                                          gtk_named_action_new ("win.next-step")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                                                          gtk_named_action_new ("win.previous-step")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
sb_window_class_add_shortcuts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, play_pause, NULL);
  add_vote_keys (widget_class);
  add_key (widget_class, GDK_KEY_q, 0, "win.script");
  add_key (widget_class, GDK_KEY_k, 0, "win.kill");
  add_key (widget_class, GDK_KEY_r, 0, "win.revive");
  add_key (widget_class, GDK_KEY_p, 0, "win.promote");
  add_key (widget_class, GDK_KEY_f, 0, "win.toggle-firewall");
  add_key (widget_class, GDK_KEY_Home, 0, "win.reset");
  add_key (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reset");
  add_key (widget_class, GDK_KEY_plus, 0, "win.faster");
  add_key (widget_class, GDK_KEY_KP_Add, 0, "win.faster");
  add_key (widget_class, GDK_KEY_equal, 0, "win.faster");
  add_key (widget_class, GDK_KEY_minus, 0, "win.slower");
  add_key (widget_class, GDK_KEY_KP_Subtract, 0, "win.slower");
  add_key (widget_class, GDK_KEY_period, 0, "win.step-forward");
  add_key (widget_class, GDK_KEY_comma, 0, "win.step-back");
  add_key (widget_class, GDK_KEY_F11, 0, "win.presentation");
  add_key (widget_class, GDK_KEY_F5, 0, "win.presentation");
  add_key (widget_class, GDK_KEY_Escape, 0, "win.leave-presentation");
  add_key (widget_class, GDK_KEY_F9, 0, "win.toggle-panel");
  add_key (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in");
  add_key (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in");
  add_key (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in");
  add_key (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out");
  add_key (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out");
  add_key (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset");
  add_key (widget_class, GDK_KEY_l, 0, "win.pointer");
  add_key (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo");
  add_key (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo");
  add_key (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_m, 0, cycle_mode, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_a, 0, cycle_algorithm, NULL);
}
