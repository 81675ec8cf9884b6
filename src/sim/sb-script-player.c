/* sb-script-player.c — a lesson script's moments, played in time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-script-player.h"

struct _SbScriptPlayer {
  SbScript *script;
  guint     next;       /* the moment to play next (or waiting) */
  gboolean  waiting;    /* at moments[next]'s question */
  int       vote;
};

SbScriptPlayer *
sb_script_player_new (const SbScript *script)
{
  SbScriptPlayer *self;

  g_return_val_if_fail (script != NULL, NULL);
  self = g_new0 (SbScriptPlayer, 1);
  self->script = sb_script_copy (script);
  return self;
}

void
sb_script_player_free (SbScriptPlayer *self)
{
  if (self == NULL)
    return;
  sb_script_free (self->script);
  g_free (self);
}

static const SbMoment *
moment_at (SbScriptPlayer *self,
           guint           index)
{
  return self->script->moments->pdata[index];
}

static gboolean
do_action (SbSim          *sim,
           SbNarrator     *narrator,
           const SbMoment *moment,
           GError        **error)
{
  switch (moment->action)
    {
    case SB_SCRIPT_ACTION_KILL:
      return sb_sim_kill (sim, moment->target, error);
    case SB_SCRIPT_ACTION_REVIVE:
      return sb_sim_revive (sim, moment->target, error);
    case SB_SCRIPT_ACTION_PROMOTE:
      return sb_sim_promote (sim, moment->target, error);
    case SB_SCRIPT_ACTION_OPEN_FIREWALL:
    case SB_SCRIPT_ACTION_CLOSE_FIREWALL:
      return sb_sim_set_firewall_open (sim, moment->target,
                                       moment->action == SB_SCRIPT_ACTION_OPEN_FIREWALL, error);
    case SB_SCRIPT_ACTION_MODE:
      sb_sim_set_mode (sim, (SbMode) moment->value);
      break;
    case SB_SCRIPT_ACTION_ALGORITHM:
      sb_sim_set_algorithm (sim, (SbAlgorithm) moment->value);
      break;
    case SB_SCRIPT_ACTION_NONE:
    default:
      return TRUE;
    }
  if (narrator != NULL)
    sb_narrator_setting (narrator, sim, moment->action, moment->value);
  return TRUE;
}

/* Plays moments[next]: its action, then its question (waiting) or its
 * reveal.  On failure the moment is skipped. */
static gboolean
play_moment (SbScriptPlayer  *self,
             SbSim           *sim,
             SbNarrator      *narrator,
             GError         **error)
{
  const SbMoment *moment = moment_at (self, self->next);
  g_autoptr(GError) local = NULL;

  if (!do_action (sim, narrator, moment, &local))
    {
      g_autofree char *path = g_strdup_printf ("script.moments[%u]", self->next);

      self->next++;
      /* Translators: a JSON path such as script.moments[2], then what went
       * wrong, such as "“db-2” is down and cannot be promoted" */
      g_set_error (error, local->domain, local->code, _("%s: %s"), path, local->message);
      return FALSE;
    }
  if (moment->question != NULL)
    {
      self->waiting = TRUE;
      self->vote = 0;
      if (narrator != NULL)
        sb_narrator_question (narrator, sim, sb_script_question_number (self->script, self->next),
                              moment);
      return TRUE;
    }
  if (narrator != NULL && moment->reveal != NULL && *moment->reveal != '\0')
    sb_narrator_reveal (narrator, sim, 0, moment, 0);
  self->next++;
  return TRUE;
}

gboolean
sb_script_player_advance_to (SbScriptPlayer  *self,
                             SbSim           *sim,
                             SbNarrator      *narrator,
                             gint64           target,
                             GError         **error)
{
  g_return_val_if_fail (self != NULL && sim != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (!self->waiting && self->next < self->script->moments->len)
    {
      gint64 at = sb_sim_seconds_to_us (moment_at (self, self->next)->time);

      if (at > target)
        break;
      sb_sim_advance_to (sim, at);
      if (!play_moment (self, sim, narrator, error))
        return FALSE;
    }
  if (!self->waiting)
    sb_sim_advance_to (sim, target);
  return TRUE;
}

const SbMoment *
sb_script_player_get_waiting (SbScriptPlayer *self,
                              guint          *number)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (number != NULL)
    *number = self->waiting ? sb_script_question_number (self->script, self->next) : 0;
  return self->waiting ? moment_at (self, self->next) : NULL;
}

gboolean
sb_script_player_vote (SbScriptPlayer  *self,
                       int              choice,
                       GError         **error)
{
  const SbMoment *moment;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->waiting)
    {
      g_set_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED, _("no question is waiting for a vote"));
      return FALSE;
    }
  moment = moment_at (self, self->next);
  if (choice < 1 || (guint) choice > moment->choices->len)
    {
      g_set_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED,
                   /* Translators: the choice given, then the number of choices */
                   _("%d is not a choice of this question (1 to %u)"), choice,
                   moment->choices->len);
      return FALSE;
    }
  self->vote = choice;
  return TRUE;
}

int
sb_script_player_get_vote (SbScriptPlayer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->waiting ? self->vote : 0;
}

void
sb_script_player_reveal (SbScriptPlayer *self,
                         SbSim          *sim,
                         SbNarrator     *narrator)
{
  g_return_if_fail (self != NULL && sim != NULL);

  if (!self->waiting)
    return;
  if (narrator != NULL)
    sb_narrator_reveal (narrator, sim, sb_script_question_number (self->script, self->next),
                        moment_at (self, self->next), self->vote);
  self->waiting = FALSE;
  self->vote = 0;
  self->next++;
}

guint
sb_script_player_get_next (SbScriptPlayer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->next;
}

const SbScript *
sb_script_player_get_script (SbScriptPlayer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->script;
}

gint64
sb_script_player_get_end (SbScriptPlayer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return sb_sim_seconds_to_us (self->script->end);
}

gboolean
sb_script_player_is_done (SbScriptPlayer *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return !self->waiting && self->next >= self->script->moments->len;
}
