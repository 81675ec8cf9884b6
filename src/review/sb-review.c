/* sb-review.c — the review of a design: load balancer, databases, analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each text is put together from what the scenario says (the backends,
 * the algorithm, who reads which database) and what the simulation's
 * rules conclude (sb_spof_*), so it stays true for any design.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-review-private.h"
#include "sim/sb-balancer.h"
#include "sim/sb-spof.h"

/* --- Shared helpers ------------------------------------------------------ */

void
sb_review_context_init (SbReviewContext  *ctx,
                        const SbScenario *scenario)
{
  ctx->scenario = scenario;
  sb_topology_init (&ctx->topo, scenario);
  sb_spof_analyse (scenario, &ctx->spof_reads, &ctx->spof_writes);
}

void
sb_review_context_clear (SbReviewContext *ctx)
{
  sb_topology_clear (&ctx->topo);
  g_clear_pointer (&ctx->spof_reads, g_ptr_array_unref);
  g_clear_pointer (&ctx->spof_writes, g_ptr_array_unref);
}

const char *
sb_review_label (const SbReviewContext *ctx,
                 const char            *id)
{
  const SbComponent *comp = sb_scenario_find_component (ctx->scenario, id);
  const SbHost *host = comp ? NULL : sb_scenario_find_host (ctx->scenario, id);
  const char *label = comp ? comp->label : host ? host->label : NULL;

  return label ? g_dgettext (GETTEXT_PACKAGE, label) : id;
}

const char *
sb_review_host_of (const SbReviewContext *ctx,
                   const char            *id)
{
  const SbComponent *comp = sb_scenario_find_component (ctx->scenario, id);

  return comp ? comp->host : NULL;
}

char *
sb_review_name (const SbReviewContext *ctx,
                const char            *id)
{
  const char *host = sb_review_host_of (ctx, id);

  if (host == NULL)
    return g_strdup (sb_review_label (ctx, id));
  /* Translators: a program and the machine it runs on, e.g. "Nginx (Server 1)". */
  return g_strdup_printf (_("%s (%s)"), sb_review_label (ctx, id), sb_review_label (ctx, host));
}

char *
sb_review_name_at (const SbReviewContext *ctx,
                   int                    element)
{
  g_assert (element >= 0 && (guint) element < ctx->topo.n_elements);
  return sb_review_name (ctx, ctx->topo.elements[element].id);
}

char *
sb_review_join (const char * const *items,
                gssize              n)
{
  g_autoptr(GString) head = g_string_new (NULL);
  guint count = 0;

  if (n < 0)
    n = items ? g_strv_length ((char **) items) : 0;
  if (n == 0)
    return g_strdup ("");
  if (n == 1)
    return g_strdup (items[0]);
  for (gssize i = 0; i + 1 < n; i++)
    {
      if (count++ > 0)
        g_string_append (head, ", ");
      g_string_append (head, items[i]);
    }
  /* Translators: the end of a list, "A, B and C". */
  return g_strdup_printf (_("%s and %s"), head->str, items[n - 1]);
}

char *
sb_review_join_elements (const SbReviewContext *ctx,
                         const int             *elements,
                         guint                  n)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, sb_review_name_at (ctx, elements[i]));
  return sb_review_join ((const char * const *) names->pdata, names->len);
}

const char *
sb_review_kind_name (SbKind kind)
{
  switch (kind)
    {
    case SB_KIND_CLIENT:
      return _("Client (web browser)");
    case SB_KIND_DNS:
      return _("DNS server");
    case SB_KIND_LOAD_BALANCER:
      return _("Load balancer");
    case SB_KIND_WEB_SERVER:
      return _("Web server");
    case SB_KIND_APP_SERVER:
      return _("Application server");
    case SB_KIND_CODE:
      return _("Application files (code base)");
    case SB_KIND_FIREWALL:
      return _("Firewall");
    case SB_KIND_MONITORING_AGENT:
      return _("Monitoring agent");
    case SB_KIND_MONITORING:
      return _("Monitoring service");
    case SB_KIND_DATABASE:
    case SB_KIND_N:
    default:
      return _("Database");
    }
}

static gboolean
contains (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; ids && i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return TRUE;
  return FALSE;
}

gboolean
sb_review_is_spof (const SbReviewContext *ctx,
                   const char            *id,
                   SbRequestType          type)
{
  return contains (type == SB_REQUEST_READ ? ctx->spof_reads : ctx->spof_writes, id);
}

