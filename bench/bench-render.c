/* bench-render.c — milliseconds per frame of the renderer at 1920×1080
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws the scenes the canvas would draw, frame after frame, onto an image
 * surface (no GPU), next to the floor: the same surface only cleared and
 * filled.  Each frame first advances the sim by 1/60 s, as the canvas's
 * tick does; that is not timed (the simulation has its own benchmark).
 * A drag frame is what one motion of the mouse costs while a machine is
 * dragged: the machine moved in the lesson, the layout made again, the
 * board drawn again and the live layer over it.
 *
 *   bench-render [--tsv] [--frames N] [--scene default|twelve] [--mode frame|whole|drag]
 *                SERVERS-12.JSON
 *
 * Run by `meson test -C build --benchmark --suite bench -v` and by
 * build-aux/bench, which reads the --tsv output.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "lesson/sb-lesson.h"
#include "render/sb-render.h"
#include "render/sb-render-drag.h"

#define WIDTH  1920
#define HEIGHT 1080

/* About 2 s per request (8 hops of 0.25 s): 10 requests/s keep ~20 in
 * flight, 250/s ~500. */
#define DEFAULT_RATE 10.0
#define TWELVE_RATE  250.0

typedef enum {
  FLOOR,   /* clear and fill: the least any frame costs */
  FRAME,   /* the cached board painted, then the live layer: the canvas's frame */
  WHOLE,   /* board and live layer from scratch: the first frame, a resize, an export */
  DRAG,    /* a machine moved: the board before the drag painted, the machine over it, live layer */
  DROP,    /* the drag ends: the board laid out and drawn again, with the live layer */
} Mode;

static const char * const mode_names[] = { "floor", "frame", "whole", "drag", "drop" };

/* The machine dragged, in the middle of the board, and how far it goes
 * round its place (diagram units). */
#define DRAG_HOST   "server-6"
#define DRAG_RADIUS 90.0
/* Every so many frames, the drag ends: a drop, timed apart. */
#define DROP_EVERY  10

static gboolean tsv;
static int n_frames = 600;
static char *only_scene;
static char *only_mode;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The board as the canvas caches it: drawn once, painted every frame,
 * with the record of where its captions are that the live layer reads. */
static cairo_surface_t *
cached_board (const SbLayout        *layout,
              const SbScenario      *scenario,
              const SbRenderOptions *options)
{
  cairo_surface_t *board = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (board);

  sb_render_draw_board (cr, layout, scenario, options, WIDTH, HEIGHT);
  cairo_destroy (cr);
  return board;
}

/* Not inlined, so that `valgrind --tool=callgrind --collect-atstart=no
 * --toggle-collect=draw_frame` counts exactly the frames. */
static G_GNUC_NO_INLINE void
draw_frame (cairo_t               *cr,
            Mode                   mode,
            const SbLayout        *layout,
            const SbScenario      *scenario,
            SbSim                 *sim,
            cairo_surface_t       *board,
            const SbRenderOptions *options)
{
  switch (mode)
    {
    case FLOOR:
      cairo_set_source_rgb (cr, 0.99, 0.99, 0.98);
      cairo_paint (cr);
      break;
    case FRAME:
      cairo_set_source_surface (cr, board, 0, 0);
      cairo_paint (cr);
      sb_render_draw_live (cr, layout, scenario, sim, options, WIDTH, HEIGHT);
      break;
    case WHOLE:
    default:
      sb_render_draw (cr, layout, scenario, sim, NULL, WIDTH, HEIGHT);
      break;
    }
}

static void
print_row (const char *scene,
           Mode        mode,
           double      in_flight,
           double     *ms,
           int         n)
{
  qsort (ms, n, sizeof ms[0], compare_doubles);
  if (tsv)
    g_print ("frame\t%s\t%s\t%.0f\t%.4f\t%.4f\n", scene, mode_names[mode],
             in_flight, ms[n / 2], ms[n * 99 / 100]);
  else
    g_print ("%-10s %-6s %5.0f in flight   median %7.3f ms   p99 %7.3f ms\n", scene,
             mode_names[mode], in_flight, ms[n / 2], ms[n * 99 / 100]);
}

/* Prints the median and 99th percentile of the N_FRAMES times in MS; for
 * a drag, every DROPS-th time (when not 0) is a drop, printed apart. */
static void
report (const char *scene,
        Mode        mode,
        double      in_flight,
        double     *ms,
        int         drops)
{
  g_autofree double *motions = g_new (double, n_frames);
  g_autofree double *dropped = g_new (double, n_frames);
  int n_motions = 0, n_drops = 0;

  if (drops == 0)
    {
      print_row (scene, mode, in_flight, ms, n_frames);
      return;
    }
  for (int i = 0; i < n_frames; i++)
    if (i % drops == drops - 1)
      dropped[n_drops++] = ms[i];
    else
      motions[n_motions++] = ms[i];
  print_row (scene, DRAG, in_flight, motions, n_motions);
  print_row (scene, DROP, in_flight, dropped, n_drops);
}

