/* bench-sim.c — events per second of the simulation, in process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-sim [--tsv] SCENARIO SECONDS RATE
 *
 * Runs SCENARIO (a bundled name or a file) for SECONDS of simulated time
 * at RATE requests per second, as `stackboard --simulate SECONDS --rate
 * RATE` does, and reports the events handled, the time the loop took and
 * the peak RSS.  build-aux/bench runs it from 10× fewer to 10× more
 * requests and from 2 to 64 servers.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sb-sim.h"

/* VmHWM, not getrusage(): the kernel's ru_maxrss also counts the memory
 * of the process this one was forked from (Python, in build-aux/bench). */
static long
peak_rss_kib (void)
{
  FILE *status = fopen ("/proc/self/status", "r");
  char line[256];
  long kib = -1;

  while (status && fgets (line, sizeof line, status))
    if (strncmp (line, "VmHWM:", 6) == 0)
      kib = strtol (line + 6, NULL, 10);
  if (status)
    fclose (status);
  return kib;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;
  g_autoptr(SbSim) sim = NULL;
  gboolean tsv = argc > 1 && g_str_equal (argv[1], "--tsv");
  const SbSimCounters *c;
  double seconds, rate, elapsed;
  gint64 start;

  if (tsv)
    argv++, argc--;
  if (argc != 4)
    {
      g_printerr ("usage: bench-sim [--tsv] SCENARIO SECONDS RATE\n");
      return 2;
    }
  scenario = sb_scenario_load_by_name_or_path (argv[1], &error);
  if (scenario == NULL)
    {
      g_printerr ("bench-sim: %s\n", error->message);
      return 1;
    }
  seconds = g_ascii_strtod (argv[2], NULL);
  rate = g_ascii_strtod (argv[3], NULL);
  scenario->traffic.rate = rate;

  start = g_get_monotonic_time ();
  sim = sb_sim_new (scenario);
  sb_sim_advance_to (sim, sb_sim_seconds_to_us (seconds));
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  c = sb_sim_get_counters (sim);

  if (tsv)
    g_print ("sim\t%u\t%g\t%g\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\t%.6f\t%ld\n",
             sb_sim_get_n_backends (sim), seconds, rate, c->requests,
             sb_sim_get_n_events (sim), elapsed, peak_rss_kib ());
  else
    g_print ("%u servers, %g s at %g/s: %" G_GUINT64_FORMAT " requests, %" G_GUINT64_FORMAT
             " events in %.3f s = %.2f M events/s, peak RSS %ld KiB\n",
             sb_sim_get_n_backends (sim), seconds, rate, c->requests, sb_sim_get_n_events (sim),
             elapsed, sb_sim_get_n_events (sim) / elapsed / 1e6, peak_rss_kib ());
  return 0;
}
