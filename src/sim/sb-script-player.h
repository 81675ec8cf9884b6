/* sb-script-player.h — plays a lesson script on a simulation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The player runs the sim forward for its caller and does each moment of
 * the script when the sim reaches its time (after the events due then, as
 * a kill from the command line): first the action, then, when the moment
 * asks a question, it stops there and waits.  The class votes
 * (sb_script_player_vote, as often as it changes its mind), the teacher
 * reveals (sb_script_player_reveal) and the next advance plays on.  A
 * moment without a question tells its reveal text at once.
 *
 * The window drives it each frame with the time its clock wants:
 *
 *     sb_script_player_advance_to (player, sim, narrator, target, &error);
 *     if (sb_script_player_get_waiting (player, &number) != NULL)
 *       → stop the clock, show the question card; keys 1–4 vote,
 *         Space reveals and starts the clock again.
 *
 * The player copies the script; it holds no sim or narrator (both are
 * passed in, the narrator may be NULL), so a replayed sim only needs a new
 * player.  GTK-free, not thread-safe.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"
#include "sim/sb-narrator.h"
#include "sim/sb-sim.h"

G_BEGIN_DECLS

typedef struct _SbScriptPlayer SbScriptPlayer;

SbScriptPlayer  *sb_script_player_new          (const SbScript  *script);
void             sb_script_player_free         (SbScriptPlayer  *self);

/* Runs SIM to TARGET (µs), playing the moments due on the way, and
 * narrating them with NARRATOR when not NULL.  Stops early at a moment
 * with a question: the sim stays at its time and the player waits; while
 * it waits this does nothing.  When a moment's action cannot be done (a
 * replica that is down cannot be promoted) the moment is skipped, the sim
 * stays at its time, and ERROR names it, as in "script.moments[2]: “db-2”
 * is down and cannot be promoted"; calling again plays on. */
gboolean         sb_script_player_advance_to   (SbScriptPlayer  *self,
                                                SbSim           *sim,
                                                SbNarrator      *narrator,
                                                gint64           target,
                                                GError         **error);

/* The moment waiting for its reveal and its question's number (from 1),
 * or NULL when nothing waits. */
const SbMoment  *sb_script_player_get_waiting  (SbScriptPlayer  *self,
                                                guint           *number);
/* Records the class's choice, 1 to the number of choices, for the
 * question waiting; FALSE with an error when none waits or CHOICE is not
 * one of its choices. */
gboolean         sb_script_player_vote         (SbScriptPlayer  *self,
                                                int              choice,
                                                GError         **error);
/* The choice recorded for the question waiting, or 0. */
int              sb_script_player_get_vote     (SbScriptPlayer  *self);
/* Tells the answer (a REVEAL caption) and stops waiting; does nothing
 * when nothing waits. */
void             sb_script_player_reveal       (SbScriptPlayer  *self,
                                                SbSim           *sim,
                                                SbNarrator      *narrator);

/* The index of the next moment to play; the number of moments when all
 * were played. */
guint            sb_script_player_get_next     (SbScriptPlayer  *self);
const SbScript  *sb_script_player_get_script   (SbScriptPlayer  *self);
/* The script's end, µs. */
gint64           sb_script_player_get_end      (SbScriptPlayer  *self);
/* Every moment played and nothing waiting. */
gboolean         sb_script_player_is_done      (SbScriptPlayer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbScriptPlayer, sb_script_player_free)

G_END_DECLS
