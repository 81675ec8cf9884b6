/* sb-lesson.c — the design, its run, and what the teacher picked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time moves only through sb_lesson_tick() (the canvas calls it from the
 * frame clock) and the step functions: the run's state depends only on
 * the simulated time reached, never on the frame rate.  Every change is
 * announced once, after the lesson is consistent again: properties
 * notify in a freeze/thaw pair and "changed" comes last.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-lesson.h"
#include "sim/sb-script-player.h"
#include "sim/sb-spof.h"

/* A frame that comes late (a stall, a suspended laptop) moves the class's
 * clock by at most this much real time, so nothing jumps out of sight. */
#define MAX_FRAME_US (G_USEC_PER_SEC / 4)
/* Panels that read counters refresh this often (real time): plenty for
 * reading, and a frame stays cheap. */
#define REFRESH_US (G_USEC_PER_SEC / 4)

static const double speeds[] = { 0.25, 0.5, 1, 2, 4, 8 };

struct _SbLesson
{
  GObject     parent_instance;

  SbScenario *design;      /* positions, and the settings the run started with */
  SbScenario *opened;      /* the design as the file or the step gave it */
  SbSim      *sim;
  SbNarrator *narrator;    /* the run's captions; the sim points to it */
  SbScriptPlayer *player;  /* the design's script while it plays, or NULL */
  gboolean    script_on;   /* "script-playing" */
  gboolean    replaying;   /* a step back's captions are not news */
  gboolean    waiting;     /* the script waits at a question */
  SbTimeline *timeline;    /* what the teacher did in this run */
  char       *step;
  gboolean    modified;
  gboolean    playing;
  double      speed;
  double      target_us;   /* simulated time to reach, kept fractional */
  gint64      since_refresh;
  char       *selected;
  char       *spof_mode;   /* "none", "reads" or "writes" */
  GPtrArray  *spofs;
  gboolean    show_issues;
  GStrv       highlight;
  SbMode      shown_mode;  /* as last notified */
  SbAlgorithm shown_algorithm;
  GPtrArray  *undo;        /* Change*, the newest last */
  GPtrArray  *redo;        /* Change*, the next to redo last */
  guint       serial;      /* of the last design change made */
  guint       saved;       /* serial of the design saved or opened (0: as opened) */
  gboolean    moving;      /* a drag is under way: its start is in the history */
};

/* One step of the history: a design as it was (undone by putting it
 * back), or a live setting's values before and after. */
typedef struct {
  SbScenario *design;
  guint       serial;      /* of the design, for the modified mark */
  SbSetting   setting;
  double      before;
  double      after;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_clear_pointer (&change->design, sb_scenario_free);
  g_free (change);
}

enum {
  PROP_0,
  PROP_STEP,
  PROP_MODIFIED,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_SELECTED,
  PROP_MODE,
  PROP_ALGORITHM,
  PROP_SPOF_MODE,
  PROP_SHOW_ISSUES,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_SCRIPT_PLAYING,
  PROP_WAITING,
  PROP_VOTE,
  PROP_CAPTION,
  N_PROPS
};

enum {
  CHANGED,
  ADVANCED,
  REFRESH,
  EDITED,
  CAPTION,
  SCRIPT_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SbLesson, sb_lesson, G_TYPE_OBJECT)

