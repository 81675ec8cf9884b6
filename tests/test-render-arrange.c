/* test-render-arrange.c — the layout follows what the elements are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever the order of the file: a machine's firewall first, then its
 * web and application servers, the monitoring client at the side; boxes
 * as wide as their labels and addresses; reads and writes to different
 * databases on lines of their own; machines never on each other, the
 * one dragged staying where it is dropped; a new machine beside its
 * siblings; a larger text scale makes larger boxes, not a smaller board.
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "model/sb-scenario-edit.h"
#include "render/sb-render.h"
#include "render/sb-route.h"

static SbScenario *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "layout", name, NULL);
  g_autoptr(GError) error = NULL;
  SbScenario *scenario = sb_scenario_load_from_file (path, &error);

  g_assert_no_error (error);
  return scenario;
}

static const SbRect *
rect (const SbLayout *layout,
      const char     *id)
{
  const SbRect *r = sb_layout_get_rect (layout, id);

  g_assert_nonnull (r);
  return r;
}

static gboolean
overlap (const SbRect *a,
         const SbRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* No two machines, and no two boxes, on each other. */
static void
assert_apart (const SbScenario *scenario,
              const SbLayout   *layout)
{
  for (guint i = 0; i < scenario->hosts->len; i++)
    for (guint j = i + 1; j < scenario->hosts->len; j++)
      g_assert_false (overlap (rect (layout, ((SbHost *) g_ptr_array_index (scenario->hosts, i))->id),
                               rect (layout, ((SbHost *) g_ptr_array_index (scenario->hosts, j))->id)));
  for (guint i = 0; i < scenario->components->len; i++)
    for (guint j = i + 1; j < scenario->components->len; j++)
      g_assert_false (overlap (rect (layout, ((SbComponent *) g_ptr_array_index (scenario->components, i))->id),
                               rect (layout, ((SbComponent *) g_ptr_array_index (scenario->components, j))->id)));
}

/* The file lists the monitoring clients first and the firewalls last;
 * the board reads firewall → Nginx, then the application server, and
 * the monitoring client is off the request's path, under it. */
static void
test_order_by_meaning (void)
{
  g_autoptr(SbScenario) scenario = load ("firewalls-listed-last.json");
  g_autoptr(SbLayout) layout = sb_layout_new (scenario);

  for (int i = 1; i <= 2; i++)
    {
      g_autofree char *fw = g_strdup_printf ("fw-server-%d", i);
      g_autofree char *web = g_strdup_printf ("web-%d", i);
      g_autofree char *app = g_strdup_printf ("app-%d", i);
      g_autofree char *agent = g_strdup_printf ("agent-server-%d", i);
      g_autofree char *db = g_strdup_printf ("db-%d", i);

      /* One row: the firewall, Nginx, the application server. */
      g_assert_cmpfloat (rect (layout, fw)->y, ==, rect (layout, web)->y);
      g_assert_cmpfloat (rect (layout, web)->y, ==, rect (layout, app)->y);
      g_assert_cmpfloat (rect (layout, fw)->x, <, rect (layout, web)->x);
      g_assert_cmpfloat (rect (layout, web)->x, <, rect (layout, app)->x);
      /* The database under the application server; the agent beside the
       * database, at the machine's end. */
      g_assert_cmpfloat (rect (layout, db)->x, ==, rect (layout, app)->x);
      g_assert_cmpfloat (rect (layout, db)->y, >, rect (layout, app)->y);
      g_assert_cmpfloat (rect (layout, agent)->y, ==, rect (layout, db)->y);
    }
  /* On the load balancer's machine too. */
  g_assert_cmpfloat (rect (layout, "fw-lb-host")->x, <, rect (layout, "lb")->x);
  g_assert_cmpfloat (rect (layout, "agent-lb-host")->y, >, rect (layout, "lb")->y);
  /* The agents face the board's edges: left on the left, right on the right. */
  g_assert_cmpfloat (rect (layout, "agent-server-1")->x, <, rect (layout, "db-1")->x);
  g_assert_cmpfloat (rect (layout, "agent-server-2")->x, >, rect (layout, "db-2")->x);
  assert_apart (scenario, layout);
}

/* A long label widens every box on the machines; a machine is as wide as
 * its name and its address. */
