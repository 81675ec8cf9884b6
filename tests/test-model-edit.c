/* test-model-edit.c — the editor's operations on a design, and what they
 * refuse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "model/sb-scenario-edit.h"

static SbScenario *
load (const char *name)
{
  g_autoptr(GError) error = NULL;
  SbScenario *s = sb_scenario_load_bundled (name, &error);

  g_assert_no_error (error);
  return s;
}

static SbScenario *
load_good (const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", file, NULL);
  SbScenario *s = sb_scenario_load_from_file (path, &error);

  g_assert_no_error (error);
  return s;
}

/* Every edit leaves a design the format accepts, which saves and loads
 * back the same. */
static void
assert_sound (const SbScenario *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) again = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (sb_scenario_validate (s, &error));
  g_assert_no_error (error);
  data = sb_scenario_to_data (s, &length);
  again = sb_scenario_load_from_data (data, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_true (sb_scenario_equal (again, s));
}

/* A refused edit changes nothing: BEFORE is the scenario as it was. */
static void
assert_refused (const SbScenario *s,
                const SbScenario *before,
                GError          **error,
                const char       *message)
{
  g_assert_error (*error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_INVALID);
  g_assert_cmpstr ((*error)->message, ==, message);
  g_assert_true (sb_scenario_equal (s, before));
  g_clear_error (error);
}

static const char *
host_of (const SbScenario *s,
         const char       *id)
{
  const SbComponent *c = sb_scenario_find_component (s, id);

  g_assert_nonnull (c);
  return c->host;
}

static const char *
label_of (const SbScenario *s,
          const char       *id)
{
  const SbComponent *c = sb_scenario_find_component (s, id);
  const SbHost *h = c ? NULL : sb_scenario_find_host (s, id);

  g_assert_true (c != NULL || h != NULL);
  return c ? c->label : h->label;
}

static char *
backends (const SbScenario *s)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < s->balancer.backends->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (s->balancer.backends, i));
  list = g_strv_builder_end (builder);
  return g_strjoinv (" ", list);
}

/* The ids of the components in file order, one string. */
static char *
component_ids (const SbScenario *s)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < s->components->len; i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "",
                            ((const SbComponent *) g_ptr_array_index (s->components, i))->id);
  return g_string_free (ids, FALSE);
}

static void
test_add_server (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(SbScenario) original = sb_scenario_copy (s);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = sb_scenario_add_server (s, &error);
  g_autofree char *list = NULL;
  const SbComponent *db;

  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "server-3");
  g_assert_cmpstr (label_of (s, "server-3"), ==, "Server 3");
  g_assert_cmpstr (sb_scenario_find_host (s, "server-3")->ip, ==, "10.0.0.13");
  g_assert_null (sb_scenario_find_host (s, "server-3")->explanation);
  g_assert_cmpstr (host_of (s, "web-3"), ==, "server-3");
  g_assert_cmpstr (host_of (s, "app-3"), ==, "server-3");
  g_assert_cmpstr (host_of (s, "code-3"), ==, "server-3");
  db = sb_scenario_find_component (s, "db-3");
  g_assert_cmpint (db->role, ==, SB_DB_ROLE_REPLICA);
  /* Nothing copied from the model's text. */
  g_assert_null (db->explanation);
  g_assert_cmpstr ((list = backends (s)), ==, "server-1 server-2 server-3");
  assert_sound (s);

  g_assert_true (sb_scenario_delete (s, "server-3", &error));
  g_assert_no_error (error);
  g_assert_true (sb_scenario_equal (s, original));
}

/* On the later steps the next server follows the names in use: Server 3
 * beside the load balancer's machine, Web 3 after Web 2. */
