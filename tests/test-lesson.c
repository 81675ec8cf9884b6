/* test-lesson.c — the lesson object every view of the window shows,
 * without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lesson/sb-lesson.h"
#include "model/sb-scenario-edit.h"

typedef struct {
  SbLesson *lesson;
  guint     changed;      /* "changed" signals */
  guint     what;         /* their flags, or-ed */
  guint     refreshes;
  guint     edits;
  GString  *notified;     /* property names, in order */
  gboolean  consistent;   /* every "changed" saw a whole lesson */
} Fixture;

static SbScenario *
bundled (const char *name)
{
  g_autoptr(GError) error = NULL;
  SbScenario *scenario = sb_scenario_load_bundled (name, &error);

  g_assert_no_error (error);
  return scenario;
}

/* What a view checks when told: the selection is an element of the run,
 * the design and the run are the same scenario, the step's name is the
 * design's. */
static void
changed (SbLesson *lesson,
         guint     what,
         Fixture  *f)
{
  const char *selected = sb_lesson_get_selected (lesson);
  const char *step = sb_lesson_get_step (lesson);
  SbSim *sim = sb_lesson_get_sim (lesson);

  f->changed++;
  f->what |= what;
  if (selected != NULL && sb_sim_find_element (sim, selected) < 0)
    f->consistent = FALSE;
  if (sb_lesson_get_scenario (lesson)->components->len != sb_sim_get_scenario (sim)->components->len)
    f->consistent = FALSE;
  if (step != NULL && g_strcmp0 (step, sb_lesson_get_scenario (lesson)->name) != 0)
    f->consistent = FALSE;
  /* Every element of the run has a state a view can read. */
  for (guint i = 0; i < sb_sim_get_n_elements (sim); i++)
    sb_sim_get_element_state (sim, sb_sim_get_element_id (sim, i));
}

static void
notified (SbLesson   *lesson,
          GParamSpec *pspec,
          Fixture    *f)
{
  g_string_append_printf (f->notified, "%s ", pspec->name);
}

static void
counted (SbLesson *lesson,
         guint    *count)
{
  (*count)++;
}

static void
caption_counted (SbLesson        *lesson,
                 const SbCaption *caption,
                 guint           *count)
{
  g_assert_nonnull (caption->text);
  (*count)++;
}

static void
forget (Fixture *f)
{
  f->changed = f->what = f->refreshes = f->edits = 0;
  g_string_truncate (f->notified, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->lesson = sb_lesson_new ();
  f->notified = g_string_new (NULL);
  f->consistent = TRUE;
  g_signal_connect (f->lesson, "changed", G_CALLBACK (changed), f);
  g_signal_connect (f->lesson, "notify", G_CALLBACK (notified), f);
  g_signal_connect (f->lesson, "refresh", G_CALLBACK (counted), &f->refreshes);
  g_signal_connect (f->lesson, "edited", G_CALLBACK (counted), &f->edits);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_true (f->consistent);
  g_assert_finalize_object (f->lesson);
  g_string_free (f->notified, TRUE);
}

static void
load (Fixture    *f,
      const char *name)
{
  g_autoptr(SbScenario) scenario = bundled (name);

  sb_lesson_set_scenario (f->lesson, scenario, name);
}

/* A new lesson shows the default step, paused at time 0. */
static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_assert_cmpstr (sb_lesson_get_step (f->lesson), ==, SB_SCENARIO_DEFAULT);
  g_assert_cmpstr (sb_lesson_get_scenario (f->lesson)->name, ==, SB_SCENARIO_DEFAULT);
  g_assert_false (sb_lesson_get_playing (f->lesson));
  g_assert_cmpfloat (sb_lesson_get_speed (f->lesson), ==, 1.0);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (f->lesson)), ==, 0);
  g_assert_null (sb_lesson_get_selected (f->lesson));
  g_assert_cmpstr (sb_lesson_get_mode (f->lesson), ==, "active-active");
  g_assert_cmpstr (sb_lesson_get_algorithm (f->lesson), ==, "roundrobin");
}

/* Another step replaces the design, the run and the step in one change;
 * a selection the new design does not have goes, one it has stays. */
