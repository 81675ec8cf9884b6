/* sb-cli.h — the headless command line (docs/command-line.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs before GTK is initialised: nothing here may touch a display.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"
#include "sim/sb-narrator.h"
#include "sim/sb-sim.h"

G_BEGIN_DECLS

typedef enum {
  SB_CLI_ACTION_KILL,
  SB_CLI_ACTION_REVIVE,
  SB_CLI_ACTION_PROMOTE,
} SbCliActionKind;

/* One scheduled --kill / --revive / --promote, already checked against the
 * scenario: the id names an existing host or component. */
typedef struct {
  SbCliActionKind kind;
  char           *id;
  double          time;   /* seconds, >= 0 */
} SbCliAction;

typedef struct {
  SbScenario *scenario;   /* loaded and with every override applied */
  GPtrArray  *actions;    /* SbCliAction*, sorted by time (stable) */
  gboolean    lesson;     /* --lesson: play the scenario's script too */
  double      time;       /* --time for --export, default 0 */
  int         width;      /* --width, 0 = renderer's default */
  int         height;     /* --height, 0 = renderer's default */
  gboolean    progress;   /* --simulate shows how far it got on stderr (a terminal) */
} SbCliOptions;

/* Parses ARGV.  Returns TRUE when a headless option was given: the command
 * ran and *exit_status is set (0 ok, 1 bad input or failed write; the
 * message went to stderr).  Returns FALSE when the window should open. */
gboolean  sb_cli_run             (int          argc,
                                  char       **argv,
                                  int         *exit_status);

/* Parses "ID" or "ID@T" (needs_time: "ID@T" only) into an action. */
gboolean  sb_cli_parse_action    (SbCliActionKind   kind,
                                  const char       *spec,
                                  gboolean          needs_time,
                                  const SbScenario *scenario,
                                  SbCliAction     **out,
                                  GError          **error);
void      sb_cli_action_free     (SbCliAction *action);

/* Runs SIM to END_US, playing the scheduled actions in time order, each
 * after the events due at its time; the ones after the end never happen.
 * With options->lesson the script's moments are played too (before an
 * action due at the same time), each question revealed at once: nobody
 * votes on a command line.  NARRATOR, when not NULL, is told the script's
 * questions, reveals and settings (attach it to SIM first). */
gboolean  sb_cli_play            (SbSim              *sim,
                                  const SbCliOptions *options,
                                  SbNarrator         *narrator,
                                  gint64              end_us,
                                  GError            **error);

/* The commands; each prints its result on stdout and returns the exit
 * status, with a one-line message on stderr on failure. */
int       sb_cli_simulate        (const SbCliOptions *options,
                                  double              seconds);
/* --narrate: one JSON object per caption and line instead of the summary;
 * SECONDS < 0 runs to the script's end. */
int       sb_cli_narrate         (const SbCliOptions *options,
                                  double              seconds);
int       sb_cli_spof            (const SbCliOptions *options);
/* --questions: SCENARIOS' questions (with ANSWERS, the answer key) as a PDF. */
int       sb_cli_questions       (GPtrArray          *scenarios,
                                  gboolean            answers,
                                  const char         *out_path);
int       sb_cli_review          (const SbCliOptions *options,
                                  gboolean            json);
/* CLEAN: the title, a legend and the killed elements, no live state. */
int       sb_cli_export          (const SbCliOptions *options,
                                  const char         *out_path,
                                  gboolean            clean);
int       sb_cli_handout         (const SbCliOptions *options,
                                  const char         *out_path);
int       sb_cli_handout_lesson  (const char         *out_path);
int       sb_cli_export_config   (const SbCliOptions *options,
                                  const char         *dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCliAction, sb_cli_action_free)

G_END_DECLS
