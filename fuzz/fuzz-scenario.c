/* fuzz-scenario.c — libFuzzer target: the scenario loader and validator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes: sb_scenario_load_from_data() either refuses them with one line
 * of valid UTF-8, or returns a scenario whose saved form loads back equal
 * and saves to the same bytes (the round trip the app relies on when it
 * saves a teacher's edits), and which a simulation can run for a few
 * simulated seconds with its counters adding up, playing its lesson script
 * (each question revealed at once) and narrated.  A hang (libFuzzer's
 * -timeout) counts as a crash: a file must never freeze the window.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/sb-scenario.h"
#include "sim/sb-narrator.h"
#include "sim/sb-script-player.h"
#include "sim/sb-sim.h"

/* Simulated time each loaded scenario runs for. */
#define FUZZ_SIM_SECONDS 2

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A g_return_if_fail() or a warning is a bug too. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_refusal (const GError *error)
{
  if (error == NULL || error->domain != SB_SCENARIO_ERROR || error->message[0] == '\0'
      || strchr (error->message, '\n') != NULL || !g_utf8_validate (error->message, -1, NULL))
    {
      fprintf (stderr, "refused without a one-line message: %s\n",
               error != NULL ? error->message : "(no error)");
      abort ();
    }
}

static void
check_round_trip (const SbScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) again = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  gsize length, length_again;

  saved = sb_scenario_to_data (scenario, &length);
  again = sb_scenario_load_from_data (saved, length, &error);
  if (again == NULL)
    {
      fprintf (stderr, "the saved form does not load: %s\n--- saved:\n%s\n", error->message, saved);
      abort ();
    }
  if (!sb_scenario_equal (scenario, again))
    {
      fprintf (stderr, "the saved form loads back different\n--- saved:\n%s\n", saved);
      abort ();
    }
  saved_again = sb_scenario_to_data (again, &length_again);
  if (length != length_again || memcmp (saved, saved_again, length) != 0)
    {
      fprintf (stderr, "saving twice differs\n--- first:\n%s\n--- second:\n%s\n", saved, saved_again);
      abort ();
    }
}

/* Plays the script to END; a refused action skips its moment. */
static void
play_script (SbSim            *sim,
             const SbScenario *scenario,
             gint64            end)
{
  g_autoptr(SbNarrator) narrator = sb_narrator_new ();
  g_autoptr(SbScriptPlayer) player = sb_script_player_new (scenario->script);

  sb_narrator_attach (narrator, sim);
  while (sb_sim_get_time (sim) < end || sb_script_player_get_waiting (player, NULL) != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (sb_script_player_get_waiting (player, NULL) != NULL)
        {
          if (!sb_script_player_vote (player, 1, NULL))
            abort ();
          sb_script_player_reveal (player, sim, narrator);
        }
      else if (!sb_script_player_advance_to (player, sim, narrator, end, &error)
               && (error == NULL || error->message[0] == '\0'))
        abort ();
    }
  sb_narrator_finish (narrator, sim);
  sb_sim_set_event_func (sim, NULL, NULL);
}

static void
check_simulation (const SbScenario *scenario)
{
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  const SbSimCounters *c;

  if (scenario->script != NULL)
    play_script (sim, scenario, FUZZ_SIM_SECONDS * SB_SIM_USEC_PER_SEC);
  else
    sb_sim_advance_to (sim, FUZZ_SIM_SECONDS * SB_SIM_USEC_PER_SEC);
  c = sb_sim_get_counters (sim);
  if (sb_sim_get_time (sim) != FUZZ_SIM_SECONDS * SB_SIM_USEC_PER_SEC
      || c->requests != c->succeeded + c->failed + c->in_flight)
    {
      fprintf (stderr, "simulation off: t=%" G_GINT64_FORMAT " requests=%" G_GUINT64_FORMAT
               " succeeded=%" G_GUINT64_FORMAT " failed=%" G_GUINT64_FORMAT
               " in flight=%" G_GUINT64_FORMAT "\n", sb_sim_get_time (sim), c->requests,
               c->succeeded, c->failed, c->in_flight);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;

  scenario = sb_scenario_load_from_data ((const char *) data, size, &error);
  if (scenario == NULL)
    {
      check_refusal (error);
      return 0;
    }
  check_round_trip (scenario);
  check_simulation (scenario);
  return 0;
}
