/* test-ui-editor.c — making your own design in the real window: the
 * editor's actions, its dialogs, the board's context menu and drops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gstdio.h>

#include "app/sb-application.h"
#include "app/sb-autosave.h"
#include "app/sb-edit-dialog.h"
#include "app/sb-element-panel.h"
#include "app/sb-window.h"
#include "sim/sb-spof.h"

typedef struct {
  SbApplication *app;
  SbWindow      *window;
  SbLesson      *lesson;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* Every test starts on the distributed step, with nothing recovered. */
  g_settings_reset (settings, "last-scenario");
  sb_autosave_clear ();
  f->app = sb_application_new ();
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  f->window = sb_window_new (f->app, NULL);
  f->lesson = sb_window_get_lesson (f->window);
  sb_lesson_set_playing (f->lesson, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
close_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i-- > 0; )
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        gtk_window_destroy (GTK_WINDOW (window));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_dialogs ();
  sb_lesson_set_modified (f->lesson, FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->app);
  sb_autosave_clear ();
}

static void
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->window), action, parameter);
}

static void
select_element (Fixture    *f,
                const char *id)
{
  activate (f, "select", g_variant_new_string (id ? id : ""));
  g_assert_cmpstr (sb_lesson_get_selected (f->lesson), ==, id);
}

static void
add (Fixture    *f,
     const char *kind,
     const char *on)
{
  select_element (f, on);
  activate (f, "add-element", g_variant_new_string (kind));
}

static const SbScenario *
design (Fixture *f)
{
  return sb_lesson_get_scenario (f->lesson);
}

static guint
undo_steps (Fixture *f)
{
  guint n = 0;

  while (sb_lesson_get_can_undo (f->lesson))
    {
      activate (f, "undo", NULL);
      n++;
    }
  return n;
}

/* Whether some label of the window (a toast's) says TEXT. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
toast_says (Fixture    *f,
            const char *text)
{
  /* Toasts appear on the next frames. */
  for (int i = 0; i < 20 && !shows_text (GTK_WIDGET (f->window), text); i++)
    g_main_context_iteration (NULL, FALSE);
  return shows_text (GTK_WIDGET (f->window), text);
}

/* The known issues the side panel lists with nothing selected. */
static char *
known_issues (Fixture *f)
{
  SbElementPanel *panel = SB_ELEMENT_PANEL (sb_window_get_panel (f->window));
  const char *text;

  select_element (f, NULL);
  g_action_group_change_action_state (G_ACTION_GROUP (f->window), "issues", g_variant_new_boolean (TRUE));
  text = strstr (sb_element_panel_get_explanation (panel), "Known issues of this design:");
  g_assert_nonnull (text);
  return g_strdup (text);
}

static void
assert_same_spofs (const SbScenario *a,
                   const SbScenario *b)
{
  g_autoptr(GPtrArray) reads_a = NULL, writes_a = NULL, reads_b = NULL, writes_b = NULL;

  sb_spof_analyse (a, &reads_a, &writes_a);
  sb_spof_analyse (b, &reads_b, &writes_b);
  g_assert_cmpuint (reads_a->len, ==, reads_b->len);
  g_assert_cmpuint (writes_a->len, ==, writes_b->len);
  for (guint i = 0; i < reads_a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (reads_a, i), ==, g_ptr_array_index (reads_b, i));
  for (guint i = 0; i < writes_a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (writes_a, i), ==, g_ptr_array_index (writes_b, i));
}

/* The exercise of step 3, made from step 2 with the editor alone: the
 * load balancer on a machine of its own, a firewall and a monitoring
 * client on each of the three machines, the monitoring service, HTTPS.
 * It ends with the bundled step's single points of failure and known
 * issues; undone step by step, it saves as distributed.json again. */
