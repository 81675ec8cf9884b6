/* sb-sim.c — the clock, the event loop, actions and live settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>

#include "sb-sim-private.h"

G_DEFINE_QUARK (sb-sim-error-quark, sb_sim_error)

gint64
sb_sim_seconds_to_us (double seconds)
{
  if (!isfinite (seconds))
    return seconds > 0 ? G_MAXINT64 / 4 : 0;
  return (gint64) llround (seconds * (double) SB_SIM_USEC_PER_SEC);
}

const char *
sb_failure_reason_to_string (SbFailureReason reason)
{
  /* English, as the CLI's JSON keys; marked so the UI can translate them. */
  static const char * const names[SB_FAILURE_N] = {
    [SB_FAILURE_NONE] = "none",
    [SB_FAILURE_CANNOT_RESOLVE] = N_("cannot resolve"),
    [SB_FAILURE_CONNECTION_REFUSED] = N_("connection refused"),
    [SB_FAILURE_HOST_UNREACHABLE] = N_("host unreachable"),
    [SB_FAILURE_NO_SERVER] = N_("no server available"),
    [SB_FAILURE_DATABASE_UNAVAILABLE] = N_("database unavailable"),
    [SB_FAILURE_FILES_MISSING] = N_("application files missing"),
    [SB_FAILURE_CONNECTION_RESET] = N_("connection reset"),
    [SB_FAILURE_READ_ONLY] = N_("read-only database"),
    [SB_FAILURE_TIMED_OUT] = N_("timed out"),
  };

  g_return_val_if_fail ((guint) reason < SB_FAILURE_N, NULL);
  return names[reason];
}