static void
test_step_change (Fixture       *f,
                  gconstpointer  data)
{
  sb_lesson_set_selected (f->lesson, "server-1");
  sb_lesson_tick (f->lesson, 100000);
  forget (f);
  load (f, "scale-up");
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpuint (f->what & SB_LESSON_CHANGED_DESIGN, !=, 0);
  g_assert_cmpuint (f->what & SB_LESSON_CHANGED_RUN, !=, 0);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (f->lesson)), ==, 0);
  g_assert_cmpstr (sb_lesson_get_step (f->lesson), ==, "scale-up");
  /* scale-up has no server-1: the selection went, and said so. */
  g_assert_null (sb_lesson_get_selected (f->lesson));
  g_assert_nonnull (strstr (f->notified->str, "step "));
  g_assert_nonnull (strstr (f->notified->str, "selected "));

  sb_lesson_set_selected (f->lesson, "dns");
  load (f, "one-server");
  g_assert_cmpstr (sb_lesson_get_selected (f->lesson), ==, "dns");
  /* An unknown id selects nothing. */
  sb_lesson_set_selected (f->lesson, "no-such-element");
  g_assert_null (sb_lesson_get_selected (f->lesson));
}

/* Page Down / Page Up walk the bundled steps in lesson order. */
static void
test_adjacent_steps (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SbScenario) file = bundled ("distributed");

  g_assert_cmpstr (sb_lesson_get_adjacent_step (f->lesson, 1), ==, "secured-monitored");
  g_assert_cmpstr (sb_lesson_get_adjacent_step (f->lesson, -1), ==, "one-server");
  load (f, "scale-up");
  g_assert_null (sb_lesson_get_adjacent_step (f->lesson, 1));
  load (f, "one-server");
  g_assert_null (sb_lesson_get_adjacent_step (f->lesson, -1));
  /* A file is no step: the next one is the first. */
  sb_lesson_set_scenario (f->lesson, file, NULL);
  g_assert_null (sb_lesson_get_step (f->lesson));
  g_assert_cmpstr (sb_lesson_get_adjacent_step (f->lesson, 1), ==, "one-server");
}

/* The speed ladder, defined once: 0.25 … 8, clamped. */
static void
test_speed (Fixture       *f,
            gconstpointer  data)
{
  const double up[] = { 2, 4, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (up); i++)
    {
      g_assert_true (sb_lesson_change_speed (f->lesson, 1));
      g_assert_cmpfloat (sb_lesson_get_speed (f->lesson), ==, up[i]);
    }
  g_assert_false (sb_lesson_can_change_speed (f->lesson, 1));
  g_assert_false (sb_lesson_change_speed (f->lesson, 1));
  sb_lesson_set_speed (f->lesson, 0.01);
  g_assert_cmpfloat (sb_lesson_get_speed (f->lesson), ==, SB_LESSON_SPEED_MIN);
  g_assert_false (sb_lesson_can_change_speed (f->lesson, -1));
  sb_lesson_set_speed (f->lesson, 100);
  g_assert_cmpfloat (sb_lesson_get_speed (f->lesson), ==, SB_LESSON_SPEED_MAX);
  /* Between rungs, the next one. */
  sb_lesson_set_speed (f->lesson, 3);
  g_assert_true (sb_lesson_change_speed (f->lesson, -1));
  g_assert_cmpfloat (sb_lesson_get_speed (f->lesson), ==, 2);
}

/* Time moves by real time times the speed; a late frame counts a quarter
 * second at most; counters are worth reading four times a second. */
static void
test_tick (Fixture       *f,
           gconstpointer  data)
{
  SbSim *sim = sb_lesson_get_sim (f->lesson);

  sb_lesson_set_speed (f->lesson, 2);
  sb_lesson_tick (f->lesson, 100000);
  g_assert_cmpint (sb_sim_get_time (sim), ==, 200000);
  sb_lesson_tick (f->lesson, 10 * G_USEC_PER_SEC);
  g_assert_cmpint (sb_sim_get_time (sim), ==, 200000 + 2 * 250000);
  forget (f);
  for (int i = 0; i < 12; i++)
    sb_lesson_tick (f->lesson, 20000);
  g_assert_cmpuint (f->refreshes, ==, 0);
  sb_lesson_tick (f->lesson, 20000);
  g_assert_cmpuint (f->refreshes, ==, 1);
}

/* What the panels say changes in the frame the board's state does: the
 * tick in which the balancer marks a killed server down refreshes them,
 * though the last refresh was a millisecond ago. */
