/* sb-lesson.h — everything the window shows, in one GTK-free object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lesson holds the design on the board (a scenario), the run of the
 * simulation playing it, the timeline that makes stepping back possible,
 * whether it plays and how fast, the selection, the lesson step and the
 * board's marks (single points of failure, known issues, a request's
 * path).  The canvas and every panel are views of one lesson: they read
 * it when it says it changed, never on timers of their own, so two views
 * can never show two different moments or two different designs.
 */
#pragma once

#include <glib-object.h>

#include "lesson/sb-timeline.h"
#include "model/sb-scenario.h"
#include "sim/sb-narrator.h"
#include "sim/sb-sim.h"

G_BEGIN_DECLS

/* Simulated seconds per real second: the ladder faster / slower climbs. */
#define SB_LESSON_SPEED_MIN 0.25
#define SB_LESSON_SPEED_MAX 8.0

/* What a "changed" signal replaced; views redo only what they must. */
typedef enum {
  SB_LESSON_CHANGED_STATE  = 1 << 0,  /* same run, new state: a kill, a setting */
  SB_LESSON_CHANGED_RUN    = 1 << 1,  /* a new run: reset, step back (new sim, new events) */
  SB_LESSON_CHANGED_DESIGN = 1 << 2,  /* another scenario: a lesson step, a file, an edit */
  SB_LESSON_CHANGED_LAYOUT = 1 << 3,  /* elements moved on the board */
} SbLessonChange;

#define SB_TYPE_LESSON (sb_lesson_get_type ())

G_DECLARE_FINAL_TYPE (SbLesson, sb_lesson, SB, LESSON, GObject)

SbLesson         *sb_lesson_new                (void);

/* Shows a copy of SCENARIO from time 0: every view is replaced at once.
 * STEP is the bundled lesson step it is (its name), or NULL. */
void              sb_lesson_set_scenario       (SbLesson         *self,
                                                const SbScenario *scenario,
                                                const char       *step);
/* Replaces the design by an edited copy of it (a server added...): the
 * step stays, the run starts again, the lesson is marked modified and the
 * change can be undone.  A design the format refuses changes nothing and
 * fails with the format's message. */
gboolean          sb_lesson_edit               (SbLesson         *self,
                                                const SbScenario *scenario,
                                                GError          **error);
/* The design was saved: it is not modified until the next edit, and
 * undoing back to it clears the mark again. */
void              sb_lesson_mark_saved         (SbLesson         *self);

/* The history of edits and live settings (kills aside: Revive undoes
 * those).  Undoing a design edit puts the design back and starts the
 * run again; undoing a setting sets it back, now. */
gboolean          sb_lesson_get_can_undo       (SbLesson         *self);
gboolean          sb_lesson_get_can_redo       (SbLesson         *self);
void              sb_lesson_undo               (SbLesson         *self);
void              sb_lesson_redo               (SbLesson         *self);
/* The design: topology and positions.  Its settings are those the run
 * started with; the live ones are in the sim's scenario. */
const SbScenario *sb_lesson_get_scenario       (SbLesson         *self);
/* The run's scenario: the design with the settings changed live. */
const SbScenario *sb_lesson_get_live_scenario  (SbLesson         *self);
/* The design with the live settings, as it would be saved. */
SbScenario       *sb_lesson_dup_scenario       (SbLesson         *self);
SbSim            *sb_lesson_get_sim            (SbLesson         *self);
const char       *sb_lesson_get_step           (SbLesson         *self);
/* The bundled step after (DIR 1) or before (-1) the current one, or NULL
 * at either end; from a scenario that is no step, the first one. */
const char       *sb_lesson_get_adjacent_step  (SbLesson         *self,
                                                int               dir);

gboolean          sb_lesson_get_modified       (SbLesson         *self);
void              sb_lesson_set_modified       (SbLesson         *self,
                                                gboolean          modified);

/* Playing, and the speed: clamped to SB_LESSON_SPEED_MIN..MAX. */
void              sb_lesson_set_playing        (SbLesson         *self,
                                                gboolean          playing);
gboolean          sb_lesson_get_playing        (SbLesson         *self);
void              sb_lesson_set_speed          (SbLesson         *self,
                                                double            speed);
double            sb_lesson_get_speed          (SbLesson         *self);
/* The next speed of the ladder (0.25, 0.5, 1, 2, 4, 8) up (DIR 1) or down
 * (-1); FALSE at the end of the ladder. */
gboolean          sb_lesson_change_speed       (SbLesson         *self,
                                                int               dir);
gboolean          sb_lesson_can_change_speed   (SbLesson         *self,
                                                int               dir);

/* Moves the run on by REAL_US microseconds of real time times the speed
 * (a late frame counts as at most a quarter of a second).  Emits
 * "advanced"; "refresh" four times a second of real time, and at once
 * when more than requests happened (a kill, the balancer's view of a
 * server, an alert), so the panels agree with the board. */
void              sb_lesson_tick               (SbLesson         *self,
                                                gint64            real_us);
/* Moves the run on to simulated time TIME (µs), as playing would. */
void              sb_lesson_advance_to         (SbLesson         *self,
                                                gint64            time);