const char *
sb_check_state_to_string (SbCheckState state)
{
  switch (state)
    {
    case SB_CHECK_STATE_UP:
      return "UP";
    case SB_CHECK_STATE_GOING_DOWN:
      return "going down";
    case SB_CHECK_STATE_DOWN:
      return "DOWN";
    case SB_CHECK_STATE_GOING_UP:
      return "going up";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
sb_sim_up (SbSim *self,
           int    element)
{
  return element >= 0 && sb_topology_is_up (&self->topo, self->killed, element);
}

guint32
sb_sim_client_address (SbSim *self,
                       guint  client)
{
  return self->topo.client_address + client;
}

/* --- scheduling ------------------------------------------------------- */

void
sb_sim_push_event (SbSim       *self,
                   SbEventKind  kind,
                   gint64       time,
                   gint32       index,
                   guint32      gen)
{
  SbEvent ev = { 0 };

  ev.kind = kind;
  ev.time = time;
  ev.index = index;
  ev.gen = gen;
  sb_event_queue_push (&self->queue, &ev);
}

static void
schedule_arrival (SbSim *self)
{
  const SbTraffic *t = &self->scenario->traffic;
  gint64 when;

  if (self->topo.client < 0)
    return;
  if (t->arrival == SB_ARRIVAL_POISSON)
    {
      /* Exponential gaps; 1 - u is in (0, 1], so the log is finite. */
      double gap = -log (1.0 - sb_rng_double (&self->rng)) / t->rate;

      when = self->now + sb_sim_seconds_to_us (gap);
    }
  else
    {
      self->arrival_k++;
      when = self->arrival_base + sb_sim_seconds_to_us ((double) self->arrival_k / t->rate);
    }
  sb_sim_push_event (self, SB_EVENT_ARRIVAL, MAX (when, self->now), 0, self->arrival_gen);
}

/* A new rate or arrival law: the next request comes one gap after the
 * previous one (at once if that is already past). */
static void
restart_arrivals (SbSim *self)
{
  const SbTraffic *t = &self->scenario->traffic;

  self->arrival_gen++;
  self->arrival_base = self->last_arrival;
  self->arrival_k = 0;
  if (t->arrival == SB_ARRIVAL_UNIFORM
      && self->last_arrival + sb_sim_seconds_to_us (1.0 / t->rate) < self->now)
    {
      self->arrival_base = self->now;
      sb_sim_push_event (self, SB_EVENT_ARRIVAL, self->now, 0, self->arrival_gen);
      return;
    }
  schedule_arrival (self);
}

/* Like HAProxy at start-up, spread the first checks over one interval:
 * backend k is first checked at start + k × interval / n. */
static void
restart_checks (SbSim *self)
{
  guint n = self->topo.n_backends;

  self->check_gen++;
  if (self->topo.lb < 0)
    return;
  for (guint k = 0; k < n; k++)
    sb_sim_push_event (self, SB_EVENT_CHECK, self->now + self->interval_us * k / n,
                       (gint32) k, self->check_gen);
}

/* --- handling events -------------------------------------------------- */

static void
run_check (SbSim  *self,
           guint   k)
{
  const SbBalancer *cfg = &self->scenario->balancer;
  gboolean passed;
  int before_n, after_n;
  SbCheckState before, after;

  passed = sb_topology_check_passes (&self->topo, self->killed, cfg->check, k);
  before = sb_health_state (&self->health[k], cfg->rise, cfg->fall, &before_n, NULL);
  if (sb_health_report (&self->health[k], passed, cfg->rise, cfg->fall) && self->health[k].up)
    self->servers[k].since = ++self->lc_clock;   /* back in HAProxy's tree, last */
  self->servers[k].up = self->health[k].up;
  after = sb_health_state (&self->health[k], cfg->rise, cfg->fall, &after_n, NULL);
  if (before != after || before_n != after_n)
    sb_sim_record_backend (self, k);
  sb_sim_push_event (self, SB_EVENT_CHECK, self->now + self->interval_us, (gint32) k, self->check_gen);
}

static gboolean
event_is_live (SbSim         *self,
               const SbEvent *ev)
{
  switch (ev->kind)
    {
    case SB_EVENT_ARRIVAL:
      return ev->gen == self->arrival_gen;
    case SB_EVENT_HOP:
      return ((SbRequest *) ev->ptr)->id == ev->tag;
    case SB_EVENT_CHECK:
      return ev->gen == self->check_gen;
    case SB_EVENT_VRRP:
      return ev->gen == self->vrrp_gen;
    case SB_EVENT_REPL_APPLY:
    default:
      return TRUE;
    }
}

/* The pending hop events of requests that failed meanwhile (timed out,
 * reset by a kill) are only skipped when their time comes: with a hop of
 * a day that is a day later, and a day of refused requests would fill the
 * queue.  Once they are the most part of it, they go. */
static gboolean
keep_event (const SbEvent *ev,
            gpointer       data)
{
  return event_is_live (data, ev);
}

static void
compact (SbSim *self)
{
  if (self->dead_hops < 4096 || self->dead_hops * 2 < sb_event_queue_size (&self->queue))
    return;
  sb_event_queue_filter (&self->queue, keep_event, self);
  self->dead_hops = 0;
}

static void
handle_event (SbSim         *self,
              const SbEvent *ev)
{
  if (!event_is_live (self, ev))
    {
      self->dead_hops -= ev->kind == SB_EVENT_HOP && self->dead_hops > 0;
      return;
    }
  self->n_events++;
  switch (ev->kind)
    {
    case SB_EVENT_ARRIVAL:
      self->last_arrival = self->now;
      sb_sim_request_new (self);
      schedule_arrival (self);
      break;
    case SB_EVENT_HOP:
      sb_sim_request_hop (self, ev->ptr);
      break;
    case SB_EVENT_CHECK:
      run_check (self, (guint) ev->index);
      break;
    case SB_EVENT_REPL_APPLY:
      sb_replication_apply (&self->repl, (guint) ev->index, (gint64) ev->tag, ev->gen);
      break;
    case SB_EVENT_VRRP:
      sb_sim_vrrp_expired (self);
      break;
    case SB_EVENT_METRICS:
      sb_sim_metrics_tick (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
sb_sim_advance_to (SbSim  *self,
                   gint64  time_us)
{
  SbEvent ev;

  g_return_if_fail (self != NULL);
  /* A request times out after the events due at or before its deadline.
   * The oldest request's deadline only ever moves later (a newer request
   * becomes the oldest), so events before it run at full speed. */
  for (;;)
    {
      gint64 deadline = sb_sim_next_timeout (self);

      while (sb_event_queue_pop_until (&self->queue, MIN (time_us, deadline), &ev))
        {
          self->now = MAX (self->now, ev.time);
          handle_event (self, &ev);
          compact (self);
        }
      if (deadline > time_us)
        break;
      if (sb_sim_next_timeout (self) == deadline)
        sb_sim_request_time_out (self);
    }
  self->now = MAX (self->now, time_us);
  sb_series_roll (&self->series, self->now / SB_SIM_USEC_PER_SEC);
}

void
sb_sim_advance (SbSim  *self,
                gint64  dt_us)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (dt_us >= 0);
  sb_sim_advance_to (self, self->now + dt_us);
}

gboolean
sb_sim_step (SbSim *self)
{
  SbEvent ev;

  g_return_val_if_fail (self != NULL, FALSE);
  for (;;)
    {
      const SbEvent *next = sb_event_queue_peek (&self->queue);

      if (sb_sim_next_timeout (self) < (next ? next->time : G_MAXINT64))
        {
          sb_sim_request_time_out (self);
          sb_series_roll (&self->series, self->now / SB_SIM_USEC_PER_SEC);
          return TRUE;
        }
      if (!sb_event_queue_pop (&self->queue, &ev))
        break;
      if (!event_is_live (self, &ev))
        {
          self->dead_hops -= ev.kind == SB_EVENT_HOP && self->dead_hops > 0;
          continue;
        }
      self->now = MAX (self->now, ev.time);
      handle_event (self, &ev);
      sb_series_roll (&self->series, self->now / SB_SIM_USEC_PER_SEC);
      return TRUE;
    }
  return FALSE;
}

/* The invariant after every public call: nothing due is left pending. */
static void
process_due (SbSim *self)
{
  sb_sim_advance_to (self, self->now);
}

gint64
sb_sim_get_time (SbSim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->now;
}

guint64
sb_sim_get_n_events (SbSim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_events;
}

gint64
sb_sim_get_next_hop_time (SbSim *self)
{
  gint64 best = -1;

  g_return_val_if_fail (self != NULL, -1);
  /* A linear scan: this serves a button, not the hot path. */
  for (guint i = 0; i < sb_event_queue_size (&self->queue); i++)
    {
      const SbEvent *ev = sb_event_queue_nth (&self->queue, i);

      if ((ev->kind == SB_EVENT_ARRIVAL || ev->kind == SB_EVENT_HOP)
          && event_is_live (self, ev) && (best < 0 || ev->time < best))
        best = ev->time;
    }
  return best;
}

/* --- lifecycle -------------------------------------------------------- */

static void
init_settings (SbSim *self)
{
  const SbScenario *s = self->scenario;

  self->hop_us = MAX (sb_sim_seconds_to_us (s->hop), 1);
  self->lag_us = MAX (sb_sim_seconds_to_us (s->lag), 0);
  self->ttl_us = MAX (sb_sim_seconds_to_us (s->ttl), 0);
  self->interval_us = MAX (sb_sim_seconds_to_us (s->balancer.interval), 1);
  self->scenario->balancer.rise = MAX (s->balancer.rise, 1);
  self->scenario->balancer.fall = MAX (s->balancer.fall, 1);
  self->scenario->traffic.clients = CLAMP (s->traffic.clients, 1, G_MAXUINT16);
}

static void
init_balancer (SbSim *self)
{
  guint n = self->topo.n_backends;
  const SbBalancer *cfg = &self->scenario->balancer;

  self->servers = g_new0 (SbLbServer, MAX (n, 1));
  self->app_next = g_new0 (guint, MAX (n, 1));
  self->health = g_new0 (SbHealth, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      sb_health_init (&self->health[k], TRUE, cfg->rise, cfg->fall);
      self->servers[k].up = TRUE;
      self->servers[k].backup = cfg->mode == SB_MODE_ACTIVE_PASSIVE && k > 0;
      self->servers[k].since = k;
    }
  self->lc_clock = n;
}

static void
init_counters (SbSim *self)
{
  guint n = self->topo.n_elements;

  self->handled = g_new0 (guint64, MAX (n, 1));
  self->failures_at = g_new0 (guint64, MAX (n, 1));
  self->served_by = g_new0 (guint64, MAX (n, 1));
  sb_histogram_init (&self->latency);
  sb_series_init (&self->series, SB_SIM_SERIES_SECONDS);
  sb_events_ring_init (&self->events, SB_SIM_EVENTS_KEPT);
  sb_events_ring_init (&self->failures, SB_SIM_FAILURES_KEPT);
}

SbSim *
sb_sim_new (const SbScenario *scenario)
{
  SbSim *self;

  g_return_val_if_fail (scenario != NULL, NULL);
  self = g_new0 (SbSim, 1);
  self->scenario = sb_scenario_copy (scenario);
  init_settings (self);
  sb_topology_init (&self->topo, self->scenario);
  self->killed = g_new0 (gboolean, MAX (self->topo.n_elements, 1));
  self->dns_expiry = g_new0 (gint64, self->scenario->traffic.clients);
  for (int c = 0; c < self->scenario->traffic.clients; c++)
    self->dns_expiry[c] = -1;
  sb_rng_seed (&self->rng, self->scenario->traffic.seed);
  sb_event_queue_init (&self->queue);
  init_balancer (self);
  sb_replication_init (&self->repl, &self->topo);
  init_counters (self);
  self->opened = g_new0 (gboolean, MAX (self->topo.n_elements, 1));
  sb_sim_cluster_init (self);
  restart_checks (self);
  schedule_arrival (self);
  process_due (self);
  return self;
}

void
sb_sim_free (SbSim *self)
{
  if (self == NULL)
    return;
  sb_sim_requests_free (self);
  sb_event_queue_clear (&self->queue);
  sb_replication_clear (&self->repl);
  sb_histogram_clear (&self->latency);
  sb_series_clear (&self->series);
  sb_events_ring_clear (&self->events);
  sb_events_ring_clear (&self->failures);
  g_free (self->handled);
  g_free (self->failures_at);
  g_free (self->served_by);
  g_free (self->servers);
  g_free (self->app_next);
  g_free (self->opened);
  sb_sim_cluster_clear (self);
  g_free (self->health);
  g_free (self->dns_expiry);
  g_free (self->killed);
  sb_topology_clear (&self->topo);
  sb_scenario_free (self->scenario);
  g_free (self);
}

const SbScenario *
sb_sim_get_scenario (SbSim *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->scenario;
}

/* --- actions ---------------------------------------------------------- */

static int
find_target (SbSim       *self,
             const char  *id,
             GError     **error)
{
  int e = sb_topology_find (&self->topo, id);

  if (e < 0)
    g_set_error (error, SB_SIM_ERROR, SB_SIM_ERROR_UNKNOWN_ID,
                 _("unknown element “%s”"), id);
  else if (!self->topo.elements[e].is_host && self->topo.elements[e].kind == SB_KIND_CLIENT)
    {
      g_set_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED,
                   _("“%s” is the client, which cannot be killed or revived"), id);
      return -1;
    }
  return e;
}

SbSimEvent *
sb_sim_record_action (SbSim          *self,
                      SbSimEventKind  kind,
                      int             element)
{
  SbSimEvent *ev = sb_events_ring_push (&self->events);

  ev->time = self->now;
  ev->kind = kind;
  ev->element = self->topo.elements[element].id;
  return ev;
}

/* Tells replication which databases are up after a kill or a revive. */
static void
sync_databases (SbSim *self)
{
  for (guint i = 0; i < self->repl.n_dbs; i++)
    sb_replication_set_up (&self->repl, &self->queue, self->now, self->lag_us, i,
                           sb_sim_up (self, self->repl.dbs[i].element));
}

/* Kills (KILLED) or revives element ID; doing what is already so does
 * nothing and succeeds. */
static gboolean
set_killed (SbSim       *self,
            const char  *id,
            gboolean     killed,
            GError     **error)
{
  int e;

  g_return_val_if_fail (self != NULL && id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if ((e = find_target (self, id, error)) < 0)
    return FALSE;
  if (!self->killed[e] == !killed)
    return TRUE;
  self->killed[e] = killed;
  sb_sim_event_done (self, sb_sim_record_action (self, killed ? SB_SIM_EVENT_KILL : SB_SIM_EVENT_REVIVE, e));
  if (killed)
    sb_sim_requests_killed (self, e);
  sync_databases (self);
  sb_sim_vrrp_changed (self);
  process_due (self);
  return TRUE;
}

gboolean
sb_sim_kill (SbSim       *self,
             const char  *id,
             GError     **error)
{
  return set_killed (self, id, TRUE, error);
}

gboolean
sb_sim_revive (SbSim       *self,
               const char  *id,
               GError     **error)
{
  return set_killed (self, id, FALSE, error);
}

gboolean
sb_sim_set_firewall_open (SbSim       *self,
                          const char  *id,
                          gboolean     open,
                          GError     **error)
{
  SbSimEvent *ev;
  int e;

  g_return_val_if_fail (self != NULL && id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if ((e = find_target (self, id, error)) < 0)
    return FALSE;
  if (self->topo.elements[e].is_host || self->topo.elements[e].kind != SB_KIND_FIREWALL)
    {
      g_set_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED,
                   _("“%s” is not a firewall"), id);
      return FALSE;
    }
  if (!self->opened[e] == !open)
    return TRUE;
  self->opened[e] = !!open;
  ev = sb_sim_record_action (self, SB_SIM_EVENT_FIREWALL, e);
  ev->ok = self->opened[e];
  sb_sim_event_done (self, ev);
  return TRUE;
}

gboolean
sb_sim_is_firewall_open (SbSim      *self,
                         const char *id)
{
  int e;

  g_return_val_if_fail (self != NULL, FALSE);
  e = sb_topology_find (&self->topo, id);
  return e >= 0 && self->opened[e];
}

static void
set_scenario_role (SbSim    *self,
                   int       element,
                   SbDbRole  role)
{
  SbComponent *c = g_ptr_array_index (self->scenario->components, element);

  c->role = role;
}

gboolean
sb_sim_promote (SbSim       *self,
                const char  *id,
                GError     **error)
{
  int e, i, old;

  g_return_val_if_fail (self != NULL && id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if ((e = find_target (self, id, error)) < 0)
    return FALSE;
  i = sb_replication_find (&self->repl, e);
  if (i < 0 || self->repl.dbs[i].role != SB_DB_ROLE_REPLICA)
    {
      g_set_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED,
                   _("“%s” is not a database replica"), id);
      return FALSE;
    }
  if (!sb_sim_up (self, e))
    {
      g_set_error (error, SB_SIM_ERROR, SB_SIM_ERROR_NOT_ALLOWED,
                   _("“%s” is down and cannot be promoted"), id);
      return FALSE;
    }
  old = self->repl.primary;
  sb_replication_promote (&self->repl, &self->queue, self->now, self->lag_us, (guint) i);
  if (old >= 0)
    set_scenario_role (self, self->repl.dbs[old].element, SB_DB_ROLE_REPLICA);
  set_scenario_role (self, e, SB_DB_ROLE_PRIMARY);
  self->counters.lost_writes = self->repl.lost_writes;
  sb_sim_event_done (self, sb_sim_record_action (self, SB_SIM_EVENT_PROMOTE, e));
  process_due (self);
  return TRUE;
}

/* --- settings --------------------------------------------------------- */

void
sb_sim_set_algorithm (SbSim       *self,
                      SbAlgorithm  algorithm)
{
  g_return_if_fail (self != NULL);
  self->scenario->balancer.algorithm = algorithm;
}

void
sb_sim_set_mode (SbSim  *self,
                 SbMode  mode)
{
  g_return_if_fail (self != NULL);
  self->scenario->balancer.mode = mode;
  for (guint k = 0; k < self->topo.n_backends; k++)
    self->servers[k].backup = mode == SB_MODE_ACTIVE_PASSIVE && k > 0;
}

void
sb_sim_set_check (SbSim       *self,
                  SbCheckType  check)
{
  g_return_if_fail (self != NULL);
  self->scenario->balancer.check = check;
}

void
sb_sim_set_interval (SbSim  *self,
                     double  seconds)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (seconds > 0 && isfinite (seconds));
  self->scenario->balancer.interval = seconds;
  self->interval_us = MAX (sb_sim_seconds_to_us (seconds), 1);
  restart_checks (self);
  process_due (self);
}

void
sb_sim_set_rise_fall (SbSim *self,
                      int    rise,
                      int    fall)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rise >= 1 && fall >= 1);
  self->scenario->balancer.rise = rise;
  self->scenario->balancer.fall = fall;
  /* Each server keeps its state; its streak starts again. */
  for (guint k = 0; k < self->topo.n_backends; k++)
    sb_health_init (&self->health[k], self->health[k].up, rise, fall);
}

void
sb_sim_set_redispatch (SbSim    *self,
                       gboolean  redispatch)
{
  g_return_if_fail (self != NULL);
  self->scenario->balancer.redispatch = !!redispatch;
}

void
sb_sim_set_rate (SbSim  *self,
                 double  rate)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rate > 0 && isfinite (rate));
  self->scenario->traffic.rate = rate;
  restart_arrivals (self);
  process_due (self);
}

void
sb_sim_set_arrival (SbSim     *self,
                    SbArrival  arrival)
{
  g_return_if_fail (self != NULL);
  self->scenario->traffic.arrival = arrival;
  restart_arrivals (self);
  process_due (self);
}

void
sb_sim_set_read_ratio (SbSim  *self,
                       double  read_ratio)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (read_ratio >= 0 && read_ratio <= 1);
  self->scenario->traffic.read_ratio = read_ratio;
}

void
sb_sim_set_lag (SbSim  *self,
                double  seconds)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (seconds >= 0 && isfinite (seconds));
  self->scenario->lag = seconds;
  self->lag_us = sb_sim_seconds_to_us (seconds);
}

void
sb_sim_set_ttl (SbSim  *self,
                double  seconds)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (seconds >= 0 && isfinite (seconds));
  self->scenario->ttl = seconds;
  self->ttl_us = sb_sim_seconds_to_us (seconds);
}
