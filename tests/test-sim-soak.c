/* test-sim-soak.c — millions of requests under random kills, revives,
 * promotes and setting changes (test-sim-chaos.h), from a seeded PRNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After every event and every action: the counters add up (requests =
 * succeeded + failed + in flight); the list of requests in flight holds
 * each request once (ids strictly increasing, oldest first), as many as
 * the counter says, none older than a request can live, and no more than
 * a fixed bound.  Memory is checked by counting what the sim keeps, never
 * by timing: requests in flight, the event log and the recent failures
 * stay under fixed bounds however many requests went through (and, where
 * malloc can tell, the heap does not grow after the first tenth).
 *
 * /sim/soak/short (200 000 requests) runs in the normal suite; /sim/soak/long
 * (10 million) only with -m slow, from the 'slow' suite:
 *   meson test -C BUILDDIR --suite slow
 */
#include "config.h"

#include <malloc.h>

#include "test-sim-chaos.h"

/* A request lives for a few dozen hops of 0.25 s at most (there and back,
 * a DNS look-up first, one redispatch): 20 s is 80 hops.  random_action()
 * keeps the rate at or under 100 per second. */
#define SOAK_MAX_AGE_S       20
#define SOAK_MAX_RATE        100
#define SOAK_MAX_IN_FLIGHT   (SOAK_MAX_AGE_S * SOAK_MAX_RATE)

typedef struct {
  const char *scenario;
  guint64     requests;   /* how many requests to run */
  guint32     seed;
} SoakCase;

static const SoakCase soak_short = { "distributed", 200000, 20240602 };
static const SoakCase soak_long = { "distributed", 10000000, 20240603 };
/* Firewalls, monitoring, a cluster of load balancers, split tiers. */
static const SoakCase soak_secured = { "secured-monitored", 100000, 20261123 };
static const SoakCase soak_scale_up = { "scale-up", 100000, 20261124 };

typedef struct {
  gint64  now;
  guint64 last_id;
  guint64 count;
  gint64  oldest_age;
} Walk;

static void
walk_request (const SbSimRequestView *view,
              gpointer                data)
{
  Walk *walk = data;

  /* Oldest first and ids given in order of arrival: a request listed twice,
   * or out of place, breaks the strict order. */
  g_assert_cmpuint (view->id, >, walk->last_id);
  g_assert_cmpint (view->started, <=, walk->now);
  g_assert_nonnull (view->from);
  g_assert_nonnull (view->to);
  if (walk->count++ == 0)
    walk->oldest_age = walk->now - view->started;
  walk->last_id = view->id;
}

/* Returns the age of the oldest request in flight, in µs, at most MAX_AGE. */
static gint64
walk_requests_within (SbSim  *sim,
                      gint64  max_age)
{
  Walk walk = { sb_sim_get_time (sim), 0, 0, 0 };

  sb_sim_foreach_request (sim, walk_request, &walk);
  g_assert_cmpuint (walk.count, ==, counters (sim)->in_flight);
  g_assert_cmpint (walk.oldest_age, <=, max_age);
  g_assert_cmpuint (sb_sim_get_events_end (sim) - sb_sim_get_events_first (sim), <=,
                    SB_SIM_EVENTS_KEPT);
  g_assert_cmpuint (sb_sim_get_n_recent_failures (sim), <=, SB_SIM_FAILURES_KEPT);
  return walk.oldest_age;
}

static gint64
walk_requests (SbSim *sim)
{
  return walk_requests_within (sim, US (SOAK_MAX_AGE_S));
}

/* Bytes the C heap has handed out, the large blocks it maps on their own
 * included; 0 where the allocator does not say (under AddressSanitizer),
 * which makes the checks below vacuous there. */
