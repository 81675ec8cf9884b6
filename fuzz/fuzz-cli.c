/* fuzz-cli.c — libFuzzer target: the command line's option parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks what the rest feeds:
 *  - even: sb_cli_parse_action() on the rest as one "ID[@T]" spec, against
 *    the bundled "distributed" scenario (bits 1-2: kill, revive or promote;
 *    bit 3: whether the time is required);
 *  - odd: sb_cli_run() with the rest split into arguments at newlines,
 *    followed by --spof or (bit 1) --simulate 2, so every number, choice
 *    and --kill/--revive/--promote spec goes through the real parser and a
 *    short simulation.  Arguments that would read or write files or exit
 *    (--scenario, --check, --export*, --handout, --help, short options)
 *    are dropped, and so are the other commands (--questions writes a
 *    file); --narrate and --lesson stay.  Output goes nowhere.
 * Either way: exit status 0 or 1, an action only for an existing element at
 * a time the simulation can reach, and no crash, hang or leak.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/sb-cli.h"

#define FUZZ_MAX_ARGS 64

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static SbScenario *distributed;

static void
discard (const char *text)
{
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* As the program does, so that arguments are taken as UTF-8. */
  setlocale (LC_ALL, "C.UTF-8");
  /* The commands print their results and messages; thousands of runs a
   * second must not flood the terminal. */
  g_set_print_handler (discard);
  g_set_printerr_handler (discard);
  distributed = sb_scenario_load_bundled ("distributed", NULL);
  if (distributed == NULL)
    abort ();
  return 0;
}

static void
fuzz_action (guint8      mode,
             const char *spec)
{
  static const SbCliActionKind kinds[] = {
    SB_CLI_ACTION_KILL, SB_CLI_ACTION_REVIVE, SB_CLI_ACTION_PROMOTE, SB_CLI_ACTION_KILL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCliAction) action = NULL;
  gboolean ok;

  ok = sb_cli_parse_action (kinds[(mode >> 1) & 3], spec, (mode >> 3) & 1, distributed,
                            &action, &error);
  if (ok != (action != NULL) || ok != (error == NULL))
    abort ();
  if (!ok)
    return;
  if (!(action->time >= 0 && action->time <= SB_SCENARIO_MAX_SECONDS)
      || (sb_scenario_find_component (distributed, action->id) == NULL
          && sb_scenario_find_host (distributed, action->id) == NULL))
    {
      fprintf (stderr, "accepted %s as %s@%g\n", spec, action->id, action->time);
      abort ();
    }
}

/* Options that are parsed but must not run here. */
static gboolean
dropped (const char *arg)
{
  static const char * const prefixes[] = {
    "--scenario", "--check", "--export", "--list-scenarios", "--simulate", "--spof",
    "--questions", "--review", "--handout", "--help", NULL
  };

  if (arg[0] == '-' && arg[1] != '-')
    return TRUE;  /* short options: -h, -?, clusters of them */
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (arg, prefixes[i]))
      return TRUE;
  return FALSE;
}

static void
fuzz_run (guint8      mode,
          const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "\n", FUZZ_MAX_ARGS);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status = -1;

  g_ptr_array_add (argv, (char *) "stackboard");
  for (guint i = 0; parts[i] != NULL; i++)
    if (!dropped (parts[i]))
      g_ptr_array_add (argv, parts[i]);
  if (mode & 2)
    {
      g_ptr_array_add (argv, (char *) "--simulate");
      g_ptr_array_add (argv, (char *) "2");
    }
  else
    g_ptr_array_add (argv, (char *) "--spof");
  g_ptr_array_add (argv, NULL);

  if (!sb_cli_run (argv->len - 1, (char **) argv->pdata, &status) || (status != 0 && status != 1))
    {
      fprintf (stderr, "sb_cli_run gave status %d\n", status);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  guint8 mode;

  if (size == 0)
    return 0;
  mode = data[0];
  /* Arguments are C strings: they end at the first NUL. */
  text = g_strndup ((const char *) data + 1, size - 1);
  if (mode & 1)
    fuzz_run (mode, text);
  else
    fuzz_action (mode, text);
  return 0;
}
