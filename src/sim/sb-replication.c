/* sb-replication.c — versions, lag, catch-up and promotion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-replication.h"

void
sb_replication_init (SbReplication    *repl,
                     const SbTopology *topo)
{
  repl->n_dbs = topo->n_databases;
  repl->dbs = g_new0 (SbReplDb, MAX (repl->n_dbs, 1));
  repl->primary = -1;
  repl->lost_writes = 0;
  for (guint i = 0; i < repl->n_dbs; i++)
    {
      SbReplDb *db = &repl->dbs[i];

      db->element = topo->databases[i];
      db->up = TRUE;
      /* One primary: a second one written in the file replicates from the first. */
      if (topo->elements[db->element].role == SB_DB_ROLE_PRIMARY && repl->primary < 0)
        {
          db->role = SB_DB_ROLE_PRIMARY;
          repl->primary = (int) i;
        }
      else
        db->role = SB_DB_ROLE_REPLICA;
    }
}

void
sb_replication_clear (SbReplication *repl)
{
  g_clear_pointer (&repl->dbs, g_free);
  repl->n_dbs = 0;
  repl->primary = -1;
}

int
sb_replication_find (const SbReplication *repl,
                     int                  element)
{
  for (guint i = 0; i < repl->n_dbs; i++)
    if (repl->dbs[i].element == element)
      return (int) i;
  return -1;
}

gint64
sb_replication_version (const SbReplication *repl)
{
  return repl->primary >= 0 ? repl->dbs[repl->primary].version : 0;
}

static void
ship (SbReplication *repl,
      SbEventQueue  *queue,
      gint64         when,
      guint          index,
      gint64         version)
{
  SbReplDb *db = &repl->dbs[index];
  SbEvent ev = { 0 };

  ev.time = when;
  ev.kind = SB_EVENT_REPL_APPLY;
  ev.index = (gint32) index;
  ev.tag = (guint64) version;
  ev.gen = db->gen;
  db->received = MAX (db->received, version);
  db->waiting = FALSE;
  sb_event_queue_push (queue, &ev);
}

gint64
sb_replication_commit (SbReplication *repl,
                       SbEventQueue  *queue,
                       gint64         now,
                       gint64         lag)
{
  SbReplDb *primary;

  g_return_val_if_fail (repl->primary >= 0, 0);
  primary = &repl->dbs[repl->primary];
  primary->received = ++primary->version;
  for (guint i = 0; i < repl->n_dbs; i++)
    {
      SbReplDb *db = &repl->dbs[i];

      if ((int) i == repl->primary || !db->up)
        continue;
      /* No lag: applied with the commit, before anything else due now. */
      if (lag <= 0)
        db->version = db->received = primary->version;
      else
        ship (repl, queue, now + lag, i, primary->version);
    }
  return primary->version;
}

void
sb_replication_apply (SbReplication *repl,
                      guint          index,
                      gint64         version,
                      guint32        gen)
{
  SbReplDb *db;

  g_return_if_fail (index < repl->n_dbs);
  db = &repl->dbs[index];
  /* MAX: after the lag was shortened, a later write may land first. */
  if (db->gen == gen && db->up && (int) index != repl->primary)
    db->version = MAX (db->version, version);
}

gboolean
sb_replication_is_stale (const SbReplication *repl,
                         guint                index)
{
  g_return_val_if_fail (index < repl->n_dbs, FALSE);
  return (int) index != repl->primary && repl->primary >= 0
         && repl->dbs[index].version < sb_replication_version (repl);
}

/* Replica INDEX reconnects to the primary and fetches what it missed. */
static void
catch_up (SbReplication *repl,
          SbEventQueue  *queue,
          gint64         now,
          gint64         lag,
          guint          index)
{
  SbReplDb *db = &repl->dbs[index];
  gint64 target = sb_replication_version (repl);

  if (repl->primary < 0 || (int) index == repl->primary || !db->up)
    return;
  if (!repl->dbs[repl->primary].up)
    db->waiting = db->version < target;
  else if (db->received < target)
    ship (repl, queue, now + lag, index, target);
}

void
sb_replication_set_up (SbReplication *repl,
                       SbEventQueue  *queue,
                       gint64         now,
                       gint64         lag,
                       guint          index,
                       gboolean       up)
{
  SbReplDb *db;

  g_return_if_fail (index < repl->n_dbs);
  db = &repl->dbs[index];
  if (db->up == up)
    return;
  db->up = up;
  if (!up)
    {
      /* What it had received but not applied is fetched again on return. */
      db->gen++;
      db->received = db->version;
      db->waiting = FALSE;
      return;
    }
  if ((int) index != repl->primary)
    {
      catch_up (repl, queue, now, lag, index);
      return;
    }
  for (guint i = 0; i < repl->n_dbs; i++)
    if (repl->dbs[i].waiting)
      catch_up (repl, queue, now, lag, i);
}

void
sb_replication_promote (SbReplication *repl,
                        SbEventQueue  *queue,
                        gint64         now,
                        gint64         lag,
                        guint          index)
{
  SbReplDb *chosen;
  gint64 old_version = sb_replication_version (repl);

  g_return_if_fail (index < repl->n_dbs && (int) index != repl->primary);
  chosen = &repl->dbs[index];
  /* As in a careful failover, the replica first applies its relay log:
   * everything it received.  Writes it never received are lost. */
  chosen->version = MAX (chosen->version, chosen->received);
  if (old_version > chosen->version)
    repl->lost_writes += (guint64) (old_version - chosen->version);
  if (repl->primary >= 0)
    repl->dbs[repl->primary].role = SB_DB_ROLE_REPLICA;
  chosen->role = SB_DB_ROLE_PRIMARY;
  repl->primary = (int) index;
  for (guint i = 0; i < repl->n_dbs; i++)
    {
      SbReplDb *db = &repl->dbs[i];

      /* Every database now follows the new primary: drop what the old one
       * was sending, and never be ahead of the new history. */
      db->gen++;
      db->version = MIN (db->version, chosen->version);
      db->received = db->version;
      db->waiting = FALSE;
      if ((int) i != repl->primary)
        catch_up (repl, queue, now, lag, i);
    }
}
