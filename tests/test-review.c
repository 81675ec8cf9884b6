/* test-review.c — the review of hand-made and bundled designs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/review/ holds designs written for these tests: databases on
 * machines of their own, three web servers, firewalls on some machines
 * only.  The review must list the same single points of failure as the
 * analysis, each with a reason of its own, and name exactly the machines
 * each issue concerns.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "review/sb-review.h"
#include "sim/sb-spof.h"

#define GENERAL_READ  "every way a read could go passes through it"
#define GENERAL_WRITE "every way a write could go passes through it"

static SbScenario *
load_design (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "review", file, NULL);
  SbScenario *scenario = g_str_has_prefix (name, "three-") ? sb_scenario_load_from_file (path, &error)
                                                            : sb_scenario_load_bundled (name, &error);

  g_assert_no_error (error);
  return scenario;
}

static char *
spof_ids (GPtrArray *spofs)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < spofs->len; i++)
    g_ptr_array_add (ids, ((SbReviewSpof *) g_ptr_array_index (spofs, i))->id);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static char *
joined (GPtrArray *ids)
{
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

/* The review's lists are the analysis's, and every entry has a reason
 * that is not the general one: the designs here all have a specific one. */
static void
assert_spofs_match (const SbScenario *scenario,
                    const SbReview   *review)
{
  g_autoptr(GPtrArray) reads = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autofree char *want_r = NULL;
  g_autofree char *want_w = NULL;
  g_autofree char *got_r = spof_ids (review->spof_reads);
  g_autofree char *got_w = spof_ids (review->spof_writes);

  sb_spof_analyse (scenario, &reads, &writes);
  want_r = joined (reads);
  want_w = joined (writes);
  g_assert_cmpstr (got_r, ==, want_r);
  g_assert_cmpstr (got_w, ==, want_w);
  for (guint t = 0; t < 2; t++)
    {
      GPtrArray *list = t == 0 ? review->spof_reads : review->spof_writes;

      for (guint i = 0; i < list->len; i++)
        {
          const SbReviewSpof *spof = g_ptr_array_index (list, i);

          g_assert_nonnull (spof->why);
          g_assert_cmpuint (strlen (spof->why), >, 30);
          g_assert_null (strstr (spof->why, GENERAL_READ));
          g_assert_null (strstr (spof->why, GENERAL_WRITE));
          g_assert_nonnull (spof->label);
        }
    }
}

static const SbReviewIssue *
find_issue (const SbReview *review,
            SbIssueKind     kind)
{
  for (guint i = 0; i < review->issues->len; i++)
    {
      const SbReviewIssue *issue = g_ptr_array_index (review->issues, i);

      if (issue->kind == kind)
        return issue;
    }
  return NULL;
}

static void
assert_issue (const SbReview *review,
              SbIssueKind     kind,
              const char     *hosts)
{
  const SbReviewIssue *issue = find_issue (review, kind);
  g_autofree char *got = NULL;

  if (hosts == NULL)
    {
      g_assert_null (issue);
      return;
    }
  g_assert_nonnull (issue);
  got = g_strjoinv (",", issue->hosts);
  g_assert_cmpstr (got, ==, hosts);
  g_assert_cmpuint (strlen (issue->text), >, 40);
}

static const SbExplanation *
element (const SbReview *review,
         const char     *id)
{
  for (guint i = 0; i < review->elements->len; i++)
    {
      const SbExplanation *x = g_ptr_array_index (review->elements, i);

      if (g_str_equal (x->id, id))
        return x;
    }
  g_assert_not_reached ();
}

/* Firewalls on the load balancer's machine, Web 1 and DB 2 only;
 * monitoring agents on the database machines only; no HTTPS. */