static void
notify (SbLesson *self,
        guint     prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
emit_refresh (SbLesson *self)
{
  self->since_refresh = 0;
  g_signal_emit (self, signals[REFRESH], 0);
}

/* Mode and algorithm follow the run: a step back may undo a change. */
static void
notify_settings (SbLesson *self)
{
  const SbBalancer *b = &sb_sim_get_scenario (self->sim)->balancer;

  if (b->mode != self->shown_mode)
    {
      self->shown_mode = b->mode;
      notify (self, PROP_MODE);
    }
  if (b->algorithm != self->shown_algorithm)
    {
      self->shown_algorithm = b->algorithm;
      notify (self, PROP_ALGORITHM);
    }
}

static void
update_spofs (SbLesson *self)
{
  g_clear_pointer (&self->spofs, g_ptr_array_unref);
  if (g_str_equal (self->spof_mode, "reads"))
    sb_spof_analyse (sb_sim_get_scenario (self->sim), &self->spofs, NULL);
  else if (g_str_equal (self->spof_mode, "writes"))
    sb_spof_analyse (sb_sim_get_scenario (self->sim), NULL, &self->spofs);
}

/* Every view hears of a change once, when the lesson is whole again: a
 * change freezes the lesson's notifications, and this thaws them. */
static void
emit_changed (SbLesson       *self,
              SbLessonChange  what)
{
  update_spofs (self);
  notify_settings (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0, what);
}

static void
set_selected_silently (SbLesson   *self,
                       const char *id)
{
  if (id != NULL && sb_sim_find_element (self->sim, id) < 0)
    id = NULL;
  if (g_strcmp0 (self->selected, id) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (id);
  notify (self, PROP_SELECTED);
}

static void
set_highlight_silently (SbLesson           *self,
                        const char * const *path)
{
  g_strfreev (self->highlight);
  self->highlight = g_strdupv ((char **) path);
}

static void
caption_added (SbNarrator      *narrator,
               const SbCaption *caption,
               gpointer         user_data)
{
  SbLesson *self = user_data;

  if (self->replaying)
    return;
  notify (self, PROP_CAPTION);
  g_signal_emit (self, signals[CAPTION], 0, caption);
}

/* What follows SIM, the run's new sim: a narrator, and a player for the
 * design's script while it plays.  The previous sim, which points to the
 * previous narrator, is gone already. */
static void
narrate (SbLesson *self,
         SbSim    *sim)
{
  g_clear_pointer (&self->player, sb_script_player_free);
  g_clear_pointer (&self->narrator, sb_narrator_free);
  self->narrator = sb_narrator_new ();
  sb_narrator_set_caption_func (self->narrator, caption_added, self);
  sb_narrator_attach (self->narrator, sim);
  if (self->script_on && self->design->script != NULL)
    self->player = sb_script_player_new (self->design->script);
}

static void
set_waiting (SbLesson *self,
             gboolean  waiting)
{
  if (self->waiting == waiting)
    return;
  self->waiting = waiting;
  notify (self, PROP_WAITING);
  notify (self, PROP_VOTE);
}

/* A replay's way to move time: the script's moments are played on the
 * way, its questions revealed (they were asked already), moments that
 * fail skipped as they were live. */
typedef struct {
  SbScriptPlayer *player;
  SbNarrator     *narrator;
} Replay;

static void
replay_advance (SbSim    *sim,
                gint64    time,
                gpointer  user_data)
{
  Replay *replay = user_data;

  if (replay->player == NULL)
    {
      sb_sim_advance_to (sim, time);
      return;
    }
  for (;;)
    {
      if (!sb_script_player_advance_to (replay->player, sim, replay->narrator, time, NULL))
        continue;
      if (sb_script_player_get_waiting (replay->player, NULL) == NULL
          || sb_sim_get_time (sim) >= time)
        return;
      sb_script_player_reveal (replay->player, sim, replay->narrator);
    }
}

/* A new run of the design from time 0 (the caller froze notifications). */
static void
start_run (SbLesson *self)
{
  g_clear_pointer (&self->sim, sb_sim_free);
  self->sim = sb_sim_new (self->design);
  narrate (self, self->sim);
  set_waiting (self, FALSE);
  notify (self, PROP_CAPTION);
  sb_timeline_clear (self->timeline);
  self->target_us = 0;
  self->since_refresh = 0;
  set_highlight_silently (self, NULL);
  set_selected_silently (self, self->selected);
}

/* The run goes on from SIM's time (a replay). */
static void
replace_sim (SbLesson *self,
             SbSim    *sim)
{
  if (self->sim != sim)
    g_clear_pointer (&self->sim, sb_sim_free);
  self->sim = sim;
  self->target_us = sb_sim_get_time (sim);
  set_highlight_silently (self, NULL);
}

static void
sb_lesson_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SbLesson *self = SB_LESSON (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_string (value, self->step ? self->step : "");
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_SELECTED:
      g_value_set_string (value, self->selected ? self->selected : "");
      break;
    case PROP_MODE:
      g_value_set_string (value, sb_lesson_get_mode (self));
      break;
    case PROP_ALGORITHM:
      g_value_set_string (value, sb_lesson_get_algorithm (self));
      break;
    case PROP_SPOF_MODE:
      g_value_set_string (value, self->spof_mode);
      break;
    case PROP_SHOW_ISSUES:
      g_value_set_boolean (value, self->show_issues);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->undo->len > 0);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->redo->len > 0);
      break;
    case PROP_SCRIPT_PLAYING:
      g_value_set_boolean (value, self->script_on);
      break;
    case PROP_WAITING:
      g_value_set_boolean (value, self->waiting);
      break;
    case PROP_VOTE:
      g_value_set_int (value, sb_lesson_get_vote (self));
      break;
    case PROP_CAPTION:
      g_value_set_string (value, sb_lesson_get_caption (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_lesson_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SbLesson *self = SB_LESSON (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_PLAYING:
      sb_lesson_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      sb_lesson_set_speed (self, g_value_get_double (value));
      break;
    case PROP_SELECTED:
      text = g_value_get_string (value);
      sb_lesson_set_selected (self, text && *text ? text : NULL);
      break;
    case PROP_MODE:
      sb_lesson_set_mode (self, g_value_get_string (value));
      break;
    case PROP_ALGORITHM:
      sb_lesson_set_algorithm (self, g_value_get_string (value));
      break;
    case PROP_SPOF_MODE:
      sb_lesson_set_spof_mode (self, g_value_get_string (value));
      break;
    case PROP_SHOW_ISSUES:
      sb_lesson_set_show_issues (self, g_value_get_boolean (value));
      break;
    case PROP_SCRIPT_PLAYING:
      sb_lesson_set_script_playing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_lesson_finalize (GObject *object)
{
  SbLesson *self = SB_LESSON (object);

  g_clear_pointer (&self->timeline, sb_timeline_free);
  /* The sim first: it points to the narrator. */
  g_clear_pointer (&self->sim, sb_sim_free);
  g_clear_pointer (&self->narrator, sb_narrator_free);
  g_clear_pointer (&self->player, sb_script_player_free);
  g_clear_pointer (&self->design, sb_scenario_free);
  g_clear_pointer (&self->opened, sb_scenario_free);
  g_clear_pointer (&self->spofs, g_ptr_array_unref);
  g_clear_pointer (&self->highlight, g_strfreev);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_free (self->step);
  g_free (self->selected);
  g_free (self->spof_mode);
  G_OBJECT_CLASS (sb_lesson_parent_class)->finalize (object);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boolean_property (const char *name,
                  GParamFlags flags)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               flags | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
sb_lesson_class_init (SbLessonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_lesson_finalize;
  object_class->get_property = sb_lesson_get_property;
  object_class->set_property = sb_lesson_set_property;

  /* Strings are never NULL, so GPropertyAction can make them stateful
   * window actions ('' for no step, no selection). */
  properties[PROP_STEP] =
    g_param_spec_string ("step", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] = boolean_property ("modified", G_PARAM_READABLE);
  properties[PROP_PLAYING] = boolean_property ("playing", G_PARAM_READWRITE);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, SB_LESSON_SPEED_MIN, SB_LESSON_SPEED_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] = string_property ("selected");
  properties[PROP_MODE] = string_property ("mode");
  properties[PROP_ALGORITHM] = string_property ("algorithm");
  properties[PROP_SPOF_MODE] = string_property ("spof-mode");
  properties[PROP_SHOW_ISSUES] = boolean_property ("show-issues", G_PARAM_READWRITE);
  properties[PROP_CAN_UNDO] = boolean_property ("can-undo", G_PARAM_READABLE);
  properties[PROP_CAN_REDO] = boolean_property ("can-redo", G_PARAM_READABLE);
  properties[PROP_SCRIPT_PLAYING] = boolean_property ("script-playing", G_PARAM_READWRITE);
  properties[PROP_WAITING] = boolean_property ("waiting", G_PARAM_READABLE);
  properties[PROP_VOTE] =
    g_param_spec_int ("vote", NULL, NULL, 0, 4, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* SbLessonChange flags: what was replaced. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* Time moved on: every frame while playing. */
  signals[ADVANCED] = g_signal_new ("advanced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Time moved on and counters are worth reading again. */
  signals[REFRESH] = g_signal_new ("refresh", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The teacher changed the design (an edit, a drag): worth saving. */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The narrator said what just happened (an SbCaption, the run's). */
  signals[CAPTION] = g_signal_new ("caption", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* A moment of the script could not be played (its message); it was
   * skipped. */
  signals[SCRIPT_ERROR] = g_signal_new ("script-error", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_STRING);
}

static void
sb_lesson_init (SbLesson *self)
{
  g_autoptr(GError) error = NULL;

  self->timeline = sb_timeline_new ();
  self->undo = g_ptr_array_new_with_free_func (change_free);
  self->redo = g_ptr_array_new_with_free_func (change_free);
  self->speed = 1.0;
  self->spof_mode = g_strdup ("none");
  /* Never without a design: the bundled default is compiled in and
   * checked by the tests. */
  self->design = sb_scenario_load_bundled (SB_SCENARIO_DEFAULT, &error);
  if (self->design == NULL)
    g_error ("bundled scenario: %s", error->message);
  self->step = g_strdup (SB_SCENARIO_DEFAULT);
  self->opened = sb_scenario_copy (self->design);
  self->sim = sb_sim_new (self->design);
  narrate (self, self->sim);
  self->shown_mode = self->design->balancer.mode;
  self->shown_algorithm = self->design->balancer.algorithm;
}

SbLesson *
sb_lesson_new (void)
{
  return g_object_new (SB_TYPE_LESSON, NULL);
}

static void
notify_history (SbLesson *self,
                gboolean  could_undo,
                gboolean  could_redo)
{
  if (could_undo != (self->undo->len > 0))
    notify (self, PROP_CAN_UNDO);
  if (could_redo != (self->redo->len > 0))
    notify (self, PROP_CAN_REDO);
}

/* A new change on top of the history; what was undone cannot be redone
 * any more. */
static void
push_change (SbLesson *self,
             Change   *change)
{
  gboolean could_undo = self->undo->len > 0, could_redo = self->redo->len > 0;

  g_ptr_array_add (self->undo, change);
  g_ptr_array_set_size (self->redo, 0);
  notify_history (self, could_undo, could_redo);
}

/* The serial of the design shown: that of the newest design change in
 * the history, 0 for the design as it was opened. */
static guint
design_serial (SbLesson *self)
{
  for (guint i = self->undo->len; i-- > 0; )
    {
      const Change *change = g_ptr_array_index (self->undo, i);

      if (change->design != NULL)
        return change->serial;
    }
  return 0;
}

/* Remembers the design as it is now, before an edit changes it. */
static void
push_design (SbLesson *self)
{
  Change *change = g_new0 (Change, 1);

  change->design = sb_lesson_dup_scenario (self);
  change->serial = ++self->serial;
  push_change (self, change);
}

static void
clear_history (SbLesson *self)
{
  gboolean could_undo = self->undo->len > 0, could_redo = self->redo->len > 0;

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->saved = 0;
  self->moving = FALSE;
  notify_history (self, could_undo, could_redo);
}

static void
replace_design (SbLesson         *self,
                const SbScenario *scenario,
                gboolean          modified)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->design, sb_scenario_free);
  self->design = sb_scenario_copy (scenario);
  start_run (self);
  if (self->modified != modified)
    {
      self->modified = modified;
      notify (self, PROP_MODIFIED);
    }
  emit_changed (self, SB_LESSON_CHANGED_DESIGN | SB_LESSON_CHANGED_RUN | SB_LESSON_CHANGED_STATE
                      | SB_LESSON_CHANGED_LAYOUT);
}

void
sb_lesson_set_scenario (SbLesson         *self,
                        const SbScenario *scenario,
                        const char       *step)
{
  g_return_if_fail (SB_IS_LESSON (self));
  g_return_if_fail (scenario != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->step, step) != 0)
    {
      g_free (self->step);
      self->step = g_strdup (step);
      notify (self, PROP_STEP);
    }
  clear_history (self);
  g_clear_pointer (&self->opened, sb_scenario_free);
  self->opened = sb_scenario_copy (scenario);
  replace_design (self, scenario, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
sb_lesson_edit (SbLesson          *self,
                const SbScenario  *scenario,
                GError           **error)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  g_return_val_if_fail (scenario != NULL, FALSE);

  /* Every design on the board is one the simulation can run and a file
   * can hold. */
  if (!sb_scenario_validate (scenario, error))
    return FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  /* An edit that ends a drag (dropped onto a machine) is one change with
   * it: the design before the drag is in the history already. */
  if (!self->moving)
    push_design (self);
  self->moving = FALSE;
  replace_design (self, scenario, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[EDITED], 0);
  return TRUE;
}

void
sb_lesson_mark_saved (SbLesson *self)
{
  g_return_if_fail (SB_IS_LESSON (self));
  self->saved = design_serial (self);
  sb_lesson_set_modified (self, FALSE);
}

gboolean
sb_lesson_get_can_undo (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  return self->undo->len > 0;
}

gboolean
sb_lesson_get_can_redo (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  return self->redo->len > 0;
}

/* Applies CHANGE backwards (UNDO) or forwards, and returns the change
 * that reverses it, for the other stack.  A design change keeps its
 * serial both ways: it names the design after the edit. */
static Change *
apply_change (SbLesson *self,
              Change   *change,
              gboolean  undo)
{
  Change *reverse = g_new0 (Change, 1);

  if (change->design == NULL)
    {
      *reverse = *change;
      sb_timeline_set_setting (self->timeline, self->sim, change->setting,
                               undo ? change->before : change->after);
      return reverse;
    }
  reverse->design = sb_lesson_dup_scenario (self);
  reverse->serial = change->serial;
  replace_design (self, change->design, TRUE);
  return reverse;
}

static void
step_history (SbLesson *self,
              gboolean  undo)
{
  GPtrArray *from = undo ? self->undo : self->redo;
  GPtrArray *to = undo ? self->redo : self->undo;
  gboolean could_undo = self->undo->len > 0, could_redo = self->redo->len > 0;
  Change *change, *reverse;
  gboolean design;

  if (from->len == 0)
    return;
  change = g_ptr_array_steal_index (from, from->len - 1);
  design = change->design != NULL;
  g_object_freeze_notify (G_OBJECT (self));
  reverse = apply_change (self, change, undo);
  g_ptr_array_add (to, reverse);
  change_free (change);
  /* Back where it was saved (or opened), the design is not edited. */
  if (design)
    sb_lesson_set_modified (self, design_serial (self) != self->saved);
  notify_history (self, could_undo, could_redo);
  /* A design put back announced itself (replace_design); a setting not. */
  if (design)
    g_object_thaw_notify (G_OBJECT (self));
  else
    emit_changed (self, SB_LESSON_CHANGED_STATE);
  emit_refresh (self);
  if (design)
    g_signal_emit (self, signals[EDITED], 0);
}

void
sb_lesson_undo (SbLesson *self)
{
  g_return_if_fail (SB_IS_LESSON (self));
  step_history (self, TRUE);
}

void
sb_lesson_redo (SbLesson *self)
{
  g_return_if_fail (SB_IS_LESSON (self));
  step_history (self, FALSE);
}

const SbScenario *
sb_lesson_get_scenario (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  return self->design;
}

const SbScenario *
sb_lesson_get_live_scenario (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  return sb_sim_get_scenario (self->sim);
}

SbScenario *
sb_lesson_dup_scenario (SbLesson *self)
{
  SbScenario *copy;

  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  copy = sb_scenario_copy (sb_sim_get_scenario (self->sim));
  /* Positions are the design's: a drag does not restart the run. */
  for (guint i = 0; i < copy->components->len; i++)
    {
      SbComponent *c = g_ptr_array_index (copy->components, i);
      const SbComponent *shown = sb_scenario_find_component (self->design, c->id);

      if (shown != NULL)
        {
          c->has_position = shown->has_position;
          c->x = shown->x;
          c->y = shown->y;
        }
    }
  return copy;
}

SbSim *
sb_lesson_get_sim (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  return self->sim;
}

const char *
sb_lesson_get_step (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  return self->step;
}

const char *
sb_lesson_get_adjacent_step (SbLesson *self,
                             int       dir)
{
  const char * const *names = sb_scenario_bundled_names ();
  int n = (int) g_strv_length ((char **) names);

  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  for (int i = 0; i < n; i++)
    if (g_strcmp0 (names[i], self->step) == 0)
      return i + dir >= 0 && i + dir < n ? names[i + dir] : NULL;
  return names[0];
}

gboolean
sb_lesson_get_modified (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  return self->modified;
}

void
sb_lesson_set_modified (SbLesson *self,
                        gboolean  modified)
{
  g_return_if_fail (SB_IS_LESSON (self));
  modified = !!modified;
  if (self->modified == modified)
    return;
  self->modified = modified;
  notify (self, PROP_MODIFIED);
}

void
sb_lesson_set_playing (SbLesson *self,
                       gboolean  playing)
{
  g_return_if_fail (SB_IS_LESSON (self));
  playing = !!playing;
  if (self->playing == playing)
    return;
  self->playing = playing;
  notify (self, PROP_PLAYING);
}

gboolean
sb_lesson_get_playing (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  return self->playing;
}

void
sb_lesson_set_speed (SbLesson *self,
                     double    speed)
{
  g_return_if_fail (SB_IS_LESSON (self));
  speed = CLAMP (speed, SB_LESSON_SPEED_MIN, SB_LESSON_SPEED_MAX);
  if (self->speed == speed)
    return;
  self->speed = speed;
  notify (self, PROP_SPEED);
}

double
sb_lesson_get_speed (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), 1.0);
  return self->speed;
}

/* The index of the next rung up (DIR 1) or down (-1), or -1. */
static int
next_speed (SbLesson *self,
            int       dir)
{
  int n = G_N_ELEMENTS (speeds);

  for (int i = dir > 0 ? 0 : n - 1; i >= 0 && i < n; i += dir)
    if (dir > 0 ? speeds[i] > self->speed : speeds[i] < self->speed)
      return i;
  return -1;
}

gboolean
sb_lesson_can_change_speed (SbLesson *self,
                            int       dir)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  return next_speed (self, dir) >= 0;
}

gboolean
sb_lesson_change_speed (SbLesson *self,
                        int       dir)
{
  int i;

  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  i = next_speed (self, dir);
  if (i < 0)
    return FALSE;
  sb_lesson_set_speed (self, speeds[i]);
  return TRUE;
}

/* Moves the run to TARGET, the script's moments on the way; a question
 * stops the clock there until it is revealed. */
static void
play_to (SbLesson *self,
         gint64    target)
{
  g_autoptr(GError) error = NULL;

  if (self->player == NULL)
    {
      sb_sim_advance_to (self->sim, target);
      return;
    }
  while (!sb_script_player_advance_to (self->player, self->sim, self->narrator, target, &error))
    {
      g_signal_emit (self, signals[SCRIPT_ERROR], 0, error->message);
      g_clear_error (&error);
    }
  if (sb_script_player_get_waiting (self->player, NULL) != NULL)
    {
      self->target_us = sb_sim_get_time (self->sim);
      set_waiting (self, TRUE);
    }
}

/* Whether the log since END holds more than finished requests: a state
 * that the panels describe changed (a kill, the balancer's view of a
 * server, an alert...), and they must say so in the frame the board does. */
static gboolean
changed_state_since (SbSim   *sim,
                     guint64  end)
{
  for (guint64 seq = MAX (end, sb_sim_get_events_first (sim)); seq < sb_sim_get_events_end (sim); seq++)
    if (sb_sim_get_event (sim, seq)->kind != SB_SIM_EVENT_REQUEST)
      return TRUE;
  return FALSE;
}

void
sb_lesson_tick (SbLesson *self,
                gint64    real_us)
{
  guint64 end;

  g_return_if_fail (SB_IS_LESSON (self));

  real_us = CLAMP (real_us, 0, MAX_FRAME_US);
  if (self->waiting)
    return;
  self->target_us += real_us * self->speed;
  end = sb_sim_get_events_end (self->sim);
  play_to (self, (gint64) self->target_us);
  g_signal_emit (self, signals[ADVANCED], 0);
  self->since_refresh += real_us;
  if (self->since_refresh >= REFRESH_US || changed_state_since (self->sim, end))
    emit_refresh (self);
}

void
sb_lesson_advance_to (SbLesson *self,
                      gint64    time)
{
  g_return_if_fail (SB_IS_LESSON (self));

  if (self->waiting)
    return;
  play_to (self, time);
  self->target_us = sb_sim_get_time (self->sim);
  g_signal_emit (self, signals[ADVANCED], 0);
  emit_refresh (self);
}

void
sb_lesson_reset (SbLesson *self)
{
  g_autoptr(SbScenario) live = NULL;

  g_return_if_fail (SB_IS_LESSON (self));
  /* The settings the teacher chose stay: only time starts again. */
  live = sb_lesson_dup_scenario (self);
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->design, sb_scenario_free);
  self->design = g_steal_pointer (&live);
  start_run (self);
  emit_changed (self, SB_LESSON_CHANGED_RUN | SB_LESSON_CHANGED_STATE);
  emit_refresh (self);
}

void
sb_lesson_step_forward (SbLesson *self)
{
  gint64 next;

  g_return_if_fail (SB_IS_LESSON (self));
  sb_lesson_set_playing (self, FALSE);
  next = sb_sim_get_next_hop_time (self->sim);
  if (next < 0 || self->waiting)
    return;
  play_to (self, next);
  self->target_us = sb_sim_get_time (self->sim);
  g_signal_emit (self, signals[ADVANCED], 0);
  emit_refresh (self);
}

void
sb_lesson_step_back (SbLesson *self)
{
  g_autoptr(SbSim) probe = sb_sim_new (self->design);
  Replay replay = { NULL, NULL };
  gint64 prev, unused;

  g_return_if_fail (SB_IS_LESSON (self));
  sb_lesson_set_playing (self, FALSE);
  if (self->player != NULL)
    replay.player = sb_script_player_new (self->design->script);
  sb_timeline_replay (self->timeline, probe, sb_sim_get_time (self->sim), &prev,
                      replay_advance, &replay);
  g_clear_pointer (&replay.player, sb_script_player_free);
  /* What was done after that moment is forgotten: the lesson goes on
   * from there. */
  sb_timeline_forget_after (self->timeline, prev);
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->sim, sb_sim_free);
  self->sim = sb_sim_new (self->design);
  narrate (self, self->sim);
  replay = (Replay) { self->player, self->narrator };
  self->replaying = TRUE;
  sb_timeline_replay (self->timeline, self->sim, prev, &unused, replay_advance, &replay);
  self->replaying = FALSE;
  set_waiting (self, self->player && sb_script_player_get_waiting (self->player, NULL));
  notify (self, PROP_CAPTION);
  replace_sim (self, self->sim);
  emit_changed (self, SB_LESSON_CHANGED_RUN | SB_LESSON_CHANGED_STATE);
  emit_refresh (self);
}

gboolean
sb_lesson_apply (SbLesson  *self,
                 SbAction   action,
                 const char *id,
                 GError   **error)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!sb_timeline_apply (self->timeline, self->sim, action, id, error))
    return FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  emit_changed (self, SB_LESSON_CHANGED_STATE);
  emit_refresh (self);
  return TRUE;
}

