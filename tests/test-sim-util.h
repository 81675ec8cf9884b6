/* test-sim-util.h — helpers shared by the tests/test-sim-*.c programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"
#include "sim/sb-sim.h"

#define US(seconds) (sb_sim_seconds_to_us (seconds))

G_GNUC_UNUSED static SbScenario *
load_scenario (const char *name)
{
  g_autoptr(GError) error = NULL;
  SbScenario *scenario = sb_scenario_load_bundled (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

G_GNUC_UNUSED static void
run_to (SbSim  *sim,
        double  seconds)
{
  sb_sim_advance_to (sim, US (seconds));
  g_assert_cmpint (sb_sim_get_time (sim), ==, US (seconds));
}

G_GNUC_UNUSED static void
kill_at (SbSim      *sim,
         double      seconds,
         const char *id)
{
  g_autoptr(GError) error = NULL;

  run_to (sim, seconds);
  g_assert_true (sb_sim_kill (sim, id, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static void
revive_at (SbSim      *sim,
           double      seconds,
           const char *id)
{
  g_autoptr(GError) error = NULL;

  run_to (sim, seconds);
  g_assert_true (sb_sim_revive (sim, id, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static void
promote_at (SbSim      *sim,
            double      seconds,
            const char *id)
{
  g_autoptr(GError) error = NULL;

  run_to (sim, seconds);
  g_assert_true (sb_sim_promote (sim, id, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static const SbSimCounters *
counters (SbSim *sim)
{
  return sb_sim_get_counters (sim);
}

G_GNUC_UNUSED static void
assert_invariant (SbSim *sim)
{
  const SbSimCounters *c = sb_sim_get_counters (sim);

  g_assert_cmpuint (c->requests, ==, c->succeeded + c->failed + c->in_flight);
  g_assert_cmpuint (c->requests, ==, c->reads + c->writes);
  g_assert_cmpuint (c->succeeded, ==, c->reads_succeeded + c->writes_succeeded);
  g_assert_cmpuint (c->failed, ==, c->reads_failed + c->writes_failed);
}

/* The backend view of HOST. */
G_GNUC_UNUSED static SbSimBackendView
backend (SbSim      *sim,
         const char *host)
{
  SbSimBackendView view = { 0 };

  for (guint i = 0; i < sb_sim_get_n_backends (sim); i++)
    if (sb_sim_get_backend (sim, i, &view) && g_strcmp0 (view.host, host) == 0)
      return view;
  g_assert_not_reached ();
  return view;
}

/* Every request event still in the log, oldest first, through FUNC. */
G_GNUC_UNUSED static void
foreach_logged (SbSim *sim,
                void (*func) (const SbSimEvent *ev, gpointer data),
                gpointer data)
{
  for (guint64 s = sb_sim_get_events_first (sim); s < sb_sim_get_events_end (sim); s++)
    func (sb_sim_get_event (sim, s), data);
}

/* A text snapshot of everything observable, to compare two runs. */
G_GNUC_UNUSED static char *
snapshot (SbSim *sim)
{
  GString *s = g_string_new (NULL);
  const SbSimCounters *c = sb_sim_get_counters (sim);
  double p;
  gint64 first;
  guint32 ok[SB_SIM_SERIES_SECONDS], ko[SB_SIM_SERIES_SECONDS];
  guint n;

  g_string_append_printf (s, "t=%" G_GINT64_FORMAT " req=%" G_GUINT64_FORMAT
                          " ok=%" G_GUINT64_FORMAT " ko=%" G_GUINT64_FORMAT
                          " fly=%" G_GUINT64_FORMAT " r=%" G_GUINT64_FORMAT
                          " w=%" G_GUINT64_FORMAT " stale=%" G_GUINT64_FORMAT
                          " dns=%" G_GUINT64_FORMAT " redisp=%" G_GUINT64_FORMAT "\n",
                          sb_sim_get_time (sim), c->requests, c->succeeded, c->failed,
                          c->in_flight, c->reads, c->writes, c->stale_reads,
                          c->dns_lookups, c->redispatched);
  for (guint r = 0; r < SB_FAILURE_N; r++)
    g_string_append_printf (s, "%" G_GUINT64_FORMAT ",", c->reasons[r]);
  g_string_append_c (s, '\n');
  for (guint i = 0; i < sb_sim_get_n_elements (sim); i++)
    {
      const char *id = sb_sim_get_element_id (sim, i);

      g_string_append_printf (s, "%s h=%" G_GUINT64_FORMAT " f=%" G_GUINT64_FORMAT
                              " s=%" G_GUINT64_FORMAT "\n", id,
                              sb_sim_get_handled (sim, id), sb_sim_get_failures_at (sim, id),
                              sb_sim_get_served_by (sim, id));
    }
  for (double q = 10; q <= 100; q += 10)
    if (sb_sim_get_latency (sim, q, &p))
      g_string_append_printf (s, "p%g=%.6f ", q, p);
  n = sb_sim_get_series (sim, SB_SIM_SERIES_SECONDS, &first, ok, ko);
  g_string_append_printf (s, "\nseries from %" G_GINT64_FORMAT ":", first);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, " %u/%u", ok[i], ko[i]);
  for (guint i = 0; i < sb_sim_get_n_databases (sim); i++)
    {
      SbSimDatabaseView db;

      sb_sim_get_database (sim, i, &db);
      g_string_append_printf (s, "\n%s role=%d v=%" G_GINT64_FORMAT, db.id, db.role, db.version);
    }
  for (guint i = 0; i < sb_sim_get_n_backends (sim); i++)
    {
      SbSimBackendView b;

      sb_sim_get_backend (sim, i, &b);
      g_string_append_printf (s, "\n%s %s %u", b.host, b.label, b.in_flight);
    }
  g_string_append_printf (s, "\nevents end %" G_GUINT64_FORMAT, sb_sim_get_events_end (sim));
  return g_string_free (s, FALSE);
}
