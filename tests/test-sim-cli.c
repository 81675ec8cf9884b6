/* test-sim-cli.c — sb_cli_simulate() and sb_cli_spof(): the printed JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "cli/sb-cli.h"
#include "test-sim-util.h"

static GString *out;
static GString *err;

static void
capture_out (const char *text)
{
  g_string_append (out, text);
}

static void
capture_err (const char *text)
{
  g_string_append (err, text);
}

typedef struct {
  SbCliOptions options;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->options.scenario = load_scenario (data ? data : "distributed");
  f->options.actions = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_cli_action_free);
  g_string_truncate (out, 0);
  g_string_truncate (err, 0);
  /* Only while the test runs: the TAP lines must reach the terminal. */
  g_set_print_handler (capture_out);
  g_set_printerr_handler (capture_err);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_set_print_handler (NULL);
  g_set_printerr_handler (NULL);
  sb_scenario_free (f->options.scenario);
  g_ptr_array_unref (f->options.actions);
}

static void
add_action (Fixture         *f,
            SbCliActionKind  kind,
            const char      *id,
            double           time)
{
  SbCliAction *a = g_new0 (SbCliAction, 1);

  a->kind = kind;
  a->id = g_strdup (id);
  a->time = time;
  g_ptr_array_add (f->options.actions, a);
}

static void
test_spof (Fixture       *f,
           gconstpointer  data)
{
  g_assert_cmpint (sb_cli_spof (&f->options), ==, 0);
  if (data == NULL)
    g_assert_cmpstr (out->str, ==, "{\"reads\":[\"lb\"],\"writes\":[\"db-1\",\"lb\",\"server-1\"]}\n");
  else
    g_assert_cmpstr (out->str, ==,
                     "{\"reads\":[\"app-1\",\"code-1\",\"db-1\",\"server-1\",\"web-1\"],"
                     "\"writes\":[\"app-1\",\"code-1\",\"db-1\",\"server-1\",\"web-1\"]}\n");
  g_assert_cmpstr (err->str, ==, "");
}

static JsonObject *
parse (JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, out->str, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_simulate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  static const char * const keys[] = {
    "time", "requests", "succeeded", "failed", "in_flight", "reads", "writes", "stale_reads",
    "failures", "failure_reasons", "served_by", "handled", "latency",
  };
  JsonObject *o, *handled, *latency, *failures;
  g_autoptr(GList) members = NULL;

  add_action (f, SB_CLI_ACTION_KILL, "server-1", 0);
  g_assert_cmpint (sb_cli_simulate (&f->options, 60), ==, 0);
  o = parse (parser);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (o, keys[i]));
  /* Keys in a fixed order, the contract's first. */
  members = json_object_get_members (o);
  g_assert_cmpstr (members->data, ==, "time");
  g_assert_cmpstr (members->next->data, ==, "requests");
  g_assert_cmpfloat (json_object_get_double_member (o, "time"), ==, 60.0);
  g_assert_cmpint (json_object_get_int_member (o, "requests"), ==, 60);
  g_assert_cmpint (json_object_get_int_member (o, "requests"), ==,
                   json_object_get_int_member (o, "succeeded")
                   + json_object_get_int_member (o, "failed")
                   + json_object_get_int_member (o, "in_flight"));
  failures = json_object_get_object_member (o, "failures");
  g_assert_cmpint (json_object_get_int_member (failures, "server-1"), ==, 3);
  /* Every component, zeros included; no host. */
  handled = json_object_get_object_member (o, "handled");
  g_assert_cmpuint (json_object_get_size (handled), ==, 11);
  g_assert_cmpint (json_object_get_int_member (handled, "web-1"), ==, 0);
  g_assert_false (json_object_has_member (handled, "server-1"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "served_by"),
                                               "server-1"), ==, 0);
  latency = json_object_get_object_member (o, "latency");
  g_assert_cmpfloat (json_object_get_double_member (latency, "p50"), ==, 2.0);
  g_assert_cmpfloat (json_object_get_double_member (latency, "p99"), ==, 2.5);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "backends"),
                                                  "server-1"), ==, "DOWN");
  g_assert_cmpstr (err->str, ==, "");
}

static void
test_same_output (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = NULL;

  f->options.scenario->traffic.rate = 5;
  add_action (f, SB_CLI_ACTION_KILL, "app-2", 10);
  add_action (f, SB_CLI_ACTION_KILL, "db-1", 20);
  add_action (f, SB_CLI_ACTION_PROMOTE, "db-2", 30);
  add_action (f, SB_CLI_ACTION_REVIVE, "app-2", 40);
  add_action (f, SB_CLI_ACTION_KILL, "db-2", 500);   /* after the end: ignored */
  g_assert_cmpint (sb_cli_simulate (&f->options, 120), ==, 0);
  first = g_strdup (out->str);
  g_string_truncate (out, 0);
  g_assert_cmpint (sb_cli_simulate (&f->options, 120), ==, 0);
  g_assert_cmpstr (out->str, ==, first);
  g_assert_nonnull (strstr (out->str, "\"primary\" : \"db-2\""));
  g_assert_nonnull (strstr (out->str, "\"down\" : [\n    \"db-1\"\n  ]"));
}

static void
test_no_success (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *latency;

  add_action (f, SB_CLI_ACTION_KILL, "lb", 0);
  g_assert_cmpint (sb_cli_simulate (&f->options, 30), ==, 0);
  latency = json_object_get_object_member (parse (parser), "latency");
  g_assert_true (json_object_get_null_member (latency, "p50"));
}

static void
test_impossible_action (Fixture       *f,
                        gconstpointer  data)
{
  add_action (f, SB_CLI_ACTION_KILL, "server-2", 5);
  add_action (f, SB_CLI_ACTION_PROMOTE, "db-2", 10);
  g_assert_cmpint (sb_cli_simulate (&f->options, 60), ==, 1);
  g_assert_cmpstr (out->str, ==, "");
  g_assert_nonnull (strstr (err->str, "--promote db-2@10"));
  g_assert_nonnull (strstr (err->str, "down"));
  /* One line. */
  g_assert_true (strchr (err->str, '\n') == err->str + err->len - 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  out = g_string_new (NULL);
  err = g_string_new (NULL);
  g_test_add ("/sim/cli/spof", Fixture, NULL, fixture_set_up, test_spof, fixture_tear_down);
  g_test_add ("/sim/cli/spof-one-server", Fixture, "one-server", fixture_set_up, test_spof,
              fixture_tear_down);
  g_test_add ("/sim/cli/simulate", Fixture, NULL, fixture_set_up, test_simulate, fixture_tear_down);
  g_test_add ("/sim/cli/same-output", Fixture, NULL, fixture_set_up, test_same_output,
              fixture_tear_down);
  g_test_add ("/sim/cli/no-success", Fixture, NULL, fixture_set_up, test_no_success,
              fixture_tear_down);
  g_test_add ("/sim/cli/impossible-action", Fixture, NULL, fixture_set_up, test_impossible_action,
              fixture_tear_down);
  return g_test_run ();
}
