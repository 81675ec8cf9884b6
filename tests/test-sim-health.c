/* test-sim-health.c — health checks, detection window, redispatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Timing used throughout (distributed, rate 1, hop 0.25 s): request k
 * arrives at k s; the LB gets it at k + 0.75 s when the client asks DNS
 * first (requests 1-8 and 65-72), else at k + 0.25 s, and sends it to
 * server-1 for odd k, server-2 for even k.  server-1 is checked at even
 * seconds, server-2 at odd ones.
 *
 * Where server-1 dies the traffic is reads only: it also holds the
 * primary database, without which every write fails whatever the LB does.
 */
#include "config.h"

#include "sim/sb-health.h"
#include "test-sim-util.h"

static void
test_counter (void)
{
  SbHealth h;
  char label[16];
  int n, of;

  sb_health_init (&h, TRUE, 2, 3);
  sb_health_format_label (&h, 2, 3, label, sizeof label);
  g_assert_cmpstr (label, ==, "UP");
  static const struct { gboolean pass; const char *label; SbCheckState state; gboolean flip; } steps[] = {
    { FALSE, "UP 1/3", SB_CHECK_STATE_GOING_DOWN, FALSE },
    { TRUE, "UP", SB_CHECK_STATE_UP, FALSE },          /* streak broken */
    { FALSE, "UP 1/3", SB_CHECK_STATE_GOING_DOWN, FALSE },
    { FALSE, "UP 2/3", SB_CHECK_STATE_GOING_DOWN, FALSE },
    { FALSE, "DOWN", SB_CHECK_STATE_DOWN, TRUE },
    { FALSE, "DOWN", SB_CHECK_STATE_DOWN, FALSE },
    { TRUE, "DOWN 1/2", SB_CHECK_STATE_GOING_UP, FALSE },
    { FALSE, "DOWN", SB_CHECK_STATE_DOWN, FALSE },      /* streak broken */
    { TRUE, "DOWN 1/2", SB_CHECK_STATE_GOING_UP, FALSE },
    { TRUE, "UP", SB_CHECK_STATE_UP, TRUE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_assert_cmpint (sb_health_report (&h, steps[i].pass, 2, 3), ==, steps[i].flip);
      sb_health_format_label (&h, 2, 3, label, sizeof label);
      g_assert_cmpstr (label, ==, steps[i].label);
      g_assert_cmpint (sb_health_state (&h, 2, 3, &n, &of), ==, steps[i].state);
    }
  sb_health_report (&h, FALSE, 2, 3);
  g_assert_cmpint (sb_health_state (&h, 2, 3, &n, &of), ==, SB_CHECK_STATE_GOING_DOWN);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (of, ==, 3);

  g_assert_true (sb_health_check_passes (SB_CHECK_HTTP, TRUE, TRUE, TRUE));
  g_assert_false (sb_health_check_passes (SB_CHECK_HTTP, TRUE, TRUE, FALSE));
  g_assert_true (sb_health_check_passes (SB_CHECK_TCP, TRUE, TRUE, FALSE));
  g_assert_false (sb_health_check_passes (SB_CHECK_TCP, TRUE, FALSE, TRUE));
  g_assert_false (sb_health_check_passes (SB_CHECK_TCP, FALSE, TRUE, TRUE));
}

typedef struct {
  gint64 last_failure;
  gint64 down_at;
  guint  failures;
} Window;

static void
scan_window (const SbSimEvent *ev,
             gpointer          data)
{
  Window *w = data;

  if (ev->kind == SB_SIM_EVENT_REQUEST && !ev->ok)
    {
      w->failures++;
      w->last_failure = MAX (w->last_failure, ev->time);
    }
  if (ev->kind == SB_SIM_EVENT_BACKEND && ev->state == SB_CHECK_STATE_DOWN && w->down_at < 0)
    w->down_at = ev->time;
}

static Window
window (SbSim *sim)
{
  Window w = { -1, -1, 0 };

  foreach_logged (sim, scan_window, &w);
  return w;
}

static SbScenario *
reads_only (void)
{
  SbScenario *scenario = load_scenario ("distributed");

  scenario->traffic.read_ratio = 1;
  return scenario;
}

static void
test_detection_window (void)
{
  g_autoptr(SbScenario) scenario = reads_only ();
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  SbSimBackendView view;
  Window w;

  /* interval 2, fall 3: the check at 0 s ran before the kill, those at
   * 2, 4 and 6 s fail: server-1 is DOWN at 6 s = fall × interval. */
  g_assert_cmpfloat (scenario->balancer.interval, ==, 2);
  g_assert_cmpint (scenario->balancer.fall, ==, 3);
  kill_at (sim, 0, "server-1");
  run_to (sim, 3);
  view = backend (sim, "server-1");
  g_assert_cmpstr (view.label, ==, "UP 1/3");
  g_assert_cmpint (view.state, ==, SB_CHECK_STATE_GOING_DOWN);
  g_assert_true (view.up);
  run_to (sim, 5);
  g_assert_cmpstr (backend (sim, "server-1").label, ==, "UP 2/3");
  run_to (sim, 60);
  g_assert_cmpstr (backend (sim, "server-1").label, ==, "DOWN");
  g_assert_false (backend (sim, "server-1").up);
  w = window (sim);
  g_assert_cmpint (w.down_at, ==, US (6));
  /* The requests the LB sent to server-1 at 1.75, 3.75, 5.75 s failed on
   * arriving there; nothing after. */
  g_assert_cmpuint (w.failures, ==, 3);
  g_assert_cmpint (w.last_failure, ==, US (6));
  g_assert_cmpuint (counters (sim)->failed, ==, 3);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "server-1"), ==, 3);
  g_assert_cmpuint (counters (sim)->reasons[SB_FAILURE_HOST_UNREACHABLE], ==, 3);
  g_assert_cmpuint (sb_sim_get_served_by (sim, "server-1"), ==, 0);
  assert_invariant (sim);
}

