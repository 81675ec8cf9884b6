/* sb-sim-view.c — the read-only view for the renderer, the UI and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-sim-private.h"

static int
lookup (SbSim      *self,
              const char *id)
{
  return sb_topology_find (&self->topo, id);
}

guint
sb_sim_get_n_elements (SbSim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->topo.n_elements;
}

const char *
sb_sim_get_element_id (SbSim *self,
                       guint  index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->topo.n_elements, NULL);
  return self->topo.elements[index].id;
}

gboolean
sb_sim_element_is_host (SbSim *self,
                        guint  index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->topo.n_elements, FALSE);
  return self->topo.elements[index].is_host;
}

int
sb_sim_find_element (SbSim      *self,
                     const char *id)
{
  g_return_val_if_fail (self != NULL, -1);
  return lookup (self, id);
}

SbElementState
sb_sim_get_element_state (SbSim      *self,
                          const char *id)
{
  int e;

  g_return_val_if_fail (self != NULL, SB_ELEMENT_DOWN);
  e = lookup (self, id);
  g_return_val_if_fail (e >= 0, SB_ELEMENT_DOWN);
  if (self->killed[e])
    return SB_ELEMENT_DOWN;
  return sb_sim_up (self, e) ? SB_ELEMENT_UP : SB_ELEMENT_HOST_DOWN;
}

gboolean
sb_sim_is_up (SbSim      *self,
              const char *id)
{
  return sb_sim_get_element_state (self, id) == SB_ELEMENT_UP;
}

/* --- requests --------------------------------------------------------- */

static const char *
id_or_null (SbSim *self,
            int    e)
{
  return e >= 0 ? self->topo.elements[e].id : NULL;
}

void
sb_sim_foreach_request (SbSim            *self,
                        SbSimRequestFunc  func,
                        gpointer          user_data)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);
  for (SbRequest *r = self->first; r != NULL; r = r->next)
    {
      SbSimRequestView view = { 0 };
      gint64 span = r->hop_end - r->hop_start;

      view.id = r->id;
      view.type = r->type;
      view.client = r->client;
      view.from = id_or_null (self, r->from);
      view.to = id_or_null (self, r->to);
      view.progress = span > 0 ? CLAMP ((double) (self->now - r->hop_start) / span, 0.0, 1.0) : 1.0;
      view.direction = r->direction;
      view.retrying = r->bouncing;
      view.backend = r->backend >= 0 ? id_or_null (self, self->topo.backends[r->backend].host) : NULL;
      view.started = r->started;
      func (&view, user_data);
    }
}

/* --- load balancer ---------------------------------------------------- */

guint
sb_sim_get_n_backends (SbSim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->topo.lb >= 0 ? self->topo.n_backends : 0;
}

gboolean
sb_sim_get_backend (SbSim            *self,
                    guint             index,
                    SbSimBackendView *view)
{
  const SbBalancer *cfg;
  const SbHealth *h;

  g_return_val_if_fail (self != NULL && view != NULL, FALSE);
  if (index >= sb_sim_get_n_backends (self))
    return FALSE;
  cfg = &self->scenario->balancer;
  h = &self->health[index];
  view->host = id_or_null (self, self->topo.backends[index].host);
  view->state = sb_health_state (h, cfg->rise, cfg->fall, &view->count, &view->of);
  view->up = h->up;
  view->backup = self->servers[index].backup;
  view->in_flight = self->servers[index].in_flight;
  sb_health_format_label (h, cfg->rise, cfg->fall, view->label, sizeof view->label);
  return TRUE;
}

void
sb_sim_record_backend (SbSim *self,
                       guint  index)
{
  SbSimBackendView view;
  SbSimEvent *ev;

  if (!sb_sim_get_backend (self, index, &view))
    return;
  ev = sb_events_ring_push (&self->events);
  ev->time = self->now;
  ev->kind = SB_SIM_EVENT_BACKEND;
  ev->element = view.host;
  ev->state = view.state;
  g_strlcpy (ev->label, view.label, sizeof ev->label);
  sb_sim_event_done (self, ev);
}

