/* test-sim-core.c — event queue, random numbers, statistics, log ring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sim/sb-event-queue.h"
#include "sim/sb-events-ring.h"
#include "sim/sb-rng.h"
#include "sim/sb-stats.h"

static void
test_queue_order (void)
{
  SbEventQueue q;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  SbEvent ev = { 0 };
  gint64 last = -1;

  sb_event_queue_init (&q);
  for (guint i = 0; i < 10000; i++)
    {
      ev.time = g_rand_int_range (rand, 0, 1000);
      sb_event_queue_push (&q, &ev);
    }
  g_assert_cmpuint (sb_event_queue_size (&q), ==, 10000);
  while (sb_event_queue_pop (&q, &ev))
    {
      g_assert_cmpint (ev.time, >=, last);
      last = ev.time;
    }
  g_assert_null (sb_event_queue_peek (&q));
  sb_event_queue_clear (&q);
}

static void
test_queue_ties (void)
{
  SbEventQueue q;
  SbEvent ev = { 0 };

  /* Same time: in the order they were pushed, whatever the heap does. */
  sb_event_queue_init (&q);
  for (guint i = 0; i < 1000; i++)
    {
      ev.time = (i % 3) * 10;
      ev.index = (gint32) i;
      sb_event_queue_push (&q, &ev);
    }
  for (gint64 t = 0; t <= 20; t += 10)
    for (guint i = 0; i < 1000; i++)
      if ((gint64) (i % 3) * 10 == t)
        {
          g_assert_true (sb_event_queue_pop (&q, &ev));
          g_assert_cmpint (ev.time, ==, t);
          g_assert_cmpint (ev.index, ==, (gint32) i);
        }
  g_assert_false (sb_event_queue_pop (&q, &ev));
  sb_event_queue_clear (&q);
}

static gint
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const SbEvent *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Streams with fixed delays (which the queue keeps in FIFO lanes) mixed
 * with random ones (the heap), checked against a plain sorted list. */
static void
test_queue_mixed (void)
{
  SbEventQueue q;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  GSequence *ref = g_sequence_new (g_free);
  static const gint64 delays[] = { 250000, 500000, 250000, 2000000, 0 };
  gint64 now = 0;
  guint64 seq = 0;
  guint popped = 0;

  sb_event_queue_init (&q);
  for (guint step = 0; step < 200000; step++)
    {
      guint pushes = step < 100000 ? g_rand_int_range (rand, 0, 3) : 0;
      SbEvent ev = { 0 }, *copy;
      GSequenceIter *first;

      for (guint i = 0; i < pushes; i++)
        {
          guint d = g_rand_int_range (rand, 0, G_N_ELEMENTS (delays) + 1);

          ev.time = now + (d < G_N_ELEMENTS (delays) ? delays[d] : g_rand_int_range (rand, 0, 3000000));
          ev.index = (gint32) seq;
          sb_event_queue_push (&q, &ev);
          copy = g_memdup2 (&ev, sizeof ev);
          copy->seq = seq++;
          g_sequence_insert_sorted (ref, copy, compare_events, NULL);
        }
      g_assert_cmpuint (sb_event_queue_size (&q), ==, (guint) g_sequence_get_length (ref));
      if (!sb_event_queue_pop (&q, &ev))
        continue;
      first = g_sequence_get_begin_iter (ref);
      copy = g_sequence_get (first);
      g_assert_cmpint (ev.time, ==, copy->time);
      g_assert_cmpuint (ev.seq, ==, copy->seq);
      g_assert_cmpint (ev.index, ==, copy->index);
      g_sequence_remove (first);
      now = ev.time;
      popped++;
    }
  g_assert_cmpuint (popped, ==, seq);
  g_assert_cmpuint (sb_event_queue_size (&q), ==, 0);
  g_assert_false (sb_event_queue_pop_until (&q, G_MAXINT64, NULL));
  g_sequence_free (ref);
  sb_event_queue_clear (&q);
}

static void
test_rng (void)
{
  SbRng a, b, c;

  sb_rng_seed (&a, 1);
  sb_rng_seed (&b, 1);
  sb_rng_seed (&c, 2);
  for (guint i = 0; i < 1000; i++)
    {
      guint64 x = sb_rng_next (&a);

      g_assert_cmpuint (x, ==, sb_rng_next (&b));
      g_assert_cmpuint (x, !=, sb_rng_next (&c));
    }
  /* Known values: the same on every platform. */
  sb_rng_seed (&a, 0);
  g_assert_cmpuint (a.s[0], ==, G_GUINT64_CONSTANT (0xe220a8397b1dcdaf));
  for (guint i = 0; i < 1000; i++)
    {
      double u = sb_rng_double (&a);

      g_assert_cmpfloat (u, >=, 0);
      g_assert_cmpfloat (u, <, 1);
    }
}

