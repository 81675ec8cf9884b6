/* sb-topology.h — the routing facts the simulation reads from a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Elements are numbered: the scenario's components in order, then its
 * hosts.  Ids are borrowed from the scenario, which must outlive the
 * topology.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;
  gboolean    is_host;
  int         host;       /* element index of its host, or -1 */
  SbKind      kind;       /* components only */
  SbDbRole    role;       /* as written in the scenario */
  gboolean    managed;
} SbTopoElement;

/* One server the traffic can reach: a backend of the LB, or without a
 * load balancer the one server the DNS name points at. */
typedef struct {
  int host;               /* element indices, -1 when absent */
  int web;
  int app;                /* on the same host; -1: Nginx proxies to topo.apps */
} SbTopoBackend;

typedef struct {
  SbTopoElement *elements;
  guint          n_elements;
  guint          n_components;
  GHashTable    *index;          /* id → element index + 1 */
  int            client;
  int            dns;
  int            lb;             /* the first load balancer: the VRRP master */
  int           *lbs;            /* every load balancer (a cluster shares the VIP) */
  guint          n_lbs;
  int           *guard;          /* per element: the firewall in front of its host, or -1 */
  int           *code_of;        /* per application server: the files on its host, or -1 */
  int           *db_of;          /* per application server: the database it reads, or -1 */
  int           *apps;           /* application servers on hosts without a web server:
                                  * the upstream of every Nginx without its own */
  guint          n_apps;
  int            monitoring;     /* the monitoring service, or -1 */
  int           *agents;         /* monitoring agents, scenario order */
  guint          n_agents;
  SbTopoBackend *backends;
  guint          n_backends;
  int           *databases;      /* element indices, scenario order */
  guint          n_databases;
  guint32        client_address; /* IPv4 of client 0; client i is +i */
} SbTopology;

void      sb_topology_init   (SbTopology       *topo,
                              const SbScenario *scenario);
void      sb_topology_clear  (SbTopology       *topo);
int       sb_topology_find   (const SbTopology *topo,
                              const char       *id);
/* Up in truth: neither the element nor its host is in KILLED. */
gboolean  sb_topology_is_up  (const SbTopology *topo,
                              const gboolean   *killed,
                              int               element);
/* Up, and the firewall in front of its host (if any) lets traffic in. */
gboolean  sb_topology_reachable (const SbTopology *topo,
                                 const gboolean   *killed,
                                 int               element);
/* The application server the Nginx of BACKEND passes a request to: the
 * one on its host, else the first reachable one of topo.apps from
 * position START on (Nginx's upstream skips a server that refuses the
 * connection); -1 when none can take it. */
/* What a health check of TYPE on backend K sees (through the firewall,
 * and with Nginx's upstream when the application runs elsewhere). */
gboolean  sb_topology_check_passes (const SbTopology *topo,
                                    const gboolean   *killed,
                                    SbCheckType       type,
                                    guint             backend);
int       sb_topology_app_for (const SbTopology *topo,
                               const gboolean   *killed,
                               guint             backend,
                               guint             start);

G_END_DECLS
