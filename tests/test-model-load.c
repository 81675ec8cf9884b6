/* test-model-load.c — loading scenarios: bundled files, defaults, file-level
 * problems and the good and bad corpora in tests/data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "model/sb-scenario.h"
#include "test-tmp-dir.h"
#include "model/sb-scenario-strings.h"

static void
assert_data_error (const char *data,
                   gssize      length,
                   int         code,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = sb_scenario_load_from_data (data, length, &error);

  g_assert_null (scenario);
  g_assert_error (error, SB_SCENARIO_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
}

static char *
bundled_text (const char *name)
{
  g_autoptr(GBytes) bytes = sb_scenario_get_bundled_data (name, NULL);

  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
write_tmp (TmpDir     *fixture,
           const char *name,
           const char *data,
           gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

/* Bundled scenarios */

static void
test_bundled_names (void)
{
  const char * const *names = sb_scenario_bundled_names ();

  /* The lesson's four steps, in order. */
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 4);
  g_assert_cmpstr (names[0], ==, "one-server");
  g_assert_cmpstr (names[1], ==, "distributed");
  g_assert_cmpstr (names[2], ==, "secured-monitored");
  g_assert_cmpstr (names[3], ==, "scale-up");
  g_assert_true (g_strv_contains (names, SB_SCENARIO_DEFAULT));
}

static void
assert_component (const SbScenario *scenario,
                  const char       *id,
                  SbKind            kind,
                  SbDbRole          role,
                  const char       *host)
{
  const SbComponent *component = sb_scenario_find_component (scenario, id);

  g_assert_nonnull (component);
  g_assert_cmpint (component->kind, ==, kind);
  g_assert_cmpint (component->role, ==, role);
  g_assert_cmpstr (component->host, ==, host);
  g_assert_cmpstr (component->label, !=, "");
  g_assert_cmpuint (strlen (component->explanation), >, 40);
}

static void
test_bundled_distributed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_bundled ("distributed", &error);
  const char *components[] = { "user", "dns", "lb", "web-1", "app-1", "code-1", "db-1",
                               "web-2", "app-2", "code-2", "db-2" };

  g_assert_no_error (error);
  g_assert_cmpstr (s->name, ==, "distributed");
  g_assert_cmpuint (s->hosts->len, ==, 2);
  g_assert_cmpuint (s->components->len, ==, G_N_ELEMENTS (components));
  for (guint i = 0; i < G_N_ELEMENTS (components); i++)
    g_assert_cmpint (sb_scenario_component_index (s, components[i]), ==, i);

  assert_component (s, "user", SB_KIND_CLIENT, SB_DB_ROLE_NONE, NULL);
  assert_component (s, "lb", SB_KIND_LOAD_BALANCER, SB_DB_ROLE_NONE, NULL);
  assert_component (s, "app-2", SB_KIND_APP_SERVER, SB_DB_ROLE_NONE, "server-2");
  assert_component (s, "db-1", SB_KIND_DATABASE, SB_DB_ROLE_PRIMARY, "server-1");
  assert_component (s, "db-2", SB_KIND_DATABASE, SB_DB_ROLE_REPLICA, "server-2");
  g_assert_true (sb_scenario_find_component (s, "dns")->managed);
  g_assert_false (sb_scenario_find_component (s, "lb")->managed);

  g_assert_cmpuint (s->balancer.backends->len, ==, 2);
  g_assert_cmpstr (s->balancer.backends->pdata[0], ==, "server-1");
  g_assert_cmpstr (s->balancer.backends->pdata[1], ==, "server-2");
  g_assert_cmpstr (s->dns_name, ==, "www.foobar.com");
}

static void
test_bundled_one_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_bundled ("one-server", &error);
  const SbHost *host;

  g_assert_no_error (error);
  g_assert_cmpuint (s->hosts->len, ==, 1);
  host = sb_scenario_find_host (s, "server-1");
  g_assert_cmpstr (host->ip, ==, "203.0.113.20");
  g_assert_null (sb_scenario_find_kind (s, SB_KIND_LOAD_BALANCER, NULL));
  g_assert_cmpuint (s->balancer.backends->len, ==, 0);
  g_assert_true (sb_scenario_find_component (s, "dns")->managed);

  assert_component (s, "web-1", SB_KIND_WEB_SERVER, SB_DB_ROLE_NONE, "server-1");
  assert_component (s, "app-1", SB_KIND_APP_SERVER, SB_DB_ROLE_NONE, "server-1");
  assert_component (s, "code-1", SB_KIND_CODE, SB_DB_ROLE_NONE, "server-1");
  assert_component (s, "db-1", SB_KIND_DATABASE, SB_DB_ROLE_PRIMARY, "server-1");
  assert_component (s, "user", SB_KIND_CLIENT, SB_DB_ROLE_NONE, NULL);
}

