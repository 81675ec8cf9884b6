/* test-model-save.c — the saved form: byte-identical round trips, numbers,
 * escaping and atomic writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <locale.h>
#include <math.h>

#include <glib/gstdio.h>

#include "model/sb-scenario.h"

/* load (TEXT) → save → load gives an equal model, and saving that gives the
 * same bytes again.  Returns the first saved text. */
static char *
assert_round_trip (const char *text,
                   gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) first = sb_scenario_load_from_data (text, length, &error);
  g_autoptr(SbScenario) second = NULL;
  g_autofree char *saved_again = NULL;
  char *saved;
  gsize saved_length;

  g_assert_no_error (error);
  saved = sb_scenario_to_data (first, &saved_length);
  g_assert_cmpuint (saved_length, ==, strlen (saved));

  second = sb_scenario_load_from_data (saved, saved_length, &error);
  g_assert_no_error (error);
  g_assert_true (sb_scenario_equal (first, second));

  saved_again = sb_scenario_to_data (second, NULL);
  g_assert_cmpstr (saved_again, ==, saved);
  return saved;
}

static void
test_bundled (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = sb_scenario_get_bundled_data (name, &error);
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  saved = assert_round_trip (text, g_bytes_get_size (bytes));

  /* The shipped file is itself in the saved form. */
  g_assert_cmpstr (saved, ==, text);
}

static void
test_good_corpus (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "good", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *saved = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      g_test_message ("%s", path);
      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      saved = assert_round_trip (text, length);

      /* The hand-written example of docs/scenario-format.md is kept in the
       * saved form, so it doubles as a sample of it. */
      if (g_str_equal (name, "three-servers.json") || g_str_equal (name, "scripted.json"))
        g_assert_cmpstr (saved, ==, text);
    }
}

static SbScenario *
small_scenario (void)
{
  SbScenario *s = sb_scenario_new ();
  SbHost *host = sb_host_new ("box", "Box");
  SbComponent *web = sb_component_new ("web", SB_KIND_WEB_SERVER, "Nginx");
  SbComponent *db = sb_component_new ("db", SB_KIND_DATABASE, "MySQL");

  s->name = g_strdup ("small");
  s->title = g_strdup ("Small");
  host->ip = g_strdup ("10.0.0.1");
  g_free (host->explanation);
  host->explanation = g_strdup ("The only box.");
  web->host = g_strdup ("box");
  web->has_position = TRUE;
  web->x = 1.5;
  web->y = -2;
  db->host = g_strdup ("box");
  db->role = SB_DB_ROLE_PRIMARY;
  g_ptr_array_add (s->hosts, host);
  g_ptr_array_add (s->components, sb_component_new ("user", SB_KIND_CLIENT, "User"));
  g_ptr_array_add (s->components, web);
  g_ptr_array_add (s->components, db);
  ((SbComponent *) s->components->pdata[0])->managed = TRUE;
  return s;
}

static const char small_saved[] =
  "{\n"
  "  \"format\": \"stackboard-scenario\",\n"
  "  \"version\": 1,\n"
  "  \"name\": \"small\",\n"
  "  \"title\": \"Small\",\n"
  "  \"summary\": \"\",\n"
  "  \"dns\": {\n"
  "    \"name\": \"www.example.com\",\n"
  "    \"ttl\": 60\n"
  "  },\n"
  "  \"hop\": 0.25,\n"
  "  \"traffic\": {\n"
  "    \"rate\": 1,\n"
  "    \"read_ratio\": 0.8,\n"
  "    \"clients\": 8,\n"
  "    \"arrival\": \"uniform\",\n"
  "    \"seed\": 1\n"
  "  },\n"
  "  \"replication\": {\n"
  "    \"lag\": 0.5\n"
  "  },\n"
  "  \"hosts\": [\n"
  "    {\n"
  "      \"id\": \"box\",\n"
  "      \"label\": \"Box\",\n"
  "      \"ip\": \"10.0.0.1\",\n"
  "      \"explanation\": \"The only box.\"\n"
  "    }\n"
  "  ],\n"
  "  \"components\": [\n"
  "    {\n"
  "      \"id\": \"user\",\n"
  "      \"kind\": \"client\",\n"
  "      \"label\": \"User\",\n"
  "      \"managed\": true,\n"
  "      \"explanation\": \"\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"web\",\n"
  "      \"kind\": \"web_server\",\n"
  "      \"host\": \"box\",\n"
  "      \"label\": \"Nginx\",\n"
  "      \"position\": {\"x\": 1.5, \"y\": -2},\n"
  "      \"explanation\": \"\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"db\",\n"
  "      \"kind\": \"database\",\n"
  "      \"role\": \"primary\",\n"
  "      \"host\": \"box\",\n"
  "      \"label\": \"MySQL\",\n"
  "      \"explanation\": \"\"\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_form (void)
{
  g_autoptr(SbScenario) s = small_scenario ();
  g_autofree char *saved = sb_scenario_to_data (s, NULL);
  g_autofree char *again = assert_round_trip (saved, strlen (saved));

  g_assert_cmpstr (saved, ==, small_saved);
}

