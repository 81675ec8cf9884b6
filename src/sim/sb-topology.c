/* sb-topology.c — elements, backends and databases of a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-balancer.h"
#include "sb-health.h"
#include "sb-topology.h"

/* TEST-NET-2 (RFC 5737), used when the client has no usable address. */
#define DEFAULT_CLIENT_ADDRESS ((198u << 24) | (51u << 16) | (100u << 8) | 1u)

static int
first_of_kind (const SbTopology *topo,
               SbKind            kind,
               int               host)
{
  for (guint i = 0; i < topo->n_components; i++)
    if (topo->elements[i].kind == kind && topo->elements[i].host == host)
      return (int) i;
  return -1;
}

static int
first_of_kind_anywhere (const SbTopology *topo,
                        SbKind            kind)
{
  for (guint i = 0; i < topo->n_components; i++)
    if (topo->elements[i].kind == kind)
      return (int) i;
  return -1;
}

static SbTopoBackend
backend_on (const SbTopology *topo,
            int               host)
{
  SbTopoBackend b = { host, -1, -1 };

  b.web = first_of_kind (topo, SB_KIND_WEB_SERVER, host);
  b.app = first_of_kind (topo, SB_KIND_APP_SERVER, host);
  return b;
}

static int *
all_of_kind (const SbTopology *topo,
             SbKind            kind,
             guint            *n)
{
  int *list = g_new0 (int, MAX (topo->n_components, 1));

  *n = 0;
  for (guint i = 0; i < topo->n_components; i++)
    if (topo->elements[i].kind == kind)
      list[(*n)++] = (int) i;
  return list;
}

/* Firewalls guard what runs on their host (not themselves). */
static void
add_guards (SbTopology *topo)
{
  topo->guard = g_new (int, MAX (topo->n_elements, 1));
  for (guint i = 0; i < topo->n_elements; i++)
    {
      const SbTopoElement *e = &topo->elements[i];
      int fw = e->host >= 0 ? first_of_kind (topo, SB_KIND_FIREWALL, e->host) : -1;

      topo->guard[i] = e->is_host || e->kind == SB_KIND_FIREWALL ? -1 : fw;
    }
}

/* An application server runs the files on its own host and reads the
 * database there; on a host of its own with no database, the database at
 * its own position in the list (the second one reads from the second). */
static void
add_application_tiers (SbTopology *topo)
{
  guint n_all;
  g_autofree int *all = all_of_kind (topo, SB_KIND_APP_SERVER, &n_all);

  topo->code_of = g_new (int, MAX (topo->n_elements, 1));
  topo->db_of = g_new (int, MAX (topo->n_elements, 1));
  topo->apps = g_new0 (int, MAX (n_all, 1));
  for (guint i = 0; i < topo->n_elements; i++)
    topo->code_of[i] = topo->db_of[i] = -1;
  for (guint j = 0; j < n_all; j++)
    {
      int app = all[j], host = topo->elements[app].host;

      topo->code_of[app] = first_of_kind (topo, SB_KIND_CODE, host);
      topo->db_of[app] = first_of_kind (topo, SB_KIND_DATABASE, host);
      if (topo->db_of[app] < 0 && topo->n_databases > 0)
        topo->db_of[app] = topo->databases[j % topo->n_databases];
      if (host >= 0 && first_of_kind (topo, SB_KIND_WEB_SERVER, host) < 0)
        topo->apps[topo->n_apps++] = app;
    }
}

static void
add_elements (SbTopology       *topo,
              const SbScenario *scenario)
{
  guint nc = scenario->components->len, nh = scenario->hosts->len;

  topo->n_components = nc;
  topo->n_elements = nc + nh;
  topo->elements = g_new0 (SbTopoElement, topo->n_elements);
  topo->index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < nh; i++)
    {
      const SbHost *h = g_ptr_array_index (scenario->hosts, i);
      SbTopoElement *e = &topo->elements[nc + i];

      e->id = h->id;
      e->is_host = TRUE;
      e->host = -1;
      g_hash_table_insert (topo->index, h->id, GINT_TO_POINTER (nc + i + 1));
    }
  for (guint i = 0; i < nc; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);
      SbTopoElement *e = &topo->elements[i];

      e->id = c->id;
      e->kind = c->kind;
      e->role = c->role;
      e->managed = c->managed;
      e->host = c->host ? sb_topology_find (topo, c->host) : -1;
      g_hash_table_insert (topo->index, c->id, GINT_TO_POINTER (i + 1));
    }
}

