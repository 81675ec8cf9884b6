/* sb-review-explain.c — one element: why it is there, what it does here,
 * what its loss breaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Why" depends on the kind (and a little on the design: a primary with
 * replicas or alone); "what" follows the routing the simulation uses
 * (sim/sb-topology.h: backends, upstreams, who reads which database);
 * "loss" asks the same rules as the single-point-of-failure analysis.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-review-private.h"

#define METRICS_SILENCE_S ((double) SB_SIM_METRICS_SILENCE * SB_SIM_METRICS_INTERVAL / SB_SIM_USEC_PER_SEC)

/* --- Look-ups ------------------------------------------------------------- */

static const SbTopoElement *
element (const SbReviewContext *ctx,
         int                    e)
{
  return &ctx->topo.elements[e];
}

static int
first_on_host (const SbReviewContext *ctx,
               SbKind                 kind,
               int                    host)
{
  for (guint i = 0; i < ctx->topo.n_components; i++)
    if (element (ctx, i)->kind == kind && element (ctx, i)->host == host)
      return (int) i;
  return -1;
}

static int
primary_db (const SbReviewContext *ctx)
{
  for (guint i = 0; i < ctx->topo.n_databases; i++)
    if (element (ctx, ctx->topo.databases[i])->role == SB_DB_ROLE_PRIMARY)
      return ctx->topo.databases[i];
  return -1;
}

/* The backend whose machine is HOST, or -1. */
static int
backend_on (const SbReviewContext *ctx,
            int                    host)
{
  for (guint k = 0; host >= 0 && k < ctx->topo.n_backends; k++)
    if (ctx->topo.backends[k].host == host)
      return (int) k;
  return -1;
}

static char *
name_or (const SbReviewContext *ctx,
         int                    e,
         const char            *fallback)
{
  return e >= 0 ? sb_review_name_at (ctx, e) : g_strdup (fallback);
}

static char *
names_where (const SbReviewContext *ctx,
             gboolean             (*match) (const SbReviewContext *, int, int),
             int                    arg)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < ctx->topo.n_components; i++)
    if (match (ctx, (int) i, arg))
      g_array_append_val (list, i);
  return sb_review_join_elements (ctx, (int *) (void *) list->data, list->len);
}

static gboolean
reads_from (const SbReviewContext *ctx,
            int                    app,
            int                    db)
{
  return element (ctx, app)->kind == SB_KIND_APP_SERVER && ctx->topo.db_of[app] == db;
}

static gboolean
is_kind (const SbReviewContext *ctx,
         int                    e,
         int                    kind)
{
  return element (ctx, e)->kind == (SbKind) kind;
}

static gboolean
on_host (const SbReviewContext *ctx,
         int                    e,
         int                    host)
{
  return element (ctx, e)->host == host;
}

static gboolean
replica_of_primary (const SbReviewContext *ctx,
                    int                    e,
                    int                    primary)
{
  return element (ctx, e)->kind == SB_KIND_DATABASE && e != primary;
}

/* --- Why ------------------------------------------------------------------ */

static char *
why_text (const SbReviewContext *ctx,
          int                    e)
{
  const SbTopoElement *el = element (ctx, e);
  const SbScenario *s = ctx->scenario;

  if (el->is_host)
    return g_strdup (_("A machine: the programs on it share its fate, and if it stops they all stop."));
  switch (el->kind)
    {
    case SB_KIND_CLIENT:
      return g_strdup (_("It stands for the visitors: every request starts in a browser like this one."));
    case SB_KIND_DNS:
      return g_strdup_printf (_("Browsers know the name %s, not an address: the DNS turns the name "
                                "into the address to connect to."), s->dns_name ? s->dns_name : "");
    case SB_KIND_LOAD_BALANCER:
      return g_strdup (_("With more than one server, something must choose which one answers each "
                         "request and stop sending requests to one that fails: HAProxy does, as the "
                         "site's public entry point."));
    case SB_KIND_WEB_SERVER:
      return g_strdup (_("Nginx accepts the visitors' HTTP connections, answers the static files "
                         "itself and passes the dynamic requests on to the application server."));
    case SB_KIND_APP_SERVER:
      return g_strdup (_("It runs the application's code to build each dynamic page, reading and "
                         "writing the data in the database."));
    case SB_KIND_CODE:
      return g_strdup (_("The application itself: the files the application server runs. Every "
                         "server that builds pages needs the same version of them."));
    case SB_KIND_DATABASE:
      if (el->role == SB_DB_ROLE_REPLICA)
        return g_strdup (_("A copy of the primary that serves reads: the reads are shared out, and "
                           "the data survives the loss of the primary's machine."));
      return g_strdup (ctx->topo.n_databases > 1
                       ? _("MySQL keeps the site's data. As the primary it is the one copy that "
                           "accepts writes, and it sends each change to the replicas.")
                       : _("MySQL keeps the site's data: the only copy of it."));
    case SB_KIND_FIREWALL:
      return g_strdup_printf (_("A machine should only receive the traffic it needs: the firewall "
                                "drops everything else that tries to enter %s."),
                              sb_review_label (ctx, element (ctx, el->host)->id));
    case SB_KIND_MONITORING_AGENT:
      return g_strdup_printf (_("Someone must learn that a program or a machine stopped before the "
                                "visitors do: the agent reports on %s every second."),
                              sb_review_label (ctx, element (ctx, el->host)->id));
    case SB_KIND_MONITORING:
    case SB_KIND_N:
    default:
      return g_strdup (_("It collects the agents' reports from outside the site and raises an alert "
                         "as soon as something stops or goes silent."));
    }
}

