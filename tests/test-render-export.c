/* test-render-export.c — the renderer's layout and its PNG, SVG, PDF exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>

#include "render/sb-export.h"
#include "render/sb-layout.h"
#include "render/sb-render.h"
#include "render/sb-render-record.h"

typedef struct {
  SbScenario *scenario;
  SbLayout   *layout;
  char       *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->scenario = sb_scenario_load_bundled (data ? data : "distributed", &error);
  g_assert_no_error (error);
  f->layout = sb_layout_new (f->scenario);
  f->dir = g_dir_make_tmp ("stackboard-export-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  sb_layout_free (f->layout);
  sb_scenario_free (f->scenario);
}

static gboolean
rects_overlap (const SbRect *a,
               const SbRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Every component has a box inside its host's box, and no two overlap. */
static void
test_layout_boxes (Fixture       *f,
                   gconstpointer  data)
{
  GPtrArray *comps = f->scenario->components;

  for (guint i = 0; i < comps->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (comps, i);
      const SbRect *r = sb_layout_get_rect (f->layout, c->id);

      g_assert_nonnull (r);
      if (c->host)
        {
          const SbRect *h = sb_layout_get_rect (f->layout, c->host);
          g_assert_true (r->x > h->x && r->x + r->width < h->x + h->width);
          g_assert_true (r->y > h->y && r->y + r->height < h->y + h->height);
        }
      for (guint j = i + 1; j < comps->len; j++)
        {
          const SbComponent *d = g_ptr_array_index (comps, j);
          g_assert_false (rects_overlap (r, sb_layout_get_rect (f->layout, d->id)));
        }
    }
  for (guint i = 0; i + 1 < f->scenario->hosts->len; i++)
    {
      const SbHost *a = g_ptr_array_index (f->scenario->hosts, i);
      const SbHost *b = g_ptr_array_index (f->scenario->hosts, i + 1);

      g_assert_false (rects_overlap (sb_layout_get_rect (f->layout, a->id),
                                     sb_layout_get_rect (f->layout, b->id)));
    }
}

static void
test_layout_hit (Fixture       *f,
                 gconstpointer  data)
{
  const SbRect *lb = sb_layout_get_rect (f->layout, "lb");
  const SbRect *host = sb_layout_get_rect (f->layout, "server-2");
  double x, y;

  sb_rect_center (lb, &x, &y);
  g_assert_cmpstr (sb_layout_hit_test (f->layout, x, y), ==, "lb");
  g_assert_cmpstr (sb_layout_hit_test (f->layout, host->x + 4, host->y + host->height - 4), ==, "server-2");
  g_assert_null (sb_layout_hit_test (f->layout, 1, 1));
}

/* The pixel at diagram point (x, y) of an export of size w × h, as 0xRRGGBB. */
static guint32
pixel_at (cairo_surface_t *png,
          const SbLayout  *layout,
          double           x,
          double           y)
{
  SbViewTransform t = sb_layout_fit (layout, cairo_image_surface_get_width (png),
                                     cairo_image_surface_get_height (png));
  int px = (int) (x * t.scale + t.offset_x), py = (int) (y * t.scale + t.offset_y);
  guint32 *row = (guint32 *) (cairo_image_surface_get_data (png)
                              + py * cairo_image_surface_get_stride (png));

  return row[px] & 0xffffff;
}

static char *
export (Fixture    *f,
        const char *name,
        int         width,
        int         height,
        int         scale)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (sb_export_to_file (path, f->layout, f->scenario, NULL, NULL, width, height, scale, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_export_png (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = export (f, "a.png", 1280, 720, 2);
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  const SbRect *lb = sb_layout_get_rect (f->layout, "lb");
  const SbRect *host = sb_layout_get_rect (f->layout, "server-1");

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 2560);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 1440);
  /* Whiteboard background in a corner, white node body inside the load
   * balancer's box, the light host fill inside server 1. */
  g_assert_cmphex (pixel_at (png, f->layout, 1, 1), ==, 0xfcfcf9);
  g_assert_cmphex (pixel_at (png, f->layout, lb->x + lb->width - 6, lb->y + lb->height - 6), ==, 0xffffff);
  g_assert_cmphex (pixel_at (png, f->layout, host->x + 8, host->y + host->height - 8), ==, 0xedf2f7);
  cairo_surface_destroy (png);
}

