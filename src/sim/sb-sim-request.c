/* sb-sim-request.c — one request's way: DNS, LB, server, database, back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request is always on a hop between two elements; reaching the end of
 * the hop (an SB_EVENT_HOP) decides what happens next.  Handling at an
 * element takes no time: only hops do.
 */
#include "config.h"

#include <string.h>

#include "sb-sim-private.h"

static inline const SbTopoElement *
element (SbSim *self,
         int    index)
{
  return &self->topo.elements[index];
}

static inline const SbTopoBackend *
backend_of (SbSim     *self,
            SbRequest *r)
{
  g_assert (r->backend >= 0 && (guint) r->backend < self->topo.n_backends);
  return &self->topo.backends[r->backend];
}

/* --- pool and list ---------------------------------------------------- */

static SbRequest *
request_alloc (SbSim *self)
{
  SbRequest *r = self->free_list;

  if (r != NULL)
    self->free_list = r->next;
  else
    r = g_new (SbRequest, 1);
  memset (r, 0, sizeof *r);
  r->prev = self->last;
  if (self->last)
    self->last->next = r;
  else
    self->first = r;
  self->last = r;
  return r;
}

static void
request_release (SbSim     *self,
                 SbRequest *r)
{
  if (r->prev)
    r->prev->next = r->next;
  else
    self->first = r->next;
  if (r->next)
    r->next->prev = r->prev;
  else
    self->last = r->prev;
  /* id 0 marks the struct free: its pending hop event will be skipped. */
  self->dead_hops += r->on_hop;
  r->id = 0;
  r->prev = NULL;
  r->next = self->free_list;
  self->free_list = r;
}

void
sb_sim_requests_free (SbSim *self)
{
  while (self->first)
    request_release (self, self->first);
  while (self->free_list)
    {
      SbRequest *r = self->free_list;

      self->free_list = r->next;
      g_free (r);
    }
}

/* --- bookkeeping ------------------------------------------------------ */

static void
path_add (SbRequest *r,
          int        e)
{
  if (r->path_len < SB_SIM_PATH_MAX)
    r->path[r->path_len++] = (gint16) e;
}

static void
chain_push (SbRequest *r,
            int        e)
{
  g_assert (r->chain_len < SB_CHAIN_MAX);
  r->chain[r->chain_len++] = (gint16) e;
}

static int
chain_top (SbSim     *self,
           SbRequest *r)
{
  return r->chain_len > 0 ? r->chain[r->chain_len - 1] : self->topo.client;
}

static void
release_backend (SbSim     *self,
                 SbRequest *r)
{
  if (r->counted)
    {
      g_assert (self->servers[r->backend].in_flight > 0);
      self->servers[r->backend].in_flight--;
      self->servers[r->backend].since = ++self->lc_clock;
      r->counted = FALSE;
    }
}

static SbSimEvent *
record_request (SbSim        *self,
                SbEventsRing *ring,
                SbRequest    *r,
                int           place)
{
  SbSimEvent *ev = sb_events_ring_push (ring);

  ev->time = self->now;
  ev->kind = SB_SIM_EVENT_REQUEST;
  ev->element = place >= 0 ? element (self, place)->id : NULL;
  ev->request = r->id;
  ev->type = r->type;
  ev->client = r->client;
  ev->stale = r->stale;
  ev->path_len = r->path_len;
  for (guint i = 0; i < r->path_len; i++)
    ev->path[i] = element (self, r->path[i])->id;
  return ev;
}

static void
fail (SbSim           *self,
      SbRequest       *r,
      int              place,
      SbFailureReason  reason)
{
  SbSimCounters *c = &self->counters;
  SbSimEvent *ev;

  release_backend (self, r);
  c->failed++;
  c->in_flight--;
  if (r->type == SB_REQUEST_READ)
    c->reads_failed++;
  else
    c->writes_failed++;
  c->reasons[reason]++;
  if (place >= 0)
    self->failures_at[place]++;
  sb_series_add (&self->series, self->now / SB_SIM_USEC_PER_SEC, FALSE);
  ev = record_request (self, &self->events, r, place);
  ev->reason = reason;
  sb_sim_event_done (self, ev);
  ev = record_request (self, &self->failures, r, place);
  ev->reason = reason;
  request_release (self, r);
}

