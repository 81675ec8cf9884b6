/* test-sim-failures.c — killing and reviving elements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Timing (distributed, rate 1, hop 0.25 s): request k arrives at k s from
 * client (k - 1) mod 8; requests 1-8 ask DNS first (answer cached until
 * k + 60.5 s), then the LB gets them 0.25 s after they leave the client.
 */
#include "config.h"

#include "test-sim-util.h"

static void
count_writes (const SbSimRequestView *view,
              gpointer                data)
{
  guint64 *n = data;

  *n += view->type == SB_REQUEST_WRITE;
}

static void
test_kill_lb (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);

  kill_at (sim, 0, "lb");
  run_to (sim, 60);
  /* All 59 requests that got to the LB failed there; the 60th is on its way. */
  g_assert_cmpuint (counters (sim)->requests, ==, 60);
  g_assert_cmpuint (counters (sim)->succeeded, ==, 0);
  g_assert_cmpuint (counters (sim)->failed, ==, 59);
  g_assert_cmpuint (counters (sim)->in_flight, ==, 1);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "lb"), ==, 59);
  g_assert_cmpuint (counters (sim)->reasons[SB_FAILURE_CONNECTION_REFUSED], ==, 59);
  g_assert_cmpuint (sb_sim_get_handled (sim, "lb"), ==, 0);
  g_assert_cmpuint (sb_sim_get_handled (sim, "dns"), ==, 8);
}

static void
test_kill_primary (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  const SbSimCounters *c = counters (sim);
  guint64 writes_in_flight = 0;

  kill_at (sim, 0, "db-1");
  run_to (sim, 60);
  sb_sim_foreach_request (sim, count_writes, &writes_in_flight);
  /* Every write fails at an application server, every read succeeds. */
  g_assert_cmpuint (c->writes_succeeded, ==, 0);
  g_assert_cmpuint (c->writes_failed, ==, c->writes - writes_in_flight);
  g_assert_cmpuint (c->writes_failed, ==, 13);
  g_assert_cmpuint (c->reads_failed, ==, 0);
  g_assert_cmpuint (c->reasons[SB_FAILURE_DATABASE_UNAVAILABLE], ==, 13);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "app-1") + sb_sim_get_failures_at (sim, "app-2"),
                    ==, 13);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "app-1"), >, 0);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "app-2"), >, 0);
  /* Reads of server-1 fell back to the replica. */
  g_assert_cmpuint (sb_sim_get_handled (sim, "db-1"), ==, 0);
}

static void
test_kill_replica (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);

  kill_at (sim, 0, "db-2");
  run_to (sim, 60);
  g_assert_cmpuint (counters (sim)->failed, ==, 0);
  g_assert_cmpuint (counters (sim)->succeeded, ==, 58);
  g_assert_cmpuint (sb_sim_get_handled (sim, "db-2"), ==, 0);
  /* 58 answered, and request 59 reached the primary at 60 s. */
  g_assert_cmpuint (sb_sim_get_handled (sim, "db-1"), ==, 59);
}

static void
test_dns_cache (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  const SbSimCounters *c = counters (sim);

  g_assert_cmpfloat (scenario->ttl, ==, 60);
  kill_at (sim, 10, "dns");
  /* Every client still has its answer: requests 9-64 go straight on. */
  run_to (sim, 65.2);
  g_assert_cmpuint (c->failed, ==, 0);
  g_assert_cmpuint (c->succeeded, ==, 63);
  /* From request 65 (client 0, answer expired at 61.5 s) each request
   * asks the dead DNS and fails there. */
  run_to (sim, 65.25);
  g_assert_cmpuint (c->failed, ==, 1);
  run_to (sim, 100);
  g_assert_cmpuint (c->succeeded, ==, 64);
  g_assert_cmpuint (c->failed, ==, 35);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "dns"), ==, 35);
  g_assert_cmpuint (c->reasons[SB_FAILURE_CANNOT_RESOLVE], ==, 35);
  g_assert_cmpuint (c->dns_lookups, ==, 8);

  /* Back: the next request asks again and gets through. */
  revive_at (sim, 100, "dns");
  run_to (sim, 130);
  g_assert_cmpuint (c->failed, ==, 35);
  g_assert_cmpuint (c->dns_lookups, ==, 16);
}