/* --- What ----------------------------------------------------------------- */

static const char *
algorithm_name (SbAlgorithm algorithm)
{
  switch (algorithm)
    {
    case SB_ALGORITHM_LEASTCONN:
      return _("least connections");
    case SB_ALGORITHM_SOURCE:
      return _("a hash of the visitor's address (source)");
    case SB_ALGORITHM_ROUNDROBIN:
    default:
      return _("round robin");
    }
}

/* The element the visitors' requests go to first: a load balancer, or the
 * one web server. */
static int
entry_point (const SbReviewContext *ctx)
{
  if (ctx->topo.lb >= 0)
    return ctx->topo.lb;
  return ctx->topo.n_backends > 0 ? ctx->topo.backends[0].web : -1;
}

static char *
what_client (const SbReviewContext *ctx)
{
  const SbScenario *s = ctx->scenario;
  int e = entry_point (ctx);
  g_autofree char *entry = name_or (ctx, e, "");
  g_autofree char *traffic = g_strdup_printf (_("The scenario has %d visitor addresses; together they "
                                                "send %g per second, %.0f%% of them reads."),
                                              s->traffic.clients, s->traffic.rate,
                                              s->traffic.read_ratio * 100);
  g_autofree char *route = NULL;

  if (e < 0)
    route = g_strdup (_("Nothing in this design answers it: there is neither a load balancer nor a "
                        "web server."));
  else if (ctx->topo.dns >= 0)
    route = g_strdup_printf (_("It asks the DNS for %s, then sends its requests to %s."),
                             s->dns_name ? s->dns_name : "", entry);
  else
    route = g_strdup_printf (_("It sends its requests to %s."), entry);
  return g_strconcat (route, " ", traffic, NULL);
}

static char *
what_dns (const SbReviewContext *ctx,
          int                    e)
{
  const SbScenario *s = ctx->scenario;
  const char *address = sb_scenario_public_address (s);
  const char *meaning = s->balancer.virtual_ip && ctx->topo.lb >= 0
                        ? _("the virtual IP the load balancers share")
                        : ctx->topo.lb >= 0 ? _("the load balancer's address") : _("the server's address");
  g_autofree char *text = g_strdup_printf (_("It answers %s with %s, %s, and browsers keep the answer "
                                             "for %g s (the TTL)."), s->dns_name ? s->dns_name : "",
                                           address ? address : "?", meaning, s->ttl);

  if (!element (ctx, e)->managed)
    return g_steal_pointer (&text);
  return g_strconcat (text, " ", _("It is a managed service: its provider runs it on many machines, "
                                   "so the analysis leaves it out of the single points of failure."),
                      NULL);
}

