/* test-model-edit.c — adding and removing servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "model/sb-scenario.h"

static SbScenario *
load (const char *name)
{
  g_autoptr(GError) error = NULL;
  SbScenario *s = sb_scenario_load_bundled (name, &error);

  g_assert_no_error (error);
  return s;
}

static void
test_add_server (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(SbScenario) original = sb_scenario_copy (s);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = sb_scenario_add_server (s, &error);
  const SbComponent *db;

  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "server-3");
  g_assert_cmpstr (sb_scenario_find_host (s, "server-3")->ip, ==, "10.0.0.13");
  g_assert_cmpstr (sb_scenario_find_component (s, "web-3")->host, ==, "server-3");
  g_assert_cmpstr (sb_scenario_find_component (s, "app-3")->host, ==, "server-3");
  g_assert_cmpstr (sb_scenario_find_component (s, "code-3")->host, ==, "server-3");
  db = sb_scenario_find_component (s, "db-3");
  g_assert_cmpint (db->role, ==, SB_DB_ROLE_REPLICA);
  g_assert_cmpuint (s->balancer.backends->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (s->balancer.backends, 2), ==, "server-3");
  g_assert_true (sb_scenario_validate (s, &error));
  g_assert_no_error (error);

  g_assert_true (sb_scenario_remove_server (s, "server-3", &error));
  g_assert_no_error (error);
  g_assert_true (sb_scenario_equal (s, original));
}

static void
test_remove_refused (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_scenario_remove_server (s, "server-1", &error));
  g_assert_cmpstr (error->message, ==, "“server-1” holds the primary database: promote a replica before removing it");
  g_clear_error (&error);
  g_assert_false (sb_scenario_remove_server (s, "lb", &error));
  g_assert_cmpstr (error->message, ==, "“lb” is not a machine");
  g_clear_error (&error);
  g_assert_cmpuint (s->script->moments->len, ==, 3);
  g_assert_true (sb_scenario_remove_server (s, "server-2", &error));
  g_assert_true (sb_scenario_validate (s, &error));
  g_assert_no_error (error);
  g_assert_null (sb_scenario_find_component (s, "db-2"));
  /* The script's promotion of db-2 went with it; the moments on server 1 stay. */
  g_assert_cmpuint (s->script->moments->len, ==, 2);
  g_assert_cmpstr (((SbMoment *) s->script->moments->pdata[0])->target, ==, "server-1");
  g_assert_cmpstr (((SbMoment *) s->script->moments->pdata[1])->target, ==, "server-1");
}

static void
test_add_without_balancer (void)
{
  g_autoptr(SbScenario) s = load ("one-server");
  g_autoptr(GError) error = NULL;

  g_assert_null (sb_scenario_add_server (s, &error));
  g_assert_cmpstr (error->message, ==, "a server can only be added behind a load balancer");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/edit/add-server", test_add_server);
  g_test_add_func ("/model/edit/remove-refused", test_remove_refused);
  g_test_add_func ("/model/edit/add-without-balancer", test_add_without_balancer);
  return g_test_run ();
}
