/* sb-settings-panel.c — load balancing, health checks and traffic, live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change goes through sb_canvas_set_setting(), so it applies at once
 * and is replayed when the teacher steps back.  Where a setting is not
 * obvious, its row says in one line what it does.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-settings-panel.h"

struct _SbSettingsPanel
{
  GtkWidget   parent_instance;

  SbCanvas   *canvas;     /* weak */
  GtkWidget  *box;
  GtkWidget  *balancer_group;
  AdwComboRow *algorithm;
  AdwComboRow *mode;
  AdwComboRow *check;
  GtkSpinButton *interval;
  GtkSwitch  *redispatch;
  GtkSpinButton *rate;
  GtkSpinButton *read_ratio;
  GtkSpinButton *lag;
  GtkSpinButton *ttl;
  gboolean    syncing;    /* values come from the sim: do not echo them back */
};

G_DEFINE_FINAL_TYPE (SbSettingsPanel, sb_settings_panel, GTK_TYPE_WIDGET)

static const char *
algorithm_hint (guint index)
{
  switch (index)
    {
    case SB_ALGORITHM_LEASTCONN:
      return _("The server with the fewest requests in progress; idle servers take turns");
    case SB_ALGORITHM_SOURCE:
      return _("A hash of the visitor's address: each visitor sticks to one server");
    case SB_ALGORITHM_ROUNDROBIN:
    default:
      return _("Each server in turn");
    }
}

static const char *
mode_hint (guint index)
{
  return index == SB_MODE_ACTIVE_PASSIVE
         ? _("Only the first server works; the others wait as backups")
         : _("Every server shares the traffic");
}

static const char *
check_hint (guint index)
{
  return index == SB_CHECK_TCP ? _("Only checks that Nginx accepts a connection")
                               : _("Asks for a page: the web and application servers must answer");
}

static void
update_hints (SbSettingsPanel *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->algorithm),
                               algorithm_hint (adw_combo_row_get_selected (self->algorithm)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->mode),
                               mode_hint (adw_combo_row_get_selected (self->mode)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->check),
                               check_hint (adw_combo_row_get_selected (self->check)));
}

static void
set_setting (SbSettingsPanel *self,
             SbSetting        setting,
             double           value)
{
  if (self->syncing || self->canvas == NULL)
    return;
  sb_canvas_set_setting (self->canvas, setting, value);
  update_hints (self);
}

static void
combo_changed (AdwComboRow     *row,
               GParamSpec      *pspec,
               SbSettingsPanel *self)
{
  SbSetting setting = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "setting"));

  set_setting (self, setting, adw_combo_row_get_selected (row));
}

static void
spin_changed (GtkSpinButton   *spin,
              SbSettingsPanel *self)
{
  SbSetting setting = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "setting"));

  set_setting (self, setting, gtk_spin_button_get_value (spin));
}

static void
switch_changed (GtkSwitch       *toggle,
                GParamSpec      *pspec,
                SbSettingsPanel *self)
{
  set_setting (self, SB_SETTING_REDISPATCH, gtk_switch_get_active (toggle));
}

static GtkWidget *
add_group (SbSettingsPanel *self,
           const char      *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (self->box), group);
  return group;
}

static AdwComboRow *
add_combo (SbSettingsPanel    *self,
           GtkWidget          *group,
           const char         *title,
           const char * const *items,
           SbSetting           setting)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_object_set_data (G_OBJECT (row), "setting", GINT_TO_POINTER (setting));
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_COMBO_ROW (row);
}

static GtkSpinButton *
add_spin (SbSettingsPanel *self,
          GtkWidget       *group,
          const char      *title,
          const char      *subtitle,
          double           min,
          double           max,
          double           step,
          guint            digits,
          SbSetting        setting)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  g_object_set_data (G_OBJECT (spin), "setting", GINT_TO_POINTER (setting));
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return GTK_SPIN_BUTTON (spin);
}