static void
add_backends (SbTopology       *topo,
              const SbScenario *scenario)
{
  const GPtrArray *ids = scenario->balancer.backends;
  guint n_ids = ids ? ids->len : 0;

  topo->backends = g_new0 (SbTopoBackend, MAX (n_ids, 1));
  if (topo->lb >= 0)
    {
      for (guint i = 0; i < n_ids; i++)
        {
          int host = sb_topology_find (topo, g_ptr_array_index (ids, i));

          if (host >= 0 && topo->elements[host].is_host)
            topo->backends[topo->n_backends++] = backend_on (topo, host);
        }
      return;
    }
  /* No load balancer: the name points at one server, the first backend
   * listed or else the host of the first web server. */
  {
    int host = n_ids > 0 ? sb_topology_find (topo, g_ptr_array_index (ids, 0)) : -1;
    int web = first_of_kind_anywhere (topo, SB_KIND_WEB_SERVER);

    if (host < 0 || !topo->elements[host].is_host)
      host = web >= 0 ? topo->elements[web].host : -1;
    if (web >= 0 || host >= 0)
      topo->backends[topo->n_backends++] = backend_on (topo, host);
  }
}

void
sb_topology_init (SbTopology       *topo,
                  const SbScenario *scenario)
{
  memset (topo, 0, sizeof *topo);
  add_elements (topo, scenario);
  topo->client = first_of_kind_anywhere (topo, SB_KIND_CLIENT);
  topo->dns = first_of_kind_anywhere (topo, SB_KIND_DNS);
  topo->lb = first_of_kind_anywhere (topo, SB_KIND_LOAD_BALANCER);
  topo->lbs = all_of_kind (topo, SB_KIND_LOAD_BALANCER, &topo->n_lbs);
  topo->monitoring = first_of_kind_anywhere (topo, SB_KIND_MONITORING);
  topo->agents = all_of_kind (topo, SB_KIND_MONITORING_AGENT, &topo->n_agents);
  topo->databases = all_of_kind (topo, SB_KIND_DATABASE, &topo->n_databases);
  add_guards (topo);
  add_application_tiers (topo);
  add_backends (topo, scenario);
  topo->client_address = DEFAULT_CLIENT_ADDRESS;
  if (topo->client >= 0)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, topo->client);

      sb_balancer_parse_ipv4 (c->ip, &topo->client_address);
    }
}

void
sb_topology_clear (SbTopology *topo)
{
  g_clear_pointer (&topo->elements, g_free);
  g_clear_pointer (&topo->backends, g_free);
  g_clear_pointer (&topo->databases, g_free);
  g_clear_pointer (&topo->lbs, g_free);
  g_clear_pointer (&topo->guard, g_free);
  g_clear_pointer (&topo->code_of, g_free);
  g_clear_pointer (&topo->db_of, g_free);
  g_clear_pointer (&topo->apps, g_free);
  g_clear_pointer (&topo->agents, g_free);
  g_clear_pointer (&topo->index, g_hash_table_unref);
  topo->n_elements = topo->n_components = topo->n_backends = topo->n_databases = 0;
  topo->n_lbs = topo->n_apps = topo->n_agents = 0;
}

int
sb_topology_find (const SbTopology *topo,
                  const char       *id)
{
  if (id == NULL)
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (topo->index, id)) - 1;
}

gboolean
sb_topology_is_up (const SbTopology *topo,
                   const gboolean   *killed,
                   int               element)
{
  int host;

  g_assert (element >= 0 && (guint) element < topo->n_elements);
  host = topo->elements[element].host;
  return !killed[element] && (host < 0 || !killed[host]);
}

gboolean
sb_topology_reachable (const SbTopology *topo,
                       const gboolean   *killed,
                       int               element)
{
  int fw;

  if (element < 0 || !sb_topology_is_up (topo, killed, element))
    return FALSE;
  fw = topo->guard[element];
  return fw < 0 || !killed[fw];
}

int
sb_topology_app_for (const SbTopology *topo,
                     const gboolean   *killed,
                     guint             backend,
                     guint             start)
{
  const SbTopoBackend *b = &topo->backends[backend];

  if (b->app >= 0 || topo->n_apps == 0)
    return b->app;
  for (guint j = 0; j < topo->n_apps; j++)
    {
      int app = topo->apps[(start + j) % topo->n_apps];

      if (sb_topology_reachable (topo, killed, app))
        return app;
    }
  return -1;
}

gboolean
sb_topology_check_passes (const SbTopology *topo,
                          const gboolean   *killed,
                          SbCheckType       type,
                          guint             backend)
{
  const SbTopoBackend *b = &topo->backends[backend];
  gboolean host_up = b->host < 0 || sb_topology_is_up (topo, killed, b->host);
  int fw = b->web >= 0 ? topo->guard[b->web] : -1;
  int app = sb_topology_app_for (topo, killed, backend, 0);

  return sb_health_check_passes (type, host_up && (fw < 0 || !killed[fw]),
                                 b->web >= 0 && sb_topology_is_up (topo, killed, b->web),
                                 app >= 0 && sb_topology_is_up (topo, killed, app));
}
