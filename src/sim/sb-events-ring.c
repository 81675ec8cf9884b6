/* sb-events-ring.c — bounded log of recent events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-events-ring.h"

void
sb_events_ring_init (SbEventsRing *ring,
                     guint         capacity)
{
  ring->capacity = MAX (capacity, 1);
  ring->items = g_new0 (SbSimEvent, ring->capacity);
  ring->end = 0;
}

void
sb_events_ring_clear (SbEventsRing *ring)
{
  g_clear_pointer (&ring->items, g_free);
  ring->end = 0;
}

SbSimEvent *
sb_events_ring_push (SbEventsRing *ring)
{
  SbSimEvent *event = &ring->items[ring->end % ring->capacity];

  memset (event, 0, sizeof *event);
  event->seq = ring->end++;
  return event;
}

guint64
sb_events_ring_first (const SbEventsRing *ring)
{
  return ring->end > ring->capacity ? ring->end - ring->capacity : 0;
}

const SbSimEvent *
sb_events_ring_get (const SbEventsRing *ring,
                    guint64             seq)
{
  if (seq < sb_events_ring_first (ring) || seq >= ring->end)
    return NULL;
  return &ring->items[seq % ring->capacity];
}
