/* test-sim-lesson.c — the behaviours of the lesson's steps 3 and 4:
 * firewalls, monitoring alerts, the virtual IP, tiers on their own hosts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-sim-util.h"

/* A scenario at 10 reads a second, so every count below is exact. */
static SbSim *
new_sim (const char *name,
         double      read_ratio)
{
  g_autoptr(SbScenario) scenario = load_scenario (name);

  scenario->traffic.rate = 10;
  scenario->traffic.read_ratio = read_ratio;
  return sb_sim_new (scenario);
}

static guint
count_events (SbSim          *sim,
              SbSimEventKind  kind,
              const char     *element)
{
  guint n = 0;

  for (guint64 s = sb_sim_get_events_first (sim); s < sb_sim_get_events_end (sim); s++)
    {
      const SbSimEvent *ev = sb_sim_get_event (sim, s);

      n += ev->kind == kind && (element == NULL || g_strcmp0 (ev->element, element) == 0);
    }
  return n;
}

/* The load balancer's firewall stopped: nothing reaches the site. */
static void
test_firewall_of_the_balancer (void)
{
  g_autoptr(SbSim) sim = new_sim ("secured-monitored", 1);
  const SbSimCounters *c = counters (sim);
  guint64 succeeded;

  run_to (sim, 10);
  g_assert_cmpuint (c->failed, ==, 0);
  kill_at (sim, 10, "fw-lb");
  run_to (sim, 12);
  succeeded = c->succeeded;
  run_to (sim, 40);
  /* Only the responses already past the firewall's host come back. */
  g_assert_cmpuint (c->succeeded, ==, succeeded);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "fw-lb"), ==, c->failed);
  g_assert_cmpuint (c->reasons[SB_FAILURE_HOST_UNREACHABLE] + c->reasons[SB_FAILURE_CONNECTION_RESET],
                    ==, c->failed);
  g_assert_cmpuint (c->reasons[SB_FAILURE_HOST_UNREACHABLE], >=, 10 * 27);
  assert_invariant (sim);
}

/* Server 1's firewall stopped: requests sent there fail at it until the
 * health checks, which go through it too, mark server 1 DOWN. */
static void
test_firewall_of_a_server (void)
{
  g_autoptr(SbSim) sim = new_sim ("secured-monitored", 1);
  const SbSimCounters *c = counters (sim);
  guint64 failed, served_2, succeeded;

  kill_at (sim, 10, "fw-1");
  run_to (sim, 20);
  failed = c->failed;
  g_assert_cmpuint (failed, >, 0);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "fw-1"), ==, failed);
  served_2 = sb_sim_get_served_by (sim, "server-2");
  succeeded = c->succeeded;
  run_to (sim, 40);
  /* Once server 1 is DOWN, server 2 serves every request. */
  g_assert_cmpuint (c->failed, ==, failed);
  g_assert_cmpuint (sb_sim_get_served_by (sim, "server-2") - served_2, ==, c->succeeded - succeeded);
  g_assert_cmpuint (c->succeeded - succeeded, >=, 199);
  g_assert_cmpuint (count_events (sim, SB_SIM_EVENT_BACKEND, "server-1"), >=, 1);
  assert_invariant (sim);
}

/* An opened firewall lets everything through: the traffic is exactly the
 * same as with it closed; only the exposure (and the log) differ. */
