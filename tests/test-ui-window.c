/* test-ui-window.c — the real window under Xvfb shows the diagram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gstdio.h>

#include "app/sb-application.h"
#include "app/sb-caption-view.h"
#include "app/sb-question-card.h"
#include "app/sb-autosave.h"
#include "app/sb-config-window.h"
#include "app/sb-element-list.h"
#include "app/sb-element-panel.h"
#include "app/sb-event-item.h"
#include "app/sb-event-log.h"
#include "app/sb-handout-dialog.h"
#include "app/sb-review-window.h"
#include "app/sb-stats-panel.h"
#include "app/sb-preferences.h"
#include "app/sb-window.h"
#include "test-display.h"

typedef struct {
  SbApplication *app;
  SbWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* Every test starts on the default lesson, whatever the last one left. */
  g_settings_reset (settings, "last-scenario");
  sb_autosave_clear ();
  f->app = sb_application_new ();
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  f->window = sb_window_new (f->app, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->app);
}

/* The canvas as the user sees it, through GTK's own renderer. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

typedef struct {
  guchar *data;
  gsize   stride;
  int     width, height;
} Pixels;

static guint32
pixel (const Pixels *p,
       int           x,
       int           y)
{
  /* gdk_texture_download gives CAIRO_FORMAT_ARGB32 (native-endian). */
  return *(guint32 *) (p->data + y * p->stride + x * 4) & 0xffffff;
}

static void
widget_point (SbCanvas   *canvas,
              const char *id,
              double      fx,
              double      fy,
              int        *x,
              int        *y)
{
  const SbLayout *layout = sb_canvas_get_layout (canvas);
  const SbRect *r = sb_layout_get_rect (layout, id);
  SbViewTransform t = sb_layout_fit (layout, gtk_widget_get_width (GTK_WIDGET (canvas)),
                                     gtk_widget_get_height (GTK_WIDGET (canvas)));

  g_assert_nonnull (r);
  *x = (int) ((r->x + r->width * fx) * t.scale + t.offset_x);
  *y = (int) ((r->y + r->height * fy) * t.scale + t.offset_y);
}

/* The side panel's Activity page: statistics and events, read only while
 * shown. */
static void
show_activity (Fixture *f)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (sb_window_get_stats_panel (f->window),
                                                        GTK_TYPE_STACK));

  gtk_stack_set_visible_child_name (stack, "activity");
  g_assert_true (gtk_widget_get_mapped (sb_window_get_stats_panel (f->window)));
}

static void
test_window_draws_diagram (Fixture       *f,
                           gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  g_autoptr(GdkTexture) texture = render_widget (GTK_WIDGET (canvas));
  Pixels p = { NULL, 0, gdk_texture_get_width (texture), gdk_texture_get_height (texture) };
  g_autofree guchar *bytes = NULL;
  const char *ids[] = { "user", "dns", "lb", "web-1", "app-1", "code-1", "db-1",
                        "web-2", "app-2", "code-2", "db-2" };
  int dark = 0, x, y;

  g_assert_cmpint (p.width, >=, 800);
  p.stride = p.width * 4;
  p.data = bytes = g_malloc (p.stride * p.height);
  gdk_texture_download (texture, p.data, p.stride);

  g_assert_cmphex (pixel (&p, 2, 2), ==, 0xfcfcf9);
  /* Every element of the contract is on the board, as a white node. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      widget_point (canvas, ids[i], 0.97, 0.9, &x, &y);
      g_assert_cmphex (pixel (&p, x, y), ==, 0xffffff);
    }
  /* A machine's frame: inside its bottom-left corner, clear of the curve. */
  widget_point (canvas, "server-2", 0.03, 0.97, &x, &y);
  g_assert_cmphex (pixel (&p, x, y), ==, 0xedf2f7);
  /* Ink: labels, glyphs and links cover a real share of the board. */
  for (y = 0; y < p.height; y++)
    for (x = 0; x < p.width; x++)
      dark += (pixel (&p, x, y) & 0xff) < 0x70;
  g_assert_cmpint (dark, >, p.width * p.height / 100);
}

static void
download (GdkTexture *texture,
          Pixels     *p)
{
  p->width = gdk_texture_get_width (texture);
  p->height = gdk_texture_get_height (texture);
  p->stride = p->width * 4;
  p->data = g_malloc (p->stride * p->height);
  gdk_texture_download (texture, p->data, p->stride);
}

/* Killing the load balancer through the window's action shows at once (a
 * red cross over its node) and every request from then on fails there. */
