/* sb-script.c — a lesson script's moments: lifecycle, copies, comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A script belongs to its scenario (SbScenario.script); loading, checking
 * and saving it live with the rest of the format in sb-scenario-load.c,
 * sb-scenario-validate.c and sb-scenario-save.c.
 */
#include "config.h"

#include "sb-scenario-private.h"

SbMoment *
sb_moment_new (double time)
{
  SbMoment *self = g_new0 (SbMoment, 1);

  self->time = time;
  self->choices = g_ptr_array_new_with_free_func (g_free);
  return self;
}

static gpointer
copy_string (gconstpointer string,
             gpointer      user_data)
{
  return g_strdup (string);
}

SbMoment *
sb_moment_copy (const SbMoment *self)
{
  SbMoment *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->target = g_strdup (self->target);
  copy->question = g_strdup (self->question);
  copy->reveal = g_strdup (self->reveal);
  copy->choices = g_ptr_array_copy (self->choices, copy_string, NULL);
  g_ptr_array_set_free_func (copy->choices, g_free);
  return copy;
}

void
sb_moment_free (SbMoment *self)
{
  if (self == NULL)
    return;

  g_free (self->target);
  g_free (self->question);
  g_free (self->reveal);
  g_ptr_array_unref (self->choices);
  g_free (self);
}

static gboolean
moment_equal (const SbMoment *a,
              const SbMoment *b)
{
  if (a->choices->len != b->choices->len)
    return FALSE;
  for (guint i = 0; i < a->choices->len; i++)
    if (g_strcmp0 (a->choices->pdata[i], b->choices->pdata[i]) != 0)
      return FALSE;

  return a->time == b->time
         && a->action == b->action
         && g_strcmp0 (a->target, b->target) == 0
         && a->value == b->value
         && g_strcmp0 (a->question, b->question) == 0
         && a->answer == b->answer
         && g_strcmp0 (a->reveal, b->reveal) == 0;
}

SbScript *
sb_script_new (void)
{
  SbScript *self = g_new0 (SbScript, 1);

  self->moments = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_moment_free);
  return self;
}

static gpointer
copy_moment (gconstpointer moment,
             gpointer      user_data)
{
  return sb_moment_copy (moment);
}

SbScript *
sb_script_copy (const SbScript *self)
{
  SbScript *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (SbScript, 1);
  copy->end = self->end;
  copy->moments = g_ptr_array_copy (self->moments, copy_moment, NULL);
  g_ptr_array_set_free_func (copy->moments, (GDestroyNotify) sb_moment_free);
  return copy;
}

void
sb_script_free (SbScript *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->moments);
  g_free (self);
}

gboolean
sb_script_equal (const SbScript *a,
                 const SbScript *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->end != b->end || a->moments->len != b->moments->len)
    return FALSE;
  for (guint i = 0; i < a->moments->len; i++)
    if (!moment_equal (a->moments->pdata[i], b->moments->pdata[i]))
      return FALSE;

  return TRUE;
}

guint
sb_script_question_number (const SbScript *self,
                           guint           index)
{
  guint n = 1;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < index && i < self->moments->len; i++)
    n += ((const SbMoment *) self->moments->pdata[i])->question != NULL;
  return n;
}

guint
sb_script_count_questions (const SbScript *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return sb_script_question_number (self, self->moments->len) - 1;
}

gboolean
sb_script_action_has_target (SbScriptAction action)
{
  return action >= SB_SCRIPT_ACTION_KILL && action <= SB_SCRIPT_ACTION_CLOSE_FIREWALL;
}
