/* sb-recovery-dialog.h — unsaved changes to a file, offered before it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "app/sb-window.h"

G_BEGIN_DECLS

/* When a Stackboard that died left unsaved changes to FILE, asks whether
 * to recover them or open the file as saved, and does it; returns TRUE
 * (the dialog is up).  FALSE when there is nothing to recover. */
gboolean sb_recovery_dialog_offer (SbWindow *window,
                                   GFile    *file);

G_END_DECLS