static void
test_window_kill_shows_dead (Fixture       *f,
                             gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  g_autoptr(GdkTexture) texture = NULL;
  SbSim *sim = sb_lesson_get_sim (sb_canvas_get_lesson (canvas));
  guint64 failed_before;
  Pixels p;
  guint32 px;
  int x, y;

  sb_lesson_set_playing (sb_canvas_get_lesson (canvas), FALSE);
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "lb");
  failed_before = sb_sim_get_counters (sim)->failed;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.kill", NULL);
  g_assert_false (sb_sim_is_up (sim, "lb"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  texture = render_widget (GTK_WIDGET (canvas));
  download (texture, &p);
  widget_point (canvas, "lb", 0.5, 0.5, &x, &y);
  px = pixel (&p, x, y);
  g_assert_cmphex (px >> 16, >, 0xa0);
  g_assert_cmphex (px >> 8 & 0xff, <, 0x50);
  g_free (p.data);

  sb_lesson_advance_to (sb_canvas_get_lesson (canvas), sb_sim_get_time (sim) + 20 * SB_SIM_USEC_PER_SEC);
  g_assert_cmpuint (sb_sim_get_counters (sim)->failed, >, failed_before + 15);
  g_assert_cmpuint (sb_sim_get_counters (sim)->reasons[SB_FAILURE_CONNECTION_REFUSED], >, 15);
}

static void
test_window_kill_action (Fixture       *f,
                         gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  SbSim *sim = sb_lesson_get_sim (sb_canvas_get_lesson (canvas));
  int x, y;

  sb_lesson_set_playing (sb_canvas_get_lesson (canvas), FALSE);
  widget_point (canvas, "server-1", 0.02, 0.5, &x, &y);
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), sb_canvas_element_at (canvas, x, y));
  g_assert_cmpstr (sb_lesson_get_selected (sb_canvas_get_lesson (canvas)), ==, "server-1");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.kill", NULL);
  g_assert_cmpint (sb_sim_get_element_state (sim, "server-1"), ==, SB_ELEMENT_DOWN);
  g_assert_cmpint (sb_sim_get_element_state (sim, "web-1"), ==, SB_ELEMENT_HOST_DOWN);
  sb_lesson_advance_to (sb_canvas_get_lesson (canvas), 20 * SB_SIM_USEC_PER_SEC);
  /* Requests sent to server 1 fail there; writes fail at server 2's
   * application server, the primary being on server 1. */
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "server-1"), >, 0);
  g_assert_cmpuint (sb_sim_get_failures_at (sim, "server-1") + sb_sim_get_failures_at (sim, "app-2"),
                    ==, sb_sim_get_counters (sim)->failed);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.revive", NULL);
  g_assert_cmpint (sb_sim_get_element_state (sim, "server-1"), ==, SB_ELEMENT_UP);
}

/* Selecting an element explains it; nothing selected explains the scenario. */
static void
test_window_panel (Fixture       *f,
                   gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  SbElementPanel *panel = SB_ELEMENT_PANEL (sb_window_get_panel (f->window));
  const SbComponent *lb = sb_scenario_find_component (sb_lesson_get_scenario (sb_canvas_get_lesson (canvas)), "lb");

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_cmpstr (sb_element_panel_get_title (panel), ==, sb_lesson_get_scenario (sb_canvas_get_lesson (canvas))->title);
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "lb");
  g_assert_cmpstr (sb_element_panel_get_title (panel), ==, lb->label);
  /* What the design makes of it, then the author's note while it is true. */
  g_assert_true (g_str_has_prefix (sb_element_panel_get_explanation (panel), "With more than one server"));
  g_assert_nonnull (strstr (sb_element_panel_get_explanation (panel), "chosen by round robin"));
  g_assert_true (g_str_has_suffix (sb_element_panel_get_explanation (panel), lb->explanation));
  /* Least connections: the explanation follows, the note (round robin) goes. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.algorithm", "s", "leastconn");
  g_assert_nonnull (strstr (sb_element_panel_get_explanation (panel), "least"));
  g_assert_null (strstr (sb_element_panel_get_explanation (panel), "round robin"));
  g_assert_null (strstr (sb_element_panel_get_explanation (panel), "Note:"));
  /* An added server's Nginx is explained as what it is, not as a copy. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-element", "s", "host");
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "web-1");
  g_assert_nonnull (strstr (sb_element_panel_get_explanation (panel), "Server 1"));
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), NULL);
  g_assert_cmpstr (sb_element_panel_get_explanation (panel), ==, sb_lesson_get_scenario (sb_canvas_get_lesson (canvas))->summary);
}

/* Step moves hop by hop; step back re-runs to the previous hop, replaying
 * the kills made before it and forgetting those after. */
static void
test_window_step (Fixture       *f,
                  gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  gint64 t[6];

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset", NULL);
  for (int i = 0; i < 6; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step-forward", NULL);
      t[i] = sb_sim_get_time (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)));
      g_assert_true (i == 0 || t[i] > t[i - 1]);
    }
  g_assert_false (sb_lesson_get_playing (sb_canvas_get_lesson (canvas)));
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "server-1");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.kill", NULL);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step-forward", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step-back", NULL);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (sb_canvas_get_lesson (canvas))), ==, t[5]);
  g_assert_false (sb_sim_is_up (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)), "server-1"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step-back", NULL);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (sb_canvas_get_lesson (canvas))), ==, t[4]);
  g_assert_true (sb_sim_is_up (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)), "server-1"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step-forward", NULL);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (sb_canvas_get_lesson (canvas))), ==, t[5]);
  g_assert_true (sb_sim_is_up (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)), "server-1"));
}

/* The lesson menu walks the four steps in order, each introduced by its
 * summary; in step 3 a firewall opens and closes, and step back replays it. */
static void
test_window_lesson (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const steps[] = { "one-server", "distributed", "secured-monitored", "scale-up" };
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  SbElementPanel *panel = SB_ELEMENT_PANEL (sb_window_get_panel (f->window));
  SbSim *sim;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const SbScenario *scenario;

      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lesson-step", "s", steps[i]);
      scenario = sb_lesson_get_scenario (sb_canvas_get_lesson (canvas));
      g_assert_cmpstr (scenario->name, ==, steps[i]);
      g_assert_cmpstr (sb_element_panel_get_explanation (panel), ==, scenario->summary);
    }
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lesson-step", "s", "secured-monitored");
  sb_lesson_set_playing (sb_canvas_get_lesson (canvas), FALSE);
  for (int i = 0; i < 4; i++)
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step-forward", NULL);
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "fw-1");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-firewall", NULL);
  sim = sb_lesson_get_sim (sb_canvas_get_lesson (canvas));
  g_assert_true (sb_sim_is_firewall_open (sim, "fw-1"));
  g_assert_nonnull (strstr (sb_element_panel_get_state (panel),
                            "\nOpened: every port of the machine is exposed"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step-forward", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step-back", NULL);
  g_assert_true (sb_sim_is_firewall_open (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)), "fw-1"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-firewall", NULL);
  g_assert_false (sb_sim_is_firewall_open (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)), "fw-1"));
  /* Not a firewall: a toast, nothing changes. */
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "web-1");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-firewall", NULL);
  g_assert_true (sb_sim_is_up (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)), "web-1"));
}

