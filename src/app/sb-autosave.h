/* sb-autosave.h — an edited scenario kept safe until it is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One recovery per window: its scenario and the file it was opened from,
 * in $XDG_DATA_HOME/stackboard/recovery/, written a moment after the last
 * edit.  A window owns its recovery by holding a lock on it for as long as
 * it lives: no other window, in this process or another Stackboard, ever
 * writes over it.  When the owner dies (a crash, kill -9, a power cut) the
 * lock goes with it, and the recovery is an orphan, offered back by the
 * next window.  GLib only, no GTK: tested without a display.
 */
#pragma once

#include "model/sb-scenario.h"

G_BEGIN_DECLS

/* How long after the last edit the recovery is written: a drag of the
 * board writes once, not at every motion event. */
#define SB_AUTOSAVE_DELAY_MS 1000

typedef struct _SbAutosave SbAutosave;

/* $XDG_DATA_HOME/stackboard/recovery */
char        *sb_autosave_dir         (void);

/* A recovery of its own for a window; nothing is written until an edit. */
SbAutosave  *sb_autosave_new         (void);
/* Keeps what is pending (written now) and lets the lock go: the recovery
 * becomes an orphan if it holds anything. */
void         sb_autosave_free        (SbAutosave       *self);

/* Takes over an orphan: the newest one for DOCUMENT (a path), or when
 * DOCUMENT is NULL the newest of any document.  On success SELF now owns
 * it (the one it had is discarded), *SCENARIO is the scenario it holds
 * and *DOCUMENT_OUT (when not NULL) the file it belongs to, or NULL.
 * Orphans that do not load are removed on the way. */
gboolean     sb_autosave_claim       (SbAutosave       *self,
                                      const char       *document,
                                      SbScenario      **scenario,
                                      char            **document_out);
/* Whether an orphan waits for DOCUMENT (NULL: for any document), without
 * taking it. */
gboolean     sb_autosave_has_orphan  (const char       *document);

/* SCENARIO, edited, belonging to DOCUMENT (a path, or NULL for a bundled
 * or new one), is written SB_AUTOSAVE_DELAY_MS after the last call. */
void         sb_autosave_schedule    (SbAutosave       *self,
                                      const SbScenario *scenario,
                                      const char       *document);
/* Writes what is scheduled now, if anything. */
gboolean     sb_autosave_flush       (SbAutosave       *self,
                                      GError          **error);
/* Nothing to recover any more (saved, or the edit discarded). */
void         sb_autosave_discard     (SbAutosave       *self);
/* The scenario file of SELF's recovery (it exists once written). */
const char  *sb_autosave_get_path    (SbAutosave       *self);

/* Removes every orphan; for tests, which start from none. */
void         sb_autosave_clear       (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbAutosave, sb_autosave_free)

G_END_DECLS
