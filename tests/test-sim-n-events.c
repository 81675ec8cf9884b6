/* test-sim-n-events.c — the count of events the simulation handled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench/ divides it by the time taken to report events per second, so it
 * must count each handled event once, whatever way time is advanced.
 */
#include "config.h"

#include "test-sim-util.h"

/* Each successful sb_sim_step() handles exactly one event. */
static void
test_step (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  guint64 before = sb_sim_get_n_events (sim);

  /* The first health check is due at time 0 and already handled. */
  g_assert_cmpuint (before, >, 0);
  for (guint i = 0; i < 500; i++)
    {
      g_assert_true (sb_sim_step (sim));
      g_assert_cmpuint (sb_sim_get_n_events (sim), ==, before + i + 1);
    }
}

/* One advance, or frame after frame, or step by step: the same count. */
static void
test_however_cut (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) whole = sb_sim_new (scenario);
  g_autoptr(SbSim) frames = sb_sim_new (scenario);
  g_autoptr(SbSim) steps = sb_sim_new (scenario);

  run_to (whole, 30);
  for (int i = 1; i <= 30 * 60; i++)
    sb_sim_advance_to (frames, US (30) * i / (30 * 60));
  while (sb_sim_get_next_hop_time (steps) >= 0 && sb_sim_get_next_hop_time (steps) <= US (30))
    g_assert_true (sb_sim_step (steps));
  run_to (steps, 30);
  g_assert_cmpuint (sb_sim_get_n_events (frames), ==, sb_sim_get_n_events (whole));
  g_assert_cmpuint (sb_sim_get_n_events (steps), ==, sb_sim_get_n_events (whole));
}

/* Every request makes at least one event per hop, and health checks and
 * replication add a bounded number: the count follows the work done. */
static void
test_follows_requests (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  const SbSimCounters *c;
  guint64 first, second;

  scenario->traffic.rate = 100;
  sim = sb_sim_new (scenario);
  run_to (sim, 60);
  first = sb_sim_get_n_events (sim);
  c = sb_sim_get_counters (sim);
  g_assert_cmpuint (first, >=, 8 * c->succeeded);
  run_to (sim, 120);
  second = sb_sim_get_n_events (sim) - first;
  /* Steady traffic: the second minute costs what the first did, ±2 %. */
  g_assert_cmpfloat ((double) second / first, >, 0.98);
  g_assert_cmpfloat ((double) second / first, <, 1.02);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/n-events/step", test_step);
  g_test_add_func ("/sim/n-events/however-cut", test_however_cut);
  g_test_add_func ("/sim/n-events/follows-requests", test_follows_requests);
  return g_test_run ();
}
