/* sb-preferences.c — speed, drawing style and colours, kept in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to its key, so the window, the menus and the next
 * start all agree without any code of ours in between.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-preferences.h"

struct _SbPreferences
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SbPreferences, sb_preferences, ADW_TYPE_PREFERENCES_WINDOW)

/* An enum key shown as a combo row: the key's nicks, in order, are the
 * rows; USER_DATA is the NULL-terminated array of nicks. */
static gboolean
nick_to_index (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i]; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
index_to_nick (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint i = g_value_get_uint (value);

  return i < g_strv_length ((char **) nicks) ? g_variant_new_string (nicks[i]) : NULL;
}

static void
add_choice (SbPreferences      *self,
            AdwPreferencesGroup *group,
            const char         *key,
            const char         *title,
            const char * const *nicks,
            const char * const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_index, index_to_nick, (gpointer) nicks, NULL);
  adw_preferences_group_add (group, row);
}

static void
add_speed (SbPreferences       *self,
           AdwPreferencesGroup *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0.25, 8, 0.25);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Speed at start"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Simulated seconds per real second"));
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Speed at start"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  g_settings_bind (self->settings, "speed", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)),
                   "value", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (group, row);
}

static void
sb_preferences_dispose (GObject *object)
{
  g_clear_object (&SB_PREFERENCES (object)->settings);
  G_OBJECT_CLASS (sb_preferences_parent_class)->dispose (object);
}

static void
sb_preferences_class_init (SbPreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_preferences_dispose;
}

static void
sb_preferences_init (SbPreferences *self)
{
  static const char * const styles[] = { "whiteboard", "marker", NULL };
  static const char * const schemes[] = { "system", "light", "dark", NULL };
  const char *style_labels[] = { _("Whiteboard"), _("Marker (hand-drawn)"), NULL };
  const char *scheme_labels[] = { _("Follow the system"), _("Light"), _("Dark"), NULL };
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *board = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  self->settings = g_settings_new (APP_ID);
  adw_preferences_group_set_title (board, _("Board"));
  add_choice (self, board, "style", _("Drawing style"), styles, style_labels);
  add_choice (self, board, "color-scheme", _("Colours"), schemes, scheme_labels);
  add_speed (self, board);
  adw_preferences_page_add (page, board);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}

SbPreferences *
sb_preferences_new (GtkWindow *parent)
{
  return g_object_new (SB_TYPE_PREFERENCES, "transient-for", parent, "modal", TRUE, NULL);
}