static void
test_sized_to_labels (void)
{
  g_autoptr(SbScenario) scenario = load ("databases-a-and-b.json");
  g_autoptr(SbLayout) plain = sb_layout_new (scenario);
  g_autoptr(SbLayout) longer = NULL;
  const SbLayoutMetrics *m = sb_layout_get_metrics (plain);
  SbComponent *app = (SbComponent *) sb_scenario_find_component (scenario, "app-1");

  g_assert_cmpfloat (m->node_width, ==, 200);
  /* "Database A  10.100.200.113" and its padding fit in the frame. */
  g_assert_cmpfloat (rect (plain, "database-a")->width, >, 300);
  g_free (app->label);
  app->label = g_strdup ("Application server of the shop's back office");
  longer = sb_layout_new (scenario);
  g_assert_cmpfloat (sb_layout_get_metrics (longer)->node_width, >, 280);
  g_assert_cmpfloat (rect (longer, "web-2")->width, ==, sb_layout_get_metrics (longer)->node_width);
}

/* Whether two polylines share a piece of a level or upright line. */
static gboolean
run_along (const double *ax,
           const double *ay,
           guint         an,
           const double *bx,
           const double *by,
           guint         bn)
{
  for (guint i = 1; i < an; i++)
    for (guint j = 1; j < bn; j++)
      {
        gboolean a_up = ax[i] == ax[i - 1], b_up = bx[j] == bx[j - 1];

        if (a_up && b_up && fabs (ax[i] - bx[j]) < 3
            && MIN (MAX (ay[i], ay[i - 1]), MAX (by[j], by[j - 1]))
               - MAX (MIN (ay[i], ay[i - 1]), MIN (by[j], by[j - 1])) > 2)
          return TRUE;
        if (!a_up && !b_up && fabs (ay[i] - by[j]) < 3
            && MIN (MAX (ax[i], ax[i - 1]), MAX (bx[j], bx[j - 1]))
               - MAX (MIN (ax[i], ax[i - 1]), MIN (bx[j], bx[j - 1])) > 2)
          return TRUE;
      }
  return FALSE;
}

/* Server 2 reads database B and writes to database A: two lines, not one
 * dashed line for both. */
static void
test_reads_apart_from_writes (void)
{
  g_autoptr(SbScenario) scenario = load ("databases-a-and-b.json");
  g_autoptr(SbLayout) layout = sb_layout_new (scenario);
  g_autoptr(GArray) links = sb_links_derive (scenario);
  const SbLink *read = NULL, *write = NULL;
  double rx[SB_ROUTE_MAX_POINTS], ry[SB_ROUTE_MAX_POINTS], wx[SB_ROUTE_MAX_POINTS], wy[SB_ROUTE_MAX_POINTS];
  guint rn, wn;

  for (guint i = 0; i < links->len; i++)
    {
      const SbLink *l = &g_array_index (links, SbLink, i);

      if (g_str_equal (l->from, "app-2") && l->kind == SB_LINK_REMOTE_READ)
        read = l;
      if (g_str_equal (l->from, "app-2") && l->kind == SB_LINK_REMOTE_WRITE)
        write = l;
    }
  g_assert_nonnull (read);
  g_assert_nonnull (write);
  g_assert_cmpstr (read->to, ==, "db-b");
  g_assert_cmpstr (write->to, ==, "db-a");
  rn = sb_route_link (layout, scenario, read, rx, ry);
  wn = sb_route_link (layout, scenario, write, wx, wy);
  g_assert_cmpuint (rn, >=, 2);
  g_assert_cmpuint (wn, >=, 2);
  g_assert_false (run_along (rx, ry, rn, wx, wy, wn));
  g_assert_false (sb_links_may_share (read->kind, read->from, read->to, write->kind, write->from, write->to));
}

/* Server 2 dropped on server 1: with server 2 pinned (the drag), server 1
 * gives way and says where it went; without, the machine placed by hand
 * keeps its place and the other moves. */
static void
test_drop_pushes (void)
{
  g_autoptr(SbScenario) scenario = sb_scenario_load_bundled ("distributed", NULL);
  g_autoptr(SbLayout) before = sb_layout_new (scenario);
  SbLayoutOptions options;
  g_autoptr(SbLayout) pinned = NULL;
  g_autoptr(SbLayout) plain = NULL;
  const SbRect *s1 = rect (before, "server-1"), *s2 = rect (before, "server-2");
  double dx = s1->x - s2->x + 60, dy = 40;
  const char * const *ids;
  const double *xs, *ys;
  guint n;

  /* Every component of server 2 moved over server 1. */
  for (guint i = 0; i < scenario->components->len; i++)
    {
      SbComponent *c = g_ptr_array_index (scenario->components, i);
      double x, y;

      if (g_strcmp0 (c->host, "server-2") != 0)
        continue;
      sb_rect_center (rect (before, c->id), &x, &y);
      sb_layout_to_scenario (before, &x, &y);
      c->has_position = TRUE;
      c->x = x + dx;
      c->y = y + dy;
    }
  sb_layout_options_init (&options);
  options.pinned = "server-2";
  pinned = sb_layout_new_full (scenario, &options);
  assert_apart (scenario, pinned);
  n = sb_layout_get_displaced (pinned, &ids, &xs, &ys);
  /* Server 1's four components moved, server 2's stayed. */
  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (sb_scenario_find_component (scenario, ids[i])->host, ==, "server-1");
  /* Written back, the board is the same without the pin. */
  for (guint i = 0; i < n; i++)
    {
      SbComponent *c = (SbComponent *) sb_scenario_find_component (scenario, ids[i]);

      c->has_position = TRUE;
      c->x = xs[i];
      c->y = ys[i];
    }
  plain = sb_layout_new (scenario);
  assert_apart (scenario, plain);
  g_assert_cmpuint (sb_layout_get_displaced (plain, &ids, &xs, &ys), ==, 0);
  g_assert_cmpfloat (fabs (rect (plain, "web-1")->x - rect (plain, "web-2")->x
                           - (rect (pinned, "web-1")->x - rect (pinned, "web-2")->x)), <, 0.01);
}