static void
test_ttl_zero (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  double p50;

  /* No caching: every request asks DNS (two more hops). */
  scenario->ttl = 0;
  sim = sb_sim_new (scenario);
  run_to (sim, 60);
  g_assert_cmpuint (counters (sim)->dns_lookups, ==, 59);
  g_assert_true (sb_sim_get_latency (sim, 50, &p50));
  g_assert_cmpfloat (p50, ==, 2.5);
  sb_sim_set_ttl (sim, 60);
  g_assert_cmpfloat (sb_sim_get_scenario (sim)->ttl, ==, 60);
}

static void
test_kill_inside (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  const SbSimEvent *ev;
  static const char * const path[] = { "user", "dns", "lb", "web-1", "app-1", "code-1" };

  /* Request 1 is between app-1 and its database at 2.3 s: Nginx holds its
   * connection, so killing Nginx fails it there, at once. */
  kill_at (sim, 2.3, "web-1");
  g_assert_cmpuint (counters (sim)->failed, ==, 1);
  g_assert_cmpuint (sb_sim_get_n_recent_failures (sim), ==, 1);
  ev = sb_sim_get_recent_failure (sim, 0);
  g_assert_cmpint (ev->time, ==, US (2.3));
  g_assert_cmpuint (ev->request, ==, 1);
  g_assert_cmpstr (ev->element, ==, "web-1");
  g_assert_cmpint (ev->reason, ==, SB_FAILURE_CONNECTION_RESET);
  g_assert_cmpuint (ev->path_len, ==, G_N_ELEMENTS (path));
  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    g_assert_cmpstr (ev->path[i], ==, path[i]);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "web-1"), ==, 1);
}

static void
test_kill_after_passing (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);

  /* At 3.3 s request 1's response has left the LB for the browser, while
   * request 2 is inside server-2 behind the LB. */
  kill_at (sim, 3.3, "lb");
  g_assert_cmpuint (counters (sim)->failed, ==, 1);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "lb"), ==, 1);
  g_assert_cmpuint (counters (sim)->reasons[SB_FAILURE_CONNECTION_RESET], ==, 1);
  run_to (sim, 3.5);
  g_assert_cmpuint (counters (sim)->succeeded, ==, 1);
}

static void
test_host_state (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);

  g_assert_cmpint (sb_sim_get_element_state (sim, "web-1"), ==, SB_ELEMENT_UP);
  kill_at (sim, 1, "server-1");
  g_assert_cmpint (sb_sim_get_element_state (sim, "server-1"), ==, SB_ELEMENT_DOWN);
  g_assert_cmpint (sb_sim_get_element_state (sim, "web-1"), ==, SB_ELEMENT_HOST_DOWN);
  g_assert_cmpint (sb_sim_get_element_state (sim, "db-1"), ==, SB_ELEMENT_HOST_DOWN);
  g_assert_false (sb_sim_is_up (sim, "db-1"));
  g_assert_true (sb_sim_is_up (sim, "db-2"));
  kill_at (sim, 2, "web-1");
  revive_at (sim, 3, "server-1");
  g_assert_cmpint (sb_sim_get_element_state (sim, "server-1"), ==, SB_ELEMENT_UP);
  g_assert_cmpint (sb_sim_get_element_state (sim, "web-1"), ==, SB_ELEMENT_DOWN);
  g_assert_cmpint (sb_sim_get_element_state (sim, "app-1"), ==, SB_ELEMENT_UP);
}