static void
measure (const char       *scene,
         const SbScenario *scenario,
         SbSim            *sim,
         Mode              mode)
{
  g_autoptr(SbLayout) layout = sb_layout_new (scenario);
  g_autoptr(SbRenderRecord) marks = sb_render_record_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_surface_t *board;
  g_autofree double *ms = g_new (double, n_frames);
  double in_flight = 0;
  SbRenderOptions options;

  sb_render_options_init (&options);
  options.record = marks;
  board = mode == FRAME ? cached_board (layout, scenario, &options) : NULL;

  for (int i = 0; i < n_frames; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start;

      sb_sim_advance (sim, SB_SIM_USEC_PER_SEC / 60);
      in_flight += (double) sb_sim_get_counters (sim)->in_flight;
      start = g_get_monotonic_time ();
      draw_frame (cr, mode, layout, scenario, sim, board, &options);
      cairo_surface_flush (surface);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      cairo_destroy (cr);
    }
  report (scene, mode, in_flight / n_frames, ms, 0);
  g_clear_pointer (&board, cairo_surface_destroy);
  cairo_surface_destroy (surface);
}

typedef struct {
  SbLesson     *lesson;
  SbLayout     *layout;   /* the board when the drag began */
  SbRenderDrag *drawing;
  GPtrArray    *ids;      /* the components on the machine dragged */
  GArray       *start;    /* their centres when the drag began (x, y pairs) */
} Drag;

static void
drag_begin (Drag                  *drag,
            const SbScenario      *scenario,
            double                 rate,
            const SbRenderOptions *options)
{
  g_autoptr(SbScenario) copy = sb_scenario_copy (scenario);
  const SbScenario *design;

  copy->traffic.rate = rate;
  drag->lesson = sb_lesson_new ();
  sb_lesson_set_scenario (drag->lesson, copy, NULL);
  sb_lesson_advance_to (drag->lesson, 20 * SB_SIM_USEC_PER_SEC);
  design = sb_lesson_get_scenario (drag->lesson);
  drag->layout = sb_layout_new (design);
  drag->ids = g_ptr_array_new_with_free_func (g_free);
  drag->start = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < design->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (design->components, i);
      double x, y;

      if (g_strcmp0 (c->host, DRAG_HOST) != 0)
        continue;
      sb_rect_center (sb_layout_get_rect (drag->layout, c->id), &x, &y);
      sb_layout_to_scenario (drag->layout, &x, &y);
      g_ptr_array_add (drag->ids, g_strdup (c->id));
      g_array_append_val (drag->start, x);
      g_array_append_val (drag->start, y);
    }
  g_assert_cmpuint (drag->ids->len, >, 0);
  /* What the canvas does once, when the mouse has moved far enough. */
  drag->drawing = sb_render_drag_new (drag->layout, sb_lesson_get_live_scenario (drag->lesson), options,
                                      DRAG_HOST, WIDTH, HEIGHT, 1);
}

static void
drag_end (Drag *drag)
{
  g_clear_pointer (&drag->drawing, sb_render_drag_free);
  g_clear_pointer (&drag->layout, sb_layout_free);
  g_clear_object (&drag->lesson);
  g_clear_pointer (&drag->ids, g_ptr_array_unref);
  g_clear_pointer (&drag->start, g_array_unref);
}

/* How far the drag has gone at FRAME: round the machine's place. */
static void
drag_offset (int     frame,
             double *dx,
             double *dy)
{
  double angle = frame * G_PI / 90;

  *dx = DRAG_RADIUS * cos (angle);
  *dy = DRAG_RADIUS * sin (angle);
}

/* One motion of the drag, as the canvas handles it: the machine moved in
 * the lesson, the board painted with the machine where it is now. */
static G_GNUC_NO_INLINE void
draw_drag_frame (cairo_t               *cr,
                 Drag                  *drag,
                 int                    frame,
                 const SbRenderOptions *options)
{
  guint n = drag->ids->len;
  g_autofree double *xs = g_new (double, n);
  g_autofree double *ys = g_new (double, n);
  double dx, dy;

  drag_offset (frame, &dx, &dy);
  for (guint i = 0; i < n; i++)
    {
      xs[i] = g_array_index (drag->start, double, 2 * i) + dx;
      ys[i] = g_array_index (drag->start, double, 2 * i + 1) + dy;
    }
  sb_lesson_move_components (drag->lesson, (const char * const *) drag->ids->pdata, xs, ys, n);
  sb_render_drag_draw (drag->drawing, cr, sb_lesson_get_live_scenario (drag->lesson),
                       sb_lesson_get_sim (drag->lesson), options, dx, dy);
}