static void
test_detection_window_busy (void)
{
  g_autoptr(SbScenario) scenario = reads_only ();
  g_autoptr(SbSim) sim = NULL;
  Window w;
  guint64 failed, dispatched;

  scenario->traffic.rate = 50;
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, "server-1");
  run_to (sim, 6);
  dispatched = sb_sim_get_handled (sim, "lb");
  run_to (sim, 6.25);
  failed = counters (sim)->failed;
  /* Half of what reached the LB before 6 s went to server-1 and failed. */
  g_assert_cmpuint (failed, ==, (dispatched + 1) / 2);
  run_to (sim, 20);
  g_assert_cmpuint (counters (sim)->failed, ==, failed);
  w = window (sim);
  g_assert_cmpint (w.down_at, ==, US (6));
  g_assert_cmpint (w.last_failure, <=, US (6.25));
}

static void
test_detection_scales (void)
{
  g_autoptr(SbScenario) scenario = reads_only ();
  g_autoptr(SbSim) sim = NULL;

  /* interval 1, fall 2: checks of server-1 at 0, 1, 2 s: DOWN at 2 s;
   * only the request the LB sent at 1.75 s failed. */
  scenario->balancer.interval = 1;
  scenario->balancer.fall = 2;
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, "server-1");
  run_to (sim, 30);
  g_assert_cmpint (window (sim).down_at, ==, US (2));
  g_assert_cmpuint (counters (sim)->failed, ==, 1);
}

static void
test_tcp_misses_app (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  scenario->balancer.check = SB_CHECK_TCP;
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, "app-1");
  run_to (sim, 60);
  /* Nginx still accepts connections: server-1 stays UP, and every one of
   * the 30 requests sent there fails at the application server. */
  g_assert_cmpstr (backend (sim, "server-1").label, ==, "UP");
  g_assert_cmpuint (sb_sim_get_handled (sim, "web-1"), ==, 30);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "app-1"), ==, 30);
  g_assert_cmpuint (counters (sim)->failed, ==, 30);
  g_assert_cmpuint (counters (sim)->reasons[SB_FAILURE_CONNECTION_REFUSED], ==, 30);
  g_assert_cmpuint (window (sim).down_at, ==, -1);
}

static void
test_http_sees_app (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  g_assert_cmpint (scenario->balancer.check, ==, SB_CHECK_HTTP);
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, "app-1");
  run_to (sim, 60);
  g_assert_cmpstr (backend (sim, "server-1").label, ==, "DOWN");
  g_assert_cmpint (window (sim).down_at, ==, US (6));
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "app-1"), ==, 3);
  g_assert_cmpuint (counters (sim)->failed, ==, 3);
}

static void
test_live_check_type (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  scenario->balancer.check = SB_CHECK_TCP;
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, "app-1");
  run_to (sim, 20);
  g_assert_cmpstr (backend (sim, "server-1").label, ==, "UP");
  /* http from 20 s on: the checks of 22, 24, 26 s fail. */
  sb_sim_set_check (sim, SB_CHECK_HTTP);
  run_to (sim, 40);
  g_assert_cmpint (window (sim).down_at, ==, US (26));
}

static void
test_live_interval (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);

  /* Checks restart spread over the new interval: server-1 at 10, 11, ...
   * s, server-2 at 10.5, 11.5, ... s. */
  run_to (sim, 10);
  sb_sim_set_interval (sim, 1);
  g_assert_cmpfloat (sb_sim_get_scenario (sim)->balancer.interval, ==, 1);
  kill_at (sim, 20, "server-1");
  run_to (sim, 40);
  g_assert_cmpint (window (sim).down_at, ==, US (23));

  /* rise 1, fall 1: one check decides. */
  sb_sim_set_rise_fall (sim, 1, 1);
  revive_at (sim, 40.2, "server-1");
  run_to (sim, 41);
  g_assert_cmpstr (backend (sim, "server-1").label, ==, "UP");
  kill_at (sim, 50.2, "server-1");
  run_to (sim, 50.9);
  g_assert_cmpstr (backend (sim, "server-1").label, ==, "UP");
  run_to (sim, 51);
  g_assert_cmpstr (backend (sim, "server-1").label, ==, "DOWN");
}