void
sb_lesson_set_setting (SbLesson  *self,
                       SbSetting  setting,
                       double     value)
{
  Change *change;

  g_return_if_fail (SB_IS_LESSON (self));

  change = g_new0 (Change, 1);
  change->setting = setting;
  change->before = sb_setting_get (sb_sim_get_scenario (self->sim), setting);
  change->after = value;
  g_object_freeze_notify (G_OBJECT (self));
  push_change (self, change);
  sb_timeline_set_setting (self->timeline, self->sim, setting, value);
  emit_changed (self, SB_LESSON_CHANGED_STATE);
  emit_refresh (self);
}

const char *
sb_lesson_get_mode (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  return sb_mode_to_string (sb_sim_get_scenario (self->sim)->balancer.mode);
}

void
sb_lesson_set_mode (SbLesson   *self,
                    const char *mode)
{
  SbMode value;

  g_return_if_fail (SB_IS_LESSON (self));
  if (mode == NULL || !sb_mode_from_string (mode, &value))
    {
      g_warning ("unknown load balancer mode %s", mode ? mode : "(null)");
      return;
    }
  if (value != sb_sim_get_scenario (self->sim)->balancer.mode)
    sb_lesson_set_setting (self, SB_SETTING_MODE, value);
}

const char *
sb_lesson_get_algorithm (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  return sb_algorithm_to_string (sb_sim_get_scenario (self->sim)->balancer.algorithm);
}