static void
test_form_empty_lists (void)
{
  g_autoptr(SbScenario) s = sb_scenario_new ();
  g_autofree char *saved = NULL;

  s->name = g_strdup ("e");
  s->title = g_strdup ("E");
  saved = sb_scenario_to_data (s, NULL);
  g_assert_nonnull (strstr (saved, "\n  \"hosts\": [],\n  \"components\": []\n}\n"));
}

/* Numbers come back exactly and print without spurious digits. */
static void
test_numbers (void)
{
  static const struct {
    double value;
    const char *text;
  } numbers[] = {
    { 0.1, "0.1" }, { 0.25, "0.25" }, { 60, "60" }, { 1, "1" }, { 1.0 / 3, "0.3333333333333333" },
    { 0.1 + 0.2, "0.30000000000000004" }, { 1e-7, "1e-07" }, { 12345.678, "12345.678" }, { -1e5, "-100000" },
    { 86400, "86400" }, { 0.001, "0.001" }, { 2.5e-5, "2.5e-05" },
  };
  g_autoptr(SbScenario) s = small_scenario ();

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *saved = NULL;
      g_autofree char *line = g_strdup_printf ("\"position\": {\"x\": %s, \"y\": %s}",
                                               numbers[i].text, numbers[i].text);
      g_autoptr(SbScenario) back = NULL;
      SbComponent *web = s->components->pdata[1];

      web->x = web->y = numbers[i].value;
      saved = sb_scenario_to_data (s, NULL);
      g_assert_nonnull (strstr (saved, line));
      back = sb_scenario_load_from_data (saved, -1, NULL);
      g_assert_true (sb_scenario_equal (s, back));
    }
}

static void
test_settings_round_trip (void)
{
  g_autoptr(SbScenario) s = sb_scenario_load_bundled ("distributed", NULL);
  g_autofree char *saved = NULL;
  g_autoptr(SbScenario) back = NULL;

  s->hop = 0.1;
  s->ttl = 0;
  s->lag = 1.0 / 7;
  s->traffic = (SbTraffic) { 2.75, 0.35, 13, SB_ARRIVAL_POISSON, G_MAXINT64 };
  s->balancer.algorithm = SB_ALGORITHM_SOURCE;
  s->balancer.mode = SB_MODE_ACTIVE_PASSIVE;
  s->balancer.check = SB_CHECK_TCP;
  s->balancer.interval = 0.75;
  s->balancer.rise = 1;
  s->balancer.fall = 100;
  s->balancer.redispatch = TRUE;
  g_ptr_array_remove_index (s->balancer.backends, 0);

  saved = sb_scenario_to_data (s, NULL);
  back = sb_scenario_load_from_data (saved, -1, NULL);
  g_assert_nonnull (back);
  g_assert_true (sb_scenario_equal (s, back));
  g_assert_nonnull (strstr (saved, "\"seed\": 9223372036854775807\n"));
  g_assert_nonnull (strstr (saved, "\"backends\": [\"server-2\"],\n"));
}

/* A comma as decimal separator must not leak into the file. */
static void
test_locale (void)
{
  const char *locales[] = { "fr_FR.UTF-8", "de_DE.UTF-8", "fr_FR.utf8", "de_DE.utf8" };
  g_autoptr(SbScenario) s = small_scenario ();
  g_autofree char *before = sb_scenario_to_data (s, NULL);
  g_autofree char *after = NULL;
  g_autoptr(SbScenario) back = NULL;
  gboolean switched = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (locales) && !switched; i++)
    switched = setlocale (LC_NUMERIC, locales[i]) != NULL;
  if (!switched)
    {
      g_test_skip ("no locale with a decimal comma installed");
      return;
    }

  after = sb_scenario_to_data (s, NULL);
  back = sb_scenario_load_from_data (after, -1, NULL);
  setlocale (LC_NUMERIC, "C");

  g_assert_cmpstr (after, ==, before);
  g_assert_true (sb_scenario_equal (s, back));
}

