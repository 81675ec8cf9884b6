/* sb-balancer.h — how the load balancer picks a backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over the LB's view of its servers, shared by the engine
 * and the SPOF analysis.  The rules follow HAProxy 2.6 with equal weights:
 * backup servers are used only while no active server is UP, and then
 * only the first UP backup (HAProxy without `option allbackups`).
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"

G_BEGIN_DECLS

typedef struct {
  gboolean up;          /* in the LB's view */
  gboolean backup;
  guint    in_flight;   /* requests the LB has on it now */
  guint64  since;       /* leastconn: when in_flight last changed or it came
                         * UP (any increasing count); ties go to the smallest */
} SbLbServer;

/* The server for the next request, or -1 when none is usable (503).
 * `source` uses HAProxy's default map-based hash of an IPv4 address,
 * which is the address itself: SOURCE_ADDRESS modulo the number of usable
 * servers picks one of them, in order.
 * EXCLUDE (-1 for none) is left out, as on a redispatch.  RR_NEXT is the
 * round-robin position, advanced only for roundrobin choices; pass NULL to
 * ask without moving it. */
int      sb_balancer_choose       (const SbLbServer *servers,
                                   guint             n_servers,
                                   SbAlgorithm       algorithm,
                                   guint            *rr_next,
                                   guint32           source_address,
                                   int               exclude);

/* Whether server INDEX can be chosen at all (EXCLUDE as above). */
gboolean sb_balancer_usable       (const SbLbServer *servers,
                                   guint             n_servers,
                                   guint             index,
                                   int               exclude);

/* Parses a dotted IPv4 address; FALSE when TEXT is not one. */
gboolean sb_balancer_parse_ipv4   (const char       *text,
                                   guint32          *address);

G_END_DECLS