void
sb_lesson_set_algorithm (SbLesson   *self,
                         const char *algorithm)
{
  SbAlgorithm value;

  g_return_if_fail (SB_IS_LESSON (self));
  if (algorithm == NULL || !sb_algorithm_from_string (algorithm, &value))
    {
      g_warning ("unknown load balancing algorithm %s", algorithm ? algorithm : "(null)");
      return;
    }
  if (value != sb_sim_get_scenario (self->sim)->balancer.algorithm)
    sb_lesson_set_setting (self, SB_SETTING_ALGORITHM, value);
}

void
sb_lesson_set_selected (SbLesson   *self,
                        const char *id)
{
  g_return_if_fail (SB_IS_LESSON (self));
  set_selected_silently (self, id);
}

const char *
sb_lesson_get_selected (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  return self->selected;
}

void
sb_lesson_select_next (SbLesson *self,
                       int       dir)
{
  int n, current;

  g_return_if_fail (SB_IS_LESSON (self));
  n = (int) sb_sim_get_n_elements (self->sim);
  if (n == 0)
    return;
  current = self->selected ? sb_sim_find_element (self->sim, self->selected) : -1;
  if (current < 0)
    current = dir > 0 ? -1 : 0;
  sb_lesson_set_selected (self, sb_sim_get_element_id (self->sim, (guint) ((current + dir + n) % n)));
}

