/* test-ui-recovery.c — edits survive kill -9, across real processes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test runs copies of itself (`--child MODE`) as separate Stackboard
 * instances under the same display and data folder: each opens a window,
 * makes its own edit, and waits until the edit's recovery is written (the
 * delay after an edit, SB_AUTOSAVE_DELAY_MS).  While they live, another
 * instance takes neither recovery; once they are killed with SIGKILL,
 * both edits come back, one window each, and nothing else does.  Opening
 * a file whose changes were never saved offers them first.
 */
#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "app/sb-application.h"
#include "app/sb-autosave.h"
#include "app/sb-window.h"
#include "test-tmp-dir.h"

/* --- the children ---------------------------------------------------- */

/* MODE "servers-N": adds N servers to the default lesson; "file": opens
 * ARG and adds one.  Then lives until killed. */
static int
child_main (const char *mode,
            const char *arg)
{
  SbApplication *app;
  SbWindow *window;
  int added = 1;

  /* A failed test must not leave its children waiting forever. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  gtk_init ();
  adw_init ();
  app = sb_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);
  if (g_str_equal (mode, "file"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (arg);

      window = sb_window_new_for_file (app, file);
    }
  else
    {
      window = sb_window_new (app, NULL);
      added = atoi (mode + strlen ("servers-"));
    }
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < added; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.add-server", NULL);
  /* The recovery is written by the window's own timer. */
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

/* --- the test -------------------------------------------------------- */

static char *self_path;

typedef struct {
  TmpDir         tmp;
  SbApplication *app;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tmp_dir_setup (&f->tmp, NULL);
  sb_autosave_clear ();
  f->app = sb_application_new ();
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
}

static void
close_all_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_all_windows ();
  sb_autosave_clear ();
  g_clear_object (&f->app);
  tmp_dir_teardown (&f->tmp, NULL);
}

static GPid
spawn_child (const char *mode,
             const char *arg)
{
  const char *argv[] = { self_path, "--child", mode, arg, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static void
kill_child (GPid pid)
{
  int status;

  g_assert_no_errno (kill (pid, SIGKILL));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_spawn_close_pid (pid);
}

static guint
count_recoveries (void)
{
  g_autofree char *path = sb_autosave_dir ();
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_suffix (name, ".json");
  return n;
}

static gboolean
time_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits (at most 30 s) until N recoveries are written. */
static void
wait_for_recoveries (guint n)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (30, time_out, &timed_out);

  while (!timed_out && count_recoveries () < n)
    {
      g_usleep (G_USEC_PER_SEC / 20);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_false (timed_out);
  g_source_remove (source);
  /* The scenario's file is renamed into place last: once it is there, it
   * is whole. */
}

static GPtrArray *
sb_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *windows = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SB_IS_WINDOW (window))
        g_ptr_array_add (windows, window);
    }
  return windows;
}

static guint
hosts_of (SbWindow *window)
{
  return sb_lesson_get_scenario (sb_canvas_get_lesson (sb_window_get_canvas (window)))->hosts->len;
}

static void
test_two_instances (Fixture       *f,
                    gconstpointer  data)
{
  GPid a = spawn_child ("servers-1", NULL);
  GPid b = spawn_child ("servers-2", NULL);
  g_autoptr(GPtrArray) windows = NULL;
  SbWindow *bystander;
  guint sum = 0;

  wait_for_recoveries (2);
  /* Their owners live: a third instance takes neither, nor writes over one. */
  bystander = sb_window_new (f->app, NULL);
  g_assert_false (sb_window_get_modified (bystander));
  gtk_widget_activate_action (GTK_WIDGET (bystander), "win.add-server", NULL);
  g_assert_true (sb_autosave_flush (sb_window_get_autosave (bystander), NULL));
  g_assert_cmpuint (count_recoveries (), ==, 3);
  sb_autosave_discard (sb_window_get_autosave (bystander));
  gtk_window_destroy (GTK_WINDOW (bystander));

  kill_child (a);
  kill_child (b);

  /* Starting again: one window per edit left, both edits whole. */
  g_application_activate (G_APPLICATION (f->app));
  windows = sb_windows ();
  g_assert_cmpuint (windows->len, ==, 2);
  for (guint i = 0; i < windows->len; i++)
    {
      SbWindow *window = g_ptr_array_index (windows, i);

      g_assert_true (sb_window_get_modified (window));
      sum += hosts_of (window);
    }
  /* The default lesson has two servers: 3 and 4. */
  g_assert_cmpuint (sum, ==, 3 + 4);
  g_assert_false (sb_autosave_has_orphan (NULL));
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* An instance edits FILE and is killed; opening FILE offers the changes. */
static void
test_open_file (Fixture       *f,
                gconstpointer  data)
{
  const char *response = data;
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "good", "three-servers.json", NULL);
  g_autofree char *path = g_build_filename (f->tmp.dir, "lesson.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  SbWindow *window;
  AdwMessageDialog *dialog;
  GPid child;

  g_assert_true (g_file_get_contents (good, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  child = spawn_child ("file", path);
  wait_for_recoveries (1);
  kill_child (child);

  window = sb_window_new_for_file (f->app, file);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  if (g_str_equal (response, "recover"))
    {
      g_assert_true (sb_window_get_modified (window));
      g_assert_cmpuint (hosts_of (window), ==, 4);
      /* Saving writes to the file the changes belong to. */
      g_assert_true (sb_window_save_file (window, file));
      g_assert_false (sb_window_get_modified (window));
    }
  else
    {
      g_assert_false (sb_window_get_modified (window));
      g_assert_cmpuint (hosts_of (window), ==, 3);
    }
  g_assert_false (sb_autosave_has_orphan (path));
  g_assert_cmpuint (count_recoveries (), ==, 0);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 3 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argc > 3 ? argv[3] : NULL);

  self_path = g_canonicalize_filename (argv[0], NULL);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/ui/recovery/two-instances-kill-9", Fixture, NULL, fixture_set_up,
              test_two_instances, fixture_tear_down);
  g_test_add ("/ui/recovery/open-file/recover", Fixture, "recover", fixture_set_up,
              test_open_file, fixture_tear_down);
  g_test_add ("/ui/recovery/open-file/discard", Fixture, "discard", fixture_set_up,
              test_open_file, fixture_tear_down);
  return g_test_run ();
}
