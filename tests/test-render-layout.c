/* test-render-layout.c — nothing on the board covers what it must not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each bundled step of the lesson is drawn, with a record (sb-render-record.h),
 * at 1920×1080 and 1280×800 in the states a lesson goes through, and the
 * record is checked: no caption or badge on a box it does not belong to,
 * no two texts on each other, texts inside their boxes, no line through a
 * box it does not connect or under a text.  Run under LANGUAGE=fr (the
 * render-fr test) the same checks hold for the French board.
 *
 * STACKBOARD_TEST_PNG_DIR=DIR writes each drawing checked into DIR, to be
 * looked at.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "render/sb-render.h"
#include "render/sb-render-record-private.h"
#include "render/sb-route.h"
#include "sim/sb-spof.h"

typedef enum {
  STATE_FRESH,           /* a few seconds of traffic */
  STATE_ENTRY_KILLED,    /* the load balancer (or the web server) killed, failures shown */
  STATE_SERVER_KILLED,   /* the first backend's machine killed */
  STATE_PROMOTED,        /* the replica promoted */
  STATE_FIREWALLS_OPEN,  /* every firewall opened */
  STATE_SPOF_READS,
  STATE_SPOF_WRITES,
  STATE_ISSUES,          /* the known issues shown */
  STATE_EVERYTHING,      /* issues, SPOFs for writes and the entry killed at once */
  N_STATES
} State;

static const char * const state_names[] = {
  "fresh", "entry-killed", "server-killed", "promoted", "firewalls-open",
  "spof-reads", "spof-writes", "issues", "everything",
};

typedef struct {
  const char *scenario;
  int         width;
  int         height;
  /* 0: an export (laid out for 16:9, fitted to the size); WINDOW: the
   * window's board, laid out for its shape; else presentation mode's text
   * scale, for the board's shape too. */
  double      text_scale;
} Case;

#define WINDOW 1.0

/* The board in presentation mode on a 1024 × 768 projector: the window
 * fullscreen, less the step's title above the board and the toolbar. */
#define PRESENT_W 1024
#define PRESENT_H 672
#define PRESENT SB_LAYOUT_PRESENTATION_TEXT_SCALE

static const Case cases[] = {
  { "one-server", 1920, 1080 }, { "one-server", 1280, 800 },
  { "distributed", 1920, 1080 }, { "distributed", 1280, 800 },
  { "secured-monitored", 1920, 1080 }, { "secured-monitored", 1280, 800 },
  { "scale-up", 1920, 1080 }, { "scale-up", 1280, 800 },
  { "one-server", PRESENT_W, PRESENT_H, PRESENT }, { "distributed", PRESENT_W, PRESENT_H, PRESENT },
  { "secured-monitored", PRESENT_W, PRESENT_H, PRESENT }, { "scale-up", PRESENT_W, PRESENT_H, PRESENT },
  /* The window's board beside the side panel: 1024 × 768 and 1280 × 800. */
  { "one-server", 668, 658, WINDOW }, { "one-server", 930, 700, WINDOW },
  { "distributed", 668, 658, WINDOW }, { "distributed", 930, 700, WINDOW },
  { "secured-monitored", 668, 658, WINDOW }, { "secured-monitored", 930, 700, WINDOW },
  { "scale-up", 668, 658, WINDOW }, { "scale-up", 930, 700, WINDOW },
  { "data/good/editor-scaled-up-monitored.json", 668, 658, WINDOW },
  { "data/layout/nine-machines.json", 930, 700, WINDOW },
  /* Designs built in the window's editor, and by hand (files of the
   * source tree, relative to tests/). */
  { "data/good/editor-databases-apart.json", 1920, 1080 },
  { "data/good/editor-databases-apart.json", 1280, 800 },
  { "data/good/editor-three-servers-firewalls.json", 1920, 1080 },
  { "data/good/editor-three-servers-firewalls.json", 1280, 800 },
  { "data/good/editor-scaled-up-monitored.json", 1920, 1080 },
  { "data/good/editor-scaled-up-monitored.json", 1280, 800 },
  { "../bench/servers-12.json", 1920, 1080 },
  { "../bench/servers-12.json", 1280, 800 },
  { "data/layout/firewalls-listed-last.json", 1920, 1080 },
  { "data/layout/firewalls-listed-last.json", 1280, 800 },
  { "data/layout/databases-a-and-b.json", 1920, 1080 },
  { "data/layout/databases-a-and-b.json", 1280, 800 },
  { "data/layout/nine-machines.json", 1920, 1080 },
  { "data/layout/nine-machines.json", 1280, 800 },
  { "data/layout/twelve-machines.json", 1920, 1080 },
  { "data/layout/twelve-machines.json", 1280, 800 },
  { "data/layout/moved-then-added.json", 1920, 1080 },
  { "data/layout/moved-then-added.json", 1280, 800 },
  { "data/good/editor-three-servers-firewalls.json", PRESENT_W, PRESENT_H, PRESENT },
  { "data/layout/nine-machines.json", PRESENT_W, PRESENT_H, PRESENT },
};