static void
test_tick_refreshes_state (Fixture       *f,
                           gconstpointer  data)
{
  SbSim *sim = sb_lesson_get_sim (f->lesson);
  SbSimBackendView backend = { 0 };
  guint ticks = 0, before = 0;

  sb_lesson_tick (f->lesson, 100000);
  g_assert_true (sb_lesson_apply (f->lesson, SB_ACTION_KILL, "server-1", NULL));
  g_assert_true (sb_sim_get_backend (sim, 0, &backend));
  g_assert_cmpstr (backend.host, ==, "server-1");
  while (backend.up && ticks++ < 100000)
    {
      /* Refreshed just before: a quarter second is far off. */
      sb_lesson_tick (f->lesson, 0);
      before = f->refreshes;
      sb_lesson_tick (f->lesson, 1000);
      g_assert_true (sb_sim_get_backend (sim, 0, &backend));
    }
  g_assert_false (backend.up);
  g_assert_cmpuint (f->refreshes, ==, before + 1);
}

static void
test_mode_and_algorithm (Fixture       *f,
                         gconstpointer  data)
{
  sb_lesson_tick (f->lesson, 200000);
  forget (f);
  sb_lesson_set_mode (f->lesson, "active-passive");
  g_assert_cmpstr (f->notified->str, ==, "mode can-undo ");
  g_assert_cmpint (sb_lesson_get_live_scenario (f->lesson)->balancer.mode, ==, SB_MODE_ACTIVE_PASSIVE);
  /* The design keeps what the run started with. */
  g_assert_cmpint (sb_lesson_get_scenario (f->lesson)->balancer.mode, ==, SB_MODE_ACTIVE_ACTIVE);
  /* The same value again changes nothing. */
  sb_lesson_set_mode (f->lesson, "active-passive");
  g_assert_cmpstr (f->notified->str, ==, "mode can-undo ");
  g_object_set (f->lesson, "algorithm", "leastconn", NULL);
  g_assert_cmpstr (sb_lesson_get_algorithm (f->lesson), ==, "leastconn");

  forget (f);
  while (sb_sim_get_time (sb_lesson_get_sim (f->lesson)) > 200000)
    sb_lesson_step_back (f->lesson);
  sb_lesson_step_back (f->lesson);
  g_assert_cmpstr (sb_lesson_get_mode (f->lesson), ==, "active-active");
  g_assert_cmpstr (sb_lesson_get_algorithm (f->lesson), ==, "roundrobin");
  g_assert_nonnull (strstr (f->notified->str, "mode "));
  g_assert_nonnull (strstr (f->notified->str, "algorithm "));
}

/* Reset starts time again and keeps the settings the teacher chose. */
static void
test_reset_keeps_settings (Fixture       *f,
                           gconstpointer  data)
{
  sb_lesson_set_algorithm (f->lesson, "source");
  sb_lesson_set_selected (f->lesson, "server-1");
  g_assert_true (sb_lesson_apply (f->lesson, SB_ACTION_KILL, "server-1", NULL));
  sb_lesson_advance_to (f->lesson, 5 * SB_SIM_USEC_PER_SEC);
  forget (f);
  sb_lesson_reset (f->lesson);
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpuint (f->what & SB_LESSON_CHANGED_RUN, !=, 0);
  g_assert_cmpuint (f->what & SB_LESSON_CHANGED_DESIGN, ==, 0);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (f->lesson)), ==, 0);
  g_assert_true (sb_sim_is_up (sb_lesson_get_sim (f->lesson), "server-1"));
  g_assert_cmpstr (sb_lesson_get_algorithm (f->lesson), ==, "source");
  g_assert_cmpstr (sb_lesson_get_selected (f->lesson), ==, "server-1");
}

/* A kill applies now and is replayed by a step back after it. */
static void
test_apply_and_step_back (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sb_lesson_advance_to (f->lesson, 2 * SB_SIM_USEC_PER_SEC);
  forget (f);
  g_assert_true (sb_lesson_apply (f->lesson, SB_ACTION_KILL, "lb", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->what, ==, SB_LESSON_CHANGED_STATE);
  sb_lesson_advance_to (f->lesson, 4 * SB_SIM_USEC_PER_SEC);
  sb_lesson_step_back (f->lesson);
  g_assert_false (sb_sim_is_up (sb_lesson_get_sim (f->lesson), "lb"));
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (f->lesson)), <, 4 * SB_SIM_USEC_PER_SEC);
  g_assert_false (sb_lesson_apply (f->lesson, SB_ACTION_PROMOTE, "lb", &error));
  g_assert_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED);
}

