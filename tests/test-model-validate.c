/* test-model-validate.c — one test per rule of docs/scenario-format.md, each
 * asserting the exact message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case starts from the bundled "distributed" scenario and changes it
 * with up to three edits given as a path and a JSON value (NULL removes).
 * In that scenario components are: 0 user, 1 dns, 2 lb, 3 web-1, 4 app-1,
 * 5 code-1, 6 db-1, 7 web-2, 8 app-2, 9 code-2, 10 db-2.
 */
#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "model/sb-scenario.h"

typedef struct {
  const char *path;
  const char *value;   /* JSON text, or NULL to remove the member or element */
} Edit;

typedef struct {
  const char *name;
  Edit        edits[3];
  int         code;
  const char *message;
} Case;

#define INVALID SB_SCENARIO_ERROR_INVALID

static const Case cases[] = {
  /* Format and version */
  { "format/missing", { { "format", NULL } }, INVALID, "format: required but missing" },
  { "format/wrong", { { "format", "\"stackboard-scene\"" } }, INVALID,
    "format: \"stackboard-scene\" is not \"stackboard-scenario\"" },
  { "version/missing", { { "version", NULL } }, INVALID, "version: required but missing" },
  { "version/unsupported", { { "version", "2" } }, INVALID,
    "version: 2 is not supported (this Stackboard reads version 1)" },
  { "version/before-anything", { { "version", "2" }, { "hop", "\"fast\"" } }, INVALID,
    "version: 2 is not supported (this Stackboard reads version 1)" },
  { "version/type", { { "version", "\"1\"" } }, INVALID,
    "version: expected a number, got a string" },
  { "version/fraction", { { "version", "1.5" } }, INVALID, "version: 1.5 is not a whole number" },

  /* Required keys */
  { "required/name", { { "name", NULL } }, INVALID, "name: required but missing" },
  { "required/title", { { "title", NULL } }, INVALID, "title: required but missing" },
  { "required/components", { { "components", NULL } }, INVALID,
    "components: required but missing" },
  { "required/host-id", { { "hosts[1].id", NULL } }, INVALID, "hosts[1].id: required but missing" },
  { "required/host-label", { { "hosts[0].label", NULL } }, INVALID,
    "hosts[0].label: required but missing" },
  { "required/component-id", { { "components[3].id", NULL } }, INVALID,
    "components[3].id: required but missing" },
  { "required/kind", { { "components[5].kind", NULL } }, INVALID,
    "components[5].kind: required but missing" },
  { "required/label", { { "components[9].label", NULL } }, INVALID,
    "components[9].label: required but missing" },
  { "required/empty-label", { { "components[9].label", "\"\"" } }, INVALID,
    "components[9].label: must not be empty" },
  { "required/empty-title", { { "title", "\"\"" } }, INVALID, "title: must not be empty" },

  /* Types */
  { "type/host-id", { { "hosts[0].id", "5" } }, INVALID,
    "hosts[0].id: expected a string, got a number" },
  { "type/hosts", { { "hosts", "{}" } }, INVALID, "hosts: expected an array, got an object" },
  { "type/host-element", { { "hosts", "[\"server-1\"]" } }, INVALID,
    "hosts[0]: expected an object, got a string" },
  { "type/traffic", { { "traffic", "3" } }, INVALID, "traffic: expected an object, got a number" },
  { "type/rate", { { "traffic.rate", "\"fast\"" } }, INVALID,
    "traffic.rate: expected a number, got a string" },
  { "type/managed", { { "components[1].managed", "\"yes\"" } }, INVALID,
    "components[1].managed: expected true or false, got a string" },
  { "type/redispatch", { { "balancer.redispatch", "1" } }, INVALID,
    "balancer.redispatch: expected true or false, got a number" },
  { "type/backends", { { "balancer.backends", "\"server-1\"" } }, INVALID,
    "balancer.backends: expected an array, got a string" },
  { "type/backend", { { "balancer.backends", "[\"server-1\", 2]" } }, INVALID,
    "balancer.backends[1]: expected a string, got a number" },
  { "type/label-array", { { "components[0].label", "[\"User\"]" } }, INVALID,
    "components[0].label: expected a string, got an array" },
  { "type/position", { { "components[0].position", "[1, 2]" } }, INVALID,
    "components[0].position: expected an object, got an array" },
  { "type/position-x", { { "components[0].position", "{\"x\": \"left\", \"y\": 1}" } }, INVALID,
    "components[0].position.x: expected a number, got a string" },
  { "type/position-half", { { "components[0].position", "{\"y\": 1}" } }, INVALID,
    "components[0].position: needs both \"x\" and \"y\"" },

  /* Enum names */
  { "enum/kind", { { "components[2].kind", "\"router\"" } }, INVALID,
    "components[2].kind: unknown kind \"router\"" },
  { "enum/role", { { "components[6].role", "\"master\"" } }, INVALID,
    "components[6].role: unknown role \"master\"" },
  { "enum/role-none", { { "components[6].role", "\"none\"" } }, INVALID,
    "components[6].role: unknown role \"none\"" },
  { "enum/algorithm", { { "balancer.algorithm", "\"random\"" } }, INVALID,
    "balancer.algorithm: unknown algorithm \"random\"" },
  { "enum/mode", { { "balancer.mode", "\"active-standby\"" } }, INVALID,
    "balancer.mode: unknown mode \"active-standby\"" },
  { "enum/check", { { "balancer.health_check.type", "\"udp\"" } }, INVALID,
    "balancer.health_check.type: unknown health check type \"udp\"" },
  { "enum/arrival", { { "traffic.arrival", "\"burst\"" } }, INVALID,
    "traffic.arrival: unknown arrival \"burst\"" },
  { "enum/escaped", { { "components[2].kind", "\"a\\\"b\\nc\"" } }, INVALID,
    "components[2].kind: unknown kind \"a\\\"b\\u000ac\"" },

  /* Ranges */
  { "range/read-ratio", { { "traffic.read_ratio", "1.7" } }, INVALID,
    "traffic.read_ratio: 1.7 is not between 0 and 1" },
  { "range/read-ratio-negative", { { "traffic.read_ratio", "-0.1" } }, INVALID,
    "traffic.read_ratio: -0.1 is not between 0 and 1" },
  { "range/rate-zero", { { "traffic.rate", "0" } }, INVALID,
    "traffic.rate: 0 is not greater than 0" },
  { "range/rate-negative", { { "traffic.rate", "-2" } }, INVALID,
    "traffic.rate: -2 is not greater than 0" },
  { "range/rate-too-high", { { "traffic.rate", "5000" } }, INVALID,
    "traffic.rate: 5000 is more than 1000" },
  /* Found by fuzz/fuzz-scenario: the gap between two requests overflowed
   * the simulated clock and the simulation never returned. */
  { "range/rate-tiny", { { "traffic.rate", "1e-20" } }, INVALID,
    "traffic.rate: 1e-20 is less than 0.001" },
  { "range/hop-zero", { { "hop", "0" } }, INVALID, "hop: 0 is not greater than 0" },
  { "range/hop-negative", { { "hop", "-0.25" } }, INVALID, "hop: -0.25 is not greater than 0" },
  { "range/hop-tiny", { { "hop", "0.0001" } }, INVALID, "hop: 0.0001 is less than 0.001" },
  { "range/hop-huge", { { "hop", "1e6" } }, INVALID, "hop: 1000000 is more than 86400" },
  { "range/interval-zero", { { "balancer.health_check.interval", "0" } }, INVALID,
    "balancer.health_check.interval: 0 is not greater than 0" },
  { "range/interval-negative", { { "balancer.health_check.interval", "-1.5" } }, INVALID,
    "balancer.health_check.interval: -1.5 is not greater than 0" },
  { "range/rise-zero", { { "balancer.health_check.rise", "0" } }, INVALID,
    "balancer.health_check.rise: 0 is less than 1" },
  { "range/fall-zero", { { "balancer.health_check.fall", "0" } }, INVALID,
    "balancer.health_check.fall: 0 is less than 1" },
  { "range/fall-too-many", { { "balancer.health_check.fall", "1000" } }, INVALID,
    "balancer.health_check.fall: 1000 is more than 100" },
  { "range/clients-zero", { { "traffic.clients", "0" } }, INVALID,
    "traffic.clients: 0 is less than 1" },
  { "range/clients-huge", { { "traffic.clients", "5000000000" } }, INVALID,
    "traffic.clients: 5000000000 is more than 10000" },
  { "range/clients-fraction", { { "traffic.clients", "2.5" } }, INVALID,
    "traffic.clients: 2.5 is not a whole number" },
  { "range/seed-negative", { { "traffic.seed", "-1" } }, INVALID,
    "traffic.seed: -1 is less than 0" },
  { "range/ttl-negative", { { "dns.ttl", "-1" } }, INVALID, "dns.ttl: -1 is negative" },
  { "range/lag-negative", { { "replication.lag", "-0.5" } }, INVALID,
    "replication.lag: -0.5 is negative" },
  { "range/dns-name-empty", { { "dns.name", "\"\"" } }, INVALID, "dns.name: must not be empty" },

  /* Ids and addresses */
  { "id/duplicate", { { "components[7].id", "\"web-1\"" } }, INVALID,
    "components[7].id: duplicate id \"web-1\" (already used by components[3])" },
  { "id/duplicate-host", { { "hosts[1].id", "\"server-1\"" } }, INVALID,
    "hosts[1].id: duplicate id \"server-1\" (already used by hosts[0])" },
  { "id/shared-space", { { "components[2].id", "\"server-2\"" } }, INVALID,
    "components[2].id: duplicate id \"server-2\" (already used by hosts[1])" },
  { "id/characters", { { "components[3].id", "\"web 1\"" } }, INVALID,
    "components[3].id: \"web 1\" may only hold letters, digits, '-', '_' and '.'" },
  { "id/at-sign", { { "hosts[0].id", "\"server@1\"" } }, INVALID,
    "hosts[0].id: \"server@1\" may only hold letters, digits, '-', '_' and '.'" },
  { "id/name", { { "name", "\"My scenario\"" } }, INVALID,
    "name: \"My scenario\" may only hold letters, digits, '-', '_' and '.'" },
  { "id/ip", { { "components[0].ip", "\"999.1.2.3\"" } }, INVALID,
    "components[0].ip: \"999.1.2.3\" is not an IP address" },
  { "id/host-ip", { { "hosts[1].ip", "\"server-2.example\"" } }, INVALID,
    "hosts[1].ip: \"server-2.example\" is not an IP address" },
  /* g_hostname_is_ip_address() takes any text after an IPv6 zone's '%',
   * which then reached the ufw script and the MySQL statement. */
  { "id/ip-zone", { { "hosts[0].ip", "\"fe80::1%eth0\"" } }, INVALID,
    "hosts[0].ip: \"fe80::1%eth0\" is not an IP address" },
  { "id/ip-zone-newline", { { "hosts[0].ip", "\"fe80::1%x\\ntouch /tmp/owned\"" } }, INVALID,
    "hosts[0].ip: \"fe80::1%x\\u000atouch /tmp/owned\" is not an IP address" },
  { "id/ip-trailing", { { "components[0].ip", "\"10.0.0.1 \"" } }, INVALID,
    "components[0].ip: \"10.0.0.1 \" is not an IP address" },
  { "id/ip-leading-zero", { { "components[0].ip", "\"010.0.0.1\"" } }, INVALID,
    "components[0].ip: \"010.0.0.1\" is not an IP address" },
  { "id/virtual-ip-zone", { { "balancer.virtual_ip", "\"fe80::1%x'; DROP\"" } }, INVALID,
    "balancer.virtual_ip: \"fe80::1%x'; DROP\" is not an IP address" },
  { "dns/newline", { { "dns.name", "\"www.example.com\\nlisten admin\"" } }, INVALID,
    "dns.name: \"www.example.com\\u000alisten admin\" is not a host name (labels of letters, "
    "digits and '-', 1 to 63 characters each, joined by dots, at most 253 in all)" },
  { "dns/dot-dot", { { "dns.name", "\"www./../../ESCAPED\"" } }, INVALID,
    "dns.name: \"www./../../ESCAPED\" is not a host name (labels of letters, "
    "digits and '-', 1 to 63 characters each, joined by dots, at most 253 in all)" },
  { "dns/empty-label", { { "dns.name", "\"www..example\"" } }, INVALID,
    "dns.name: \"www..example\" is not a host name (labels of letters, "
    "digits and '-', 1 to 63 characters each, joined by dots, at most 253 in all)" },
  { "dns/trailing-hyphen", { { "dns.name", "\"www-.example\"" } }, INVALID,
    "dns.name: \"www-.example\" is not a host name (labels of letters, "
    "digits and '-', 1 to 63 characters each, joined by dots, at most 253 in all)" },
  { "dns/underscore", { { "dns.name", "\"my_site.example\"" } }, INVALID,
    "dns.name: \"my_site.example\" is not a host name (labels of letters, "
    "digits and '-', 1 to 63 characters each, joined by dots, at most 253 in all)" },
  { "dns/long-label", { { "dns.name", "\"" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example\"" } },
    INVALID, "dns.name: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\" is not a host name (labels of "
    "letters, digits and '-', 1 to 63 characters each, joined by dots, at most 253 in all)" },
  { "position/huge", { { "components[3].position", "{\"x\": 1.5e308, \"y\": 0}" } }, INVALID,
    "components[3].position.x: 1.5e+308 is more than 100000" },
  { "position/huge-negative", { { "components[3].position", "{\"x\": 0, \"y\": -100000.5}" } },
    INVALID, "components[3].position.y: -100000.5 is less than -100000" },

  /* References and structure */
  { "structure/unknown-host", { { "components[4].host", "\"server-9\"" } }, INVALID,
    "components[4].host: unknown host \"server-9\"" },
  { "structure/host-is-component", { { "components[4].host", "\"lb\"" } }, INVALID,
    "components[4].host: unknown host \"lb\"" },
  { "structure/web-server-needs-host", { { "components[3].host", NULL } }, INVALID,
    "components[3].host: required but missing (every web_server runs on a host)" },
  { "structure/app-server-needs-host", { { "components[8].host", NULL } }, INVALID,
    "components[8].host: required but missing (every app_server runs on a host)" },
  { "structure/client-on-host", { { "components[0].host", "\"server-1\"" } }, INVALID,
    "components[0].host: a client does not run on a host" },
  { "structure/role-on-non-database", { { "components[3].role", "\"primary\"" } }, INVALID,
    "components[3].role: only a database has a role, not a web_server" },
  { "structure/database-without-role", { { "components[10].role", NULL } }, INVALID,
    "components[10].role: required but missing (a database is \"primary\" or \"replica\")" },
  { "structure/two-primaries", { { "components[10].role", "\"primary\"" } }, INVALID,
    "components[10].role: a second primary (\"db-2\"); only one database takes the writes" },
  { "structure/replica-without-primary", { { "components[6].role", "\"replica\"" } }, INVALID,
    "components[6].role: a replica needs a primary to copy from, and there is none" },
  { "structure/no-client", { { "components[0]", NULL } }, INVALID,
    "components: no client; a scenario needs at least one component of kind \"client\"" },
  { "structure/two-dns", { { "components[0].kind", "\"dns\"" } }, INVALID,
    "components[1].kind: a second dns (\"dns\"); a scenario has at most one" },
  { "structure/two-load-balancers", { { "components[1].kind", "\"load_balancer\"" },
                                      { "components[1].managed", NULL } }, INVALID,
    "components[2].kind: a second load_balancer (\"lb\"); a cluster of load balancers needs balancer.virtual_ip to share" },
  { "structure/two-firewalls-on-a-host", { { "components[4].kind", "\"firewall\"" },
                                          { "components[5].kind", "\"firewall\"" } }, INVALID,
    "components[5].host: a second firewall (\"code-1\") on the same host" },
  { "structure/firewall-without-host", { { "components[1].kind", "\"firewall\"" },
                                         { "components[1].managed", NULL } }, INVALID,
    "components[1].host: required but missing (every firewall runs on a host)" },
  { "structure/agent-without-monitoring", { { "components[5].kind", "\"monitoring_agent\"" } },
    INVALID, "components: a monitoring_agent has no monitoring to report to" },
  { "structure/two-monitoring-services", { { "components[1].kind", "\"monitoring\"" },
                                           { "components[0].kind", "\"monitoring\"" } }, INVALID,
    "components[1].kind: a second monitoring (\"dns\"); a scenario has at most one" },
  { "settings/virtual-ip-not-an-address", { { "balancer.virtual_ip", "\"10.0.0.300\"" } },
    INVALID, "balancer.virtual_ip: \"10.0.0.300\" is not an IP address" },
  { "settings/https-not-boolean", { { "balancer.https", "\"yes\"" } }, INVALID,
    "balancer.https: expected true or false, got a string" },
  { "structure/two-web-servers-without-lb", { { "components[2]", NULL }, { "balancer", NULL } },
    INVALID,
    "components[6].kind: a second web_server (\"web-2\"); two web servers need a load_balancer "
    "in front of them" },
  { "structure/balancer-without-lb", { { "components[2]", NULL } }, INVALID,
    "balancer: set, but there is no load_balancer component" },

  /* Backends */
  { "backends/not-a-host", { { "balancer.backends", "[\"server-1\", \"server-9\"]" } }, INVALID,
    "balancer.backends[1]: unknown host \"server-9\"" },
  { "backends/component", { { "balancer.backends", "[\"web-1\"]" } }, INVALID,
    "balancer.backends[0]: unknown host \"web-1\"" },
  { "backends/twice", { { "balancer.backends", "[\"server-1\", \"server-1\"]" } }, INVALID,
    "balancer.backends[1]: \"server-1\" is listed twice" },
  { "backends/empty", { { "balancer.backends", "[]" } }, INVALID,
    "balancer.backends: empty; the load balancer needs at least one backend" },
  { "backends/no-web-server", { { "components[7].host", "\"server-1\"" } }, INVALID,
    "balancer.backends[1]: host \"server-2\" has no web_server to pass requests to" },

  /* The lesson script: 0 kills server-1 at 10 s and asks (3 choices),
   * 1 promotes db-2 at 30 s and asks, 2 revives server-1 at 45 s; end 60. */
  { "script/not-an-object", { { "script", "\"soon\"" } }, INVALID,
    "script: expected an object, got a string" },
  { "script/unknown-action", { { "script.moments[0].action", "\"explode\"" } }, INVALID,
    "script.moments[0].action: unknown action \"explode\"" },
  { "script/unknown-target", { { "script.moments[2].target", "\"server-9\"" } }, INVALID,
    "script.moments[2].target: unknown element \"server-9\"" },
  { "script/target-missing", { { "script.moments[0].target", NULL } }, INVALID,
    "script.moments[0].target: required but missing (kill names an element)" },
  { "script/promote-a-host", { { "script.moments[1].target", "\"server-2\"" } }, INVALID,
    "script.moments[1].target: \"server-2\" is not a database" },
  { "script/mode-value", { { "script.moments[2].action", "\"mode\"" },
                           { "script.moments[2].value", "\"both\"" } }, INVALID,
    "script.moments[2].value: unknown mode \"both\"" },
  { "script/algorithm-value", { { "script.moments[2].action", "\"algorithm\"" },
                                { "script.moments[2].value", "\"random\"" } }, INVALID,
    "script.moments[2].value: unknown algorithm \"random\"" },
  { "script/time-type", { { "script.moments[1].time", "\"later\"" } }, INVALID,
    "script.moments[1].time: expected a number, got a string" },
  { "script/time-order", { { "script.moments[1].time", "5" } }, INVALID,
    "script.moments[1].time: 5 is before the moment listed before it, at 10" },
  { "script/time-too-late", { { "script.moments[2].time", "90000" } }, INVALID,
    "script.moments[2].time: 90000 is more than 86400" },
  { "script/end-before-last", { { "script.end", "40" } }, INVALID,
    "script.end: 40 is before the last moment, at 45" },
  { "script/answer-fraction", { { "script.moments[0].question.answer", "1.5" } }, INVALID,
    "script.moments[0].question.answer: 1.5 is not a whole number" },
  { "script/answer-too-big", { { "script.moments[0].question.answer", "4" } }, INVALID,
    "script.moments[0].question.answer: 4 is more than 3" },
  { "script/choices-not-array", { { "script.moments[1].question.choices", "\"yes\"" } },
    INVALID, "script.moments[1].question.choices: expected an array, got a string" },
  { "script/question-text-empty", { { "script.moments[0].question.text", "\"\"" } }, INVALID,
    "script.moments[0].question.text: must not be empty" },
  { "script/empty-moment", { { "script.moments[2].action", NULL },
                             { "script.moments[2].reveal", NULL } }, INVALID,
    "script.moments[2]: does nothing; give it an action, a question or a reveal" },
};

