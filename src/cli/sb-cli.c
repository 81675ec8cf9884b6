/* sb-cli.c — parses the headless command line and dispatches it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number and id is checked here, before anything runs, so a typo
 * gives one line naming the option and the value instead of a surprising
 * simulation.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "render/sb-export.h"
#include "render/sb-render.h"
#include "sim/sb-script-player.h"
#include "sb-cli.h"
#include "sb-sandbox.h"

typedef struct {
  gboolean   help;
  gboolean   version;
  gboolean   list_scenarios;
  char      *check;
  char      *simulate;
  gboolean   narrate;
  gboolean   lesson;
  char      *questions;
  gboolean   answers;
  gboolean   spof;
  gboolean   review;
  char      *format;
  char      *handout;
  gboolean   clean;
  char      *export_path;
  char      *export_config;
  char      *scenario;
  char      *seed;
  char      *rate;
  char      *read_ratio;
  char      *lag;
  char      *hop;
  char      *algorithm;
  char      *mode;
  gboolean   redispatch;
  char     **kill;
  char     **revive;
  char     **promote;
  char      *time;
  char      *width;
  char      *height;
} SbCliArgs;

static void
sb_cli_args_clear (SbCliArgs *args)
{
  g_free (args->check);
  g_free (args->simulate);
  g_free (args->questions);
  g_free (args->format);
  g_free (args->handout);
  g_free (args->export_path);
  g_free (args->export_config);
  g_free (args->scenario);
  g_free (args->seed);
  g_free (args->rate);
  g_free (args->read_ratio);
  g_free (args->lag);
  g_free (args->hop);
  g_free (args->algorithm);
  g_free (args->mode);
  g_strfreev (args->kill);
  g_strfreev (args->revive);
  g_strfreev (args->promote);
  g_free (args->time);
  g_free (args->width);
  g_free (args->height);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SbCliArgs, sb_cli_args_clear)

void
sb_cli_action_free (SbCliAction *action)
{
  if (action == NULL)
    return;
  g_free (action->id);
  g_free (action);
}

static void
sb_cli_options_clear (SbCliOptions *options)
{
  g_clear_pointer (&options->scenario, sb_scenario_free);
  g_clear_pointer (&options->actions, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SbCliOptions, sb_cli_options_clear)

/* The groups of --help, in its order. */
typedef enum {
  SB_CLI_COMMAND,    /* exactly one runs; without one, the window opens */
  SB_CLI_SCENARIO,   /* which scenario, and settings that override its own */
  SB_CLI_EVENTS,     /* failures and repairs at a moment of the run */
  SB_CLI_OUTPUT,     /* how a command draws or prints its result */
  SB_CLI_GENERAL,    /* --help, --version */
  SB_CLI_N_GROUPS
} SbCliGroup;

/* What the value names, for the Flatpak sandbox's checks (sb-sandbox.h). */
typedef enum {
  SB_CLI_VALUE,      /* not a path */
  SB_CLI_READS,      /* a file read, or a bundled scenario's name */
  SB_CLI_WRITES,     /* a file or folder written */
} SbCliPath;

typedef struct {
  SbCliGroup   group;
  SbCliPath    path;
  GOptionEntry entry;
} SbCliOption;

/* Every option, one line each, in the order --help lists them.  A new
 * option is a line here, a field in SbCliArgs and its handling; a new
 * command's line in SB_CLI_COMMAND is all it takes for the binary to run
 * headless on it.  docs/stackboard.1.in documents each one (a test checks). */