static void
read_file (const char *path,
           char      **contents,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, contents, length, &error));
  g_assert_no_error (error);
}

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  GHashTable *seen = user_data;

  if (g_str_equal (element, "svg"))
    for (guint i = 0; names[i]; i++)
      g_hash_table_insert (seen, g_strconcat ("svg@", names[i], NULL), g_strdup (values[i]));
  g_hash_table_insert (seen, g_strdup (element), g_strdup (""));
}

static void
test_export_svg (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = export (f, "a.svg", 1600, 900, 1);
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GMarkupParser parser = { svg_start, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) ctx = g_markup_parse_context_new (&parser, 0, seen, NULL);
  g_autoptr(GError) error = NULL;
  gsize length;

  read_file (path, &contents, &length);
  g_assert_true (g_markup_parse_context_parse (ctx, contents, length, &error)
                 && g_markup_parse_context_end_parse (ctx, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (seen, "svg@width"), ==, "1600pt");
  g_assert_cmpstr (g_hash_table_lookup (seen, "svg@height"), ==, "900pt");
  g_assert_true (g_hash_table_contains (seen, "path"));
}

static void
test_export_pdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = export (f, "a.pdf", 1600, 900, 1);
  g_autofree char *contents = NULL;
  g_autoptr(GRegex) page = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gsize length;
  int pages = 0;

  read_file (path, &contents, &length);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_regex_match_full (page, contents, length, 0, 0, &match, NULL);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    pages++;
  g_assert_cmpint (pages, ==, 1);
}

static void
test_export_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *bad_dir = g_build_filename (f->dir, "missing", "a.png", NULL);
  g_autofree char *bad_suffix = g_build_filename (f->dir, "a.gif", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_export_to_file (bad_dir, f->layout, f->scenario, NULL, NULL, 800, 450, 1, &error));
  g_assert_nonnull (strstr (error->message, bad_dir));
  g_clear_error (&error);
  g_assert_false (sb_export_to_file (bad_suffix, f->layout, f->scenario, NULL, NULL, 800, 450, 1, &error));
  g_assert_nonnull (strstr (error->message, "a.gif"));
  g_assert_false (g_file_test (bad_suffix, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (sb_export_to_file (bad_suffix, f->layout, f->scenario, NULL, NULL, -1, 450, 1, &error));
  g_assert_nonnull (error);
}

/* A failed export over an existing file leaves that file as it was. */
static void
test_export_keeps_old_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = export (f, "keep.png", 400, 225, 1);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_before, n_after;

  read_file (path, &before, &n_before);
  g_assert_false (sb_export_to_file (path, f->layout, f->scenario, NULL, NULL, 20000, 20000, 1, &error));
  g_assert_nonnull (error);
  read_file (path, &after, &n_after);
  g_assert_cmpmem (before, n_before, after, n_after);
}

/* Share of pixels whose colour differs by more than a little: small font
 * hinting changes stay under the tolerance, a moved or missing element
 * does not. */
static double
image_difference (cairo_surface_t *a,
                  cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint64 differ = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < h; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < w; x++)
        for (int shift = 0; shift < 24; shift += 8)
          if (ABS ((int) (ra[x] >> shift & 0xff) - (int) (rb[x] >> shift & 0xff)) > 48)
            {
              differ++;
              break;
            }
    }
  return (double) differ / (w * h);
}

