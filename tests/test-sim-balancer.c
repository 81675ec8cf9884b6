/* test-sim-balancer.c — roundrobin, leastconn, source, active-passive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sim/sb-balancer.h"
#include "test-sim-util.h"

/* --- the pure choice ---------------------------------------------------- */

static void
test_roundrobin_choice (void)
{
  SbLbServer servers[3] = { { TRUE }, { TRUE }, { TRUE } };
  guint counts[3] = { 0 }, rr = 0;

  for (guint i = 0; i < 1000; i++)
    counts[sb_balancer_choose (servers, 3, SB_ALGORITHM_ROUNDROBIN, &rr, 0, -1)]++;
  g_assert_cmpuint (counts[0], ==, 334);
  g_assert_cmpuint (counts[1], ==, 333);
  g_assert_cmpuint (counts[2], ==, 333);

  /* A DOWN server is skipped; the rotation goes on over the others. */
  servers[1].up = FALSE;
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_ROUNDROBIN, &rr, 0, -1), ==, 2);
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_ROUNDROBIN, &rr, 0, -1), ==, 0);
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_ROUNDROBIN, &rr, 0, -1), ==, 2);
  /* Excluded (a redispatch) and none left: 503. */
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_ROUNDROBIN, &rr, 0, 0), ==, 2);
  servers[0].up = servers[2].up = FALSE;
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_ROUNDROBIN, &rr, 0, -1), ==, -1);
}

static void
test_leastconn_choice (void)
{
  SbLbServer servers[3] = { { TRUE, FALSE, 2 }, { TRUE, FALSE, 1 }, { TRUE, FALSE, 1 } };

  /* Fewest in flight; equal stamps: the first in order. */
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_LEASTCONN, NULL, 0, -1), ==, 1);
  servers[0].in_flight = 0;
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_LEASTCONN, NULL, 0, -1), ==, 0);
  /* Ties go to the server whose count changed longest ago, as in HAProxy. */
  servers[0].in_flight = 2;
  servers[1].since = 7;
  servers[2].since = 3;
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_LEASTCONN, NULL, 0, -1), ==, 2);
  servers[0].in_flight = 0;
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_LEASTCONN, NULL, 0, -1), ==, 0);
  servers[0].up = FALSE;
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_LEASTCONN, NULL, 0, -1), ==, 2);
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_LEASTCONN, NULL, 0, 2), ==, 1);
}

static void
test_source_choice (void)
{
  SbLbServer servers[3] = { { TRUE }, { TRUE }, { TRUE } };
  guint32 base;

  g_assert_true (sb_balancer_parse_ipv4 ("198.51.100.7", &base));
  g_assert_cmpuint (base, ==, 0xc6336407U);
  g_assert_false (sb_balancer_parse_ipv4 ("198.51.100", &base));
  g_assert_false (sb_balancer_parse_ipv4 ("198.51.100.256", &base));
  /* HAProxy's default map-based hash: the address modulo the number of
   * usable servers (as real HAProxy 2.6 sent 127.0.0.10 ... 127.0.0.17 in
   * tests/twin). */
  for (guint c = 0; c < 8; c++)
    {
      guint32 a = base + c;
      int k = sb_balancer_choose (servers, 2, SB_ALGORITHM_SOURCE, NULL, a, -1);

      g_assert_cmpint (k, ==, (int) (a % 2));
      /* Always the same server while the set is unchanged. */
      g_assert_cmpint (sb_balancer_choose (servers, 2, SB_ALGORITHM_SOURCE, NULL, a, -1), ==, k);
      g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_SOURCE, NULL, a, -1), ==, (int) (a % 3));
    }
  /* One server DOWN: the map holds the other two, in order. */
  servers[0].up = FALSE;
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_SOURCE, NULL, 4, -1), ==, 1);
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_SOURCE, NULL, 5, -1), ==, 2);
}

