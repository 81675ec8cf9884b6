/* test-sim-engine.c — clock, determinism, invariant, view, log, series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include "test-sim-chaos.h"
#include "test-sim-util.h"

/* --- the view of requests in flight ----------------------------------- */

static void
first_request (const SbSimRequestView *view,
               gpointer                data)
{
  SbSimRequestView *out = data;

  if (view->id == 1)
    *out = *view;
}

static SbSimRequestView
request_1 (SbSim *sim)
{
  SbSimRequestView view = { 0 };

  sb_sim_foreach_request (sim, first_request, &view);
  return view;
}

static void
test_view (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  SbSimRequestView r;

  g_assert_cmpint (sb_sim_get_time (sim), ==, 0);
  g_assert_cmpuint (counters (sim)->requests, ==, 0);
  /* Request 1 arrives at 1 s and first asks DNS. */
  run_to (sim, 1.1);
  r = request_1 (sim);
  g_assert_cmpuint (r.id, ==, 1);
  g_assert_cmpuint (r.client, ==, 0);
  g_assert_cmpstr (r.from, ==, "user");
  g_assert_cmpstr (r.to, ==, "dns");
  g_assert_cmpfloat_with_epsilon (r.progress, 0.4, 1e-9);
  g_assert_cmpint (r.direction, ==, SB_DIRECTION_REQUEST);
  g_assert_null (r.backend);
  g_assert_cmpint (r.started, ==, US (1));
  run_to (sim, 1.3);
  r = request_1 (sim);
  g_assert_cmpstr (r.from, ==, "dns");
  g_assert_cmpstr (r.to, ==, "user");
  g_assert_cmpint (r.direction, ==, SB_DIRECTION_RESPONSE);
  g_assert_cmpfloat_with_epsilon (r.progress, 0.2, 1e-9);
  /* Then to the LB (1.5-1.75 s), which sends it to server-1. */
  run_to (sim, 1.95);
  r = request_1 (sim);
  g_assert_cmpstr (r.from, ==, "lb");
  g_assert_cmpstr (r.to, ==, "web-1");
  g_assert_cmpstr (r.backend, ==, "server-1");
  g_assert_cmpfloat_with_epsilon (r.progress, 0.8, 1e-9);
  run_to (sim, 2.6);
  r = request_1 (sim);
  g_assert_cmpstr (r.from, ==, "db-1");
  g_assert_cmpstr (r.to, ==, "app-1");
  g_assert_cmpint (r.direction, ==, SB_DIRECTION_RESPONSE);
  /* Back at the browser at 3.5 s: 10 hops of 0.25 s. */
  run_to (sim, 3.5);
  r = request_1 (sim);
  g_assert_cmpuint (r.id, ==, 0);
  g_assert_cmpuint (counters (sim)->succeeded, ==, 1);
  g_assert_cmpint (sb_sim_get_event (sim, sb_sim_get_events_end (sim) - 1)->latency, ==, US (2.5));
}

static void
test_next_hop_time (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);

  g_assert_cmpint (sb_sim_get_next_hop_time (sim), ==, US (1));
  run_to (sim, 1);
  g_assert_cmpint (sb_sim_get_next_hop_time (sim), ==, US (1.25));
  run_to (sim, 1.1);
  g_assert_cmpint (sb_sim_get_next_hop_time (sim), ==, US (1.25));
  /* A step-forward button: jump to it. */
  sb_sim_advance_to (sim, sb_sim_get_next_hop_time (sim));
  g_assert_cmpstr (request_1 (sim).from, ==, "dns");
}

static void
test_latency (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  double p;

  run_to (sim, 60);
  /* 58 answers: 8 with a DNS lookup (2.5 s), 50 without (2.0 s). */
  g_assert_cmpuint (counters (sim)->succeeded, ==, 58);
  g_assert_true (sb_sim_get_latency (sim, 50, &p));
  g_assert_cmpfloat (p, ==, 2.0);
  g_assert_true (sb_sim_get_latency (sim, 86, &p));
  g_assert_cmpfloat (p, ==, 2.0);
  g_assert_true (sb_sim_get_latency (sim, 87, &p));
  g_assert_cmpfloat (p, ==, 2.5);
  g_assert_true (sb_sim_get_latency (sim, 95, &p));
  g_assert_cmpfloat (p, ==, 2.5);
  g_assert_true (sb_sim_get_latency (sim, 99, &p));
  g_assert_cmpfloat (p, ==, 2.5);
}

static void
test_no_latency_yet (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  double p = -1;

  g_assert_false (sb_sim_get_latency (sim, 50, &p));
  g_assert_cmpfloat (p, ==, -1);
}

