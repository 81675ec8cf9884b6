/* test-sim-chaos.h — random kills, revives, promotes and setting changes,
 * and the deep checks of the counters, shared by the long random runs
 * (test-sim-engine's invariant test and test-sim-soak)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Works on any scenario: the actions pick among all its elements, and the
 * sim refuses (FALSE, no crash) what does not apply, such as killing the
 * browser, promoting a web server or opening a database.
 */
#pragma once

#include "test-sim-util.h"

static const char *
random_element (SbSim *sim,
                GRand *rand)
{
  return sb_sim_get_element_id (sim, g_rand_int_range (rand, 0, sb_sim_get_n_elements (sim)));
}

/* One of the elements that are killed, or NULL. */
G_GNUC_UNUSED static const char *
random_dead (SbSim *sim,
             GRand *rand)
{
  g_autofree const char **dead = g_new (const char *, sb_sim_get_n_elements (sim));
  guint n = 0;

  for (guint i = 0; i < sb_sim_get_n_elements (sim); i++)
    if (sb_sim_get_element_state (sim, sb_sim_get_element_id (sim, i)) == SB_ELEMENT_DOWN)
      dead[n++] = sb_sim_get_element_id (sim, i);
  return n > 0 ? dead[g_rand_int_range (rand, 0, n)] : NULL;
}

G_GNUC_UNUSED static void
random_action (SbSim *sim,
               GRand *rand)
{
  const char *id = random_element (sim, rand);

  switch (g_rand_int_range (rand, 0, 15))
    {
    case 0: case 1: case 2:
      sb_sim_kill (sim, id, NULL);
      break;
    case 3: case 4: case 5: case 6:
      if ((id = random_dead (sim, rand)) != NULL)
        sb_sim_revive (sim, id, NULL);
      break;
    case 7:
      /* Fails (FALSE, no crash) unless it names an up replica. */
      sb_sim_promote (sim, id, NULL);
      break;
    case 13:
      sb_sim_set_firewall_open (sim, id, g_rand_boolean (rand), NULL);
      break;
    case 8:
      sb_sim_set_algorithm (sim, g_rand_int_range (rand, 0, 3));
      sb_sim_set_mode (sim, g_rand_int_range (rand, 0, 2));
      break;
    case 9:
      sb_sim_set_check (sim, g_rand_int_range (rand, 0, 2));
      sb_sim_set_interval (sim, g_rand_double_range (rand, 0.1, 5));
      sb_sim_set_rise_fall (sim, g_rand_int_range (rand, 1, 4), g_rand_int_range (rand, 1, 4));
      break;
    case 10:
      sb_sim_set_redispatch (sim, g_rand_boolean (rand));
      sb_sim_set_read_ratio (sim, g_rand_double (rand));
      break;
    case 11:
      sb_sim_set_rate (sim, g_rand_double_range (rand, 10, 100));
      sb_sim_set_arrival (sim, g_rand_int_range (rand, 0, 2));
      break;
    case 12:
      sb_sim_set_lag (sim, g_rand_double_range (rand, 0, 3));
      break;
    default:
      sb_sim_set_ttl (sim, g_rand_double_range (rand, 0, 30));
      break;
    }
}

G_GNUC_UNUSED static void
count_view (const SbSimRequestView *view,
            gpointer                data)
{
  guint64 *n = data;

  g_assert_cmpfloat (view->progress, >=, 0);
  g_assert_cmpfloat (view->progress, <=, 1);
  g_assert_nonnull (view->from);
  g_assert_nonnull (view->to);
  (*n)++;
}

G_GNUC_UNUSED static void
check_deep (SbSim *sim)
{
  const SbSimCounters *c = counters (sim);
  guint64 reasons = 0, places = 0, served = 0, in_view = 0, lb_in_flight = 0;

  for (guint r = 0; r < SB_FAILURE_N; r++)
    reasons += c->reasons[r];
  for (guint i = 0; i < sb_sim_get_n_elements (sim); i++)
    {
      places += sb_sim_get_failures_at (sim, sb_sim_get_element_id (sim, i));
      served += sb_sim_get_served_by (sim, sb_sim_get_element_id (sim, i));
    }
  g_assert_cmpuint (reasons, ==, c->failed);
  g_assert_cmpuint (places, ==, c->failed);
  g_assert_cmpuint (served, ==, c->succeeded);
  g_assert_cmpuint (sb_sim_get_handled (sim, "user"), ==, c->requests);
  g_assert_cmpuint (c->stale_reads, <=, c->reads);
  sb_sim_foreach_request (sim, count_view, &in_view);
  g_assert_cmpuint (in_view, ==, c->in_flight);
  for (guint i = 0; i < sb_sim_get_n_backends (sim); i++)
    {
      SbSimBackendView b;

      g_assert_true (sb_sim_get_backend (sim, i, &b));
      lb_in_flight += b.in_flight;
    }
  g_assert_cmpuint (lb_in_flight, <=, c->in_flight);
}
