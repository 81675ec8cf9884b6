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
  int app;
  int code;
  int db;                 /* the database on the same host */
} SbTopoBackend;

typedef struct {
  SbTopoElement *elements;
  guint          n_elements;
  guint          n_components;
  GHashTable    *index;          /* id → element index + 1 */
  int            client;
  int            dns;
  int            lb;
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

G_END_DECLS