/* --- determinism ------------------------------------------------------ */

typedef struct {
  double      time;
  const char *what;    /* "kill", "revive", "promote", "rate" */
  const char *id;
} Action;

static const Action script[] = {
  { 13.37, "kill", "server-1" },
  { 20.0, "kill", "dns" },
  { 41.1, "revive", "server-1" },
  { 50.0, "kill", "db-1" },
  { 55.5, "promote", "db-2" },
  { 61.0, "revive", "dns" },
  { 70.0, "rate", NULL },
  { 90.01, "kill", "app-2" },
};

static void
apply (SbSim        *sim,
       const Action *a)
{
  g_assert_cmpint (sb_sim_get_time (sim), ==, US (a->time));
  if (g_str_equal (a->what, "kill"))
    g_assert_true (sb_sim_kill (sim, a->id, NULL));
  else if (g_str_equal (a->what, "revive"))
    g_assert_true (sb_sim_revive (sim, a->id, NULL));
  else if (g_str_equal (a->what, "promote"))
    g_assert_true (sb_sim_promote (sim, a->id, NULL));
  else
    sb_sim_set_rate (sim, 13);
}

static SbScenario *
busy_scenario (SbArrival arrival,
               guint64   seed)
{
  SbScenario *scenario = load_scenario ("distributed");

  scenario->traffic.rate = 7;
  scenario->traffic.arrival = arrival;
  scenario->traffic.seed = seed;
  scenario->balancer.redispatch = TRUE;
  return scenario;
}

typedef enum {
  BY_ONE_CALL,        /* one advance_to per action */
  BY_FRAMES,          /* 60 frames a second, targets from the frame count */
  BY_DELTAS,          /* sb_sim_advance with the difference of those targets */
  BY_RANDOM_CHUNKS,   /* random chunks of 0 to 0.5 s */
  BY_EVENTS,          /* sb_sim_step, one event at a time */
} Stepping;

static void
play_until (SbSim    *sim,
            gint64    target,
            Stepping  how,
            GRand    *rand)
{
  gint64 now = sb_sim_get_time (sim);

  switch (how)
    {
    case BY_ONE_CALL:
      sb_sim_advance_to (sim, target);
      break;
    case BY_FRAMES:
    case BY_DELTAS:
      for (gint64 frame = now * 60 / SB_SIM_USEC_PER_SEC + 1; sb_sim_get_time (sim) < target; frame++)
        {
          gint64 t = MIN (target, sb_sim_seconds_to_us (frame / 60.0));

          if (how == BY_FRAMES)
            sb_sim_advance_to (sim, t);
          else
            sb_sim_advance (sim, t - sb_sim_get_time (sim));
        }
      break;
    case BY_RANDOM_CHUNKS:
      while (sb_sim_get_time (sim) < target)
        {
          gint64 chunk = g_rand_int_range (rand, 0, 500001);

          sb_sim_advance (sim, MIN (target - sb_sim_get_time (sim), chunk));
        }
      break;
    case BY_EVENTS:
      while (sb_sim_get_next_hop_time (sim) >= 0 && sb_sim_get_next_hop_time (sim) <= target)
        g_assert_true (sb_sim_step (sim));
      sb_sim_advance_to (sim, target);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_cmpint (sb_sim_get_time (sim), ==, target);
}

static char *
play (SbArrival arrival,
      guint64   seed,
      Stepping  how)
{
  g_autoptr(SbScenario) scenario = busy_scenario (arrival, seed);
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < G_N_ELEMENTS (script); i++)
    {
      play_until (sim, US (script[i].time), how, rand);
      apply (sim, &script[i]);
    }
  play_until (sim, US (120), how, rand);
  return snapshot (sim);
}

static void
test_same_seed (void)
{
  g_autofree char *a = play (SB_ARRIVAL_UNIFORM, 1, BY_ONE_CALL);
  g_autofree char *b = play (SB_ARRIVAL_UNIFORM, 1, BY_ONE_CALL);
  g_autofree char *c = play (SB_ARRIVAL_UNIFORM, 2, BY_ONE_CALL);
  g_autofree char *d = play (SB_ARRIVAL_POISSON, 1, BY_ONE_CALL);
  g_autofree char *e = play (SB_ARRIVAL_POISSON, 1, BY_ONE_CALL);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (d, ==, e);
  /* Another seed draws other reads and writes. */
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (a, !=, d);
}

