/* sb-settings-panel.c — load balancing, health checks and traffic, live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change goes to the lesson as a live setting, so it applies at
 * once and is replayed when the teacher steps back; every change the
 * lesson makes (a step back, another scenario, the header bar's mode
 * switch) shows here.  Where a setting is not obvious, its row says in
 * one line what it does.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-lesson-view.h"
#include "sb-settings-panel.h"

struct _SbSettingsPanel
{
  GtkWidget      parent_instance;

  SbLesson      *lesson;
  GtkWidget     *box;
  GtkWidget     *balancer_group;
  AdwComboRow   *algorithm;
  AdwComboRow   *mode;
  AdwComboRow   *check;
  GtkSpinButton *interval;
  GtkSwitch     *redispatch;
  GtkSpinButton *rate;
  GtkSpinButton *read_ratio;
  GtkSpinButton *lag;
  GtkSpinButton *ttl;
  gboolean       syncing;    /* values come from the lesson: do not echo them back */
};

enum {
  PROP_0,
  PROP_LESSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
sync_from_lesson (SbSettingsPanel *self)
{
  const SbScenario *s;

  if (self->lesson == NULL)
    return;
  s = sb_lesson_get_live_scenario (self->lesson);
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

static gboolean
may_apply (SbSettingsPanel *self)
{
  return !self->syncing && self->lesson != NULL;
}

static void
algorithm_changed (SbSettingsPanel *self)
{
  if (may_apply (self))
    sb_lesson_set_algorithm (self->lesson,
                             sb_algorithm_to_string (adw_combo_row_get_selected (self->algorithm)));
}

static void
mode_changed (SbSettingsPanel *self)
{
  if (may_apply (self))
    sb_lesson_set_mode (self->lesson, sb_mode_to_string (adw_combo_row_get_selected (self->mode)));
}

static void
check_changed (SbSettingsPanel *self)
{
  if (may_apply (self))
    sb_lesson_set_setting (self->lesson, SB_SETTING_CHECK, adw_combo_row_get_selected (self->check));
}

static void
redispatch_changed (SbSettingsPanel *self)
{
  if (may_apply (self))
    sb_lesson_set_setting (self->lesson, SB_SETTING_REDISPATCH,
                           gtk_switch_get_active (self->redispatch));
}

static void
spin_changed (SbSettingsPanel *self,
              GtkSpinButton   *spin)
{
  SbSetting setting = spin == self->interval ? SB_SETTING_INTERVAL
                      : spin == self->rate ? SB_SETTING_RATE
                      : spin == self->read_ratio ? SB_SETTING_READ_RATIO
                      : spin == self->lag ? SB_SETTING_LAG : SB_SETTING_TTL;

  if (may_apply (self))
    sb_lesson_set_setting (self->lesson, setting, gtk_spin_button_get_value (spin));
}

static void
sb_settings_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      g_value_set_object (value, SB_SETTINGS_PANEL (object)->lesson);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_settings_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      sb_settings_panel_set_lesson (SB_SETTINGS_PANEL (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_settings_panel_dispose (GObject *object)
{
  SbSettingsPanel *self = SB_SETTINGS_PANEL (object);

  sb_lesson_view_set (self, &self->lesson, NULL, NULL, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_SETTINGS_PANEL);
  G_OBJECT_CLASS (sb_settings_panel_parent_class)->dispose (object);
}

static void
sb_settings_panel_class_init (SbSettingsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_settings_panel_dispose;
  object_class->get_property = sb_settings_panel_get_property;
  object_class->set_property = sb_settings_panel_set_property;
  properties[PROP_LESSON] = sb_lesson_view_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sb-settings-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SbSettingsPanel, box);
  gtk_widget_class_bind_template_child (widget_class, SbSettingsPanel, balancer_group);
  gtk_widget_class_bind_template_child (widget_class, SbSettingsPanel, algorithm);
  gtk_widget_class_bind_template_child (widget_class, SbSettingsPanel, mode);
  gtk_widget_class_bind_template_child (widget_class, SbSettingsPanel, check);
  gtk_widget_class_bind_template_child (widget_class, SbSettingsPanel, interval);
  gtk_widget_class_bind_template_child (widget_class, SbSettingsPanel, redispatch);
  gtk_widget_class_bind_template_child (widget_class, SbSettingsPanel, rate);
  gtk_widget_class_bind_template_child (widget_class, SbSettingsPanel, read_ratio);
  gtk_widget_class_bind_template_child (widget_class, SbSettingsPanel, lag);
  gtk_widget_class_bind_template_child (widget_class, SbSettingsPanel, ttl);
  gtk_widget_class_bind_template_callback (widget_class, algorithm_changed);
  gtk_widget_class_bind_template_callback (widget_class, mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, check_changed);
  gtk_widget_class_bind_template_callback (widget_class, redispatch_changed);
  gtk_widget_class_bind_template_callback (widget_class, spin_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbsettingspanel");
}

static void
sb_settings_panel_init (SbSettingsPanel *self)
{
  /* Building sets the rows' first values: not settings to apply. */
  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->syncing = FALSE;
}

GtkWidget *
sb_settings_panel_new (void)
{
  return g_object_new (SB_TYPE_SETTINGS_PANEL, NULL);
}

void
sb_settings_panel_set_lesson (SbSettingsPanel *self,
                              SbLesson        *lesson)
{
  static const SbLessonHook hooks[] = {
    { "changed", G_CALLBACK (sync_from_lesson) },
  };

  g_return_if_fail (SB_IS_SETTINGS_PANEL (self));
  if (!sb_lesson_view_set (self, &self->lesson, lesson, hooks, G_N_ELEMENTS (hooks)))
    return;
  sync_from_lesson (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
}
