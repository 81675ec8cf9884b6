/* sb-gui-module.h — what src/main.c finds in the window's module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gmodule.h>

G_BEGIN_DECLS

/* The module's file name; the executable's run path (set in
 * src/meson.build) holds its directory, in the build tree and installed. */
#define SB_GUI_MODULE_NAME "libstackboard-gui.so"
#define SB_GUI_MODULE_ENTRY "sb_gui_main"

typedef int (*SbGuiMainFunc) (int argc, char **argv);

/* Runs the application (GtkApplication's command line) and returns its
 * exit status. */
G_MODULE_EXPORT int sb_gui_main (int argc, char **argv);

G_END_DECLS