/* Two servers placed by hand, a third added after them: it goes right of
 * the second, at its height, not under the first. */
static void
test_beside_siblings (void)
{
  g_autoptr(SbScenario) scenario = load ("moved-then-added.json");
  g_autoptr(SbLayout) layout = sb_layout_new (scenario);
  const SbRect *s2 = rect (layout, "server-2"), *s3 = rect (layout, "server-3");

  g_assert_cmpfloat (s3->x, >, s2->x + s2->width);
  g_assert_cmpfloat (s3->y, ==, s2->y);
  assert_apart (scenario, layout);
}

/* Three servers behind a load balancer are one row. */
static void
test_new_server_in_row (void)
{
  g_autoptr(SbScenario) scenario = sb_scenario_load_bundled ("distributed", NULL);
  g_autoptr(SbLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = sb_scenario_add_server (scenario, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "server-3");
  layout = sb_layout_new (scenario);
  g_assert_cmpfloat (rect (layout, "server-3")->y, ==, rect (layout, "server-1")->y);
  g_assert_cmpfloat (rect (layout, "server-3")->x, >, rect (layout, "server-2")->x);
}

/* Tidy Up forgets the places given by hand. */
static void
test_tidy_up (void)
{
  g_autoptr(SbScenario) scenario = load ("moved-then-added.json");
  g_autoptr(SbScenario) fresh = NULL;
  g_autoptr(SbLayout) tidy = NULL;
  g_autoptr(SbLayout) expected = NULL;

  g_assert_true (sb_scenario_has_positions (scenario));
  g_assert_true (sb_scenario_tidy_up (scenario));
  g_assert_false (sb_scenario_has_positions (scenario));
  g_assert_false (sb_scenario_tidy_up (scenario));
  tidy = sb_layout_new (scenario);
  /* As if the file had never had positions: three servers in a row. */
  fresh = sb_scenario_copy (scenario);
  expected = sb_layout_new (fresh);
  g_assert_cmpfloat (rect (tidy, "server-2")->y, ==, rect (tidy, "server-1")->y);
  g_assert_cmpfloat (rect (tidy, "server-3")->y, ==, rect (tidy, "server-1")->y);
  g_assert_cmpfloat (rect (tidy, "server-3")->x, ==, rect (expected, "server-3")->x);
}

/* The component drawn last wins a click where two boxes meet. */
static void
test_hit_on_top (void)
{
  g_autoptr(SbScenario) scenario = sb_scenario_load_bundled ("distributed", NULL);
  g_autoptr(SbLayout) layout = sb_layout_new (scenario);
  const SbRect *app = rect (layout, "app-1"), *web = rect (layout, "web-1");
  double x, y;

  sb_rect_center (app, &x, &y);
  g_assert_cmpstr (sb_layout_hit_test (layout, x, y), ==, "app-1");
  sb_rect_center (web, &x, &y);
  g_assert_cmpstr (sb_layout_hit_test (layout, x, y), ==, "web-1");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/arrange/order-by-meaning", test_order_by_meaning);
  g_test_add_func ("/render/arrange/sized-to-labels", test_sized_to_labels);
  g_test_add_func ("/render/arrange/reads-apart-from-writes", test_reads_apart_from_writes);
  g_test_add_func ("/render/arrange/drop-pushes", test_drop_pushes);
  g_test_add_func ("/render/arrange/beside-siblings", test_beside_siblings);
  g_test_add_func ("/render/arrange/new-server-in-row", test_new_server_in_row);
  g_test_add_func ("/render/arrange/tidy-up", test_tidy_up);
  g_test_add_func ("/render/arrange/hit-on-top", test_hit_on_top);
  return g_test_run ();
}