static void
succeed (SbSim     *self,
         SbRequest *r)
{
  SbSimCounters *c = &self->counters;
  int served = -1;
  SbSimEvent *ev;

  c->succeeded++;
  c->in_flight--;
  if (r->type == SB_REQUEST_READ)
    c->reads_succeeded++;
  else
    c->writes_succeeded++;
  if (r->backend >= 0)
    {
      const SbTopoBackend *b = backend_of (self, r);

      served = b->host >= 0 ? b->host : b->web;
      if (served >= 0)
        self->served_by[served]++;
    }
  sb_histogram_add (&self->latency, self->now - r->started);
  sb_series_add (&self->series, self->now / SB_SIM_USEC_PER_SEC, TRUE);
  ev = record_request (self, &self->events, r, served);
  ev->ok = TRUE;
  ev->latency = self->now - r->started;
  sb_sim_event_done (self, ev);
  request_release (self, r);
}

/* --- moving ----------------------------------------------------------- */

/* The firewall in front of TO's host, when a request from AT (elsewhere)
 * must pass it first; -1 when it goes straight there. */
static int
firewall_before (SbSim *self,
                 int    at,
                 int    to)
{
  int fw = self->topo.guard[to];

  if (fw < 0 || at == fw || element (self, at)->host == element (self, to)->host)
    return -1;
  return fw;
}

static void
depart (SbSim       *self,
        SbRequest   *r,
        int          to,
        SbDirection  direction)
{
  SbEvent ev = { 0 };
  int fw = direction == SB_DIRECTION_REQUEST ? firewall_before (self, r->to, to) : -1;

  if (fw >= 0)
    {
      r->pending = (gint16) to;
      to = fw;
    }
  r->from = r->to;
  r->to = (gint16) to;
  r->direction = direction;
  r->hop_start = self->now;
  r->hop_end = self->now + self->hop_us;
  ev.time = r->hop_end;
  ev.kind = SB_EVENT_HOP;
  ev.ptr = r;
  ev.tag = r->id;
  r->on_hop = TRUE;
  sb_event_queue_push (&self->queue, &ev);
}

/* Towards Nginx of backend B (the LB's choice, or the only server). */
static void
enter_backend (SbSim     *self,
               SbRequest *r)
{
  const SbTopoBackend *b = backend_of (self, r);

  if (b->web < 0)
    fail (self, r, b->host >= 0 ? b->host : chain_top (self, r), SB_FAILURE_CONNECTION_REFUSED);
  else
    depart (self, r, b->web, SB_DIRECTION_REQUEST);
}

static void
dispatch (SbSim     *self,
          SbRequest *r,
          int        exclude)
{
  int b = sb_balancer_choose (self->servers, self->topo.n_backends,
                              self->scenario->balancer.algorithm, &self->rr_next,
                              sb_sim_client_address (self, r->client), exclude);

  if (b < 0)
    {
      fail (self, r, chain_top (self, r), SB_FAILURE_NO_SERVER);
      return;
    }
  r->backend = (gint16) b;
  r->counted = TRUE;
  self->servers[b].in_flight++;
  self->servers[b].since = ++self->lc_clock;
  enter_backend (self, r);
}

/* After DNS (or with a cached answer): to the LB, or straight to the one
 * server when there is no LB. */
static void
connect_front (SbSim     *self,
               SbRequest *r)
{
  if (self->active_lb >= 0)
    depart (self, r, self->active_lb, SB_DIRECTION_REQUEST);
  else if (self->topo.n_backends > 0)
    {
      r->backend = 0;
      enter_backend (self, r);
    }
  else
    fail (self, r, self->topo.client, SB_FAILURE_NO_SERVER);
}

gint64
sb_sim_next_timeout (SbSim *self)
{
  return self->first ? self->first->started + SB_SIM_REQUEST_TIMEOUT : G_MAXINT64;
}

void
sb_sim_request_time_out (SbSim *self)
{
  SbRequest *r = self->first;

  g_return_if_fail (r != NULL);
  self->now = MAX (self->now, r->started + SB_SIM_REQUEST_TIMEOUT);
  /* Where it was stuck: the element it was on its way to. */
  fail (self, r, r->to, SB_FAILURE_TIMED_OUT);
}