/* Pixels of the "none" pill's green in the top tenth of the canvas. */
static guint
top_green (SbCanvas *canvas)
{
  g_autoptr(GdkTexture) texture = render_widget (GTK_WIDGET (canvas));
  Pixels p;
  guint n = 0;

  download (texture, &p);
  for (int y = 0; y < p.height / 10; y++)
    for (int x = 0; x < p.width; x++)
      n += pixel (&p, x, y) == 0xbfffbf;
  g_free (p.data);
  return n;
}

/* Step 4 has no single point of failure for reads, and the board says so. */
static void
test_window_no_spof (Fixture       *f,
                     gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  GActionGroup *group = G_ACTION_GROUP (f->window);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lesson-step", "s", "scale-up");
  sb_lesson_set_playing (sb_canvas_get_lesson (canvas), FALSE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpuint (top_green (canvas), ==, 0);
  g_action_group_activate_action (group, "spof", g_variant_new_string ("reads"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpuint (top_green (canvas), >, 100);
  /* Writes still have theirs: no such message. */
  g_action_group_activate_action (group, "spof", g_variant_new_string ("writes"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpuint (top_green (canvas), ==, 0);
}

/* The canvas draws each step as the layout check wants it, and its
 * frames read the board's record (the badges of the live layer are in
 * it, placed clear of the board's captions). */
static void
test_window_board_marks (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const steps[] = { "one-server", "distributed", "secured-monitored", "scale-up" };
  SbCanvas *canvas = sb_window_get_canvas (f->window);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      const SbRenderRecord *marks;
      const SbLayout *layout;

      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lesson-step", "s", steps[i]);
      sb_lesson_set_playing (sb_canvas_get_lesson (canvas), FALSE);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
      texture = render_widget (GTK_WIDGET (canvas));
      marks = sb_canvas_get_marks (canvas);
      layout = sb_canvas_get_layout (canvas);
      g_assert_nonnull (marks);
      g_assert_nonnull (sb_render_record_find (marks, SB_MARK_BADGE, NULL, "v0"));
      problems = sb_render_record_check (marks, sb_layout_get_width (layout), sb_layout_get_height (layout));
      for (guint j = 0; j < problems->len; j++)
        g_test_message ("%s: %s", steps[i], (const char *) g_ptr_array_index (problems, j));
      g_assert_cmpuint (problems->len, ==, 0);
    }
}

static void
test_window_speed (Fixture       *f,
                   gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);

  sb_lesson_set_speed (sb_canvas_get_lesson (canvas), 1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.faster", NULL);
  g_assert_cmpfloat (sb_lesson_get_speed (sb_canvas_get_lesson (canvas)), ==, 2);
  for (int i = 0; i < 10; i++)
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.slower", NULL);
  g_assert_cmpfloat (sb_lesson_get_speed (sb_canvas_get_lesson (canvas)), ==, 0.25);
  for (int i = 0; i < 10; i++)
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.faster", NULL);
  g_assert_cmpfloat (sb_lesson_get_speed (sb_canvas_get_lesson (canvas)), ==, 8);
}

/* Active-passive from the settings: server 2 waits while server 1 is up,
 * and the choice survives stepping back. */
static void
test_window_active_passive (Fixture       *f,
                            gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  SbSim *sim;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset", NULL);
  sb_lesson_set_playing (sb_canvas_get_lesson (canvas), FALSE);
  sb_lesson_set_setting (sb_canvas_get_lesson (canvas), SB_SETTING_MODE, SB_MODE_ACTIVE_PASSIVE);
  sim = sb_lesson_get_sim (sb_canvas_get_lesson (canvas));
  sb_lesson_advance_to (sb_canvas_get_lesson (canvas), 30 * SB_SIM_USEC_PER_SEC);
  g_assert_cmpuint (sb_sim_get_served_by (sim, "server-1"), >, 20);
  g_assert_cmpuint (sb_sim_get_served_by (sim, "server-2"), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step-back", NULL);
  g_assert_cmpint (sb_sim_get_scenario (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)))->balancer.mode, ==, SB_MODE_ACTIVE_PASSIVE);
}

/* A bad file is refused and the lesson goes on; a good one replaces it;
 * saving writes what the board shows, settings included. */
static void
test_window_open_save (Fixture       *f,
                       gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad", "two-primaries.json", NULL);
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "good", "three-servers.json", NULL);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stackboard-save-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "saved.json", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autoptr(SbScenario) reloaded = NULL;

  g_assert_false (sb_window_open_file (f->window, bad_file));
  g_assert_cmpstr (sb_lesson_get_scenario (sb_canvas_get_lesson (canvas))->name, ==, "distributed");

  g_assert_true (sb_window_open_file (f->window, good_file));
  g_assert_cmpuint (sb_lesson_get_scenario (sb_canvas_get_lesson (canvas))->hosts->len, ==, 3);

  sb_lesson_set_setting (sb_canvas_get_lesson (canvas), SB_SETTING_ALGORITHM, SB_ALGORITHM_LEASTCONN);
  g_assert_true (sb_window_save_file (f->window, out_file));
  reloaded = sb_scenario_load_from_file (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reloaded->hosts->len, ==, 3);
  g_assert_cmpint (reloaded->balancer.algorithm, ==, SB_ALGORITHM_LEASTCONN);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lesson-step", "s", "one-server");
  g_assert_cmpstr (sb_lesson_get_scenario (sb_canvas_get_lesson (canvas))->name, ==, "one-server");
  {
    /* The next window opens on the lesson the teacher was at. */
    SbWindow *next = sb_window_new (f->app, NULL);

    g_assert_cmpstr (sb_lesson_get_scenario (sb_canvas_get_lesson (sb_window_get_canvas (next)))->name, ==, "one-server");
    gtk_window_destroy (GTK_WINDOW (next));
  }
  g_unlink (out);
  g_rmdir (dir);
}

static gboolean
time_out (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the window's presentation mode is WANTED (the
 * window system answers a fullscreen request in its own time); FALSE
 * after five seconds. */
static gboolean
wait_presenting (SbWindow *window,
                 gboolean  wanted)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (5, time_out, &timed_out);

  while (sb_window_get_presenting (window) != wanted && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return !timed_out;
}

/* The distributed step's script, played in the window: the board stops at
 * the question on a card, the vote shows, the reveal is the caption on the
 * board and a line of the log. */
static void
test_window_script (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *card = sb_window_get_question_card (f->window);
  GtkWidget *caption = sb_window_get_caption_view (f->window);
  SbLesson *lesson = sb_window_get_lesson (f->window);
  gboolean timed_out = FALSE;
  guint source;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lesson-step", "s", "distributed");
  sb_lesson_set_speed (lesson, 8);
  g_assert_false (gtk_widget_get_visible (card));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.script", NULL);
  g_assert_true (sb_lesson_get_script_playing (lesson));
  source = g_timeout_add_seconds (20, time_out, &timed_out);
  while (!gtk_widget_get_visible (card) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (source);
  g_assert_cmpstr (sb_question_card_get_text (SB_QUESTION_CARD (card)), ==,
                   "Server 1 dies now. What do visitors see?");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.vote", "i", 2);
  g_assert_cmpint (sb_lesson_get_vote (lesson), ==, 2);
  /* A vote out of the choices is refused; the vote stays. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.vote", "i", 4);
  g_assert_cmpint (sb_lesson_get_vote (lesson), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reveal", NULL);
  g_assert_false (gtk_widget_get_visible (card));
  g_assert_true (gtk_widget_get_visible (caption));
  g_assert_nonnull (strstr (sb_caption_view_get_text (SB_CAPTION_VIEW (caption)), "health checks"));
}

/* Zoom: the keys' actions, the board stays under the pointer's hit test. */
static void
test_window_zoom (Fixture       *f,
                  gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  double x, y;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (sb_canvas_get_zoom (canvas), 1.5625, 1e-9);
  g_assert_true (sb_canvas_element_center (canvas, "lb", &x, &y));
  g_assert_cmpstr (sb_canvas_element_at (canvas, x, y), ==, "lb");
  for (int i = 0; i < 10; i++)
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL);
  g_assert_cmpfloat (sb_canvas_get_zoom (canvas), ==, 4.0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-reset", NULL);
  g_assert_cmpfloat (sb_canvas_get_zoom (canvas), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-out", NULL);
  g_assert_cmpfloat (sb_canvas_get_zoom (canvas), ==, 1.0);
}

/* Presentation mode leaves the board alone on the wall. */
static void
test_window_presentation (Fixture       *f,
                          gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (sb_window_get_panel (f->window), ADW_TYPE_FLAP));

  g_assert_true (adw_flap_get_reveal_flap (flap));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.presentation", NULL);
  g_assert_true (wait_presenting (f->window, TRUE));
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (f->window)));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  /* Readable from the back row: the board's text larger, the boxes
   * grown to hold it; back to the usual size on leaving. */
  g_assert_cmpfloat (sb_canvas_get_text_scale (canvas), ==, SB_LAYOUT_PRESENTATION_TEXT_SCALE);
  g_assert_cmpfloat (sb_layout_get_metrics (sb_canvas_get_layout (canvas))->font, ==,
                     22 * SB_LAYOUT_PRESENTATION_TEXT_SCALE);
  /* F9 brings the explanations back even on the wall. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-panel", NULL);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  /* Escape leaves, with the panel as it was before. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.leave-presentation", NULL);
  g_assert_true (wait_presenting (f->window, FALSE));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_cmpfloat (sb_canvas_get_text_scale (canvas), ==, 1);
  g_assert_cmpfloat (sb_layout_get_metrics (sb_canvas_get_layout (canvas))->font, ==, 22);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.leave-presentation", NULL);
  g_assert_true (adw_flap_get_reveal_flap (flap));
}

/* The log lists each finished request with its path; picking one frames
 * that path; a reset empties it. */
static void
test_window_event_log (Fixture       *f,
                       gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  SbEventLog *log = SB_EVENT_LOG (sb_window_get_event_log (f->window));
  GListModel *model = sb_event_log_get_model (log);
  g_autoptr(SbEventItem) first = NULL;
  guint n;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset", NULL);
  sb_lesson_set_playing (sb_canvas_get_lesson (canvas), FALSE);
  show_activity (f);
  sb_lesson_advance_to (sb_canvas_get_lesson (canvas), 10 * SB_SIM_USEC_PER_SEC);
  n = g_list_model_get_n_items (model);
  /* Every event the sim logged is a row, the finished requests among them. */
  g_assert_cmpuint (n, ==, sb_sim_get_events_end (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)))
                           - sb_sim_get_events_first (sb_lesson_get_sim (sb_canvas_get_lesson (canvas))));
  g_assert_cmpuint (n, >=, sb_sim_get_counters (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)))->succeeded);
  g_assert_cmpuint (sb_sim_get_counters (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)))->succeeded, >, 0);
  /* The newest first: the first request is at the bottom. */
  first = g_list_model_get_item (model, n - 1);
  g_assert_cmpstr (sb_event_item_get_path (first)[0], ==, "user");
  g_assert_false (sb_event_item_is_failure (first));
  g_assert_nonnull (strstr (sb_event_item_get_text (first), "#1 "));
  sb_event_log_select (log, n - 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpstr (sb_lesson_get_highlight (sb_canvas_get_lesson (canvas))[0], ==, "user");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

/* The statistics name who served and where requests failed, with the
 * sim's exact numbers. */
static void
test_window_stats (Fixture       *f,
                   gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  SbStatsPanel *stats = SB_STATS_PANEL (sb_window_get_stats_panel (f->window));
  SbSim *sim;
  g_autofree char *failed = NULL;
  g_autofree char *served = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset", NULL);
  show_activity (f);
  sb_lesson_set_playing (sb_canvas_get_lesson (canvas), FALSE);
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "server-1");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.kill", NULL);
  sim = sb_lesson_get_sim (sb_canvas_get_lesson (canvas));
  sb_lesson_advance_to (sb_canvas_get_lesson (canvas), 20 * SB_SIM_USEC_PER_SEC);
  failed = g_strdup_printf ("  Server 1: %llu", (unsigned long long) sb_sim_get_failures_at (sim, "server-1"));
  served = g_strdup_printf ("  Server 2: %llu", (unsigned long long) sb_sim_get_served_by (sim, "server-2"));
  g_assert_nonnull (strstr (sb_stats_panel_get_text (stats), "Failed at:"));
  g_assert_nonnull (strstr (sb_stats_panel_get_text (stats), failed));
  g_assert_nonnull (strstr (sb_stats_panel_get_text (stats), served));
  g_assert_null (strstr (sb_stats_panel_get_text (stats), "  Server 1: 0"));
  /* Labels, not ids: what the board shows. */
  g_assert_null (strstr (sb_stats_panel_get_text (stats), "server-"));
}