static void
test_percentiles (void)
{
  SbHistogram h;

  sb_histogram_init (&h);
  g_assert_cmpint (sb_histogram_percentile (&h, 50), ==, -1);
  /* 1 ... 100 ms: the nearest rank of p is p ms. */
  for (gint64 ms = 100; ms >= 1; ms--)
    sb_histogram_add (&h, ms * 1000);
  g_assert_cmpint (sb_histogram_percentile (&h, 50), ==, 50000);
  g_assert_cmpint (sb_histogram_percentile (&h, 95), ==, 95000);
  g_assert_cmpint (sb_histogram_percentile (&h, 99), ==, 99000);
  g_assert_cmpint (sb_histogram_percentile (&h, 99.5), ==, 100000);
  g_assert_cmpint (sb_histogram_percentile (&h, 0.1), ==, 1000);
  /* 1 ms resolution: 2.0004 s counts as 2.000 s. */
  sb_histogram_clear (&h);
  sb_histogram_init (&h);
  sb_histogram_add (&h, 2000400);
  g_assert_cmpint (sb_histogram_percentile (&h, 50), ==, 2000000);
  /* Past 65.5 s: 1 s resolution; past 18 h: the longest seen. */
  sb_histogram_add (&h, 100700000);
  g_assert_cmpint (sb_histogram_percentile (&h, 100), ==, 100000000);
  sb_histogram_add (&h, G_GINT64_CONSTANT (100000000000));
  g_assert_cmpint (sb_histogram_percentile (&h, 100), ==, G_GINT64_CONSTANT (100000000000));
  sb_histogram_clear (&h);
}

static void
test_series (void)
{
  SbSeries s;
  guint32 ok[8], ko[8];
  gint64 first;
  guint n;

  sb_series_init (&s, 4);
  g_assert_cmpuint (sb_series_copy (&s, 8, &first, ok, ko), ==, 0);
  sb_series_add (&s, 0, TRUE);
  sb_series_add (&s, 0, FALSE);
  sb_series_add (&s, 2, TRUE);
  n = sb_series_copy (&s, 8, &first, ok, ko);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpuint (ok[0], ==, 1);
  g_assert_cmpuint (ko[0], ==, 1);
  g_assert_cmpuint (ok[1], ==, 0);
  g_assert_cmpuint (ok[2], ==, 1);
  /* Rolling past the length forgets the oldest seconds. */
  sb_series_roll (&s, 9);
  sb_series_add (&s, 9, FALSE);
  n = sb_series_copy (&s, 8, &first, ok, ko);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (first, ==, 6);
  g_assert_cmpuint (ok[0] + ok[1] + ok[2] + ok[3], ==, 0);
  g_assert_cmpuint (ko[3], ==, 1);
  /* A second older than what is kept is dropped. */
  sb_series_add (&s, 2, TRUE);
  n = sb_series_copy (&s, 2, &first, ok, ko);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (first, ==, 8);
  sb_series_clear (&s);
}

static void
test_ring (void)
{
  SbEventsRing ring;

  sb_events_ring_init (&ring, 4);
  g_assert_null (sb_events_ring_get (&ring, 0));
  for (guint i = 0; i < 10; i++)
    {
      SbSimEvent *ev = sb_events_ring_push (&ring);

      g_assert_cmpuint (ev->seq, ==, i);
      ev->time = i;
    }
  g_assert_cmpuint (sb_events_ring_first (&ring), ==, 6);
  g_assert_null (sb_events_ring_get (&ring, 5));
  g_assert_null (sb_events_ring_get (&ring, 10));
  for (guint64 s = 6; s < 10; s++)
    g_assert_cmpint (sb_events_ring_get (&ring, s)->time, ==, (gint64) s);
  sb_events_ring_clear (&ring);
}

static gboolean
not_multiple_of_7 (const SbEvent *ev,
                   gpointer       data)
{
  return ev->index % 7 != 0;
}

/* Dropping events (as the simulation drops the hops of requests gone)
 * leaves the others in exactly the order they would have come in, from
 * the lanes and from the heap alike. */
static void
test_queue_filter (void)
{
  SbEventQueue q;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) ref = g_array_new (FALSE, FALSE, sizeof (SbEvent));
  SbEvent ev = { 0 };
  guint n = 0;

  sb_event_queue_init (&q);
  for (guint i = 0; i < 50000; i++)
    {
      /* Streams in order (lanes) and scattered times (heap). */
      ev.time = i % 3 ? (gint64) i * 10 : g_rand_int_range (rand, 0, 1000000);
      ev.index = (gint32) i;
      sb_event_queue_push (&q, &ev);
      if (i % 7 != 0)
        {
          ev.seq = i;
          g_array_append_val (ref, ev);
        }
    }
  g_array_sort_with_data (ref, compare_events, NULL);
  sb_event_queue_filter (&q, not_multiple_of_7, NULL);
  g_assert_cmpuint (sb_event_queue_size (&q), ==, ref->len);
  while (sb_event_queue_pop (&q, &ev))
    {
      const SbEvent *want = &g_array_index (ref, SbEvent, n++);

      g_assert_cmpint (ev.time, ==, want->time);
      g_assert_cmpint (ev.index, ==, want->index);
    }
  g_assert_cmpuint (n, ==, ref->len);
  sb_event_queue_clear (&q);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/queue/order", test_queue_order);
  g_test_add_func ("/sim/queue/ties", test_queue_ties);
  g_test_add_func ("/sim/queue/mixed", test_queue_mixed);
  g_test_add_func ("/sim/queue/filter", test_queue_filter);
  g_test_add_func ("/sim/rng/deterministic", test_rng);
  g_test_add_func ("/sim/stats/percentiles", test_percentiles);
  g_test_add_func ("/sim/stats/series", test_series);
  g_test_add_func ("/sim/events-ring/bounded", test_ring);
  return g_test_run ();
}