static GArray *
cli_options (SbCliArgs *a)
{
  const SbCliOption options[] = {
    { SB_CLI_COMMAND, SB_CLI_VALUE, { "list-scenarios", 0, 0, G_OPTION_ARG_NONE, &a->list_scenarios, N_("List the bundled scenarios"), NULL } },
    { SB_CLI_COMMAND, SB_CLI_READS, { "check", 0, 0, G_OPTION_ARG_FILENAME, &a->check, N_("Validate a scenario file"), N_("FILE") } },
    { SB_CLI_COMMAND, SB_CLI_VALUE, { "simulate", 0, 0, G_OPTION_ARG_STRING, &a->simulate, N_("Run the simulation and print its counters as JSON"), N_("SECONDS") } },
    { SB_CLI_COMMAND, SB_CLI_VALUE, { "spof", 0, 0, G_OPTION_ARG_NONE, &a->spof, N_("Print the single points of failure as JSON"), NULL } },
    { SB_CLI_COMMAND, SB_CLI_VALUE, { "review", 0, 0, G_OPTION_ARG_NONE, &a->review, N_("Print the review of the design: each element, the load balancer, the databases, the single points of failure and the issues"), NULL } },
    { SB_CLI_COMMAND, SB_CLI_WRITES, { "export", 0, 0, G_OPTION_ARG_FILENAME, &a->export_path, N_("Draw the diagram to a .png, .svg or .pdf file"), N_("OUT") } },
    { SB_CLI_COMMAND, SB_CLI_WRITES, { "handout", 0, 0, G_OPTION_ARG_FILENAME, &a->handout, N_("Write a PDF handout: the clean diagram, then the review"), N_("FILE.pdf") } },
    { SB_CLI_COMMAND, SB_CLI_WRITES, { "questions", 0, 0, G_OPTION_ARG_FILENAME, &a->questions, N_("Write the questions of the lesson scripts to a PDF handout"), N_("OUT") } },
    { SB_CLI_COMMAND, SB_CLI_WRITES, { "export-config", 0, 0, G_OPTION_ARG_FILENAME, &a->export_config, N_("Write the real configuration files (HAProxy, Nginx, MySQL, DNS) into a folder"), N_("DIR") } },

    { SB_CLI_SCENARIO, SB_CLI_READS, { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &a->scenario, N_("Bundled scenario name or file (default: distributed)"), N_("NAME|FILE") } },
    { SB_CLI_SCENARIO, SB_CLI_VALUE, { "lesson", 0, 0, G_OPTION_ARG_NONE, &a->lesson, N_("Play the scenario's lesson script (its actions, questions and answers); with --questions or --handout, the four steps of the lesson"), NULL } },
    { SB_CLI_SCENARIO, SB_CLI_VALUE, { "seed", 0, 0, G_OPTION_ARG_STRING, &a->seed, N_("Seed of the random numbers"), N_("N") } },
    { SB_CLI_SCENARIO, SB_CLI_VALUE, { "rate", 0, 0, G_OPTION_ARG_STRING, &a->rate, N_("Requests per second"), N_("R") } },
    { SB_CLI_SCENARIO, SB_CLI_VALUE, { "read-ratio", 0, 0, G_OPTION_ARG_STRING, &a->read_ratio, N_("Share of reads among requests, 0 to 1"), N_("X") } },
    { SB_CLI_SCENARIO, SB_CLI_VALUE, { "lag", 0, 0, G_OPTION_ARG_STRING, &a->lag, N_("Replication lag in seconds"), N_("SECONDS") } },
    { SB_CLI_SCENARIO, SB_CLI_VALUE, { "hop", 0, 0, G_OPTION_ARG_STRING, &a->hop, N_("Time of one hop in seconds"), N_("SECONDS") } },
    { SB_CLI_SCENARIO, SB_CLI_VALUE, { "algorithm", 0, 0, G_OPTION_ARG_STRING, &a->algorithm, N_("Load-balancing algorithm"), "roundrobin|leastconn|source" } },
    { SB_CLI_SCENARIO, SB_CLI_VALUE, { "mode", 0, 0, G_OPTION_ARG_STRING, &a->mode, N_("Load-balancer mode"), "active-active|active-passive" } },
    { SB_CLI_SCENARIO, SB_CLI_VALUE, { "redispatch", 0, 0, G_OPTION_ARG_NONE, &a->redispatch, N_("Retry a failed request once on another server"), NULL } },

    { SB_CLI_EVENTS, SB_CLI_VALUE, { "kill", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->kill, N_("Kill an element at time T (default 0)"), N_("ID[@T]") } },
    { SB_CLI_EVENTS, SB_CLI_VALUE, { "revive", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->revive, N_("Revive an element at time T"), N_("ID@T") } },
    { SB_CLI_EVENTS, SB_CLI_VALUE, { "promote", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->promote, N_("Promote a replica to primary at time T"), N_("ID@T") } },

    { SB_CLI_OUTPUT, SB_CLI_VALUE, { "narrate", 0, 0, G_OPTION_ARG_NONE, &a->narrate, N_("Print what happens as captions, one JSON object per line, instead of the counters"), NULL } },
    { SB_CLI_OUTPUT, SB_CLI_VALUE, { "format", 0, 0, G_OPTION_ARG_STRING, &a->format, N_("Format of --review (default: markdown)"), "markdown|json" } },
    { SB_CLI_OUTPUT, SB_CLI_VALUE, { "clean", 0, 0, G_OPTION_ARG_NONE, &a->clean, N_("With --export: a clean diagram, with its title and a legend, and no request in flight"), NULL } },
    { SB_CLI_OUTPUT, SB_CLI_VALUE, { "answers", 0, 0, G_OPTION_ARG_NONE, &a->answers, N_("With --questions: write the answer key instead"), NULL } },
    { SB_CLI_OUTPUT, SB_CLI_VALUE, { "time", 0, 0, G_OPTION_ARG_STRING, &a->time, N_("Moment drawn by --export, in seconds"), N_("T") } },
    { SB_CLI_OUTPUT, SB_CLI_VALUE, { "width", 0, 0, G_OPTION_ARG_STRING, &a->width, N_("Width of the export"), N_("W") } },
    { SB_CLI_OUTPUT, SB_CLI_VALUE, { "height", 0, 0, G_OPTION_ARG_STRING, &a->height, N_("Height of the export"), N_("H") } },

    { SB_CLI_GENERAL, SB_CLI_VALUE, { "help", 'h', 0, G_OPTION_ARG_NONE, &a->help, N_("Show this help"), NULL } },
    { SB_CLI_GENERAL, SB_CLI_VALUE, { "version", 0, 0, G_OPTION_ARG_NONE, &a->version, N_("Print the version"), NULL } },
  };
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (SbCliOption), G_N_ELEMENTS (options));

  return g_array_append_vals (array, options, G_N_ELEMENTS (options));
}