/* A bundled step by name, or a file of the source tree. */
static SbScenario *
load_case (const Case *c)
{
  g_autoptr(GError) error = NULL;
  SbScenario *scenario;

  if (g_str_has_suffix (c->scenario, ".json"))
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, c->scenario, NULL);
      scenario = sb_scenario_load_from_file (path, &error);
    }
  else
    scenario = sb_scenario_load_bundled (c->scenario, &error);
  g_assert_no_error (error);
  return scenario;
}

/* The layout the case's board is drawn with: in the window, for the
 * board's shape (in presentation mode with the larger text too), as the
 * window lays it out. */
static SbLayout *
layout_case (const Case       *c,
             const SbScenario *scenario)
{
  SbLayoutOptions options;

  sb_layout_options_init (&options);
  if (c->text_scale > 0)
    {
      options.text_scale = c->text_scale;
      options.aspect = (double) c->width / c->height;
    }
  return sb_layout_new_full (scenario, &options);
}

/* What follows the size in a case's name: where its board is drawn. */
static const char *
case_suffix (const Case *c)
{
  return c->text_scale > WINDOW ? "-presentation" : c->text_scale > 0 ? "-window" : "";
}

/* The case's name in a test path or a file name: the file's base name. */
static char *
case_name (const Case *c)
{
  g_autofree char *base = g_path_get_basename (c->scenario);

  return g_str_has_suffix (base, ".json") ? g_strndup (base, strlen (base) - 5) : g_steal_pointer (&base);
}

static const SbComponent *
first_of_kind (const SbScenario *scenario,
               SbKind            kind,
               SbDbRole          role)
{
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);

      if (c->kind == kind && (role == SB_DB_ROLE_NONE || c->role == role))
        return c;
    }
  return NULL;
}

/* What a request reaches first: the load balancer, or the web server. */
static const char *
entry_point (const SbScenario *scenario)
{
  const SbComponent *lb = first_of_kind (scenario, SB_KIND_LOAD_BALANCER, SB_DB_ROLE_NONE);

  return lb ? lb->id : first_of_kind (scenario, SB_KIND_WEB_SERVER, SB_DB_ROLE_NONE)->id;
}

static void
kill_element (SbSim      *sim,
      const char *id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_sim_kill (sim, id, &error));
  g_assert_no_error (error);
}

static gint64
seconds (double s)
{
  return sb_sim_seconds_to_us (s);
}

/* Puts SIM and OPTIONS in STATE; FALSE when the scenario has no such state
 * (no replica to promote, no firewall to open). */