/* The element list and the board share one selection, and the list says
 * what is down. */
static void
test_window_element_list (Fixture       *f,
                          gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  SbElementList *list = SB_ELEMENT_LIST (sb_window_get_element_list (f->window));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset", NULL);
  g_assert_cmpstr (sb_element_list_get_row_text (list, "lb"), ==, "Load balancer (HAProxy) — up");
  sb_element_list_select (list, "server-1");
  g_assert_cmpstr (sb_lesson_get_selected (sb_canvas_get_lesson (canvas)), ==, "server-1");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.kill", NULL);
  g_assert_cmpstr (sb_element_list_get_row_text (list, "server-1"), ==, "Server 1 — down");
  g_assert_cmpstr (sb_element_list_get_row_text (list, "web-1"), ==, "    Nginx — down (machine down)");
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "db-2");
  sb_element_list_select (list, "db-2");
  g_assert_cmpstr (sb_lesson_get_selected (sb_canvas_get_lesson (canvas)), ==, "db-2");
}

/* Add server: round robin over three; the window knows it was edited. */
static void
test_window_add_server (Fixture       *f,
                        gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  SbSim *sim;
  guint64 a, b, c;

  g_assert_false (sb_window_get_modified (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-server", NULL);
  g_assert_true (sb_window_get_modified (f->window));
  g_assert_cmpuint (sb_lesson_get_scenario (sb_canvas_get_lesson (canvas))->hosts->len, ==, 3);
  g_assert_cmpstr (sb_lesson_get_selected (sb_canvas_get_lesson (canvas)), ==, "server-3");
  sb_lesson_set_playing (sb_canvas_get_lesson (canvas), FALSE);
  sim = sb_lesson_get_sim (sb_canvas_get_lesson (canvas));
  sb_lesson_advance_to (sb_canvas_get_lesson (canvas), 60 * SB_SIM_USEC_PER_SEC);
  a = sb_sim_get_served_by (sim, "server-1");
  b = sb_sim_get_served_by (sim, "server-2");
  c = sb_sim_get_served_by (sim, "server-3");
  g_assert_cmpuint (a + b + c, ==, sb_sim_get_counters (sim)->succeeded);
  g_assert_cmpuint (MAX (a, MAX (b, c)) - MIN (a, MIN (b, c)), <=, 1);
  g_assert_cmpuint (c, >, 10);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL);
  g_assert_cmpuint (sb_lesson_get_scenario (sb_canvas_get_lesson (canvas))->hosts->len, ==, 2);
}

/* The first toplevel window of TYPE, or NULL. */
static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* An edit is written to the window's recovery a moment later; another
 * window leaves it alone while its owner lives; once the owner is gone
 * without saving, the next window brings it back, still marked edited.
 * (Two processes and kill -9: tests/test-ui-recovery.c.) */
static void
test_window_autosave (Fixture       *f,
                      gconstpointer  data)
{
  SbAutosave *autosave = sb_window_get_autosave (f->window);
  g_autofree char *path = g_strdup (sb_autosave_get_path (autosave));
  SbWindow *next;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-server", NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (sb_autosave_flush (autosave, NULL));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Another window leaves it alone while its owner lives. */
  next = sb_window_new (f->app, NULL);
  g_assert_false (sb_window_get_modified (next));
  gtk_window_destroy (GTK_WINDOW (next));

  /* Gone without a close request, no save. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = sb_window_new (f->app, NULL);
  g_assert_true (sb_window_get_modified (f->window));
  g_assert_cmpuint (sb_lesson_get_scenario (sb_window_get_lesson (f->window))->hosts->len, ==, 3);
}

/* Opening another lesson over an edit asks first; Discard goes ahead and
 * drops the autosave. */
static void
test_window_confirm_discard (Fixture       *f,
                             gconstpointer  data)
{
  SbLesson *lesson = sb_window_get_lesson (f->window);
  g_autofree char *path = g_strdup (sb_autosave_get_path (sb_window_get_autosave (f->window)));
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-server", NULL);
  g_assert_true (sb_autosave_flush (sb_window_get_autosave (f->window), NULL));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lesson-step", "s", "one-server");
  g_assert_cmpuint (sb_lesson_get_scenario (lesson)->hosts->len, ==, 3);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  g_assert_cmpstr (sb_lesson_get_scenario (lesson)->name, ==, "one-server");
  g_assert_false (sb_window_get_modified (f->window));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Preferences open from the app action and write through to GSettings. */
static void
test_window_preferences (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GListModel *toplevels = gtk_window_get_toplevels ();
  SbPreferences *prefs = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && prefs == NULL; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (SB_IS_PREFERENCES (window))
        prefs = SB_PREFERENCES (window);
    }
  g_assert_nonnull (prefs);
  g_settings_set_string (settings, "style", "marker");
  g_settings_set_double (settings, "speed", 4);
  g_assert_cmpfloat (sb_lesson_get_speed (sb_canvas_get_lesson (sb_window_get_canvas (f->window))), ==, 4);
  g_settings_reset (settings, "style");
  g_settings_reset (settings, "speed");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* GTK 4 has no synthetic key events for tests: emit the key controller's
 * signal, which is what a key press on the focused widget ends in. */
static gboolean
send_key (GtkWidget *widget,
          guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

/* With the keyboard: focus the board, arrows walk the elements, K kills. */
static void
test_window_keyboard (Fixture       *f,
                      gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  SbSim *sim = sb_lesson_get_sim (sb_canvas_get_lesson (canvas));
  const char *second = sb_sim_get_element_id (sim, 1);

  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), NULL);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  g_assert_true (send_key (GTK_WIDGET (canvas), GDK_KEY_Right));
  g_assert_cmpstr (sb_lesson_get_selected (sb_canvas_get_lesson (canvas)), ==, sb_sim_get_element_id (sim, 0));
  g_assert_true (send_key (GTK_WIDGET (canvas), GDK_KEY_Down));
  g_assert_cmpstr (sb_lesson_get_selected (sb_canvas_get_lesson (canvas)), ==, second);
  g_assert_true (send_key (GTK_WIDGET (canvas), GDK_KEY_Left));
  g_assert_cmpstr (sb_lesson_get_selected (sb_canvas_get_lesson (canvas)), ==, sb_sim_get_element_id (sim, 0));
  g_assert_true (send_key (GTK_WIDGET (canvas), GDK_KEY_Left));
  g_assert_cmpstr (sb_lesson_get_selected (sb_canvas_get_lesson (canvas)), ==,
                   sb_sim_get_element_id (sim, sb_sim_get_n_elements (sim) - 1));
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_EVENT_CONTROLLER (controller);
    }
  return NULL;
}

/* Dragging the DNS moves it on the board, marks the scenario edited and
 * is saved as its position. */
static void
test_window_drag (Fixture       *f,
                  gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  GtkEventController *drag = find_controller (GTK_WIDGET (canvas), GTK_TYPE_GESTURE_DRAG);
  SbRect before = *sb_layout_get_rect (sb_canvas_get_layout (canvas), "dns");
  SbViewTransform t = sb_layout_fit (sb_canvas_get_layout (canvas), gtk_widget_get_width (GTK_WIDGET (canvas)),
                                     gtk_widget_get_height (GTK_WIDGET (canvas)));
  const SbRect *user = sb_layout_get_rect (sb_canvas_get_layout (canvas), "user");
  SbRect user_before = *user;
  g_autoptr(SbScenario) saved = NULL;
  int x, y;

  g_assert_nonnull (drag);
  widget_point (canvas, "dns", 0.5, 0.5, &x, &y);
  g_signal_emit_by_name (drag, "drag-begin", (double) x, (double) y);
  g_signal_emit_by_name (drag, "drag-update", 0.0, 100 * t.scale);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 100 * t.scale);
  g_assert_true (sb_window_get_modified (f->window));
  /* The DNS went 100 units down; the user did not move. */
  g_assert_cmpfloat_with_epsilon (sb_layout_get_rect (sb_canvas_get_layout (canvas), "dns")->y - before.y,
                                  100, 0.01);
  user = sb_layout_get_rect (sb_canvas_get_layout (canvas), "user");
  g_assert_cmpfloat_with_epsilon (user->y, user_before.y, 0.01);
  saved = sb_lesson_dup_scenario (sb_canvas_get_lesson (canvas));
  g_assert_true (sb_scenario_find_component (saved, "dns")->has_position);
}