static void
test_add_server_names (void)
{
  g_autoptr(SbScenario) secured = load ("secured-monitored");
  g_autoptr(SbScenario) scaled = load ("scale-up");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = sb_scenario_add_server (secured, &error);
  g_autofree char *b = sb_scenario_add_server (scaled, &error);
  g_autofree char *ids = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "server-3");
  g_assert_cmpstr (label_of (secured, a), ==, "Server 3");
  /* Its own firewall first, its monitoring client last. */
  g_assert_cmpstr (host_of (secured, "fw-3"), ==, "server-3");
  g_assert_cmpstr (host_of (secured, "agent-3"), ==, "server-3");
  ids = component_ids (secured);
  g_assert_true (g_str_has_suffix (ids, "agent-2 fw-3 web-3 app-3 code-3 db-3 agent-3"));
  assert_sound (secured);

  g_assert_cmpstr (b, ==, "web-server-3");
  g_assert_cmpstr (label_of (scaled, b), ==, "Web 3");
  g_assert_cmpstr (sb_scenario_find_host (scaled, b)->ip, ==, "10.0.0.13");
  g_assert_cmpint (sb_scenario_host_index (scaled, b), ==, sb_scenario_host_index (scaled, "web-server-2") + 1);
  g_assert_cmpstr (host_of (scaled, "web-3"), ==, b);
  assert_sound (scaled);
}

static void
test_add_server_without_balancer (void)
{
  g_autoptr(SbScenario) s = load ("one-server");
  g_autoptr(SbScenario) before = sb_scenario_copy (s);
  g_autoptr(GError) error = NULL;

  g_assert_null (sb_scenario_add_server (s, &error));
  assert_refused (s, before, &error, "a server can only be added behind a load balancer");
}

/* An empty machine: the next of the series picked, else Server N. */
static void
test_add_host (void)
{
  g_autoptr(SbScenario) secured = load ("secured-monitored");
  g_autoptr(SbScenario) scaled = load ("scale-up");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = sb_scenario_add_element (secured, "host", NULL, &error);
  g_autofree char *b = sb_scenario_add_element (secured, "host", "fw-lb", &error);
  g_autofree char *c = sb_scenario_add_element (scaled, "host", "db-2", &error);
  g_autofree char *d = sb_scenario_add_element (scaled, "host", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "server-3");
  g_assert_cmpstr (label_of (secured, a), ==, "Server 3");
  g_assert_cmpstr (sb_scenario_find_host (secured, a)->ip, ==, "10.0.0.13");
  g_assert_cmpint (sb_scenario_host_index (secured, a), ==, 3);
  /* The load balancer's machine is no series: a server after Server 3. */
  g_assert_cmpstr (b, ==, "server-4");
  g_assert_cmpstr (label_of (secured, b), ==, "Server 4");
  assert_sound (secured);

  g_assert_cmpstr (c, ==, "db-server-3");
  g_assert_cmpstr (label_of (scaled, c), ==, "DB 3");
  g_assert_cmpstr (sb_scenario_find_host (scaled, c)->ip, ==, "10.0.0.33");
  g_assert_cmpstr (d, ==, "server-1");
  g_assert_cmpstr (label_of (scaled, d), ==, "Server 1");
  assert_sound (scaled);
}

/* A firewall goes first on its machine, one per machine, and only on one. */
static void
test_add_firewall (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(SbScenario) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = sb_scenario_add_element (s, "firewall", "app-1", &error);
  g_autofree char *ids = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "fw-1");
  g_assert_cmpstr (host_of (s, "fw-1"), ==, "server-1");
  g_assert_cmpstr (label_of (s, "fw-1"), ==, "Firewall");
  g_assert_cmpint (sb_scenario_component_index (s, "fw-1"), ==, sb_scenario_component_index (s, "web-1") - 1);
  assert_sound (s);

  before = sb_scenario_copy (s);
  g_assert_null (sb_scenario_add_element (s, "firewall", "server-1", &error));
  assert_refused (s, before, &error, "Server 1 already has a firewall");
  g_assert_null (sb_scenario_add_element (s, "firewall", NULL, &error));
  assert_refused (s, before, &error, "Select the machine the new firewall goes on first");
  /* A standalone element has no machine either. */
  g_assert_null (sb_scenario_add_element (s, "firewall", "lb", &error));
  assert_refused (s, before, &error, "Select the machine the new firewall goes on first");
  g_assert_null (sb_scenario_add_element (s, "router", "server-2", &error));
  assert_refused (s, before, &error, "\"router\" is not a kind of element Stackboard knows");
  ids = component_ids (s);
  g_assert_cmpstr (ids, ==, "user dns lb fw-1 web-1 app-1 code-1 db-1 web-2 app-2 code-2 db-2");
}