static gboolean
enter_state (SbSim           *sim,
             State            state,
             SbRenderOptions *options)
{
  const SbScenario *scenario = sb_sim_get_scenario (sim);
  g_autoptr(GError) error = NULL;
  const SbComponent *c;
  GPtrArray *reads = NULL, *writes = NULL;

  sb_sim_advance_to (sim, seconds (3));
  switch (state)
    {
    case STATE_ENTRY_KILLED:
    case STATE_EVERYTHING:
      kill_element (sim, entry_point (scenario));
      break;
    case STATE_SERVER_KILLED:
      c = first_of_kind (scenario, SB_KIND_WEB_SERVER, SB_DB_ROLE_NONE);
      kill_element (sim, c->host);
      sb_sim_advance_to (sim, seconds (9));
      break;
    case STATE_PROMOTED:
      if ((c = first_of_kind (scenario, SB_KIND_DATABASE, SB_DB_ROLE_REPLICA)) == NULL)
        return FALSE;
      g_assert_true (sb_sim_promote (sim, c->id, &error));
      g_assert_no_error (error);
      break;
    case STATE_FIREWALLS_OPEN:
      if (first_of_kind (scenario, SB_KIND_FIREWALL, SB_DB_ROLE_NONE) == NULL)
        return FALSE;
      for (guint i = 0; i < scenario->components->len; i++)
        {
          c = g_ptr_array_index (scenario->components, i);
          if (c->kind == SB_KIND_FIREWALL)
            g_assert_true (sb_sim_set_firewall_open (sim, c->id, TRUE, NULL));
        }
      break;
    case STATE_FRESH:
    case STATE_SPOF_READS:
    case STATE_SPOF_WRITES:
    case STATE_ISSUES:
    case N_STATES:
    default:
      break;
    }
  /* Failures stay on the board for 2 s: drawn while they show. */
  sb_sim_advance_to (sim, MAX (sb_sim_get_time (sim), seconds (4.5)));
  sb_spof_analyse (sb_sim_get_scenario (sim), &reads, &writes);
  options->spofs = state == STATE_SPOF_READS ? g_ptr_array_ref (reads)
                   : state == STATE_SPOF_WRITES || state == STATE_EVERYTHING ? g_ptr_array_ref (writes)
                   : NULL;
  options->spofs_for_writes = state != STATE_SPOF_READS;
  options->show_issues = state == STATE_ISSUES || state == STATE_EVERYTHING;
  g_ptr_array_unref (reads);
  g_ptr_array_unref (writes);
  return TRUE;
}

/* Marks of KIND of OWNER saying TEXT (any owner, any text when NULL). */
static guint
count_owned (const SbRenderRecord *record,
             SbMarkKind            kind,
             const char           *owner,
             const char           *text)
{
  guint n = 0;

  for (guint i = 0; i < sb_render_record_get_n_marks (record); i++)
    {
      const SbMark *m = sb_render_record_get_mark (record, i);
      n += m->kind == kind && (owner == NULL || g_strcmp0 (m->owner, owner) == 0)
           && (text == NULL || g_strcmp0 (m->text, text) == 0);
    }
  return n;
}

static guint
count_marks (const SbRenderRecord *record,
             SbMarkKind            kind,
             const char           *text)
{
  return count_owned (record, kind, NULL, text);
}

/* The databases say their live role, and only in their role badge (a
 * label that said "replica" would contradict a promotion); replication
 * runs straight from the live primary to each live replica. */
static void
assert_roles (const SbRenderRecord *record,
              const SbScenario     *scenario,
              gboolean              bundled)
{
  g_autofree char *primary_word = g_utf8_strdown (_("Primary"), -1);
  g_autofree char *replica_word = g_utf8_strdown (_("Replica"), -1);
  const SbComponent *primary = first_of_kind (scenario, SB_KIND_DATABASE, SB_DB_ROLE_PRIMARY);

  for (guint i = 0; i < sb_render_record_get_n_marks (record); i++)
    {
      const SbMark *m = sb_render_record_get_mark (record, i);
      g_autofree char *text = m->text ? g_utf8_strdown (m->text, -1) : NULL;

      if (m->kind == SB_MARK_TEXT && bundled)
        g_assert_true (strstr (text, primary_word) == NULL && strstr (text, replica_word) == NULL);
    }
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);
      const SbMark *link = NULL;

      if (c->kind != SB_KIND_DATABASE)
        continue;
      g_assert_nonnull (sb_render_record_find (record, SB_MARK_BADGE, c->id,
                                               c->role == SB_DB_ROLE_PRIMARY ? _("Primary") : _("Replica")));
      for (guint j = 0; c->role == SB_DB_ROLE_REPLICA && j < sb_render_record_get_n_marks (record); j++)
        {
          const SbMark *m = sb_render_record_get_mark (record, j);

          if (m->kind == SB_MARK_LINK && g_strcmp0 (m->target, c->id) == 0
              && g_strcmp0 (m->owner, primary->id) == 0)
            link = m;
        }
      if (c->role == SB_DB_ROLE_REPLICA)
        g_assert_nonnull (link);
      if (c->role == SB_DB_ROLE_REPLICA && bundled)
        {
          g_assert_nonnull (link);
          g_assert_cmpuint (link->n_points, ==, 2);
        }
    }
}