static void
test_bundled_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_bundled ("../distributed", &error);

  g_assert_null (s);
  g_assert_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "unknown scenario \"../distributed\" (bundled: one-server, distributed, secured-monitored, scale-up)");
}

static void
assert_marked (const char *text)
{
  g_assert_true (g_strv_contains ((const char * const *) sb_scenario_strings, text));
}

/* Every text the UI shows from a bundled scenario reaches the translators. */
static void
test_bundled_translatable (void)
{
  const char * const *names = sb_scenario_bundled_names ();

  for (guint n = 0; names[n] != NULL; n++)
    {
      g_autoptr(SbScenario) s = sb_scenario_load_bundled (names[n], NULL);

      assert_marked (s->title);
      assert_marked (s->summary);
      for (guint i = 0; i < s->hosts->len; i++)
        {
          const SbHost *host = s->hosts->pdata[i];
          assert_marked (host->label);
          assert_marked (host->explanation);
        }
      for (guint i = 0; i < s->components->len; i++)
        {
          const SbComponent *component = s->components->pdata[i];
          assert_marked (component->label);
          assert_marked (component->explanation);
        }
      /* Every step has a lesson script with a question at least. */
      g_assert_nonnull (s->script);
      g_assert_cmpuint (sb_script_count_questions (s->script), >=, 1);
      for (guint i = 0; i < s->script->moments->len; i++)
        {
          const SbMoment *moment = s->script->moments->pdata[i];

          if (moment->question != NULL)
            assert_marked (moment->question);
          for (guint c = 0; c < moment->choices->len; c++)
            assert_marked (moment->choices->pdata[c]);
          if (moment->reveal != NULL)
            assert_marked (moment->reveal);
        }
    }
}

/* The defaults of behaviour.md, for every key a file leaves out. */
static void
test_defaults (void)
{
  const char *text = "{\"format\": \"stackboard-scenario\", \"version\": 1, \"name\": \"d\","
                     " \"title\": \"T\", \"hosts\": [{\"id\": \"h\", \"label\": \"H\"}],"
                     " \"components\": [{\"id\": \"c\", \"kind\": \"client\", \"label\": \"C\"},"
                     " {\"id\": \"lb\", \"kind\": \"load_balancer\", \"label\": \"LB\"},"
                     " {\"id\": \"w\", \"kind\": \"web_server\", \"host\": \"h\","
                     " \"label\": \"W\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (s->hop, ==, 0.25);
  g_assert_cmpfloat (s->traffic.rate, ==, 1);
  g_assert_cmpfloat (s->traffic.read_ratio, ==, 0.8);
  g_assert_cmpint (s->traffic.clients, ==, 8);
  g_assert_cmpint (s->traffic.arrival, ==, SB_ARRIVAL_UNIFORM);
  g_assert_cmpuint (s->traffic.seed, ==, 1);
  g_assert_cmpfloat (s->ttl, ==, 60);
  g_assert_cmpfloat (s->balancer.interval, ==, 2);
  g_assert_cmpint (s->balancer.rise, ==, 2);
  g_assert_cmpint (s->balancer.fall, ==, 3);
  g_assert_cmpint (s->balancer.check, ==, SB_CHECK_HTTP);
  g_assert_cmpint (s->balancer.algorithm, ==, SB_ALGORITHM_ROUNDROBIN);
  g_assert_cmpint (s->balancer.mode, ==, SB_MODE_ACTIVE_ACTIVE);
  g_assert_false (s->balancer.redispatch);
  g_assert_cmpfloat (s->lag, ==, 0.5);
  g_assert_cmpstr (s->summary, ==, "");
  g_assert_cmpuint (s->balancer.backends->len, ==, 1);
  g_assert_cmpstr (s->balancer.backends->pdata[0], ==, "h");
}