void
sb_lesson_set_spof_mode (SbLesson   *self,
                         const char *mode)
{
  g_return_if_fail (SB_IS_LESSON (self));

  if (g_strcmp0 (mode, "reads") != 0 && g_strcmp0 (mode, "writes") != 0)
    mode = "none";
  if (g_str_equal (self->spof_mode, mode))
    return;
  g_object_freeze_notify (G_OBJECT (self));
  g_free (self->spof_mode);
  self->spof_mode = g_strdup (mode);
  notify (self, PROP_SPOF_MODE);
  emit_changed (self, SB_LESSON_CHANGED_STATE);
}

const char *
sb_lesson_get_spof_mode (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  return self->spof_mode;
}

GPtrArray *
sb_lesson_get_spofs (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  return self->spofs;
}

void
sb_lesson_set_show_issues (SbLesson *self,
                           gboolean  show)
{
  g_return_if_fail (SB_IS_LESSON (self));
  show = !!show;
  if (self->show_issues == show)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->show_issues = show;
  notify (self, PROP_SHOW_ISSUES);
  emit_changed (self, SB_LESSON_CHANGED_STATE);
}

gboolean
sb_lesson_get_show_issues (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  return self->show_issues;
}

void
sb_lesson_set_highlight (SbLesson           *self,
                         const char * const *path)
{
  g_return_if_fail (SB_IS_LESSON (self));
  g_object_freeze_notify (G_OBJECT (self));
  set_highlight_silently (self, path);
  emit_changed (self, SB_LESSON_CHANGED_STATE);
}

