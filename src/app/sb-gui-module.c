/* sb-gui-module.c — the entry point of the window's module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window, with GTK and libadwaita, is a module that src/main.c loads
 * only when it opens one: the headless commands (--export, --simulate…)
 * then start without loading or relocating those libraries, which took
 * a quarter of a whole `stackboard --export` (docs/benchmarks.md).
 */
#include "config.h"

#include "sb-application.h"
#include "sb-gui-module.h"

int
sb_gui_main (int    argc,
             char **argv)
{
  g_autoptr(SbApplication) app = sb_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