/* The record holds every element and link: a check of an empty or partial
 * record would pass for nothing. */
static void
assert_complete (const SbRenderRecord *record,
                 const SbScenario     *scenario,
                 SbSim                *sim,
                 State                 state,
                 const SbRenderOptions *options,
                 gboolean              bundled)
{
  g_autoptr(GArray) links = sb_links_derive (scenario);

  g_autofree char *visitors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d visitor", "%d visitors",
                                                            scenario->traffic.clients),
                                               scenario->traffic.clients);
  const SbComponent *client = first_of_kind (scenario, SB_KIND_CLIENT, SB_DB_ROLE_NONE);

  /* Every component's box, and the client's as a stack of three browsers
   * that says how many visitors the simulation plays. */
  g_assert_cmpuint (scenario->traffic.clients, ==, 8);
  g_assert_cmpuint (count_marks (record, SB_MARK_BOX, NULL), ==, scenario->components->len + 2);
  g_assert_cmpuint (count_owned (record, SB_MARK_BOX, client->id, NULL), ==, 3);
  g_assert_cmpuint (count_marks (record, SB_MARK_TEXT, visitors), ==, 1);
  g_assert_nonnull (sb_render_record_find (record, SB_MARK_TEXT, client->id, visitors));
  g_assert_cmpuint (count_marks (record, SB_MARK_FRAME, NULL), ==, scenario->hosts->len);
  g_assert_cmpuint (count_marks (record, SB_MARK_LINK, NULL), ==, links->len);
  g_assert_cmpuint (count_marks (record, SB_MARK_CAPTION, _("DNS lookup")), ==, 1);
  if (state == STATE_ENTRY_KILLED)
    g_assert_cmpuint (count_marks (record, SB_MARK_BADGE, _("connection refused")), ==, 1);
  if (options->spofs && options->spofs->len > 0)
    g_assert_cmpuint (count_marks (record, SB_MARK_BADGE, _("SPOF")), ==, options->spofs->len);
  if (state == STATE_FIREWALLS_OPEN)
    g_assert_cmpuint (count_marks (record, SB_MARK_BADGE, _("⚠ Open")), >, 0);
  if (sb_sim_get_n_databases (sim) > 0)
    g_assert_cmpuint (count_marks (record, SB_MARK_BADGE, NULL), >=, sb_sim_get_n_databases (sim));
  assert_roles (record, scenario, bundled);
}

static void
write_png (cairo_surface_t *surface,
           const Case      *c,
           State            state)
{
  const char *dir = g_getenv ("STACKBOARD_TEST_PNG_DIR");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  g_autofree char *scenario = case_name (c);

  name = g_strdup_printf ("%s-%dx%d%s-%s.png", scenario, c->width, c->height,
                          case_suffix (c), state_names[state]);
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
}

/* Draws the case in STATE into RECORD and returns what the check finds. */
static GPtrArray *
check_state (const Case     *c,
             State           state,
             SbRenderRecord *record,
             gboolean       *drawn)
{
  g_autoptr(SbScenario) scenario = load_case (c);
  g_autoptr(SbSim) sim = sb_sim_new (scenario);
  g_autoptr(SbLayout) layout = layout_case (c, scenario);
  cairo_surface_t *surface;
  cairo_t *cr;
  SbRenderOptions options;
  GPtrArray *problems;

  sb_render_options_init (&options);
  options.record = record;
  *drawn = enter_state (sim, state, &options);
  if (!*drawn)
    return g_ptr_array_new ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, c->width, c->height);
  cr = cairo_create (surface);
  sb_render_draw (cr, layout, sb_sim_get_scenario (sim), sim, &options, c->width, c->height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  write_png (surface, c, state);
  cairo_surface_destroy (surface);
  assert_complete (record, sb_sim_get_scenario (sim), sim, state, &options,
                   !g_str_has_suffix (c->scenario, ".json"));
  problems = sb_render_record_check (record, sb_layout_get_width (layout), sb_layout_get_height (layout));
  g_clear_pointer (&options.spofs, g_ptr_array_unref);
  return problems;
}

