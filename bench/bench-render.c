/* bench-render.c — milliseconds per frame of the renderer at 1920×1080
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws the scene the canvas would draw, frame after frame, onto an image
 * surface (no GPU), next to the floor: the same surface only cleared and
 * filled.  Run with `meson test -C build --benchmark --suite bench -v`.
 */
#include "config.h"

#include <stdlib.h>

#include "render/sb-render.h"

#define FRAMES 300
#define WIDTH  1920
#define HEIGHT 1080

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static guint
count_in_flight (SbSim *sim)
{
  const SbSimCounters *c = sb_sim_get_counters (sim);

  return (guint) c->in_flight;
}

/* Times FRAMES draws; each frame advances the sim by 1/60 s as the canvas does. */
typedef enum {
  FLOOR,   /* clear and fill: the least any frame costs */
  FULL,    /* board and live layer, as an export draws */
  LIVE,    /* the live layer over a cached board, as the canvas draws */
} Mode;

static void
measure (const char       *name,
         const SbScenario *scenario,
         SbSim            *sim,
         Mode              mode)
{
  g_autoptr(SbLayout) layout = sb_layout_new (scenario);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  double ms[FRAMES];

  for (int i = 0; i < FRAMES; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start;

      sb_sim_advance (sim, SB_SIM_USEC_PER_SEC / 60);
      start = g_get_monotonic_time ();
      if (mode == FULL)
        sb_render_draw (cr, layout, scenario, sim, NULL, WIDTH, HEIGHT);
      else
        {
          cairo_set_source_rgb (cr, 0.99, 0.99, 0.98);
          cairo_paint (cr);
        }
      if (mode == LIVE)
        sb_render_draw_live (cr, layout, scenario, sim, NULL, WIDTH, HEIGHT);
      cairo_surface_flush (surface);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      cairo_destroy (cr);
    }
  qsort (ms, FRAMES, sizeof ms[0], compare_doubles);
  g_print ("%-34s %6u in flight   median %7.3f ms   p99 %7.3f ms\n", name,
           count_in_flight (sim), ms[FRAMES / 2], ms[FRAMES * 99 / 100]);
  cairo_surface_destroy (surface);
}

static SbSim *
warmed_up (const SbScenario *scenario,
           double            rate)
{
  g_autoptr(SbScenario) copy = sb_scenario_copy (scenario);
  SbSim *sim;

  copy->traffic.rate = rate;
  sim = sb_sim_new (copy);
  sb_sim_advance_to (sim, 20 * SB_SIM_USEC_PER_SEC);
  return sim;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) def = sb_scenario_load_bundled ("distributed", &error);
  g_autoptr(SbScenario) twelve = NULL;
  g_autoptr(SbSim) sim_def = NULL;
  g_autoptr(SbSim) sim_twelve = NULL;
  g_autoptr(SbSim) sim_floor = NULL;

  g_assert_no_error (error);
  twelve = sb_scenario_load_from_file (argc > 1 ? argv[1] : "bench/servers-12.json", &error);
  g_assert_no_error (error);

  /* About 2 s per request: 8 requests/s keep ~16-20 in flight; 250/s ~500. */
  sim_floor = warmed_up (def, 8);
  sim_def = warmed_up (def, 8);
  sim_twelve = warmed_up (twelve, 250);
  g_print ("Renderer, %d frames at %dx%d on an image surface\n", FRAMES, WIDTH, HEIGHT);
  measure ("floor (clear and fill)", def, sim_floor, FLOOR);
  measure ("default scene, whole", def, sim_def, FULL);
  measure ("default scene, live layer", def, sim_def, LIVE);
  measure ("12 servers, whole", twelve, sim_twelve, FULL);
  measure ("12 servers, live layer", twelve, sim_twelve, LIVE);
  return 0;
}
