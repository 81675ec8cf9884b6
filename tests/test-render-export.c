/* test-render-export.c — the renderer's layout and its PNG, SVG, PDF exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "render/sb-export.h"
#include "render/sb-handout.h"
#include "render/sb-layout.h"
#include "render/sb-render.h"
#include "render/sb-svg-text.h"
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
  /* Text is text, as a reader searches and copies it, at the place of its
   * marker in the drawing order; no glyph outlines, no marker left. */
  g_assert_true (g_hash_table_contains (seen, "text"));
  g_assert_nonnull (strstr (contents, ">Load balancer (HAProxy)</text>"));
  g_assert_nonnull (strstr (contents, ">203.0.113.10</text>"));
  g_assert_nonnull (strstr (contents, "font-family=\"Cantarell, DejaVu Sans, sans-serif\""));
  g_assert_nonnull (strstr (contents, "font-weight=\"700\""));
  g_assert_null (strstr (contents, "<symbol"));
  g_assert_null (strstr (contents, "d=\"M 0.25 0.75 L 0.75 0.75"));
  /* A node's text after its box, the box after the host's. */
  g_assert_true (strstr (contents, ">Server 1</text>") > strstr (contents, "<path"));
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

/* The clean diagram: with the simulation five seconds in (requests in
 * flight, health-check labels, database versions) it is the same picture
 * as with no simulation at all; a kill shows, and stays the same later. */
static char *
export_clean (Fixture    *f,
              const char *name,
              SbSim      *sim)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  SbRenderOptions options;

  sb_render_options_init (&options);
  options.clean = TRUE;
  options.selected_id = "lb";
  g_assert_true (sb_export_to_file (path, f->layout, f->scenario, sim, &options, 800, 450, 1, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  gsize nx, ny;

  read_file (a, &x, &nx);
  read_file (b, &y, &ny);
  return nx == ny && memcmp (x, y, nx) == 0;
}

/* Pixels in the board's ink colour among rows FROM to TO. */
static guint
ink_in_rows (cairo_surface_t *png,
             int              from,
             int              to)
{
  guint n = 0;

  for (int y = from; y < to; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (png) + y * cairo_image_surface_get_stride (png));

      for (int x = 0; x < cairo_image_surface_get_width (png); x++)
        n += (row[x] & 0xffffff) == 0x1b2631;
    }
  return n;
}

static void
test_clean (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SbSim) sim = sb_sim_new (f->scenario);
  g_autoptr(GError) error = NULL;
  g_autofree char *none = export_clean (f, "none.png", NULL);
  g_autofree char *at5 = NULL;
  g_autofree char *killed5 = NULL;
  g_autofree char *killed9 = NULL;
  g_autofree char *live = NULL;
  cairo_surface_t *a, *b;

  sb_sim_advance_to (sim, 5 * SB_SIM_USEC_PER_SEC);
  at5 = export_clean (f, "at5.png", sim);
  g_assert_true (same_file (none, at5));
  live = g_build_filename (f->dir, "live.png", NULL);
  g_assert_true (sb_export_to_file (live, f->layout, f->scenario, sim, NULL, 800, 450, 1, &error));
  g_assert_false (same_file (live, at5));
  g_assert_true (sb_sim_kill (sim, "server-2", &error));
  sb_sim_advance_to (sim, 6 * SB_SIM_USEC_PER_SEC);
  killed5 = export_clean (f, "killed5.png", sim);
  sb_sim_advance_to (sim, 9 * SB_SIM_USEC_PER_SEC);
  killed9 = export_clean (f, "killed9.png", sim);
  g_assert_true (same_file (killed5, killed9));
  g_assert_false (same_file (none, killed5));
  /* The title's ink in the band at the top; the kill where server 2 is. */
  a = cairo_image_surface_create_from_png (none);
  b = cairo_image_surface_create_from_png (killed9);
  g_assert_cmpuint (ink_in_rows (a, 0, 40), >, 20);
  g_assert_cmpfloat (image_difference (a, b), >, 0.002);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* Binary streams hold NUL bytes: no strstr. */