/* Arrows walk the elements in board order, round the ends. */
static void
test_select_next (Fixture       *f,
                  gconstpointer  data)
{
  SbSim *sim = sb_lesson_get_sim (f->lesson);
  guint n = sb_sim_get_n_elements (sim);

  sb_lesson_select_next (f->lesson, 1);
  g_assert_cmpstr (sb_lesson_get_selected (f->lesson), ==, sb_sim_get_element_id (sim, 0));
  sb_lesson_select_next (f->lesson, -1);
  g_assert_cmpstr (sb_lesson_get_selected (f->lesson), ==, sb_sim_get_element_id (sim, n - 1));
}

/* A drag moves the design without restarting the run; its end is an
 * edit, saved with the live settings. */
static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SbScenario) saved = NULL;
  SbSim *sim = sb_lesson_get_sim (f->lesson);

  sb_lesson_set_mode (f->lesson, "active-passive");
  forget (f);
  sb_lesson_move_component (f->lesson, "web-1", 100, 200);
  g_assert_cmpuint (f->what, ==, SB_LESSON_CHANGED_LAYOUT);
  g_assert_true (sb_lesson_get_sim (f->lesson) == sim);
  g_assert_false (sb_lesson_get_modified (f->lesson));
  sb_lesson_end_move (f->lesson);
  g_assert_true (sb_lesson_get_modified (f->lesson));
  g_assert_cmpuint (f->edits, ==, 1);
  saved = sb_lesson_dup_scenario (f->lesson);
  g_assert_cmpfloat (sb_scenario_find_component (saved, "web-1")->x, ==, 100);
  g_assert_cmpint (saved->balancer.mode, ==, SB_MODE_ACTIVE_PASSIVE);
}

/* An edit replaces the design, keeps the step and marks it modified;
 * another step clears the mark. */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SbScenario) copy = sb_lesson_dup_scenario (f->lesson);
  g_autofree char *added = sb_scenario_add_server (copy, NULL);

  g_assert_cmpstr (added, ==, "server-3");
  g_assert_true (sb_lesson_edit (f->lesson, copy, NULL));
  g_assert_true (sb_lesson_get_modified (f->lesson));
  g_assert_cmpuint (f->edits, ==, 1);
  g_assert_cmpstr (sb_lesson_get_step (f->lesson), ==, "distributed");
  g_assert_cmpint (sb_sim_find_element (sb_lesson_get_sim (f->lesson), "server-3"), >=, 0);
  /* The new machine is Server 3, explained as what it is, not as a copy
   * of the machine it was cloned from. */
  g_assert_cmpstr (sb_scenario_find_host (sb_lesson_get_scenario (f->lesson), "server-3")->label, ==,
                   "Server 3");
  g_assert_null (sb_scenario_find_component (sb_lesson_get_scenario (f->lesson), "web-3")->explanation);
  load (f, "distributed");
  g_assert_false (sb_lesson_get_modified (f->lesson));
}