void
sb_sim_request_new (SbSim *self)
{
  SbSimCounters *c = &self->counters;
  gboolean full = c->in_flight >= SB_SIM_MAX_IN_FLIGHT;
  SbRequest *r = request_alloc (self);
  double u = sb_rng_double (&self->rng);
  int client = self->topo.client;

  r->id = ++self->next_id;
  r->type = u < self->scenario->traffic.read_ratio ? SB_REQUEST_READ : SB_REQUEST_WRITE;
  r->client = (guint16) ((r->id - 1) % (guint) self->scenario->traffic.clients);
  r->started = self->now;
  r->from = r->to = (gint16) client;
  r->backend = r->failed_backend = r->app = r->pending = -1;
  c->requests++;
  c->in_flight++;
  if (r->type == SB_REQUEST_READ)
    c->reads++;
  else
    c->writes++;
  self->handled[client]++;
  path_add (r, client);
  /* No room: as a browser would see it after its timeout, at once, at the
   * front door (the load balancer, or the one web server). */
  if (full)
    fail (self, r, self->active_lb >= 0 ? self->active_lb
                   : self->topo.n_backends > 0 && self->topo.backends[0].web >= 0
                   ? self->topo.backends[0].web : client, SB_FAILURE_TIMED_OUT);
  else if (self->topo.dns >= 0 && !(self->now < self->dns_expiry[r->client]))
    depart (self, r, self->topo.dns, SB_DIRECTION_REQUEST);
  else
    connect_front (self, r);
}

/* --- at an element, on the way in ------------------------------------- */

static gboolean
other_server_usable (SbSim *self,
                     int    exclude)
{
  return sb_balancer_choose (self->servers, self->topo.n_backends,
                             self->scenario->balancer.algorithm, NULL, 0, exclude) >= 0;
}

/* HAProxy's `retries 1` + `option redispatch`: the connection to the
 * server failed, so the LB learns it (the refusal travels back) and tries
 * another server once. */
static gboolean
try_redispatch (SbSim     *self,
                SbRequest *r,
                int        at)
{
  if (self->topo.lb < 0 || !self->scenario->balancer.redispatch || r->retried
      || r->backend < 0 || !other_server_usable (self, r->backend))
    return FALSE;
  r->retried = TRUE;
  r->bouncing = TRUE;
  r->failed_backend = r->backend;
  release_backend (self, r);
  self->counters.redispatched++;
  depart (self, r, chain_top (self, r), SB_DIRECTION_RESPONSE);
  return TRUE;
}

/* Nginx's `proxy_next_upstream error` (its default): an application
 * server of the upstream refused the connection, so Nginx tries the next
 * one, once.  The refusal travels back to Nginx first. */
static gboolean
try_next_upstream (SbSim     *self,
                   SbRequest *r,
                   int        at)
{
  if (element (self, at)->kind != SB_KIND_APP_SERVER || r->backend < 0
      || backend_of (self, r)->app >= 0 || r->upstream_retried)
    return FALSE;
  r->upstream_retried = TRUE;
  r->next_upstream = TRUE;
  depart (self, r, chain_top (self, r), SB_DIRECTION_RESPONSE);
  return TRUE;
}

/* The request reached AT, which is down: refused at once (no timeout). */
static void
arrive_dead (SbSim     *self,
             SbRequest *r,
             int        at)
{
  const SbTopoElement *e = element (self, at);
  gboolean host_dead = e->host >= 0 && self->killed[e->host];
  int place = host_dead ? e->host : at;
  SbFailureReason reason = host_dead ? SB_FAILURE_HOST_UNREACHABLE : SB_FAILURE_CONNECTION_REFUSED;

  path_add (r, at);
  if (e->kind == SB_KIND_DNS)
    reason = SB_FAILURE_CANNOT_RESOLVE;
  else if (e->kind == SB_KIND_FIREWALL)
    /* A stopped firewall drops everything: the machine behind is gone. */
    reason = SB_FAILURE_HOST_UNREACHABLE;
  if (try_next_upstream (self, r, at))
    return;
  if ((e->kind == SB_KIND_WEB_SERVER || e->kind == SB_KIND_APP_SERVER
       || e->kind == SB_KIND_FIREWALL)
      && try_redispatch (self, r, at))
    return;
  fail (self, r, place, reason);
}

static int
choose_database (SbSim     *self,
                 SbRequest *r,
                 int        app)
{
  int near = self->topo.db_of[app];

  if (r->type == SB_REQUEST_WRITE)
    {
      int p = self->repl.primary;

      return p >= 0 && sb_sim_up (self, self->repl.dbs[p].element) ? self->repl.dbs[p].element : -1;
    }
  if (sb_sim_up (self, near))
    return near;
  for (guint i = 0; i < self->topo.n_databases; i++)
    if (sb_sim_up (self, self->topo.databases[i]))
      return self->topo.databases[i];
  return -1;
}

/* The application server runs the code from the application files next
 * to it, then asks a database. */
static void
run_application (SbSim     *self,
                 SbRequest *r,
                 int        app)
{
  int code = self->topo.code_of[app];
  int db;

  if (code >= 0)
    {
      if (!sb_sim_up (self, code))
        {
          path_add (r, code);
          fail (self, r, code, SB_FAILURE_FILES_MISSING);
          return;
        }
      self->handled[code]++;
      path_add (r, code);
    }
  db = choose_database (self, r, app);
  if (db < 0)
    fail (self, r, app, SB_FAILURE_DATABASE_UNAVAILABLE);
  else
    depart (self, r, db, SB_DIRECTION_REQUEST);
}