#define option_at(options, i) (&g_array_index ((options), SbCliOption, (i)))

/* ARG is OPTION, as --name, --name=VALUE or -x. */
static gboolean
names_option (const char         *arg,
              const GOptionEntry *option)
{
  gsize n = strlen (option->long_name);

  if (option->short_name && arg[0] == '-' && arg[1] == option->short_name && arg[2] == '\0')
    return TRUE;
  return g_str_has_prefix (arg, "--") && strncmp (arg + 2, option->long_name, n) == 0
         && (arg[2 + n] == '\0' || arg[2 + n] == '=');
}

/* Any of our options makes the binary run headless (a setting without a
 * command is an error that says so); anything else opens the window. */
static gboolean
is_headless (GArray  *options,
             int      argc,
             char   **argv)
{
  for (int i = 1; i < argc; i++)
    for (guint j = 0; j < options->len; j++)
      if (names_option (argv[i], &option_at (options, j)->entry))
        return TRUE;
  return FALSE;
}

/* The option was given (a flag set, or a value). */
static gboolean
is_set (const GOptionEntry *entry)
{
  if (entry->arg == G_OPTION_ARG_NONE)
    return *(gboolean *) entry->arg_data;
  return *(gpointer *) entry->arg_data != NULL;
}

static GOptionContext *
create_context (GArray *options)
{
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  GOptionContext *context = g_option_context_new (NULL);

  for (guint i = 0; i < options->len; i++)
    g_array_append_val (entries, option_at (options, i)->entry);
  g_option_context_add_main_entries (context, (GOptionEntry *) (void *) entries->data, GETTEXT_PACKAGE);
  /* Our own --help lists the groups below; GLib's would not. */
  g_option_context_set_help_enabled (context, FALSE);
  return context;
}

static const char *
group_title (SbCliGroup group)
{
  switch (group)
    {
    case SB_CLI_COMMAND:
      return _("Commands (one at a time):");
    case SB_CLI_SCENARIO:
      return _("Scenario and settings that override its own:");
    case SB_CLI_EVENTS:
      return _("Failures and repairs during the run (T in seconds):");
    case SB_CLI_OUTPUT:
      return _("Output:");
    case SB_CLI_GENERAL:
    case SB_CLI_N_GROUPS:
    default:
      return _("General:");
    }
}

enum { HELP_COLUMN = 28, HELP_WIDTH = 80 };

/* TEXT from column HELP_COLUMN, whose first line starts WIDTH characters
 * in, wrapped at spaces to end before column HELP_WIDTH. */
static void
append_wrapped (GString    *help,
                glong       width,
                const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  g_string_append_printf (help, "%*s", (int) (HELP_COLUMN - width), "");
  width = HELP_COLUMN;
  for (guint i = 0; words[i]; i++)
    {
      glong n = g_utf8_strlen (words[i], -1);

      if (width > HELP_COLUMN && width + 1 + n >= HELP_WIDTH)
        {
          g_string_append_printf (help, "\n%*s", HELP_COLUMN, "");
          width = HELP_COLUMN;
        }
      else if (width > HELP_COLUMN)
        {
          g_string_append_c (help, ' ');
          width++;
        }
      g_string_append (help, words[i]);
      width += n;
    }
  g_string_append_c (help, '\n');
}

/* "  --name ARG" and the description from column HELP_COLUMN, or on the
 * next line when the name is longer. */
static void
print_option (GString            *help,
              const GOptionEntry *entry)
{
  gsize start = help->len;
  glong width;

  g_string_append (help, "  ");
  if (entry->short_name)
    g_string_append_printf (help, "-%c, ", entry->short_name);
  g_string_append_printf (help, "--%s", entry->long_name);
  if (entry->arg_description)
    g_string_append_printf (help, " %s", _(entry->arg_description));
  width = g_utf8_strlen (help->str + start, -1);
  if (width + 2 > HELP_COLUMN)
    {
      g_string_append_c (help, '\n');
      width = 0;
    }
  append_wrapped (help, width, _(entry->description));
}

