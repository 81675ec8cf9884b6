/* sb-event-queue.c — binary min-heap keyed by (time, seq)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-event-queue.h"

void
sb_event_queue_init (SbEventQueue *queue)
{
  queue->items = NULL;
  queue->len = 0;
  queue->allocated = 0;
  queue->next_seq = 0;
}

void
sb_event_queue_clear (SbEventQueue *queue)
{
  g_clear_pointer (&queue->items, g_free);
  queue->len = 0;
  queue->allocated = 0;
}

static inline gboolean
before (const SbEvent *a,
        const SbEvent *b)
{
  return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

void
sb_event_queue_push (SbEventQueue  *queue,
                     const SbEvent *event)
{
  SbEvent item = *event;
  guint i;

  if (queue->len == queue->allocated)
    {
      queue->allocated = MAX (64, queue->allocated * 2);
      queue->items = g_renew (SbEvent, queue->items, queue->allocated);
    }
  item.seq = queue->next_seq++;
  /* Sift up: move parents down until ITEM's place is found. */
  for (i = queue->len++; i > 0; )
    {
      guint parent = (i - 1) / 2;

      if (!before (&item, &queue->items[parent]))
        break;
      queue->items[i] = queue->items[parent];
      i = parent;
    }
  queue->items[i] = item;
}

const SbEvent *
sb_event_queue_peek (const SbEventQueue *queue)
{
  return queue->len > 0 ? &queue->items[0] : NULL;
}

gboolean
sb_event_queue_pop (SbEventQueue *queue,
                    SbEvent      *out)
{
  SbEvent last;
  guint i = 0;

  if (queue->len == 0)
    return FALSE;
  *out = queue->items[0];
  last = queue->items[--queue->len];
  /* Sift down the former last item from the root. */
  for (;;)
    {
      guint child = 2 * i + 1;

      if (child >= queue->len)
        break;
      if (child + 1 < queue->len && before (&queue->items[child + 1], &queue->items[child]))
        child++;
      if (!before (&queue->items[child], &last))
        break;
      queue->items[i] = queue->items[child];
      i = child;
    }
  if (queue->len > 0)
    queue->items[i] = last;
  return TRUE;
}

guint
sb_event_queue_size (const SbEventQueue *queue)
{
  return queue->len;
}

const SbEvent *
sb_event_queue_nth (const SbEventQueue *queue,
                    guint               index)
{
  g_return_val_if_fail (index < queue->len, NULL);
  return &queue->items[index];
}
