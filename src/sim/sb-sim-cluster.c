/* sb-sim-cluster.c — the load balancers' virtual IP and the monitoring service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two pieces of state that watch the machines rather than carry requests:
 * keepalived moving the virtual IP between a cluster of load balancers,
 * and monitoring agents reporting to an outside service that raises
 * alerts.  See docs/simulation.md.
 */
#include "config.h"

#include <string.h>

#include "sb-sim-private.h"

void
sb_sim_cluster_init (SbSim *self)
{
  guint n = self->topo.n_elements;

  self->active_lb = self->topo.lb;
  self->last_report = g_new0 (gint64, MAX (self->topo.n_agents, 1));
  self->alerts = g_new0 (SbSimAlert, MAX (n, 1));
  if (self->topo.monitoring >= 0 && self->topo.n_agents > 0)
    sb_sim_push_event (self, SB_EVENT_METRICS, 0, 0, 0);
}

void
sb_sim_cluster_clear (SbSim *self)
{
  g_clear_pointer (&self->last_report, g_free);
  g_clear_pointer (&self->alerts, g_free);
  self->n_alerts = 0;
}

/* --- VRRP ------------------------------------------------------------- */

/* The master is the first load balancer up: it has the highest priority,
 * and keepalived preempts, so it takes the address back when it returns. */
static int
wanted_master (SbSim *self)
{
  for (guint i = 0; i < self->topo.n_lbs; i++)
    if (sb_sim_up (self, self->topo.lbs[i]))
      return self->topo.lbs[i];
  return -1;
}

void
sb_sim_vrrp_changed (SbSim *self)
{
  int want = wanted_master (self);

  if (self->topo.n_lbs < 2)
    return;
  /* A new timer for every change: the address moves once the new master
   * has heard nothing from the old one for the whole detection time. */
  self->vrrp_gen++;
  if (want >= 0 && want != self->active_lb)
    sb_sim_push_event (self, SB_EVENT_VRRP, self->now + SB_SIM_VRRP_DETECTION, 0, self->vrrp_gen);
}

void
sb_sim_vrrp_expired (SbSim *self)
{
  int want = wanted_master (self);

  if (want < 0 || want == self->active_lb)
    return;
  self->active_lb = want;
  sb_sim_event_done (self, sb_sim_record_action (self, SB_SIM_EVENT_VIP, want));
}

/* --- monitoring ------------------------------------------------------- */

static int
find_alert (SbSim       *self,
            int          element,
            SbAlertKind  kind)
{
  for (guint i = 0; i < self->n_alerts; i++)
    if (self->alerts[i].element == element && self->alerts[i].kind == kind)
      return (int) i;
  return -1;
}

static void
log_alert (SbSim       *self,
           int          element,
           SbAlertKind  kind,
           gboolean     cleared)
{
  SbSimEvent *ev;

  /* A service that died does not clear its alerts: they just go unseen. */
  if (!sb_sim_up (self, self->topo.monitoring))
    return;
  ev = sb_sim_record_action (self, SB_SIM_EVENT_ALERT, element);

  ev->alert = kind;
  ev->ok = cleared;
  sb_sim_event_done (self, ev);
}

/* Raises the alert when WANTED and it is not up yet, clears it when not. */
static void
set_alert (SbSim       *self,
           int          element,
           SbAlertKind  kind,
           gboolean     wanted)
{
  int i = find_alert (self, element, kind);

  if (wanted && i < 0)
    {
      self->alerts[self->n_alerts++] = (SbSimAlert) { element, kind, self->now };
      log_alert (self, element, kind, FALSE);
    }
  else if (!wanted && i >= 0)
    {
      memmove (&self->alerts[i], &self->alerts[i + 1],
               (self->n_alerts - (guint) i - 1) * sizeof *self->alerts);
      self->n_alerts--;
      log_alert (self, element, kind, TRUE);
    }
}

/* An agent that reports tells which processes on its host are stopped;
 * one silent for SB_SIM_METRICS_SILENCE reports makes its host an alert. */
static void
watch_agent (SbSim *self,
             guint  i,
             gboolean service_up)
{
  const SbTopology *topo = &self->topo;
  int agent = topo->agents[i], host = topo->elements[agent].host;
  gboolean reports = sb_sim_up (self, agent);

  if (reports)
    self->last_report[i] = self->now;
  set_alert (self, host, SB_ALERT_NO_DATA, service_up
             && self->now - self->last_report[i] >= SB_SIM_METRICS_SILENCE * SB_SIM_METRICS_INTERVAL);
  for (guint c = 0; c < topo->n_components; c++)
    if (topo->elements[c].host == host && (int) c != agent)
      set_alert (self, (int) c, SB_ALERT_DOWN,
                 service_up && reports && self->killed[c]);
}

void
sb_sim_metrics_tick (SbSim *self)
{
  gboolean service_up = sb_sim_up (self, self->topo.monitoring);

  /* The alerts live in the service: when it is down, nobody sees any. */
  for (guint i = 0; i < self->topo.n_agents; i++)
    watch_agent (self, i, service_up);
  sb_sim_push_event (self, SB_EVENT_METRICS, self->now + SB_SIM_METRICS_INTERVAL, 0, 0);
}

/* --- view ------------------------------------------------------------- */

const char *
sb_sim_get_active_load_balancer (SbSim *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->active_lb >= 0 ? self->topo.elements[self->active_lb].id : NULL;
}

guint
sb_sim_get_n_alerts (SbSim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_alerts;
}

gboolean
sb_sim_get_alert (SbSim          *self,
                  guint           index,
                  SbSimAlertView *view)
{
  g_return_val_if_fail (self != NULL && view != NULL, FALSE);
  if (index >= self->n_alerts)
    return FALSE;
  view->element = self->topo.elements[self->alerts[index].element].id;
  view->kind = self->alerts[index].kind;
  view->since = self->alerts[index].since;
  return TRUE;
}