/* A monitoring client brings the service it reports to. */
static void
test_add_monitoring (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(SbScenario) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *agent = sb_scenario_add_element (s, "monitoring_agent", "web-2", &error);
  g_autofree char *ids = NULL;
  const SbComponent *service;

  g_assert_no_error (error);
  g_assert_cmpstr (agent, ==, "agent-2");
  service = sb_scenario_find_kind (s, SB_KIND_MONITORING, NULL);
  g_assert_nonnull (service);
  g_assert_cmpstr (service->id, ==, "monitoring");
  g_assert_cmpstr (service->label, ==, "Monitoring service");
  g_assert_true (service->managed);
  g_assert_null (service->host);
  ids = component_ids (s);
  g_assert_cmpstr (ids, ==, "user dns monitoring lb web-1 app-1 code-1 db-1 web-2 app-2 code-2 db-2 agent-2");
  assert_sound (s);

  before = sb_scenario_copy (s);
  g_assert_null (sb_scenario_add_element (s, "monitoring", NULL, &error));
  assert_refused (s, before, &error, "A design has one monitoring service at most");
  g_assert_null (sb_scenario_add_element (s, "monitoring_agent", "server-2", &error));
  assert_refused (s, before, &error, "Server 2 already has a monitoring client");
  g_assert_false (sb_scenario_delete (s, "monitoring", &error));
  assert_refused (s, before, &error,
                  "The monitoring clients need a monitoring service to report to: delete them first");
  g_assert_null (sb_scenario_add_element (s, "dns", NULL, &error));
  assert_refused (s, before, &error, "A design has one DNS at most");
}