static void
test_escaping (void)
{
  g_autoptr(SbScenario) s = small_scenario ();
  SbComponent *user = s->components->pdata[0];
  g_autofree char *saved = NULL;
  g_autoptr(SbScenario) back = NULL;

  g_free (user->explanation);
  user->explanation = g_strdup ("\"quoted\" back\\slash\nline\ttab\r\x01\x1f"
                                " caf\xc3\xa9 \xe2\x80\x94 </script>");
  saved = sb_scenario_to_data (s, NULL);
  g_assert_nonnull (strstr (saved, "\"\\\"quoted\\\" back\\\\slash\\nline\\ttab\\r\\u0001\\u001f"
                                   " caf\xc3\xa9 \xe2\x80\x94 </script>\""));
  back = sb_scenario_load_from_data (saved, -1, NULL);
  g_assert_true (sb_scenario_equal (s, back));
}

/* Saving to files */

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("test-model-save-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "scenario.json", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_remove (f->path);
  g_assert_no_errno (g_rmdir (f->dir));
  g_free (f->path);
  g_free (f->dir);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint count = 0;

  while (g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

static void
test_save_file (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SbScenario) one = sb_scenario_load_bundled ("one-server", NULL);
  g_autoptr(SbScenario) two = sb_scenario_load_bundled ("distributed", NULL);
  g_autoptr(GBytes) bundled = sb_scenario_get_bundled_data ("distributed", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) back = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (sb_scenario_save_to_file (one, f->path, &error));
  g_assert_no_error (error);

  /* Replacing an existing file leaves no temporary file behind. */
  g_assert_true (sb_scenario_save_to_file (two, f->path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (f->dir), ==, 1);

  g_assert_true (g_file_get_contents (f->path, &text, &length, NULL));
  g_assert_cmpmem (text, length, g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled));
  back = sb_scenario_load_from_file (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (sb_scenario_equal (two, back));
}

static void
test_save_invalid (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SbScenario) s = sb_scenario_load_bundled ("distributed", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (sb_scenario_save_to_file (s, f->path, NULL));
  g_assert_true (g_file_get_contents (f->path, &before, NULL, NULL));

  /* A scenario that would not load again is not written at all. */
  s->traffic.read_ratio = 1.5;
  g_assert_false (sb_scenario_save_to_file (s, f->path, &error));
  g_assert_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "traffic.read_ratio: 1.5 is not between 0 and 1");

  g_assert_true (g_file_get_contents (f->path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

static void
test_save_unwritable (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SbScenario) s = sb_scenario_load_bundled ("one-server", NULL);
  g_autofree char *path = g_build_filename (f->dir, "missing", "x.json", NULL);
  g_autoptr(GError) error = NULL;

  g_autofree char *expected = g_strdup_printf ("cannot write %s: %s", path, g_strerror (ENOENT));

  g_assert_false (sb_scenario_save_to_file (s, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  /* The file the user chose, not the temporary one beside it. */
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (count_files (f->dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/model/save/round-trip/distributed", "distributed", test_bundled);
  g_test_add_data_func ("/model/save/round-trip/one-server", "one-server", test_bundled);
  g_test_add_data_func ("/model/save/round-trip/secured-monitored", "secured-monitored",
                        test_bundled);
  g_test_add_data_func ("/model/save/round-trip/scale-up", "scale-up", test_bundled);
  g_test_add_func ("/model/save/round-trip/good-corpus", test_good_corpus);
  g_test_add_func ("/model/save/round-trip/settings", test_settings_round_trip);
  g_test_add_func ("/model/save/form", test_form);
  g_test_add_func ("/model/save/form/empty-lists", test_form_empty_lists);
  g_test_add_func ("/model/save/numbers", test_numbers);
  g_test_add_func ("/model/save/numbers/locale", test_locale);
  g_test_add_func ("/model/save/escaping", test_escaping);
  g_test_add ("/model/save/file/replace", Fixture, NULL,
              fixture_setup, test_save_file, fixture_teardown);
  g_test_add ("/model/save/file/invalid", Fixture, NULL,
              fixture_setup, test_save_invalid, fixture_teardown);
  g_test_add ("/model/save/file/unwritable", Fixture, NULL,
              fixture_setup, test_save_unwritable, fixture_teardown);

  return g_test_run ();
}