static gboolean
holds (const char *data,
       gsize       length,
       const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_handout (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "h.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no", "h.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbHandout) handout = sb_handout_new (path, &error);
  gsize length;

  g_assert_no_error (error);
  sb_handout_add_design (handout, f->scenario, NULL, NULL);
  /* A landscape diagram, then the review over several portrait pages. */
  g_assert_cmpuint (sb_handout_get_n_pages (handout), >=, 3);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (sb_handout_finish (handout, &error));
  g_assert_no_error (error);
  read_file (path, &contents, &length);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_false (holds (contents, length, "/CreationDate"));
  g_assert_true (holds (contents, length, "/MediaBox [ 0 0 841.89"));
  g_assert_true (holds (contents, length, "/MediaBox [ 0 0 595.27"));

  g_clear_pointer (&handout, sb_handout_free);
  g_assert_null (sb_handout_new (missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sb_handout_new ("x.svg", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* A handout abandoned before it is finished leaves no file behind. */
static void
test_handout_abandoned (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "abandoned.pdf", NULL);
  g_autoptr(GError) error = NULL;
  SbHandout *handout = sb_handout_new (path, &error);
  g_autoptr(GDir) dir = NULL;

  g_assert_no_error (error);
  sb_handout_add_heading (handout, 0, "Questions");
  sb_handout_add_paragraph (handout, "Which element is a single point of failure?");
  sb_handout_free (handout);
  dir = g_dir_open (f->dir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
}

/* The SVG export sets text with measured metrics (sb-font-metrics.h)
 * instead of pango: they must give pango's widths and lines for every
 * text of the bundled scenarios, or the SVG's boxes and pills would not
 * fit their words.  Skipped where the board's font is not installed
 * (pango then measures a fallback). */
static int
pango_width (PangoLayout *layout,
             const char  *text,
             double       width,
             int         *lines)
{
  int w, h;

  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  *lines = pango_layout_get_line_count (layout);
  return w;
}

static void
test_svg_metrics (Fixture       *f,
                  gconstpointer  data)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  g_autoptr(GObject) context = G_OBJECT (pango_font_map_create_context (map));
  g_autoptr(GObject) layout_object = G_OBJECT (pango_layout_new (PANGO_CONTEXT (context)));
  PangoLayout *layout = PANGO_LAYOUT (layout_object);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, DejaVu Sans, sans-serif");
  g_autoptr(GObject) loaded = NULL;
  g_autoptr(PangoFontDescription) found = NULL;
  cairo_font_options_t *options = cairo_font_options_create ();
  const char * const *names = sb_scenario_bundled_names ();
  guint checked = 0;

  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (PANGO_CONTEXT (context), options);
  /* As an SVG's viewer places glyphs: at fractions of a unit. */
  pango_context_set_round_glyph_positions (PANGO_CONTEXT (context), FALSE);
  cairo_font_options_destroy (options);
  pango_font_description_set_absolute_size (font, 22 * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  loaded = G_OBJECT (pango_font_map_load_font (map, PANGO_CONTEXT (context), font));
  found = pango_font_describe (PANGO_FONT (loaded));
  if (g_strcmp0 (pango_font_description_get_family (found), "Cantarell") != 0)
    {
      g_test_skip ("Cantarell is not installed");
      return;
    }
  for (guint i = 0; names[i]; i++)
    {
      g_autoptr(SbScenario) scenario = sb_scenario_load_bundled (names[i], NULL);

      for (guint c = 0; c < scenario->components->len; c++)
        {
          const SbComponent *comp = g_ptr_array_index (scenario->components, c);
          SbTextLines lines = { 0 };
          int n, w = pango_width (layout, comp->label, -1, &n);

          /* One line, unbounded: the same width to a hundredth of a unit. */
          sb_text_lines_measure (&lines, comp->label, 22, -1, 1);
          g_assert_cmpfloat_with_epsilon (lines.width, (double) w / PANGO_SCALE, 0.05);
          /* In a node's width: the same lines. */
          pango_width (layout, comp->label, 120, &n);
          sb_text_lines_measure (&lines, comp->label, 22, 120, 4);
          g_assert_cmpuint (lines.n_lines, ==, n);
          sb_text_lines_clear (&lines);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 40);
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
  g_test_add ("/render/svg-metrics", Fixture, NULL, fixture_set_up, test_svg_metrics, fixture_tear_down);
  g_test_add ("/render/clean", Fixture, NULL, fixture_set_up, test_clean, fixture_tear_down);
  g_test_add ("/render/handout", Fixture, NULL, fixture_set_up, test_handout, fixture_tear_down);
  g_test_add ("/render/handout-abandoned", Fixture, NULL, fixture_set_up, test_handout_abandoned, fixture_tear_down);
  g_test_add ("/render/issues-fixed", Fixture, NULL, fixture_set_up, test_issues_fixed, fixture_tear_down);
  return g_test_run ();
}