/* Forward compatibility: a newer editor's extra keys are ignored. */
static void
test_unknown_keys (void)
{
  g_autofree char *text = bundled_text ("distributed");
  g_autoptr(GString) extended = g_string_new (text);
  g_autoptr(SbScenario) plain = sb_scenario_load_bundled ("distributed", NULL);
  g_autoptr(SbScenario) s = NULL;
  g_autoptr(GError) error = NULL;

  g_string_replace (extended, "\"hop\": 0.25,",
                    "\"hop\": 0.25, \"theme\": {\"dark\": [true, null, {\"x\": 1}]},", 1);
  g_string_replace (extended, "\"kind\": \"client\",", "\"kind\": \"client\", \"avatar\": 3,", 1);
  g_string_replace (extended, "\"interval\": 2,", "\"interval\": 2, \"path\": \"/health\",", 1);
  s = sb_scenario_load_from_data (extended->str, extended->len, &error);

  g_assert_no_error (error);
  g_assert_true (sb_scenario_equal (s, plain));
}

static void
test_null_is_absent (void)
{
  const char *text = "{\"format\": \"stackboard-scenario\", \"version\": 1, \"name\": \"n\","
                     " \"title\": \"T\", \"hop\": null, \"hosts\": null, \"components\":"
                     " [{\"id\": \"c\", \"kind\": \"client\", \"label\": \"C\", \"ip\": null}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (s->hop, ==, 0.25);
  g_assert_null (((SbComponent *) s->components->pdata[0])->ip);
}

static void
test_byte_order_mark (void)
{
  g_autofree char *text = bundled_text ("one-server");
  g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf", text, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_from_data (with_bom, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (s->name, ==, "one-server");
}

/* File-level problems */

static void
test_empty (void)
{
  assert_data_error ("", 0, SB_SCENARIO_ERROR_PARSE, "file is empty");
  assert_data_error (" \n\t ", -1, SB_SCENARIO_ERROR_PARSE, "file is empty");
}

static void
test_not_json (void)
{
  assert_data_error ("{\n  \"format\": \"stackboard-scenario\"\n  \"version\": 1\n}", -1,
                     SB_SCENARIO_ERROR_PARSE,
                     "line 3, column 3: not JSON: expected ',' or '}', got \"version\"");
}

/* What json-glib 1.6 reads although RFC 8259 forbids it: each is refused
 * at the first byte that is not JSON, with what is wrong. */
