/* sb-review-spof.c — why an element is a single point of failure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb_spof_analyse() says which elements stop all reads or all writes; this
 * says why, in the terms of the design.  Each specific reason is given
 * only when what it claims holds ("the only application server" only when
 * there is one); otherwise the general reason, which is always true.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-review-private.h"

static guint
count_kind (const SbReviewContext *ctx,
            SbKind                 kind)
{
  guint n = 0;

  for (guint i = 0; i < ctx->topo.n_components; i++)
    n += ctx->topo.elements[i].kind == kind;
  return n;
}

/* The first program on HOST (an element index) that is itself a single
 * point of failure for TYPE, or -1. */
static int
spof_on_host (const SbReviewContext *ctx,
              int                    host,
              SbRequestType          type)
{
  for (guint i = 0; i < ctx->topo.n_components; i++)
    if (ctx->topo.elements[i].host == host && ctx->topo.elements[i].kind != SB_KIND_FIREWALL
        && sb_review_is_spof (ctx, ctx->topo.elements[i].id, type))
      return (int) i;
  return -1;
}

static char *
programs_on (const SbReviewContext *ctx,
             int                    host)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < ctx->topo.n_components; i++)
    if (ctx->topo.elements[i].host == host && ctx->topo.elements[i].kind != SB_KIND_FIREWALL)
      g_array_append_val (list, i);
  return sb_review_join_elements (ctx, (int *) (void *) list->data, list->len);
}

static char *
general_reason (SbRequestType type)
{
  return g_strdup (type == SB_REQUEST_READ
                   ? _("With it down no read can succeed: every way a read could go passes through it.")
                   : _("With it down no write can succeed: every way a write could go passes through it."));
}

/* The programs on HOST that are single points of failure for TYPE. */
static char *
spofs_on_host (const SbReviewContext *ctx,
               int                    host,
               SbRequestType          type,
               guint                 *n)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < ctx->topo.n_components; i++)
    if (ctx->topo.elements[i].host == host && ctx->topo.elements[i].kind != SB_KIND_FIREWALL
        && sb_review_is_spof (ctx, ctx->topo.elements[i].id, type))
      g_array_append_val (list, i);
  *n = list->len;
  return sb_review_join_elements (ctx, (int *) (void *) list->data, list->len);
}

static char *
host_reason (const SbReviewContext *ctx,
             int                    host,
             SbRequestType          type)
{
  int comp = spof_on_host (ctx, host, type);
  g_autofree char *programs = programs_on (ctx, host);
  guint n;
  g_autofree char *spofs = spofs_on_host (ctx, host, type, &n);

  if (n > 1)
    return g_strdup_printf (_("When the machine stops, every program on it stops too, and %s are "
                              "each a single point of failure on their own."), spofs);
  if (comp >= 0)
    {
      g_autofree char *name = sb_review_name_at (ctx, comp);
      g_autofree char *reason = sb_review_spof_reason (ctx, ctx->topo.elements[comp].id, type);

      return g_strdup_printf (_("When the machine stops, every program on it stops too, %s among "
                                "them. %s"), name, reason);
    }
  return g_strdup_printf (_("When the machine stops, every program on it stops too (%s), and no "
                            "other machine can stand in for all of them at once."), programs);
}

static char *
firewall_reason (const SbReviewContext *ctx,
                 int                    fw,
                 SbRequestType          type)
{
  int host = ctx->topo.elements[fw].host;
  const char *host_label = sb_review_label (ctx, ctx->topo.elements[host].id);
  int comp = spof_on_host (ctx, host, type);
  g_autofree char *programs = programs_on (ctx, host);

  if (comp >= 0)
    {
      g_autofree char *name = sb_review_name_at (ctx, comp);
      g_autofree char *reason = sb_review_spof_reason (ctx, ctx->topo.elements[comp].id, type);

      return g_strdup_printf (_("Whatever enters %s from another machine passes this firewall "
                                "first, and %s runs there: if the firewall stops, nothing reaches "
                                "it any more. %s"), host_label, name, reason);
    }
  return g_strdup_printf (_("Whatever enters %s from another machine passes this firewall first: "
                            "if it stops, nothing reaches %s any more, and the requests cannot do "
                            "without them."), host_label, programs);
}

/* Active-passive: the load balancer sticks to the active server while its
 * health check passes, even when that server can no longer answer. */