static void
test_backup_choice (void)
{
  SbLbServer servers[3] = { { TRUE, FALSE }, { TRUE, TRUE }, { TRUE, TRUE } };
  guint rr = 0;

  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_ROUNDROBIN, &rr, 0, -1), ==, 0);
  /* Active DOWN: the first UP backup only (no `option allbackups`). */
  servers[0].up = FALSE;
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_ROUNDROBIN, &rr, 0, -1), ==, 1);
  servers[1].up = FALSE;
  g_assert_cmpint (sb_balancer_choose (servers, 3, SB_ALGORITHM_LEASTCONN, &rr, 0, -1), ==, 2);
  g_assert_true (sb_balancer_usable (servers, 3, 2, -1));
  g_assert_false (sb_balancer_usable (servers, 3, 1, -1));
}

/* --- in the simulation ------------------------------------------------ */

static void
test_roundrobin (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  guint64 lb, web1, web2;

  scenario->traffic.rate = 10;
  sim = sb_sim_new (scenario);
  /* What the LB sent by 99.75 s has reached Nginx by 100 s. */
  run_to (sim, 99.75);
  lb = sb_sim_get_handled (sim, "lb");
  run_to (sim, 100);
  web1 = sb_sim_get_handled (sim, "web-1");
  web2 = sb_sim_get_handled (sim, "web-2");
  /* Strict alternation, starting with server-1. */
  g_assert_cmpuint (lb, ==, 995);
  g_assert_cmpuint (web1, ==, (lb + 1) / 2);
  g_assert_cmpuint (web2, ==, lb / 2);
  g_assert_cmpuint (counters (sim)->failed, ==, 0);
}

static void
find_request (const SbSimRequestView *view,
              gpointer                data)
{
  SbSimRequestView *wanted = data;

  if (view->id == wanted->id)
    *wanted = *view;
}

static void
test_leastconn (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  SbSimRequestView r2 = { .id = 2 };

  scenario->balancer.algorithm = SB_ALGORITHM_LEASTCONN;
  sim = sb_sim_new (scenario);
  /* Request 1 reached the LB at 1.75 s and went to server-1 (a tie:
   * first in order); it is still there at 2.8 s. */
  run_to (sim, 2.8);
  g_assert_cmpuint (backend (sim, "server-1").in_flight, ==, 1);
  /* Request 2 reached the LB at 2.75 s: it went to the idle server-2. */
  sb_sim_foreach_request (sim, find_request, &r2);
  g_assert_cmpstr (r2.backend, ==, "server-2");
  g_assert_cmpuint (backend (sim, "server-2").in_flight, ==, 1);
}

static void
test_leastconn_ties (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  /* One request every 2.5 s, each on a server for 1.5 s: every choice is
   * a tie between idle servers.  They take turns, the one idle for longest
   * first, as real HAProxy does (tests/twin: 150 / 150 of 300 requests at
   * 10 per second, each on a server for under a millisecond). */
  scenario->balancer.algorithm = SB_ALGORITHM_LEASTCONN;
  scenario->traffic.rate = 0.4;
  sim = sb_sim_new (scenario);
  run_to (sim, 100);
  g_assert_cmpuint (sb_sim_get_handled (sim, "web-1"), ==, 20);
  g_assert_cmpuint (sb_sim_get_handled (sim, "web-2"), ==, 19);
}

typedef struct {
  int where[8];       /* client → 1 or 2, 0 before its first success */
  int moved;
  gint64 after;       /* only events later than this */
} Stickiness;

static void
check_sticky (const SbSimEvent *ev,
              gpointer          data)
{
  Stickiness *s = data;
  int server;

  if (ev->kind != SB_SIM_EVENT_REQUEST || !ev->ok || ev->time <= s->after)
    return;
  server = g_str_equal (ev->element, "server-1") ? 1 : 2;
  if (s->where[ev->client] != 0 && s->where[ev->client] != server)
    s->moved++;
  s->where[ev->client] = server;
}