const char * const *
sb_lesson_get_highlight (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  return (const char * const *) self->highlight;
}

/* Puts component ID of the design at X, Y; the first move of a drag
 * remembers the design for undo. */
static void
move_silently (SbLesson   *self,
               const char *id,
               double      x,
               double      y)
{
  SbComponent *comp = (SbComponent *) sb_scenario_find_component (self->design, id);

  g_return_if_fail (comp != NULL);
  if (!self->moving)
    {
      /* A drag is one change for undo, whatever its many moves. */
      push_design (self);
      self->moving = TRUE;
    }
  comp->has_position = TRUE;
  /* Within what a file may hold, however far the pointer went. */
  comp->x = CLAMP (x, -SB_SCENARIO_MAX_COORD, SB_SCENARIO_MAX_COORD);
  comp->y = CLAMP (y, -SB_SCENARIO_MAX_COORD, SB_SCENARIO_MAX_COORD);
}

void
sb_lesson_move_component (SbLesson   *self,
                          const char *id,
                          double      x,
                          double      y)
{
  g_return_if_fail (SB_IS_LESSON (self));
  move_silently (self, id, x, y);
  g_signal_emit (self, signals[CHANGED], 0, SB_LESSON_CHANGED_LAYOUT);
}

void
sb_lesson_move_components (SbLesson           *self,
                           const char * const *ids,
                           const double       *xs,
                           const double       *ys,
                           guint               n)
{
  g_return_if_fail (SB_IS_LESSON (self));
  g_return_if_fail (n == 0 || (ids != NULL && xs != NULL && ys != NULL));
  for (guint i = 0; i < n; i++)
    move_silently (self, ids[i], xs[i], ys[i]);
  if (n > 0)
    g_signal_emit (self, signals[CHANGED], 0, SB_LESSON_CHANGED_LAYOUT);
}