static void
test_strict_json (void)
{
  static const struct {
    const char *data;
    const char *message;
  } cases[] = {
    { "{\"a\": 1}{\"b\": 2}",
      "line 1, column 9: not JSON: a second value after the first; a scenario is one JSON value" },
    { "{\"a\": 1} 5", "line 1, column 10: not JSON: \"5\" after the end of the value" },
    { "{'a': 1}", "line 1, column 2: not JSON: a single quote; JSON strings use double quotes" },
    { "{\"a\": 'x'}", "line 1, column 7: not JSON: a single quote; JSON strings use double quotes" },
    { "{\"a\": 0x1F}", "line 1, column 7: not JSON: \"0x1F\" is not a JSON number" },
    { "{\"a\": 017}", "line 1, column 7: not JSON: \"017\" is not a JSON number" },
    { "{\"a\": .5}", "line 1, column 7: not JSON: \".5\" is not a JSON number" },
    { "{\"a\": 1.}", "line 1, column 7: not JSON: \"1.\" is not a JSON number" },
    { "{\"a\": +1}", "line 1, column 7: not JSON: \"+1\" is not a JSON number" },
    { "{\"a\": 1e}", "line 1, column 7: not JSON: \"1e\" is not a JSON number" },
    { "{\"a\": NaN}", "line 1, column 7: not JSON: \"NaN\" is not a JSON value" },
    { "{\"a\": TRUE}", "line 1, column 7: not JSON: \"TRUE\" is not a JSON value" },
    { "{/* c */ \"a\": 1}", "line 1, column 2: not JSON: a comment; JSON has none" },
    { "{\"a\": 1 # c\n}", "line 1, column 9: not JSON: a comment; JSON has none" },
    { "{\"a\": \"x\ty\"}",
      "line 1, column 9: not JSON: a control character inside a string; "
      "write it as an escape such as \\n or \\t" },
    { "{\"a\": \"\\q\"}", "line 1, column 8: not JSON: unknown escape \\q" },
    { "{\"a\": 1; \"b\": 2}", "line 1, column 8: not JSON: expected ',' or '}', got \";\"" },
    { "{\"a\": 1, \"a\": 2}", "line 1, column 10: not JSON: the key \"a\" appears twice in this object" },
    { "{\"a\": 1, \"\\u0061\": 2}",
      "line 1, column 10: not JSON: the key \"a\" appears twice in this object" },
    { "{a: 1}", "line 1, column 2: not JSON: expected a key in double quotes, got \"a\"" },
    { "[1, 2,]", "line 1, column 7: not JSON: a comma before ']'; JSON allows none there" },
    { "{\"a\": 1,}", "line 1, column 9: not JSON: a comma before '}'; JSON allows none there" },
    { "{\"a\" 1}", "line 1, column 6: not JSON: expected ':' after the key, got \"1\"" },
    { "{\"a\": \"x", "line 1, column 7: not JSON: the text ends inside this string" },
    { "{\"a\": [1", "line 1, column 9: not JSON: the text ends inside an array" },
    { "{\"a\": 1\n", "line 2, column 1: not JSON: the text ends inside an object" },
    { "{\"a\":", "line 1, column 6: not JSON: the text ends where a value should be" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_data_error (cases[i].data, -1, SB_SCENARIO_ERROR_PARSE, cases[i].message);

  /* What JSON allows: a byte order mark, -0, exponents, escapes of every
   * kind, the same key in two objects. */
  assert_data_error ("\xEF\xBB\xBF[-0, 1E+2, 2e-3, \"\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", "
                     "{\"a\": 1}, {\"a\": {\"a\": 2}}]", -1, SB_SCENARIO_ERROR_INVALID,
                     "expected an object at the top level, got an array");
}

static void
test_top_level (void)
{
  assert_data_error ("[1, 2]", -1, SB_SCENARIO_ERROR_INVALID,
                     "expected an object at the top level, got an array");
  assert_data_error ("\"stackboard-scenario\"", -1, SB_SCENARIO_ERROR_INVALID,
                     "expected an object at the top level, got a string");
}

/* json-glib 1.6 recurses once per level and overflows the stack on deep
 * input: the pre-scan must stop it first. */
static void
test_deep_nesting (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autoptr(GString) objects = g_string_new ("{\"a\":\n");
  g_autofree char *quoted = NULL;

  assert_data_error (deep, -1, SB_SCENARIO_ERROR_PARSE,
                     "line 1, column 33: nested more than 32 levels deep");

  for (int i = 0; i < 40; i++)
    g_string_append (objects, "{\"b\": ");
  assert_data_error (objects->str, -1, SB_SCENARIO_ERROR_PARSE,
                     "line 2, column 187: nested more than 32 levels deep");

  /* Brackets inside strings are text, not nesting. */
  deep[100] = '\0';
  quoted = g_strdup_printf ("{\"format\": \"%s\"}", deep);
  assert_data_error (quoted, -1, SB_SCENARIO_ERROR_INVALID,
                     "format: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[...\""
                     " is not \"stackboard-scenario\"");
}

static void
test_huge_numbers (void)
{
  assert_data_error ("{\"format\": \"stackboard-scenario\", \"version\": 1e400}", -1,
                     SB_SCENARIO_ERROR_INVALID, "version: number is too large");
  assert_data_error ("{\"version\": 18446744073709551617}", -1, SB_SCENARIO_ERROR_PARSE,
                     "line 1, column 13: integer 18446744073709551617 is too large");
  assert_data_error ("[-9223372036854775809]", -1, SB_SCENARIO_ERROR_PARSE,
                     "line 1, column 2: integer -9223372036854775809 is too large");
  /* Long fractions and exponents are fine: only integers wrap silently. */
  assert_data_error ("[0.1234567890123456789012345, -9223372036854775807, 1e-999]", -1,
                     SB_SCENARIO_ERROR_INVALID,
                     "expected an object at the top level, got an array");
}

static void
test_invalid_utf8 (void)
{
  assert_data_error ("{\"format\": \"stackboard\xc3\x28\"}", -1, SB_SCENARIO_ERROR_PARSE,
                     "line 1, column 23: not valid UTF-8");
  assert_data_error ("{\"a\":\n \"\xed\xa0\x80\"}", -1, SB_SCENARIO_ERROR_PARSE,
                     "line 2, column 3: not valid UTF-8");
  assert_data_error ("{\"a\": 1}\0{}", 11, SB_SCENARIO_ERROR_PARSE,
                     "line 1, column 9: the file holds a NUL byte");
  assert_data_error ("{\"a\": \"x\\u0000\"}", -1, SB_SCENARIO_ERROR_PARSE,
                     "line 1, column 9: a string holds \\u0000, which a scenario cannot contain");
}

static void
test_too_large_data (void)
{
  gsize size = 2 * 1024 * 1024;
  g_autofree char *data = g_strnfill (size, ' ');

  assert_data_error (data, size, SB_SCENARIO_ERROR_PARSE,
                     "file is 2097152 bytes, more than the 1048576 a scenario may have");
}

static void
test_too_large_file (TmpDir        *fixture,
                     gconstpointer  data)
{
  gsize size = 2 * 1024 * 1024;
  g_autofree char *text = g_strnfill (size, ' ');
  g_autofree char *path = write_tmp (fixture, "huge.json", text, size);
  g_autofree char *expected = g_strdup_printf ("%s: file is 2097152 bytes, more than the "
                                               "1048576 a scenario may have", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_from_file (path, &error);

  g_assert_null (s);
  g_assert_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Only regular files are read: a FIFO would block until something wrote
 * to it (the window froze), a device could stream forever.  Each is
 * refused at once, by what it is. */
static void
assert_not_regular (const char *path,
                    const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: %s", path, what);
  gint64 start = g_get_monotonic_time ();

  s = sb_scenario_load_from_file (path, &error);
  g_assert_null (s);
  g_assert_true (error->domain == G_FILE_ERROR);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_not_regular (TmpDir        *fixture,
                  gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo.json", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link.json", NULL);

  g_assert_no_errno (mkfifo (fifo, 0600));
  assert_not_regular (fifo, "a named pipe (FIFO), not a file");
  /* A link is followed to what it points at. */
  g_assert_no_errno (symlink (fifo, link));
  assert_not_regular (link, "a named pipe (FIFO), not a file");
  assert_not_regular (fixture->dir, "a folder, not a file");
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    assert_not_regular ("/dev/zero", "a device, not a file");
}

static void
test_file_prefix (TmpDir        *fixture,
                  gconstpointer  data)
{
  g_autofree char *text = bundled_text ("distributed");
  g_autoptr(GString) bad = g_string_new (text);
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = NULL;

  g_string_replace (bad, "\"host\": \"server-1\",\n      \"label\": \"Application server\"",
                    "\"host\": \"server-9\",\n      \"label\": \"Application server\"", 1);
  path = write_tmp (fixture, "bad.json", bad->str, bad->len);
  expected = g_strdup_printf ("%s: components[4].host: unknown host \"server-9\"", path);

  s = sb_scenario_load_from_file (path, &error);
  g_assert_null (s);
  g_assert_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_missing_file (TmpDir        *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nope.json", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: %s", path, g_strerror (ENOENT));
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_from_file (path, &error);

  g_assert_null (s);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpstr (error->message, ==, expected);

  g_clear_error (&error);
  s = sb_scenario_load_from_file (fixture->dir, &error);
  g_assert_null (s);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
}

static void
test_by_name_or_path (TmpDir        *fixture,
                      gconstpointer  data)
{
  g_autofree char *text = bundled_text ("one-server");
  g_autofree char *path = write_tmp (fixture, "mine.json", text, -1);
  g_autoptr(SbScenario) bundled = sb_scenario_load_by_name_or_path ("one-server", NULL);
  g_autoptr(SbScenario) from_file = sb_scenario_load_by_name_or_path (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) missing = sb_scenario_load_by_name_or_path ("three-servers", &error);

  g_assert_nonnull (bundled);
  g_assert_nonnull (from_file);
  g_assert_true (sb_scenario_equal (bundled, from_file));
  g_assert_null (missing);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (error->message, "three-servers: "));
}

/* Corpora */

static GHashTable *
read_expected_messages (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "MESSAGES", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_file_get_contents (path, &text, NULL, NULL);
  g_assert_nonnull (text);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 2);

      if (fields[0] != NULL && fields[1] != NULL && lines[i][0] != '#')
        g_hash_table_insert (messages, g_strdup (fields[0]), g_strdup (fields[1]));
    }

  return messages;
}

static void
assert_bad_file (const char *path,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_from_file (path, &error);
  g_autofree char *full = g_strdup_printf ("%s: %s", path, expected);

  g_test_message ("%s", path);
  g_assert_null (s);
  g_assert_error (error, SB_SCENARIO_ERROR, error->code);
  g_assert_cmpuint (strlen (error->message), >, strlen (path) + 2);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpstr (error->message, ==, full);
}

static void
test_bad_corpus (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autoptr(GHashTable) expected = read_expected_messages (dir_path);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      const char *message;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      /* Every file states its message, so none passes by failing for an
       * unintended reason. */
      message = g_hash_table_lookup (expected, name);
      g_assert_nonnull (message);
      assert_bad_file (path, message);
      g_hash_table_remove (expected, name);
      count++;
    }

  g_assert_cmpuint (count, >=, 25);
  g_assert_cmpuint (g_hash_table_size (expected), ==, 0);
}

