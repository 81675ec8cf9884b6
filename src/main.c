/* main.c — headless commands first, then the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "app/sb-application.h"
#include "cli/sb-cli.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SbApplication) app = NULL;
  int status;

  const char *localedir = g_getenv ("STACKBOARD_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* build-aux/run points this at the build tree, where the translations
   * are compiled, so an uninstalled build speaks French too. */
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --export, --simulate and friends must run without a display, so they
   * are handled before GTK is touched. */
  if (sb_cli_run (argc, argv, &status))
    return status;

  app = sb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