static char *
what_balancer (const SbReviewContext *ctx,
               int                    e)
{
  const SbScenario *s = ctx->scenario;
  g_autofree char *backends = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint k = 0; k < ctx->topo.n_backends; k++)
    g_ptr_array_add (names, (gpointer) sb_review_label (ctx, element (ctx, ctx->topo.backends[k].host)->id));
  backends = sb_review_join ((const char * const *) names->pdata, names->len);
  g_string_printf (text, _("It receives every request and sends it to one of %s, chosen by %s; it "
                           "checks each of them every %g s and stops sending to one that fails."),
                   backends, algorithm_name (s->balancer.algorithm), s->balancer.interval);
  if (s->balancer.virtual_ip && ctx->topo.n_lbs > 1)
    {
      g_string_append_c (text, ' ');
      if (e == ctx->topo.lbs[0])
        g_string_append_printf (text, _("It holds the virtual IP %s while it is up."), s->balancer.virtual_ip);
      else
        {
          g_autofree char *holder = sb_review_name_at (ctx, ctx->topo.lbs[0]);

          g_string_append_printf (text, _("It stands by and takes the virtual IP %s over if %s stops."),
                                  s->balancer.virtual_ip, holder);
        }
    }
  if (s->balancer.https)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("It holds the certificate for %s and decrypts HTTPS; the "
                                      "servers behind it get plain HTTP."), s->dns_name ? s->dns_name : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Where a web server passes the dynamic requests. */
static char *
upstream_of (const SbReviewContext *ctx,
             int                    web)
{
  int app = first_on_host (ctx, SB_KIND_APP_SERVER, element (ctx, web)->host);
  g_autofree char *apps = NULL;

  if (app >= 0)
    return sb_review_name_at (ctx, app);
  if (ctx->topo.n_apps == 0)
    return g_strdup (_("no application server"));
  apps = sb_review_join_elements (ctx, ctx->topo.apps, ctx->topo.n_apps);
  /* Translators: Nginx's upstream, e.g. "the application servers A and B, in turn". */
  return g_strdup_printf (_("the application servers %s, in turn"), apps);
}

static char *
what_web (const SbReviewContext *ctx,
          int                    e)
{
  int k = backend_on (ctx, element (ctx, e)->host);
  g_autofree char *upstream = upstream_of (ctx, e);

  if (ctx->topo.lb < 0)
    return g_strdup_printf (_("It receives every request straight from the browsers, the DNS giving "
                              "out its machine's address, and passes the dynamic ones to %s."), upstream);
  if (k < 0)
    return g_strdup (_("No load balancer sends it requests: its machine is not among the backends."));
  return g_strdup_printf (_("It receives the requests the load balancer sends to %s and passes the "
                            "dynamic ones to %s."),
                          sb_review_label (ctx, element (ctx, ctx->topo.backends[k].host)->id), upstream);
}

static char *
what_app (const SbReviewContext *ctx,
          int                    e)
{
  g_autofree char *code = name_or (ctx, ctx->topo.code_of[e],
                                   _("no application files (there are none on its machine)"));
  g_autofree char *reads = name_or (ctx, ctx->topo.db_of[e], _("no database"));
  g_autofree char *writes = name_or (ctx, primary_db (ctx), _("no database"));
  int web = first_on_host (ctx, SB_KIND_WEB_SERVER, element (ctx, e)->host);
  g_autofree char *callers = web >= 0 ? sb_review_name_at (ctx, web)
                                      : names_where (ctx, is_kind, SB_KIND_WEB_SERVER);

  return g_strdup_printf (_("It gets the dynamic requests from %s, runs %s, reads from %s (or, when "
                            "that one is down, the nearest other database up) and writes to %s."),
                          callers, code, reads, writes);
}

static char *
what_code (const SbReviewContext *ctx,
           int                    e)
{
  for (guint i = 0; i < ctx->topo.n_components; i++)
    if (element (ctx, i)->kind == SB_KIND_APP_SERVER && ctx->topo.code_of[i] == e)
      {
        g_autofree char *app = sb_review_name_at (ctx, i);

        return g_strdup_printf (_("%s runs these files; without them it has nothing to run."), app);
      }
  return g_strdup (_("No application server on its machine runs these files."));
}

char *
sb_review_database_text (const SbReviewContext *ctx,
                         int                    db)
{
  int primary = primary_db (ctx);
  g_autofree char *readers = names_where (ctx, reads_from, db);
  g_autofree char *writers = names_where (ctx, is_kind, SB_KIND_APP_SERVER);
  g_autofree char *replicas = names_where (ctx, replica_of_primary, primary);
  g_autofree char *primary_name = name_or (ctx, primary, "?");
  g_autofree char *text = NULL;

  if (db == primary)
    {
      text = readers[0] ? g_strdup_printf (_("It takes the writes of %s and serves the reads of %s."),
                                           writers, readers)
                        : g_strdup_printf (_("It takes the writes of %s."), writers);
      if (replicas[0] == '\0')
        return g_steal_pointer (&text);
      return g_strdup_printf (_("%s It sends every change to %s."), text, replicas);
    }
  if (readers[0] == '\0')
    return g_strdup_printf (_("It copies %s about %g s behind and refuses writes; no application "
                              "server reads from it first, but reads come to it when their own "
                              "database is down."), primary_name, ctx->scenario->lag);
  return g_strdup_printf (_("It copies %s about %g s behind, serves the reads of %s and refuses "
                            "writes."), primary_name, ctx->scenario->lag, readers);
}