static void
test_step_sizes (void)
{
  static const SbArrival arrivals[] = { SB_ARRIVAL_UNIFORM, SB_ARRIVAL_POISSON };

  for (guint i = 0; i < G_N_ELEMENTS (arrivals); i++)
    {
      g_autofree char *once = play (arrivals[i], 3, BY_ONE_CALL);
      g_autofree char *frames = play (arrivals[i], 3, BY_FRAMES);
      g_autofree char *deltas = play (arrivals[i], 3, BY_DELTAS);
      g_autofree char *chunks = play (arrivals[i], 3, BY_RANDOM_CHUNKS);
      g_autofree char *events = play (arrivals[i], 3, BY_EVENTS);

      g_assert_cmpstr (once, ==, frames);
      g_assert_cmpstr (once, ==, deltas);
      g_assert_cmpstr (once, ==, chunks);
      g_assert_cmpstr (once, ==, events);
    }
}

static void
test_sixty_frames (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) a = sb_sim_new (scenario);
  g_autoptr(SbSim) b = sb_sim_new (scenario);
  g_autofree char *sa = NULL;
  g_autofree char *sb = NULL;

  /* 1 × 60 s against 3600 × 1/60 s, the step computed from a running
   * total in µs so that rounding does not drift. */
  sb_sim_advance (a, US (60));
  for (gint64 i = 1; i <= 3600; i++)
    sb_sim_advance (b, US (i / 60.0) - sb_sim_get_time (b));
  g_assert_cmpint (sb_sim_get_time (b), ==, US (60));
  sa = snapshot (a);
  sb = snapshot (b);
  g_assert_cmpstr (sa, ==, sb);
}

/* --- the invariant over a long random run (test-sim-chaos.h) ---------- */

static void
test_invariant (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  gint64 next_action = 0;
  guint64 steps = 0;

  scenario->traffic.rate = 50;
  sim = sb_sim_new (scenario);
  while (counters (sim)->requests < 100000)
    {
      if (sb_sim_get_time (sim) >= next_action)
        {
          random_action (sim, rand);
          assert_invariant (sim);
          next_action = sb_sim_get_time (sim) + g_rand_int_range (rand, 100000, 10000000);
        }
      g_assert_true (sb_sim_step (sim));
      assert_invariant (sim);
      if (++steps % 4096 == 0)
        check_deep (sim);
    }
  check_deep (sim);
  g_assert_cmpuint (counters (sim)->succeeded, >, 10000);
  g_assert_cmpuint (counters (sim)->failed, >, 1000);
  g_test_message ("%" G_GUINT64_FORMAT " steps, %" G_GUINT64_FORMAT " succeeded, %"
                  G_GUINT64_FORMAT " failed, %" G_GUINT64_FORMAT " stale",
                  steps, counters (sim)->succeeded, counters (sim)->failed,
                  counters (sim)->stale_reads);
}

/* --- log and series --------------------------------------------------- */

static void
test_log (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  guint64 first, end;
  gint64 last_time = -1;
  const SbSimEvent *ev;

  scenario->traffic.rate = 100;
  sim = sb_sim_new (scenario);
  g_assert_cmpuint (sb_sim_get_events_end (sim), ==, 0);
  kill_at (sim, 0.5, "server-2");
  ev = sb_sim_get_event (sim, 0);
  g_assert_cmpint (ev->kind, ==, SB_SIM_EVENT_KILL);
  g_assert_cmpstr (ev->element, ==, "server-2");
  g_assert_cmpint (ev->time, ==, US (0.5));
  g_assert_cmpuint (ev->seq, ==, 0);

  run_to (sim, 60);
  first = sb_sim_get_events_first (sim);
  end = sb_sim_get_events_end (sim);
  /* Thousands of events happened; the last SB_SIM_EVENTS_KEPT remain. */
  g_assert_cmpuint (end, >, 5000);
  g_assert_cmpuint (end - first, ==, SB_SIM_EVENTS_KEPT);
  g_assert_null (sb_sim_get_event (sim, first - 1));
  g_assert_null (sb_sim_get_event (sim, end));
  for (guint64 s = first; s < end; s++)
    {
      ev = sb_sim_get_event (sim, s);
      g_assert_cmpuint (ev->seq, ==, s);
      g_assert_cmpint (ev->time, >=, last_time);
      last_time = ev->time;
      if (ev->kind == SB_SIM_EVENT_REQUEST && ev->ok)
        {
          g_assert_cmpstr (ev->element, ==, "server-1");
          g_assert_cmpstr (ev->path[0], ==, "user");
          g_assert_cmpint (ev->latency, >=, US (2));
        }
    }

  /* The failures of the detection window, newest first. */
  g_assert_cmpuint (sb_sim_get_n_recent_failures (sim), >, 0);
  g_assert_cmpuint (sb_sim_get_n_recent_failures (sim), <=, SB_SIM_FAILURES_KEPT);
  for (guint i = 0; i + 1 < sb_sim_get_n_recent_failures (sim); i++)
    g_assert_cmpint (sb_sim_get_recent_failure (sim, i)->time, >=,
                     sb_sim_get_recent_failure (sim, i + 1)->time);
  ev = sb_sim_get_recent_failure (sim, 0);
  g_assert_cmpint (ev->kind, ==, SB_SIM_EVENT_REQUEST);
  g_assert_false (ev->ok);
  g_assert_cmpstr (ev->element, ==, "server-2");
  g_assert_cmpint (ev->time, <=, US (5.25));
  g_assert_null (sb_sim_get_recent_failure (sim, SB_SIM_FAILURES_KEPT));
}

