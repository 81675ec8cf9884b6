/* sb-event-queue.c — FIFO lanes in front of a binary min-heap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-event-queue.h"

#define SLOT_BITS 24
#define SLOT_MASK ((G_GUINT64_CONSTANT (1) << SLOT_BITS) - 1)

void
sb_event_queue_init (SbEventQueue *queue)
{
  *queue = (SbEventQueue) { 0 };
}

void
sb_event_queue_clear (SbEventQueue *queue)
{
  g_free (queue->keys);
  g_free (queue->slots);
  g_free (queue->free_slots);
  for (guint l = 0; l < SB_EVENT_QUEUE_LANES; l++)
    g_free (queue->lanes[l].items);
  *queue = (SbEventQueue) { 0 };
}

static inline gboolean
event_before (const SbEvent *a,
              const SbEvent *b)
{
  return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

/* --- lanes ------------------------------------------------------------ */

static inline SbEvent *
lane_at (const SbEventLane *lane,
         guint              i)
{
  return &lane->items[(lane->head + i) & (lane->allocated - 1)];
}

static void
lane_append (SbEventLane   *lane,
             const SbEvent *event)
{
  if (lane->len == lane->allocated)
    {
      guint old = lane->allocated;
      guint wrapped = lane->head + lane->len - old;

      lane->allocated = MAX (64, old * 2);
      lane->items = g_renew (SbEvent, lane->items, lane->allocated);
      /* Unwrap: move the part that wrapped around to the new space. */
      if (old > 0 && lane->head > 0)
        memcpy (lane->items + old, lane->items, wrapped * sizeof (SbEvent));
    }
  *lane_at (lane, lane->len++) = *event;
}

/* The lane whose last event is the latest one not after EVENT, or an
 * empty lane, or -1: then EVENT goes to the heap. */
static int
pick_lane (const SbEventQueue *queue,
           const SbEvent      *event)
{
  int best = -1, empty = -1;

  for (guint l = 0; l < SB_EVENT_QUEUE_LANES; l++)
    {
      const SbEventLane *lane = &queue->lanes[l];
      const SbEvent *tail;

      if (lane->len == 0)
        {
          if (empty < 0)
            empty = (int) l;
          continue;
        }
      tail = lane_at (lane, lane->len - 1);
      if (tail->time <= event->time
          && (best < 0 || tail->time > lane_at (&queue->lanes[best],
                                                queue->lanes[best].len - 1)->time))
        best = (int) l;
    }
  return best >= 0 ? best : empty;
}

/* --- heap ------------------------------------------------------------- */

static inline gboolean
key_before (const SbEventKey *a,
            const SbEventKey *b)
{
  return a->time < b->time || (a->time == b->time && a->order < b->order);
}

static guint32
take_slot (SbEventQueue *queue)
{
  if (queue->n_free > 0)
    return queue->free_slots[--queue->n_free];
  g_assert (queue->n_slots < SLOT_MASK);
  return queue->n_slots++;
}

static void
heap_push (SbEventQueue  *queue,
           const SbEvent *event)
{
  SbEventKey key;
  guint32 slot;
  guint i;

  if (queue->len == queue->allocated)
    {
      queue->allocated = MAX (64, queue->allocated * 2);
      queue->keys = g_renew (SbEventKey, queue->keys, queue->allocated);
      queue->slots = g_renew (SbEvent, queue->slots, queue->allocated);
      queue->free_slots = g_renew (guint32, queue->free_slots, queue->allocated);
    }
  slot = take_slot (queue);
  queue->slots[slot] = *event;
  key.time = event->time;
  key.order = (event->seq << SLOT_BITS) | slot;
  /* Sift up: move parents down until KEY's place is found. */
  for (i = queue->len++; i > 0; )
    {
      guint parent = (i - 1) / 2;

      if (!key_before (&key, &queue->keys[parent]))
        break;
      queue->keys[i] = queue->keys[parent];
      i = parent;
    }
  queue->keys[i] = key;
}

static void
heap_pop (SbEventQueue *queue,
          SbEvent      *out)
{
  guint32 slot = (guint32) (queue->keys[0].order & SLOT_MASK);
  SbEventKey last;
  guint i = 0;

  *out = queue->slots[slot];
  queue->free_slots[queue->n_free++] = slot;
  last = queue->keys[--queue->len];
  if (queue->len == 0)
    return;
  /* Floyd's pop: walk the hole at the root down to a leaf along the
   * smaller children (one comparison a level), then sift the former last
   * key up from there; it belongs near the bottom, so that is short. */
  for (;;)
    {
      guint child = 2 * i + 1;

      if (child >= queue->len)
        break;
      if (child + 1 < queue->len && key_before (&queue->keys[child + 1], &queue->keys[child]))
        child++;
      queue->keys[i] = queue->keys[child];
      i = child;
    }
  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (!key_before (&last, &queue->keys[parent]))
        break;
      queue->keys[i] = queue->keys[parent];
      i = parent;
    }
  queue->keys[i] = last;
}

