/* sb-sim-private.h — SbSim's state, shared by the files of the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SbSim spans sb-sim.c (clock, events, actions, settings), sb-sim-request.c
 * (a request's path) and sb-sim-view.c (the read-only view).  Nothing
 * outside src/sim/ includes this header.
 */
#pragma once

#include "sim/sb-balancer.h"
#include "sim/sb-event-queue.h"
#include "sim/sb-events-ring.h"
#include "sim/sb-health.h"
#include "sim/sb-replication.h"
#include "sim/sb-rng.h"
#include "sim/sb-sim.h"
#include "sim/sb-stats.h"
#include "sim/sb-topology.h"

G_BEGIN_DECLS

/* Elements that can hold a request's connection at once: the LB, Nginx,
 * the application server and the firewalls in front of their hosts. */
#define SB_CHAIN_MAX 8

typedef struct _SbRequest SbRequest;

typedef struct {
  int          element;
  SbAlertKind  kind;
  gint64       since;
} SbSimAlert;

/* One request in flight.  Structs are recycled through a free list, so the
 * memory is that of the largest number of requests in flight at once. */
struct _SbRequest {
  SbRequest *prev;              /* in-flight list, oldest first; */
  SbRequest *next;              /* next is also the free-list link */
  guint64    id;                /* 0 while free */
  gint64     started;
  gint64     hop_start;
  gint64     hop_end;
  gint16     from;              /* element indices of the current hop */
  gint16     to;
  gint16     backend;           /* index in topo.backends, -1 before the LB chose */
  gint16     failed_backend;    /* excluded from the redispatch */
  gint16     app;               /* the application server Nginx chose, or -1 */
  gint16     pending;           /* where it goes once past a firewall */
  guint16    client;
  guint8     type;              /* SbRequestType */
  guint8     direction;         /* SbDirection */
  guint8     chain_len;
  guint8     path_len;
  guint      retried : 1;       /* redispatch used */
  guint      bouncing : 1;      /* on its way back to the LB for the retry */
  guint      dns_answer : 1;    /* carrying a DNS answer to the client */
  guint      counted : 1;       /* in servers[backend].in_flight */
  guint      stale : 1;
  guint      next_upstream : 1; /* refused by an application server: back to Nginx */
  guint      upstream_retried : 1;
  guint      on_hop : 1;        /* an SB_EVENT_HOP for it is pending */
  /* Elements holding a connection for it (the LB, Nginx, the application
   * server), outermost first: killing one fails the request there. */
  gint16     chain[SB_CHAIN_MAX];
  gint16     path[SB_SIM_PATH_MAX];
};

struct _SbSim {
  SbScenario    *scenario;      /* owned copy, settings kept in step */
  SbTopology     topo;
  gboolean      *killed;        /* per element */
  gint64         now;
  guint64        n_events;      /* handled, for sb_sim_get_n_events() */
  gint64         hop_us;
  gint64         lag_us;
  gint64         ttl_us;
  gint64         interval_us;
  SbRng          rng;
  SbEventQueue   queue;

  /* Arrivals: uniform ones fall at base + k / rate, computed from k so
   * that rounding never accumulates. */
  gint64         arrival_base;
  guint64        arrival_k;
  gint64         last_arrival;
  guint32        arrival_gen;
  guint64        next_id;
  gint64        *dns_expiry;    /* per client: cached answer valid while now < it */

  SbRequest     *first;         /* in flight, oldest first: the first times out first */
  SbRequest     *last;
  SbRequest     *free_list;
  guint64        dead_hops;     /* pending hop events of requests gone (see compact()) */

  /* The load balancer's view, one entry per topo.backends. */
  SbLbServer    *servers;
  SbHealth      *health;
  guint          rr_next;
  guint64        lc_clock;      /* stamps SbLbServer.since */
  guint32        check_gen;
  guint         *app_next;      /* per backend: Nginx's turn in topo.apps */

  /* The cluster of load balancers: who holds the virtual IP. */
  int            active_lb;
  guint32        vrrp_gen;
  gboolean      *opened;        /* per element: a firewall let everything in */

  /* Monitoring: the last report of each agent, the alerts raised. */
  gint64        *last_report;   /* per topo.agents */
  SbSimAlert    *alerts;
  guint          n_alerts;

  SbReplication  repl;

  SbSimCounters  counters;
  guint64       *handled;       /* per element */
  guint64       *failures_at;
  guint64       *served_by;
  SbHistogram    latency;
  SbSeries       series;
  SbEventsRing   events;
  SbEventsRing   failures;
  SbSimEventFunc event_func;
  gpointer       event_data;
};

/* sb-sim.c */
gboolean   sb_sim_up              (SbSim        *self,
                                   int           element);
guint32    sb_sim_client_address  (SbSim        *self,
                                   guint         client);
/* Schedules an event of KIND at TIME for INDEX, of generation GEN. */
void       sb_sim_push_event      (SbSim          *self,
                                   SbEventKind     kind,
                                   gint64          time,
                                   gint32          index,
                                   guint32         gen);
/* Logs a kill, a revive, a VIP move... of ELEMENT at the current time;
 * the caller fills in the rest, then calls sb_sim_event_done(). */
SbSimEvent *sb_sim_record_action  (SbSim          *self,
                                   SbSimEventKind  kind,
                                   int             element);
/* EVENT, just logged, is complete: tells the event function. */
static inline void
sb_sim_event_done (SbSim            *self,
                   const SbSimEvent *event)
{
  if (self->event_func != NULL)
    self->event_func (self, event, self->event_data);
}

/* sb-sim-request.c */
void       sb_sim_request_new     (SbSim        *self);
void       sb_sim_request_hop     (SbSim        *self,
                                   SbRequest    *request);
/* Fails every request holding a connection through an element that is
 * now down; PLACE is the element just killed. */
void       sb_sim_requests_killed (SbSim        *self,
                                   int           place);
void       sb_sim_requests_free   (SbSim        *self);
/* When the oldest request in flight times out (µs), or G_MAXINT64. */
gint64     sb_sim_next_timeout    (SbSim        *self);
/* Fails the oldest request in flight, timed out, at its deadline. */
void       sb_sim_request_time_out (SbSim       *self);

/* sb-sim-cluster.c: the virtual IP and the monitoring service */
void       sb_sim_cluster_init    (SbSim        *self);
void       sb_sim_cluster_clear   (SbSim        *self);
/* After a kill or a revive: a VIP move is due after the detection time. */
void       sb_sim_vrrp_changed    (SbSim        *self);
void       sb_sim_vrrp_expired    (SbSim        *self);
void       sb_sim_metrics_tick    (SbSim        *self);

/* sb-sim-view.c */
void       sb_sim_record_backend  (SbSim        *self,
                                   guint         index);

G_END_DECLS
