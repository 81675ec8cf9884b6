/* test-sim-script.c — a lesson script played on the simulation: actions at
 * their times, a pause at each question, votes and reveals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sim/sb-script-player.h"
#include "test-sim-util.h"

static SbScenario *
load_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", name, NULL);
  g_autoptr(GError) error = NULL;
  SbScenario *scenario = sb_scenario_load_from_file (path, &error);

  g_assert_no_error (error);
  return scenario;
}

static const SbCaption *
latest (SbNarrator *narrator)
{
  const SbCaption *c = sb_narrator_get_latest (narrator);

  g_assert_nonnull (c);
  return c;
}

static void
advance (SbScriptPlayer *player,
         SbSim          *sim,
         SbNarrator     *narrator,
         double          seconds)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_script_player_advance_to (player, sim, narrator, US (seconds), &error));
  g_assert_no_error (error);
}

/* Step 2's script: server 1 dies at 10 s, db-2 is promoted at 30 s, server
 * 1 comes back at 45 s; the first two ask the class. */
static void
test_distributed (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  g_autoptr(SbNarrator) narrator = sb_narrator_new ();
  g_autoptr(SbScriptPlayer) player = sb_script_player_new (scenario->script);
  g_autoptr(GError) error = NULL;
  const SbMoment *moment;
  const SbCaption *c;
  guint number;

  sb_narrator_attach (narrator, sim);
  g_assert_null (sb_script_player_get_waiting (player, &number));
  g_assert_cmpuint (number, ==, 0);

  advance (player, sim, narrator, 60);
  g_assert_cmpint (sb_sim_get_time (sim), ==, US (10));
  g_assert_cmpint (sb_sim_get_element_state (sim, "server-1"), ==, SB_ELEMENT_DOWN);
  moment = sb_script_player_get_waiting (player, &number);
  g_assert_nonnull (moment);
  g_assert_cmpuint (number, ==, 1);
  g_assert_cmpstr (moment->question, ==, "Server 1 dies now. What do visitors see?");
  c = latest (narrator);
  g_assert_cmpint (c->kind, ==, SB_CAPTION_QUESTION);
  g_assert_cmpuint (c->number, ==, 1);
  g_assert_cmpstr (c->text, ==, "Question 1: Server 1 dies now. What do visitors see?");
  g_assert_cmpstr (c->choices[1], ==, "Some requests fail for a few seconds, until the load "
                                      "balancer stops sending to server 1");
  g_assert_null (c->choices[3]);

  /* The class votes, changes its mind; bad keys are refused. */
  g_assert_false (sb_script_player_vote (player, 4, &error));
  g_assert_cmpstr (error->message, ==, "4 is not a choice of this question (1 to 3)");
  g_clear_error (&error);
  g_assert_false (sb_script_player_vote (player, 0, &error));
  g_clear_error (&error);
  g_assert_true (sb_script_player_vote (player, 3, &error));
  g_assert_true (sb_script_player_vote (player, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_script_player_get_vote (player), ==, 2);

  /* Waiting: the clock does not move however far it is asked to go. */
  advance (player, sim, narrator, 60);
  g_assert_cmpint (sb_sim_get_time (sim), ==, US (10));

  sb_script_player_reveal (player, sim, narrator);
  c = latest (narrator);
  g_assert_cmpint (c->kind, ==, SB_CAPTION_REVEAL);
  g_assert_cmpint (c->answer, ==, 2);
  g_assert_cmpint (c->vote, ==, 2);
  g_assert_cmpuint (c->number, ==, 1);
  g_assert_true (g_str_has_prefix (c->text, "Answer 2: Some requests fail for a few seconds, "
                                            "until the load balancer stops sending to server 1. "
                                            "The load balancer only learns"));
  g_assert_null (sb_script_player_get_waiting (player, NULL));
  g_assert_cmpint (sb_script_player_get_vote (player), ==, 0);

  advance (player, sim, narrator, 60);
  g_assert_cmpint (sb_sim_get_time (sim), ==, US (30));
  g_assert_cmpstr (sb_sim_get_primary (sim), ==, "db-2");
  g_assert_nonnull (sb_script_player_get_waiting (player, &number));
  g_assert_cmpuint (number, ==, 2);
  sb_script_player_reveal (player, sim, narrator);
  g_assert_cmpint (latest (narrator)->vote, ==, 0);

  advance (player, sim, narrator, 60);
  g_assert_cmpint (sb_sim_get_time (sim), ==, US (60));
  g_assert_true (sb_script_player_is_done (player));
  g_assert_cmpuint (sb_script_player_get_next (player), ==, 3);
  g_assert_cmpint (sb_sim_get_element_state (sim, "server-1"), ==, SB_ELEMENT_UP);
  g_assert_cmpint (sb_script_player_get_end (player), ==, US (60));

  /* Server 1's return tells its text without asking. */
  for (guint64 s = sb_narrator_get_first (narrator); s < sb_narrator_get_end (narrator); s++)
    {
      c = sb_narrator_get_caption (narrator, s);
      if (c->kind == SB_CAPTION_REVEAL && c->number == 0)
        break;
    }
  g_assert_cmpint (c->kind, ==, SB_CAPTION_REVEAL);
  g_assert_cmpint (c->time, ==, US (45));
  g_assert_cmpstr (c->subject, ==, "server-1");
  g_assert_cmpstr (c->text, ==, "Server 1 is back. Its database returns as a replica of the "
                                "new primary, never as a second primary.");
  g_assert_cmpint (c->answer, ==, 0);
  g_assert_null (c->choices);
}

/* Whatever the frames, the same run: a lesson played at 60 frames a second
 * ends as one played in one call. */
static void
play (const SbScenario *scenario,
      double            frame,
      GString          *captions,
      SbSimCounters    *out)
{
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  g_autoptr(SbNarrator) narrator = sb_narrator_new ();
  g_autoptr(SbScriptPlayer) player = sb_script_player_new (scenario->script);
  gint64 end = sb_script_player_get_end (player);

  sb_narrator_attach (narrator, sim);
  for (gint64 k = 1; sb_sim_get_time (sim) < end; k++)
    {
      gint64 target = MIN (end, US (frame * k));

      advance (player, sim, narrator, target / (double) SB_SIM_USEC_PER_SEC);
      while (sb_script_player_get_waiting (player, NULL) != NULL)
        {
          sb_script_player_reveal (player, sim, narrator);
          advance (player, sim, narrator, target / (double) SB_SIM_USEC_PER_SEC);
        }
    }
  sb_narrator_finish (narrator, sim);
  for (guint64 s = sb_narrator_get_first (narrator); s < sb_narrator_get_end (narrator); s++)
    {
      const SbCaption *c = sb_narrator_get_caption (narrator, s);

      g_string_append_printf (captions, "%" G_GINT64_FORMAT " %s\n", c->time, c->text);
    }
  *out = *sb_sim_get_counters (sim);
  sb_sim_set_event_func (sim, NULL, NULL);
}

static void
test_frames (gconstpointer data)
{
  g_autoptr(SbScenario) scenario = load_scenario (data);
  g_autoptr(GString) whole = g_string_new (NULL);
  g_autoptr(GString) frames = g_string_new (NULL);
  SbSimCounters a, b;

  scenario->traffic.rate = 10;
  play (scenario, 1000, whole, &a);
  play (scenario, 1.0 / 60, frames, &b);
  g_assert_cmpstr (frames->str, ==, whole->str);
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
  g_assert_cmpuint (a.requests, ==, 600);
  g_assert_nonnull (strstr (whole->str, "Question 1: "));
}

static SbScript *
script_of (const char *first,
           ...)
{
  SbScript *script = sb_script_new ();
  va_list args;

  va_start (args, first);
  for (const char *spec = first; spec != NULL; spec = va_arg (args, const char *))
    {
      g_auto(GStrv) parts = g_strsplit (spec, " ", 3);
      SbMoment *moment = sb_moment_new (g_ascii_strtod (parts[0], NULL));

      g_assert_true (sb_script_action_from_string (parts[1], &moment->action));
      moment->target = g_strdup (parts[2]);
      g_ptr_array_add (script->moments, moment);
      script->end = moment->time + 10;
    }
  va_end (args);
  return script;
}

/* An action the sim refuses: the moment is skipped and named; the rest
 * plays on. */
static void
test_refused_action (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  g_autoptr(SbScript) script = script_of ("5 kill db-2", "10 promote db-2", "12 kill server-1", NULL);
  g_autoptr(SbScriptPlayer) player = sb_script_player_new (script);
  g_autoptr(GError) error = NULL;

  /* The player keeps its own copy. */
  g_clear_pointer (&script, sb_script_free);
  g_assert_false (sb_script_player_advance_to (player, sim, NULL, US (20), &error));
  g_assert_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "script.moments[1]: “db-2” is down and cannot be promoted");
  g_assert_cmpint (sb_sim_get_time (sim), ==, US (10));
  g_assert_cmpuint (sb_script_player_get_next (player), ==, 2);
  g_clear_error (&error);

  advance (player, sim, NULL, 20);
  g_assert_cmpint (sb_sim_get_time (sim), ==, US (20));
  g_assert_cmpint (sb_sim_get_element_state (sim, "server-1"), ==, SB_ELEMENT_DOWN);
  g_assert_cmpstr (sb_sim_get_primary (sim), ==, "db-1");
  g_assert_true (sb_script_player_is_done (player));
}