/* The first database is the primary, the next ones replicas. */
static void
test_add_database (void)
{
  g_autoptr(SbScenario) s = load ("one-server");
  g_autoptr(SbScenario) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *replica = NULL;
  g_autofree char *primary = NULL;

  g_assert_true (sb_scenario_delete (s, "db-1", &error));
  g_assert_no_error (error);
  assert_sound (s);
  primary = sb_scenario_add_element (s, "database", "server-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (primary, ==, "db-1");
  g_assert_cmpint (sb_scenario_find_component (s, primary)->role, ==, SB_DB_ROLE_PRIMARY);
  /* The label does not name the role: the board's badge does. */
  g_assert_cmpstr (label_of (s, primary), ==, "MySQL");
  replica = sb_scenario_add_element (s, "database", "web-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (replica, ==, "db-1-2");
  g_assert_cmpint (sb_scenario_find_component (s, replica)->role, ==, SB_DB_ROLE_REPLICA);
  g_assert_cmpstr (label_of (s, replica), ==, "MySQL");
  assert_sound (s);

  before = sb_scenario_copy (s);
  g_assert_null (sb_scenario_add_element (s, "database:primary", "server-1", &error));
  assert_refused (s, before, &error, "There is already a primary database");
  g_assert_false (sb_scenario_delete (s, primary, &error));
  assert_refused (s, before, &error,
                  "The replicas need a primary database to copy from: make one of them the primary first");

  /* Promoted in the design, the roles change and the labels stay true. */
  g_assert_true (sb_scenario_set_primary (s, replica, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label_of (s, replica), ==, "MySQL");
  g_assert_cmpint (sb_scenario_find_component (s, replica)->role, ==, SB_DB_ROLE_PRIMARY);
  g_assert_cmpint (sb_scenario_find_component (s, primary)->role, ==, SB_DB_ROLE_REPLICA);
  g_clear_pointer (&before, sb_scenario_free);
  before = sb_scenario_copy (s);
  g_assert_false (sb_scenario_set_primary (s, replica, &error));
  assert_refused (s, before, &error, "This database is the primary already");
  g_assert_false (sb_scenario_set_primary (s, "web-1", &error));
  assert_refused (s, before, &error, "Only a database can be the primary");
  assert_sound (s);
}

/* A second load balancer makes a cluster: the public address becomes
 * the virtual IP both share. */
static void
test_add_balancer_cluster (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = sb_scenario_add_element (s, "load_balancer", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "lb-2");
  g_assert_null (host_of (s, id));
  g_assert_cmpstr (label_of (s, id), ==, "Load balancer (HAProxy)");
  g_assert_cmpstr (s->balancer.virtual_ip, ==, "203.0.113.10");
  g_assert_cmpstr (sb_scenario_find_component (s, "lb")->ip, ==, "203.0.113.11");
  g_assert_cmpstr (sb_scenario_find_component (s, id)->ip, ==, "203.0.113.12");
  g_assert_cmpstr (sb_scenario_public_address (s), ==, "203.0.113.10");
  g_assert_cmpint (sb_scenario_component_index (s, id), ==, sb_scenario_component_index (s, "lb") + 1);
  assert_sound (s);

  /* Back to one, the cluster's address stays the visitors'. */
  g_assert_true (sb_scenario_delete (s, "lb", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_scenario_public_address (s), ==, "203.0.113.10");
  assert_sound (s);
}

/* Where the load balancers have machines, the new one gets its own. */
static void
test_add_balancer_machine (void)
{
  g_autoptr(SbScenario) secured = load ("secured-monitored");
  g_autoptr(SbScenario) scaled = load ("scale-up");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = sb_scenario_add_element (secured, "load_balancer", NULL, &error);
  g_autofree char *b = sb_scenario_add_element (scaled, "load_balancer", "lb-server-2", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "lb-2");
  g_assert_cmpstr (host_of (secured, a), ==, "lb-server-2");
  g_assert_cmpstr (label_of (secured, "lb-server-2"), ==, "Load balancer 2");
  g_assert_cmpstr (label_of (secured, a), ==, "HAProxy");
  g_assert_cmpint (sb_scenario_host_index (secured, "lb-server-2"), ==, 1);
  g_assert_cmpstr (secured->balancer.virtual_ip, ==, "203.0.113.10");
  g_assert_cmpstr (sb_scenario_find_host (secured, "lb-server")->ip, ==, "203.0.113.11");
  g_assert_cmpstr (sb_scenario_find_host (secured, "lb-server-2")->ip, ==, "203.0.113.12");
  assert_sound (secured);

  g_assert_cmpstr (b, ==, "lb-3");
  g_assert_cmpstr (host_of (scaled, b), ==, "lb-server-3");
  g_assert_cmpstr (label_of (scaled, "lb-server-3"), ==, "LB 3");
  g_assert_cmpstr (scaled->balancer.virtual_ip, ==, "203.0.113.10");
  assert_sound (scaled);
}

/* The first load balancer takes every web server as a backend; one with
 * nothing to send requests to is refused. */
static void
test_add_first_balancer (void)
{
  g_autoptr(SbScenario) s = load ("one-server");
  g_autoptr(SbScenario) minimal = load_good ("minimal.json");
  g_autoptr(SbScenario) before = sb_scenario_copy (minimal);
  g_autoptr(GError) error = NULL;
  g_autofree char *lb = sb_scenario_add_element (s, "load_balancer", NULL, &error);
  g_autofree char *list = NULL;
  g_autofree char *host = NULL;
  g_autofree char *web = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (lb, ==, "lb");
  g_assert_null (host_of (s, lb));
  g_assert_cmpstr (sb_scenario_find_component (s, lb)->ip, ==, "203.0.113.10");
  g_assert_cmpstr ((list = backends (s)), ==, "server-1");
  /* A second web server now has a load balancer in front of it. */
  host = sb_scenario_add_element (s, "host", NULL, &error);
  web = sb_scenario_add_element (s, "web_server", host, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (host, ==, "server-2");
  g_assert_cmpstr (web, ==, "web-2");
  g_clear_pointer (&list, g_free);
  g_assert_cmpstr ((list = backends (s)), ==, "server-1 server-2");
  assert_sound (s);

  g_assert_null (sb_scenario_add_element (minimal, "load_balancer", NULL, &error));
  assert_refused (minimal, before, &error,
                  "The load balancer needs a machine with a web server to send requests to");
}

static void
test_second_web_server_refused (void)
{
  g_autoptr(SbScenario) s = load ("one-server");
  g_autoptr(SbScenario) before = sb_scenario_copy (s);
  g_autoptr(GError) error = NULL;

  g_assert_null (sb_scenario_add_element (s, "web_server", "server-1", &error));
  assert_refused (s, before, &error, "Two web servers need a load balancer in front of them");
  g_assert_false (sb_scenario_move_component (s, "user", "server-1", &error));
  assert_refused (s, before, &error,
                  "A browser is the visitor’s: it does not run on a machine of the design");
}

/* The browser, the DNS and the monitoring service stand alone whatever
 * is selected. */
static void
test_standalone_kinds (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(GError) error = NULL;
  g_autofree char *user = sb_scenario_add_element (s, "client", "server-1", &error);
  g_autofree char *ids = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (user, ==, "user-2");
  g_assert_null (host_of (s, user));
  g_assert_cmpstr (sb_scenario_find_component (s, user)->ip, ==, "198.51.100.8");
  g_assert_true (sb_scenario_delete (s, "dns", &error));
  g_assert_no_error (error);
  g_clear_pointer (&user, g_free);
  user = sb_scenario_add_element (s, "dns", "db-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user, ==, "dns");
  g_assert_null (host_of (s, "dns"));
  g_assert_true (sb_scenario_find_component (s, "dns")->managed);
  g_assert_cmpstr (sb_scenario_find_component (s, "dns")->ip, ==, "192.0.2.53");
  ids = component_ids (s);
  g_assert_true (g_str_has_prefix (ids, "user user-2 dns lb "));
  assert_sound (s);
}

/* Deleting: a machine goes with everything on it; what would break the
 * design is refused with the reason. */
static void
test_delete (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(SbScenario) before = sb_scenario_copy (s);
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;

  g_assert_false (sb_scenario_delete (s, "server-1", &error));
  assert_refused (s, before, &error,
                  "The replicas need a primary database to copy from: make one of them the primary first");
  g_assert_false (sb_scenario_delete (s, "lb", &error));
  assert_refused (s, before, &error, "Two web servers need a load balancer in front of them");
  g_assert_false (sb_scenario_delete (s, "user", &error));
  assert_refused (s, before, &error, "A design needs at least one browser to send requests");
  g_assert_false (sb_scenario_delete (s, "server-9", &error));
  assert_refused (s, before, &error, "There is no element \"server-9\" in this design");

  g_assert_true (sb_scenario_delete (s, "web-2", &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((list = backends (s)), ==, "server-1");
  g_clear_pointer (&before, sb_scenario_free);
  before = sb_scenario_copy (s);
  g_assert_false (sb_scenario_delete (s, "web-1", &error));
  assert_refused (s, before, &error, "The load balancer needs a machine with a web server to send requests to");

  g_assert_true (sb_scenario_delete (s, "server-2", &error));
  g_assert_no_error (error);
  g_assert_null (sb_scenario_find_component (s, "db-2"));
  g_assert_null (sb_scenario_find_component (s, "app-2"));
  g_assert_cmpuint (s->hosts->len, ==, 1);
  /* The last load balancer goes with its settings. */
  g_assert_true (sb_scenario_delete (s, "lb", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s->balancer.backends->len, ==, 0);
  assert_sound (s);
}

static void
test_rename (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(SbScenario) before = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_scenario_set_label (s, "web-1", "  Apache httpd ", &error));
  g_assert_true (sb_scenario_set_label (s, "server-2", "Spare", &error));
  g_assert_true (sb_scenario_set_title (s, " Été 2026: three web servers! ", &error));
  g_assert_true (sb_scenario_set_summary (s, "Built by the class.", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label_of (s, "web-1"), ==, "Apache httpd");
  g_assert_cmpstr (label_of (s, "server-2"), ==, "Spare");
  g_assert_cmpstr (s->title, ==, "Été 2026: three web servers!");
  g_assert_cmpstr (s->name, ==, "ete-2026-three-web-servers");
  g_assert_cmpstr (s->summary, ==, "Built by the class.");
  assert_sound (s);

  before = sb_scenario_copy (s);
  g_assert_false (sb_scenario_set_label (s, "web-1", "   ", &error));
  assert_refused (s, before, &error, "A name cannot be empty");
  g_assert_false (sb_scenario_set_title (s, "", &error));
  assert_refused (s, before, &error, "The title cannot be empty");
  g_assert_false (sb_scenario_set_label (s, "nowhere", "X", &error));
  assert_refused (s, before, &error, "There is no element \"nowhere\" in this design");
  /* Punctuation only: the title changes, the name stays. */
  g_assert_true (sb_scenario_set_title (s, "!!!", &error));
  g_assert_cmpstr (s->name, ==, "ete-2026-three-web-servers");
}

/* Addresses follow the format's own rule, and its message. */
static void
test_set_ip (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(SbScenario) before = sb_scenario_copy (s);
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_scenario_set_ip (s, "server-1", "10.0.0.300", &error));
  assert_refused (s, before, &error, "hosts[0].ip: \"10.0.0.300\" is not an IP address");
  g_assert_false (sb_scenario_set_virtual_ip (s, "vip", &error));
  assert_refused (s, before, &error, "balancer.virtual_ip: \"vip\" is not an IP address");
  g_assert_true (sb_scenario_set_ip (s, "server-1", " fd00::11 ", &error));
  g_assert_true (sb_scenario_set_ip (s, "lb", "", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_scenario_find_host (s, "server-1")->ip, ==, "fd00::11");
  g_assert_null (sb_scenario_find_component (s, "lb")->ip);
  assert_sound (s);

  /* A cluster cannot lose the address it shares. */
  g_clear_pointer (&s, sb_scenario_free);
  s = load ("scale-up");
  g_clear_pointer (&before, sb_scenario_free);
  before = sb_scenario_copy (s);
  g_assert_false (sb_scenario_set_virtual_ip (s, "", &error));
  g_assert_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "components[3].kind: a second load_balancer"));
  g_clear_error (&error);
  g_assert_true (sb_scenario_equal (s, before));
}

static void
test_https (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(SbScenario) one = load ("one-server");
  g_autoptr(SbScenario) before = sb_scenario_copy (one);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  g_assert_true (sb_scenario_set_https (s, TRUE, &error));
  g_assert_no_error (error);
  data = sb_scenario_to_data (s, NULL);
  g_assert_nonnull (strstr (data, "\"https\": true"));
  assert_sound (s);
  g_assert_false (sb_scenario_set_https (one, TRUE, &error));
  assert_refused (one, before, &error, "HTTPS ends at the load balancer: add one first");
}

/* Moving keeps the routing's rules: a web server takes its machine's
 * place among the backends, a load balancer on a machine is "HAProxy". */
static void
test_move (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(SbScenario) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  g_autofree char *host = NULL;

  g_assert_true (sb_scenario_move_component (s, "lb", "server-2", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (host_of (s, "lb"), ==, "server-2");
  g_assert_cmpstr (label_of (s, "lb"), ==, "HAProxy");
  g_assert_true (sb_scenario_move_component (s, "lb", NULL, &error));
  g_assert_cmpstr (label_of (s, "lb"), ==, "Load balancer (HAProxy)");

  host = sb_scenario_add_element (s, "host", NULL, &error);
  g_assert_true (sb_scenario_move_component (s, "web-1", host, &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((list = backends (s)), ==, "server-3 server-2");
  g_assert_cmpint (sb_scenario_component_index (s, "web-1"), ==, (int) s->components->len - 1);
  assert_sound (s);

  before = sb_scenario_copy (s);
  g_assert_false (sb_scenario_move_component (s, "web-2", NULL, &error));
  assert_refused (s, before, &error, "A web server runs on a machine: it cannot stand alone");
  g_assert_false (sb_scenario_move_component (s, "web-2", "server-2", &error));
  assert_refused (s, before, &error, "It is there already");
  g_assert_false (sb_scenario_move_component (s, "web-2", "server-9", &error));
  assert_refused (s, before, &error, "There is no machine \"server-9\" in this design");
}

static void
test_move_firewall_refused (void)
{
  g_autoptr(SbScenario) s = load ("secured-monitored");
  g_autoptr(SbScenario) before = sb_scenario_copy (s);
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_scenario_move_component (s, "fw-1", "server-2", &error));
  assert_refused (s, before, &error, "Server 2 already has a firewall");
}

/* A machine of its own, named for the tier, at the component's address. */
static void
test_move_to_new_host (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(GError) error = NULL;
  g_autofree char *lb = sb_scenario_move_to_new_host (s, "lb", &error);
  g_autofree char *db = sb_scenario_move_to_new_host (s, "db-2", &error);
  g_autofree char *db2 = sb_scenario_move_to_new_host (s, "db-1", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lb, ==, "lb-server");
  g_assert_cmpstr (label_of (s, lb), ==, "Load balancer");
  g_assert_cmpstr (sb_scenario_find_host (s, lb)->ip, ==, "203.0.113.10");
  g_assert_null (sb_scenario_find_component (s, "lb")->ip);
  g_assert_cmpstr (label_of (s, "lb"), ==, "HAProxy");
  g_assert_cmpint (sb_scenario_host_index (s, lb), ==, 0);
  g_assert_cmpstr (db, ==, "db-server-1");
  g_assert_cmpstr (label_of (s, db), ==, "DB 1");
  g_assert_cmpstr (sb_scenario_find_host (s, db)->ip, ==, "10.0.0.13");
  g_assert_cmpstr (db2, ==, "db-server-2");
  g_assert_cmpstr (label_of (s, db2), ==, "DB 2");
  g_assert_cmpstr (sb_scenario_find_host (s, db2)->ip, ==, "10.0.0.14");
  g_assert_cmpint (sb_scenario_host_index (s, db2), ==, sb_scenario_host_index (s, db) + 1);
  assert_sound (s);
}

/* The exercise of step 3, done with edits from step 2, gives the bundled
 * design: the same machines, elements, names and addresses. */
static void
test_secured_from_distributed (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(SbScenario) want = load ("secured-monitored");
  g_autoptr(GError) error = NULL;
  g_autofree char *host = sb_scenario_move_to_new_host (s, "lb", &error);
  const char * const machines[] = { "lb-server", "server-1", "server-2" };

  g_assert_no_error (error);
  g_free (sb_scenario_add_element (s, "monitoring", NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (machines); i++)
    {
      g_free (sb_scenario_add_element (s, "firewall", machines[i], &error));
      g_free (sb_scenario_add_element (s, "monitoring_agent", machines[i], &error));
    }
  g_assert_true (sb_scenario_set_https (s, TRUE, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (s->hosts->len, ==, want->hosts->len);
  for (guint i = 0; i < want->hosts->len; i++)
    {
      const SbHost *a = g_ptr_array_index (s->hosts, i), *b = g_ptr_array_index (want->hosts, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->label, ==, b->label);
      g_assert_cmpstr (a->ip, ==, b->ip);
    }
  g_assert_cmpuint (s->components->len, ==, want->components->len);
  for (guint i = 0; i < want->components->len; i++)
    {
      const SbComponent *a = g_ptr_array_index (s->components, i);
      const SbComponent *b = g_ptr_array_index (want->components, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpint (a->role, ==, b->role);
      g_assert_cmpstr (a->host, ==, b->host);
      g_assert_cmpstr (a->label, ==, b->label);
      g_assert_cmpstr (a->ip, ==, b->ip);
      g_assert_cmpint (a->managed, ==, b->managed);
    }
  g_assert_true (s->balancer.https);
  g_assert_true (sb_scenario_equal (s, s));
  assert_sound (s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/edit/add-server", test_add_server);
  g_test_add_func ("/model/edit/add-server-names", test_add_server_names);
  g_test_add_func ("/model/edit/add-server-without-balancer", test_add_server_without_balancer);
  g_test_add_func ("/model/edit/add-host", test_add_host);
  g_test_add_func ("/model/edit/add-firewall", test_add_firewall);
  g_test_add_func ("/model/edit/add-monitoring", test_add_monitoring);
  g_test_add_func ("/model/edit/add-database", test_add_database);
  g_test_add_func ("/model/edit/add-balancer-cluster", test_add_balancer_cluster);
  g_test_add_func ("/model/edit/add-balancer-machine", test_add_balancer_machine);
  g_test_add_func ("/model/edit/add-first-balancer", test_add_first_balancer);
  g_test_add_func ("/model/edit/second-web-server-refused", test_second_web_server_refused);
  g_test_add_func ("/model/edit/standalone-kinds", test_standalone_kinds);
  g_test_add_func ("/model/edit/delete", test_delete);
  g_test_add_func ("/model/edit/rename", test_rename);
  g_test_add_func ("/model/edit/set-ip", test_set_ip);
  g_test_add_func ("/model/edit/https", test_https);
  g_test_add_func ("/model/edit/move", test_move);
  g_test_add_func ("/model/edit/move-firewall-refused", test_move_firewall_refused);
  g_test_add_func ("/model/edit/move-to-new-host", test_move_to_new_host);
  g_test_add_func ("/model/edit/secured-from-distributed", test_secured_from_distributed);
  return g_test_run ();
}