/* What a firewall on HOST lets in, following the configuration export's
 * rules (src/config): every program's port from those that use it. */
static char *
firewall_rules (const SbReviewContext *ctx,
                int                    host)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_free);
  const SbScenario *s = ctx->scenario;

  for (guint i = 0; i < ctx->topo.n_components; i++)
    {
      if (element (ctx, i)->host != host)
        continue;
      switch (element (ctx, i)->kind)
        {
        case SB_KIND_LOAD_BALANCER:
          g_ptr_array_add (rules, g_strdup_printf (s->balancer.https ? _("HTTP (%d) and HTTPS (%d) from anyone")
                                                                     : _("HTTP (%d) from anyone"),
                                                   SB_REVIEW_PORT_HTTP, SB_REVIEW_PORT_HTTPS));
          break;
        case SB_KIND_WEB_SERVER:
          g_ptr_array_add (rules, g_strdup_printf (ctx->topo.lb >= 0 ? _("HTTP (%d) from the load balancer")
                                                                     : _("HTTP (%d) from anyone"),
                                                   SB_REVIEW_PORT_HTTP));
          break;
        case SB_KIND_APP_SERVER:
          if (first_on_host (ctx, SB_KIND_WEB_SERVER, host) < 0)
            g_ptr_array_add (rules, g_strdup_printf (_("the application port (%d) from the web servers"),
                                                     SB_REVIEW_PORT_APP));
          break;
        case SB_KIND_DATABASE:
          g_ptr_array_add (rules, g_strdup_printf (_("MySQL (%d) from the application servers of "
                                                     "the other machines"), SB_REVIEW_PORT_MYSQL));
          break;
        default:
          break;
        }
    }
  g_ptr_array_add (rules, g_strdup_printf (_("SSH (%d) from the private network"), SB_REVIEW_PORT_SSH));
  return sb_review_join ((const char * const *) rules->pdata, rules->len);
}

static char *
what_firewall (const SbReviewContext *ctx,
               int                    e)
{
  int host = element (ctx, e)->host;
  g_autofree char *rules = firewall_rules (ctx, host);

  return g_strdup_printf (_("It lets in %s; everything else that tries to enter %s is dropped."),
                          rules, sb_review_label (ctx, element (ctx, host)->id));
}

static char *
what_agent (const SbReviewContext *ctx,
            int                    e)
{
  g_autofree char *service = name_or (ctx, ctx->topo.monitoring, "?");

  return g_strdup_printf (_("It sends the state of %s and of its programs to %s every second; if it "
                            "goes silent for %g s, the service raises a “no data” alert."),
                          sb_review_label (ctx, element (ctx, element (ctx, e)->host)->id), service,
                          METRICS_SILENCE_S);
}

static char *
what_monitoring (const SbReviewContext *ctx)
{
  g_autoptr(GPtrArray) watched = g_ptr_array_new ();
  g_autoptr(GPtrArray) unwatched = g_ptr_array_new ();
  g_autoptr(GPtrArray) machines = sb_review_machines (ctx);
  g_autofree char *yes = NULL;
  g_autofree char *no = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < machines->len; i++)
    {
      int m = sb_topology_find (&ctx->topo, g_ptr_array_index (machines, i));
      const char *label = sb_review_label (ctx, element (ctx, m)->id);

      g_ptr_array_add (first_on_host (ctx, SB_KIND_MONITORING_AGENT, m) >= 0 ? watched : unwatched,
                       (gpointer) label);
    }
  yes = sb_review_join ((const char * const *) watched->pdata, watched->len);
  no = sb_review_join ((const char * const *) unwatched->pdata, unwatched->len);
  text = watched->len > 0
         ? g_strdup_printf (_("It receives the reports of the agents on %s and raises an alert within "
                              "seconds when one reports a program down or stops reporting."), yes)
         : g_strdup (_("No agent reports to it: it sees nothing."));
  if (unwatched->len == 0)
    return g_steal_pointer (&text);
  return g_strdup_printf (_("%s Nothing reports on %s: it would not notice them stop."), text, no);
}