/* Undo and redo: edits, drags and settings, back to the file itself. */
static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SbScenario) opened = sb_lesson_dup_scenario (f->lesson);
  g_autoptr(SbScenario) copy = sb_scenario_copy (opened);
  g_autoptr(SbScenario) bad = sb_scenario_copy (opened);
  g_autoptr(SbScenario) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *added = sb_scenario_add_server (copy, NULL);
  g_autofree char *saved = NULL, *now = NULL;

  g_assert_false (sb_lesson_get_can_undo (f->lesson));
  g_assert_true (sb_lesson_edit (f->lesson, copy, NULL));
  sb_lesson_move_component (f->lesson, "web-3", 10, 20);
  sb_lesson_move_component (f->lesson, "web-3", 30, 40);
  sb_lesson_end_move (f->lesson);
  sb_lesson_set_algorithm (f->lesson, "leastconn");
  forget (f);

  /* An invalid design is refused with the format's message. */
  g_free (((SbHost *) g_ptr_array_index (bad->hosts, 0))->ip);
  ((SbHost *) g_ptr_array_index (bad->hosts, 0))->ip = g_strdup ("not an address");
  g_assert_false (sb_lesson_edit (f->lesson, bad, &error));
  g_assert_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_INVALID);
  g_assert_cmpuint (f->changed, ==, 0);

  sb_lesson_undo (f->lesson);
  g_assert_cmpstr (sb_lesson_get_algorithm (f->lesson), ==, "roundrobin");
  sb_lesson_undo (f->lesson);
  g_assert_false (sb_scenario_find_component (sb_lesson_get_scenario (f->lesson), "web-3")->has_position);
  sb_lesson_undo (f->lesson);
  g_assert_null (sb_scenario_find_host (sb_lesson_get_scenario (f->lesson), "server-3"));
  g_assert_false (sb_lesson_get_can_undo (f->lesson));
  /* Back to the design as opened: not edited, and byte for byte the same. */
  g_assert_false (sb_lesson_get_modified (f->lesson));
  back = sb_lesson_dup_scenario (f->lesson);
  saved = sb_scenario_to_data (opened, NULL);
  now = sb_scenario_to_data (back, NULL);
  g_assert_cmpstr (now, ==, saved);

  sb_lesson_redo (f->lesson);
  sb_lesson_redo (f->lesson);
  g_assert_cmpfloat (sb_scenario_find_component (sb_lesson_get_scenario (f->lesson), "web-3")->x, ==, 30);
  g_assert_true (sb_lesson_get_modified (f->lesson));
  sb_lesson_redo (f->lesson);
  g_assert_cmpstr (sb_lesson_get_algorithm (f->lesson), ==, "leastconn");
  g_assert_false (sb_lesson_get_can_redo (f->lesson));

  /* Saved, then edited and undone: back at the saved design, not edited. */
  sb_lesson_mark_saved (f->lesson);
  sb_lesson_move_component (f->lesson, "web-1", 5, 5);
  sb_lesson_end_move (f->lesson);
  g_assert_true (sb_lesson_get_modified (f->lesson));
  sb_lesson_undo (f->lesson);
  g_assert_false (sb_lesson_get_modified (f->lesson));
  /* A new change drops what could be redone. */
  sb_lesson_set_mode (f->lesson, "active-passive");
  g_assert_false (sb_lesson_get_can_redo (f->lesson));
  /* Another step: a history of its own. */
  load (f, "one-server");
  g_assert_false (sb_lesson_get_can_undo (f->lesson));
}

/* The distributed step's script, played through the lesson: the kill at
 * 10 s stops the clock at its question; a vote, a reveal, and the run goes
 * on to the promotion's question; the narrator tells each moment. */
static void
test_script (Fixture       *f,
             gconstpointer  data)
{
  guint captions = 0, number = 0;
  const SbMoment *question;
  g_autoptr(GError) error = NULL;

  g_signal_connect (f->lesson, "caption", G_CALLBACK (caption_counted), &captions);
  g_assert_true (sb_lesson_get_has_script (f->lesson));
  sb_lesson_advance_to (f->lesson, 3 * SB_SIM_USEC_PER_SEC);
  g_object_set (f->lesson, "script-playing", TRUE, NULL);
  /* A script plays from its beginning. */
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (f->lesson)), ==, 0);
  g_assert_false (sb_lesson_vote (f->lesson, 1, &error));
  g_clear_error (&error);

  /* Frame after frame, as the window plays it. */
  for (int i = 0; i < 1000 && sb_lesson_get_question (f->lesson, NULL) == NULL; i++)
    sb_lesson_tick (f->lesson, 16667);
  question = sb_lesson_get_question (f->lesson, &number);
  g_assert_nonnull (question);
  g_assert_cmpuint (number, ==, 1);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (f->lesson)), ==, 10 * SB_SIM_USEC_PER_SEC);
  g_assert_false (sb_sim_is_up (sb_lesson_get_sim (f->lesson), "server-1"));
  g_assert_cmpuint (captions, >=, 2);   /* the kill, the question */
  /* The clock waits for the class. */
  sb_lesson_tick (f->lesson, 100000);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (f->lesson)), ==, 10 * SB_SIM_USEC_PER_SEC);

  g_assert_false (sb_lesson_vote (f->lesson, 4, &error));
  g_assert_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED);
  g_assert_true (sb_lesson_vote (f->lesson, 2, NULL));
  g_assert_cmpint (sb_lesson_get_vote (f->lesson), ==, 2);
  sb_lesson_reveal (f->lesson);
  g_assert_null (sb_lesson_get_question (f->lesson, NULL));
  g_assert_nonnull (strstr (sb_lesson_get_caption (f->lesson), "health checks"));
  sb_lesson_tick (f->lesson, 100000);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (f->lesson)), >, 10 * SB_SIM_USEC_PER_SEC);

  for (int i = 0; i < 3000 && sb_lesson_get_question (f->lesson, NULL) == NULL; i++)
    sb_lesson_tick (f->lesson, 16667);
  g_assert_nonnull (sb_lesson_get_question (f->lesson, &number));
  g_assert_cmpuint (number, ==, 2);

  /* A step back replays the script (its first question answered on the
   * way) and the kill stays. */
  sb_lesson_reveal (f->lesson);
  sb_lesson_advance_to (f->lesson, 31 * SB_SIM_USEC_PER_SEC);
  sb_lesson_step_back (f->lesson);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (f->lesson)), <, 31 * SB_SIM_USEC_PER_SEC);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (f->lesson)), >, 30 * SB_SIM_USEC_PER_SEC);
  g_assert_false (sb_sim_is_up (sb_lesson_get_sim (f->lesson), "server-1"));
  g_assert_cmpstr (sb_sim_get_primary (sb_lesson_get_sim (f->lesson)), ==, "db-2");
  g_assert_null (sb_lesson_get_question (f->lesson, NULL));

  /* Off: the run goes on freely, with nothing waiting. */
  g_object_set (f->lesson, "script-playing", FALSE, NULL);
  g_assert_false (sb_lesson_get_script_playing (f->lesson));
}