static void
test_layout_case (gconstpointer data)
{
  const Case *c = data;
  guint total = 0;

  for (State state = 0; state < N_STATES; state++)
    {
      g_autoptr(SbRenderRecord) record = sb_render_record_new ();
      g_autoptr(GPtrArray) problems = NULL;
      gboolean drawn;

      problems = check_state (c, state, record, &drawn);
      for (guint i = 0; i < problems->len; i++)
        g_test_message ("%s %d×%d %s: %s", c->scenario, c->width, c->height, state_names[state],
                        (const char *) g_ptr_array_index (problems, i));
      total += problems->len;
    }
  g_assert_cmpuint (total, ==, 0);
}

/* In presentation mode on a 1024 × 768 projector, every label of a
 * bundled step is at least 14 pixels tall: its font size times the scale
 * the board is drawn at, for every text the board draws. */
static void
test_label_height (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(SbScenario) scenario = load_case (c);
  g_autoptr(SbLayout) layout = layout_case (c, scenario);
  g_autoptr(SbRenderRecord) record = sb_render_record_new ();
  SbViewTransform fit = sb_layout_fit (layout, c->width, c->height);
  double font = sb_layout_get_metrics (layout)->font, smallest = G_MAXDOUBLE;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, c->width, c->height);
  cairo_t *cr = cairo_create (surface);
  SbRenderOptions options;

  sb_render_options_init (&options);
  options.record = record;
  sb_render_draw (cr, layout, scenario, NULL, &options, c->width, c->height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  /* A text's box is its line, 1.2 times its font size. */
  for (guint i = 0; i < sb_render_record_get_n_marks (record); i++)
    {
      const SbMark *m = sb_render_record_get_mark (record, i);

      if (m->kind == SB_MARK_TEXT)
        smallest = MIN (smallest, m->rect.height / 1.2 * fit.scale);
    }
  g_test_message ("%s: labels %.1f px (font %.1f × scale %.3f), the smallest text %.1f px",
                  c->scenario, font * fit.scale, font, fit.scale, smallest);
  g_assert_cmpfloat (font * fit.scale, >=, 14);
  g_assert_cmpfloat (smallest, >=, 13.5);
}

/* --- The check itself ------------------------------------------------------ */

static SbMark
mark (SbMarkKind  kind,
      const char *owner,
      const char *owner_host,
      double      x,
      double      y,
      double      w,
      double      h)
{
  return (SbMark) { .kind = kind, .owner = owner, .owner_host = owner_host, .text = "t",
                    .rect = { x, y, w, h } };
}

static SbMark
line (const char *from,
      const char *to,
      double      x0,
      double      y0,
      double      x1,
      double      y1)
{
  SbMark m = { .kind = SB_MARK_LINK, .owner = from, .target = to, .n_points = 2,
               .xs = { x0, x1 }, .ys = { y0, y1 } };

  m.rect = (SbRect) { MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0) };
  return m;
}

static guint
n_problems (SbRenderRecord *record)
{
  g_autoptr(GPtrArray) problems = sb_render_record_check (record, 1000, 1000);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (problems, i));
  return problems->len;
}

/* Each rule finds what it is about, and lets the board's ordinary
 * arrangements be. */
static void
test_check_rules (void)
{
  g_autoptr(SbRenderRecord) record = sb_render_record_new ();
  SbMark m, caption;

  /* A machine with a box, its title and a badge of the machine's own. */
  sb_render_record_add (record, &(SbMark) { .kind = SB_MARK_FRAME, .owner = "h",
                                            .rect = { 100, 100, 400, 300 } });
  m = mark (SB_MARK_BOX, "a", "h", 120, 160, 200, 100);
  sb_render_record_add (record, &m);
  m = mark (SB_MARK_TEXT, "h", NULL, 120, 110, 100, 30);
  sb_render_record_add (record, &m);
  m = mark (SB_MARK_TEXT, "a", "h", 130, 170, 100, 30);
  sb_render_record_add (record, &m);
  m = mark (SB_MARK_BADGE, "h", NULL, 380, 110, 100, 30);
  sb_render_record_add (record, &m);
  m = mark (SB_MARK_BOX, "b", NULL, 600, 160, 200, 100);
  sb_render_record_add (record, &m);
  /* A link from a to b with its caption in the gap. */
  m = line ("a", "b", 320, 210, 600, 210);
  m.owner_host = "h";
  sb_render_record_add (record, &m);
  caption = mark (SB_MARK_CAPTION, "a", "h", 520, 195, 70, 30);
  caption.target = "b";
  sb_render_record_add (record, &caption);
  g_assert_cmpuint (n_problems (record), ==, 0);
}