/* A component as a machine's list names it: a database with its role,
 * which its label no longer says ("MySQL (the primary)"). */
static char *
component_name (const SbReviewContext *ctx,
                int                    i)
{
  const char *id = element (ctx, i)->id;
  const SbComponent *comp = sb_scenario_find_component (ctx->scenario, id);
  const char *label = sb_review_label (ctx, id);
  g_autofree char *folded = g_utf8_casefold (label, -1);
  g_autofree char *primary = g_utf8_casefold (C_("database role", "primary"), -1);
  g_autofree char *replica = g_utf8_casefold (C_("database role", "replica"), -1);

  /* A hand-written label may name the role already ("MySQL primary"). */
  if (strstr (folded, primary) != NULL || strstr (folded, replica) != NULL)
    return g_strdup (label);
  if (comp != NULL && comp->role == SB_DB_ROLE_PRIMARY)
    /* Translators: a database on a machine, e.g. "MySQL (the primary)" */
    return g_strdup_printf (_("%s (the primary)"), label);
  if (comp != NULL && comp->role == SB_DB_ROLE_REPLICA)
    /* Translators: a database on a machine, e.g. "MySQL (a replica)" */
    return g_strdup_printf (_("%s (a replica)"), label);
  return g_strdup (label);
}

static char *
what_host (const SbReviewContext *ctx,
           int                    e)
{
  const SbHost *host = sb_scenario_find_host (ctx->scenario, element (ctx, e)->id);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  for (guint i = 0; i < ctx->topo.n_components; i++)
    if (on_host (ctx, i, e))
      g_ptr_array_add (labels, component_name (ctx, i));
  if (labels->len == 0)
    return g_strdup (_("It runs nothing."));
  list = sb_review_join ((const char * const *) labels->pdata, labels->len);
  if (host && host->ip)
    return g_strdup_printf (_("It runs %s, at the address %s."), list, host->ip);
  return g_strdup_printf (_("It runs %s."), list);
}

static char *
what_text (const SbReviewContext *ctx,
           int                    e)
{
  if (element (ctx, e)->is_host)
    return what_host (ctx, e);
  switch (element (ctx, e)->kind)
    {
    case SB_KIND_CLIENT:
      return what_client (ctx);
    case SB_KIND_DNS:
      return what_dns (ctx, e);
    case SB_KIND_LOAD_BALANCER:
      return what_balancer (ctx, e);
    case SB_KIND_WEB_SERVER:
      return what_web (ctx, e);
    case SB_KIND_APP_SERVER:
      return what_app (ctx, e);
    case SB_KIND_CODE:
      return what_code (ctx, e);
    case SB_KIND_DATABASE:
      return sb_review_database_text (ctx, e);
    case SB_KIND_FIREWALL:
      return what_firewall (ctx, e);
    case SB_KIND_MONITORING_AGENT:
      return what_agent (ctx, e);
    case SB_KIND_MONITORING:
    case SB_KIND_N:
    default:
      return what_monitoring (ctx);
    }
}

/* --- Loss ----------------------------------------------------------------- */

/* A program on a backend's machine, or the machine, whose loss the load
 * balancer handles: which words say what happens. */
static char *
loss_on_backend (const SbReviewContext *ctx,
                 int                    e,
                 int                    k)
{
  const SbScenario *s = ctx->scenario;
  const char *server = sb_review_label (ctx, element (ctx, ctx->topo.backends[k].host)->id);
  SbKind kind = element (ctx, e)->kind;
  gboolean unseen = !element (ctx, e)->is_host
                    && (kind == SB_KIND_CODE || (kind == SB_KIND_APP_SERVER && s->balancer.check == SB_CHECK_TCP));

  if (kind == SB_KIND_DATABASE && !element (ctx, e)->is_host)
    return NULL;
  if (unseen)
    return g_strdup_printf (_("The site keeps working on the other servers, but the requests sent to "
                              "%s fail: its health check does not notice this loss, so the load "
                              "balancer keeps sending requests there."), server);
  return g_strdup_printf (_("The site keeps working: the load balancer marks %s down after about %g s "
                            "and sends its requests to the other servers; until then, the requests "
                            "sent to it fail."), server, sb_review_detection_time (s));
}