static void
test_series (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  guint32 ok[SB_SIM_SERIES_SECONDS], ko[SB_SIM_SERIES_SECONDS];
  guint64 sum_ok = 0, sum_ko = 0;
  gint64 first;
  guint n;

  kill_at (sim, 0, "lb");
  revive_at (sim, 30, "lb");
  run_to (sim, 100.5);
  n = sb_sim_get_series (sim, SB_SIM_SERIES_SECONDS, &first, ok, ko);
  /* Seconds 0 ... 100, the last one partial. */
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpuint (n, ==, 101);
  for (guint i = 0; i < n; i++)
    {
      sum_ok += ok[i];
      sum_ko += ko[i];
    }
  g_assert_cmpuint (sum_ok, ==, counters (sim)->succeeded);
  g_assert_cmpuint (sum_ko, ==, counters (sim)->failed);
  /* Requests 1-29 failed at the LB in seconds 1-29 (at k + 0.25 or
   * k + 0.75 s); the first success after is request 30 at 32 s. */
  g_assert_cmpuint (ko[1], ==, 1);
  g_assert_cmpuint (ko[29], ==, 1);
  g_assert_cmpuint (ko[30], ==, 0);
  g_assert_cmpuint (ok[31], ==, 0);
  g_assert_cmpuint (ok[32], ==, 1);

  /* The last 10 seconds only. */
  n = sb_sim_get_series (sim, 10, &first, ok, ko);
  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpint (first, ==, 91);

  /* Bounded: after 1000 s only the last SB_SIM_SERIES_SECONDS are kept. */
  run_to (sim, 1000);
  n = sb_sim_get_series (sim, SB_SIM_SERIES_SECONDS, &first, ok, ko);
  g_assert_cmpuint (n, ==, SB_SIM_SERIES_SECONDS);
  g_assert_cmpint (first, ==, 1000 - SB_SIM_SERIES_SECONDS + 1);
  g_assert_cmpuint (ok[n - 2], ==, 1);
}

/* --- traffic ---------------------------------------------------------- */

static void
test_rate (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);

  run_to (sim, 10);
  g_assert_cmpuint (counters (sim)->requests, ==, 10);
  /* Twice as fast from 10 s: 10.5, 11, ... 20 s. */
  sb_sim_set_rate (sim, 2);
  g_assert_cmpfloat (sb_sim_get_scenario (sim)->traffic.rate, ==, 2);
  run_to (sim, 20);
  g_assert_cmpuint (counters (sim)->requests, ==, 30);
  /* Slower: the next one is a full new gap after the last. */
  sb_sim_set_rate (sim, 0.5);
  run_to (sim, 21.9);
  g_assert_cmpuint (counters (sim)->requests, ==, 30);
  run_to (sim, 22);
  g_assert_cmpuint (counters (sim)->requests, ==, 31);
  /* Faster after a long gap: the next request comes at once. */
  run_to (sim, 23.5);
  sb_sim_set_rate (sim, 1);
  g_assert_cmpuint (counters (sim)->requests, ==, 32);
  run_to (sim, 24.5);
  g_assert_cmpuint (counters (sim)->requests, ==, 33);
}

static void
test_read_ratio (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  scenario->traffic.read_ratio = 1;
  sim = sb_sim_new (scenario);
  run_to (sim, 50);
  g_assert_cmpuint (counters (sim)->writes, ==, 0);
  sb_sim_set_read_ratio (sim, 0);
  run_to (sim, 100);
  g_assert_cmpuint (counters (sim)->reads, ==, 50);
  g_assert_cmpuint (counters (sim)->writes, ==, 50);
}