static void
test_check_finds (void)
{
  struct {
    SbMark      extra;
    const char *what;
  } cases_[] = {
    { { .kind = SB_MARK_CAPTION, .owner = "a", .owner_host = "h", .target = "b", .text = "on b",
        .rect = { 590, 195, 70, 30 } }, "a caption on a box at an end of its link" },
    { { .kind = SB_MARK_CAPTION, .owner = "a", .owner_host = "h", .target = "b", .text = "across",
        .rect = { 470, 195, 70, 30 } }, "a caption across its machine's frame" },
    { { .kind = SB_MARK_BADGE, .owner = "a", .owner_host = "h", .text = "out",
        .rect = { 480, 300, 70, 30 } }, "a component's badge across its machine's frame" },
    { { .kind = SB_MARK_BADGE, .owner = "b", .text = "on title",
        .rect = { 150, 115, 70, 20 } }, "a badge on another machine's title" },
    { { .kind = SB_MARK_TEXT, .owner = "a", .owner_host = "h", .text = "out of box",
        .rect = { 300, 170, 60, 20 } }, "a label sticking out of its box" },
    { { .kind = SB_MARK_LINK, .owner = "x", .target = "y", .n_points = 2,
        .xs = { 700, 700 }, .ys = { 0, 900 }, .rect = { 700, 0, 0, 900 } }, "a line through a box" },
    { { .kind = SB_MARK_LINK, .owner = "x", .target = "y", .n_points = 3,
        .xs = { 50, 150, 150 }, .ys = { 120, 120, 50 }, .rect = { 50, 50, 100, 70 } },
      "a line through a machine and its title" },
    { { .kind = SB_MARK_BADGE, .owner = "z", .text = "off",
        .rect = { 980, 500, 70, 30 } }, "a badge off the board" },
    { { .kind = SB_MARK_CAPTION, .owner = "x", .target = "y", .text = "lost",
        .rect = { 600, 600, 70, 30 } }, "a caption of a line that is nowhere near" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases_); i++)
    {
      g_autoptr(SbRenderRecord) record = sb_render_record_new ();
      SbMark m;

      sb_render_record_add (record, &(SbMark) { .kind = SB_MARK_FRAME, .owner = "h",
                                            .rect = { 100, 100, 400, 300 } });
      m = mark (SB_MARK_TEXT, "h", NULL, 120, 110, 100, 30);
      sb_render_record_add (record, &m);
      m = mark (SB_MARK_BOX, "a", "h", 120, 160, 200, 100);
      sb_render_record_add (record, &m);
      m = mark (SB_MARK_BOX, "b", NULL, 600, 160, 200, 100);
      sb_render_record_add (record, &m);
      g_assert_cmpuint (n_problems (record), ==, 0);
      sb_render_record_add (record, &cases_[i].extra);
      g_test_message ("%s", cases_[i].what);
      g_assert_cmpuint (n_problems (record), >, 0);
    }
}

/* A request passing a caption goes under it: the caption's pixels are the
 * same with the request as without it. */
typedef struct {
  const SbRenderRecord *record;
  const SbLayout       *layout;
  const SbScenario     *scenario;
  GArray               *links;
  const SbMark         *under;    /* the caption a request is under, or NULL */
} TokenSearch;

static void
find_token_under (const SbSimRequestView *request,
                  gpointer                user_data)
{
  TokenSearch *search = user_data;
  double xs[SB_ROUTE_MAX_POINTS], ys[SB_ROUTE_MAX_POINTS], x, y;
  guint n = sb_route_hop (search->layout, search->scenario, search->links, request->from, request->to, xs, ys);

  sb_route_point_at (xs, ys, n, request->progress, &x, &y);
  for (guint i = 0; i < sb_render_record_get_n_marks (search->record) && !search->under; i++)
    {
      const SbMark *m = sb_render_record_get_mark (search->record, i);
      const SbRect *r = &m->rect;

      if (m->kind == SB_MARK_CAPTION && x > r->x + 4 && x < r->x + r->width - 4
          && y > r->y && y < r->y + r->height)
        search->under = m;
    }
}