static char *
help_text (GArray *options)
{
  GString *help = g_string_new (NULL);

  g_string_append_printf (help, "%s\n  stackboard [%s]\n      %s\n  stackboard %s\n      %s\n",
                          _("Usage:"), _("FILE"),
                          _("Open the window, on a scenario file or the last lesson"),
                          _("COMMAND [OPTION…]"),
                          _("Run one command without a window, print its result and exit"));
  for (SbCliGroup group = 0; group < SB_CLI_N_GROUPS; group++)
    {
      g_string_append_printf (help, "\n%s\n", group_title (group));
      for (guint i = 0; i < options->len; i++)
        if (option_at (options, i)->group == group)
          print_option (help, &option_at (options, i)->entry);
    }
  g_string_append_printf (help, "\n%s\n%s\n",
                          _("Exit status: 0 on success, 1 on bad input or a failed write."),
                          _("The manual page stackboard(1) tells more."));
  return g_string_free (help, FALSE);
}

/* A finite number, with the option's name in the message when it is not. */
static gboolean
parse_number (const char  *option,
              const char  *text,
              double      *value,
              GError     **error)
{
  char *end = NULL;

  errno = 0;
  *value = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || *end != '\0' || errno == ERANGE || !isfinite (*value))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” is not a number"), option, text);
      return FALSE;
    }
  return TRUE;
}

typedef enum {
  SB_RANGE_POSITIVE,       /* > 0 */
  SB_RANGE_NON_NEGATIVE,   /* >= 0 */
  SB_RANGE_UNIT,           /* 0..1 */
} SbRange;

static gboolean
parse_ranged (const char  *option,
              const char  *text,
              SbRange      range,
              double      *value,
              GError     **error)
{
  if (!parse_number (option, text, value, error))
    return FALSE;
  if (range == SB_RANGE_POSITIVE && *value <= 0)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("%s: %s must be greater than 0"), option, text);
  else if (range == SB_RANGE_NON_NEGATIVE && *value < 0)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("%s: %s must not be negative"), option, text);
  else if (range == SB_RANGE_UNIT && (*value < 0 || *value > 1))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("%s: %s is not between 0 and 1"), option, text);
  else
    return TRUE;
  return FALSE;
}

/* VALUE (parsed from TEXT) within MIN..MAX: the bounds a scenario file has
 * (sb-scenario.h), so nothing the simulation cannot run gets through; a
 * rate near 0 or a time near 1e300 overflowed its clock.  The messages are
 * the model's own. */
static gboolean
check_bounds (const char  *option,
              const char  *text,
              double       value,
              double       min,
              double       max,
              GError     **error)
{
  char limit[G_ASCII_DTOSTR_BUF_SIZE];

  if (value >= min && value <= max)
    return TRUE;
  g_ascii_formatd (limit, sizeof limit, "%g", value < min ? min : max);
  if (value < min)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("%s: %s is less than %s"), option, text, limit);
  else
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("%s: %s is more than %s"), option, text, limit);
  return FALSE;
}

static gboolean
parse_bounded (const char  *option,
               const char  *text,
               SbRange      range,
               double       min,
               double       max,
               double      *value,
               GError     **error)
{
  return parse_ranged (option, text, range, value, error)
         && check_bounds (option, text, *value, min, max, error);
}

/* A moment or a span of simulated time, in seconds. */
static gboolean
parse_time (const char  *option,
            const char  *text,
            double      *value,
            GError     **error)
{
  return parse_bounded (option, text, SB_RANGE_NON_NEGATIVE, 0, SB_SCENARIO_MAX_SECONDS,
                        value, error);
}

static gboolean
parse_size (const char  *option,
            const char  *text,
            int         *value,
            GError     **error)
{
  double v;

  if (text == NULL)
    return TRUE;
  if (!parse_ranged (option, text, SB_RANGE_POSITIVE, &v, error))
    return FALSE;
  if (v != floor (v) || v > 16384)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: %s is not a whole number of pixels up to 16384"), option, text);
      return FALSE;
    }
  *value = (int) v;
  return TRUE;
}

static gboolean
parse_seed (const char  *text,
            guint64     *seed,
            GError     **error)
{
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, seed, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--seed: “%s” is not a whole number of 0 or more"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
bad_choice (const char  *option,
            const char  *text,
            const char  *choices,
            GError     **error)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s: unknown value “%s” (expected %s)"), option, text, choices);
  return FALSE;
}

/* The numeric settings that override the scenario's own. */
static gboolean
apply_numbers (const SbCliArgs *a,
               SbScenario      *s,
               GError         **error)
{
  if (a->rate
      && !parse_bounded ("--rate", a->rate, SB_RANGE_POSITIVE, SB_SCENARIO_MIN_RATE,
                         SB_SCENARIO_MAX_RATE, &s->traffic.rate, error))
    return FALSE;
  if (a->read_ratio
      && !parse_ranged ("--read-ratio", a->read_ratio, SB_RANGE_UNIT, &s->traffic.read_ratio, error))
    return FALSE;
  if (a->lag && !parse_time ("--lag", a->lag, &s->lag, error))
    return FALSE;
  if (a->hop
      && !parse_bounded ("--hop", a->hop, SB_RANGE_POSITIVE, SB_SCENARIO_MIN_STEP,
                         SB_SCENARIO_MAX_SECONDS, &s->hop, error))
    return FALSE;
  return a->seed == NULL || parse_seed (a->seed, &s->traffic.seed, error);
}