/* The configuration view lists the files and lights up the selected
 * element's lines; saving writes them into a folder. */
static void
test_window_configuration (Fixture       *f,
                           gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  SbConfigWindow *config = sb_config_window_new (GTK_WINDOW (f->window), sb_canvas_get_lesson (canvas));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stackboard-config-XXXXXX", &error);
  g_autofree char *cfg = g_build_filename (dir, "haproxy", "haproxy.cfg", NULL);
  guint for_server, for_db;

  g_assert_cmpuint (sb_config_window_get_n_files (config), ==, 7);
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), NULL);
  g_assert_cmpuint (sb_config_window_get_n_highlighted (config), ==, 0);
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "server-2");
  for_server = sb_config_window_get_n_highlighted (config);
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "db-2");
  for_db = sb_config_window_get_n_highlighted (config);
  /* The machine's lines include its database's, and more. */
  g_assert_cmpuint (for_db, >, 5);
  g_assert_cmpuint (for_server, >, for_db);

  g_assert_true (sb_config_window_save_to (config, dir));
  g_assert_true (g_file_test (cfg, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (config));
}


/* The frame clock drives the simulation while playing; reset goes back. */
static void
test_window_plays (Fixture       *f,
                   gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (20, time_out, &timed_out);

  g_assert_true (sb_lesson_get_playing (sb_canvas_get_lesson (canvas)));
  sb_lesson_set_speed (sb_canvas_get_lesson (canvas), 8);
  while (!timed_out && sb_sim_get_time (sb_lesson_get_sim (sb_canvas_get_lesson (canvas))) < 2 * SB_SIM_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (source);
  g_assert_cmpuint (sb_sim_get_counters (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)))->requests, >=, 2);

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "play", NULL);
  g_assert_false (sb_lesson_get_playing (sb_canvas_get_lesson (canvas)));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset", NULL);
  g_assert_cmpint (sb_sim_get_time (sb_lesson_get_sim (sb_canvas_get_lesson (canvas))), ==, 0);
  g_assert_cmpuint (sb_sim_get_counters (sb_lesson_get_sim (sb_canvas_get_lesson (canvas)))->requests, ==, 0);
}