static void
test_source (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  Stickiness s = { { 0 } };
  guint32 base;

  g_assert_true (sb_balancer_parse_ipv4 ("198.51.100.7", &base));
  scenario->balancer.algorithm = SB_ALGORITHM_SOURCE;
  sim = sb_sim_new (scenario);
  run_to (sim, 100);
  foreach_logged (sim, check_sticky, &s);
  g_assert_cmpint (s.moved, ==, 0);
  for (guint c = 0; c < 8; c++)
    g_assert_cmpint (s.where[c], ==, 1 + (int) ((base + c) % 2));
  /* 198.51.100.7 is odd: clients 0, 2, 4 and 6 go to server-2. */
  g_assert_cmpint (s.where[0], ==, 2);
  g_assert_cmpint (s.where[1], ==, 1);

  /* server-2 dies: its clients move to server-1 once it is DOWN (checks at
   * 101, 103, 105 s); the clients of server-1 never move. */
  kill_at (sim, 100, "server-2");
  run_to (sim, 200);
  s.moved = 0;
  s.after = US (100);
  foreach_logged (sim, check_sticky, &s);
  /* Clients 0, 2, 4 and 6 moved, once each; nobody else. */
  g_assert_cmpint (s.moved, ==, 4);
  for (guint c = 0; c < 8; c++)
    g_assert_cmpint (s.where[c], ==, 1);
  /* Only requests of server-2's clients failed: the one of 99 s (client
   * 2), inside server-2 at the kill, and those of 101 and 103 s (clients 4
   * and 6), sent before it was DOWN at 105 s.  The one of 97 s (client 0)
   * was back at the browser at 99 s. */
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "server-2"), ==, counters (sim)->failed);
  g_assert_cmpuint (counters (sim)->failed, ==, 3);
}

typedef struct {
  const char *host;
  const char *label;
  gint64      time;
} BackendChange;

static void
find_backend_change (const SbSimEvent *ev,
                     gpointer          data)
{
  BackendChange *c = data;

  if (ev->kind == SB_SIM_EVENT_BACKEND && g_str_equal (ev->element, c->host)
      && g_str_equal (ev->label, c->label) && c->time < 0)
    c->time = ev->time;
}

static gint64
backend_change_time (SbSim      *sim,
                     const char *host,
                     const char *label)
{
  BackendChange c = { host, label, -1 };

  foreach_logged (sim, find_backend_change, &c);
  return c.time;
}

static void
test_active_passive (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  guint64 web2_at_failback;

  scenario->balancer.mode = SB_MODE_ACTIVE_PASSIVE;
  /* Reads only: server-1 also holds the primary, without which writes
   * fail whatever the LB does. */
  scenario->traffic.read_ratio = 1;
  sim = sb_sim_new (scenario);
  g_assert_false (backend (sim, "server-1").backup);
  g_assert_true (backend (sim, "server-2").backup);

  /* While the active server is UP the backup gets nothing. */
  run_to (sim, 60);
  g_assert_cmpuint (sb_sim_get_handled (sim, "web-1"), ==, 59);
  g_assert_cmpuint (sb_sim_get_handled (sim, "web-2"), ==, 0);
  g_assert_cmpuint (sb_sim_get_served_by (sim, "server-2"), ==, 0);

  /* server-1 dies at 60 s; checked at 62, 64, 66 s: DOWN at 66 s. */
  kill_at (sim, 60, "server-1");
  run_to (sim, 100);
  g_assert_cmpint (backend_change_time (sim, "server-1", "DOWN"), ==, US (66));
  /* Failed: the request inside server-1 at 60 s, and those the LB sent
   * there at 60.25 ... 64.25 and 65.75 s. Everything after went to the
   * backup. */
  g_assert_cmpuint (counters (sim)->failed, ==, 7);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "server-1"), ==, 7);
  g_assert_cmpuint (counters (sim)->reasons[SB_FAILURE_CONNECTION_RESET], ==, 1);
  g_assert_cmpuint (counters (sim)->reasons[SB_FAILURE_HOST_UNREACHABLE], ==, 6);
  /* The requests of 66 ... 99 s went to the backup. */
  g_assert_cmpuint (sb_sim_get_handled (sim, "web-2"), ==, 34);

  /* Back at 100 s: the check at 100 s ran just before; 102 and 104 s
   * pass (rise 2), so traffic fails back at 104 s. */
  revive_at (sim, 100, "server-1");
  run_to (sim, 104);
  g_assert_cmpint (backend_change_time (sim, "server-1", "UP"), ==, US (104));
  web2_at_failback = sb_sim_get_handled (sim, "web-2");
  g_assert_cmpuint (web2_at_failback, ==, 34 + 4);
  run_to (sim, 160);
  g_assert_cmpuint (sb_sim_get_handled (sim, "web-2"), ==, web2_at_failback);
  g_assert_cmpuint (counters (sim)->failed, ==, 7);
}