gboolean
sb_lesson_get_moving (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  return self->moving;
}

void
sb_lesson_cancel_move (SbLesson *self)
{
  g_return_if_fail (SB_IS_LESSON (self));
  if (!self->moving)
    return;
  self->moving = FALSE;
  /* The drag's change is undone and forgotten: nothing to redo. */
  sb_lesson_undo (self);
  g_ptr_array_set_size (self->redo, 0);
  notify (self, PROP_CAN_REDO);
}

void
sb_lesson_end_move (SbLesson *self)
{
  g_return_if_fail (SB_IS_LESSON (self));
  if (!self->moving)
    return;
  self->moving = FALSE;
  sb_lesson_set_modified (self, TRUE);
  g_signal_emit (self, signals[EDITED], 0);
}

gboolean
sb_lesson_get_has_script (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  return self->design->script != NULL;
}

void
sb_lesson_set_script_playing (SbLesson *self,
                              gboolean  playing)
{
  g_return_if_fail (SB_IS_LESSON (self));

  playing = playing && self->design->script != NULL;
  if (self->script_on == playing)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->script_on = playing;
  notify (self, PROP_SCRIPT_PLAYING);
  /* A script plays from its beginning; without it the run goes on. */
  if (playing)
    start_run (self);
  else
    {
      g_clear_pointer (&self->player, sb_script_player_free);
      set_waiting (self, FALSE);
    }
  emit_changed (self, SB_LESSON_CHANGED_RUN | SB_LESSON_CHANGED_STATE);
  emit_refresh (self);
}

gboolean
sb_lesson_get_script_playing (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);
  return self->script_on;
}

