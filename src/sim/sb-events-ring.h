/* sb-events-ring.h — the last N events, numbered forever
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fixed array used as a ring: pushing the N+1-th event overwrites the
 * oldest.  Events keep their sequence number, so a reader that remembers
 * the last one it saw can fetch only the newer ones.
 */
#pragma once

#include <glib.h>

#include "sim/sb-sim.h"

G_BEGIN_DECLS

typedef struct {
  SbSimEvent *items;
  guint       capacity;
  guint64     end;        /* seq of the next event */
} SbEventsRing;

void               sb_events_ring_init   (SbEventsRing       *ring,
                                          guint               capacity);
void               sb_events_ring_clear  (SbEventsRing       *ring);
/* A zeroed slot with seq set, to fill in. */
SbSimEvent        *sb_events_ring_push   (SbEventsRing       *ring);
guint64            sb_events_ring_first  (const SbEventsRing *ring);
/* NULL when SEQ was overwritten or not pushed yet. */
const SbSimEvent  *sb_events_ring_get    (const SbEventsRing *ring,
                                          guint64             seq);

G_END_DECLS