static void
test_firewall_opened (void)
{
  g_autoptr(SbSim) open = new_sim ("secured-monitored", 0.8);
  g_autoptr(SbSim) closed = new_sim ("secured-monitored", 0.8);
  g_autoptr(GError) error = NULL;

  run_to (open, 5);
  g_assert_true (sb_sim_set_firewall_open (open, "fw-1", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (sb_sim_is_firewall_open (open, "fw-1"));
  g_assert_false (sb_sim_is_firewall_open (open, "fw-2"));
  run_to (open, 60);
  run_to (closed, 60);
  g_assert_cmpuint (counters (open)->succeeded, ==, counters (closed)->succeeded);
  g_assert_cmpuint (counters (open)->failed, ==, 0);
  g_assert_cmpuint (sb_sim_get_handled (open, "fw-1"), ==, sb_sim_get_handled (closed, "fw-1"));
  g_assert_cmpuint (sb_sim_get_handled (open, "fw-1"), >, 0);
  g_assert_cmpuint (count_events (open, SB_SIM_EVENT_FIREWALL, "fw-1"), ==, 1);
  g_assert_cmpuint (count_events (closed, SB_SIM_EVENT_FIREWALL, NULL), ==, 0);
  g_assert_false (sb_sim_set_firewall_open (open, "web-1", TRUE, &error));
  g_assert_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED);
}

static gboolean
has_alert (SbSim       *sim,
           const char  *element,
           SbAlertKind  kind,
           gint64      *since)
{
  for (guint i = 0; i < sb_sim_get_n_alerts (sim); i++)
    {
      SbSimAlertView alert;

      g_assert_true (sb_sim_get_alert (sim, i, &alert));
      if (g_str_equal (alert.element, element) && alert.kind == kind)
        {
          *since = alert.since;
          return TRUE;
        }
    }
  return FALSE;
}

/* A stopped program is reported at the agent's next report; a machine
 * that died when its agent has been silent for three reports. */
static void
test_monitoring_alerts (void)
{
  g_autoptr(SbSim) sim = new_sim ("secured-monitored", 0.8);
  gint64 since;

  run_to (sim, 10);
  g_assert_cmpuint (sb_sim_get_n_alerts (sim), ==, 0);
  kill_at (sim, 10.5, "web-1");
  run_to (sim, 10.99);
  g_assert_false (has_alert (sim, "web-1", SB_ALERT_DOWN, &since));
  run_to (sim, 11);
  g_assert_true (has_alert (sim, "web-1", SB_ALERT_DOWN, &since));
  g_assert_cmpint (since, ==, US (11));

  kill_at (sim, 20.5, "server-2");
  run_to (sim, 22.99);
  g_assert_false (has_alert (sim, "server-2", SB_ALERT_NO_DATA, &since));
  run_to (sim, 23);
  g_assert_true (has_alert (sim, "server-2", SB_ALERT_NO_DATA, &since));
  g_assert_cmpint (since, ==, US (23));
  g_assert_cmpuint (sb_sim_get_n_alerts (sim), ==, 2);

  revive_at (sim, 30.5, "web-1");
  run_to (sim, 31);
  g_assert_false (has_alert (sim, "web-1", SB_ALERT_DOWN, &since));
  g_assert_cmpuint (sb_sim_get_n_alerts (sim), ==, 1);
  g_assert_cmpuint (count_events (sim, SB_SIM_EVENT_ALERT, NULL), ==, 3);

  /* A dead monitoring service shows nothing and raises nothing. */
  kill_at (sim, 40, "monitoring");
  kill_at (sim, 41, "app-1");
  run_to (sim, 50);
  g_assert_cmpuint (sb_sim_get_n_alerts (sim), ==, 0);
  g_assert_cmpuint (count_events (sim, SB_SIM_EVENT_ALERT, NULL), ==, 3);
}

/* Without monitoring, a failure raises no alert at all. */
static void
test_no_monitoring (void)
{
  static const char * const names[] = { "one-server", "distributed", "scale-up" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(SbSim) sim = new_sim (names[i], 0.8);
      g_autoptr(SbScenario) scenario = load_scenario (names[i]);
      const SbHost *host = g_ptr_array_index (scenario->hosts, 0);

      kill_at (sim, 5, host->id);
      run_to (sim, 60);
      g_assert_cmpuint (counters (sim)->failed, >, 0);
      g_assert_cmpuint (sb_sim_get_n_alerts (sim), ==, 0);
      g_assert_cmpuint (count_events (sim, SB_SIM_EVENT_ALERT, NULL), ==, 0);
    }
}

/* The master load balancer dies: the backup takes the virtual IP after
 * keepalived's detection time, and the site answers again; the master
 * takes it back the same time after it returns. */
static void
test_virtual_ip (void)
{
  g_autoptr(SbSim) sim = new_sim ("scale-up", 1);
  const SbSimCounters *c = counters (sim);
  gint64 moved = US (10) + SB_SIM_VRRP_DETECTION;
  guint64 failed, succeeded, in_flight;

  run_to (sim, 10);
  g_assert_cmpstr (sb_sim_get_active_load_balancer (sim), ==, "lb-1");
  g_assert_cmpuint (c->failed, ==, 0);
  in_flight = c->in_flight;
  kill_at (sim, 10, "lb-1");
  /* Those past the load balancer lose their connection. */
  g_assert_cmpuint (c->reasons[SB_FAILURE_CONNECTION_RESET], >, 0);
  g_assert_cmpuint (c->reasons[SB_FAILURE_CONNECTION_RESET], <=, in_flight);
  sb_sim_advance_to (sim, moved - 1);
  g_assert_cmpstr (sb_sim_get_active_load_balancer (sim), ==, "lb-1");
  succeeded = c->succeeded;
  sb_sim_advance_to (sim, moved);
  g_assert_cmpstr (sb_sim_get_active_load_balancer (sim), ==, "lb-2");
  g_assert_cmpuint (count_events (sim, SB_SIM_EVENT_VIP, "lb-2"), ==, 1);
  /* For 3.6 s, the requests sent to the address (10 a second) were
   * refused by the dead one. */
  g_assert_cmpuint (c->reasons[SB_FAILURE_CONNECTION_REFUSED], >=, 35);
  g_assert_cmpuint (c->reasons[SB_FAILURE_CONNECTION_REFUSED], <=, 37);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "lb-1"), ==, c->failed);
  /* A round trip takes about 2 s: by 20 s, 6 s of requests are back. */
  run_to (sim, 20);
  failed = c->failed;
  g_assert_cmpuint (c->succeeded - succeeded, >=, 40);
  revive_at (sim, 30, "lb-1");
  run_to (sim, 45);
  g_assert_cmpstr (sb_sim_get_active_load_balancer (sim), ==, "lb-1");
  g_assert_cmpuint (count_events (sim, SB_SIM_EVENT_VIP, "lb-1"), ==, 1);
  /* Handing the address back to a live master loses nothing. */
  g_assert_cmpuint (c->failed, ==, failed);
  assert_invariant (sim);
}