static char *
active_passive_reason (const SbReviewContext *ctx,
                       int                    e)
{
  const SbScenario *s = ctx->scenario;
  const SbTopoBackend *active = &ctx->topo.backends[0];
  int host = ctx->topo.elements[e].is_host ? e : ctx->topo.elements[e].host;
  g_autofree gboolean *killed = NULL;
  g_autofree char *name = NULL;
  gboolean passes;

  if (ctx->topo.lb < 0 || s->balancer.mode != SB_MODE_ACTIVE_PASSIVE || ctx->topo.n_backends < 2
      || host < 0 || host != active->host)
    return NULL;
  killed = g_new0 (gboolean, ctx->topo.n_elements);
  killed[e] = TRUE;
  passes = sb_topology_check_passes (&ctx->topo, killed, s->balancer.check, 0);
  if (!passes)
    return NULL;
  name = sb_review_name_at (ctx, e);
  return g_strdup_printf (_("%s is the active server: the load balancer sends it every request and "
                            "turns to a backup only when its health check fails, which %s stopping "
                            "does not cause (the check only looks at %s)."),
                          sb_review_label (ctx, ctx->topo.elements[host].id), name,
                          s->balancer.check == SB_CHECK_HTTP ? _("Nginx and the application server")
                                                             : _("Nginx"));
}

static char *
web_reason (const SbReviewContext *ctx)
{
  if (ctx->topo.lb < 0 && count_kind (ctx, SB_KIND_WEB_SERVER) == 1)
    return g_strdup (_("The only web server: every request enters the site through it."));
  if (ctx->topo.lb >= 0 && ctx->topo.n_backends == 1)
    return g_strdup (_("The only web server behind the load balancer: every request passes through it."));
  return NULL;
}

static char *
app_reason (const SbReviewContext *ctx)
{
  if (count_kind (ctx, SB_KIND_APP_SERVER) == 1)
    return g_strdup (_("The only application server: it builds every page."));
  return NULL;
}

static char *
code_reason (const SbReviewContext *ctx,
             int                    e)
{
  for (guint i = 0; i < ctx->topo.n_components; i++)
    if (ctx->topo.code_of && ctx->topo.code_of[i] == e && count_kind (ctx, SB_KIND_APP_SERVER) == 1)
      return g_strdup (_("The files of the only application server: without them it cannot build "
                         "any page."));
  return NULL;
}

static char *
database_reason (const SbReviewContext *ctx,
                 int                    e,
                 SbRequestType          type)
{
  gboolean primary = ctx->topo.elements[e].role == SB_DB_ROLE_PRIMARY;

  if (ctx->topo.n_databases == 1)
    return g_strdup (type == SB_REQUEST_READ
                     ? _("The only database: every page that reads data needs it.")
                     : _("The only database: every write is stored there, and no copy can take over."));
  if (primary && type == SB_REQUEST_WRITE)
    return g_strdup (_("The only database that accepts writes: if it stops, every write fails until "
                       "a replica is promoted."));
  return NULL;
}

static char *
component_reason (const SbReviewContext *ctx,
                  int                    e,
                  SbRequestType          type)
{
  const SbScenario *s = ctx->scenario;

  switch (ctx->topo.elements[e].kind)
    {
    case SB_KIND_DNS:
      return g_strdup_printf (_("The only DNS server for %s: once the browsers' cached answer "
                                "expires (after %g s), nobody can find the site's address."),
                              s->dns_name ? s->dns_name : "", s->ttl);
    case SB_KIND_LOAD_BALANCER:
      if (ctx->topo.n_lbs == 1)
        return g_strdup (_("HAProxy is the only way in: if it fails, no request reaches any server."));
      return NULL;
    case SB_KIND_FIREWALL:
      return firewall_reason (ctx, e, type);
    case SB_KIND_WEB_SERVER:
      return web_reason (ctx);
    case SB_KIND_APP_SERVER:
      return app_reason (ctx);
    case SB_KIND_CODE:
      return code_reason (ctx, e);
    case SB_KIND_DATABASE:
      return database_reason (ctx, e, type);
    case SB_KIND_CLIENT:
    case SB_KIND_MONITORING_AGENT:
    case SB_KIND_MONITORING:
    case SB_KIND_N:
    default:
      return NULL;
    }
}

char *
sb_review_spof_reason (const SbReviewContext *ctx,
                       const char            *id,
                       SbRequestType          type)
{
  int e = sb_topology_find (&ctx->topo, id);
  char *reason;

  g_return_val_if_fail (e >= 0, NULL);
  if (ctx->topo.elements[e].is_host)
    reason = host_reason (ctx, e, type);
  else
    reason = component_reason (ctx, e, type);
  if (reason == NULL)
    reason = active_passive_reason (ctx, e);
  return reason ? reason : general_reason (type);
}