const SbMoment *
sb_lesson_get_question (SbLesson *self,
                        guint    *number)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  if (number != NULL)
    *number = 0;
  if (!self->waiting)
    return NULL;
  return sb_script_player_get_waiting (self->player, number);
}

int
sb_lesson_get_vote (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), 0);
  return self->waiting ? sb_script_player_get_vote (self->player) : 0;
}

gboolean
sb_lesson_vote (SbLesson  *self,
                int        choice,
                GError   **error)
{
  g_return_val_if_fail (SB_IS_LESSON (self), FALSE);

  if (!self->waiting)
    {
      g_set_error_literal (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED,
                           _("no question is waiting for a vote"));
      return FALSE;
    }
  if (!sb_script_player_vote (self->player, choice, error))
    return FALSE;
  notify (self, PROP_VOTE);
  return TRUE;
}

void
sb_lesson_reveal (SbLesson *self)
{
  g_return_if_fail (SB_IS_LESSON (self));

  if (!self->waiting)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  sb_script_player_reveal (self->player, self->sim, self->narrator);
  set_waiting (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

SbNarrator *
sb_lesson_get_narrator (SbLesson *self)
{
  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  return self->narrator;
}

const char *
sb_lesson_get_caption (SbLesson *self)
{
  const SbCaption *caption;

  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  caption = sb_narrator_get_latest (self->narrator);
  return caption ? caption->text : "";
}

void
sb_lesson_play_pause (SbLesson *self)
{
  g_return_if_fail (SB_IS_LESSON (self));

  if (self->waiting)
    sb_lesson_reveal (self);
  else
    sb_lesson_set_playing (self, !self->playing);
}

static SbDbRole live_role (SbSim *sim, const char *id);

SbDbRole
sb_lesson_get_role (SbLesson   *self,
                    const char *id)
{
  g_return_val_if_fail (SB_IS_LESSON (self), SB_DB_ROLE_NONE);
  return live_role (self->sim, id);
}

/* The database's role in the run: a promotion changes it. */
static SbDbRole
live_role (SbSim      *sim,
           const char *id)
{
  guint n = sb_sim_get_n_databases (sim);

  for (guint i = 0; i < n; i++)
    {
      SbSimDatabaseView view;

      if (sb_sim_get_database (sim, i, &view) && g_str_equal (view.id, id))
        return view.role;
    }
  return SB_DB_ROLE_NONE;
}

/* Whether component ID is still what it was in the opened design: same
 * kind, role, machine and name; a database in the role it had; a load
 * balancer with the algorithm, mode and servers it had. */
static gboolean
component_as_opened (SbLesson   *self,
                     const char *id)
{
  const SbScenario *live = sb_sim_get_scenario (self->sim);
  const SbComponent *was = sb_scenario_find_component (self->opened, id);
  const SbComponent *is = sb_scenario_find_component (live, id);

  if (was == NULL || is == NULL || was->kind != is->kind || was->role != is->role
      || g_strcmp0 (was->host, is->host) != 0 || g_strcmp0 (was->label, is->label) != 0)
    return FALSE;
  if (is->kind == SB_KIND_DATABASE && live_role (self->sim, id) != is->role)
    return FALSE;
  if (is->kind == SB_KIND_LOAD_BALANCER)
    return was->kind == is->kind && self->opened->balancer.algorithm == live->balancer.algorithm
           && self->opened->balancer.mode == live->balancer.mode
           && self->opened->balancer.backends->len == live->balancer.backends->len;
  return TRUE;
}

/* A machine is what it was while it runs the same components. */
static gboolean
host_as_opened (SbLesson   *self,
                const char *id)
{
  const SbScenario *live = sb_sim_get_scenario (self->sim);
  const SbHost *was = sb_scenario_find_host (self->opened, id);
  const SbHost *is = sb_scenario_find_host (live, id);
  guint n_was = 0, n_is = 0;

  if (was == NULL || is == NULL || g_strcmp0 (was->label, is->label) != 0)
    return FALSE;
  for (guint i = 0; i < live->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (live->components, i);
      const SbComponent *before = sb_scenario_find_component (self->opened, c->id);

      if (g_strcmp0 (c->host, id) != 0)
        continue;
      n_is++;
      if (before == NULL || g_strcmp0 (before->host, id) != 0)
        return FALSE;
    }
  for (guint i = 0; i < self->opened->components->len; i++)
    n_was += g_strcmp0 (((SbComponent *) g_ptr_array_index (self->opened->components, i))->host, id) == 0;
  return n_was == n_is;
}

char *
sb_lesson_dup_note (SbLesson   *self,
                    const char *id)
{
  const SbScenario *live;
  const SbComponent *comp;
  const SbHost *host;
  const char *text;

  g_return_val_if_fail (SB_IS_LESSON (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  live = sb_sim_get_scenario (self->sim);
  comp = sb_scenario_find_component (live, id);
  host = comp ? NULL : sb_scenario_find_host (live, id);
  text = comp ? comp->explanation : host ? host->explanation : NULL;
  if (text == NULL || *text == '\0')
    return NULL;
  if (comp ? !component_as_opened (self, id) : !host_as_opened (self, id))
    return NULL;
  return g_strdup (g_dgettext (GETTEXT_PACKAGE, text));
}
