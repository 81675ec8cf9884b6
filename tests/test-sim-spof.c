/* test-sim-spof.c — single points of failure, structurally and by play
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sim/sb-spof.h"
#include "test-sim-util.h"

static char *
join (GPtrArray *ids)
{
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static void
assert_spof (const SbScenario *scenario,
             const char       *reads,
             const char       *writes)
{
  g_autoptr(GPtrArray) r = NULL;
  g_autoptr(GPtrArray) w = NULL;
  g_autofree char *rs = NULL;
  g_autofree char *ws = NULL;

  sb_spof_analyse (scenario, &r, &w);
  rs = join (r);
  ws = join (w);
  g_assert_cmpstr (rs, ==, reads);
  g_assert_cmpstr (ws, ==, writes);
}

static void
test_distributed (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");

  assert_spof (scenario, "lb", "db-1,lb,server-1");
}

static void
test_one_server (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("one-server");

  /* Everything but the managed DNS and the browser; the application files
   * count: without them the application server has nothing to run. */
  assert_spof (scenario, "app-1,code-1,db-1,server-1,web-1", "app-1,code-1,db-1,server-1,web-1");
}

/* Firewalls stand on the request's way: the load balancer's, like the
 * load balancer, stops everything; server 1's stops the writes from
 * server 2, which reach the primary through it. */
static void
test_secured_monitored (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("secured-monitored");

  assert_spof (scenario, "fw-lb,lb,lb-server", "db-1,fw-1,fw-lb,lb,lb-server,server-1");
}

/* Two load balancers and every tier doubled: nothing alone stops reads;
 * the one primary still stops writes. */
static void
test_scale_up (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("scale-up");

  assert_spof (scenario, "", "db-1,db-server-1");
}

static void
test_variants (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");

  /* Active-passive sends everything to server-1 while its health check
   * passes, and the check cannot see missing application files. */
  scenario->balancer.mode = SB_MODE_ACTIVE_PASSIVE;
  assert_spof (scenario, "code-1,lb", "code-1,db-1,lb,server-1");
  /* Nor can a tcp check see a dead application server. */
  scenario->balancer.check = SB_CHECK_TCP;
  assert_spof (scenario, "app-1,code-1,lb", "app-1,code-1,db-1,lb,server-1");
  /* Redispatch retries the refused connection on the backup. */
  scenario->balancer.redispatch = TRUE;
  assert_spof (scenario, "code-1,lb", "code-1,db-1,lb,server-1");

  /* Active-active: the algorithm and the check do not change the answer. */
  scenario->balancer.mode = SB_MODE_ACTIVE_ACTIVE;
  scenario->balancer.redispatch = FALSE;
  scenario->balancer.algorithm = SB_ALGORITHM_SOURCE;
  assert_spof (scenario, "lb", "db-1,lb,server-1");

  /* The topology does: without its replica, db-1 (and so server-1)
   * stops reads too. */
  g_ptr_array_remove_index (scenario->components, sb_scenario_component_index (scenario, "db-2"));
  assert_spof (scenario, "db-1,lb,server-1", "db-1,lb,server-1");
}

static void
test_can_succeed (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  const char * const none[] = { NULL };
  const char * const dbs[] = { "db-1", "db-2", NULL };
  const char * const servers[] = { "web-1", "app-2", NULL };
  const char * const dns[] = { "dns", NULL };

  g_assert_true (sb_spof_can_succeed (scenario, none, SB_REQUEST_READ));
  g_assert_true (sb_spof_can_succeed (scenario, NULL, SB_REQUEST_WRITE));
  g_assert_false (sb_spof_can_succeed (scenario, dbs, SB_REQUEST_READ));
  g_assert_false (sb_spof_can_succeed (scenario, servers, SB_REQUEST_READ));
  /* Managed elements are left out of the lists, not out of the rules. */
  g_assert_false (sb_spof_can_succeed (scenario, dns, SB_REQUEST_READ));
}

/* Plays it: ELEMENT dies at 0 s; once the LB's view and the DNS caches
 * have settled, do requests of TYPE still succeed? */
static gboolean
survives_by_simulation (const SbScenario *base,
                        const char       *element,
                        SbRequestType     type)
{
  g_autoptr(SbScenario) scenario = sb_scenario_copy (base);
  g_autoptr(SbSim) sim = NULL;
  guint64 before;

  scenario->traffic.rate = 10;
  scenario->traffic.read_ratio = type == SB_REQUEST_READ ? 1 : 0;
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, element);
  /* The last DNS answer cached before the kill expires at 61.3 s. */
  run_to (sim, 80);
  before = counters (sim)->succeeded;
  run_to (sim, 110);
  return counters (sim)->succeeded > before;
}

static gboolean
contains (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return TRUE;
  return FALSE;
}

static void
check_by_simulation (const SbScenario *scenario)
{
  g_autoptr(GPtrArray) reads = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  guint checked = 0;

  sb_spof_analyse (scenario, &reads, &writes);
  for (guint i = 0; i < scenario->hosts->len + scenario->components->len; i++)
    {
      const char *id;
      gboolean managed = FALSE;

      if (i < scenario->hosts->len)
        id = ((SbHost *) g_ptr_array_index (scenario->hosts, i))->id;
      else
        {
          const SbComponent *c = g_ptr_array_index (scenario->components, i - scenario->hosts->len);

          if (c->kind == SB_KIND_CLIENT)
            continue;
          id = c->id;
          managed = c->managed;
        }
      for (SbRequestType type = SB_REQUEST_READ; type <= SB_REQUEST_WRITE; type++)
        {
          const char * const down[] = { id, NULL };
          gboolean played = survives_by_simulation (scenario, id, type);

          g_assert_cmpint (played, ==, sb_spof_can_succeed (scenario, down, type));
          if (!managed)
            g_assert_cmpint (!played, ==, contains (type == SB_REQUEST_READ ? reads : writes, id));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 10);
}

static void
test_by_simulation (void)
{
  static const char * const names[] = { "distributed", "one-server", "secured-monitored",
                                        "scale-up" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(SbScenario) scenario = load_scenario (names[i]);

      check_by_simulation (scenario);
    }
}

static void
test_by_simulation_variants (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");

  scenario->balancer.check = SB_CHECK_TCP;
  check_by_simulation (scenario);
  scenario->balancer.algorithm = SB_ALGORITHM_SOURCE;
  check_by_simulation (scenario);
  scenario->balancer.algorithm = SB_ALGORITHM_LEASTCONN;
  scenario->balancer.mode = SB_MODE_ACTIVE_PASSIVE;
  scenario->balancer.redispatch = TRUE;
  check_by_simulation (scenario);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/spof/distributed", test_distributed);
  g_test_add_func ("/sim/spof/secured-monitored", test_secured_monitored);
  g_test_add_func ("/sim/spof/scale-up", test_scale_up);
  g_test_add_func ("/sim/spof/one-server", test_one_server);
  g_test_add_func ("/sim/spof/variants", test_variants);
  g_test_add_func ("/sim/spof/can-succeed", test_can_succeed);
  g_test_add_func ("/sim/spof/by-simulation", test_by_simulation);
  g_test_add_func ("/sim/spof/by-simulation-variants", test_by_simulation_variants);
  return g_test_run ();
}