gboolean
sb_review_survives (const SbReviewContext *ctx,
                    const char            *id,
                    SbRequestType          type)
{
  const char * const down[] = { id, NULL };

  return sb_spof_can_succeed (ctx->scenario, down, type);
}

double
sb_review_detection_time (const SbScenario *scenario)
{
  return scenario->balancer.fall * scenario->balancer.interval;
}

GPtrArray *
sb_review_machines (const SbReviewContext *ctx)
{
  GPtrArray *machines = g_ptr_array_new ();
  const SbScenario *s = ctx->scenario;

  for (guint i = 0; i < s->hosts->len; i++)
    g_ptr_array_add (machines, ((SbHost *) g_ptr_array_index (s->hosts, i))->id);
  for (guint i = 0; i < s->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (s->components, i);

      if (c->kind == SB_KIND_LOAD_BALANCER && c->host == NULL && !c->managed)
        g_ptr_array_add (machines, c->id);
    }
  return machines;
}

/* --- The load balancer --------------------------------------------------- */

static char *
backend_names (const SbReviewContext *ctx,
               guint                  from,
               guint                  to)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint k = from; k < to && k < ctx->topo.n_backends; k++)
    g_ptr_array_add (names, (gpointer) sb_review_label (ctx, ctx->topo.elements[ctx->topo.backends[k].host].id));
  return sb_review_join ((const char * const *) names->pdata, names->len);
}

/* Where the source hash sends each visitor address, all servers up. */
static char *
source_spread (const SbReviewContext *ctx)
{
  const SbScenario *s = ctx->scenario;
  guint n = ctx->topo.n_backends;
  SbLbServer servers[SB_SCENARIO_MAX_HOSTS] = { { 0 } };
  guint counts[SB_SCENARIO_MAX_HOSTS] = { 0 };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint k = 0; k < n; k++)
    {
      servers[k].up = TRUE;
      servers[k].backup = s->balancer.mode == SB_MODE_ACTIVE_PASSIVE && k > 0;
    }
  for (int c = 0; c < s->traffic.clients; c++)
    {
      int k = sb_balancer_choose (servers, n, SB_ALGORITHM_SOURCE, NULL,
                                  ctx->topo.client_address + (guint32) c, -1);

      if (k >= 0)
        counts[k]++;
    }
  for (guint k = 0; k < n; k++)
    /* Translators: a server and how many visitor addresses it gets, e.g. "Server 1: 6". */
    g_ptr_array_add (parts, g_strdup_printf (_("%s: %u"),
                                             sb_review_label (ctx, ctx->topo.elements[ctx->topo.backends[k].host].id),
                                             counts[k]));
  return sb_review_join ((const char * const *) parts->pdata, parts->len);
}

static char *
algorithm_text (const SbReviewContext *ctx)
{
  const SbScenario *s = ctx->scenario;
  guint n = ctx->topo.n_backends;
  g_autofree char *all = backend_names (ctx, 0, n);
  g_autofree char *spread = NULL;
  g_autofree char *text = NULL;

  switch (s->balancer.algorithm)
    {
    case SB_ALGORITHM_LEASTCONN:
      text = g_strdup_printf (_("Least connections (leastconn): HAProxy sends each new request to the "
                                "server with the fewest requests in progress among %s, the first in "
                                "the list on a tie. Equal servers under a light load share the "
                                "requests much as with round robin; a server that slows down and "
                                "piles up requests gets fewer new ones."), all);
      break;
    case SB_ALGORITHM_SOURCE:
      spread = source_spread (ctx);
      text = g_strdup_printf (_("Source: HAProxy computes the server from the visitor's IP address "
                                "(the address modulo the number of servers up), so a visitor always "
                                "reaches the same server, and a session kept in that server's memory "
                                "keeps working. The %d visitor addresses of this scenario go to %s. "
                                "When a server goes down, its visitors are spread over the others."),
                              s->traffic.clients, spread);
      break;
    case SB_ALGORITHM_ROUNDROBIN:
    default:
      if (n == 1)
        text = g_strdup_printf (_("Round robin: HAProxy sends each new request to the next server in "
                                  "the list; with one server, %s gets them all."), all);
      else
        text = g_strdup_printf (_("Round robin: HAProxy sends each new request to the next server in "
                                  "the list, %s, then starts again, so each server gets one "
                                  "request in %u."), all, n);
      break;
    }
  if (s->balancer.mode == SB_MODE_ACTIVE_PASSIVE && n > 1)
    {
      g_autofree char *active = backend_names (ctx, 0, 1);
      g_autofree char *more = g_strdup_printf (_("In active-passive mode it only chooses among the "
                                                 "active servers: here %s alone."), active);

      return g_strconcat (text, " ", more, NULL);
    }
  return g_steal_pointer (&text);
}