static cairo_surface_t *
draw (const SbLayout   *layout,
      const SbScenario *scenario,
      SbSim            *sim,
      SbRenderRecord   *record)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  SbRenderOptions options;

  sb_render_options_init (&options);
  options.record = record;
  sb_render_draw (cr, layout, scenario, sim, &options, 1920, 1080);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Pixels that differ between A and B inside R (diagram units). */
static guint
pixels_differing (cairo_surface_t *a,
                  cairo_surface_t *b,
                  const SbLayout  *layout,
                  const SbRect    *r)
{
  SbViewTransform t = sb_layout_fit (layout, 1920, 1080);
  int x0 = (int) ceil (r->x * t.scale + t.offset_x) + 1;
  int x1 = (int) floor ((r->x + r->width) * t.scale + t.offset_x) - 1;
  int y0 = (int) ceil (r->y * t.scale + t.offset_y) + 1;
  int y1 = (int) floor ((r->y + r->height) * t.scale + t.offset_y) - 1;
  int stride = cairo_image_surface_get_stride (a);
  guint differ = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guint32 *pa = (const guint32 *) (cairo_image_surface_get_data (a) + y * stride);
        const guint32 *pb = (const guint32 *) (cairo_image_surface_get_data (b) + y * stride);
        differ += (pa[x] & 0xffffff) != (pb[x] & 0xffffff);
      }
  return differ;
}

static void
test_tokens_under_captions (void)
{
  g_autoptr(SbScenario) scenario = sb_scenario_load_bundled ("distributed", NULL);
  g_autoptr(SbLayout) layout = sb_layout_new (scenario);
  g_autoptr(SbSim) sim = NULL;
  g_autoptr(SbRenderRecord) record = sb_render_record_new ();
  g_autoptr(GArray) links = sb_links_derive (scenario);
  cairo_surface_t *board, *live;
  TokenSearch search = { record, layout, scenario, links, NULL };
  SbRect caption;

  scenario->traffic.rate = 20;
  sim = sb_sim_new (scenario);
  board = draw (layout, scenario, NULL, record);
  /* The first frame, 1/60 s apart, with a request under a caption. */
  for (int frame = 0; frame < 60 * 20 && search.under == NULL; frame++)
    {
      sb_sim_advance (sim, SB_SIM_USEC_PER_SEC / 60);
      sb_sim_foreach_request (sim, find_token_under, &search);
    }
  g_assert_nonnull (search.under);
  caption = search.under->rect;
  g_test_message ("a request under “%s”", search.under->text);
  live = draw (layout, scenario, sim, NULL);
  g_assert_cmpuint (pixels_differing (board, live, layout, &caption), ==, 0);
  /* A live layer that does not know the board's captions draws the
   * request over the caption. */
  {
    cairo_t *cr = cairo_create (live);

    sb_render_draw_board (cr, layout, scenario, NULL, 1920, 1080);
    sb_render_draw_live (cr, layout, scenario, sim, NULL, 1920, 1080);
    cairo_destroy (cr);
    cairo_surface_flush (live);
  }
  g_assert_cmpuint (pixels_differing (board, live, layout, &caption), >, 20);
  cairo_surface_destroy (board);
  cairo_surface_destroy (live);
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("STACKBOARD_LOCALEDIR");

  setlocale (LC_ALL, "");
  if (localedir)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);
  /* Every case reports what it finds, not only the first. */
  g_test_set_nonfatal_assertions ();
  /* Under LANGUAGE=fr the board must really be French. */
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "fr") == 0)
    g_assert_cmpstr (_("HTTP request"), ==, "requête HTTP");

  g_test_add_func ("/render/layout/check/clean", test_check_rules);
  g_test_add_func ("/render/layout/check/finds", test_check_finds);
  g_test_add_func ("/render/layout/tokens-under-captions", test_tokens_under_captions);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = case_name (&cases[i]);
      g_autofree char *path = g_strdup_printf ("/render/layout/%s/%dx%d%s", name,
                                               cases[i].width, cases[i].height,
                                               case_suffix (&cases[i]));
      g_test_add_data_func (path, &cases[i], test_layout_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (cases[i].text_scale > WINDOW && !g_str_has_suffix (cases[i].scenario, ".json"))
      {
        g_autofree char *path = g_strdup_printf ("/render/layout/label-height/%s", cases[i].scenario);

        g_test_add_data_func (path, &cases[i], test_label_height);
      }
  return g_test_run ();
}
