/* sb-scenario-naming.h — ids, labels, addresses and places in the file
 * for what the editor adds (model layer only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-scenario.h"

G_BEGIN_DECLS

/* What a new machine is called and where it goes. */
typedef struct {
  char *id;
  char *label;
  char *ip;      /* may be NULL */
  guint index;   /* in scenario->hosts */
} SbNewHost;

void         sb_new_host_clear          (SbNewHost        *host);

gboolean     sb_naming_id_taken         (const SbScenario *scenario,
                                         const char       *id);
/* The label a new component of KIND gets, in English as files store it. */
const char  *sb_naming_default_label    (SbKind            kind,
                                         SbDbRole          role,
                                         gboolean          on_host);
/* A free id: "fw-1" for a firewall on "server-1", "fw-lb" on
 * "lb-server", "agent-web-1" on "web-server-1"; "lb", "lb-2" alone. */
char        *sb_naming_component_id     (const SbScenario *scenario,
                                         SbKind            kind,
                                         const char       *host);
/* The next machine of the series machine LIKE belongs to ("Web 3" after
 * "Web 2", "Load balancer 2" after "Load balancer"), or with LIKE NULL
 * (or unnumbered and !SERIES_OF_ONE) the next "Server N". */
void         sb_naming_next_host        (const SbScenario *scenario,
                                         const char       *like,
                                         gboolean          series_of_one,
                                         SbNewHost        *host);
/* A machine of its own for a component of KIND: "Load balancer"
 * (lb-server), "Web 1" (web-server-1)..., the next of the series when
 * there is one already. */
void         sb_naming_tier_host        (const SbScenario *scenario,
                                         SbKind            kind,
                                         SbNewHost        *host);
/* The first IPv4 address after IP, in its /24, that nothing in SCENARIO
 * uses; NULL when IP is no IPv4 address or the /24 is full. */
char        *sb_naming_next_ip          (const SbScenario *scenario,
                                         const char       *ip);
/* Where a new component of KIND on HOST (NULL: standing alone) goes in
 * scenario->components: a machine's firewall first and its monitoring
 * client last, as the bundled files write them. */
guint        sb_naming_component_index  (const SbScenario *scenario,
                                         SbKind            kind,
                                         const char       *host);
/* TITLE as an id: "Three web servers" is "three-web-servers"; NULL when
 * nothing of it is left. */
char        *sb_naming_slug             (const char       *title);

G_END_DECLS