static void
test_editor_secured_from_distributed (Fixture       *f,
                                      gconstpointer  data)
{
  const char * const machines[] = { "lb-server", "server-1", "server-2" };
  g_autoptr(SbScenario) bundled = sb_scenario_load_bundled ("secured-monitored", NULL);
  g_autoptr(GBytes) distributed = sb_scenario_get_bundled_data ("distributed", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = known_issues (f);
  g_autofree char *after = NULL;
  g_autofree char *want = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stackboard-editor-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "undone.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *saved = NULL;
  gsize length;

  g_assert_nonnull (strstr (before, "No HTTPS"));
  g_assert_nonnull (strstr (before, "No firewall"));
  g_assert_nonnull (strstr (before, "No monitoring"));

  select_element (f, "lb");
  activate (f, "own-machine", NULL);
  add (f, "monitoring", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (machines); i++)
    {
      add (f, "firewall", machines[i]);
      add (f, "monitoring_agent", machines[i]);
    }
  g_action_group_change_action_state (G_ACTION_GROUP (f->window), "https", g_variant_new_boolean (TRUE));
  g_assert_true (design (f)->balancer.https);
  g_assert_true (sb_window_get_modified (f->window));

  /* The board runs the new design, with the bundled step's answers. */
  g_assert_cmpuint (design (f)->hosts->len, ==, 3);
  g_assert_cmpuint (design (f)->components->len, ==, bundled->components->len);
  assert_same_spofs (sb_lesson_get_live_scenario (f->lesson), bundled);
  after = known_issues (f);
  g_assert_null (strstr (after, "No HTTPS"));
  g_assert_null (strstr (after, "No firewall"));
  g_assert_null (strstr (after, "No monitoring"));
  sb_lesson_advance_to (f->lesson, 30 * SB_SIM_USEC_PER_SEC);
  g_assert_cmpuint (sb_sim_get_counters (sb_lesson_get_sim (f->lesson))->succeeded, >, 20);
  g_assert_cmpuint (sb_sim_get_counters (sb_lesson_get_sim (f->lesson))->failed, ==, 0);

  /* One undo step per edit, back to the file as shipped. */
  g_assert_cmpuint (undo_steps (f), ==, 9);
  g_assert_false (sb_window_get_modified (f->window));
  g_assert_true (sb_window_save_file (f->window, file));
  g_assert_true (g_file_get_contents (path, &saved, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (saved, length, g_bytes_get_data (distributed, NULL), g_bytes_get_size (distributed));

  /* The bundled step's issues are the same as the edited design's. */
  sb_lesson_set_modified (f->lesson, FALSE);
  activate (f, "lesson-step", g_variant_new_string ("secured-monitored"));
  g_assert_cmpstr (design (f)->name, ==, "secured-monitored");
  want = known_issues (f);
  g_assert_cmpstr (after, ==, want);
  g_unlink (path);
  g_rmdir (dir);
}

/* A refused edit says why in a toast and changes nothing. */
static void
test_editor_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SbScenario) before = sb_scenario_copy (design (f));

  add (f, "firewall", "server-1");
  g_assert_nonnull (sb_scenario_find_component (design (f), "fw-1"));
  g_clear_pointer (&before, sb_scenario_free);
  before = sb_scenario_copy (design (f));

  add (f, "firewall", "web-1");
  g_assert_true (toast_says (f, "Server 1 already has a firewall"));
  g_assert_true (sb_scenario_equal (design (f), before));
  select_element (f, "db-1");
  activate (f, "delete", NULL);
  g_assert_true (toast_says (f, "The replicas need a primary database to copy from: make one of them the primary first"));
  activate (f, "set-ip", g_variant_new ("(ss)", "server-2", "10.0.0.300"));
  g_assert_true (toast_says (f, "hosts[1].ip: \"10.0.0.300\" is not an IP address"));
  activate (f, "set-label", g_variant_new ("(ss)", "web-1", "  "));
  g_assert_true (toast_says (f, "A name cannot be empty"));
  g_assert_true (sb_scenario_equal (design (f), before));
  g_assert_cmpuint (undo_steps (f), ==, 1);
}

/* What the selection allows is what is enabled. */
static void
test_editor_enabled (Fixture       *f,
                     gconstpointer  data)
{
  GActionGroup *group = G_ACTION_GROUP (f->window);

  select_element (f, NULL);
  g_assert_false (g_action_group_get_action_enabled (group, "delete"));
  g_assert_false (g_action_group_get_action_enabled (group, "move-to"));
  g_assert_true (g_action_group_get_action_enabled (group, "add-element"));
  g_assert_true (g_action_group_get_action_enabled (group, "https"));
  select_element (f, "db-2");
  g_assert_true (g_action_group_get_action_enabled (group, "delete"));
  g_assert_true (g_action_group_get_action_enabled (group, "move-to"));
  g_assert_true (g_action_group_get_action_enabled (group, "make-primary"));
  select_element (f, "server-2");
  g_assert_true (g_action_group_get_action_enabled (group, "delete"));
  g_assert_false (g_action_group_get_action_enabled (group, "move-to"));
  g_assert_false (g_action_group_get_action_enabled (group, "make-primary"));

  activate (f, "lesson-step", g_variant_new_string ("one-server"));
  g_assert_false (g_action_group_get_action_enabled (group, "https"));
  g_assert_false (g_action_group_get_action_enabled (group, "add-server"));
}

/* Adding selects what was added; deleting a machine takes everything on
 * it, with a toast that can undo it. */
static void
test_editor_add_delete (Fixture       *f,
                        gconstpointer  data)
{
  add (f, "host", NULL);
  g_assert_cmpstr (sb_lesson_get_selected (f->lesson), ==, "server-3");
  g_assert_cmpstr (sb_scenario_find_host (design (f), "server-3")->label, ==, "Server 3");
  activate (f, "add-element", g_variant_new_string ("web_server"));
  g_assert_cmpstr (sb_lesson_get_selected (f->lesson), ==, "web-3");
  activate (f, "add-element", g_variant_new_string ("app_server"));
  activate (f, "add-element", g_variant_new_string ("code"));
  g_assert_cmpuint (design (f)->balancer.backends->len, ==, 3);

  select_element (f, "server-3");
  activate (f, "delete", NULL);
  g_assert_null (sb_scenario_find_host (design (f), "server-3"));
  g_assert_null (sb_scenario_find_component (design (f), "web-3"));
  g_assert_cmpuint (design (f)->balancer.backends->len, ==, 2);
  g_assert_true (toast_says (f, "Server 3 deleted"));
  activate (f, "undo", NULL);
  g_assert_nonnull (sb_scenario_find_component (design (f), "app-3"));
  g_assert_cmpuint (undo_steps (f), ==, 4);
}

/* Whether field N of DIALOG holds TEXT. */
static gboolean
field_is (SbEditDialog *dialog,
          guint         n,
          const char   *text)
{
  g_autofree char *held = sb_edit_dialog_get_text (dialog, n);

  if (g_strcmp0 (held, text) != 0)
    g_test_message ("field %u holds \"%s\", not \"%s\"", n, held, text);
  return g_strcmp0 (held, text) == 0;
}

static SbEditDialog *
find_edit_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SB_IS_EDIT_DIALOG (window))
        return SB_EDIT_DIALOG (window);
    }
  return NULL;
}

