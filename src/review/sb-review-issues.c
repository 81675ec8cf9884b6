/* sb-review-issues.c — security and monitoring, machine by machine, and
 * what the design already does well
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A machine is a host, or a load balancer standing alone (the board draws
 * it as a machine of its own).  An issue names exactly the machines it
 * concerns, so a design that fixes it on some machines has it only on the
 * others, and one that fixes it everywhere has it no more.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-review-private.h"

static gboolean
has_on (const SbReviewContext *ctx,
        SbKind                 kind,
        int                    machine)
{
  for (guint i = 0; i < ctx->topo.n_components; i++)
    if (ctx->topo.elements[i].kind == kind && ctx->topo.elements[i].host == machine)
      return TRUE;
  return FALSE;
}

/* The machines of the design that have no component of KIND. */
static GPtrArray *
machines_without (const SbReviewContext *ctx,
                  SbKind                 kind)
{
  g_autoptr(GPtrArray) machines = sb_review_machines (ctx);
  GPtrArray *lacking = g_ptr_array_new ();

  for (guint i = 0; i < machines->len; i++)
    {
      const char *id = g_ptr_array_index (machines, i);
      int m = sb_topology_find (&ctx->topo, id);

      /* A load balancer standing alone has nothing on it. */
      if (!ctx->topo.elements[m].is_host || !has_on (ctx, kind, m))
        g_ptr_array_add (lacking, (gpointer) id);
    }
  return lacking;
}

static char *
labels_of (const SbReviewContext *ctx,
           GPtrArray             *ids)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (labels, (gpointer) sb_review_label (ctx, g_ptr_array_index (ids, i)));
  return sb_review_join ((const char * const *) labels->pdata, labels->len);
}

static SbReviewIssue *
issue_new (SbIssueKind  kind,
           GPtrArray   *hosts,
           char        *text)
{
  SbReviewIssue *issue = g_new0 (SbReviewIssue, 1);

  issue->kind = kind;
  g_ptr_array_add (hosts, NULL);
  issue->hosts = g_strdupv ((char **) hosts->pdata);
  g_ptr_array_remove_index (hosts, hosts->len - 1);
  issue->text = text;
  return issue;
}

void
sb_review_issue_free (SbReviewIssue *issue)
{
  g_strfreev (issue->hosts);
  g_free (issue->text);
  g_free (issue);
}

/* The machines where HTTPS should end: those of the load balancers, or
 * without one the web server's. */
static GPtrArray *
entry_machines (const SbReviewContext *ctx)
{
  GPtrArray *machines = g_ptr_array_new ();

  for (guint i = 0; i < ctx->topo.n_lbs; i++)
    {
      const SbTopoElement *lb = &ctx->topo.elements[ctx->topo.lbs[i]];
      const char *id = lb->host >= 0 ? ctx->topo.elements[lb->host].id : lb->id;

      if (!g_ptr_array_find_with_equal_func (machines, id, g_str_equal, NULL))
        g_ptr_array_add (machines, (gpointer) id);
    }
  if (ctx->topo.n_lbs == 0 && ctx->topo.n_backends > 0 && ctx->topo.backends[0].host >= 0)
    g_ptr_array_add (machines, (gpointer) ctx->topo.elements[ctx->topo.backends[0].host].id);
  return machines;
}

static SbReviewIssue *
https_issue (const SbReviewContext *ctx)
{
  const SbScenario *s = ctx->scenario;
  g_autoptr(GPtrArray) machines = NULL;
  g_autofree char *where = NULL;
  const char *program;

  if (s->balancer.https)
    return NULL;
  machines = entry_machines (ctx);
  if (machines->len == 0)
    return NULL;
  where = labels_of (ctx, machines);
  program = ctx->topo.lb >= 0 ? _("HAProxy") : _("Nginx");
  return issue_new (SB_ISSUE_NO_HTTPS, machines,
                    g_strdup_printf (_("No HTTPS on %s: the visitors' requests and the pages cross the "
                                       "Internet as plain HTTP, so anyone on the way (a café's Wi-Fi, "
                                       "a provider) can read passwords and cookies and change the "
                                       "pages. A certificate for %s in %s, answering HTTPS on port "
                                       "%d, fixes it."),
                                     where, s->dns_name ? s->dns_name : "", program,
                                     SB_REVIEW_PORT_HTTPS));
}

