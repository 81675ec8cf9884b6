/* sb-spof.h — single points of failure, from the routing rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An element is a single point of failure for reads (writes) when, with
 * it alone down and the LB's health-check view settled on the truth, no
 * read (write) can succeed.  Computed structurally, for any scenario;
 * the client and `managed` elements are left out.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"
#include "sim/sb-sim.h"

G_BEGIN_DECLS

/* Can a request of TYPE succeed with the elements in DOWN killed (NULL:
 * none), once the LB's view and the clients' DNS caches have settled?
 * DOWN holds element ids. */
gboolean  sb_spof_can_succeed  (const SbScenario   *scenario,
                                const char * const *down,
                                SbRequestType       type);

/* Fills *reads and *writes (either may be NULL) with new arrays of the
 * ids (owned strings) of the single points of failure, sorted. */
void      sb_spof_analyse      (const SbScenario   *scenario,
                                GPtrArray         **reads,
                                GPtrArray         **writes);

G_END_DECLS