static void
test_good_corpus (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "good", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbScenario) s = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      g_test_message ("%s", path);
      s = sb_scenario_load_from_file (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (s);
      count++;
    }

  g_assert_cmpuint (count, >=, 1);
}

static void
test_three_servers (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good",
                                                 "three-servers.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (s->hosts->len, ==, 3);
  g_assert_cmpuint (s->balancer.backends->len, ==, 3);
  g_assert_nonnull (sb_scenario_find_kind (s, SB_KIND_WEB_SERVER, "server-3"));
  g_assert_cmpint (sb_scenario_find_kind (s, SB_KIND_DATABASE, "server-3")->role, ==,
                   SB_DB_ROLE_REPLICA);
}

/* docs/scenario-format.md ends with this file, verbatim. */
static void
test_docs_example (void)
{
  g_autofree char *doc_path = g_test_build_filename (G_TEST_DIST, "..", "docs",
                                                     "scenario-format.md", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good",
                                                 "three-servers.json", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *example = NULL;
  const char *start;
  const char *end;

  g_assert_true (g_file_get_contents (doc_path, &doc, NULL, NULL));
  g_assert_true (g_file_get_contents (path, &example, NULL, NULL));

  start = strstr (doc, "## A complete example");
  g_assert_nonnull (start);
  start = strstr (start, "```json\n");
  g_assert_nonnull (start);
  start += strlen ("```json\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);
  g_assert_cmpmem (start, end - start, example, strlen (example));
}

static void
test_active_passive (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good",
                                                 "active-passive.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_from_file (path, &error);
  const SbComponent *lb;

  g_assert_no_error (error);
  g_assert_cmpint (s->balancer.algorithm, ==, SB_ALGORITHM_LEASTCONN);
  g_assert_cmpint (s->balancer.mode, ==, SB_MODE_ACTIVE_PASSIVE);
  g_assert_cmpint (s->balancer.check, ==, SB_CHECK_TCP);
  g_assert_true (s->balancer.redispatch);
  g_assert_cmpint (s->traffic.arrival, ==, SB_ARRIVAL_POISSON);
  g_assert_cmpuint (s->traffic.seed, ==, G_MAXINT64);
  g_assert_cmpfloat (s->lag, ==, 0);
  /* The database server runs no web server, so it is no default backend. */
  g_assert_cmpuint (s->balancer.backends->len, ==, 2);
  lb = sb_scenario_find_component (s, "lb");
  g_assert_true (lb->has_position);
  g_assert_cmpfloat (lb->x, ==, 200);
  g_assert_cmpfloat (lb->y, ==, 60);
  g_assert_false (sb_scenario_find_component (s, "web-1")->has_position);
}

/* Model API */

static void
test_lookups (void)
{
  g_autoptr(SbScenario) s = sb_scenario_load_bundled ("distributed", NULL);

  g_assert_cmpint (sb_scenario_host_index (s, "server-2"), ==, 1);
  g_assert_cmpint (sb_scenario_host_index (s, "web-1"), ==, -1);
  g_assert_cmpint (sb_scenario_component_index (s, "server-1"), ==, -1);
  g_assert_cmpint (sb_scenario_component_index (s, NULL), ==, -1);
  g_assert_null (sb_scenario_find_host (s, "server-3"));
  g_assert_null (sb_scenario_find_component (s, "nope"));
  g_assert_cmpstr (sb_scenario_find_kind (s, SB_KIND_DATABASE, NULL)->id, ==, "db-1");
  g_assert_cmpstr (sb_scenario_find_kind (s, SB_KIND_DATABASE, "server-2")->id, ==, "db-2");
  g_assert_cmpstr (sb_scenario_find_kind (s, SB_KIND_APP_SERVER, "server-2")->id, ==, "app-2");
  g_assert_null (sb_scenario_find_kind (s, SB_KIND_CLIENT, "server-1"));
}

static void
test_enum_names (void)
{
  SbKind kind;
  SbAlgorithm algorithm;
  SbMode mode;
  SbCheckType check;
  SbDbRole role;
  SbArrival arrival;

  for (int i = 0; i < SB_KIND_N; i++)
    {
      g_assert_true (sb_kind_from_string (sb_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_cmpstr (sb_kind_to_string (SB_KIND_LOAD_BALANCER), ==, "load_balancer");
  g_assert_false (sb_kind_from_string ("router", &kind));
  g_assert_false (sb_kind_from_string (NULL, &kind));

  g_assert_true (sb_algorithm_from_string ("source", &algorithm));
  g_assert_cmpint (algorithm, ==, SB_ALGORITHM_SOURCE);
  g_assert_true (sb_mode_from_string ("active-passive", &mode));
  g_assert_cmpint (mode, ==, SB_MODE_ACTIVE_PASSIVE);
  g_assert_cmpstr (sb_mode_to_string (SB_MODE_ACTIVE_ACTIVE), ==, "active-active");
  g_assert_true (sb_check_from_string ("tcp", &check));
  g_assert_cmpint (check, ==, SB_CHECK_TCP);
  g_assert_true (sb_db_role_from_string ("replica", &role));
  g_assert_cmpint (role, ==, SB_DB_ROLE_REPLICA);
  g_assert_false (sb_db_role_from_string ("none", &role));
  g_assert_cmpstr (sb_db_role_to_string (SB_DB_ROLE_PRIMARY), ==, "primary");
  g_assert_true (sb_arrival_from_string ("poisson", &arrival));
  g_assert_cmpstr (sb_arrival_to_string (SB_ARRIVAL_UNIFORM), ==, "uniform");
}

static void
test_copy_equal (void)
{
  g_autoptr(SbScenario) a = sb_scenario_load_bundled ("distributed", NULL);
  g_autoptr(SbScenario) b = sb_scenario_copy (a);
  SbComponent *component;

  g_assert_true (sb_scenario_equal (a, b));
  g_assert_true (b->hosts->pdata[0] != a->hosts->pdata[0]);

  component = b->components->pdata[3];
  component->has_position = TRUE;
  g_assert_false (sb_scenario_equal (a, b));
  component->has_position = FALSE;
  g_assert_true (sb_scenario_equal (a, b));

  g_ptr_array_add (b->balancer.backends, g_strdup ("server-1"));
  g_assert_false (sb_scenario_equal (a, b));
  g_ptr_array_set_size (b->balancer.backends, 2);

  b->traffic.seed = 2;
  g_assert_false (sb_scenario_equal (a, b));
}

/* tests/data/good/scripted.json: one moment of each kind. */
static void
test_script (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "scripted.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) s = sb_scenario_load_from_file (path, &error);
  const SbMoment *m;

  g_assert_no_error (error);
  g_assert_cmpfloat (s->script->end, ==, 90);
  g_assert_cmpuint (s->script->moments->len, ==, 10);
  m = s->script->moments->pdata[0];
  g_assert_cmpint (m->action, ==, SB_SCRIPT_ACTION_ALGORITHM);
  g_assert_cmpint (m->value, ==, SB_ALGORITHM_LEASTCONN);
  g_assert_null (m->target);
  g_assert_null (m->question);
  m = s->script->moments->pdata[2];
  g_assert_cmpfloat (m->time, ==, 10);
  g_assert_cmpint (m->action, ==, SB_SCRIPT_ACTION_KILL);
  g_assert_cmpstr (m->target, ==, "server-1");
  g_assert_cmpuint (m->choices->len, ==, 4);
  g_assert_cmpstr (m->choices->pdata[3], ==, "Until someone promotes it");
  g_assert_cmpint (m->answer, ==, 2);
  g_assert_nonnull (m->reveal);
  m = s->script->moments->pdata[3];
  g_assert_cmpint (m->action, ==, SB_SCRIPT_ACTION_NONE);
  g_assert_null (m->reveal);
  g_assert_cmpuint (sb_script_question_number (s->script, 3), ==, 2);
  g_assert_cmpuint (sb_script_count_questions (s->script), ==, 2);
  m = s->script->moments->pdata[7];
  g_assert_cmpint (m->action, ==, SB_SCRIPT_ACTION_OPEN_FIREWALL);
  g_assert_cmpstr (m->target, ==, "fw-2");
}

/* Without "end", the lesson plays 20 s past its last moment, and never past
 * the longest time a scenario allows. */
static void
test_script_default_end (void)
{
  g_autofree char *text = bundled_text ("distributed");
  g_autofree char *late = NULL;
  g_autoptr(GString) edited = g_string_new (text);
  g_autoptr(SbScenario) s = NULL;
  g_autoptr(SbScenario) t = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_string_replace (edited, "\"end\": 60,", "", 1), ==, 1);
  s = sb_scenario_load_from_data (edited->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (s->script->end, ==, 45 + SB_SCRIPT_DEFAULT_TAIL);

  g_assert_cmpuint (g_string_replace (edited, "\"time\": 45,", "\"time\": 86399,", 1), ==, 1);
  t = sb_scenario_load_from_data (edited->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (t->script->end, ==, SB_SCENARIO_MAX_SECONDS);
}

static void
test_script_copy_equal (void)
{
  g_autoptr(SbScenario) a = sb_scenario_load_bundled ("distributed", NULL);
  g_autoptr(SbScenario) b = sb_scenario_copy (a);
  g_autoptr(SbScenario) bare = sb_scenario_copy (a);
  SbMoment *moment = b->script->moments->pdata[0];

  g_assert_true (b->script != a->script);
  g_assert_true (sb_scenario_equal (a, b));
  g_free (moment->choices->pdata[1]);
  moment->choices->pdata[1] = g_strdup ("Something else");
  g_assert_false (sb_scenario_equal (a, b));

  g_clear_pointer (&bare->script, sb_script_free);
  g_assert_false (sb_scenario_equal (a, bare));
  g_assert_false (sb_scenario_equal (bare, a));
  /* Saved without a script, a file has no "script" key at all. */
  {
    g_autofree char *saved = sb_scenario_to_data (bare, NULL);

    g_assert_null (strstr (saved, "\"script\""));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/load/bundled/names", test_bundled_names);
  g_test_add_func ("/model/load/bundled/distributed", test_bundled_distributed);
  g_test_add_func ("/model/load/bundled/one-server", test_bundled_one_server);
  g_test_add_func ("/model/load/bundled/unknown", test_bundled_unknown);
  g_test_add_func ("/model/load/bundled/translatable", test_bundled_translatable);
  g_test_add_func ("/model/load/defaults", test_defaults);
  g_test_add_func ("/model/load/unknown-keys", test_unknown_keys);
  g_test_add_func ("/model/load/null-is-absent", test_null_is_absent);
  g_test_add_func ("/model/load/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/model/load/empty", test_empty);
  g_test_add_func ("/model/load/not-json", test_not_json);
  g_test_add_func ("/model/load/top-level", test_top_level);
  g_test_add_func ("/model/load/deep-nesting", test_deep_nesting);
  g_test_add_func ("/model/load/huge-numbers", test_huge_numbers);
  g_test_add_func ("/model/load/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/model/load/too-large/data", test_too_large_data);
  g_test_add ("/model/load/too-large/file", TmpDir, NULL,
              tmp_dir_setup, test_too_large_file, tmp_dir_teardown);
  g_test_add ("/model/load/file/not-regular", TmpDir, NULL,
              tmp_dir_setup, test_not_regular, tmp_dir_teardown);
  g_test_add ("/model/load/file/prefix", TmpDir, NULL,
              tmp_dir_setup, test_file_prefix, tmp_dir_teardown);
  g_test_add ("/model/load/file/missing", TmpDir, NULL,
              tmp_dir_setup, test_missing_file, tmp_dir_teardown);
  g_test_add ("/model/load/file/by-name-or-path", TmpDir, NULL,
              tmp_dir_setup, test_by_name_or_path, tmp_dir_teardown);
  g_test_add_func ("/model/load/corpus/bad", test_bad_corpus);
  g_test_add_func ("/model/load/strict-json", test_strict_json);
  g_test_add_func ("/model/load/corpus/good", test_good_corpus);
  g_test_add_func ("/model/load/corpus/three-servers", test_three_servers);
  g_test_add_func ("/model/load/corpus/active-passive", test_active_passive);
  g_test_add_func ("/model/load/corpus/docs-example", test_docs_example);
  g_test_add_func ("/model/api/lookups", test_lookups);
  g_test_add_func ("/model/api/enum-names", test_enum_names);
  g_test_add_func ("/model/api/copy-equal", test_copy_equal);
  g_test_add_func ("/model/script/load", test_script);
  g_test_add_func ("/model/script/default-end", test_script_default_end);
  g_test_add_func ("/model/script/copy-equal", test_script_copy_equal);

  return g_test_run ();
}
