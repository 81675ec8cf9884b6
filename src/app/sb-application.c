/* sb-application.c — the GtkApplication: windows, app actions, accelerators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-preferences.h"
#include "sb-window.h"

struct _SbApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (SbApplication, sb_application, ADW_TYPE_APPLICATION)

/* More windows than this at start would be a problem of their own. */
#define MAX_RECOVERED_WINDOWS 16

static void
sb_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  /* The first window takes the newest edit left unsaved (if any); every
   * other one left (two windows, both killed) comes back in a window too. */
  gtk_window_present (GTK_WINDOW (sb_window_new (SB_APPLICATION (app), NULL)));
  for (int i = 1; i < MAX_RECOVERED_WINDOWS && sb_autosave_has_orphan (NULL); i++)
    gtk_window_present (GTK_WINDOW (sb_window_new (SB_APPLICATION (app), NULL)));
}

static void
sb_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  /* Each window remembers its file (Save writes back to it), shows why a
   * file does not open, and offers unsaved changes to it first. */
  for (int i = 0; i < n_files; i++)
    gtk_window_present (GTK_WINDOW (sb_window_new_for_file (SB_APPLICATION (app), files[i])));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const char *developers[] = { "Stackboard contributors", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (window,
                         "application-name", _("Stackboard"),
                         "application-icon", APP_ID,
                         "developer-name", _("Stackboard contributors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("See how a web request travels through DNS, a load balancer, web and application servers and a replicated database — and what breaks when one of them fails."),
                         "website", "https://github.com/stackboard/stackboard",
                         "issue-url", "https://github.com/stackboard/stackboard/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (sb_preferences_new (window)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

/* The preference wins over the desktop's choice only when it is not "system". */
static void
color_scheme_changed (SbApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = g_str_equal (scheme, "light") ? ADW_COLOR_SCHEME_FORCE_LIGHT
                         : g_str_equal (scheme, "dark") ? ADW_COLOR_SCHEME_FORCE_DARK
                         : ADW_COLOR_SCHEME_DEFAULT;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
sb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  SbApplication *self = SB_APPLICATION (app);
  g_autoptr(GAction) color_scheme = NULL;

  G_APPLICATION_CLASS (sb_application_parent_class)->startup (app);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed), self, G_CONNECT_SWAPPED);
  color_scheme_changed (self);
  color_scheme = g_settings_create_action (self->settings, "color-scheme");
  g_action_map_add_action (G_ACTION_MAP (app), color_scheme);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
sb_application_dispose (GObject *object)
{
  g_clear_object (&SB_APPLICATION (object)->settings);
  G_OBJECT_CLASS (sb_application_parent_class)->dispose (object);
}

static void
sb_application_class_init (SbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sb_application_dispose;
  app_class->activate = sb_application_activate;
  app_class->open = sb_application_open;
  app_class->startup = sb_application_startup;
}

static void
sb_application_init (SbApplication *self)
{
}

SbApplication *
sb_application_new (void)
{
  return g_object_new (SB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