static void
test_databases_apart (void)
{
  g_autoptr(SbScenario) scenario = load_design ("three-web-db-hosts");
  g_autoptr(SbReview) review = sb_review_new (scenario);
  g_autofree char *reads = spof_ids (review->spof_reads);
  g_autofree char *writes = spof_ids (review->spof_writes);

  assert_spofs_match (scenario, review);
  /* Worked out by hand: the one way in, and the one primary. */
  g_assert_cmpstr (reads, ==, "fw-lb,lb,lb-host");
  g_assert_cmpstr (writes, ==, "db-1,db-host-1,fw-lb,lb,lb-host");
  g_assert_cmpuint (review->issues->len, ==, 3);
  assert_issue (review, SB_ISSUE_NO_HTTPS, "lb-host");
  assert_issue (review, SB_ISSUE_NO_FIREWALL, "web-host-2,web-host-3,db-host-1");
  assert_issue (review, SB_ISSUE_NO_MONITORING, "lb-host,web-host-1,web-host-2,web-host-3");
  /* The texts name the machines by their labels. */
  g_assert_nonnull (strstr (find_issue (review, SB_ISSUE_NO_FIREWALL)->text, "Web 2, Web 3 and DB 1"));
  g_assert_nonnull (strstr (find_issue (review, SB_ISSUE_NO_FIREWALL)->text, "MySQL 3306"));
  /* The primary's machine has no firewall: its loss is the database's. */
  g_assert_nonnull (strstr (element (review, "db-host-1")->loss, "MySQL primary (DB 1)"));
  g_assert_true (element (review, "fw-lb")->stops_reads);
  g_assert_false (element (review, "fw-web-1")->stops_reads);
  g_assert_false (element (review, "fw-db-2")->stops_writes);
  /* Three backends in turn; the databases on their own machines. */
  g_assert_nonnull (strstr (review->algorithm_text, "Web 1, Web 2 and Web 3"));
  g_assert_nonnull (strstr (review->algorithm_text, "one request in 3"));
  g_assert_cmpuint (review->databases->len, ==, 2);
  g_assert_cmpstr (((SbReviewDatabase *) g_ptr_array_index (review->databases, 0))->host, ==, "db-host-1");
}

/* HTTPS fixed, firewalls on the web machines, agents everywhere but on
 * the load balancer, which stands alone. */
static void
test_https_and_agents (void)
{
  g_autoptr(SbScenario) scenario = load_design ("three-web-https");
  g_autoptr(SbReview) review = sb_review_new (scenario);

  assert_spofs_match (scenario, review);
  assert_issue (review, SB_ISSUE_NO_HTTPS, NULL);
  assert_issue (review, SB_ISSUE_NO_FIREWALL, "db-host-1,db-host-2,lb");
  assert_issue (review, SB_ISSUE_NO_MONITORING, "lb");
  /* Source hashing: where the eight visitor addresses land, worked out
   * from 198.51.100.7 + 0..7 modulo 3. */
  g_assert_nonnull (strstr (review->algorithm_text, "Web 1: 3, Web 2: 2 and Web 3: 3"));
  for (guint i = 0; i < review->strengths->len; i++)
    if (strstr (g_ptr_array_index (review->strengths, i), "HTTPS"))
      return;
  g_assert_not_reached ();
}

static void
test_bundled (void)
{
  const char * const *names = sb_scenario_bundled_names ();

  for (guint i = 0; names[i]; i++)
    {
      g_autoptr(SbScenario) scenario = load_design (names[i]);
      g_autoptr(SbReview) review = sb_review_new (scenario);

      assert_spofs_match (scenario, review);
      g_assert_cmpuint (review->elements->len, ==, scenario->components->len + scenario->hosts->len);
      g_assert_cmpuint (review->strengths->len, >, 0);
    }
}

