/* sb-event-queue.h — timed events in a binary min-heap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ordered by (time, seq): seq is given at push time, so two events due at
 * the same microsecond run in the order they were scheduled and a run is
 * reproducible.  Push and pop are O(log n) at worst, O(1) for the usual
 * fixed-delay streams; memory only grows to the largest number of events
 * pending at once.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SB_EVENT_ARRIVAL,        /* the next request arrives */
  SB_EVENT_HOP,            /* ptr (a request) reaches the end of its hop */
  SB_EVENT_CHECK,          /* health check of backend `index` */
  SB_EVENT_REPL_APPLY,     /* replica `index` applies version `tag` */
  SB_EVENT_VRRP,           /* the backup load balancer's master-down timer */
  SB_EVENT_METRICS,        /* every monitoring agent reports */
} SbEventKind;

typedef struct {
  gint64    time;          /* µs */
  guint64   seq;           /* set by push */
  gpointer  ptr;
  guint64   tag;           /* request id or version */
  guint32   gen;           /* generation: stale events are skipped */
  gint32    index;
  SbEventKind kind;
} SbEvent;

/* Most events come in streams with a fixed delay (every hop takes `hop`,
 * every replication apply `lag`), so they are pushed in time order: such
 * an event goes at the end of a FIFO lane whose last event is not later
 * (the lane whose last event is closest, so streams keep to their lane),
 * in O(1).  The others go to a binary heap, in O(log n).  Popping takes
 * the earliest of the lane heads and the heap top.  Every lane and the
 * heap are sorted by (time, seq), so the order is exactly that of one
 * heap. */
#define SB_EVENT_QUEUE_LANES 4

typedef struct {
  SbEvent *items;          /* ring buffer */
  guint    head;
  guint    len;
  guint    allocated;      /* a power of two */
} SbEventLane;

/* The heap orders small keys; the events themselves wait in a slab of
 * slots, so sifting moves 16 bytes instead of a whole event. */
typedef struct {
  gint64   time;
  guint64  order;          /* seq << 24 | slot: seq decides, slot finds */
} SbEventKey;

typedef struct {
  SbEventKey  *keys;
  guint        len;
  guint        allocated;
  SbEvent     *slots;
  guint32     *free_slots; /* stack of unused slot numbers */
  guint        n_free;
  guint        n_slots;
  SbEventLane  lanes[SB_EVENT_QUEUE_LANES];
  guint64      next_seq;
} SbEventQueue;

void            sb_event_queue_init   (SbEventQueue  *queue);
void            sb_event_queue_clear  (SbEventQueue  *queue);
void            sb_event_queue_push   (SbEventQueue  *queue,
                                       const SbEvent *event);
/* The earliest event, or NULL when empty. */
const SbEvent  *sb_event_queue_peek   (const SbEventQueue *queue);
gboolean        sb_event_queue_pop    (SbEventQueue  *queue,
                                       SbEvent       *out);
/* Pops the earliest event only if it is due at or before LIMIT. */
gboolean        sb_event_queue_pop_until (SbEventQueue *queue,
                                          gint64        limit,
                                          SbEvent      *out);
guint           sb_event_queue_size   (const SbEventQueue *queue);
/* Drops the events KEEP says no to, in O(n); the others keep their order. */
void            sb_event_queue_filter (SbEventQueue  *queue,
                                       gboolean     (*keep) (const SbEvent *event,
                                                             gpointer       data),
                                       gpointer       data);
/* Pending events in no particular order, for scans. */
const SbEvent  *sb_event_queue_nth    (const SbEventQueue *queue,
                                       guint          index);

G_END_DECLS