static void
test_poisson (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  guint64 n;

  scenario->traffic.arrival = SB_ARRIVAL_POISSON;
  scenario->traffic.rate = 10;
  sim = sb_sim_new (scenario);
  run_to (sim, 1000);
  n = counters (sim)->requests;
  /* 10 000 expected; a Poisson count has a standard deviation of 100. */
  g_assert_cmpuint (n, >, 9600);
  g_assert_cmpuint (n, <, 10400);
  /* Still 8 clients in turn, reads about 80 %. */
  g_assert_cmpuint (counters (sim)->reads * 100 / n, >=, 78);
  g_assert_cmpuint (counters (sim)->reads * 100 / n, <=, 82);
}

static void
test_scenario_copy (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);

  /* The sim has its own copy: the caller's stays as it was. */
  g_assert_true (sb_sim_get_scenario (sim) != scenario);
  sb_sim_set_algorithm (sim, SB_ALGORITHM_LEASTCONN);
  sb_sim_set_check (sim, SB_CHECK_TCP);
  sb_sim_set_redispatch (sim, TRUE);
  sb_sim_set_arrival (sim, SB_ARRIVAL_POISSON);
  g_assert_cmpint (scenario->balancer.algorithm, ==, SB_ALGORITHM_ROUNDROBIN);
  g_assert_cmpint (sb_sim_get_scenario (sim)->balancer.algorithm, ==, SB_ALGORITHM_LEASTCONN);
  g_assert_cmpint (sb_sim_get_scenario (sim)->balancer.check, ==, SB_CHECK_TCP);
  g_assert_true (sb_sim_get_scenario (sim)->balancer.redispatch);
  g_assert_cmpint (sb_sim_get_scenario (sim)->traffic.arrival, ==, SB_ARRIVAL_POISSON);
  g_assert_cmpuint (sb_sim_get_n_elements (sim), ==, 13);
  g_assert_cmpstr (sb_sim_get_element_id (sim, 0), ==, "user");
  g_assert_true (sb_sim_element_is_host (sim, 11));
  g_assert_cmpint (sb_sim_find_element (sim, "server-2"), ==, 12);
  g_assert_cmpint (sb_sim_find_element (sim, "nope"), ==, -1);
  g_assert_cmpuint (sb_sim_get_n_databases (sim), ==, 2);
  g_assert_cmpstr (sb_failure_reason_to_string (SB_FAILURE_NO_SERVER), ==, "no server available");
  g_assert_cmpstr (sb_check_state_to_string (SB_CHECK_STATE_GOING_UP), ==, "going up");
}

/* --- performance (slow mode) ------------------------------------------ */

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
test_perf (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  gint64 start;
  glong rss_1, rss_2;
  double seconds;

  if (!g_test_slow ())
    {
      g_test_skip ("3.6 million requests: run with -m slow");
      return;
    }
  scenario->traffic.rate = 1000;
  sim = sb_sim_new (scenario);
  start = g_get_monotonic_time ();
  run_to (sim, 600);
  rss_1 = peak_rss_kib ();
  run_to (sim, 3600);
  rss_2 = peak_rss_kib ();
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (counters (sim)->requests, ==, 3600000);
  assert_invariant (sim);
  g_test_message ("3.6 M requests in %.2f s; peak RSS %ld KiB after 600 s, %ld KiB after 3600 s",
                  seconds, rss_1, rss_2);
  /* Flat: memory follows the requests in flight, not those made. */
  g_assert_cmpint (rss_2 - rss_1, <, 1024);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/engine/view", test_view);
  g_test_add_func ("/sim/engine/next-hop-time", test_next_hop_time);
  g_test_add_func ("/sim/engine/latency", test_latency);
  g_test_add_func ("/sim/engine/no-latency-yet", test_no_latency_yet);
  g_test_add_func ("/sim/engine/same-seed", test_same_seed);
  g_test_add_func ("/sim/engine/step-sizes", test_step_sizes);
  g_test_add_func ("/sim/engine/sixty-frames", test_sixty_frames);
  g_test_add_func ("/sim/engine/invariant", test_invariant);
  g_test_add_func ("/sim/engine/log", test_log);
  g_test_add_func ("/sim/engine/series", test_series);
  g_test_add_func ("/sim/engine/rate", test_rate);
  g_test_add_func ("/sim/engine/read-ratio", test_read_ratio);
  g_test_add_func ("/sim/engine/poisson", test_poisson);
  g_test_add_func ("/sim/engine/scenario-copy", test_scenario_copy);
  g_test_add_func ("/sim/engine/perf", test_perf);
  return g_test_run ();
}
