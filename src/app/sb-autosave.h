/* sb-autosave.h — the edited scenario, kept safe until it is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/sb-scenario.h"

G_BEGIN_DECLS

/* $XDG_DATA_HOME/stackboard/autosave.json */
char       *sb_autosave_path   (void);
gboolean    sb_autosave_write  (const SbScenario *scenario,
                                GError          **error);
/* The autosaved scenario, or NULL (none, or unreadable: then it is
 * removed, since a broken autosave must not block every start). */
SbScenario *sb_autosave_load   (void);
void        sb_autosave_clear  (void);

G_END_DECLS
