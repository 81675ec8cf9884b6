/* test-ui-hostile.c — the real window under Xvfb survives every file that
 * `--check` accepts in the hostile corpus (tests/data/hostile)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each such file is opened, drawn, elements selected (their texts in the
 * side panel) and its configuration window opened: nothing
 * crashes (a 4096-letter label made X fail with BadAlloc, or GSK abort),
 * and the window never needs to be wider or taller than the screen.  Texts
 * are shown as written, never as markup; a FIFO is refused at once; Save
 * to Folder follows no link.
 */
#include "config.h"

#include <adwaita.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "app/sb-application.h"
#include "app/sb-autosave.h"
#include "app/sb-config-window.h"
#include "app/sb-element-panel.h"
#include "app/sb-toast.h"
#include "app/sb-window.h"
#include "test-tmp-dir.h"

typedef struct {
  TmpDir         tmp;
  SbApplication *app;
  SbWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  tmp_dir_setup (&f->tmp, NULL);
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
  tmp_dir_teardown (&f->tmp, NULL);
}

/* A frame of the whole window through its real renderer: what made X
 * fail or GSK abort does it here. */
static void
draw (GtkWidget *window)
{
  gtk_widget_queue_draw (window);
  gtk_test_widget_wait_for_draw (window);
}

static void
settle (void)
{
  for (int i = 0; i < 20 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* The window fits the screen, and could: its minimum size does too. */
static void
assert_fits (GtkWidget *window)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (window));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle screen;
  int min_w, min_h, nat;

  gdk_monitor_get_geometry (monitor, &screen);
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat, NULL, NULL);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, MAX (min_w, screen.width), &min_h, &nat,
                      NULL, NULL);
  g_assert_cmpint (min_w, <=, screen.width);
  g_assert_cmpint (min_h, <=, screen.height);
  g_assert_cmpint (gtk_widget_get_width (window), <=, screen.width);
  g_assert_cmpint (gtk_widget_get_height (window), <=, screen.height);
}

static void
open_case (Fixture    *f,
           const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  const SbScenario *scenario;
  SbConfigWindow *config;

  g_test_message ("%s", name);
  g_assert_true (sb_window_open_file (f->window, file));
  draw (GTK_WIDGET (f->window));
  settle ();
  assert_fits (GTK_WIDGET (f->window));

  /* Texts in the side panel: a client's, the load balancer's, a machine's
   * (every long-* case makes one of them long; a window with a title of
   * 4096 letters takes a fifth of a second to lay out, each element of a
   * scenario would be too slow under the sanitizers). */
  scenario = sb_lesson_get_scenario (sb_canvas_get_lesson (canvas));
  {
    const SbComponent *lb = sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, NULL);
    const char *ids[] = {
      ((SbComponent *) g_ptr_array_index (scenario->components, 0))->id,
      lb ? lb->id : NULL,
      scenario->hosts->len > 0 ? ((SbHost *) g_ptr_array_index (scenario->hosts, 0))->id : NULL,
    };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      if (ids[i] != NULL)
        {
          sb_lesson_set_selected (sb_canvas_get_lesson (canvas), ids[i]);
          settle ();
        }
  }
  draw (GTK_WIDGET (f->window));
  assert_fits (GTK_WIDGET (f->window));
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), NULL);

  config = sb_config_window_new (GTK_WINDOW (f->window), sb_canvas_get_lesson (canvas));
  gtk_window_present (GTK_WINDOW (config));
  draw (GTK_WIDGET (config));
  assert_fits (GTK_WIDGET (config));
  gtk_window_destroy (GTK_WINDOW (config));
  settle ();
}

static void
test_corpus (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *expected = g_test_build_filename (G_TEST_DIST, "data", "hostile", "EXPECTED", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint opened = 0;

  g_assert_true (g_file_get_contents (expected, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);

      if (lines[i][0] == '#' || fields[0] == NULL || g_strcmp0 (fields[1], "ok") != 0)
        continue;
      {
        gint64 start = g_get_monotonic_time ();

        open_case (f, fields[0]);
        g_test_message ("%s: %.2f s", fields[0], (g_get_monotonic_time () - start) / 1e6);
      }
      opened++;
    }
  g_assert_cmpuint (opened, >=, 15);
}

/* What a file says is what the window shows: no markup. */
static void
test_markup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AdwToast) toast = g_object_ref_sink (sb_toast_new_plain ("a.json: \"<span size='60000'>\" & <b>"));
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  SbElementPanel *panel = SB_ELEMENT_PANEL (sb_window_get_panel (f->window));

  g_assert_cmpstr (adw_toast_get_title (toast), ==,
                   "a.json: &quot;&lt;span size=&apos;60000&apos;&gt;&quot; &amp; &lt;b&gt;");
  open_case (f, "markup-texts.json");
  sb_lesson_set_selected (sb_canvas_get_lesson (canvas), "lb");
  g_assert_cmpstr (sb_element_panel_get_title (panel), ==, "<big>LB</big> &amp; &");
}

/* A FIFO would have blocked the main loop until something wrote to it. */
static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmp.dir, "pipe.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 start;

  g_assert_no_errno (mkfifo (path, 0600));
  start = g_get_monotonic_time ();
  g_assert_false (sb_window_open_file (f->window, file));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpstr (sb_lesson_get_scenario (sb_canvas_get_lesson (sb_window_get_canvas (f->window)))->name, ==, "distributed");
}

/* Save to Folder refuses a link planted in the folder, and says so: it
 * used to follow it and report success. */
static void
test_save_to_folder (Fixture       *f,
                     gconstpointer  data)
{
  SbConfigWindow *config = sb_config_window_new (GTK_WINDOW (f->window), sb_window_get_lesson (f->window));
  g_autofree char *victim = g_build_filename (f->tmp.dir, "victim", NULL);
  g_autofree char *out = g_build_filename (f->tmp.dir, "out", NULL);
  g_autofree char *link = g_build_filename (out, "haproxy", NULL);
  g_autoptr(GDir) planted = NULL;

  g_assert_no_errno (g_mkdir (victim, 0700));
  g_assert_no_errno (g_mkdir (out, 0700));
  g_assert_no_errno (symlink (victim, link));
  g_assert_false (sb_config_window_save_to (config, out));
  planted = g_dir_open (victim, 0, NULL);
  g_assert_null (g_dir_read_name (planted));
  g_assert_false (sb_config_window_save_to (config, ""));
  gtk_window_destroy (GTK_WINDOW (config));
  g_assert_no_errno (g_unlink (link));
  g_assert_no_errno (g_rmdir (out));
  g_assert_no_errno (g_rmdir (victim));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/ui/hostile/corpus", Fixture, NULL, fixture_set_up, test_corpus, fixture_tear_down);
  g_test_add ("/ui/hostile/markup", Fixture, NULL, fixture_set_up, test_markup, fixture_tear_down);
  g_test_add ("/ui/hostile/fifo", Fixture, NULL, fixture_set_up, test_fifo, fixture_tear_down);
  g_test_add ("/ui/hostile/save-to-folder", Fixture, NULL, fixture_set_up, test_save_to_folder,
              fixture_tear_down);
  return g_test_run ();
}
