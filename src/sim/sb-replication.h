/* sb-replication.h — asynchronous MySQL replication, as versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The primary's version counts its committed writes.  A replica that is up
 * when a write commits receives it at once (the binary log is streamed)
 * and applies it `lag` later.  A replica that was down, or whose primary
 * was down, catches up `lag` after both are up again.
 */
#pragma once

#include <glib.h>

#include "sim/sb-event-queue.h"
#include "sim/sb-topology.h"

G_BEGIN_DECLS

typedef struct {
  int       element;
  SbDbRole  role;
  gint64    version;       /* applied (for the primary: committed) */
  gint64    received;      /* highest version on its way to it */
  guint32   gen;           /* bumped to drop the applies still pending */
  gboolean  up;            /* true state, as last told */
  gboolean  waiting;       /* behind, waiting for the primary to be up */
} SbReplDb;

typedef struct {
  SbReplDb *dbs;
  guint     n_dbs;
  int       primary;       /* index in dbs, or -1 */
  guint64   lost_writes;
} SbReplication;

void      sb_replication_init      (SbReplication    *repl,
                                    const SbTopology *topo);
void      sb_replication_clear     (SbReplication    *repl);
/* Index in dbs of the database ELEMENT, or -1. */
int       sb_replication_find      (const SbReplication *repl,
                                    int               element);
gint64    sb_replication_version   (const SbReplication *repl);
/* Commits one write on the primary and ships it to the replicas that are
 * up; returns the new version. */
gint64    sb_replication_commit    (SbReplication    *repl,
                                    SbEventQueue     *queue,
                                    gint64            now,
                                    gint64            lag);
void      sb_replication_apply     (SbReplication    *repl,
                                    guint             index,
                                    gint64            version,
                                    guint32           gen);
/* A read served by database INDEX now is stale. */
gboolean  sb_replication_is_stale  (const SbReplication *repl,
                                    guint             index);
/* Tells the true state of database INDEX; starts catch-ups as needed. */
void      sb_replication_set_up    (SbReplication    *repl,
                                    SbEventQueue     *queue,
                                    gint64            now,
                                    gint64            lag,
                                    guint             index,
                                    gboolean          up);
/* Makes replica INDEX the primary (the caller checked it is an up replica). */
void      sb_replication_promote   (SbReplication    *repl,
                                    SbEventQueue     *queue,
                                    gint64            now,
                                    gint64            lag,
                                    guint             index);

G_END_DECLS