/* The drop: the board laid out again with the machine where it was
 * dropped (the machines it overlaps giving way), drawn whole. */
static G_GNUC_NO_INLINE void
draw_drop (cairo_t               *cr,
           Drag                  *drag,
           const SbRenderOptions *options)
{
  SbLayoutOptions layout_options;
  g_autoptr(SbLayout) layout = NULL;

  sb_layout_options_init (&layout_options);
  layout_options.pinned = DRAG_HOST;
  layout = sb_layout_new_full (sb_lesson_get_scenario (drag->lesson), &layout_options);
  sb_render_draw_board (cr, layout, sb_lesson_get_live_scenario (drag->lesson), options, WIDTH, HEIGHT);
  sb_render_draw_live (cr, layout, sb_lesson_get_live_scenario (drag->lesson), sb_lesson_get_sim (drag->lesson),
                       options, WIDTH, HEIGHT);
}

static void
measure_drag (const char       *scene,
              const SbScenario *scenario,
              double            rate)
{
  g_autoptr(SbRenderRecord) marks = sb_render_record_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autofree double *ms = g_new (double, n_frames);
  double in_flight = 0;
  SbRenderOptions options;
  Drag drag = { NULL };

  sb_render_options_init (&options);
  options.record = marks;
  drag_begin (&drag, scenario, rate, &options);
  for (int i = 0; i < n_frames; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start;

      sb_lesson_advance_to (drag.lesson, sb_sim_get_time (sb_lesson_get_sim (drag.lesson))
                                         + SB_SIM_USEC_PER_SEC / 60);
      in_flight += (double) sb_sim_get_counters (sb_lesson_get_sim (drag.lesson))->in_flight;
      start = g_get_monotonic_time ();
      if (i % DROP_EVERY == DROP_EVERY - 1)
        draw_drop (cr, &drag, &options);
      else
        draw_drag_frame (cr, &drag, i, &options);
      cairo_surface_flush (surface);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      cairo_destroy (cr);
    }
  sb_lesson_end_move (drag.lesson);
  drag_end (&drag);
  report (scene, DRAG, in_flight / n_frames, ms, DROP_EVERY);
  cairo_surface_destroy (surface);
}

/* The scenario at RATE, run for 20 s so the requests in flight are steady. */
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

static void
run_scene (const char       *scene,
           const SbScenario *scenario,
           double            rate)
{
  if (only_scene && !g_str_equal (only_scene, scene))
    return;
  for (Mode mode = FRAME; mode <= WHOLE; mode++)
    {
      g_autoptr(SbSim) sim = NULL;

      if (only_mode && !g_str_equal (only_mode, mode_names[mode]))
        continue;
      sim = warmed_up (scenario, rate);
      measure (scene, scenario, sim, mode);
    }
}

/* A drag on the twelve servers, at the default scene's rate: the board is
 * being edited, not loaded with a stress test's traffic. */
static void
run_drag (const char       *scene,
          const SbScenario *scenario)
{
  if ((only_scene && !g_str_equal (only_scene, scene))
      || (only_mode && !g_str_equal (only_mode, mode_names[DRAG])))
    return;
  measure_drag (scene, scenario, DEFAULT_RATE);
}

int
main (int    argc,
      char **argv)
{
  const GOptionEntry entries[] = {
    { "tsv", 0, 0, G_OPTION_ARG_NONE, &tsv, "Tab-separated output for build-aux/bench", NULL },
    { "frames", 0, 0, G_OPTION_ARG_INT, &n_frames, "Frames per measurement (default 600)", "N" },
    { "scene", 0, 0, G_OPTION_ARG_STRING, &only_scene, "Only this scene: default or twelve", "NAME" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &only_mode, "Only this mode: frame, whole or drag", "MODE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("SERVERS-12.JSON");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) def = NULL;
  g_autoptr(SbScenario) twelve = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_frames < 100)
    {
      g_printerr ("%s\n", error ? error->message : "--frames: at least 100");
      return 2;
    }
  def = sb_scenario_load_bundled ("distributed", &error);
  g_assert_no_error (error);
  twelve = sb_scenario_load_from_file (argc > 1 ? argv[1] : "bench/servers-12.json", &error);
  g_assert_no_error (error);

  if (!tsv)
    g_print ("Renderer, %d frames at %dx%d on an image surface\n", n_frames, WIDTH, HEIGHT);
  if (only_scene == NULL && only_mode == NULL)
    {
      g_autoptr(SbSim) sim = warmed_up (def, DEFAULT_RATE);

      measure ("floor", def, sim, FLOOR);
    }
  run_scene ("default", def, DEFAULT_RATE);
  run_scene ("twelve", twelve, TWELVE_RATE);
  run_drag ("twelve", twelve);
  g_free (only_scene);
  g_free (only_mode);
  return 0;
}
