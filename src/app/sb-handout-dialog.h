/* sb-handout-dialog.h — a PDF handout from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "app/sb-window.h"

G_BEGIN_DECLS

/* Asks where to save, then writes the handout: the design on the board
 * (its clean diagram, with what is killed, then its review), or with
 * LESSON the four bundled steps.  The window tells how it went. */
void      sb_handout_dialog_run    (SbWindow    *window,
                                    gboolean     lesson);
/* The same without asking, for tests and the dialog. */
gboolean  sb_handout_dialog_write  (SbWindow    *window,
                                    const char  *path,
                                    gboolean     lesson,
                                    GError     **error);

G_END_DECLS
