/* sb-spof.c — which single element stops all reads or all writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same rules as the engine (sb-sim-request.c), asked once instead of
 * played: "settled" means the health checks agree with the truth and
 * every DNS cache has expired.
 */
#include "config.h"

#include <string.h>

#include "sb-balancer.h"
#include "sb-health.h"
#include "sb-spof.h"
#include "sb-topology.h"

typedef struct {
  const SbScenario *scenario;
  SbTopology        topo;
  gboolean         *killed;
} SbSpof;

static gboolean
up (const SbSpof *s,
    int           e)
{
  return e >= 0 && sb_topology_is_up (&s->topo, s->killed, e);
}

/* DB answers APP: it is up and, on another host, its firewall lets APP in. */
static gboolean
answers (const SbSpof *s,
         int           app,
         int           db)
{
  if (s->topo.elements[app].host == s->topo.elements[db].host)
    return up (s, db);
  return sb_topology_reachable (&s->topo, s->killed, db);
}

static gboolean
database_available (const SbSpof  *s,
                    int            app,
                    SbRequestType  type)
{
  if (type == SB_REQUEST_WRITE)
    {
      /* The primary as written in the scenario: the first one. */
      for (guint i = 0; i < s->topo.n_databases; i++)
        {
          int db = s->topo.databases[i];

          if (s->topo.elements[db].role == SB_DB_ROLE_PRIMARY)
            return answers (s, app, db);
        }
      return FALSE;
    }
  for (guint i = 0; i < s->topo.n_databases; i++)
    if (answers (s, app, s->topo.databases[i]))
      return TRUE;
  return FALSE;
}

static gboolean
application_serves (const SbSpof  *s,
                    int            app,
                    SbRequestType  type)
{
  int code = s->topo.code_of[app];

  return up (s, app) && (code < 0 || up (s, code)) && database_available (s, app, type);
}

/* Step 4 of the contract: the way into the server works. */
static gboolean
server_reachable (const SbSpof        *s,
                  const SbTopoBackend *b)
{
  guint k = (guint) (b - s->topo.backends);

  return (b->host < 0 || up (s, b->host)) && sb_topology_reachable (&s->topo, s->killed, b->web)
         && up (s, sb_topology_app_for (&s->topo, s->killed, k, 0));
}

static gboolean
backend_serves (const SbSpof        *s,
                const SbTopoBackend *b,
                SbRequestType        type)
{
  if (!server_reachable (s, b))
    return FALSE;
  if (b->app >= 0)
    return application_serves (s, b->app, type);
  /* Nginx's upstream takes each application server in turn. */
  for (guint j = 0; j < s->topo.n_apps; j++)
    if (sb_topology_reachable (&s->topo, s->killed, s->topo.apps[j])
        && application_serves (s, s->topo.apps[j], type))
      return TRUE;
  return FALSE;
}

static void
settled_view (const SbSpof *s,
              SbLbServer   *servers)
{
  const SbBalancer *cfg = &s->scenario->balancer;

  for (guint k = 0; k < s->topo.n_backends; k++)
    {

      servers[k].up = sb_topology_check_passes (&s->topo, s->killed, cfg->check, k);
      servers[k].backup = cfg->mode == SB_MODE_ACTIVE_PASSIVE && k > 0;
      servers[k].in_flight = 0;
    }
}

/* A request the LB sends to K succeeds, possibly after a redispatch. */
static gboolean
chosen_serves (const SbSpof     *s,
               const SbLbServer *servers,
               int               k,
               guint32           address,
               SbRequestType     type)
{
  const SbBalancer *cfg = &s->scenario->balancer;
  guint n = s->topo.n_backends;

  if (backend_serves (s, &s->topo.backends[k], type))
    return TRUE;
  if (!cfg->redispatch || server_reachable (s, &s->topo.backends[k]))
    return FALSE;
  if (cfg->algorithm == SB_ALGORITHM_SOURCE)
    {
      int retry = sb_balancer_choose (servers, n, cfg->algorithm, NULL, address, k);

      return retry >= 0 && backend_serves (s, &s->topo.backends[retry], type);
    }
  /* Rotation or least connections: over time any other usable server. */
  for (guint j = 0; j < n; j++)
    if (sb_balancer_usable (servers, n, j, k) && backend_serves (s, &s->topo.backends[j], type))
      return TRUE;
  return FALSE;
}

