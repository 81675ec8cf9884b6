/* sb-cli-review.c — `--review` and `--handout`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review is the design's: the settings options change the scenario it
 * is computed from (an --algorithm source is reviewed as such), while
 * --kill and --time only change what a handout's diagram shows.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "render/sb-handout.h"
#include "review/sb-review.h"
#include "sb-cli.h"

int
sb_cli_review (const SbCliOptions *options,
               gboolean            json)
{
  g_autoptr(SbReview) review = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (options != NULL && options->scenario != NULL, 1);
  review = sb_review_new (options->scenario);
  text = json ? sb_review_to_json (review) : sb_review_to_markdown (review);
  g_print ("%s", text);
  return 0;
}

static int
write_handout (SbHandout *handout)
{
  g_autoptr(GError) error = NULL;

  if (!sb_handout_finish (handout, &error))
    {
      g_printerr ("stackboard: %s\n", error->message);
      return 1;
    }
  return 0;
}

int
sb_cli_handout (const SbCliOptions *options,
                const char         *out_path)
{
  g_autoptr(SbSim) sim = sb_sim_new (options->scenario);
  g_autoptr(SbHandout) handout = NULL;
  g_autoptr(GError) error = NULL;

  if (!sb_cli_play (sim, options, NULL, sb_sim_seconds_to_us (options->time), &error)
      || (handout = sb_handout_new (out_path, &error)) == NULL)
    {
      g_printerr ("stackboard: %s\n", error->message);
      return 1;
    }
  sb_handout_set_title (handout, g_dgettext (GETTEXT_PACKAGE, sb_sim_get_scenario (sim)->title));
  sb_handout_add_design (handout, sb_sim_get_scenario (sim), sim, NULL);
  return write_handout (handout);
}

int
sb_cli_handout_lesson (const char *out_path)
{
  g_autoptr(SbHandout) handout = NULL;
  g_autoptr(GError) error = NULL;

  if ((handout = sb_handout_new (out_path, &error)) == NULL
      || !sb_handout_add_lesson (handout, &error))
    {
      g_printerr ("stackboard: %s\n", error->message);
      return 1;
    }
  sb_handout_set_title (handout, _("Stackboard: the lesson, step by step"));
  return write_handout (handout);
}
