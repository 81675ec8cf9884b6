/* test-sim-replication.c — lag, stale reads, catch-up, promotion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Timing (distributed, rate 1, hop 0.25 s): request k reaches its
 * database at k + 1.5 s for k <= 8 (DNS first) and k + 1.0 s after; the
 * LB sends odd k to server-1, even k to server-2.
 */
#include "config.h"

#include "test-sim-util.h"

static SbSimDatabaseView
database (SbSim      *sim,
          const char *id)
{
  SbSimDatabaseView view = { 0 };

  for (guint i = 0; i < sb_sim_get_n_databases (sim); i++)
    if (sb_sim_get_database (sim, i, &view) && g_strcmp0 (view.id, id) == 0)
      return view;
  g_assert_not_reached ();
  return view;
}

static void
test_lag_zero (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  scenario->lag = 0;
  scenario->traffic.rate = 10;
  scenario->traffic.read_ratio = 0.5;
  sim = sb_sim_new (scenario);
  run_to (sim, 120);
  g_assert_cmpuint (counters (sim)->writes_succeeded, >, 500);
  g_assert_cmpuint (sb_sim_get_handled (sim, "db-2"), >, 250);
  g_assert_cmpuint (counters (sim)->stale_reads, ==, 0);
  g_assert_cmpint (database (sim, "db-2").behind, ==, 0);
}

static void
test_lag_stale (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  SbSimDatabaseView db2;

  /* Writes 1-9 commit at 2.5 ... 9.5 and 10 s; the replica applies each
   * 5 s later.  Then reads only. */
  scenario->lag = 5;
  scenario->traffic.read_ratio = 0;
  sim = sb_sim_new (scenario);
  run_to (sim, 9.5);
  sb_sim_set_read_ratio (sim, 1);
  g_assert_cmpfloat (sb_sim_get_scenario (sim)->traffic.read_ratio, ==, 1);

  run_to (sim, 12);
  g_assert_cmpint (sb_sim_get_primary_version (sim), ==, 9);
  db2 = database (sim, "db-2");
  g_assert_cmpint (db2.version, ==, 5);
  g_assert_cmpint (db2.behind, ==, 4);
  g_assert_cmpint (db2.role, ==, SB_DB_ROLE_REPLICA);
  g_assert_cmpint (database (sim, "db-1").version, ==, 9);

  /* Reads 10 and 12 read the replica at 11 and 13 s: stale.  Read 14
   * reads it at 15 s, when write 9 (10 s + 5 s) is applied: the apply was
   * scheduled first, so it runs first and the read is fresh. */
  run_to (sim, 14.5);
  g_assert_cmpuint (counters (sim)->stale_reads, ==, 2);
  run_to (sim, 60);
  g_assert_cmpuint (counters (sim)->stale_reads, ==, 2);
  g_assert_cmpint (database (sim, "db-2").behind, ==, 0);
}

static void
test_live_lag (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  scenario->lag = 0;
  scenario->traffic.rate = 10;
  scenario->traffic.read_ratio = 0.5;
  sim = sb_sim_new (scenario);
  run_to (sim, 30);
  g_assert_cmpuint (counters (sim)->stale_reads, ==, 0);
  sb_sim_set_lag (sim, 5);
  g_assert_cmpfloat (sb_sim_get_scenario (sim)->lag, ==, 5);
  run_to (sim, 60);
  g_assert_cmpuint (counters (sim)->stale_reads, >, 0);
  g_assert_cmpuint (counters (sim)->stale_reads, <=, sb_sim_get_handled (sim, "db-2"));
}

