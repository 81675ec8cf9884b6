/* sb-scenario-edit.h — changing a design, one valid step at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function here either leaves a scenario that sb_scenario_validate()
 * accepts, or changes nothing and fails with SB_SCENARIO_ERROR_INVALID and
 * a translated one-line message saying why (a design that would break a
 * rule of the format is refused, never repaired behind the teacher's back).
 *
 * Connections stay structural: nothing here draws a link.  The routing
 * follows from kinds and machines (docs/scenario-format.md), so the edits
 * keep what it relies on — the load balancer's backends are the machines
 * with a web server, a second load balancer makes a cluster sharing a
 * virtual IP, monitoring clients always have a service to report to.
 *
 * New elements get the ids, labels and addresses the bundled scenarios
 * use: "fw-1" for the firewall of "server-1", "Server 3" after "Server 2",
 * "Web 3" after "Web 2".  They carry no explanation of their own.
 */
#pragma once

#include "sb-scenario.h"

G_BEGIN_DECLS

/* The kind name win.add-element and sb_scenario_add_element() take for a
 * machine; every other kind is spelt as in the format ("firewall"...). */
#define SB_EDIT_KIND_HOST "host"

/* Adds an element of KIND — "host", a component kind of the format, or
 * "database:primary" / "database:replica" — next to NEAR (the selection:
 * a machine, a component, or NULL).  A machine follows NEAR's series
 * ("Web 3" after "Web 2"), else is the next "Server N".  A browser, the
 * DNS and the monitoring service stand alone; a load balancer goes on
 * NEAR's machine, or stands alone, or gets a machine of its own when the
 * others have one (a second one makes a cluster with a virtual IP, as
 * the scale-up step does); everything else goes on NEAR's machine.
 * A monitoring client brings the monitoring service when there is none;
 * a database is the primary when there is none, else a replica.
 * Returns the new element's id. */
char     *sb_scenario_add_element      (SbScenario  *self,
                                        const char  *kind,
                                        const char  *near,
                                        GError     **error);
/* An empty machine: the next of LIKE's series when LIKE (a machine id)
 * is numbered, else the next "Server N".  Returns its id. */
char     *sb_scenario_add_host         (SbScenario  *self,
                                        const char  *like,
                                        GError     **error);
/* A component of KIND (ROLE for a database, else SB_DB_ROLE_NONE) on
 * HOST, or standing alone when HOST is NULL.  Returns its id. */
char     *sb_scenario_add_component    (SbScenario  *self,
                                        SbKind       kind,
                                        SbDbRole     role,
                                        const char  *host,
                                        GError     **error);

/* Deletes component ID, or machine ID with everything on it. */
gboolean  sb_scenario_delete           (SbScenario  *self,
                                        const char  *id,
                                        GError     **error);

/* The label of machine or component ID, trimmed; never empty. */
gboolean  sb_scenario_set_label        (SbScenario  *self,
                                        const char  *id,
                                        const char  *label,
                                        GError     **error);
/* The title, trimmed and never empty; the scenario's name (an id, the
 * file name Save As suggests) follows it. */
gboolean  sb_scenario_set_title        (SbScenario  *self,
                                        const char  *title,
                                        GError     **error);
gboolean  sb_scenario_set_summary      (SbScenario  *self,
                                        const char  *summary,
                                        GError     **error);
/* The address of machine or component ID; NULL or "" removes it. */
gboolean  sb_scenario_set_ip           (SbScenario  *self,
                                        const char  *id,
                                        const char  *ip,
                                        GError     **error);
/* The address a cluster of load balancers shares; NULL or "" removes it
 * (refused while there are two load balancers). */
gboolean  sb_scenario_set_virtual_ip   (SbScenario  *self,
                                        const char  *ip,
                                        GError     **error);
/* HTTPS ended at the load balancer. */
gboolean  sb_scenario_set_https        (SbScenario  *self,
                                        gboolean     https,
                                        GError     **error);
/* Makes database ID the primary of the design; the primary it replaces
 * becomes a replica. */
gboolean  sb_scenario_set_primary      (SbScenario  *self,
                                        const char  *id,
                                        GError     **error);

/* Moves component ID onto machine HOST, or makes it stand alone (HOST
 * NULL).  It loses its position: the layout places it on its machine. */
gboolean  sb_scenario_move_component   (SbScenario  *self,
                                        const char  *id,
                                        const char  *host,
                                        GError     **error);
/* Moves component ID onto a new machine of its own, named for its tier
 * ("Load balancer", "Web 3"...), which takes the component's address.
 * Returns the machine's id. */
char     *sb_scenario_move_to_new_host (SbScenario  *self,
                                        const char  *id,
                                        GError     **error);

/* A copy of the last backend's machine (web server, application server,
 * files, a replica for a primary, its firewall and monitoring client)
 * behind the load balancer: "Server 3" after "Server 2", "Web 3" after
 * "Web 2".  Returns the new machine's id. */
char     *sb_scenario_add_server       (SbScenario  *self,
                                        GError     **error);

/* Forgets every place given by hand (a drag): the layout places every
 * element again, by what it is.  FALSE, and nothing changes, when no
 * element had one. */
gboolean  sb_scenario_tidy_up          (SbScenario  *self);
gboolean  sb_scenario_has_positions    (const SbScenario *self);

G_END_DECLS