/* The default scene against tests/data/golden/distributed.png.  Run with
 * STACKBOARD_UPDATE_GOLDEN=1 to write a new golden image after a change
 * that is meant to show. */
static void
test_golden (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = export (f, "golden.png", 800, 450, 1);
  g_autofree char *golden = g_test_build_filename (G_TEST_DIST, "data", "golden", "distributed.png", NULL);
  cairo_surface_t *now, *expected;
  double diff;

  if (g_getenv ("STACKBOARD_UPDATE_GOLDEN"))
    {
      g_autofree char *contents = NULL;
      gsize length;

      read_file (path, &contents, &length);
      g_assert_true (g_file_set_contents (golden, contents, length, NULL));
    }
  now = cairo_image_surface_create_from_png (path);
  expected = cairo_image_surface_create_from_png (golden);
  g_assert_cmpint (cairo_surface_status (expected), ==, CAIRO_STATUS_SUCCESS);
  diff = image_difference (now, expected);
  g_test_message ("%.3f %% of the pixels differ from the golden image", diff * 100);
  g_assert_cmpfloat (diff, <, 0.01);
  cairo_surface_destroy (now);
  cairo_surface_destroy (expected);
}

/* Killing server-1 and letting 10 s pass changes the picture where
 * server-1 is, and only the live layer elsewhere. */
static void
test_state_differs (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = export (f, "t0.png", 800, 450, 1);
  g_autofree char *after = g_build_filename (f->dir, "t10.png", NULL);
  g_autoptr(SbSim) sim = sb_sim_new (f->scenario);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *a, *b;
  const SbRect *r = sb_layout_get_rect (f->layout, "server-1");
  double x, y;

  g_assert_true (sb_sim_kill (sim, "server-1", &error));
  sb_sim_advance_to (sim, 10 * SB_SIM_USEC_PER_SEC);
  g_assert_true (sb_export_to_file (after, f->layout, f->scenario, sim, NULL, 800, 450, 1, &error));
  g_assert_no_error (error);
  a = cairo_image_surface_create_from_png (before);
  b = cairo_image_surface_create_from_png (after);
  sb_rect_center (r, &x, &y);
  /* The red cross runs through the centre of the dead host's box. */
  g_assert_cmphex (pixel_at (a, f->layout, x, y), !=, pixel_at (b, f->layout, x, y));
  g_assert_cmphex (pixel_at (b, f->layout, x, y) >> 16, >, 0xa0);
  g_assert_cmpfloat (image_difference (a, b), >, 0.005);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static guint
count_color (cairo_surface_t *png,
             guint32          rgb)
{
  int w = cairo_image_surface_get_width (png), h = cairo_image_surface_get_height (png);
  guint n = 0;

  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (png) + y * cairo_image_surface_get_stride (png));
      for (int x = 0; x < w; x++)
        n += (row[x] & 0xffffff) == rgb;
    }
  return n;
}

/* "Show issues" puts yellow badges on the board; without it there are none. */
static void
test_issues (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *plain = export (f, "plain.png", 800, 450, 1);
  g_autofree char *marked = g_build_filename (f->dir, "issues.png", NULL);
  g_autoptr(GError) error = NULL;
  SbRenderOptions options;
  cairo_surface_t *a, *b;

  sb_render_options_init (&options);
  options.show_issues = TRUE;
  g_assert_true (sb_export_to_file (marked, f->layout, f->scenario, NULL, &options, 800, 450, 1, &error));
  a = cairo_image_surface_create_from_png (plain);
  b = cairo_image_surface_create_from_png (marked);
  g_assert_cmpuint (count_color (a, 0xf5d42e), ==, 0);
  /* Six badges: HTTP, the LB's firewall, two per server. */
  g_assert_cmpuint (count_color (b, 0xf5d42e), >, 6 * 200);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* The issue badges SCENARIO is drawn with, by what they say. */
static GHashTable *
issue_badges (const char *name)
{
  g_autoptr(SbScenario) scenario = sb_scenario_load_bundled (name, NULL);
  g_autoptr(SbLayout) layout = sb_layout_new (scenario);
  g_autoptr(SbRenderRecord) record = sb_render_record_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 450);
  cairo_t *cr = cairo_create (surface);
  GHashTable *badges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SbRenderOptions options;

  sb_render_options_init (&options);
  options.show_issues = TRUE;
  options.record = record;
  sb_render_draw (cr, layout, scenario, NULL, &options, 800, 450);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  for (guint i = 0; i < sb_render_record_get_n_marks (record); i++)
    {
      const SbMark *m = sb_render_record_get_mark (record, i);

      if (m->kind == SB_MARK_BADGE && g_str_has_prefix (m->text, "⚠"))
        g_hash_table_insert (badges, g_strdup (m->text),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (badges, m->text)) + 1));
    }
  return badges;
}