static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static void
test_soak (gconstpointer data)
{
  const SoakCase *soak = data;
  g_autoptr(SbScenario) scenario = load_scenario (soak->scenario);
  g_autoptr(SbSim) sim = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (soak->seed);
  gint64 next_action = 0, max_age = 0;
  guint64 steps = 0, actions = 0, max_in_flight = 0;
  gsize heap_warm = 0;

  if (soak->requests > 1000000 && !g_test_slow ())
    {
      g_test_skip ("10 million requests: run with -m slow (meson test --suite slow)");
      return;
    }

  scenario->traffic.rate = 50;
  sim = sb_sim_new (scenario);
  while (counters (sim)->requests < soak->requests)
    {
      const SbSimCounters *c;

      if (sb_sim_get_time (sim) >= next_action)
        {
          random_action (sim, rand);
          actions++;
          assert_invariant (sim);
          max_age = MAX (max_age, walk_requests (sim));
          next_action = sb_sim_get_time (sim) + g_rand_int_range (rand, 100000, 10000000);
        }
      g_assert_true (sb_sim_step (sim));
      assert_invariant (sim);
      c = counters (sim);
      g_assert_cmpuint (c->in_flight, <=, SOAK_MAX_IN_FLIGHT);
      max_in_flight = MAX (max_in_flight, c->in_flight);
      max_age = MAX (max_age, walk_requests (sim));
      if (++steps % 65536 == 0)
        check_deep (sim);
      /* By a tenth of the run every structure has met its largest size. */
      if (heap_warm == 0 && c->requests >= soak->requests / 10)
        heap_warm = heap_in_use ();
    }
  check_deep (sim);
  walk_requests (sim);

  g_test_message ("%" G_GUINT64_FORMAT " requests (%" G_GUINT64_FORMAT " succeeded, %"
                  G_GUINT64_FORMAT " failed), %" G_GUINT64_FORMAT " events, %" G_GUINT64_FORMAT
                  " actions, %.0f s simulated; at most %" G_GUINT64_FORMAT
                  " in flight, oldest %.2f s; heap %zu -> %zu bytes",
                  counters (sim)->requests, counters (sim)->succeeded, counters (sim)->failed,
                  steps, actions, sb_sim_get_time (sim) / 1e6, max_in_flight, max_age / 1e6,
                  heap_warm, heap_in_use ());
  g_assert_cmpuint (counters (sim)->succeeded, >, soak->requests / 10);
  g_assert_cmpuint (counters (sim)->failed, >, soak->requests / 100);
  /* Flat: what the sim holds follows the requests in flight, not those made. */
  g_assert_cmpuint (heap_in_use (), <=, heap_warm + 256 * 1024);
}

/* A hop of a day at the highest rate, for an hour: no request ever
 * finishes.  Before the cap, 3.6 million were in flight after that hour
 * and a day's run died on allocation.  Now at most SB_SIM_MAX_IN_FLIGHT are, each times out at
 * 300 s, the rest are refused as timed out at once, and the heap stays
 * flat (the hop events of the requests gone are dropped from the queue). */
static void
test_slow_hops (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  const gint64 timeout_s = SB_SIM_REQUEST_TIMEOUT / SB_SIM_USEC_PER_SEC;
  gsize heap_warm = 0;

  scenario->hop = SB_SCENARIO_MAX_SECONDS;
  scenario->traffic.rate = SB_SCENARIO_MAX_RATE;
  sim = sb_sim_new (scenario);
  for (gint64 t = 1; t <= 3600; t++)
    {
      const SbSimCounters *c;

      sb_sim_advance_to (sim, US (t));
      assert_invariant (sim);
      c = counters (sim);
      /* Full after 10 s; at each deadline the arrival due at the same
       * microsecond comes first and is refused, the timeout then frees a
       * place until the next arrival. */
      g_assert_cmpuint (c->in_flight, <=, MIN ((guint64) t * 1000, SB_SIM_MAX_IN_FLIGHT));
      g_assert_cmpuint (c->in_flight + 1, >=, MIN ((guint64) t * 1000, SB_SIM_MAX_IN_FLIGHT));
      g_assert_cmpuint (c->succeeded, ==, 0);
      g_assert_cmpuint (c->reasons[SB_FAILURE_TIMED_OUT], ==, c->failed);
      if (t == timeout_s)
        {
          /* Every failure so far is a refusal: the first request, sent at
           * 1 ms, is still waiting. */
          g_assert_cmpuint (c->failed, ==, c->requests - SB_SIM_MAX_IN_FLIGHT);
        }
      /* Timeouts since 300 s: every structure has its steady size. */
      if (t == 2 * timeout_s)
        heap_warm = heap_in_use ();
      /* None waits longer than a browser would. */
      g_assert_cmpint (walk_requests_within (sim, SB_SIM_REQUEST_TIMEOUT), <=,
                       MIN (US (t) - US (0.001), SB_SIM_REQUEST_TIMEOUT));
    }
  g_assert_cmpuint (counters (sim)->requests, ==, 3600 * 1000);
  g_test_message ("heap %zu -> %zu bytes", heap_warm, heap_in_use ());
  g_assert_cmpuint (heap_in_use (), <=, heap_warm + 256 * 1024);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/sim/soak/short", &soak_short, test_soak);
  g_test_add_data_func ("/sim/soak/long", &soak_long, test_soak);
  g_test_add_data_func ("/sim/soak/secured-monitored", &soak_secured, test_soak);
  g_test_add_data_func ("/sim/soak/scale-up", &soak_scale_up, test_soak);
  g_test_add_func ("/sim/soak/slow-hops", test_slow_hops);
  return g_test_run ();
}
