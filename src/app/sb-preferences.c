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
  AdwComboRow          *style_row;
  AdwComboRow          *scheme_row;
  GtkAdjustment        *speed_adjustment;
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

/* An enum key shown as a combo row whose items are the key's NICKS, in
 * order. */
static void
bind_choice (SbPreferences      *self,
             AdwComboRow        *row,
             const char         *key,
             const char * const *nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_index, index_to_nick, (gpointer) nicks, NULL);
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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sb_preferences_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sb-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPreferences, style_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferences, scheme_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferences, speed_adjustment);
}

static void
sb_preferences_init (SbPreferences *self)
{
  static const char * const styles[] = { "whiteboard", "marker", NULL };
  static const char * const schemes[] = { "system", "light", "dark", NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  bind_choice (self, self->style_row, "style", styles);
  bind_choice (self, self->scheme_row, "color-scheme", schemes);
  g_settings_bind (self->settings, "speed", self->speed_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
}

SbPreferences *
sb_preferences_new (GtkWindow *parent)
{
  return g_object_new (SB_TYPE_PREFERENCES, "transient-for", parent, NULL);
}