static gboolean
apply_choices (const SbCliArgs *a,
               SbScenario      *s,
               GError         **error)
{
  if (a->algorithm && !sb_algorithm_from_string (a->algorithm, &s->balancer.algorithm))
    return bad_choice ("--algorithm", a->algorithm, _("roundrobin, leastconn or source"), error);
  if (a->mode && !sb_mode_from_string (a->mode, &s->balancer.mode))
    return bad_choice ("--mode", a->mode, _("active-active or active-passive"), error);
  if (a->redispatch)
    s->balancer.redispatch = TRUE;
  return TRUE;
}

static gboolean
apply_action (SbSim             *sim,
              const SbCliAction *action,
              GError           **error)
{
  switch (action->kind)
    {
    case SB_CLI_ACTION_REVIVE:
      return sb_sim_revive (sim, action->id, error);
    case SB_CLI_ACTION_PROMOTE:
      return sb_sim_promote (sim, action->id, error);
    case SB_CLI_ACTION_KILL:
    default:
      return sb_sim_kill (sim, action->id, error);
    }
}

static const char *action_option (SbCliActionKind kind);

/* How often a long --simulate says how far it got. */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 5)

typedef struct {
  gint64   end_us;       /* simulated time the run goes to */
  gint64   next_print;   /* monotonic time of the next line */
  gboolean printed;
} Progress;

static void
print_progress (SbSim    *sim,
                Progress *p)
{
  double done = (double) sb_sim_get_time (sim) / SB_SIM_USEC_PER_SEC;
  double total = (double) p->end_us / SB_SIM_USEC_PER_SEC;

  /* Translators: a line that a long run keeps rewriting in the terminal:
   * the simulated seconds done, the seconds asked for and the percentage */
  g_printerr ("\r");
  g_printerr (_("stackboard: %.0f of %.0f simulated seconds (%d%%)"), done, total,
              (int) (100 * done / MAX (total, 1e-9)));
  p->printed = TRUE;
}

/* Runs SIM to TO_US; with P, a second of simulated time at a time, so a
 * line on stderr can say how far it got (the same counters as one go:
 * the result never depends on how the time is cut). */
static void
advance (SbSim    *sim,
         gint64    to_us,
         Progress *p)
{
  if (p == NULL)
    {
      sb_sim_advance_to (sim, to_us);
      return;
    }
  while (sb_sim_get_time (sim) < to_us)
    {
      gint64 now;

      sb_sim_advance_to (sim, MIN (to_us, sb_sim_get_time (sim) + SB_SIM_USEC_PER_SEC));
      now = g_get_monotonic_time ();
      if (now >= p->next_print)
        {
          print_progress (sim, p);
          p->next_print = now + PROGRESS_INTERVAL;
        }
    }
}

/* Runs SIM to AT, playing the script's moments due on the way (when
 * PLAYER is not NULL) and revealing each question at once; without a
 * script, with P's progress on a terminal. */
static gboolean
run_to (SbSim           *sim,
        SbScriptPlayer  *player,
        SbNarrator      *narrator,
        gint64           at,
        Progress        *p,
        GError         **error)
{
  if (player == NULL)
    {
      advance (sim, at, p);
      return TRUE;
    }
  for (;;)
    {
      if (!sb_script_player_advance_to (player, sim, narrator, at, error))
        return FALSE;
      if (sb_script_player_get_waiting (player, NULL) == NULL)
        return TRUE;
      sb_script_player_reveal (player, sim, narrator);
    }
}

gboolean
sb_cli_play (SbSim              *sim,
             const SbCliOptions *options,
             SbNarrator         *narrator,
             gint64              end_us,
             GError            **error)
{
  g_autoptr(SbScriptPlayer) player = NULL;
  Progress progress = { end_us, g_get_monotonic_time () + PROGRESS_INTERVAL, FALSE };
  Progress *p = options->progress ? &progress : NULL;

  if (options->lesson && options->scenario->script != NULL)
    player = sb_script_player_new (options->scenario->script);
  for (guint i = 0; options->actions && i < options->actions->len; i++)
    {
      const SbCliAction *action = g_ptr_array_index (options->actions, i);
      gint64 at = sb_sim_seconds_to_us (action->time);
      g_autoptr(GError) local = NULL;

      if (at > end_us)
        break;
      if (!run_to (sim, player, narrator, at, p, error))
        return FALSE;
      if (!apply_action (sim, action, &local))
        {
          g_set_error (error, local->domain, local->code, "%s %s@%g: %s",
                       action_option (action->kind), action->id, action->time,
                       local->message);
          return FALSE;
        }
    }
  if (!run_to (sim, player, narrator, end_us, p, error))
    return FALSE;
  if (progress.printed)
    {
      print_progress (sim, &progress);
      g_printerr ("\n");
    }
  return TRUE;
}