static void
build_balancer_group (SbSettingsPanel *self)
{
  static const char *algorithms[] = { N_("Round robin"), N_("Least connections"), N_("Source IP hash"), NULL };
  static const char *modes[] = { N_("Active-active"), N_("Active-passive"), NULL };
  static const char *checks[] = { N_("HTTP"), N_("TCP"), NULL };
  const char *tr_algorithms[] = { _(algorithms[0]), _(algorithms[1]), _(algorithms[2]), NULL };
  const char *tr_modes[] = { _(modes[0]), _(modes[1]), NULL };
  const char *tr_checks[] = { _(checks[0]), _(checks[1]), NULL };
  GtkWidget *group = add_group (self, _("Load Balancer"));
  GtkWidget *row = adw_action_row_new ();

  self->balancer_group = group;
  self->algorithm = add_combo (self, group, _("Algorithm"), tr_algorithms, SB_SETTING_ALGORITHM);
  self->mode = add_combo (self, group, _("Mode"), tr_modes, SB_SETTING_MODE);
  self->check = add_combo (self, group, _("Health check"), tr_checks, SB_SETTING_CHECK);
  self->interval = add_spin (self, group, _("Check every (s)"),
                             _("A server is marked DOWN after “fall” failed checks in a row"),
                             0.5, 30, 0.5, 1, SB_SETTING_INTERVAL);
  self->redispatch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->redispatch), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Redispatch"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Retry a failed request once on another server"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->redispatch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->redispatch));
  g_signal_connect (self->redispatch, "notify::active", G_CALLBACK (switch_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
build_traffic_group (SbSettingsPanel *self)
{
  GtkWidget *group = add_group (self, _("Traffic and Data"));

  self->rate = add_spin (self, group, _("Requests per second"), NULL,
                         0.1, 50, 0.5, 1, SB_SETTING_RATE);
  self->read_ratio = add_spin (self, group, _("Share of reads"),
                               _("The rest are writes, which only the primary accepts"),
                               0, 1, 0.05, 2, SB_SETTING_READ_RATIO);
  self->lag = add_spin (self, group, _("Replication lag (s)"),
                        _("How late the replica applies each write"),
                        0, 30, 0.25, 2, SB_SETTING_LAG);
  self->ttl = add_spin (self, group, _("DNS TTL (s)"),
                        _("How long browsers keep the DNS answer"),
                        0, 3600, 10, 0, SB_SETTING_TTL);
}

void
sb_settings_panel_sync (SbSettingsPanel *self)
{
  const SbScenario *s;
  SbSim *sim;

  g_return_if_fail (SB_IS_SETTINGS_PANEL (self));
  if (self->balancer_group == NULL   /* rows not built yet (see _map) */
      || self->canvas == NULL || (sim = sb_canvas_get_sim (self->canvas)) == NULL)
    return;
  s = sb_sim_get_scenario (sim);
  self->syncing = TRUE;
  gtk_widget_set_visible (self->balancer_group,
                          sb_scenario_find_kind (s, SB_KIND_LOAD_BALANCER, NULL) != NULL);
  adw_combo_row_set_selected (self->algorithm, s->balancer.algorithm);
  adw_combo_row_set_selected (self->mode, s->balancer.mode);
  adw_combo_row_set_selected (self->check, s->balancer.check);
  gtk_spin_button_set_value (self->interval, s->balancer.interval);
  gtk_switch_set_active (self->redispatch, s->balancer.redispatch);
  gtk_spin_button_set_value (self->rate, s->traffic.rate);
  gtk_spin_button_set_value (self->read_ratio, s->traffic.read_ratio);
  gtk_spin_button_set_value (self->lag, s->lag);
  gtk_spin_button_set_value (self->ttl, s->ttl);
  update_hints (self);
  self->syncing = FALSE;
}

static void
sb_settings_panel_dispose (GObject *object)
{
  SbSettingsPanel *self = SB_SETTINGS_PANEL (object);

  g_clear_weak_pointer (&self->canvas);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sb_settings_panel_parent_class)->dispose (object);
}

/* The rows are built the first time the panel is shown, not with it:
 * the window shows it only after its first frame (sb-window.c), and
 * building them was part of the work that frame waited for. */
static void
sb_settings_panel_map (GtkWidget *widget)
{
  SbSettingsPanel *self = SB_SETTINGS_PANEL (widget);

  if (self->balancer_group == NULL)
    {
      /* Building sets the rows' first values: not settings to apply. */
      self->syncing = TRUE;
      build_balancer_group (self);
      build_traffic_group (self);
      self->syncing = FALSE;
      sb_settings_panel_sync (self);
    }
  GTK_WIDGET_CLASS (sb_settings_panel_parent_class)->map (widget);
}

static void
sb_settings_panel_class_init (SbSettingsPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_settings_panel_dispose;
  GTK_WIDGET_CLASS (klass)->map = sb_settings_panel_map;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "sbsettingspanel");
}

static void
sb_settings_panel_init (SbSettingsPanel *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  g_object_set (self->box, "margin-start", 12, "margin-end", 12, "margin-bottom", 18, NULL);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
sb_settings_panel_new (void)
{
  return g_object_new (SB_TYPE_SETTINGS_PANEL, NULL);
}

void
sb_settings_panel_set_canvas (SbSettingsPanel *self,
                              SbCanvas        *canvas)
{
  g_return_if_fail (SB_IS_SETTINGS_PANEL (self));
  g_set_weak_pointer (&self->canvas, canvas);
  sb_settings_panel_sync (self);
}