/* "Server 1 (SSH 22, Nginx 80, MySQL 3306)": what anyone can reach. */
static char *
exposed_ports (const SbReviewContext *ctx,
               const char            *machine)
{
  int m = sb_topology_find (&ctx->topo, machine);
  g_autoptr(GPtrArray) ports = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  if (ctx->topo.elements[m].is_host)
    g_ptr_array_add (ports, g_strdup_printf ("SSH %d", SB_REVIEW_PORT_SSH));
  for (guint i = 0; i < ctx->topo.n_components; i++)
    {
      const SbTopoElement *el = &ctx->topo.elements[i];

      if (el->host != m && (int) i != m)
        continue;
      if (el->kind == SB_KIND_LOAD_BALANCER)
        g_ptr_array_add (ports, ctx->scenario->balancer.https
                                ? g_strdup_printf ("HAProxy %d, %d", SB_REVIEW_PORT_HTTP, SB_REVIEW_PORT_HTTPS)
                                : g_strdup_printf ("HAProxy %d", SB_REVIEW_PORT_HTTP));
      else if (el->kind == SB_KIND_WEB_SERVER)
        g_ptr_array_add (ports, g_strdup_printf ("Nginx %d", SB_REVIEW_PORT_HTTP));
      else if (el->kind == SB_KIND_APP_SERVER)
        /* Translators: a port open on a machine, e.g. "application server 8000". */
        g_ptr_array_add (ports, g_strdup_printf (_("application server %d"), SB_REVIEW_PORT_APP));
      else if (el->kind == SB_KIND_DATABASE)
        g_ptr_array_add (ports, g_strdup_printf ("MySQL %d", SB_REVIEW_PORT_MYSQL));
    }
  g_ptr_array_add (ports, NULL);
  list = g_strjoinv (", ", (char **) ports->pdata);
  return g_strdup_printf (_("%s (%s)"), sb_review_label (ctx, machine), list);
}

static SbReviewIssue *
firewall_issue (const SbReviewContext *ctx)
{
  g_autoptr(GPtrArray) machines = machines_without (ctx, SB_KIND_FIREWALL);
  g_autoptr(GPtrArray) exposed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = NULL;
  g_autofree char *list = NULL;

  if (machines->len == 0)
    return NULL;
  where = labels_of (ctx, machines);
  for (guint i = 0; i < machines->len; i++)
    g_ptr_array_add (exposed, exposed_ports (ctx, g_ptr_array_index (machines, i)));
  g_ptr_array_add (exposed, NULL);
  list = g_strjoinv ("; ", (char **) exposed->pdata);
  return issue_new (SB_ISSUE_NO_FIREWALL, machines,
                    g_strdup_printf (_("No firewall on %s: every port their programs open can be "
                                       "reached from the whole Internet: %s. A firewall on each lets "
                                       "in only what it needs, such as MySQL from the application "
                                       "servers alone."), where, list));
}

static SbReviewIssue *
monitoring_issue (const SbReviewContext *ctx)
{
  g_autoptr(GPtrArray) machines = machines_without (ctx, SB_KIND_MONITORING_AGENT);
  g_autofree char *where = NULL;

  if (machines->len == 0)
    return NULL;
  where = labels_of (ctx, machines);
  if (ctx->topo.monitoring < 0)
    return issue_new (SB_ISSUE_NO_MONITORING, machines,
                      g_strdup_printf (_("No monitoring on %s: when a program or a machine stops, "
                                         "nobody knows until visitors complain. A monitoring agent "
                                         "on each machine, reporting to a monitoring service, would "
                                         "raise an alert within seconds."), where));
  return issue_new (SB_ISSUE_NO_MONITORING, machines,
                    g_strdup_printf (_("No monitoring agent on %s: the monitoring service would not "
                                       "notice them stop, and nobody would know until visitors "
                                       "complain."), where));
}

GPtrArray *
sb_review_find_issues (const SbReviewContext *ctx)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_review_issue_free);
  SbReviewIssue *issue;

  if ((issue = https_issue (ctx)) != NULL)
    g_ptr_array_add (issues, issue);
  if ((issue = firewall_issue (ctx)) != NULL)
    g_ptr_array_add (issues, issue);
  if ((issue = monitoring_issue (ctx)) != NULL)
    g_ptr_array_add (issues, issue);
  return issues;
}

/* --- What the design does well -------------------------------------------- */

static void
add (GPtrArray  *list,
     char       *text)
{
  g_ptr_array_add (list, text);
}