/* With the tiers on their own hosts, Nginx passes to either application
 * server, so losing one costs only the requests it held. */
static void
test_split_tiers (void)
{
  g_autoptr(SbSim) sim = new_sim ("scale-up", 0.8);
  const SbSimCounters *c = counters (sim);
  guint64 failed, app_2, web_1, web_2;

  run_to (sim, 10);
  g_assert_cmpuint (sb_sim_get_handled (sim, "app-1"), >, 40);
  g_assert_cmpuint (sb_sim_get_handled (sim, "app-2"), >, 40);
  kill_at (sim, 10, "app-1");
  run_to (sim, 11);
  failed = c->failed;
  g_assert_cmpuint (failed, ==, c->reasons[SB_FAILURE_CONNECTION_RESET]);
  app_2 = sb_sim_get_handled (sim, "app-2");
  web_1 = sb_sim_get_served_by (sim, "web-server-1");
  web_2 = sb_sim_get_served_by (sim, "web-server-2");
  run_to (sim, 31);
  g_assert_cmpuint (c->failed, ==, failed);
  g_assert_cmpuint (sb_sim_get_handled (sim, "app-2") - app_2, ==, 200);
  /* Round robin over the two web servers carries on. */
  g_assert_cmpuint (sb_sim_get_served_by (sim, "web-server-1") - web_1, >=, 99);
  g_assert_cmpuint (sb_sim_get_served_by (sim, "web-server-2") - web_2, >=, 99);
  /* Reads of application server 2 go to its replica, writes to the primary. */
  g_assert_cmpuint (sb_sim_get_handled (sim, "db-2"), >, 0);
  g_assert_cmpuint (sb_sim_get_handled (sim, "db-1"), >, 0);
  assert_invariant (sim);
}