static guint
n_badges (GHashTable *badges,
          const char *text)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (badges, text));
}

/* The badges go where a step of the lesson fixes them: step 2 has no
 * HTTPS and no firewall or monitoring on its three machines, each said on
 * its machine; step 3 has HTTPS, a firewall and an agent on every machine,
 * so none; step 4 has HTTPS but draws neither firewalls nor monitoring on
 * its eight machines, said once for the board. */
static void
test_issues_fixed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) distributed = issue_badges ("distributed");
  g_autoptr(GHashTable) secured = issue_badges ("secured-monitored");
  g_autoptr(GHashTable) scale_up = issue_badges ("scale-up");

  g_assert_cmpuint (n_badges (distributed, "⚠ No HTTPS"), ==, 1);
  g_assert_cmpuint (n_badges (distributed, "⚠ No firewall"), ==, 3);
  g_assert_cmpuint (n_badges (distributed, "⚠ No monitoring"), ==, 2);
  g_assert_cmpuint (g_hash_table_size (distributed), ==, 3);
  g_assert_cmpuint (g_hash_table_size (secured), ==, 0);
  g_assert_cmpuint (n_badges (scale_up, "⚠ No firewall on any machine"), ==, 1);
  g_assert_cmpuint (n_badges (scale_up, "⚠ No monitoring on any machine"), ==, 1);
  g_assert_cmpuint (g_hash_table_size (scale_up), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/render/layout/boxes", Fixture, NULL, fixture_set_up, test_layout_boxes, fixture_tear_down);
  g_test_add ("/render/layout/one-server", Fixture, "one-server", fixture_set_up, test_layout_boxes, fixture_tear_down);
  g_test_add ("/render/layout/hit-test", Fixture, NULL, fixture_set_up, test_layout_hit, fixture_tear_down);
  g_test_add ("/render/export/png", Fixture, NULL, fixture_set_up, test_export_png, fixture_tear_down);
  g_test_add ("/render/export/svg", Fixture, NULL, fixture_set_up, test_export_svg, fixture_tear_down);
  g_test_add ("/render/export/pdf", Fixture, NULL, fixture_set_up, test_export_pdf, fixture_tear_down);
  g_test_add ("/render/export/errors", Fixture, NULL, fixture_set_up, test_export_errors, fixture_tear_down);
  g_test_add ("/render/export/keeps-old-file", Fixture, NULL, fixture_set_up, test_export_keeps_old_file, fixture_tear_down);
  g_test_add ("/render/golden/distributed", Fixture, NULL, fixture_set_up, test_golden, fixture_tear_down);
  g_test_add ("/render/state/kill-server-1", Fixture, NULL, fixture_set_up, test_state_differs, fixture_tear_down);
  g_test_add ("/render/issues", Fixture, NULL, fixture_set_up, test_issues, fixture_tear_down);
  g_test_add ("/render/issues-fixed", Fixture, NULL, fixture_set_up, test_issues_fixed, fixture_tear_down);
  return g_test_run ();
}