static char *
loss_survived (const SbReviewContext *ctx,
               int                    e)
{
  const SbTopoElement *el = element (ctx, e);
  int host = el->is_host ? e : el->host;
  int k = ctx->topo.lb >= 0 ? backend_on (ctx, host) : -1;
  char *text = NULL;

  if (!el->is_host && el->kind == SB_KIND_MONITORING)
    return g_strdup (_("The site keeps working, but no alert is raised any more: a failure goes "
                       "unnoticed until visitors complain."));
  if (!el->is_host && el->kind == SB_KIND_MONITORING_AGENT)
    return g_strdup_printf (_("The site keeps working; the monitoring service stops hearing from %s "
                              "and raises a “no data” alert."),
                            sb_review_label (ctx, element (ctx, el->host)->id));
  if (!el->is_host && el->kind == SB_KIND_LOAD_BALANCER && ctx->topo.n_lbs > 1)
    return e == ctx->topo.lbs[0]
           ? g_strdup_printf (_("The site keeps working: the other load balancer takes the virtual IP "
                                "over after about %.1f s, and the requests in that gap fail."),
                              (double) SB_SIM_VRRP_DETECTION / SB_SIM_USEC_PER_SEC)
           : g_strdup (_("Nothing stops: it was standing by. The pair has lost its spare, though."));
  if (!el->is_host && el->kind == SB_KIND_DATABASE)
    return g_strdup (_("Nothing stops: the application servers read from the other databases."));
  if (k >= 0 && (text = loss_on_backend (ctx, e, k)) != NULL)
    return text;
  if (!el->is_host && el->kind == SB_KIND_APP_SERVER)
    return g_strdup (_("The site keeps working: Nginx passes the requests to the other application "
                       "servers."));
  return g_strdup (_("Nothing stops: reads and writes still succeed without it."));
}

static char *
loss_text (const SbReviewContext *ctx,
           int                    e,
           gboolean               reads,
           gboolean               writes)
{
  const SbTopoElement *el = element (ctx, e);
  g_autofree char *reason = NULL;

  if (!el->is_host && el->kind == SB_KIND_CLIENT)
    return g_strdup (_("Only that visitor is affected; the site keeps working for the others."));
  if (el->managed)
    return g_strdup (_("Its provider runs it on many machines, so it does not fail as a whole."));
  if (!reads && !writes)
    {
      reason = sb_review_spof_reason (ctx, el->id, SB_REQUEST_READ);
      return g_strdup_printf (_("Alone, its loss stops the whole site: no read and no write can "
                                "succeed. %s"), reason);
    }
  if (!writes)
    {
      reason = sb_review_spof_reason (ctx, el->id, SB_REQUEST_WRITE);
      return g_strdup_printf (_("Alone, its loss stops every write, while reads go on. %s"), reason);
    }
  if (!reads)
    {
      reason = sb_review_spof_reason (ctx, el->id, SB_REQUEST_READ);
      return g_strdup_printf (_("Alone, its loss stops every read, while writes go on. %s"), reason);
    }
  return loss_survived (ctx, e);
}

SbExplanation *
sb_review_explain (const SbReviewContext *ctx,
                   const char            *id)
{
  int e = sb_topology_find (&ctx->topo, id);
  const SbTopoElement *el;
  SbExplanation *x;

  g_return_val_if_fail (e >= 0, NULL);
  el = element (ctx, e);
  x = g_new0 (SbExplanation, 1);
  x->id = g_strdup (id);
  x->label = g_strdup (sb_review_label (ctx, id));
  x->name = sb_review_name (ctx, id);
  x->kind = g_strdup (el->is_host ? _("Machine (host)") : sb_review_kind_name (el->kind));
  x->host = g_strdup (sb_review_host_of (ctx, id));
  x->is_host = el->is_host;
  x->element_kind = el->kind;
  x->why = why_text (ctx, e);
  x->what = what_text (ctx, e);
  /* The client cannot be killed; the others are asked like the analysis. */
  x->stops_reads = !(el->kind == SB_KIND_CLIENT && !el->is_host) && !sb_review_survives (ctx, id, SB_REQUEST_READ);
  x->stops_writes = !(el->kind == SB_KIND_CLIENT && !el->is_host) && !sb_review_survives (ctx, id, SB_REQUEST_WRITE);
  x->loss = loss_text (ctx, e, !x->stops_reads, !x->stops_writes);
  return x;
}
