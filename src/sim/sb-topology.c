/* sb-topology.c — elements, backends and databases of a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-balancer.h"
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
  SbTopoBackend b = { host, -1, -1, -1, -1 };

  b.web = first_of_kind (topo, SB_KIND_WEB_SERVER, host);
  b.app = first_of_kind (topo, SB_KIND_APP_SERVER, host);
  b.code = first_of_kind (topo, SB_KIND_CODE, host);
  b.db = first_of_kind (topo, SB_KIND_DATABASE, host);
  return b;
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
  add_backends (topo, scenario);
  topo->databases = g_new0 (int, MAX (topo->n_components, 1));
  for (guint i = 0; i < topo->n_components; i++)
    if (topo->elements[i].kind == SB_KIND_DATABASE)
      topo->databases[topo->n_databases++] = (int) i;
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
  g_clear_pointer (&topo->index, g_hash_table_unref);
  topo->n_elements = topo->n_components = topo->n_backends = topo->n_databases = 0;
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