static char *
mode_text (const SbReviewContext *ctx)
{
  const SbScenario *s = ctx->scenario;
  guint n = ctx->topo.n_backends;
  g_autofree char *all = backend_names (ctx, 0, n);
  g_autofree char *active = backend_names (ctx, 0, 1);
  g_autofree char *backups = backend_names (ctx, 1, n);

  if (n <= 1)
    return g_strdup_printf (_("With one server behind the load balancer the mode changes nothing: "
                              "%s takes every request, and nothing takes over when it fails."), all);
  if (s->balancer.mode == SB_MODE_ACTIVE_ACTIVE)
    return g_strdup_printf (_("Active-active: every server (%s) takes requests at the same time. "
                              "Their capacity adds up, and when one fails the load balancer leaves "
                              "it out and the others take its share."), all);
  return g_strdup_printf (_("Active-passive: only %s, the active server, takes requests. The backup "
                            "servers (%s) stay idle until the active one is marked down, after %d "
                            "failed checks (about %g s); then the first backup takes everything. "
                            "Their capacity is wasted in normal times, but it is known to be free "
                            "when it is needed."), active, backups, s->balancer.fall,
                          sb_review_detection_time (s));
}

static char *
health_text (const SbReviewContext *ctx)
{
  const SbBalancer *b = &ctx->scenario->balancer;
  const char *check = b->check == SB_CHECK_HTTP
                      ? _("an HTTP request, which succeeds only when Nginx and the application "
                          "server both answer")
                      : _("a TCP connection to Nginx, which does not notice a stopped application "
                          "server");
  const char *retry = b->redispatch
                      ? _("A request sent to a server that turns out to be down is tried once more "
                          "on another one (redispatch).")
                      : _("Without redispatch, a request sent to a server that died before the "
                          "checks noticed fails.");

  return g_strdup_printf (_("Every %g s HAProxy checks each server with %s. A server is marked down "
                            "after %d failed checks in a row (about %g s after it fails) and up "
                            "again after %d good ones. %s"),
                          b->interval, check, b->fall, sb_review_detection_time (ctx->scenario),
                          b->rise, retry);
}

static char *
cluster_text (const SbReviewContext *ctx)
{
  const SbScenario *s = ctx->scenario;
  g_autofree char *holder = NULL;
  g_autofree char *standby = NULL;

  if (ctx->topo.n_lbs < 2 || s->balancer.virtual_ip == NULL)
    return NULL;
  holder = sb_review_name_at (ctx, ctx->topo.lbs[0]);
  standby = sb_review_join_elements (ctx, ctx->topo.lbs + 1, ctx->topo.n_lbs - 1);
  return g_strdup_printf (_("The load balancers themselves are an active-passive pair, with keepalived "
                            "(VRRP): %s holds the virtual IP %s, the address the DNS gives out, and "
                            "%s takes it over about %.1f s after the holder stops sending its "
                            "heartbeats. Visitors only notice a short gap."),
                          holder, s->balancer.virtual_ip, standby,
                          (double) SB_SIM_VRRP_DETECTION / SB_SIM_USEC_PER_SEC);
}

static void
review_balancer (SbReview              *review,
                 const SbReviewContext *ctx)
{
  g_autoptr(GStrvBuilder) backends = g_strv_builder_new ();
  const SbScenario *s = ctx->scenario;

  for (guint k = 0; k < ctx->topo.n_backends; k++)
    if (ctx->topo.backends[k].host >= 0)
      g_strv_builder_add (backends, ctx->topo.elements[ctx->topo.backends[k].host].id);
  review->backends = g_strv_builder_end (backends);
  review->has_balancer = ctx->topo.lb >= 0;
  review->algorithm = s->balancer.algorithm;
  review->mode = s->balancer.mode;
  if (!review->has_balancer)
    {
      g_autofree char *server = ctx->topo.n_backends > 0 ? backend_names (ctx, 0, 1) : NULL;

      review->algorithm_text = server
                               ? g_strdup_printf (_("There is no load balancer: the DNS gives out "
                                                    "the address of %s, and every visitor goes "
                                                    "straight to it. With nothing to choose between, "
                                                    "there is no algorithm."), server)
                               : g_strdup (_("There is no load balancer, and no web server either: "
                                             "nothing answers the visitors yet."));
      review->mode_text = g_strdup (_("No mode either: with a single server there is no "
                                      "active-active or active-passive, and nothing takes over "
                                      "when it fails."));
      return;
    }
  review->algorithm_text = algorithm_text (ctx);
  review->mode_text = mode_text (ctx);
  review->health_text = health_text (ctx);
  review->cluster_text = cluster_text (ctx);
}