static void
test_no_server (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);

  /* Both servers dead: server-2 is DOWN at 5 s (checks 1, 3, 5 s),
   * server-1 at 6 s (0 s passed before the kill; 2, 4, 6 s). */
  kill_at (sim, 0, "server-1");
  kill_at (sim, 0, "server-2");
  run_to (sim, 60);
  g_assert_cmpuint (counters (sim)->succeeded, ==, 0);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "lb"), ==,
                    counters (sim)->reasons[SB_FAILURE_NO_SERVER]);
  /* LB reached at 1.75 ... 5.75 s: sent to a server; from 6.75 s: 503. */
  g_assert_cmpuint (counters (sim)->reasons[SB_FAILURE_HOST_UNREACHABLE], ==, 5);
  g_assert_cmpuint (counters (sim)->reasons[SB_FAILURE_NO_SERVER], ==, 59 - 5);
  g_assert_cmpstr (backend (sim, "server-1").label, ==, "DOWN");
  g_assert_cmpstr (backend (sim, "server-2").label, ==, "DOWN");
}

static void
test_live_algorithm (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  guint64 web1;

  run_to (sim, 10);
  sb_sim_set_mode (sim, SB_MODE_ACTIVE_PASSIVE);
  g_assert_cmpint (sb_sim_get_scenario (sim)->balancer.mode, ==, SB_MODE_ACTIVE_PASSIVE);
  web1 = sb_sim_get_handled (sim, "web-1");
  run_to (sim, 30);
  /* Every request reaching the LB from 10 s went to the active server. */
  g_assert_cmpuint (sb_sim_get_handled (sim, "web-1"), ==, web1 + 20);
  sb_sim_set_mode (sim, SB_MODE_ACTIVE_ACTIVE);
  sb_sim_set_algorithm (sim, SB_ALGORITHM_SOURCE);
  g_assert_cmpint (sb_sim_get_scenario (sim)->balancer.algorithm, ==, SB_ALGORITHM_SOURCE);
  run_to (sim, 60);
  g_assert_cmpuint (counters (sim)->failed, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/balancer/choice/roundrobin", test_roundrobin_choice);
  g_test_add_func ("/sim/balancer/choice/leastconn", test_leastconn_choice);
  g_test_add_func ("/sim/balancer/choice/source", test_source_choice);
  g_test_add_func ("/sim/balancer/choice/backup", test_backup_choice);
  g_test_add_func ("/sim/balancer/roundrobin", test_roundrobin);
  g_test_add_func ("/sim/balancer/leastconn", test_leastconn);
  g_test_add_func ("/sim/balancer/leastconn-ties", test_leastconn_ties);
  g_test_add_func ("/sim/balancer/source", test_source);
  g_test_add_func ("/sim/balancer/active-passive", test_active_passive);
  g_test_add_func ("/sim/balancer/no-server", test_no_server);
  g_test_add_func ("/sim/balancer/live-settings", test_live_algorithm);
  return g_test_run ();
}
