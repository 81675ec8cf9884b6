/* sb-links.h — the lines of the diagram, derived from the topology
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scenario file does not list links: they follow from the kinds, the
 * hosts and the balancer's backends, through the simulation's own
 * topology, so every hop a request makes has its line.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"

G_BEGIN_DECLS

typedef enum {
  SB_LINK_DNS_LOOKUP,     /* client ⇢ DNS */
  SB_LINK_HTTP,           /* client → entry point (LB, or the web server) */
  SB_LINK_BACKEND,        /* LB → web server of a backend host */
  SB_LINK_LOCAL,          /* inside a host: web → app → code, app → db */
  SB_LINK_REMOTE_WRITE,   /* app → the primary on another host */
  SB_LINK_REPLICATION,    /* primary ⇢ replica */
  SB_LINK_UPSTREAM,       /* web server → application server on another host */
  SB_LINK_REMOTE_READ,    /* app → the database it reads on another host */
  SB_LINK_METRICS,        /* monitoring agent ⇢ monitoring service */
  SB_LINK_VRRP,           /* load balancer ⇢ load balancer of its cluster */
} SbLinkKind;

typedef struct {
  SbLinkKind  kind;
  const char *from;   /* component ids, owned by the scenario */
  const char *to;
  gboolean    backup; /* used only in a failover: an active-passive backend,
                       * or what a backup load balancer would carry */
} SbLink;

/* Every link of SCENARIO; the array holds SbLink values and borrows the
 * scenario's strings, so it must not outlive it. */
GArray  *sb_links_derive   (const SbScenario *scenario);

G_END_DECLS