/* Edits */

static JsonNode *
parse_value (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* "components[4]" → name "components", *index 4; a plain name → -1. */
static char *
split_segment (const char *segment,
               int        *index)
{
  const char *bracket = strchr (segment, '[');

  *index = bracket != NULL ? atoi (bracket + 1) : -1;
  return bracket != NULL ? g_strndup (segment, bracket - segment) : g_strdup (segment);
}

static void
apply_edit (JsonNode   *root,
            const Edit *edit)
{
  g_auto(GStrv) segments = g_strsplit (edit->path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; segments[i] != NULL; i++)
    {
      gboolean last = segments[i + 1] == NULL;
      JsonObject *object = json_node_get_object (node);
      int index;
      g_autofree char *name = split_segment (segments[i], &index);

      if (last && index < 0 && edit->value == NULL)
        json_object_remove_member (object, name);
      else if (last && index < 0)
        json_object_set_member (object, name, parse_value (edit->value));

      node = json_object_get_member (object, name);
      if (index < 0)
        continue;
      g_assert_nonnull (node);
      if (last)
        {
          g_assert_null (edit->value);  /* json-glib cannot replace an element */
          json_array_remove_element (json_node_get_array (node), index);
        }
      else
        node = json_array_get_element (json_node_get_array (node), index);
    }
}

static JsonNode *
distributed_tree (void)
{
  g_autoptr(GBytes) bytes = sb_scenario_get_bundled_data ("distributed", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(JsonNode) root = distributed_tree ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (c->edits) && c->edits[i].path != NULL; i++)
    apply_edit (root, &c->edits[i]);

  text = json_to_string (root, TRUE);
  scenario = sb_scenario_load_from_data (text, -1, &error);
  g_assert_null (scenario);
  g_assert_error (error, SB_SCENARIO_ERROR, c->code);
  g_assert_cmpstr (error->message, ==, c->message);
}

/* The edits themselves leave a valid scenario when they should. */
static void
test_edits_keep_valid (void)
{
  static const Edit edits[] = {
    { "traffic.read_ratio", "1" }, { "traffic.read_ratio", "0" }, { "dns.ttl", "0" },
    { "hop", "0.001" }, { "traffic.rate", "1000" }, { "replication.lag", "0" },
    { "traffic.rate", "0.001" },
    { "components[0].ip", "\"2001:db8::7\"" }, { "components[0].ip", "null" },
    { "balancer.backends", NULL }, { "balancer.health_check", NULL }, { "traffic", "{}" },
    { "components[1]", NULL }, { "components[10]", NULL }, { "version", "1.0" },
    { "components[3].position", "{\"x\": -1e5, \"y\": 0.5}" },
    { "dns.name", "\"a\"" }, { "dns.name", "\"xn--caf-dma.example.COM\"" },
    { "dns.name", "\"1-2.3com\"" }, { "balancer.virtual_ip", "\"fe80::1\"" },
    { "components[0].ip", "\"::ffff:192.0.2.1\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(JsonNode) root = distributed_tree ();
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SbScenario) scenario = NULL;

      g_test_message ("%s = %s", edits[i].path, edits[i].value ? edits[i].value : "(removed)");
      /* The script names components that some edits remove. */
      apply_edit (root, &(Edit) { "script", NULL });
      apply_edit (root, &edits[i]);
      text = json_to_string (root, FALSE);
      scenario = sb_scenario_load_from_data (text, -1, &error);
      g_assert_no_error (error);
    }
}

/* Sizes */

/* A scenario with COUNT hosts (and one client) or COUNT client components. */
static char *
many_elements (const char *key,
               guint       count)
{
  gboolean hosts = g_str_equal (key, "hosts");
  g_autoptr(GString) text = g_string_new ("{\"format\": \"stackboard-scenario\", \"version\": 1,"
                                          " \"name\": \"big\", \"title\": \"Big\"");

  g_string_append_printf (text, ", \"%s\": [", key);
  for (guint i = 0; i < count; i++)
    {
      if (hosts)
        g_string_append_printf (text, "%s{\"id\": \"h%u\", \"label\": \"H\"}",
                                i == 0 ? "" : ", ", i);
      else
        g_string_append_printf (text, "%s{\"id\": \"c%u\", \"kind\": \"client\", \"label\": \"C\"}",
                                i == 0 ? "" : ", ", i);
    }
  g_string_append (text, "]");
  if (hosts)
    g_string_append (text, ", \"components\": [{\"id\": \"u\", \"kind\": \"client\","
                           " \"label\": \"U\"}]");
  g_string_append (text, "}");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_error (const char *text,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = sb_scenario_load_from_data (text, -1, &error);

  g_assert_null (scenario);
  g_assert_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_too_many_hosts (void)
{
  g_autofree char *ok = many_elements ("hosts", SB_SCENARIO_MAX_HOSTS);
  g_autofree char *bad = many_elements ("hosts", SB_SCENARIO_MAX_HOSTS + 1);
  g_autoptr(SbScenario) scenario = sb_scenario_load_from_data (ok, -1, NULL);

  g_assert_nonnull (scenario);
  assert_error (bad, "hosts: 65 hosts, more than the 64 a scenario may have");
}

static void
test_too_many_components (void)
{
  g_autofree char *ok = many_elements ("components", SB_SCENARIO_MAX_COMPONENTS);
  g_autofree char *bad = many_elements ("components", SB_SCENARIO_MAX_COMPONENTS + 1);
  g_autoptr(SbScenario) scenario = sb_scenario_load_from_data (ok, -1, NULL);

  g_assert_nonnull (scenario);
  g_assert_cmpuint (scenario->components->len, ==, SB_SCENARIO_MAX_COMPONENTS);
  assert_error (bad, "components: 513 components, more than the 512 a scenario may have");
}

static void
test_long_text (void)
{
  g_autofree char *text_ok = g_strnfill (SB_SCENARIO_MAX_TEXT, 'x');
  g_autofree char *text_bad = g_strnfill (SB_SCENARIO_MAX_TEXT + 1, 'x');
  g_autofree char *id_bad = g_strnfill (SB_SCENARIO_MAX_ID + 1, 'a');
#define ONE_CLIENT "{\"format\": \"stackboard-scenario\", \"version\": 1, \"name\": \"n\"," \
                   " \"title\": \"T\", \"components\": [{\"id\": \"%s\", \"kind\": \"client\"," \
                   " \"label\": \"U\", \"explanation\": \"%s\"}]}"
  g_autofree char *ok = g_strdup_printf (ONE_CLIENT, "u", text_ok);
  g_autofree char *bad = g_strdup_printf (ONE_CLIENT, "u", text_bad);
  g_autofree char *bad_id = g_strdup_printf (ONE_CLIENT, id_bad, "");
  g_autoptr(SbScenario) scenario = sb_scenario_load_from_data (ok, -1, NULL);

  g_assert_nonnull (scenario);
  assert_error (bad, "components[0].explanation: 4097 characters, "
                     "more than the 4096 a text may have");
  assert_error (bad_id, "components[0].id: 65 characters, more than the 64 an id may have");
}

/* Characters, not bytes, count towards the limit. */
static void
test_long_text_utf8 (void)
{
  g_autoptr(GString) label = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autoptr(SbScenario) scenario = NULL;

  for (int i = 0; i < SB_SCENARIO_MAX_TEXT; i++)
    g_string_append (label, "é");
  text = g_strdup_printf ("{\"format\": \"stackboard-scenario\", \"version\": 1, \"name\": \"n\","
                          " \"title\": \"%s\", \"components\": [{\"id\": \"u\","
                          " \"kind\": \"client\", \"label\": \"U\"}]}", label->str);
  scenario = sb_scenario_load_from_data (text, -1, NULL);
  g_assert_nonnull (scenario);
}

/* The same rules for a scenario built or changed in code. */
static void
test_api (void)
{
  g_autoptr(SbScenario) s = sb_scenario_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_scenario_validate (s, &error));
  g_assert_error (error, SB_SCENARIO_ERROR, INVALID);
  g_assert_cmpstr (error->message, ==, "name: required but missing");
  g_clear_error (&error);

  s->name = g_strdup ("built");
  s->title = g_strdup ("Built in code");
  g_ptr_array_add (s->components, sb_component_new ("user", SB_KIND_CLIENT, "User"));
  g_assert_true (sb_scenario_validate (s, &error));
  g_assert_no_error (error);

  s->traffic.rate = -1;
  g_assert_false (sb_scenario_validate (s, &error));
  g_assert_cmpstr (error->message, ==, "traffic.rate: -1 is not greater than 0");
  g_clear_error (&error);

  s->traffic.rate = NAN;
  g_assert_false (sb_scenario_validate (s, &error));
  g_assert_cmpstr (error->message, ==, "traffic.rate: nan is not a finite number");
  g_clear_error (&error);
  s->traffic.rate = 1;

  s->traffic.seed = G_MAXUINT64;
  g_assert_false (sb_scenario_validate (s, &error));
  g_assert_cmpstr (error->message, ==,
                   "traffic.seed: 18446744073709551615 is more than 9223372036854775807");
  g_clear_error (&error);
  s->traffic.seed = 1;

  g_ptr_array_add (s->balancer.backends, g_strdup ("server-1"));
  g_assert_false (sb_scenario_validate (s, &error));
  g_assert_cmpstr (error->message, ==,
                   "balancer.backends: set, but there is no load_balancer component");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/model/validate/", cases[i].name, NULL);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/model/validate/edits-keep-valid", test_edits_keep_valid);
  g_test_add_func ("/model/validate/size/hosts", test_too_many_hosts);
  g_test_add_func ("/model/validate/size/components", test_too_many_components);
  g_test_add_func ("/model/validate/size/text", test_long_text);
  g_test_add_func ("/model/validate/size/text-utf8", test_long_text_utf8);
  g_test_add_func ("/model/validate/api", test_api);

  return g_test_run ();
}