static GtkEventController *
find_click (GtkWidget *widget,
            guint      button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller)
          && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == button)
        return GTK_EVENT_CONTROLLER (controller);
    }
  return NULL;
}

/* A point of ID's box, FX and FY of the way across and down. */
static void
point_of (SbCanvas   *canvas,
          const char *id,
          double      fx,
          double      fy,
          double     *x,
          double     *y)
{
  const SbLayout *layout = sb_canvas_get_layout (canvas);
  const SbRect *r = sb_layout_get_rect (layout, id);
  SbViewTransform t = sb_layout_fit (layout, gtk_widget_get_width (GTK_WIDGET (canvas)),
                                     gtk_widget_get_height (GTK_WIDGET (canvas)));

  g_assert_nonnull (r);
  *x = (r->x + r->width * fx) * t.scale + t.offset_x;
  *y = (r->y + r->height * fy) * t.scale + t.offset_y;
}

static void
center_of (SbCanvas   *canvas,
           const char *id,
           double     *x,
           double     *y)
{
  g_assert_true (sb_canvas_element_center (canvas, id, x, y));
}

/* F2 and a double click rename; an untouched field changes nothing;
 * with nothing selected, the design's title and summary. */
static void
test_editor_rename (Fixture       *f,
                    gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  GtkEventController *click = find_click (GTK_WIDGET (canvas), GDK_BUTTON_PRIMARY);
  SbEditDialog *dialog;
  double x, y;

  select_element (f, "web-1");
  activate (f, "rename", NULL);
  dialog = find_edit_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (field_is (dialog, 0, "Nginx"));
  sb_edit_dialog_set_text (dialog, 0, " Apache httpd ");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  g_assert_cmpstr (sb_scenario_find_component (design (f), "web-1")->label, ==, "Apache httpd");
  close_dialogs ();

  /* Untouched, a name is no change. */
  center_of (canvas, "db-2", &x, &y);
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "pressed", 2, x, y);
  dialog = find_edit_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (sb_edit_dialog_get_subject (dialog), ==, "db-2");
  g_assert_cmpstr (sb_lesson_get_selected (f->lesson), ==, "db-2");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  close_dialogs ();
  g_assert_cmpuint (undo_steps (f), ==, 1);

  select_element (f, NULL);
  activate (f, "rename", NULL);
  dialog = find_edit_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (field_is (dialog, 0, "Distributed web infrastructure"));
  sb_edit_dialog_set_text (dialog, 0, "Three web servers");
  sb_edit_dialog_set_text (dialog, 1, "Built in class.");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  g_assert_cmpstr (design (f)->title, ==, "Three web servers");
  g_assert_cmpstr (design (f)->name, ==, "three-web-servers");
  g_assert_cmpstr (design (f)->summary, ==, "Built in class.");
  g_assert_cmpuint (undo_steps (f), ==, 1);
}