static void
test_catch_up (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  scenario->traffic.read_ratio = 0;
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, "db-2");
  run_to (sim, 20);
  g_assert_cmpint (sb_sim_get_primary_version (sim), ==, 19);
  g_assert_cmpint (database (sim, "db-2").version, ==, 0);
  g_assert_false (database (sim, "db-2").up);

  /* Revived at 20 s: it fetches what it missed and has applied it one
   * lag (0.5 s) later. */
  revive_at (sim, 20, "db-2");
  run_to (sim, 20.4);
  g_assert_cmpint (database (sim, "db-2").version, ==, 0);
  run_to (sim, 20.5);
  g_assert_cmpint (database (sim, "db-2").version, ==, 19);
  run_to (sim, 21.5);
  g_assert_cmpint (database (sim, "db-2").version, ==, 20);
  g_assert_cmpuint (counters (sim)->failed, ==, 0);
}

static void
test_catch_up_waits_for_primary (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  scenario->traffic.read_ratio = 0;
  sim = sb_sim_new (scenario);
  /* Write 29 committed at 30 s is not applied yet when db-2 dies. */
  kill_at (sim, 30, "db-2");
  g_assert_cmpint (database (sim, "db-2").version, ==, 28);
  kill_at (sim, 40, "db-1");
  g_assert_cmpint (sb_sim_get_primary_version (sim), ==, 39);
  /* Back while the primary is down: nothing to fetch from. */
  revive_at (sim, 50, "db-2");
  run_to (sim, 60);
  g_assert_cmpint (database (sim, "db-2").version, ==, 28);
  g_assert_cmpint (database (sim, "db-2").behind, ==, 11);
  revive_at (sim, 70, "db-1");
  run_to (sim, 70.4);
  g_assert_cmpint (database (sim, "db-2").version, ==, 28);
  run_to (sim, 70.5);
  g_assert_cmpint (database (sim, "db-2").version, ==, 39);
}

typedef struct {
  gint64  after;
  guint   writes_ok;
  guint   writes_failed;
} WriteLog;

static void
scan_writes (const SbSimEvent *ev,
             gpointer          data)
{
  WriteLog *w = data;

  if (ev->kind != SB_SIM_EVENT_REQUEST || ev->type != SB_REQUEST_WRITE || ev->time <= w->after)
    return;
  if (ev->ok)
    w->writes_ok++;
  else
    w->writes_failed++;
}

static void
test_promote (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  const SbSimCounters *c = counters (sim);
  WriteLog log = { US (20) };
  guint64 failed_at_20;
  gint64 version;
  const SbComponent *db1, *db2;

  g_assert_cmpstr (sb_sim_get_primary (sim), ==, "db-1");
  kill_at (sim, 10, "db-1");
  run_to (sim, 20);
  failed_at_20 = c->writes_failed;
  g_assert_cmpuint (failed_at_20, >, 0);
  g_assert_cmpuint (c->reads_failed, ==, 0);

  /* db-2 becomes the primary: writes work again, nothing fails. */
  version = sb_sim_get_primary_version (sim);
  promote_at (sim, 20, "db-2");
  g_assert_cmpstr (sb_sim_get_primary (sim), ==, "db-2");
  g_assert_cmpint (sb_sim_get_primary_version (sim), ==, version);
  g_assert_cmpint (database (sim, "db-2").role, ==, SB_DB_ROLE_PRIMARY);
  g_assert_cmpint (database (sim, "db-1").role, ==, SB_DB_ROLE_REPLICA);
  db1 = sb_scenario_find_component (sb_sim_get_scenario (sim), "db-1");
  db2 = sb_scenario_find_component (sb_sim_get_scenario (sim), "db-2");
  g_assert_cmpint (db1->role, ==, SB_DB_ROLE_REPLICA);
  g_assert_cmpint (db2->role, ==, SB_DB_ROLE_PRIMARY);
  g_assert_cmpint (sb_sim_get_event (sim, sb_sim_get_events_end (sim) - 1)->kind,
                   ==, SB_SIM_EVENT_PROMOTE);
  run_to (sim, 40);
  g_assert_cmpuint (c->writes_failed, ==, failed_at_20);
  foreach_logged (sim, scan_writes, &log);
  g_assert_cmpuint (log.writes_failed, ==, 0);
  g_assert_cmpuint (log.writes_ok, >, 0);
  g_assert_cmpuint (c->lost_writes, ==, 0);

  /* The old primary comes back as a replica of db-2 and catches up. */
  version = sb_sim_get_primary_version (sim);
  g_assert_cmpint (database (sim, "db-1").version, <, version);
  revive_at (sim, 40, "db-1");
  g_assert_cmpint (database (sim, "db-1").role, ==, SB_DB_ROLE_REPLICA);
  run_to (sim, 40.5);
  g_assert_cmpint (database (sim, "db-1").version, ==, version);
  run_to (sim, 80);
  g_assert_cmpuint (c->failed, ==, failed_at_20);
  /* Server-1 reads its local database again, now a replica. */
  g_assert_cmpuint (sb_sim_get_handled (sim, "db-1"), >, 0);
  g_assert_cmpstr (sb_sim_get_primary (sim), ==, "db-2");
}