/* Mode, algorithm, firewalls, a question without an action, two moments at
 * the same time (tests/data/good/scripted.json). */
static void
test_every_action (void)
{
  g_autoptr(SbScenario) scenario = load_file ("scripted.json");
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  g_autoptr(SbNarrator) narrator = sb_narrator_new ();
  g_autoptr(SbScriptPlayer) player = sb_script_player_new (scenario->script);
  g_autoptr(GError) error = NULL;
  const SbMoment *moment;
  guint number;

  sb_narrator_attach (narrator, sim);
  /* Nothing waits: a vote is refused, a reveal does nothing. */
  g_assert_false (sb_script_player_vote (player, 1, &error));
  g_assert_cmpstr (error->message, ==, "no question is waiting for a vote");
  sb_script_player_reveal (player, sim, narrator);
  g_assert_null (sb_narrator_get_latest (narrator));

  advance (player, sim, narrator, 6);
  g_assert_cmpint (sb_sim_get_scenario (sim)->balancer.algorithm, ==, SB_ALGORITHM_LEASTCONN);
  g_assert_cmpint (sb_sim_get_scenario (sim)->balancer.mode, ==, SB_MODE_ACTIVE_PASSIVE);
  g_assert_cmpint (latest (narrator)->kind, ==, SB_CAPTION_REVEAL);
  g_assert_cmpstr (latest (narrator)->text, ==, "Only server 1 takes traffic now; server 2 waits as a backup.");

  advance (player, sim, narrator, 100);
  g_assert_cmpint (sb_sim_get_time (sim), ==, US (10));
  g_assert_true (sb_script_player_vote (player, 4, NULL));
  sb_script_player_reveal (player, sim, narrator);
  g_assert_cmpint (latest (narrator)->vote, ==, 4);

  /* At 20 s, a question on its own. */
  advance (player, sim, narrator, 100);
  moment = sb_script_player_get_waiting (player, &number);
  g_assert_cmpint (sb_sim_get_time (sim), ==, US (20));
  g_assert_cmpuint (number, ==, 2);
  g_assert_cmpint (moment->action, ==, SB_SCRIPT_ACTION_NONE);
  g_assert_null (latest (narrator)->subject);
  sb_script_player_reveal (player, sim, narrator);
  g_assert_cmpstr (latest (narrator)->text, ==, "Answer 1: The primary database was on server 1");

  advance (player, sim, narrator, 45);
  g_assert_cmpstr (sb_sim_get_primary (sim), ==, "db-2");
  g_assert_true (sb_sim_is_up (sim, "server-1"));
  g_assert_cmpint (sb_sim_get_scenario (sim)->balancer.mode, ==, SB_MODE_ACTIVE_ACTIVE);
  advance (player, sim, narrator, 55);
  g_assert_true (sb_sim_is_firewall_open (sim, "fw-2"));
  advance (player, sim, narrator, 90);
  g_assert_false (sb_sim_is_firewall_open (sim, "fw-2"));
  g_assert_cmpint (sb_sim_get_scenario (sim)->balancer.algorithm, ==, SB_ALGORITHM_ROUNDROBIN);
  g_assert_true (sb_script_player_is_done (player));
  g_assert_cmpuint (sb_script_count_questions (sb_script_player_get_script (player)), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/script/distributed", test_distributed);
  for (const char * const *name = sb_scenario_bundled_names (); *name != NULL; name++)
    {
      g_autofree char *path = g_strconcat ("/sim/script/frames/", *name, NULL);

      g_test_add_data_func (path, *name, test_frames);
    }
  g_test_add_func ("/sim/script/refused-action", test_refused_action);
  g_test_add_func ("/sim/script/every-action", test_every_action);
  return g_test_run ();
}