/* The addresses dialog; a load balancer of a cluster also shows the
 * address the cluster shares. */
static void
test_editor_addresses (Fixture       *f,
                       gconstpointer  data)
{
  SbEditDialog *dialog;

  add (f, "load_balancer", NULL);
  g_assert_cmpstr (design (f)->balancer.virtual_ip, ==, "203.0.113.10");
  select_element (f, "lb");
  activate (f, "edit-ip", NULL);
  dialog = find_edit_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (field_is (dialog, 0, "203.0.113.11"));
  g_assert_true (field_is (dialog, 1, "203.0.113.10"));
  sb_edit_dialog_set_text (dialog, 0, "198.51.100.20");
  sb_edit_dialog_set_text (dialog, 1, "198.51.100.10");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  g_assert_cmpstr (sb_scenario_find_component (design (f), "lb")->ip, ==, "198.51.100.20");
  g_assert_cmpstr (design (f)->balancer.virtual_ip, ==, "198.51.100.10");
  g_assert_cmpstr (sb_scenario_public_address (design (f)), ==, "198.51.100.10");
  g_assert_cmpuint (undo_steps (f), ==, 2);
}

/* A component dropped onto another machine moves onto it, in one step
 * with the drag; a drop the format refuses puts it back. */
static void
test_editor_drop (Fixture       *f,
                  gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));
  GtkEventController *drag = NULL;
  g_autoptr(SbScenario) before = sb_scenario_copy (design (f));
  double x0, y0, x1, y1;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drag == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller) && !GTK_IS_GESTURE_CLICK (controller))
        drag = GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_nonnull (drag);
  center_of (canvas, "lb", &x0, &y0);
  center_of (canvas, "code-2", &x1, &y1);
  select_element (f, "lb");
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (drag, "drag-update", x1 - x0, y1 - y0 + 40);
  g_signal_emit_by_name (drag, "drag-end", x1 - x0, y1 - y0 + 40);
  g_assert_cmpstr (sb_scenario_find_component (design (f), "lb")->host, ==, "server-2");
  g_assert_cmpstr (sb_scenario_find_component (design (f), "lb")->label, ==, "HAProxy");
  g_assert_false (sb_scenario_find_component (design (f), "lb")->has_position);
  g_assert_false (sb_lesson_get_moving (f->lesson));
  g_assert_cmpuint (undo_steps (f), ==, 1);
  g_assert_true (sb_scenario_equal (design (f), before));

  /* A machine dragged over another stays a machine of its own. */
  select_element (f, "lb");
  activate (f, "own-machine", NULL);
  point_of (canvas, "lb-server", 0.05, 0.05, &x0, &y0);
  g_assert_cmpstr (sb_canvas_element_at (canvas, x0, y0), ==, "lb-server");
  center_of (canvas, "code-1", &x1, &y1);
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (drag, "drag-end", x1 - x0, y1 - y0);
  g_assert_cmpstr (sb_scenario_find_component (design (f), "lb")->host, ==, "lb-server");
  g_assert_true (sb_scenario_find_component (design (f), "lb")->has_position);
  g_assert_cmpuint (undo_steps (f), ==, 2);

  /* The browser is no machine's: put back, nothing to undo. */
  center_of (canvas, "user", &x0, &y0);
  center_of (canvas, "app-1", &x1, &y1);
  select_element (f, "user");
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (drag, "drag-end", x1 - x0, y1 - y0);
  g_assert_true (toast_says (f, "A browser is the visitor’s: it does not run on a machine of the design"));
  g_assert_true (sb_scenario_equal (design (f), before));
  g_assert_false (sb_lesson_get_can_undo (f->lesson));
  g_assert_false (sb_lesson_get_can_redo (f->lesson));
  g_assert_false (sb_window_get_modified (f->window));
}

static GtkEventController *
find_drag (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller) && !GTK_IS_GESTURE_CLICK (controller))
        return GTK_EVENT_CONTROLLER (controller);
    }
  return NULL;
}

