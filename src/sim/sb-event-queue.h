/* sb-event-queue.h — timed events in a binary min-heap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ordered by (time, seq): seq is given at push time, so two events due at
 * the same microsecond run in the order they were scheduled and a run is
 * reproducible.  Push and pop are O(log n); the heap is one flat array
 * that only grows to the largest number of pending events.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SB_EVENT_ARRIVAL,        /* the next request arrives */
  SB_EVENT_HOP,            /* ptr (a request) reaches the end of its hop */
  SB_EVENT_CHECK,          /* health check of backend `index` */
  SB_EVENT_REPL_APPLY,     /* replica `index` applies version `tag` */
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

typedef struct {
  SbEvent  *items;
  guint     len;
  guint     allocated;
  guint64   next_seq;
} SbEventQueue;

void            sb_event_queue_init   (SbEventQueue  *queue);
void            sb_event_queue_clear  (SbEventQueue  *queue);
void            sb_event_queue_push   (SbEventQueue  *queue,
                                       const SbEvent *event);
/* The earliest event, or NULL when empty. */
const SbEvent  *sb_event_queue_peek   (const SbEventQueue *queue);
gboolean        sb_event_queue_pop    (SbEventQueue  *queue,
                                       SbEvent       *out);
guint           sb_event_queue_size   (const SbEventQueue *queue);
/* Pending events in heap order (not sorted), for scans. */
const SbEvent  *sb_event_queue_nth    (const SbEventQueue *queue,
                                       guint          index);

G_END_DECLS