static void
test_bundled_issues (void)
{
  g_autoptr(SbScenario) one = load_design ("one-server");
  g_autoptr(SbScenario) distributed = load_design ("distributed");
  g_autoptr(SbScenario) secured = load_design ("secured-monitored");
  g_autoptr(SbScenario) scale = load_design ("scale-up");
  g_autoptr(SbReview) r1 = sb_review_new (one);
  g_autoptr(SbReview) r2 = sb_review_new (distributed);
  g_autoptr(SbReview) r3 = sb_review_new (secured);
  g_autoptr(SbReview) r4 = sb_review_new (scale);

  assert_issue (r1, SB_ISSUE_NO_HTTPS, "server-1");
  assert_issue (r2, SB_ISSUE_NO_HTTPS, "lb");
  assert_issue (r2, SB_ISSUE_NO_FIREWALL, "server-1,server-2,lb");
  assert_issue (r2, SB_ISSUE_NO_MONITORING, "server-1,server-2,lb");
  /* Step 3 fixes all three. */
  g_assert_cmpuint (r3->issues->len, ==, 0);
  /* Step 4 keeps HTTPS but leaves the firewalls and agents out. */
  assert_issue (r4, SB_ISSUE_NO_HTTPS, NULL);
  assert_issue (r4, SB_ISSUE_NO_FIREWALL, "lb-server-1,lb-server-2,web-server-1,web-server-2,"
                                          "app-server-1,app-server-2,db-server-1,db-server-2");
  g_assert_nonnull (r4->health_text);
  g_assert_nonnull (r4->cluster_text);
  g_assert_null (r2->cluster_text);
  g_assert_false (r1->has_balancer);
  g_assert_null (r1->health_text);
}

static void
test_explain (void)
{
  g_autoptr(SbScenario) scenario = load_design ("distributed");
  g_autoptr(SbExplanation) lb = sb_review_explain_element (scenario, "lb");
  g_autoptr(SbExplanation) replica = sb_review_explain_element (scenario, "db-2");
  g_autoptr(SbExplanation) server = sb_review_explain_element (scenario, "server-1");
  g_autoptr(SbExplanation) code = sb_review_explain_element (scenario, "code-2");
  g_autoptr(SbExplanation) user = sb_review_explain_element (scenario, "user");

  g_assert_null (sb_review_explain_element (scenario, "nowhere"));
  g_assert_null (sb_review_explain_element (scenario, NULL));
  g_assert_true (lb->stops_reads && lb->stops_writes);
  g_assert_nonnull (strstr (lb->loss, "HAProxy is the only way in"));
  g_assert_nonnull (strstr (lb->what, "Server 1 and Server 2"));
  g_assert_nonnull (strstr (lb->what, "round robin"));
  g_assert_false (replica->stops_reads || replica->stops_writes);
  g_assert_nonnull (strstr (replica->what, "0.5 s behind"));
  g_assert_true (server->is_host);
  g_assert_false (server->stops_reads);
  g_assert_true (server->stops_writes);
  g_assert_nonnull (strstr (server->what, "MySQL (the primary)"));
  /* The health check cannot see missing files. */
  g_assert_nonnull (strstr (code->loss, "does not notice"));
  g_assert_false (user->stops_reads);
  g_assert_cmpstr (code->host, ==, "server-2");
  g_assert_cmpstr (code->name, ==, "Application files (Server 2)");

  /* The explanation follows the design, not a text kept with it. */
  scenario->balancer.algorithm = SB_ALGORITHM_LEASTCONN;
  {
    g_autoptr(SbExplanation) changed = sb_review_explain_element (scenario, "lb");

    g_assert_nonnull (strstr (changed->what, "least connections"));
  }
}

static void
test_active_passive (void)
{
  g_autoptr(SbScenario) scenario = load_design ("distributed");
  g_autoptr(SbReview) review = NULL;
  const SbReviewSpof *code = NULL;

  scenario->balancer.mode = SB_MODE_ACTIVE_PASSIVE;
  review = sb_review_new (scenario);
  g_assert_nonnull (strstr (review->mode_text, "only Server 1"));
  g_assert_nonnull (strstr (review->mode_text, "(Server 2)"));
  for (guint i = 0; i < review->spof_reads->len; i++)
    if (g_str_equal (((SbReviewSpof *) g_ptr_array_index (review->spof_reads, i))->id, "code-1"))
      code = g_ptr_array_index (review->spof_reads, i);
  g_assert_nonnull (code);
  g_assert_nonnull (strstr (code->why, "active server"));
}

