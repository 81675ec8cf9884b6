/* sb-health.h — HAProxy's health-check state of one server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The counter works as HAProxy's check->health: it runs from 0 to
 * rise + fall - 1; the server is UP at rise or above.  An UP server sits
 * at the top and each failed check takes one off: after `fall`
 * consecutive failures it is DOWN at 0.  A DOWN server gains one per
 * passed check and is UP again after `rise` consecutive passes.  A result
 * against the trend resets the streak.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"
#include "sim/sb-sim.h"

G_BEGIN_DECLS

typedef struct {
  gboolean up;
  int      health;
} SbHealth;

void          sb_health_init          (SbHealth    *health,
                                       gboolean     up,
                                       int          rise,
                                       int          fall);
/* Records one check; TRUE when the server changed between UP and DOWN. */
gboolean      sb_health_report        (SbHealth    *health,
                                       gboolean     passed,
                                       int          rise,
                                       int          fall);
/* count/of as in "UP count/of"; both 0 for a settled state. */
SbCheckState  sb_health_state         (const SbHealth *health,
                                       int          rise,
                                       int          fall,
                                       int         *count,
                                       int         *of);
/* "UP", "UP 1/3", "DOWN", "DOWN 1/2". */
void          sb_health_format_label  (const SbHealth *health,
                                       int          rise,
                                       int          fall,
                                       char        *buf,
                                       gsize        size);
/* What a check of TYPE sees: http needs the host, Nginx and the
 * application server; tcp only the host and Nginx. */
gboolean      sb_health_check_passes  (SbCheckType  type,
                                       gboolean     host_up,
                                       gboolean     web_up,
                                       gboolean     app_up);

G_END_DECLS