/* The same with a firewall in front of each application server: the
 * refused request goes back through it to Nginx, then to the other one. */
static void
test_split_tiers_behind_firewalls (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("scale-up");
  g_autoptr(SbSim) sim = NULL;
  const SbSimCounters *c;
  guint64 failed;

  g_ptr_array_add (scenario->components, sb_component_new ("fw-a1", SB_KIND_FIREWALL, "Firewall"));
  g_ptr_array_add (scenario->components, sb_component_new ("fw-a2", SB_KIND_FIREWALL, "Firewall"));
  ((SbComponent *) g_ptr_array_index (scenario->components, scenario->components->len - 2))->host =
    g_strdup ("app-server-1");
  ((SbComponent *) g_ptr_array_index (scenario->components, scenario->components->len - 1))->host =
    g_strdup ("app-server-2");
  g_assert_true (sb_scenario_validate (scenario, NULL));
  scenario->traffic.rate = 10;
  sim = sb_sim_new (scenario);
  c = counters (sim);
  run_to (sim, 10);
  g_assert_cmpuint (sb_sim_get_handled (sim, "fw-a1"), >, 40);
  kill_at (sim, 10, "app-1");
  run_to (sim, 11);
  failed = c->failed;
  g_assert_cmpuint (failed, ==, c->reasons[SB_FAILURE_CONNECTION_RESET]);
  run_to (sim, 31);
  g_assert_cmpuint (c->failed, ==, failed);
  assert_invariant (sim);
}

/* The designs made with the editor run: no request fails, and once the
 * load balancer has seen a server die, the others take every request. */
static void
test_editor_designs (void)
{
  const char * const designs[][2] = {
    { "editor-databases-apart.json", "server-2" },
    { "editor-three-servers-firewalls.json", "server-3" },
    { "editor-scaled-up-monitored.json", "web-server-1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (designs); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", designs[i][0], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbScenario) scenario = sb_scenario_load_from_file (path, &error);
      g_autoptr(SbSim) sim = NULL;
      const SbSimCounters *c;
      guint64 succeeded;

      g_assert_no_error (error);
      scenario->traffic.rate = 10;
      sim = sb_sim_new (scenario);
      c = counters (sim);
      run_to (sim, 60);
      g_assert_cmpuint (c->failed, ==, 0);
      g_assert_cmpuint (c->succeeded, >=, 570);
      kill_at (sim, 60, designs[i][1]);
      run_to (sim, 100);
      succeeded = c->succeeded;
      run_to (sim, 120);
      g_assert_cmpuint (c->succeeded - succeeded, >=, 190);
      assert_invariant (sim);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/lesson/firewall-of-the-balancer", test_firewall_of_the_balancer);
  g_test_add_func ("/sim/lesson/firewall-of-a-server", test_firewall_of_a_server);
  g_test_add_func ("/sim/lesson/firewall-opened", test_firewall_opened);
  g_test_add_func ("/sim/lesson/monitoring-alerts", test_monitoring_alerts);
  g_test_add_func ("/sim/lesson/no-monitoring", test_no_monitoring);
  g_test_add_func ("/sim/lesson/virtual-ip", test_virtual_ip);
  g_test_add_func ("/sim/lesson/split-tiers", test_split_tiers);
  g_test_add_func ("/sim/lesson/split-tiers-behind-firewalls", test_split_tiers_behind_firewalls);
  g_test_add_func ("/sim/lesson/editor-designs", test_editor_designs);
  return g_test_run ();
}