static void
test_errors (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  g_autoptr(GError) error = NULL;
  guint64 end;

  g_assert_false (sb_sim_kill (sim, "user", &error));
  g_assert_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (sb_sim_kill (sim, "nope", &error));
  g_assert_error (error, SB_SIM_ERROR, SB_SIM_ERROR_UNKNOWN_ID);
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);
  g_assert_false (sb_sim_revive (sim, "nope", &error));
  g_assert_error (error, SB_SIM_ERROR, SB_SIM_ERROR_UNKNOWN_ID);
  g_clear_error (&error);

  /* Killing what is down, reviving what is up: nothing happens. */
  g_assert_true (sb_sim_revive (sim, "lb", NULL));
  g_assert_true (sb_sim_kill (sim, "lb", NULL));
  end = sb_sim_get_events_end (sim);
  g_assert_true (sb_sim_kill (sim, "lb", NULL));
  g_assert_cmpuint (sb_sim_get_events_end (sim), ==, end);
  g_assert_cmpint (sb_sim_get_event (sim, end - 1)->kind, ==, SB_SIM_EVENT_KILL);
  g_assert_cmpstr (sb_sim_get_event (sim, end - 1)->element, ==, "lb");
}

static void
test_kill_code (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);

  /* The files are gone: the application server answers an error for each
   * request; the health check (Nginx and the application server answer)
   * does not notice. */
  kill_at (sim, 0, "code-1");
  run_to (sim, 60);
  g_assert_cmpstr (backend (sim, "server-1").label, ==, "UP");
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "code-1"), ==, 30);
  g_assert_cmpuint (counters (sim)->reasons[SB_FAILURE_FILES_MISSING], ==, 30);
  g_assert_cmpuint (sb_sim_get_handled (sim, "code-1"), ==, 0);
  g_assert_cmpuint (sb_sim_get_handled (sim, "code-2"), ==, 29);
}

static void
test_one_server (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("one-server");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  double p;

  g_assert_cmpuint (sb_sim_get_n_backends (sim), ==, 0);
  run_to (sim, 20);
  /* No load balancer: browser → Nginx → application → MySQL and back,
   * 6 hops (1.5 s), plus 2 for the first DNS lookup of each client. */
  g_assert_true (sb_sim_get_latency (sim, 50, &p));
  g_assert_cmpfloat (p, ==, 1.5);
  g_assert_true (sb_sim_get_latency (sim, 100, &p));
  g_assert_cmpfloat (p, ==, 2.0);
  g_assert_cmpuint (counters (sim)->succeeded, ==, 18);
  g_assert_cmpuint (sb_sim_get_served_by (sim, "server-1"), ==, 18);

  /* Nginx dies at 20 s: request 19 (inside, back at app-1) is reset, and
   * requests 20-59 are refused at Nginx. */
  kill_at (sim, 20, "web-1");
  run_to (sim, 60);
  g_assert_cmpuint (counters (sim)->failed, ==, 41);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "web-1"), ==, 41);
  g_assert_cmpuint (counters (sim)->reasons[SB_FAILURE_CONNECTION_RESET], ==, 1);
  g_assert_cmpuint (counters (sim)->reasons[SB_FAILURE_CONNECTION_REFUSED], ==, 40);
  g_assert_cmpuint (counters (sim)->succeeded, ==, 18);
  assert_invariant (sim);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/failures/lb", test_kill_lb);
  g_test_add_func ("/sim/failures/primary", test_kill_primary);
  g_test_add_func ("/sim/failures/replica", test_kill_replica);
  g_test_add_func ("/sim/failures/dns-cache", test_dns_cache);
  g_test_add_func ("/sim/failures/ttl-zero", test_ttl_zero);
  g_test_add_func ("/sim/failures/kill-inside", test_kill_inside);
  g_test_add_func ("/sim/failures/kill-after-passing", test_kill_after_passing);
  g_test_add_func ("/sim/failures/host-state", test_host_state);
  g_test_add_func ("/sim/failures/errors", test_errors);
  g_test_add_func ("/sim/failures/code", test_kill_code);
  g_test_add_func ("/sim/failures/one-server", test_one_server);
  return g_test_run ();
}