static void
test_markdown (void)
{
  g_autoptr(SbScenario) scenario = load_design ("three-web-db-hosts");
  g_autoptr(SbReview) review = sb_review_new (scenario);
  g_autofree char *md = sb_review_to_markdown (review);

  g_assert_true (g_str_has_prefix (md, "# Review: Three web servers, databases on their own machines\n"));
  g_assert_true (g_str_has_suffix (md, "\n"));
  g_assert_false (g_str_has_suffix (md, "\n\n"));
  g_assert_nonnull (strstr (md, "\n## Single points of failure\n"));
  g_assert_nonnull (strstr (md, "\n### Nginx (Web 2) · Web server (`web-2`)\n"));
  g_assert_nonnull (strstr (md, "- **HAProxy (LB machine)** (`lb`): HAProxy is the only way in"));
  g_assert_nonnull (strstr (md, "\n## What this design does well\n"));
}

static void
test_json (void)
{
  g_autoptr(SbScenario) scenario = load_design ("three-web-db-hosts");
  g_autoptr(SbReview) review = sb_review_new (scenario);
  g_autofree char *text = sb_review_to_json (review);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *spof;
  JsonArray *reads, *issues;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  spof = json_object_get_object_member (root, "spof");
  reads = json_object_get_array_member (spof, "reads");
  g_assert_cmpuint (json_array_get_length (reads), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reads, 1), "id"), ==, "lb");
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (reads, 1), "why"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (spof, "writes")), ==, 5);
  issues = json_object_get_array_member (root, "issues");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (issues, 0), "kind"), ==, "no-https");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (issues, 1), "kind"), ==, "no-firewall");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (issues, 1), "hosts")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "elements")), ==,
                    scenario->components->len + scenario->hosts->len);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "balancer"), "algorithm"), ==, "roundrobin");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (root, "databases"), "items")), ==, 2);
}

/* A design that serves nothing yet has no single point of failure to
 * list, and the review says why instead of "none". */
static void
test_serves_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "minimal.json", NULL);
  g_autoptr(SbScenario) scenario = sb_scenario_load_from_file (path, &error);
  g_autoptr(SbReview) review = NULL;
  g_autofree char *md = NULL;

  g_assert_no_error (error);
  review = sb_review_new (scenario);
  md = sb_review_to_markdown (review);
  g_assert_false (review->reads_served);
  g_assert_cmpuint (review->spof_reads->len, ==, 0);
  g_assert_null (strstr (md, "None: no single element stops every read."));
  g_assert_nonnull (strstr (md, "even with every element up, no read can succeed"));
  g_assert_nonnull (strstr (md, "neither a load balancer nor a web server"));
  g_assert_cmpuint (review->strengths->len, ==, 0);
}

static void
test_known_issues_text (void)
{
  g_autoptr(SbScenario) scenario = load_design ("distributed");
  g_autoptr(SbReview) review = sb_review_new (scenario);
  g_autofree char *text = sb_review_known_issues_text (review);

  g_autoptr(SbReview) brief = sb_review_new_brief (scenario);
  g_autofree char *brief_text = sb_review_known_issues_text (brief);

  /* The brief review, the panel's, says the same. */
  g_assert_cmpstr (brief_text, ==, text);
  g_assert_cmpuint (brief->elements->len, ==, 0);
  /* Names them instead of pointing at a menu. */
  g_assert_null (strstr (text, "Show Single Points of Failure"));
  g_assert_nonnull (strstr (text, "Single points of failure for reads: Load balancer (HAProxy)."));
  g_assert_nonnull (strstr (text, "writes: MySQL (Server 1), Load balancer (HAProxy) and Server 1."));
  g_assert_nonnull (strstr (text, "No firewall on Server 1, Server 2 and Load balancer (HAProxy)"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/review/databases-apart", test_databases_apart);
  g_test_add_func ("/review/https-and-agents", test_https_and_agents);
  g_test_add_func ("/review/bundled", test_bundled);
  g_test_add_func ("/review/bundled-issues", test_bundled_issues);
  g_test_add_func ("/review/explain", test_explain);
  g_test_add_func ("/review/active-passive", test_active_passive);
  g_test_add_func ("/review/markdown", test_markdown);
  g_test_add_func ("/review/json", test_json);
  g_test_add_func ("/review/known-issues-text", test_known_issues_text);
  g_test_add_func ("/review/serves-nothing", test_serves_nothing);
  return g_test_run ();
}