static gboolean
id_exists (const SbScenario *scenario,
           const char       *id)
{
  return sb_scenario_find_component (scenario, id) || sb_scenario_find_host (scenario, id);
}

static const char *
action_option (SbCliActionKind kind)
{
  switch (kind)
    {
    case SB_CLI_ACTION_REVIVE:
      return "--revive";
    case SB_CLI_ACTION_PROMOTE:
      return "--promote";
    case SB_CLI_ACTION_KILL:
    default:
      return "--kill";
    }
}

static gboolean
check_action_target (SbCliActionKind   kind,
                     const char       *id,
                     const SbScenario *scenario,
                     GError          **error)
{
  const char *option = action_option (kind);
  const SbComponent *comp = sb_scenario_find_component (scenario, id);

  if (!id_exists (scenario, id))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("%s: unknown element “%s” in scenario “%s”"), option, id, scenario->name);
  else if (comp && comp->kind == SB_KIND_CLIENT)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("%s: “%s” is the visitor's browser, which cannot be killed or revived"), option, id);
  else if (kind == SB_CLI_ACTION_PROMOTE && (comp == NULL || comp->role != SB_DB_ROLE_REPLICA))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("%s: “%s” is not a database replica"), option, id);
  else
    return TRUE;
  return FALSE;
}

gboolean
sb_cli_parse_action (SbCliActionKind   kind,
                     const char       *spec,
                     gboolean          needs_time,
                     const SbScenario *scenario,
                     SbCliAction     **out,
                     GError          **error)
{
  const char *option = action_option (kind);
  const char *at = strrchr (spec, '@');
  g_autofree char *id = at ? g_strndup (spec, at - spec) : g_strdup (spec);
  double time = 0;

  if (at == NULL && needs_time)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” needs a time, as in %s@10"), option, spec, spec);
      return FALSE;
    }
  if (at != NULL && !parse_time (option, at + 1, &time, error))
    return FALSE;
  if (!check_action_target (kind, id, scenario, error))
    return FALSE;
  *out = g_new0 (SbCliAction, 1);
  (*out)->kind = kind;
  (*out)->id = g_steal_pointer (&id);
  (*out)->time = time;
  return TRUE;
}

static gboolean
add_actions (GPtrArray        *actions,
             SbCliActionKind   kind,
             char            **specs,
             const SbScenario *scenario,
             GError          **error)
{
  for (guint i = 0; specs && specs[i]; i++)
    {
      SbCliAction *action;

      if (!sb_cli_parse_action (kind, specs[i], kind != SB_CLI_ACTION_KILL, scenario, &action, error))
        return FALSE;
      g_ptr_array_add (actions, action);
    }
  return TRUE;
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  const SbCliAction *x = *(const SbCliAction **) a;
  const SbCliAction *y = *(const SbCliAction **) b;

  return (x->time > y->time) - (x->time < y->time);
}

static gboolean
build_options (const SbCliArgs *a,
               SbCliOptions    *options,
               GError         **error)
{
  options->scenario = sb_scenario_load_by_name_or_path (a->scenario ? a->scenario : "distributed",
                                                        error);
  if (options->scenario == NULL
      || !apply_numbers (a, options->scenario, error)
      || !apply_choices (a, options->scenario, error))
    return FALSE;
  options->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_cli_action_free);
  if (!add_actions (options->actions, SB_CLI_ACTION_KILL, a->kill, options->scenario, error)
      || !add_actions (options->actions, SB_CLI_ACTION_REVIVE, a->revive, options->scenario, error)
      || !add_actions (options->actions, SB_CLI_ACTION_PROMOTE, a->promote, options->scenario, error))
    return FALSE;
  /* g_ptr_array_sort is a stable merge sort: same-time actions keep their order. */
  g_ptr_array_sort (options->actions, compare_actions);
  options->lesson = a->lesson;
  if (a->lesson && options->scenario->script == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--lesson: scenario “%s” has no lesson script"), options->scenario->name);
      return FALSE;
    }
  if (a->time && !parse_time ("--time", a->time, &options->time, error))
    return FALSE;
  /* Only for a person watching: a script reading stderr gets nothing. */
  options->progress = a->simulate != NULL && isatty (STDERR_FILENO);
  return parse_size ("--width", a->width, &options->width, error)
         && parse_size ("--height", a->height, &options->height, error);
}

static int
list_scenarios (void)
{
  const char * const *names = sb_scenario_bundled_names ();

  for (guint i = 0; names[i]; i++)
    g_print ("%s\n", names[i]);
  return 0;
}