/* --- the queue -------------------------------------------------------- */

void
sb_event_queue_push (SbEventQueue  *queue,
                     const SbEvent *event)
{
  SbEvent item = *event;
  int lane;

  g_assert (queue->next_seq < (G_GUINT64_CONSTANT (1) << (64 - SLOT_BITS)));
  item.seq = queue->next_seq++;
  lane = pick_lane (queue, &item);
  if (lane >= 0)
    lane_append (&queue->lanes[lane], &item);
  else
    heap_push (queue, &item);
}

/* Where the earliest event is: a lane (0..LANES-1), the heap (LANES), or
 * -1 when the queue is empty. */
static int
earliest (const SbEventQueue *queue)
{
  const SbEvent *best = NULL;
  int where = -1;

  if (queue->len > 0)
    {
      best = &queue->slots[queue->keys[0].order & SLOT_MASK];
      where = SB_EVENT_QUEUE_LANES;
    }
  for (guint l = 0; l < SB_EVENT_QUEUE_LANES; l++)
    if (queue->lanes[l].len > 0)
      {
        const SbEvent *head = lane_at (&queue->lanes[l], 0);

        if (best == NULL || event_before (head, best))
          {
            best = head;
            where = (int) l;
          }
      }
  return where;
}

const SbEvent *
sb_event_queue_peek (const SbEventQueue *queue)
{
  int where = earliest (queue);

  if (where < 0)
    return NULL;
  if (where == SB_EVENT_QUEUE_LANES)
    return &queue->slots[queue->keys[0].order & SLOT_MASK];
  return lane_at (&queue->lanes[where], 0);
}

gboolean
sb_event_queue_pop (SbEventQueue *queue,
                    SbEvent      *out)
{
  return sb_event_queue_pop_until (queue, G_MAXINT64, out);
}

gboolean
sb_event_queue_pop_until (SbEventQueue *queue,
                          gint64        limit,
                          SbEvent      *out)
{
  int where = earliest (queue);
  SbEventLane *lane;

  if (where < 0)
    return FALSE;
  if (where == SB_EVENT_QUEUE_LANES)
    {
      if (queue->slots[queue->keys[0].order & SLOT_MASK].time > limit)
        return FALSE;
      heap_pop (queue, out);
      return TRUE;
    }
  lane = &queue->lanes[where];
  if (lane_at (lane, 0)->time > limit)
    return FALSE;
  *out = *lane_at (lane, 0);
  lane->head = (lane->head + 1) & (lane->allocated - 1);
  lane->len--;
  return TRUE;
}

guint
sb_event_queue_size (const SbEventQueue *queue)
{
  guint n = queue->len;

  for (guint l = 0; l < SB_EVENT_QUEUE_LANES; l++)
    n += queue->lanes[l].len;
  return n;
}

const SbEvent *
sb_event_queue_nth (const SbEventQueue *queue,
                    guint               index)
{
  g_return_val_if_fail (index < sb_event_queue_size (queue), NULL);
  if (index < queue->len)
    return &queue->slots[queue->keys[index].order & SLOT_MASK];
  index -= queue->len;
  for (guint l = 0; l < SB_EVENT_QUEUE_LANES; l++)
    {
      if (index < queue->lanes[l].len)
        return lane_at (&queue->lanes[l], index);
      index -= queue->lanes[l].len;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Moves the key at I down to its place below. */
static void
sift_down (SbEventQueue *queue,
           guint         i)
{
  SbEventKey key = queue->keys[i];

  for (;;)
    {
      guint child = 2 * i + 1;

      if (child >= queue->len)
        break;
      if (child + 1 < queue->len && key_before (&queue->keys[child + 1], &queue->keys[child]))
        child++;
      if (!key_before (&queue->keys[child], &key))
        break;
      queue->keys[i] = queue->keys[child];
      i = child;
    }
  queue->keys[i] = key;
}

void
sb_event_queue_filter (SbEventQueue  *queue,
                       gboolean     (*keep) (const SbEvent *event,
                                             gpointer       data),
                       gpointer       data)
{
  guint kept = 0;

  /* Each lane stays sorted when events leave it in place. */
  for (guint l = 0; l < SB_EVENT_QUEUE_LANES; l++)
    {
      SbEventLane *lane = &queue->lanes[l];
      guint n = 0;

      for (guint i = 0; i < lane->len; i++)
        if (keep (lane_at (lane, i), data))
          *lane_at (lane, n++) = *lane_at (lane, i);
      lane->len = n;
    }
  /* The heap's keys are filtered, then heapified again bottom-up. */
  for (guint i = 0; i < queue->len; i++)
    {
      guint32 slot = (guint32) (queue->keys[i].order & SLOT_MASK);

      if (keep (&queue->slots[slot], data))
        queue->keys[kept++] = queue->keys[i];
      else
        queue->free_slots[queue->n_free++] = slot;
    }
  queue->len = kept;
  for (guint i = kept / 2; i-- > 0; )
    sift_down (queue, i);
}
