/* main.c — headless commands first, then the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>
#include <glib/gi18n.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "app/sb-gui-module.h"
#include "cli/sb-cli.h"

/* Large blocks from the heap, kept there when freed.  Every frame of the
 * cairo renderer replays the board's and the live layer's recordings
 * through window-sized temporary images; with glibc's defaults each was a
 * fresh mapping and 600 page faults, some 10 ms before the first frame
 * (docs/benchmarks.md). */
static void
keep_large_blocks (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 32 << 20);
  mallopt (M_TRIM_THRESHOLD, 64 << 20);
#endif
}

/* The window lives in a module (src/app/sb-gui-module.c), so this binary
 * does not link GTK and libadwaita and the headless commands never load
 * them.  dlopen() rather than g_module_open(): only a call from the
 * executable itself searches the executable's run path, which points at
 * the module's directory in the build tree and once installed. */
static int
run_window (int    argc,
            char **argv)
{
  void *module = dlopen (SB_GUI_MODULE_NAME, RTLD_LAZY | RTLD_LOCAL);
  SbGuiMainFunc gui_main = module ? (SbGuiMainFunc) dlsym (module, SB_GUI_MODULE_ENTRY) : NULL;

  if (gui_main == NULL)
    {
      g_printerr ("stackboard: %s\n", dlerror ());
      return 1;
    }
  keep_large_blocks ();
  /* Never unloaded: GTK cannot be. */
  return gui_main (argc, argv);
}

int
main (int    argc,
      char **argv)
{
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

  return run_window (argc, argv);
}