/* --- replication ------------------------------------------------------ */

const char *
sb_sim_get_primary (SbSim *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (self->repl.primary < 0)
    return NULL;
  return id_or_null (self, self->repl.dbs[self->repl.primary].element);
}

gint64
sb_sim_get_primary_version (SbSim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return sb_replication_version (&self->repl);
}

guint
sb_sim_get_n_databases (SbSim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->repl.n_dbs;
}

gboolean
sb_sim_get_database (SbSim             *self,
                     guint              index,
                     SbSimDatabaseView *view)
{
  const SbReplDb *db;

  g_return_val_if_fail (self != NULL && view != NULL, FALSE);
  if (index >= self->repl.n_dbs)
    return FALSE;
  db = &self->repl.dbs[index];
  view->id = id_or_null (self, db->element);
  view->role = db->role;
  view->up = sb_sim_up (self, db->element);
  view->version = db->version;
  view->behind = MAX (0, sb_replication_version (&self->repl) - db->version);
  return TRUE;
}

/* --- log -------------------------------------------------------------- */

guint64
sb_sim_get_events_first (SbSim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return sb_events_ring_first (&self->events);
}

guint64
sb_sim_get_events_end (SbSim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->events.end;
}

const SbSimEvent *
sb_sim_get_event (SbSim   *self,
                  guint64  seq)
{
  g_return_val_if_fail (self != NULL, NULL);
  return sb_events_ring_get (&self->events, seq);
}

void
sb_sim_set_event_func (SbSim          *self,
                       SbSimEventFunc  func,
                       gpointer        user_data)
{
  g_return_if_fail (self != NULL);
  self->event_func = func;
  self->event_data = user_data;
}

guint
sb_sim_get_n_recent_failures (SbSim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (guint) (self->failures.end - sb_events_ring_first (&self->failures));
}

const SbSimEvent *
sb_sim_get_recent_failure (SbSim *self,
                           guint  index)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (index >= sb_sim_get_n_recent_failures (self))
    return NULL;
  return sb_events_ring_get (&self->failures, self->failures.end - 1 - index);
}

/* --- counters --------------------------------------------------------- */

const SbSimCounters *
sb_sim_get_counters (SbSim *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->counters;
}

static guint64
per_element (SbSim         *self,
             const guint64 *counts,
             const char    *id)
{
  int e = lookup (self, id);

  g_return_val_if_fail (e >= 0, 0);
  return counts[e];
}

guint64
sb_sim_get_handled (SbSim      *self,
                    const char *id)
{
  g_return_val_if_fail (self != NULL, 0);
  return per_element (self, self->handled, id);
}

guint64
sb_sim_get_failures_at (SbSim      *self,
                        const char *id)
{
  g_return_val_if_fail (self != NULL, 0);
  return per_element (self, self->failures_at, id);
}

guint64
sb_sim_get_served_by (SbSim      *self,
                      const char *id)
{
  g_return_val_if_fail (self != NULL, 0);
  return per_element (self, self->served_by, id);
}

gboolean
sb_sim_get_latency (SbSim  *self,
                    double  percentile,
                    double *seconds)
{
  gint64 us;

  g_return_val_if_fail (self != NULL && seconds != NULL, FALSE);
  g_return_val_if_fail (percentile > 0 && percentile <= 100, FALSE);
  us = sb_histogram_percentile (&self->latency, percentile);
  if (us < 0)
    return FALSE;
  *seconds = (double) us / (double) SB_SIM_USEC_PER_SEC;
  return TRUE;
}

guint
sb_sim_get_series (SbSim   *self,
                   guint    max_len,
                   gint64  *first_second,
                   guint32 *successes,
                   guint32 *failures)
{
  g_return_val_if_fail (self != NULL && first_second != NULL, 0);
  return sb_series_copy (&self->series, max_len, first_second, successes, failures);
}