/* --- The databases ------------------------------------------------------- */

static int
primary_of (const SbReviewContext *ctx)
{
  for (guint i = 0; i < ctx->topo.n_databases; i++)
    if (ctx->topo.elements[ctx->topo.databases[i]].role == SB_DB_ROLE_PRIMARY)
      return ctx->topo.databases[i];
  return -1;
}

static GStrv
apps_where (const SbReviewContext *ctx,
            int                    db,
            gboolean               writes)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; i < ctx->topo.n_components; i++)
    if (ctx->topo.elements[i].kind == SB_KIND_APP_SERVER
        && (writes ? db == primary_of (ctx) : ctx->topo.db_of[i] == db))
      g_strv_builder_add (ids, ctx->topo.elements[i].id);
  return g_strv_builder_end (ids);
}

static void
database_free (SbReviewDatabase *db)
{
  g_free (db->id);
  g_free (db->label);
  g_free (db->name);
  g_free (db->host);
  g_strfreev (db->readers);
  g_strfreev (db->writers);
  g_free (db->text);
  g_free (db);
}

static char *
replication_text (const SbReviewContext *ctx)
{
  int primary = primary_of (ctx);
  g_autofree char *primary_name = primary >= 0 ? sb_review_name_at (ctx, primary) : NULL;
  g_autoptr(GArray) replicas = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *replica_names = NULL;

  if (ctx->topo.n_databases == 0)
    return g_strdup (_("This design has no database."));
  for (guint i = 0; i < ctx->topo.n_databases; i++)
    if (ctx->topo.databases[i] != primary)
      g_array_append_val (replicas, ctx->topo.databases[i]);
  if (replicas->len == 0)
    return g_strdup_printf (_("%s holds the only copy of the data and takes every read and every "
                              "write. There is no replication: if it or its machine stops, every "
                              "page that needs data fails, and if its disk is lost the data is "
                              "gone, short of a backup."), primary_name ? primary_name : "");
  replica_names = sb_review_join_elements (ctx, (int *) (void *) replicas->data, replicas->len);
  return g_strdup_printf (_("Writes go to the primary only, %s; reads go to the nearest database "
                            "that is up, the one on the application server's machine first. "
                            "Replication is asynchronous: the primary commits a write, answers, "
                            "then sends it to the replicas (%s), and each applies it about %g s "
                            "later (the replication lag). A read a replica serves within that time can return the old "
                            "data: a visitor who has just saved something may not see it yet. If "
                            "the primary stops, writes fail until a replica is promoted, and the "
                            "writes it had not sent yet are lost."),
                          primary_name ? primary_name : "?", replica_names, ctx->scenario->lag);
}

static void
review_databases (SbReview              *review,
                  const SbReviewContext *ctx)
{
  review->databases = g_ptr_array_new_with_free_func ((GDestroyNotify) database_free);
  for (guint i = 0; i < ctx->topo.n_databases; i++)
    {
      int e = ctx->topo.databases[i];
      const SbComponent *c = g_ptr_array_index (ctx->scenario->components, e);
      SbReviewDatabase *db = g_new0 (SbReviewDatabase, 1);

      db->id = g_strdup (c->id);
      db->label = g_strdup (sb_review_label (ctx, c->id));
      db->name = sb_review_name (ctx, c->id);
      db->role = c->role;
      db->host = g_strdup (c->host);
      db->readers = apps_where (ctx, e, FALSE);
      db->writers = apps_where (ctx, e, TRUE);
      db->text = sb_review_database_text (ctx, e);
      g_ptr_array_add (review->databases, db);
    }
  review->lag = ctx->scenario->lag;
  review->replication_text = replication_text (ctx);
}

