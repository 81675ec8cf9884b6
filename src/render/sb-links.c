/* sb-links.c — derives the diagram's lines from the topology
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lines follow the simulation's routing rules (sb-topology.c): a hop
 * into a host with a firewall goes through the firewall, Nginx reaches
 * application servers on other hosts through its upstream, and an
 * application server reads its own database and writes to the primary.
 */
#include "config.h"

#include "sim/sb-topology.h"

#include "sb-links.h"

typedef struct {
  GArray           *links;
  const SbTopology *topo;
} Builder;

static const char *
id_of (const Builder *b,
       int            e)
{
  return e >= 0 ? b->topo->elements[e].id : NULL;
}

static void
add (Builder    *b,
     SbLinkKind  kind,
     int         from,
     int         to,
     gboolean    backup)
{
  SbLink link = { kind, id_of (b, from), id_of (b, to), backup };

  if (from < 0 || to < 0)
    return;
  /* A firewall's line into its host is reached from several sources: one
   * line.  The ids are the scenario's own strings, so pointers compare. */
  for (guint i = 0; i < b->links->len; i++)
    {
      const SbLink *other = &g_array_index (b->links, SbLink, i);

      if (other->from == link.from && other->to == link.to)
        return;
    }
  g_array_append_val (b->links, link);
}

/* A line from FROM to TO, through the firewall of TO's host when it has
 * one and FROM is elsewhere, as the simulation's hops go. */
static void
add_hop (Builder    *b,
         SbLinkKind  kind,
         int         from,
         int         to,
         gboolean    backup)
{
  const SbTopology *topo = b->topo;
  int fw = to >= 0 ? topo->guard[to] : -1;

  if (from < 0 || to < 0)
    return;
  if (fw >= 0 && from != fw && topo->elements[from].host != topo->elements[to].host)
    {
      add (b, kind, from, fw, backup);
      add (b, SB_LINK_LOCAL, fw, to, backup);
      return;
    }
  add (b, kind, from, to, backup);
}

static int
primary_of (const SbTopology *topo)
{
  for (guint i = 0; i < topo->n_databases; i++)
    if (topo->elements[topo->databases[i]].role == SB_DB_ROLE_PRIMARY)
      return topo->databases[i];
  return -1;
}

/* Client ⇢ DNS, then to the public address: the load balancer holding it
 * (the others of a cluster would take it over), or the one web server. */
static void
add_client_links (Builder *b)
{
  const SbTopology *topo = b->topo;

  for (guint i = 0; i < topo->n_components; i++)
    {
      if (topo->elements[i].kind != SB_KIND_CLIENT)
        continue;
      add (b, SB_LINK_DNS_LOOKUP, (int) i, topo->dns, FALSE);
      for (guint j = 0; j < topo->n_lbs; j++)
        add_hop (b, SB_LINK_HTTP, (int) i, topo->lbs[j], j > 0);
      if (topo->n_lbs == 0 && topo->n_backends > 0)
        add_hop (b, SB_LINK_HTTP, (int) i, topo->backends[0].web, FALSE);
    }
  for (guint j = 1; j < topo->n_lbs; j++)
    add (b, SB_LINK_VRRP, topo->lbs[0], topo->lbs[j], FALSE);
}

static void
add_backend_links (Builder          *b,
                   const SbScenario *scenario)
{
  const SbTopology *topo = b->topo;

  for (guint j = 0; j < topo->n_lbs; j++)
    for (guint k = 0; k < topo->n_backends; k++)
      {
        gboolean backup = scenario->balancer.mode == SB_MODE_ACTIVE_PASSIVE && k > 0;

        add_hop (b, SB_LINK_BACKEND, topo->lbs[j], topo->backends[k].web, backup || j > 0);
      }
}

/* Nginx → application server(s) → files and databases. */
static void
add_application_links (Builder *b,
                       int      primary)
{
  const SbTopology *topo = b->topo;

  for (guint k = 0; k < topo->n_backends; k++)
    {
      const SbTopoBackend *be = &topo->backends[k];

      add (b, SB_LINK_LOCAL, be->web, be->app, FALSE);
      for (guint j = 0; be->app < 0 && be->web >= 0 && j < topo->n_apps; j++)
        add_hop (b, SB_LINK_UPSTREAM, be->web, topo->apps[j], FALSE);
    }
  for (guint i = 0; i < topo->n_components; i++)
    {
      int app = (int) i, db;

      if (topo->elements[i].kind != SB_KIND_APP_SERVER)
        continue;
      db = topo->db_of[app];
      add (b, SB_LINK_LOCAL, app, topo->code_of[app], FALSE);
      if (db >= 0 && topo->elements[db].host == topo->elements[app].host)
        add (b, SB_LINK_LOCAL, app, db, FALSE);
      else if (db != primary)
        add_hop (b, SB_LINK_REMOTE_READ, app, db, FALSE);
      /* Writes only go to the primary, wherever it runs. */
      if (primary >= 0 && topo->elements[primary].host != topo->elements[app].host)
        add_hop (b, SB_LINK_REMOTE_WRITE, app, primary, FALSE);
    }
}

static void
add_watch_links (Builder *b,
                 int      primary)
{
  const SbTopology *topo = b->topo;

  for (guint i = 0; primary >= 0 && i < topo->n_databases; i++)
    if (topo->elements[topo->databases[i]].role == SB_DB_ROLE_REPLICA)
      add (b, SB_LINK_REPLICATION, primary, topo->databases[i], FALSE);
  for (guint i = 0; i < topo->n_agents; i++)
    add (b, SB_LINK_METRICS, topo->agents[i], topo->monitoring, FALSE);
}

GArray *
sb_links_derive (const SbScenario *scenario)
{
  SbTopology topo;
  Builder b;
  int primary;

  sb_topology_init (&topo, scenario);
  b.links = g_array_new (FALSE, FALSE, sizeof (SbLink));
  b.topo = &topo;
  primary = primary_of (&topo);
  add_client_links (&b);
  add_backend_links (&b, scenario);
  add_application_links (&b, primary);
  add_watch_links (&b, primary);
  sb_topology_clear (&topo);
  return b.links;
}