/* Narration without a script: a kill is told at once. */
static void
test_caption (Fixture       *f,
              gconstpointer  data)
{
  guint captions = 0;

  g_signal_connect (f->lesson, "caption", G_CALLBACK (caption_counted), &captions);
  g_assert_cmpstr (sb_lesson_get_caption (f->lesson), ==, "");
  sb_lesson_advance_to (f->lesson, SB_SIM_USEC_PER_SEC);
  g_assert_true (sb_lesson_apply (f->lesson, SB_ACTION_KILL, "server-1", NULL));
  g_assert_cmpuint (captions, ==, 1);
  g_assert_nonnull (strstr (sb_lesson_get_caption (f->lesson), "Server 1"));
  sb_lesson_reset (f->lesson);
  g_assert_cmpstr (sb_lesson_get_caption (f->lesson), ==, "");
}

/* A component dropped onto another machine: the drag and the move onto
 * the machine are one change; a drop the format refuses is put back and
 * leaves nothing to undo or redo. */
static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SbScenario) opened = sb_lesson_dup_scenario (f->lesson);
  g_autoptr(SbScenario) moved = NULL;

  sb_lesson_move_component (f->lesson, "lb", 300, 400);
  g_assert_true (sb_lesson_get_moving (f->lesson));
  moved = sb_lesson_dup_scenario (f->lesson);
  g_assert_true (sb_scenario_move_component (moved, "lb", "server-2", NULL));
  g_assert_true (sb_lesson_edit (f->lesson, moved, NULL));
  g_assert_false (sb_lesson_get_moving (f->lesson));
  forget (f);
  sb_lesson_end_move (f->lesson);
  g_assert_cmpuint (f->edits, ==, 0);
  g_assert_cmpstr (sb_scenario_find_component (sb_lesson_get_scenario (f->lesson), "lb")->host, ==,
                   "server-2");
  sb_lesson_undo (f->lesson);
  g_assert_false (sb_lesson_get_can_undo (f->lesson));
  g_assert_true (sb_scenario_equal (sb_lesson_get_scenario (f->lesson), opened));

  sb_lesson_move_component (f->lesson, "user", 300, 400);
  sb_lesson_cancel_move (f->lesson);
  g_assert_false (sb_lesson_get_moving (f->lesson));
  g_assert_true (sb_scenario_equal (sb_lesson_get_scenario (f->lesson), opened));
  /* The drag was a new change: the drop undone above is gone too. */
  g_assert_false (sb_lesson_get_can_undo (f->lesson));
  g_assert_false (sb_lesson_get_can_redo (f->lesson));
  g_assert_false (sb_lesson_get_modified (f->lesson));
  /* Cancelling without a drag changes nothing. */
  forget (f);
  sb_lesson_cancel_move (f->lesson);
  g_assert_cmpuint (f->changed, ==, 0);
}