/* --- Single points of failure -------------------------------------------- */

static void
spof_free (SbReviewSpof *spof)
{
  g_free (spof->id);
  g_free (spof->label);
  g_free (spof->why);
  g_free (spof);
}

static GPtrArray *
review_spofs (const SbReviewContext *ctx,
              GPtrArray             *ids,
              SbRequestType          type)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) spof_free);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      SbReviewSpof *spof = g_new0 (SbReviewSpof, 1);

      spof->id = g_strdup (id);
      spof->label = sb_review_name (ctx, id);
      spof->why = sb_review_spof_reason (ctx, id, type);
      g_ptr_array_add (list, spof);
    }
  return list;
}

/* --- The review ---------------------------------------------------------- */

static GPtrArray *
review_elements (const SbReviewContext *ctx)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_explanation_free);

  for (guint i = 0; i < ctx->topo.n_elements; i++)
    g_ptr_array_add (list, sb_review_explain (ctx, ctx->topo.elements[i].id));
  return list;
}

static SbReview *
review_new (const SbScenario *scenario,
            gboolean          full)
{
  SbReviewContext ctx;
  SbReview *review;

  g_return_val_if_fail (scenario != NULL, NULL);
  sb_review_context_init (&ctx, scenario);
  review = g_new0 (SbReview, 1);
  review->name = g_strdup (scenario->name);
  review->title = g_strdup (scenario->title ? g_dgettext (GETTEXT_PACKAGE, scenario->title) : "");
  if (full)
    {
      review->elements = review_elements (&ctx);
      review_balancer (review, &ctx);
      review_databases (review, &ctx);
    }
  else
    {
      review->elements = g_ptr_array_new ();
      review->databases = g_ptr_array_new ();
    }
  review->reads_served = sb_review_survives (&ctx, NULL, SB_REQUEST_READ);
  review->writes_served = sb_review_survives (&ctx, NULL, SB_REQUEST_WRITE);
  review->spof_reads = review_spofs (&ctx, ctx.spof_reads, SB_REQUEST_READ);
  review->spof_writes = review_spofs (&ctx, ctx.spof_writes, SB_REQUEST_WRITE);
  review->issues = sb_review_find_issues (&ctx);
  review->strengths = full ? sb_review_find_strengths (&ctx, review)
                          : g_ptr_array_new_with_free_func (g_free);
  sb_review_context_clear (&ctx);
  return review;
}

SbReview *
sb_review_new (const SbScenario *scenario)
{
  return review_new (scenario, TRUE);
}

SbReview *
sb_review_new_brief (const SbScenario *scenario)
{
  return review_new (scenario, FALSE);
}

void
sb_review_free (SbReview *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->title);
  g_clear_pointer (&self->elements, g_ptr_array_unref);
  g_strfreev (self->backends);
  g_free (self->algorithm_text);
  g_free (self->mode_text);
  g_free (self->health_text);
  g_free (self->cluster_text);
  g_clear_pointer (&self->databases, g_ptr_array_unref);
  g_free (self->replication_text);
  g_clear_pointer (&self->spof_reads, g_ptr_array_unref);
  g_clear_pointer (&self->spof_writes, g_ptr_array_unref);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->strengths, g_ptr_array_unref);
  g_free (self);
}

SbExplanation *
sb_review_explain_element (const SbScenario *scenario,
                           const char       *id)
{
  SbReviewContext ctx;
  SbExplanation *explanation = NULL;

  g_return_val_if_fail (scenario != NULL, NULL);
  if (id == NULL || (sb_scenario_find_component (scenario, id) == NULL
                     && sb_scenario_find_host (scenario, id) == NULL))
    return NULL;
  sb_review_context_init (&ctx, scenario);
  explanation = sb_review_explain (&ctx, id);
  sb_review_context_clear (&ctx);
  return explanation;
}

void
sb_explanation_free (SbExplanation *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->label);
  g_free (self->name);
  g_free (self->kind);
  g_free (self->host);
  g_free (self->why);
  g_free (self->what);
  g_free (self->loss);
  g_free (self);
}

const char *
sb_issue_kind_to_string (SbIssueKind kind)
{
  switch (kind)
    {
    case SB_ISSUE_NO_HTTPS:
      return "no-https";
    case SB_ISSUE_NO_FIREWALL:
      return "no-firewall";
    case SB_ISSUE_NO_MONITORING:
    default:
      return "no-monitoring";
    }
}
