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

#include "render/sb-render.h"
#include "sb-cli.h"

/* Options that make the binary run headless; anything else opens the window. */
static const char * const headless_options[] = {
  "--list-scenarios", "--check", "--simulate", "--spof", "--export", "--export-config", NULL
};

typedef struct {
  gboolean   list_scenarios;
  char      *check;
  char      *simulate;
  gboolean   spof;
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

static gboolean
is_headless (int    argc,
             char **argv)
{
  for (int i = 1; i < argc; i++)
    for (guint j = 0; headless_options[j]; j++)
      {
        gsize n = strlen (headless_options[j]);

        if (strncmp (argv[i], headless_options[j], n) == 0
            && (argv[i][n] == '\0' || argv[i][n] == '='))
          return TRUE;
      }
  return FALSE;
}

static GOptionContext *
create_context (SbCliArgs *a)
{
  const GOptionEntry entries[] = {
    { "list-scenarios", 0, 0, G_OPTION_ARG_NONE, &a->list_scenarios, N_("List the bundled scenarios"), NULL },
    { "check", 0, 0, G_OPTION_ARG_FILENAME, &a->check, N_("Validate a scenario file"), N_("FILE") },
    { "simulate", 0, 0, G_OPTION_ARG_STRING, &a->simulate, N_("Run the simulation and print its counters as JSON"), N_("SECONDS") },
    { "spof", 0, 0, G_OPTION_ARG_NONE, &a->spof, N_("Print the single points of failure as JSON"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &a->export_path, N_("Draw the diagram to a .png, .svg or .pdf file"), N_("OUT") },
    { "export-config", 0, 0, G_OPTION_ARG_FILENAME, &a->export_config, N_("Write the real configuration files (HAProxy, Nginx, MySQL, DNS) into a folder"), N_("DIR") },
    { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &a->scenario, N_("Bundled scenario name or file (default: distributed)"), N_("NAME|FILE") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &a->seed, N_("Seed of the random numbers"), N_("N") },
    { "rate", 0, 0, G_OPTION_ARG_STRING, &a->rate, N_("Requests per second"), N_("R") },
    { "read-ratio", 0, 0, G_OPTION_ARG_STRING, &a->read_ratio, N_("Share of reads among requests, 0 to 1"), N_("X") },
    { "lag", 0, 0, G_OPTION_ARG_STRING, &a->lag, N_("Replication lag in seconds"), N_("SECONDS") },
    { "hop", 0, 0, G_OPTION_ARG_STRING, &a->hop, N_("Time of one hop in seconds"), N_("SECONDS") },
    { "algorithm", 0, 0, G_OPTION_ARG_STRING, &a->algorithm, N_("Load-balancing algorithm"), "roundrobin|leastconn|source" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &a->mode, N_("Load-balancer mode"), "active-active|active-passive" },
    { "redispatch", 0, 0, G_OPTION_ARG_NONE, &a->redispatch, N_("Retry a failed request once on another server"), NULL },
    { "kill", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->kill, N_("Kill an element at time T (default 0)"), N_("ID[@T]") },
    { "revive", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->revive, N_("Revive an element at time T"), N_("ID@T") },
    { "promote", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->promote, N_("Promote a replica to primary at time T"), N_("ID@T") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &a->time, N_("Moment drawn by --export, in seconds"), N_("T") },
    { "width", 0, 0, G_OPTION_ARG_STRING, &a->width, N_("Width of the export"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_STRING, &a->height, N_("Height of the export"), N_("H") },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (_("— teach how a distributed web infrastructure works"));

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
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

gboolean
sb_cli_play (SbSim              *sim,
             const SbCliOptions *options,
             gint64              end_us,
             GError            **error)
{
  Progress progress = { end_us, g_get_monotonic_time () + PROGRESS_INTERVAL, FALSE };
  Progress *p = options->progress ? &progress : NULL;

  for (guint i = 0; options->actions && i < options->actions->len; i++)
    {
      const SbCliAction *action = g_ptr_array_index (options->actions, i);
      gint64 at = sb_sim_seconds_to_us (action->time);
      g_autoptr(GError) local = NULL;

      if (at > end_us)
        break;
      advance (sim, at, p);
      if (!apply_action (sim, action, &local))
        {
          g_set_error (error, local->domain, local->code, "%s %s@%g: %s",
                       action_option (action->kind), action->id, action->time,
                       local->message);
          return FALSE;
        }
    }
  advance (sim, end_us, p);
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
  if (a->time && !parse_time ("--time", a->time, &options->time, error))
    return FALSE;
  /* Only for a person watching: a script reading stderr gets nothing. */
  options->progress = a->simulate != NULL && isatty (STDERR_FILENO);
  return parse_size ("--width", a->width, &options->width, error)
         && parse_size ("--height", a->height, &options->height, error);
}

/* An empty file name would mean the current folder (or nothing at all). */
static gboolean
check_paths (const SbCliArgs *a,
             GError         **error)
{
  const struct { const char *option; const char *value; } paths[] = {
    { "--check", a->check }, { "--export", a->export_path },
    { "--export-config", a->export_config }, { "--scenario", a->scenario },
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    if (paths[i].value != NULL && paths[i].value[0] == '\0')
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     /* Translators: %s is an option such as --export-config */
                     _("%s: the file or folder name is empty"), paths[i].option);
        return FALSE;
      }
  return TRUE;
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
count_commands (const SbCliArgs *a)
{
  return (a->list_scenarios != FALSE) + (a->check != NULL) + (a->simulate != NULL)
         + (a->spof != FALSE) + (a->export_path != NULL) + (a->export_config != NULL);
}

static int
dispatch (const SbCliArgs *a)
{
  g_auto(SbCliOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  double seconds = 0;

  if (count_commands (a) != 1)
    {
      g_printerr (_("stackboard: give one of --list-scenarios, --check, --simulate, --spof, --export or --export-config\n"));
      return 1;
    }
  if (!check_paths (a, &error))
    return fail (error);
  if (a->list_scenarios)
    return list_scenarios ();
  if (a->check)
    return check_file (a->check);
  if (a->simulate && !parse_time ("--simulate", a->simulate, &seconds, &error))
    return fail (error);
  if (a->export_path)
    sb_render_warm_up ();
  if (!build_options (a, &options, &error))
    return fail (error);
  if (a->simulate)
    return sb_cli_simulate (&options, seconds);
  if (a->spof)
    return sb_cli_spof (&options);
  if (a->export_config)
    return sb_cli_export_config (&options, a->export_config);
  return sb_cli_export (&options, a->export_path);
}

gboolean
sb_cli_run (int    argc,
            char **argv,
            int   *exit_status)
{
  g_auto(SbCliArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) copy = NULL;

  if (!is_headless (argc, argv))
    return FALSE;
  context = create_context (&args);
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
    *exit_status = dispatch (&args);
  return TRUE;
}
