/* sb-cli-config.c — `stackboard --export-config DIR`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "config/sb-config.h"
#include "sb-cli.h"

int
sb_cli_export_config (const SbCliOptions *options,
                      const char         *dir)
{
  g_autoptr(GPtrArray) files = sb_config_generate (options->scenario);
  g_autoptr(GError) error = NULL;

  if (!sb_config_write (files, dir, &error))
    {
      g_printerr ("stackboard: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < files->len; i++)
    g_print ("%s\n", ((SbConfigFile *) g_ptr_array_index (files, i))->path);
  return 0;
}
