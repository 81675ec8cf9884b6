/* sb-autosave.c — where an edited scenario waits to be saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A teacher who adds servers and drags the board into shape must not lose
 * it to a crash or a power cut: every edit is written (atomically, by the
 * model's saver) to the user data folder, and removed once the scenario is
 * saved or the edit is discarded.  The next start offers it back.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sb-autosave.h"

char *
sb_autosave_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "stackboard", "autosave.json", NULL);
}

gboolean
sb_autosave_write (const SbScenario  *scenario,
                   GError           **error)
{
  g_autofree char *path = sb_autosave_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return sb_scenario_save_to_file (scenario, path, error);
}

SbScenario *
sb_autosave_load (void)
{
  g_autofree char *path = sb_autosave_path ();
  g_autoptr(GError) error = NULL;
  SbScenario *scenario;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  scenario = sb_scenario_load_from_file (path, &error);
  if (scenario == NULL)
    {
      g_message ("Ignoring the autosaved scenario: %s", error->message);
      g_unlink (path);
    }
  return scenario;
}

void
sb_autosave_clear (void)
{
  g_autofree char *path = sb_autosave_path ();

  g_unlink (path);
}