static void
test_lost_writes (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  scenario->traffic.read_ratio = 0;
  sim = sb_sim_new (scenario);
  kill_at (sim, 0, "db-2");
  kill_at (sim, 10, "db-1");
  g_assert_cmpint (sb_sim_get_primary_version (sim), ==, 9);
  /* The replica never received writes 1-9: promoting it loses them. */
  revive_at (sim, 11, "db-2");
  promote_at (sim, 12, "db-2");
  g_assert_cmpuint (counters (sim)->lost_writes, ==, 9);
  g_assert_cmpint (sb_sim_get_primary_version (sim), ==, 0);
  run_to (sim, 20);
  g_assert_cmpint (sb_sim_get_primary_version (sim), >, 0);
  /* The old primary is not ahead of the new history when it returns. */
  revive_at (sim, 30, "db-1");
  g_assert_cmpint (database (sim, "db-1").version, ==, 0);
  run_to (sim, 30.5);
  g_assert_cmpint (database (sim, "db-1").version, ==, sb_sim_get_primary_version (sim));
}

static void
test_switchover (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;

  scenario->traffic.read_ratio = 0;
  sim = sb_sim_new (scenario);
  run_to (sim, 20);
  g_assert_cmpuint (sb_sim_get_handled (sim, "db-2"), ==, 0);
  /* Promoting while the primary is up: it simply becomes a replica. */
  promote_at (sim, 20, "db-2");
  run_to (sim, 40);
  g_assert_cmpuint (counters (sim)->failed, ==, 0);
  g_assert_cmpuint (sb_sim_get_handled (sim, "db-2"), ==, 20);
  /* The write of 40 s reaches the new replica at 40.5 s. */
  g_assert_cmpint (database (sim, "db-1").behind, ==, 1);
  run_to (sim, 40.5);
  g_assert_cmpint (database (sim, "db-1").behind, ==, 0);
}

static void
test_promote_errors (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_sim_promote (sim, "db-1", &error));
  g_assert_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (sb_sim_promote (sim, "web-1", &error));
  g_assert_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (sb_sim_promote (sim, "db-9", &error));
  g_assert_error (error, SB_SIM_ERROR, SB_SIM_ERROR_UNKNOWN_ID);
  g_clear_error (&error);
  kill_at (sim, 1, "server-2");
  g_assert_false (sb_sim_promote (sim, "db-2", &error));
  g_assert_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "down"));
  g_assert_cmpstr (sb_sim_get_primary (sim), ==, "db-1");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/replication/lag-zero", test_lag_zero);
  g_test_add_func ("/sim/replication/lag-stale", test_lag_stale);
  g_test_add_func ("/sim/replication/live-lag", test_live_lag);
  g_test_add_func ("/sim/replication/catch-up", test_catch_up);
  g_test_add_func ("/sim/replication/catch-up-waits-for-primary", test_catch_up_waits_for_primary);
  g_test_add_func ("/sim/replication/promote", test_promote);
  g_test_add_func ("/sim/replication/lost-writes", test_lost_writes);
  g_test_add_func ("/sim/replication/switchover", test_switchover);
  g_test_add_func ("/sim/replication/promote-errors", test_promote_errors);
  return g_test_run ();
}