static gboolean
frames_overlap (SbCanvas   *canvas,
                const char *a,
                const char *b)
{
  const SbRect *r = sb_layout_get_rect (sb_canvas_get_layout (canvas), a);
  const SbRect *q = sb_layout_get_rect (sb_canvas_get_layout (canvas), b);

  return r->x < q->x + q->width && q->x < r->x + r->width && r->y < q->y + q->height && q->y < r->y + r->height;
}

/* Server 2 dragged onto server 1: while it moves the board does not lay
 * itself out (server 1 stays); dropped, server 1 gives way, in the one
 * step the drag is.  Tidy Up puts both back in their row, undoably. */
static void
test_editor_drag_tidy_up (Fixture       *f,
                          gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  GtkEventController *drag = find_drag (GTK_WIDGET (canvas));
  g_autoptr(SbScenario) before = sb_scenario_copy (design (f));
  SbRect server_1;
  double x0, y0, x1, y1;

  g_assert_nonnull (drag);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "tidy-up"));
  server_1 = *sb_layout_get_rect (sb_canvas_get_layout (canvas), "server-1");
  point_of (canvas, "server-2", 0.03, 0.5, &x0, &y0);
  g_assert_cmpstr (sb_canvas_element_at (canvas, x0, y0), ==, "server-2");
  point_of (canvas, "server-1", 0.3, 0.6, &x1, &y1);
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (drag, "drag-update", x1 - x0, y1 - y0);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (canvas));
  g_assert_true (sb_lesson_get_moving (f->lesson));
  g_assert_cmpfloat (sb_layout_get_rect (sb_canvas_get_layout (canvas), "server-1")->x, ==, server_1.x);
  g_signal_emit_by_name (drag, "drag-end", x1 - x0, y1 - y0);
  g_assert_false (sb_lesson_get_moving (f->lesson));
  g_assert_false (frames_overlap (canvas, "server-1", "server-2"));
  g_assert_true (sb_scenario_find_component (design (f), "web-2")->has_position);
  /* Where server 1 went is written down with the drag. */
  g_assert_true (sb_scenario_find_component (design (f), "web-1")->has_position);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "tidy-up"));

  activate (f, "tidy-up", NULL);
  g_assert_false (sb_scenario_find_component (design (f), "web-1")->has_position);
  g_assert_false (sb_scenario_find_component (design (f), "web-2")->has_position);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "tidy-up"));
  g_assert_cmpfloat (sb_layout_get_rect (sb_canvas_get_layout (canvas), "server-1")->y, ==,
                     sb_layout_get_rect (sb_canvas_get_layout (canvas), "server-2")->y);
  g_assert_cmpfloat (sb_layout_get_rect (sb_canvas_get_layout (canvas), "server-1")->x, ==, server_1.x);
  /* Undone: the drop; undone again: the design as it was. */
  activate (f, "undo", NULL);
  g_assert_true (sb_scenario_find_component (design (f), "web-1")->has_position);
  g_assert_cmpuint (undo_steps (f), ==, 1);
  g_assert_true (sb_scenario_equal (design (f), before));
}

/* A right click selects and opens the board's menu; so does the Menu key
 * for the selection. */
static void
test_editor_context_menu (Fixture       *f,
                          gconstpointer  data)
{
  SbCanvas *canvas = sb_window_get_canvas (f->window);
  GtkEventController *click = find_click (GTK_WIDGET (canvas), GDK_BUTTON_SECONDARY);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));
  gboolean handled = FALSE;
  GtkPopover *menu;
  double x, y;

  g_assert_nonnull (click);
  center_of (canvas, "db-2", &x, &y);
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_assert_cmpstr (sb_lesson_get_selected (f->lesson), ==, "db-2");
  menu = sb_canvas_get_menu (canvas);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
  gtk_popover_popdown (menu);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (menu)));

  select_element (f, "server-1");
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Menu, 0, 0, &handled);
    }
  g_assert_true (handled);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
  gtk_popover_popdown (menu);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/editor/secured-from-distributed", test_editor_secured_from_distributed);
  ADD ("/ui/editor/refused", test_editor_refused);
  ADD ("/ui/editor/enabled", test_editor_enabled);
  ADD ("/ui/editor/add-delete", test_editor_add_delete);
  ADD ("/ui/editor/rename", test_editor_rename);
  ADD ("/ui/editor/addresses", test_editor_addresses);
  ADD ("/ui/editor/drop", test_editor_drop);
  ADD ("/ui/editor/drag-tidy-up", test_editor_drag_tidy_up);
  ADD ("/ui/editor/context-menu", test_editor_context_menu);
#undef ADD

  return g_test_run ();
}