static void
serve_database (SbSim     *self,
                SbRequest *r,
                int        db)
{
  int i = sb_replication_find (&self->repl, db);

  g_assert (i >= 0);
  if (r->type == SB_REQUEST_WRITE)
    {
      if (i != self->repl.primary)
        {
          fail (self, r, db, SB_FAILURE_READ_ONLY);
          return;
        }
      sb_replication_commit (&self->repl, &self->queue, self->now, self->lag_us);
    }
  else if (sb_replication_is_stale (&self->repl, (guint) i))
    {
      r->stale = TRUE;
      self->counters.stale_reads++;
    }
  depart (self, r, chain_top (self, r), SB_DIRECTION_RESPONSE);
}

/* Nginx proxies to the application server on its host, or else to the
 * next one of the upstream that takes the connection. */
static void
pass_to_application (SbSim     *self,
                     SbRequest *r,
                     int        web)
{
  guint k = (guint) r->backend;
  int app = sb_topology_app_for (&self->topo, self->killed, k, self->app_next[k]);

  if (self->topo.backends[k].app < 0)
    self->app_next[k]++;
  if (app < 0)
    {
      fail (self, r, web, SB_FAILURE_CONNECTION_REFUSED);
      return;
    }
  r->app = (gint16) app;
  depart (self, r, app, SB_DIRECTION_REQUEST);
}

static void
arrive_forward (SbSim     *self,
                SbRequest *r,
                int        at)
{
  if (!sb_sim_up (self, at))
    {
      arrive_dead (self, r, at);
      return;
    }
  self->handled[at]++;
  path_add (r, at);
  switch (element (self, at)->kind)
    {
    case SB_KIND_DNS:
      self->counters.dns_lookups++;
      r->dns_answer = TRUE;
      depart (self, r, self->topo.client, SB_DIRECTION_RESPONSE);
      break;
    case SB_KIND_LOAD_BALANCER:
      chain_push (r, at);
      dispatch (self, r, -1);
      break;
    case SB_KIND_WEB_SERVER:
      chain_push (r, at);
      pass_to_application (self, r, at);
      break;
    case SB_KIND_FIREWALL:
      /* Stateful: the answer comes back the same way. */
      chain_push (r, at);
      depart (self, r, r->pending, SB_DIRECTION_REQUEST);
      break;
    case SB_KIND_APP_SERVER:
      chain_push (r, at);
      run_application (self, r, at);
      break;
    case SB_KIND_DATABASE:
      serve_database (self, r, at);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* --- on the way back -------------------------------------------------- */

static void
arrive_back (SbSim     *self,
             SbRequest *r,
             int        at)
{
  if (at == self->topo.client)
    {
      if (!r->dns_answer)
        {
          succeed (self, r);
          return;
        }
      r->dns_answer = FALSE;
      self->dns_expiry[r->client] = self->now + self->ttl_us;
      connect_front (self, r);
      return;
    }
  /* AT holds the request (else the kill that stopped it failed it too). */
  g_assert (r->chain_len > 0 && r->chain[r->chain_len - 1] == at);
  if (r->next_upstream && element (self, at)->kind == SB_KIND_WEB_SERVER)
    {
      r->next_upstream = FALSE;
      pass_to_application (self, r, at);
      return;
    }
  if (element (self, at)->kind == SB_KIND_LOAD_BALANCER)
    {
      if (r->bouncing)
        {
          r->bouncing = FALSE;
          dispatch (self, r, r->failed_backend);
          return;
        }
      release_backend (self, r);
    }
  r->chain_len--;
  depart (self, r, chain_top (self, r), SB_DIRECTION_RESPONSE);
}

void
sb_sim_request_hop (SbSim     *self,
                    SbRequest *r)
{
  r->on_hop = FALSE;
  if (r->direction == SB_DIRECTION_REQUEST)
    arrive_forward (self, r, r->to);
  else
    arrive_back (self, r, r->to);
}

void
sb_sim_requests_killed (SbSim *self,
                        int    place)
{
  SbRequest *r = self->first, *next;

  for (; r != NULL; r = next)
    {
      next = r->next;
      for (guint i = 0; i < r->chain_len; i++)
        if (!sb_sim_up (self, r->chain[i]))
          {
            fail (self, r, place, SB_FAILURE_CONNECTION_RESET);
            break;
          }
    }
}
