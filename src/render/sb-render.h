/* sb-render.h — draws a scenario (and its live state) on any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one renderer: the canvas widget and every export call it, so what a
 * teacher exports is what the class saw.  It never advances time.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "model/sb-scenario.h"
#include "render/sb-layout.h"
#include "render/sb-render-record.h"
#include "sim/sb-sim.h"

G_BEGIN_DECLS

typedef enum {
  SB_THEME_LIGHT,
  SB_THEME_DARK,
} SbTheme;

typedef enum {
  SB_STYLE_WHITEBOARD,
  SB_STYLE_MARKER,
} SbStyle;

typedef struct {
  SbTheme     theme;
  SbStyle     style;
  const char *selected_id;     /* highlighted element, or NULL */
  gboolean    reduced_motion;  /* tokens jump hop by hop instead of gliding */
  GPtrArray  *spofs;           /* ids to mark as single points of failure, or NULL */
  gboolean    show_issues;     /* badges: no HTTPS, no firewall, no monitoring */
  const char * const *highlight_path; /* a request's path to number on the board, or NULL */
  gboolean    spofs_for_writes; /* spofs are those of writes (else of reads) */
  gboolean    clean;           /* a diagram to hand in: the title and a legend; of the
                                * live state only what was killed (or opened) stays */
  /* Where every box, text and line went, or NULL.  The board's drawing
   * fills it anew; a live layer drawn with the same record replaces the
   * previous live layer's marks, draws requests under the board's
   * captions and puts its badges clear of what the board drew. */
  SbRenderRecord *record;
} SbRenderOptions;

/* Options with the defaults: light whiteboard, nothing selected. */
void   sb_render_options_init  (SbRenderOptions  *options);

/* Draws the whole whiteboard fitted into WIDTH × HEIGHT (target units).
 * With a SIM, also its live state at the sim's current time: requests in
 * flight, dead elements, the load balancer's view of each backend,
 * replication versions and recent failures.  With options->clean, the
 * clean diagram instead (sb_render_draw_clean()). */
void   sb_render_draw          (cairo_t               *cr,
                                const SbLayout        *layout,
                                const SbScenario      *scenario,
                                SbSim                 *sim,
                                const SbRenderOptions *options,
                                double                 width,
                                double                 height);

/* The two layers of sb_render_draw(), for a caller that caches the board
 * (the static diagram, which only changes with the topology, the size or
 * the theme) and redraws only the live layer each frame. */
void   sb_render_draw_board    (cairo_t               *cr,
                                const SbLayout        *layout,
                                const SbScenario      *scenario,
                                const SbRenderOptions *options,
                                double                 width,
                                double                 height);
void   sb_render_draw_live     (cairo_t               *cr,
                                const SbLayout        *layout,
                                const SbScenario      *scenario,
                                SbSim                 *sim,
                                const SbRenderOptions *options,
                                double                 width,
                                double                 height);

/* The diagram to hand in: the scenario's title above the board, a legend
 * of its lines below, no selection, no request in flight and no mark that
 * fades; killed elements and opened firewalls stay as they are.  The same
 * design with the same elements killed draws the same at any time. */
void   sb_render_draw_clean    (cairo_t               *cr,
                                const SbLayout        *layout,
                                const SbScenario      *scenario,
                                SbSim                 *sim,
                                const SbRenderOptions *options,
                                double                 width,
                                double                 height);

/* Starts reading the system's font configuration, which pango does on a
 * thread of its own: a caller that draws soon after (an export) lets it
 * overlap loading the scenario instead of waiting for it at the first
 * label.  Optional; drawing starts it anyway. */
void   sb_render_warm_up       (void);

/* The text of the DNS record the scenario publishes, e.g.
 * "www.foobar.com  A  203.0.113.10", or NULL without DNS. */
char  *sb_render_dns_record    (const SbScenario *scenario);

G_END_DECLS
