/* bench-first-frame.c — reports when a GTK application drew its first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A module for LD_PRELOAD, so the start-up benchmark times the real
 * `stackboard` binary, unchanged, and the bare libadwaita program the same
 * way.  It interposes g_application_run(): before the real one runs, it
 * watches the application's windows; when the frame clock of the first
 * one finishes painting a frame with the window mapped (its "after-paint"
 * signal, once the frame is rendered and handed to the display server),
 * it prints
 *
 *   first-frame MONOTONIC_US RSS_KIB PEAK_RSS_KIB
 *
 * on stderr (g_get_monotonic_time(), which is CLOCK_MONOTONIC like
 * Python's time.monotonic_ns(), so the caller subtracts the time it
 * started the process) and exits at once.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*RunFunc) (GApplication *app, int argc, char **argv);

/* VmRSS and VmHWM of /proc/self/status, in KiB. */
static void
read_rss (long *rss,
          long *hwm)
{
  FILE *status = fopen ("/proc/self/status", "r");
  char line[256];

  *rss = *hwm = -1;
  while (status && fgets (line, sizeof line, status))
    {
      if (strncmp (line, "VmRSS:", 6) == 0)
        *rss = strtol (line + 6, NULL, 10);
      else if (strncmp (line, "VmHWM:", 6) == 0)
        *hwm = strtol (line + 6, NULL, 10);
    }
  if (status)
    fclose (status);
}

static void
after_paint (GdkFrameClock *clock,
             GtkWidget     *window)
{
  gint64 now = g_get_monotonic_time ();
  long rss, hwm;

  if (!gtk_widget_get_mapped (window))
    return;
  read_rss (&rss, &hwm);
  fprintf (stderr, "first-frame %" G_GINT64_FORMAT " %ld %ld\n", now, rss, hwm);
  fflush (stderr);
  _exit (0);
}

static void
window_realized (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint), window);
}

static void
window_added (GtkApplication *app,
              GtkWindow      *window)
{
  static gboolean watching;

  if (watching)
    return;
  watching = TRUE;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realized (GTK_WIDGET (window));
  else
    g_signal_connect_after (window, "realize", G_CALLBACK (window_realized), NULL);
}

int
g_application_run (GApplication  *app,
                   int            argc,
                   char         **argv)
{
  RunFunc real = (RunFunc) dlsym (RTLD_NEXT, "g_application_run");

  g_assert (real != NULL);
  if (GTK_IS_APPLICATION (app))
    g_signal_connect (app, "window-added", G_CALLBACK (window_added), NULL);
  return real (app, argc, argv);
}