static guint64
baseline_succeeded (double seconds)
{
  g_autoptr(SbScenario) scenario = reads_only ();
  g_autoptr(SbSim) sim = sb_sim_new (scenario);

  run_to (sim, seconds);
  return counters (sim)->succeeded;
}

static void
test_redispatch_host (void)
{
  g_autoptr(SbScenario) scenario = reads_only ();
  g_autoptr(SbSim) sim = NULL;

  scenario->balancer.redispatch = TRUE;
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, "server-1");
  run_to (sim, 60);
  /* The requests of the detection window are refused by server-1 and
   * retried once on server-2: nothing fails.  A retry moves the rotation
   * on, so each of the 5 requests the LB got at 1.75 ... 5.75 s was first
   * sent to server-1. */
  g_assert_cmpuint (counters (sim)->failed, ==, 0);
  g_assert_cmpuint (counters (sim)->redispatched, ==, 5);
  g_assert_cmpuint (sb_sim_get_served_by (sim, "server-1"), ==, 0);
  g_assert_cmpuint (counters (sim)->succeeded, ==, baseline_succeeded (60));
  assert_invariant (sim);
}

typedef struct {
  guint64  id;
  gboolean seen_retrying;
  double   max_progress;
} Watch;

static void
watch_request (const SbSimRequestView *view,
               gpointer                data)
{
  Watch *w = data;

  if (view->id == w->id && view->retrying)
    {
      w->seen_retrying = TRUE;
      g_assert_cmpstr (view->from, ==, "app-1");
      g_assert_cmpstr (view->to, ==, "web-1");
      g_assert_cmpint (view->direction, ==, SB_DIRECTION_RESPONSE);
      w->max_progress = view->progress;
    }
}

static void
test_redispatch_app (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  Watch w = { 1, FALSE, 0 };

  scenario->balancer.check = SB_CHECK_TCP;
  scenario->balancer.redispatch = TRUE;
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, "app-1");
  /* Request 1: LB 1.75 s, web-1 2.0 s, app-1 (dead) 2.25 s: Nginx's 502
   * goes back to the LB (2.5, 2.75 s), which sends it to server-2. */
  run_to (sim, 2.375);
  sb_sim_foreach_request (sim, watch_request, &w);
  g_assert_true (w.seen_retrying);
  g_assert_cmpfloat_with_epsilon (w.max_progress, 0.5, 1e-9);
  run_to (sim, 60);
  g_assert_cmpuint (counters (sim)->failed, ==, 0);
  g_assert_cmpuint (counters (sim)->redispatched, ==, 30);
  g_assert_cmpuint (sb_sim_get_served_by (sim, "server-1"), ==, 0);
}

static void
test_redispatch_once (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  scenario->balancer.check = SB_CHECK_TCP;
  scenario->balancer.redispatch = TRUE;
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, "app-1");
  kill_at (sim, 0, "app-2");
  run_to (sim, 60);
  /* Each request fails, is retried once on the other server, fails again. */
  g_assert_cmpuint (counters (sim)->succeeded, ==, 0);
  g_assert_cmpuint (counters (sim)->failed, ==, 58);
  /* Request 59 (LB at 59.25 s) was retried and fails at 60.75 s. */
  g_assert_cmpuint (counters (sim)->redispatched, ==, 59);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "app-1") + sb_sim_get_failures_at (sim, "app-2"),
                    ==, 58);
}

static void
test_redispatch_not_for_database (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  /* The application server answered (with an error): not a connection
   * failure, so HAProxy does not retry it. */
  scenario->balancer.redispatch = TRUE;
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, "db-1");
  run_to (sim, 60);
  g_assert_cmpuint (counters (sim)->redispatched, ==, 0);
  g_assert_cmpuint (counters (sim)->writes_failed, ==, 13);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/health/counter", test_counter);
  g_test_add_func ("/sim/health/detection-window", test_detection_window);
  g_test_add_func ("/sim/health/detection-window-busy", test_detection_window_busy);
  g_test_add_func ("/sim/health/detection-scales", test_detection_scales);
  g_test_add_func ("/sim/health/tcp-misses-app", test_tcp_misses_app);
  g_test_add_func ("/sim/health/http-sees-app", test_http_sees_app);
  g_test_add_func ("/sim/health/live-check-type", test_live_check_type);
  g_test_add_func ("/sim/health/live-interval", test_live_interval);
  g_test_add_func ("/sim/health/redispatch-host", test_redispatch_host);
  g_test_add_func ("/sim/health/redispatch-app", test_redispatch_app);
  g_test_add_func ("/sim/health/redispatch-once", test_redispatch_once);
  g_test_add_func ("/sim/health/redispatch-not-for-database", test_redispatch_not_for_database);
  return g_test_run ();
}