/* Every database and application server on a machine without a web
 * server: the tiers can grow apart. */
static gboolean
tiers_apart (const SbReviewContext *ctx)
{
  guint apart = 0;

  for (guint i = 0; i < ctx->topo.n_components; i++)
    {
      const SbTopoElement *el = &ctx->topo.elements[i];

      if (el->kind != SB_KIND_DATABASE && el->kind != SB_KIND_APP_SERVER)
        continue;
      if (el->host < 0 || has_on (ctx, SB_KIND_WEB_SERVER, el->host)
          || (el->kind == SB_KIND_DATABASE && has_on (ctx, SB_KIND_APP_SERVER, el->host)))
        return FALSE;
      apart++;
    }
  return apart > 0;
}

static void
add_redundancy (const SbReviewContext *ctx,
                GPtrArray             *list)
{
  const SbScenario *s = ctx->scenario;
  guint n = ctx->topo.n_backends;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *servers = NULL;

  for (guint k = 0; k < n; k++)
    g_ptr_array_add (names, (gpointer) sb_review_label (ctx, ctx->topo.elements[ctx->topo.backends[k].host].id));
  servers = sb_review_join ((const char * const *) names->pdata, names->len);
  if (ctx->topo.lb >= 0 && n > 1)
    add (list, s->balancer.mode == SB_MODE_ACTIVE_ACTIVE
               ? g_strdup_printf (_("Several servers share the load (%s): one can fail, or be "
                                    "updated, while the others answer."), servers)
               : g_strdup_printf (_("Backup servers stand by (%s) to take over from the active one."),
                                  servers));
  if (ctx->topo.lb >= 0)
    add (list, g_strdup_printf (_("Health checks take a failed server out of the rotation after "
                                  "about %g s."), sb_review_detection_time (s)));
  if (ctx->topo.lb >= 0 && s->balancer.redispatch)
    add (list, g_strdup (_("Redispatch retries a request refused by a dead server on another one.")));
  if (ctx->topo.n_lbs > 1 && s->balancer.virtual_ip)
    add (list, g_strdup (_("The load balancers share a virtual IP: the entry point survives the loss "
                           "of either of them.")));
  if (ctx->topo.n_databases > 1)
    add (list, g_strdup (_("Replicas keep copies of the data and share the reads.")));
  if (tiers_apart (ctx))
    add (list, g_strdup (_("Each tier has machines of its own, so each can be scaled and restarted "
                           "without touching the others.")));
}

static void
add_protection (const SbReviewContext *ctx,
                GPtrArray             *list)
{
  g_autoptr(GPtrArray) machines = sb_review_machines (ctx);
  g_autoptr(GPtrArray) unguarded = machines_without (ctx, SB_KIND_FIREWALL);
  g_autoptr(GPtrArray) unwatched = machines_without (ctx, SB_KIND_MONITORING_AGENT);
  const SbComponent *dns = sb_scenario_find_kind (ctx->scenario, SB_KIND_DNS, NULL);

  if (ctx->scenario->balancer.https && ctx->topo.lb >= 0)
    add (list, g_strdup (_("HTTPS: nobody between the visitors and the load balancer can read or "
                           "change the traffic.")));
  if (machines->len > 0 && unguarded->len == 0)
    add (list, g_strdup (_("A firewall on every machine lets in only what each one needs.")));
  if (machines->len > 0 && unwatched->len == 0)
    add (list, g_strdup (_("Every machine is monitored: a failure raises an alert within seconds.")));
  if (dns && dns->managed)
    add (list, g_strdup (_("The DNS is a managed service, which its provider replicates.")));
}

GPtrArray *
sb_review_find_strengths (const SbReviewContext *ctx,
                          const SbReview        *review)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  if (review->spof_reads->len == 0 && review->reads_served)
    add (list, g_strdup (_("No single point of failure for reads: any one element can fail and the "
                           "pages still load.")));
  if (review->spof_writes->len == 0 && review->writes_served)
    add (list, g_strdup (_("No single point of failure for writes: any one element can fail and "
                           "the writes still succeed.")));
  add_redundancy (ctx, list);
  add_protection (ctx, list);
  if (ctx->topo.lb < 0 && ctx->scenario->hosts->len == 1)
    add (list, g_strdup (_("Simple and cheap: one machine to run, nothing to keep in step, and no "
                           "network between the programs.")));
  return list;
}