/* Starts the run again from time 0 with the live settings. */
void              sb_lesson_reset              (SbLesson         *self);
/* Pause, then the next / previous moment a request moves. */
void              sb_lesson_step_forward       (SbLesson         *self);
void              sb_lesson_step_back          (SbLesson         *self);

/* Kills, revives... ID now; remembered for stepping back. */
gboolean          sb_lesson_apply              (SbLesson         *self,
                                                SbAction          action,
                                                const char       *id,
                                                GError          **error);
void              sb_lesson_set_setting        (SbLesson         *self,
                                                SbSetting         setting,
                                                double            value);
/* The load balancer's mode and algorithm as the scenario format spells
 * them ("active-passive", "leastconn"...); setting one is a live setting. */
const char       *sb_lesson_get_mode           (SbLesson         *self);
void              sb_lesson_set_mode           (SbLesson         *self,
                                                const char       *mode);
const char       *sb_lesson_get_algorithm      (SbLesson         *self);
void              sb_lesson_set_algorithm      (SbLesson         *self,
                                                const char       *algorithm);

/* An element or machine id of the design, or NULL; an unknown id selects
 * nothing. */
void              sb_lesson_set_selected       (SbLesson         *self,
                                                const char       *id);
const char       *sb_lesson_get_selected       (SbLesson         *self);
/* The element after (DIR 1) or before (-1) the selection, in board order. */
void              sb_lesson_select_next        (SbLesson         *self,
                                                int               dir);

/* "none", "reads" or "writes"; the ids marked, for the live settings. */
void              sb_lesson_set_spof_mode      (SbLesson         *self,
                                                const char       *mode);
const char       *sb_lesson_get_spof_mode      (SbLesson         *self);
GPtrArray        *sb_lesson_get_spofs          (SbLesson         *self);
void              sb_lesson_set_show_issues    (SbLesson         *self,
                                                gboolean          show);
gboolean          sb_lesson_get_show_issues    (SbLesson         *self);
/* The elements of a request's path, numbered on the board, or NULL. */
void              sb_lesson_set_highlight      (SbLesson         *self,
                                                const char * const *path);
const char * const *sb_lesson_get_highlight    (SbLesson         *self);

/* Moves component ID of the design to X, Y (diagram units). */
void              sb_lesson_move_component     (SbLesson         *self,
                                                const char       *id,
                                                double            x,
                                                double            y);
/* Moves the N components IDS of the design to XS, YS at once (a machine
 * dragged with everything on it): one "changed" for them all. */
void              sb_lesson_move_components    (SbLesson         *self,
                                                const char * const *ids,
                                                const double     *xs,
                                                const double     *ys,
                                                guint             n);
/* Ends a series of moves: the design was edited ("edited" is emitted, as
 * after sb_lesson_edit()).  Nothing happens when no move is under way,
 * or when an sb_lesson_edit() ended it (a drop onto a machine, one change
 * with the drag). */
void              sb_lesson_end_move           (SbLesson         *self);
/* Puts back the design as it was before the moves, leaving nothing to
 * undo or redo of them: a drop the format refuses changes nothing. */
void              sb_lesson_cancel_move        (SbLesson         *self);
gboolean          sb_lesson_get_moving         (SbLesson         *self);

/* Database ID's role in the run (a promotion changes it), or NONE. */
SbDbRole          sb_lesson_get_role           (SbLesson         *self,
                                                const char       *id);

/* The author's own explanation of element ID (from the file or the
 * bundled step), translated, while it is still true of it: the element
 * is what it was when the design was opened, in the same role, machine
 * and settings; NULL otherwise or when there is none. */
char             *sb_lesson_dup_note           (SbLesson         *self,
                                                const char       *id);

/* Narration: what just happened, in one line ("caption" signal and
 * property); the narrator keeps the run's recent captions. */
SbNarrator       *sb_lesson_get_narrator       (SbLesson         *self);
const char       *sb_lesson_get_caption        (SbLesson         *self);

/* The design's lesson script, played from its beginning while
 * "script-playing": its moments act at their times, and at a question
 * the clock stops ("waiting") until the class has voted (keys 1-4) and
 * the answer is revealed. */
gboolean          sb_lesson_get_has_script     (SbLesson         *self);
void              sb_lesson_set_script_playing (SbLesson         *self,
                                                gboolean          playing);
gboolean          sb_lesson_get_script_playing (SbLesson         *self);
/* The question the script waits at, and its number (from 1), or NULL. */
const SbMoment   *sb_lesson_get_question       (SbLesson         *self,
                                                guint            *number);
/* The class's vote on it (1..), 0 for none yet. */
int               sb_lesson_get_vote           (SbLesson         *self);
gboolean          sb_lesson_vote               (SbLesson         *self,
                                                int               choice,
                                                GError          **error);
/* Tells the answer, and the clock goes on. */
void              sb_lesson_reveal             (SbLesson         *self);
/* What Space does: reveal the answer at a question, else play or pause. */
void              sb_lesson_play_pause         (SbLesson         *self);

G_END_DECLS