/* Settled: the virtual IP is on a load balancer that is up. */
static gboolean
some_balancer_reachable (const SbSpof *s)
{
  for (guint i = 0; i < s->topo.n_lbs; i++)
    if (sb_topology_reachable (&s->topo, s->killed, s->topo.lbs[i]))
      return TRUE;
  return FALSE;
}

static gboolean
through_balancer (const SbSpof  *s,
                  SbRequestType  type)
{
  const SbBalancer *cfg = &s->scenario->balancer;
  guint n = s->topo.n_backends;
  SbLbServer servers[SB_SCENARIO_MAX_HOSTS];
  guint clients = (guint) MAX (s->scenario->traffic.clients, 1);

  if (!some_balancer_reachable (s) || n == 0)
    return FALSE;
  settled_view (s, servers);
  if (cfg->algorithm == SB_ALGORITHM_SOURCE)
    {
      /* Each client sticks to one server: look where each one goes. */
      for (guint c = 0; c < clients; c++)
        {
          guint32 address = s->topo.client_address + c;
          int k = sb_balancer_choose (servers, n, cfg->algorithm, NULL, address, -1);

          if (k >= 0 && chosen_serves (s, servers, k, address, type))
            return TRUE;
        }
      return FALSE;
    }
  /* Rotation and least connections reach every usable server in turn. */
  for (guint j = 0; j < n; j++)
    if (sb_balancer_usable (servers, n, j, -1) && chosen_serves (s, servers, (int) j, 0, type))
      return TRUE;
  return FALSE;
}

static gboolean
can_succeed (const SbSpof  *s,
             SbRequestType  type)
{
  if (s->topo.client < 0)
    return FALSE;
  /* Settled: every cached answer has expired, so DNS must answer. */
  if (s->topo.dns >= 0 && !up (s, s->topo.dns))
    return FALSE;
  if (s->topo.lb >= 0)
    return through_balancer (s, type);
  return s->topo.n_backends > 0 && backend_serves (s, &s->topo.backends[0], type);
}

static void
spof_init (SbSpof           *s,
           const SbScenario *scenario)
{
  s->scenario = scenario;
  sb_topology_init (&s->topo, scenario);
  s->killed = g_new0 (gboolean, MAX (s->topo.n_elements, 1));
}

static void
spof_clear (SbSpof *s)
{
  sb_topology_clear (&s->topo);
  g_clear_pointer (&s->killed, g_free);
}

gboolean
sb_spof_can_succeed (const SbScenario   *scenario,
                     const char * const *down,
                     SbRequestType       type)
{
  SbSpof s;
  gboolean ok;

  g_return_val_if_fail (scenario != NULL, FALSE);
  spof_init (&s, scenario);
  for (guint i = 0; down && down[i]; i++)
    {
      int e = sb_topology_find (&s.topo, down[i]);

      if (e >= 0)
        s.killed[e] = TRUE;
    }
  ok = can_succeed (&s, type);
  spof_clear (&s);
  return ok;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

void
sb_spof_analyse (const SbScenario  *scenario,
                 GPtrArray        **reads,
                 GPtrArray        **writes)
{
  g_autoptr(GPtrArray) r = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) w = g_ptr_array_new_with_free_func (g_free);
  SbSpof s;

  g_return_if_fail (scenario != NULL);
  spof_init (&s, scenario);
  for (guint e = 0; e < s.topo.n_elements; e++)
    {
      const SbTopoElement *el = &s.topo.elements[e];

      if (el->managed || (!el->is_host && el->kind == SB_KIND_CLIENT))
        continue;
      s.killed[e] = TRUE;
      if (!can_succeed (&s, SB_REQUEST_READ))
        g_ptr_array_add (r, g_strdup (el->id));
      if (!can_succeed (&s, SB_REQUEST_WRITE))
        g_ptr_array_add (w, g_strdup (el->id));
      s.killed[e] = FALSE;
    }
  spof_clear (&s);
  g_ptr_array_sort (r, compare_ids);
  g_ptr_array_sort (w, compare_ids);
  if (reads)
    *reads = g_steal_pointer (&r);
  if (writes)
    *writes = g_steal_pointer (&w);
}
