/* sb-route.h — the path each link takes on the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "render/sb-layout.h"
#include "render/sb-links.h"

G_BEGIN_DECLS

#define SB_ROUTE_MAX_POINTS 16
/* How far a line keeps from a box it does not connect. */
#define SB_ROUTE_CLEARANCE  8.0
/* How far apart two lines run side by side. */
#define SB_ROUTE_LANE      14.0

/* The routes of a layout's links, computed with it (sb-layout.c). */
typedef struct _SbRoutes SbRoutes;

SbRoutes *sb_routes_new     (const SbLayout   *layout,
                             const SbScenario *scenario);
void      sb_routes_free    (SbRoutes         *self);
SbRoutes *sb_layout_get_routes (const SbLayout *layout);

/* Whether two links may run along each other: lines of one kind that
 * share an end, as the lines of a bus do, and the web servers' lines to
 * the application servers, one bus from every one to every one.  Any
 * other two lines that meet run side by side, a lane apart. */
gboolean sb_links_may_share (SbLinkKind  kind_a,
                             const char *from_a,
                             const char *to_a,
                             SbLinkKind  kind_b,
                             const char *from_b,
                             const char *to_b);

/* Makes sure LINKS (SCENARIO's) are the links routed: the live design's
 * may differ from the layout's when a database was promoted; then they
 * are all routed again, together.  Drawing calls it first, so every line
 * of a drawing comes from one routing. */
void   sb_route_prepare     (const SbLayout   *layout,
                             const SbScenario *scenario,
                             GArray           *links);

/* The polyline of LINK, from its source to its target, into XS and YS
 * (room for SB_ROUTE_MAX_POINTS); returns the number of points. */
guint  sb_route_link        (const SbLayout   *layout,
                             const SbScenario *scenario,
                             const SbLink     *link,
                             double           *xs,
                             double           *ys);

/* The route of a request's hop FROM → TO: its link's route, backwards for
 * a response, or a straight line when no link joins them. */
guint  sb_route_hop         (const SbLayout   *layout,
                             const SbScenario *scenario,
                             GArray           *links,
                             const char       *from,
                             const char       *to,
                             double           *xs,
                             double           *ys);

/* Where the segment from R's centre towards (tx, ty) leaves R. */
void   sb_route_edge_point  (const SbRect     *r,
                             double            tx,
                             double            ty,
                             double           *x,
                             double           *y);

/* The point a fraction T (0..1) of the way along a polyline. */
void   sb_route_point_at    (const double     *xs,
                             const double     *ys,
                             guint             n,
                             double            t,
                             double           *x,
                             double           *y);

G_END_DECLS
