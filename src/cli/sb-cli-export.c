/* sb-cli-export.c — `stackboard --export OUT` and `--questions OUT`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * --export draws the state at --time after playing the --kill/--revive/
 * --promote actions (and with --lesson the script's), exactly as the window
 * would show it at that moment; with --clean, the diagram to hand in (what
 * was killed stays killed).  --questions prints lesson scripts' questions,
 * or their answer key, as a PDF handout.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "render/sb-export.h"
#include "render/sb-questions.h"
#include "sb-cli.h"

int
sb_cli_export (const SbCliOptions *options,
               const char         *out_path,
               gboolean            clean)
{
  SbRenderOptions render;
  g_autoptr(SbSim) sim = sb_sim_new (options->scenario);
  g_autoptr(SbLayout) layout = sb_layout_new (options->scenario);
  g_autoptr(GError) error = NULL;
  int width = options->width ? options->width : SB_EXPORT_DEFAULT_WIDTH;
  int height = options->height ? options->height : SB_EXPORT_DEFAULT_HEIGHT;

  SbExportFormat format;

  /* Someone asking for answers.txt wants the review. */
  if (!sb_export_format_for_path (out_path, &format, &error))
    {
      g_printerr ("stackboard: %s; %s\n", error->message,
                  _("the written answers are --review, or --handout for a PDF"));
      return 1;
    }
  sb_render_options_init (&render);
  render.clean = clean;
  if (!sb_cli_play (sim, options, NULL, sb_sim_seconds_to_us (options->time), &error)
      || !sb_export_to_file (out_path, layout, sb_sim_get_scenario (sim), sim, &render,
                             width, height, 1, &error))
    {
      g_printerr ("stackboard: %s\n", error->message);
      return 1;
    }
  return 0;
}

int
sb_cli_questions (GPtrArray  *scenarios,
                  gboolean    answers,
                  const char *out_path)
{
  g_autoptr(GError) error = NULL;

  if (!sb_questions_write_pdf (out_path, scenarios, answers, &error))
    {
      g_printerr ("stackboard: %s\n", error->message);
      return 1;
    }
  return 0;
}