static int
check_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = sb_scenario_load_from_file (path, &error);

  if (scenario == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("ok\n");
  return 0;
}

static int
fail (const GError *error)
{
  g_printerr ("stackboard: %s\n", error->message);
  return 1;
}

/* GOption's message for a value it cannot convert to UTF-8 ("Invalid byte
 * sequence in conversion input") does not say which option it is about:
 * the first argument that is not valid text does. */
static int
fail_parse (int           argc,
            char        **argv,
            const GError *error)
{
  g_autoptr(GError) named = NULL;

  if (error->domain != G_CONVERT_ERROR)
    return fail (error);
  for (int i = 1; i < argc; i++)
    {
      const char *equals = g_str_has_prefix (argv[i], "--") ? strchr (argv[i], '=') : NULL;
      g_autofree char *option = equals ? g_strndup (argv[i], equals - argv[i])
                                       : i > 1 && argv[i - 1][0] == '-' ? g_strdup (argv[i - 1])
                                       : NULL;
      g_autofree char *utf8 = g_locale_to_utf8 (equals ? equals + 1 : argv[i], -1, NULL, NULL, NULL);
      g_autofree char *shown = NULL;

      if (utf8 != NULL || option == NULL)
        continue;
      shown = g_utf8_make_valid (option, -1);
      g_set_error (&named, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: the first %s is an option such as --rate,
                    * the second GLib's reason, such as "Invalid byte
                    * sequence in conversion input" */
                   _("%s: the value is not text in the encoding of the locale (%s)"),
                   shown, error->message);
      return fail (named);
    }
  return fail (error);
}

static int
count_commands (const SbCliArgs *a,
                GArray          *options)
{
  int n = 0;

  for (guint i = 0; i < options->len; i++)
    n += option_at (options, i)->group == SB_CLI_COMMAND && is_set (&option_at (options, i)->entry);
  /* --narrate alone is a command; with --simulate it changes what that
   * prints. */
  return n + (a->narrate && a->simulate == NULL);
}

/* The modifiers of --lesson: the commands it changes. */
static gboolean
lesson_goes_with (const SbCliArgs *a)
{
  return a->simulate != NULL || a->narrate || a->export_path != NULL || a->questions != NULL
         || a->handout != NULL;
}

/* Options that only change one command: given without it, or with a
 * value it does not know, they would be silently ignored. */
static gboolean
check_modifiers (const SbCliArgs  *a,
                 GError          **error)
{
  const char *message = NULL;

  if (a->narrate && a->simulate == NULL && !a->lesson)
    message = _("--narrate needs --simulate SECONDS or --lesson");
  else if (a->answers && a->questions == NULL)
    message = _("--answers goes with --questions");
  else if (a->format && !a->review)
    message = _("--format goes with --review");
  else if (a->format && !g_str_equal (a->format, "markdown") && !g_str_equal (a->format, "json"))
    return bad_choice ("--format", a->format, _("markdown or json"), error);
  else if (a->clean && !a->export_path)
    message = _("--clean goes with --export");
  else if (a->lesson && !lesson_goes_with (a))
    message = _("--lesson goes with --simulate, --narrate, --export, --questions or --handout");
  else if (a->questions != NULL && a->lesson && a->scenario != NULL)
    message = _("--questions: give --scenario or --lesson, not both");
  else if (a->handout != NULL && a->lesson && a->scenario != NULL)
    message = _("--lesson prints the four bundled steps: leave out --scenario");
  else
    return TRUE;
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return FALSE;
}

/* PNG, PDF, handouts and questions draw letters; an SVG export leaves that to its
 * viewer and never loads a font (render/sb-svg-text.h). */
static gboolean
needs_fonts (const SbCliArgs *a)
{
  SbExportFormat format;

  if (a->handout || a->questions)
    return TRUE;
  return a->export_path && (!sb_export_format_for_path (a->export_path, &format, NULL)
                            || format != SB_EXPORT_SVG);
}

/* The scenarios --questions covers: the one given, else the lesson's steps. */
static GPtrArray *
question_scenarios (const SbCliArgs  *a,
                    GError          **error)
{
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_scenario_free);
  const char * const *names = sb_scenario_bundled_names ();
  const char *one[] = { a->scenario, NULL };

  for (const char * const *name = a->scenario ? one : names; *name != NULL; name++)
    {
      SbScenario *scenario = sb_scenario_load_by_name_or_path (*name, error);

      if (scenario == NULL)
        return NULL;
      g_ptr_array_add (scenarios, scenario);
      if (scenario->script == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--questions: scenario “%s” has no lesson script"), scenario->name);
          return NULL;
        }
    }
  return g_steal_pointer (&scenarios);
}

