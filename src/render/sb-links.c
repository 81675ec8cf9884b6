/* sb-links.c — derives the diagram's lines from the topology
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-links.h"

static void
add (GArray     *links,
     SbLinkKind  kind,
     const char *from,
     const char *to,
     gboolean    backup)
{
  SbLink link = { kind, from, to, backup };

  if (from != NULL && to != NULL)
    g_array_append_val (links, link);
}

static const char *
id_of (const SbComponent *comp)
{
  return comp ? comp->id : NULL;
}

static const SbComponent *
primary_of (const SbScenario *scenario)
{
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);

      if (comp->kind == SB_KIND_DATABASE && comp->role == SB_DB_ROLE_PRIMARY)
        return comp;
    }
  return NULL;
}

/* Where a client's HTTP request goes after DNS: the load balancer, or
 * without one the first web server. */
static const SbComponent *
entry_point (const SbScenario *scenario)
{
  const SbComponent *lb = sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, NULL);

  return lb ? lb : sb_scenario_find_kind (scenario, SB_KIND_WEB_SERVER, NULL);
}

static void
add_client_links (GArray           *links,
                  const SbScenario *scenario)
{
  const SbComponent *dns = sb_scenario_find_kind (scenario, SB_KIND_DNS, NULL);
  const SbComponent *entry = entry_point (scenario);

  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);

      if (comp->kind != SB_KIND_CLIENT)
        continue;
      add (links, SB_LINK_DNS_LOOKUP, comp->id, id_of (dns), FALSE);
      add (links, SB_LINK_HTTP, comp->id, id_of (entry), FALSE);
    }
}

static void
add_backend_links (GArray           *links,
                   const SbScenario *scenario)
{
  const SbComponent *lb = sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, NULL);
  const SbBalancer *bal = &scenario->balancer;

  if (lb == NULL || bal->backends == NULL)
    return;
  for (guint i = 0; i < bal->backends->len; i++)
    {
      const char *host = g_ptr_array_index (bal->backends, i);
      const SbComponent *web = sb_scenario_find_kind (scenario, SB_KIND_WEB_SERVER, host);
      gboolean backup = bal->mode == SB_MODE_ACTIVE_PASSIVE && i > 0;

      add (links, SB_LINK_BACKEND, lb->id, id_of (web), backup);
    }
}

static void
add_host_links (GArray           *links,
                const SbScenario *scenario,
                const SbHost     *host,
                const SbComponent *primary)
{
  const SbComponent *web = sb_scenario_find_kind (scenario, SB_KIND_WEB_SERVER, host->id);
  const SbComponent *app = sb_scenario_find_kind (scenario, SB_KIND_APP_SERVER, host->id);
  const SbComponent *code = sb_scenario_find_kind (scenario, SB_KIND_CODE, host->id);
  const SbComponent *db = sb_scenario_find_kind (scenario, SB_KIND_DATABASE, host->id);

  add (links, SB_LINK_LOCAL, id_of (web), id_of (app), FALSE);
  add (links, SB_LINK_LOCAL, id_of (app), id_of (code), FALSE);
  add (links, SB_LINK_LOCAL, id_of (app), id_of (db), FALSE);
  /* Writes only go to the primary, wherever it runs. */
  if (primary != NULL && g_strcmp0 (primary->host, host->id) != 0)
    add (links, SB_LINK_REMOTE_WRITE, id_of (app), primary->id, FALSE);
}

static void
add_replication_links (GArray           *links,
                       const SbScenario *scenario,
                       const SbComponent *primary)
{
  for (guint i = 0; primary && i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);

      if (comp->kind == SB_KIND_DATABASE && comp->role == SB_DB_ROLE_REPLICA)
        add (links, SB_LINK_REPLICATION, primary->id, comp->id, FALSE);
    }
}

GArray *
sb_links_derive (const SbScenario *scenario)
{
  GArray *links = g_array_new (FALSE, FALSE, sizeof (SbLink));
  const SbComponent *primary = primary_of (scenario);

  add_client_links (links, scenario);
  add_backend_links (links, scenario);
  for (guint i = 0; i < scenario->hosts->len; i++)
    add_host_links (links, scenario, g_ptr_array_index (scenario->hosts, i), primary);
  add_replication_links (links, scenario, primary);
  return links;
}
