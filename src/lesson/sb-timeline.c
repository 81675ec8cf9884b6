/* sb-timeline.c — the teacher's actions and setting changes, replayable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-timeline.h"

/* One thing the teacher did: an action on ID, or (ID NULL) a setting. */
typedef struct {
  gint64  time;
  int     what;    /* SbAction, or SbSetting when id is NULL */
  char   *id;
  double  value;
} Entry;

struct _SbTimeline {
  GArray *log;     /* Entry, in time order */
};

static void
entry_clear (gpointer data)
{
  g_free (((Entry *) data)->id);
}

SbTimeline *
sb_timeline_new (void)
{
  SbTimeline *self = g_new0 (SbTimeline, 1);

  self->log = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->log, entry_clear);
  return self;
}

void
sb_timeline_free (SbTimeline *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->log);
  g_free (self);
}

void
sb_timeline_clear (SbTimeline *self)
{
  g_array_set_size (self->log, 0);
}

static gboolean
run_action (SbSim           *sim,
            SbAction   action,
            const char      *id,
            GError         **error)
{
  switch (action)
    {
    case SB_ACTION_REVIVE:
      return sb_sim_revive (sim, id, error);
    case SB_ACTION_PROMOTE:
      return sb_sim_promote (sim, id, error);
    case SB_ACTION_OPEN_FIREWALL:
    case SB_ACTION_CLOSE_FIREWALL:
      return sb_sim_set_firewall_open (sim, id, action == SB_ACTION_OPEN_FIREWALL, error);
    case SB_ACTION_KILL:
    default:
      return sb_sim_kill (sim, id, error);
    }
}

static void
run_setting (SbSim     *sim,
             SbSetting  setting,
             double     value)
{
  switch (setting)
    {
    case SB_SETTING_ALGORITHM:
      sb_sim_set_algorithm (sim, (SbAlgorithm) value);
      break;
    case SB_SETTING_MODE:
      sb_sim_set_mode (sim, (SbMode) value);
      break;
    case SB_SETTING_CHECK:
      sb_sim_set_check (sim, (SbCheckType) value);
      break;
    case SB_SETTING_INTERVAL:
      sb_sim_set_interval (sim, value);
      break;
    case SB_SETTING_REDISPATCH:
      sb_sim_set_redispatch (sim, value != 0);
      break;
    case SB_SETTING_RATE:
      sb_sim_set_rate (sim, value);
      break;
    case SB_SETTING_READ_RATIO:
      sb_sim_set_read_ratio (sim, value);
      break;
    case SB_SETTING_LAG:
      sb_sim_set_lag (sim, value);
      break;
    case SB_SETTING_TTL:
    default:
      sb_sim_set_ttl (sim, value);
      break;
    }
}

double
sb_setting_get (const SbScenario *scenario,
                SbSetting         setting)
{
  switch (setting)
    {
    case SB_SETTING_ALGORITHM:
      return scenario->balancer.algorithm;
    case SB_SETTING_MODE:
      return scenario->balancer.mode;
    case SB_SETTING_CHECK:
      return scenario->balancer.check;
    case SB_SETTING_INTERVAL:
      return scenario->balancer.interval;
    case SB_SETTING_REDISPATCH:
      return scenario->balancer.redispatch;
    case SB_SETTING_RATE:
      return scenario->traffic.rate;
    case SB_SETTING_READ_RATIO:
      return scenario->traffic.read_ratio;
    case SB_SETTING_LAG:
      return scenario->lag;
    case SB_SETTING_TTL:
    default:
      return scenario->ttl;
    }
}

static void
replay_entry (SbSim          *sim,
              const Entry *e)
{
  if (e->id != NULL)
    run_action (sim, e->what, e->id, NULL);
  else
    run_setting (sim, e->what, e->value);
}

gboolean
sb_timeline_apply (SbTimeline      *self,
                   SbSim           *sim,
                   SbAction   action,
                   const char      *id,
                   GError         **error)
{
  Entry entry;

  if (!run_action (sim, action, id, error))
    return FALSE;
  entry = (Entry) { sb_sim_get_time (sim), action, g_strdup (id), 0 };
  g_array_append_val (self->log, entry);
  return TRUE;
}

void
sb_timeline_set_setting (SbTimeline *self,
                         SbSim      *sim,
                         SbSetting   setting,
                         double      value)
{
  Entry entry = { sb_sim_get_time (sim), setting, NULL, value };

  run_setting (sim, setting, value);
  g_array_append_val (self->log, entry);
}

static void
advance_plainly (SbSim    *sim,
                 gint64    time,
                 gpointer  user_data)
{
  sb_sim_advance_to (sim, time);
}

void
sb_timeline_replay (SbTimeline        *self,
                    SbSim             *sim,
                    gint64             target,
                    gint64            *prev_hop,
                    SbTimelineAdvance  advance,
                    gpointer           user_data)
{
  guint next_action = 0;

  if (advance == NULL)
    advance = advance_plainly;
  *prev_hop = 0;
  for (;;)
    {
      gint64 hop = sb_sim_get_next_hop_time (sim);
      gint64 at = next_action < self->log->len
                  ? g_array_index (self->log, Entry, next_action).time : G_MAXINT64;

      if (hop < 0)
        hop = G_MAXINT64;
      /* An action at time T came after the events due at T, as it did live. */
      if (hop < target && hop <= at)
        {
          *prev_hop = hop;
          advance (sim, hop, user_data);
        }
      else if (at <= target)
        {
          const Entry *e = &g_array_index (self->log, Entry, next_action++);

          advance (sim, at, user_data);
          replay_entry (sim, e);
        }
      else
        break;
    }
  advance (sim, target, user_data);
}

void
sb_timeline_forget_after (SbTimeline *self,
                          gint64      time)
{
  while (self->log->len > 0 && g_array_index (self->log, Entry, self->log->len - 1).time > time)
    g_array_set_size (self->log, self->log->len - 1);
}