/* What the export menu writes: a PNG of the board at double size. */
static void
test_window_export (Fixture       *f,
                    gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stackboard-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "board.png", NULL);
  cairo_surface_t *png;

  g_assert_true (sb_canvas_export (canvas, path, 2, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 3200);
  cairo_surface_destroy (png);
  g_unlink (path);
  g_rmdir (dir);
}

/* The Review of the design: opened from the menu's action, its text
 * selectable, the same Markdown as the command line's, saved whole. */
static SbReviewWindow *
find_review_window (void)
{
  return find_toplevel (SB_TYPE_REVIEW_WINDOW);
}

static void
test_window_review (Fixture       *f,
                    gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stackboard-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "review.md", NULL);
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  SbReviewWindow *review;

  g_assert_null (find_review_window ());
  /* The review follows the live settings: source hashing. */
  sb_lesson_set_setting (sb_canvas_get_lesson (canvas), SB_SETTING_ALGORITHM, SB_ALGORITHM_SOURCE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review", NULL);
  review = find_review_window ();
  g_assert_nonnull (review);
  text = sb_review_window_dup_text (review);
  g_assert_nonnull (strstr (text, "HAProxy is the only way in: if it fails, no request reaches any server."));
  g_assert_nonnull (strstr (text, "Source: HAProxy computes the server"));
  g_assert_true (g_str_has_prefix (sb_review_window_get_markdown (review), "# Review: Distributed web infrastructure\n"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.copy", NULL));
  g_assert_true (sb_review_window_save_to (review, path));
  g_assert_true (g_file_get_contents (path, &saved, NULL, &error));
  g_assert_cmpstr (saved, ==, sb_review_window_get_markdown (review));
  gtk_window_destroy (GTK_WINDOW (review));
  g_unlink (path);
  g_rmdir (dir);
}

/* The handouts from the window, and the clean export's choice. */
static void
test_window_handout (Fixture       *f,
                     gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stackboard-ui-XXXXXX", &error);
  g_autofree char *design = g_build_filename (dir, "design.pdf", NULL);
  g_autofree char *lesson = g_build_filename (dir, "lesson.pdf", NULL);
  g_autofree char *clean1 = g_build_filename (dir, "clean1.png", NULL);
  g_autofree char *clean2 = g_build_filename (dir, "clean2.png", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize na, nb;

  g_assert_true (sb_handout_dialog_write (f->window, design, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (sb_handout_dialog_write (f->window, lesson, TRUE, &error));
  g_assert_true (g_file_get_contents (design, &a, &na, NULL));
  g_assert_true (g_file_get_contents (lesson, &b, &nb, NULL));
  g_assert_true (g_str_has_prefix (a, "%PDF-") && g_str_has_prefix (b, "%PDF-"));
  /* Four steps take more pages than one design. */
  g_assert_cmpuint (nb, >, 2 * na);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);
  g_assert_false (sb_handout_dialog_write (f->window, "/nonexistent/dir/h.pdf", FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A selection and requests in flight do not reach the clean diagram. */
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "lb");
  g_assert_true (sb_canvas_export_as (canvas, clean1, 1, TRUE, &error));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step-forward", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step-forward", NULL);
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "web-2");
  g_assert_true (sb_canvas_export_as (canvas, clean2, 1, TRUE, &error));
  g_assert_true (g_file_get_contents (clean1, &a, &na, NULL));
  g_assert_true (g_file_get_contents (clean2, &b, &nb, NULL));
  g_assert_true (na == nb && memcmp (a, b, na) == 0);
  g_unlink (design);
  g_unlink (lesson);
  g_unlink (clean1);
  g_unlink (clean2);
  g_rmdir (dir);
}

/* Explanations in the side panel can be selected and copied, and the
 * known issues name the machines and the single points of failure. */
static void
test_window_panel_text (Fixture       *f,
                        gconstpointer  data)
{
  SbElementPanel *panel = SB_ELEMENT_PANEL (sb_window_get_panel (f->window));
  const char *text;

  sb_lesson_set_selected (sb_window_get_lesson (f->window), NULL);
  g_action_group_change_action_state (G_ACTION_GROUP (f->window), "issues", g_variant_new_boolean (TRUE));
  text = sb_element_panel_get_explanation (panel);
  g_assert_nonnull (strstr (text, "Single points of failure for reads: Load balancer (HAProxy)."));
  g_assert_nonnull (strstr (text, "No firewall on Server 1, Server 2 and Load balancer (HAProxy)"));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (sb_element_panel_get_explanation_label (panel))));
}

static void
test_window_hit_test (Fixture       *f,
                      gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  int x, y;

  widget_point (canvas, "db-2", 0.5, 0.5, &x, &y);
  g_assert_cmpstr (sb_canvas_element_at (canvas, x, y), ==, "db-2");
  widget_point (canvas, "server-1", 0.02, 0.5, &x, &y);
  g_assert_cmpstr (sb_canvas_element_at (canvas, x, y), ==, "server-1");
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!sb_test_have_display (&status))
    return status;
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/window/draws-diagram", Fixture, NULL, fixture_set_up,
              test_window_draws_diagram, fixture_tear_down);
  g_test_add ("/ui/window/hit-test", Fixture, NULL, fixture_set_up,
              test_window_hit_test, fixture_tear_down);
  g_test_add ("/ui/window/kill-shows-dead", Fixture, NULL, fixture_set_up,
              test_window_kill_shows_dead, fixture_tear_down);
  g_test_add ("/ui/window/kill-action", Fixture, NULL, fixture_set_up,
              test_window_kill_action, fixture_tear_down);
  g_test_add ("/ui/window/panel", Fixture, NULL, fixture_set_up,
              test_window_panel, fixture_tear_down);
  g_test_add ("/ui/window/step", Fixture, NULL, fixture_set_up,
              test_window_step, fixture_tear_down);
  g_test_add ("/ui/window/lesson", Fixture, NULL, fixture_set_up,
              test_window_lesson, fixture_tear_down);
  g_test_add ("/ui/window/no-spof", Fixture, NULL, fixture_set_up,
              test_window_no_spof, fixture_tear_down);
  g_test_add ("/ui/window/speed", Fixture, NULL, fixture_set_up,
              test_window_speed, fixture_tear_down);
  g_test_add ("/ui/window/active-passive", Fixture, NULL, fixture_set_up,
              test_window_active_passive, fixture_tear_down);
  g_test_add ("/ui/window/open-save", Fixture, NULL, fixture_set_up,
              test_window_open_save, fixture_tear_down);
  g_test_add ("/ui/window/zoom", Fixture, NULL, fixture_set_up,
              test_window_zoom, fixture_tear_down);
  g_test_add ("/ui/window/script", Fixture, NULL, fixture_set_up,
              test_window_script, fixture_tear_down);
  g_test_add ("/ui/window/presentation", Fixture, NULL, fixture_set_up,
              test_window_presentation, fixture_tear_down);
  g_test_add ("/ui/window/event-log", Fixture, NULL, fixture_set_up,
              test_window_event_log, fixture_tear_down);
  g_test_add ("/ui/window/stats", Fixture, NULL, fixture_set_up,
              test_window_stats, fixture_tear_down);
  g_test_add ("/ui/window/element-list", Fixture, NULL, fixture_set_up,
              test_window_element_list, fixture_tear_down);
  g_test_add ("/ui/window/add-server", Fixture, NULL, fixture_set_up,
              test_window_add_server, fixture_tear_down);
  g_test_add ("/ui/window/preferences", Fixture, NULL, fixture_set_up,
              test_window_preferences, fixture_tear_down);
  g_test_add ("/ui/window/keyboard", Fixture, NULL, fixture_set_up,
              test_window_keyboard, fixture_tear_down);
  g_test_add ("/ui/window/drag", Fixture, NULL, fixture_set_up,
              test_window_drag, fixture_tear_down);
  g_test_add ("/ui/window/autosave", Fixture, NULL, fixture_set_up,
              test_window_autosave, fixture_tear_down);
  g_test_add ("/ui/window/confirm-discard", Fixture, NULL, fixture_set_up,
              test_window_confirm_discard, fixture_tear_down);
  g_test_add ("/ui/window/configuration", Fixture, NULL, fixture_set_up,
              test_window_configuration, fixture_tear_down);
  g_test_add ("/ui/window/plays", Fixture, NULL, fixture_set_up,
              test_window_plays, fixture_tear_down);
  g_test_add ("/ui/window/review", Fixture, NULL, fixture_set_up,
              test_window_review, fixture_tear_down);
  g_test_add ("/ui/window/handout", Fixture, NULL, fixture_set_up,
              test_window_handout, fixture_tear_down);
  g_test_add ("/ui/window/panel-text", Fixture, NULL, fixture_set_up,
              test_window_panel_text, fixture_tear_down);
  g_test_add ("/ui/window/export", Fixture, NULL, fixture_set_up,
              test_window_export, fixture_tear_down);
  g_test_add ("/ui/window/board-marks", Fixture, NULL, fixture_set_up,
              test_window_board_marks, fixture_tear_down);
  return g_test_run ();
}
