/* sb-timeline.h — what the teacher did during a run, to replay it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The simulation is deterministic, so any earlier moment of the lesson is
 * the scenario run again from the start with the same actions at the same
 * times.  A plain struct owned by the lesson (sb-lesson.c); no GTK.
 */
#pragma once

#include "sim/sb-sim.h"

G_BEGIN_DECLS

/* What a teacher does to an element of the running simulation. */
typedef enum {
  SB_ACTION_KILL,
  SB_ACTION_REVIVE,
  SB_ACTION_PROMOTE,
  SB_ACTION_OPEN_FIREWALL,
  SB_ACTION_CLOSE_FIREWALL,
} SbAction;

/* The settings a teacher changes live; each takes the value as a double
 * (an enum's value for algorithm, mode and check; 0/1 for redispatch). */
typedef enum {
  SB_SETTING_ALGORITHM,
  SB_SETTING_MODE,
  SB_SETTING_CHECK,
  SB_SETTING_INTERVAL,
  SB_SETTING_REDISPATCH,
  SB_SETTING_RATE,
  SB_SETTING_READ_RATIO,
  SB_SETTING_LAG,
  SB_SETTING_TTL,
} SbSetting;

/* The value of SETTING in SCENARIO, as sb_timeline_set_setting() takes it. */
double      sb_setting_get            (const SbScenario *scenario,
                                       SbSetting         setting);

typedef struct _SbTimeline SbTimeline;

SbTimeline *sb_timeline_new           (void);
void        sb_timeline_free          (SbTimeline       *self);
void        sb_timeline_clear         (SbTimeline       *self);

/* Run on SIM now and remember, at the sim's current time. */
gboolean    sb_timeline_apply         (SbTimeline       *self,
                                       SbSim            *sim,
                                       SbAction          action,
                                       const char       *id,
                                       GError          **error);
void        sb_timeline_set_setting   (SbTimeline       *self,
                                       SbSim            *sim,
                                       SbSetting         setting,
                                       double            value);

/* How a replay moves a sim's time on: sb_sim_advance_to(), or a lesson
 * script's player, which acts at the script's moments on the way. */
typedef void (*SbTimelineAdvance) (SbSim    *sim,
                                   gint64    time,
                                   gpointer  user_data);

/* Plays SIM (a new sim of the run's scenario, at time 0) to TARGET (µs)
 * with every remembered step, each after the events due at its moment;
 * ADVANCE moves its time (NULL: sb_sim_advance_to).  *PREV_HOP gets the
 * last hop time strictly before TARGET (0 if none). */
void        sb_timeline_replay        (SbTimeline        *self,
                                       SbSim             *sim,
                                       gint64             target,
                                       gint64            *prev_hop,
                                       SbTimelineAdvance  advance,
                                       gpointer           user_data);
/* Forgets what was done after TIME (µs). */
void        sb_timeline_forget_after  (SbTimeline       *self,
                                       gint64            time);

G_END_DECLS