static int
run_questions (const SbCliArgs *a)
{
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(GError) error = NULL;

  sb_render_warm_up ();
  scenarios = question_scenarios (a, &error);
  if (scenarios == NULL)
    return fail (error);
  return sb_cli_questions (scenarios, a->answers, a->questions);
}

static int
one_command_please (GArray *options)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < options->len; i++)
    if (option_at (options, i)->group == SB_CLI_COMMAND)
      g_string_append_printf (names, "%s--%s", names->len ? ", " : "",
                              option_at (options, i)->entry.long_name);
  g_printerr (_("stackboard: give one of %s (stackboard --help lists them)\n"), names->str);
  return 1;
}

/* An empty file name would mean the current folder (or nothing at all);
 * inside Flatpak, a path the user would not find is refused before
 * anything runs (sb-sandbox.h). */
static gboolean
check_paths (GArray  *options,
             GError **error)
{
  SbSandbox *sandbox = sb_sandbox_get_default ();

  for (guint i = 0; i < options->len; i++)
    {
      const SbCliOption *option = option_at (options, i);
      const char *value;

      if (option->path == SB_CLI_VALUE || !is_set (&option->entry))
        continue;
      value = *(const char **) option->entry.arg_data;
      if (value[0] == '\0')
        {
          g_autofree char *name = g_strconcat ("--", option->entry.long_name, NULL);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: %s is an option such as --export-config */
                       _("%s: the file or folder name is empty"), name);
          return FALSE;
        }
      if (sandbox == NULL)
        continue;
      if (option->path == SB_CLI_READS
          && (g_strv_contains (sb_scenario_bundled_names (), value)
              || sb_sandbox_check_input (sandbox, value, error)))
        continue;
      if (option->path == SB_CLI_WRITES && sb_sandbox_check_output (sandbox, value, NULL, error))
        continue;
      g_prefix_error (error, "--%s: ", option->entry.long_name);
      return FALSE;
    }
  return TRUE;
}

/* Inside Flatpak, where each output went on the host: the path inside the
 * sandbox is not always the one the user sees. */
static void
tell_where (GArray *options)
{
  SbSandbox *sandbox = sb_sandbox_get_default ();

  for (guint i = 0; sandbox && i < options->len; i++)
    {
      const SbCliOption *option = option_at (options, i);
      g_autofree char *host = NULL;

      if (option->path == SB_CLI_WRITES && is_set (&option->entry)
          && sb_sandbox_check_output (sandbox, *(const char **) option->entry.arg_data, &host, NULL))
        g_printerr (_("stackboard: written to %s\n"), host);
    }
}

static int
run_command (const SbCliArgs *a)
{
  g_auto(SbCliOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  double seconds = 0;

  if (a->list_scenarios)
    return list_scenarios ();
  if (a->check)
    return check_file (a->check);
  if (a->simulate && !parse_time ("--simulate", a->simulate, &seconds, &error))
    return fail (error);
  if (a->questions)
    return run_questions (a);
  if (needs_fonts (a))
    sb_render_warm_up ();
  if (a->handout && a->lesson)
    return sb_cli_handout_lesson (a->handout);
  if (!build_options (a, &options, &error))
    return fail (error);
  if (a->narrate)
    return sb_cli_narrate (&options, a->simulate ? seconds : -1);
  if (a->simulate)
    return sb_cli_simulate (&options, seconds);
  if (a->spof)
    return sb_cli_spof (&options);
  if (a->review)
    return sb_cli_review (&options, a->format && g_str_equal (a->format, "json"));
  if (a->handout)
    return sb_cli_handout (&options, a->handout);
  if (a->export_config)
    return sb_cli_export_config (&options, a->export_config);
  return sb_cli_export (&options, a->export_path, a->clean);
}

static int
dispatch (const SbCliArgs *a,
          GArray          *options)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (a->help)
    {
      g_autofree char *help = help_text (options);

      g_print ("%s", help);
      return 0;
    }
  if (a->version)
    {
      g_print ("stackboard %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (count_commands (a, options) != 1)
    return one_command_please (options);
  if (!check_modifiers (a, &error) || !check_paths (options, &error))
    return fail (error);
  status = run_command (a);
  if (status == 0)
    tell_where (options);
  return status;
}

gboolean
sb_cli_run (int    argc,
            char **argv,
            int   *exit_status)
{
  g_auto(SbCliArgs) args = { 0 };
  g_autoptr(GArray) options = cli_options (&args);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) copy = NULL;

  if (!is_headless (options, argc, argv))
    return FALSE;
  context = create_context (options);
  /* g_option_context_parse_strv keeps the caller's argv intact. */
  copy = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    copy[i] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (context, &copy, &error))
    *exit_status = fail_parse (argc, argv, error);
  else if (g_strv_length (copy) > 1)
    {
      g_printerr (_("stackboard: unexpected argument “%s”\n"), copy[1]);
      *exit_status = 1;
    }
  else
    *exit_status = dispatch (&args, options);
  return TRUE;
}