/* The author's text stays a note only while it is true of the element. */
static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *lb = sb_lesson_dup_note (f->lesson, "lb");
  g_autofree char *db = sb_lesson_dup_note (f->lesson, "db-2");
  g_autofree char *server = sb_lesson_dup_note (f->lesson, "server-1");
  g_autofree char *after_algorithm = NULL, *after_promote = NULL, *after_edit = NULL;
  g_autoptr(SbScenario) copy = NULL;
  g_autofree char *firewall = NULL;

  g_assert_nonnull (lb);
  g_assert_nonnull (db);
  g_assert_nonnull (server);
  sb_lesson_set_algorithm (f->lesson, "leastconn");
  after_algorithm = sb_lesson_dup_note (f->lesson, "lb");
  g_assert_null (after_algorithm);
  g_assert_true (sb_lesson_apply (f->lesson, SB_ACTION_PROMOTE, "db-2", NULL));
  after_promote = sb_lesson_dup_note (f->lesson, "db-2");
  g_assert_null (after_promote);
  g_assert_cmpint (sb_lesson_get_role (f->lesson, "db-2"), ==, SB_DB_ROLE_PRIMARY);
  /* A machine that runs something more is no longer what its text says. */
  copy = sb_lesson_dup_scenario (f->lesson);
  firewall = sb_scenario_add_element (copy, "firewall", "server-1", NULL);
  g_assert_nonnull (firewall);
  g_assert_true (sb_lesson_edit (f->lesson, copy, NULL));
  after_edit = sb_lesson_dup_note (f->lesson, "server-1");
  g_assert_null (after_edit);
}

/* Single points of failure follow the live settings. */
static void
test_spofs (Fixture       *f,
            gconstpointer  data)
{
  GPtrArray *spofs;

  g_assert_null (sb_lesson_get_spofs (f->lesson));
  sb_lesson_set_spof_mode (f->lesson, "reads");
  spofs = sb_lesson_get_spofs (f->lesson);
  g_assert_nonnull (spofs);
  g_assert_cmpuint (spofs->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (spofs, 0), ==, "lb");
  sb_lesson_set_spof_mode (f->lesson, "bogus");
  g_assert_cmpstr (sb_lesson_get_spof_mode (f->lesson), ==, "none");
  g_assert_null (sb_lesson_get_spofs (f->lesson));
}

/* What a person reads: labels, and the machine for a component. */
static void
test_describe (Fixture       *f,
               gconstpointer  data)
{
  const SbScenario *scenario = sb_lesson_get_scenario (f->lesson);
  g_autofree char *web = sb_scenario_describe (scenario, "web-1");
  g_autofree char *host = sb_scenario_describe (scenario, "server-2");
  g_autofree char *lb = sb_scenario_describe (scenario, "lb");

  g_assert_cmpstr (web, ==, "Nginx · Server 1");
  g_assert_cmpstr (host, ==, "Server 2");
  g_assert_cmpstr (lb, ==, "Load balancer (HAProxy)");
  g_assert_cmpstr (sb_scenario_translate_label ("Server 12"), ==, "Server 12");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lesson/defaults", test_defaults);
  ADD ("/lesson/step-change", test_step_change);
  ADD ("/lesson/adjacent-steps", test_adjacent_steps);
  ADD ("/lesson/speed", test_speed);
  ADD ("/lesson/tick", test_tick);
  ADD ("/lesson/tick-refreshes-state", test_tick_refreshes_state);
  ADD ("/lesson/mode-and-algorithm", test_mode_and_algorithm);
  ADD ("/lesson/reset-keeps-settings", test_reset_keeps_settings);
  ADD ("/lesson/apply-and-step-back", test_apply_and_step_back);
  ADD ("/lesson/select-next", test_select_next);
  ADD ("/lesson/move", test_move);
  ADD ("/lesson/edit", test_edit);
  ADD ("/lesson/undo-redo", test_undo_redo);
  ADD ("/lesson/script", test_script);
  ADD ("/lesson/caption", test_caption);
  ADD ("/lesson/drop", test_drop);
  ADD ("/lesson/note", test_note);
  ADD ("/lesson/spofs", test_spofs);
  ADD ("/lesson/describe", test_describe);
#undef ADD

  return g_test_run ();
}
