/* sb-render-private.h — shared by the files of the renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "sb-links.h"
#include "sb-render.h"
#include "sb-svg-text.h"
#include "sb-render-record-private.h"

G_BEGIN_DECLS

/* The board's one type style, Cantarell Bold at 22 units, for names,
 * captions, badges, addresses and the DNS record alike; hierarchy comes
 * from position and colour (addresses are muted).  Every style a process
 * uses (family, weight and size) costs fontconfig's substitution and
 * sorting and pango's metrics the first time it is drawn, in a PNG or PDF
 * export and the window's first frame (docs/benchmarks.md); an SVG export
 * sets it from sb-font-metrics.h, measured once.  The clean diagram's
 * title is this style scaled, not a style of its own. */
#define SB_FONT_FAMILY    "Cantarell, DejaVu Sans, sans-serif"
#define SB_LABEL_WEIGHT   PANGO_WEIGHT_BOLD

typedef struct {
  double r, g, b;
} SbColor;

typedef struct {
  SbColor background;
  SbColor ink;
  SbColor muted;
  SbColor host_fill;
  SbColor host_stroke;
  SbColor node_fill;
  SbColor node_stroke;
  SbColor link;
  SbColor replication;
  SbColor card;
  SbColor primary;
  SbColor replica;
  SbColor selection;
  SbColor read;        /* request tokens: blue and orange, told apart by */
  SbColor write;       /* colour-blind viewers too, and by shape as well */
  SbColor failure;
  SbColor dead;
  SbColor spof;
} SbPalette;

typedef struct {
  cairo_t               *cr;
  const SbLayout        *layout;
  const SbScenario      *scenario;
  SbSim                 *sim;        /* NULL: the static diagram */
  const SbRenderOptions *options;
  const SbPalette       *palette;
  PangoLayout           *text;       /* NULL in an SVG export */
  GArray                *links;      /* SbLink: the topology's links */
  SbSvgText             *svg;        /* an SVG export's text, or NULL */
  SbTextLines            lines;      /* the text prepared, in an SVG export */
  SbRenderRecord        *marks;      /* what is on the board so far */
  /* Part of the board for a drag (sb-render-drag.c), or NULL for all. */
  const struct _SbRenderPart *part;
  /* How TEXT was last laid out, so laying it out again the same way (a
   * caption measured to find it a place, then drawn) costs nothing. */
  struct {
    const char *family;
    double      size;
    PangoWeight weight;
    double      width;
    int         max_lines;
  } laid_out;
} SbDrawContext;

/* Where a pill may go: X is its left edge (ALIGN -1), its middle (0) or
 * its right edge (1); Y its middle (VALIGN 0), its bottom edge (-1: the
 * pill is over Y) or its top edge (1: under Y).  So a pill over or under
 * something keeps its distance whatever the text scale makes its height. */
typedef struct {
  double x, y;
  int    align;
  int    valign;
} SbSpot;

/* The height of a pill of one line at the default text scale: spots
 * given from a pill's middle at that scale are ± half of it from an edge. */
#define SB_PILL_HALF 15.0

/* The most spots a caption or badge is offered. */
#define SB_MAX_SPOTS 160

void       sb_render_set_color     (cairo_t        *cr,
                                    const SbColor  *color);
void       sb_render_prepare_text  (SbDrawContext  *ctx,
                                    const char     *text,
                                    const char     *family,
                                    double          size,
                                    PangoWeight     weight,
                                    double          width,
                                    int             max_lines,
                                    double         *out_w,
                                    double         *out_h);
/* Whether the text prepared last was cut to fit. */
gboolean   sb_render_text_ellipsized (SbDrawContext *ctx);
void       sb_render_show_text_at  (SbDrawContext  *ctx,
                                    double          x,
                                    double          y);
/* Strokes the current path, hand-drawn in the marker style. */
void       sb_render_stroke        (SbDrawContext  *ctx);
/* A label on a small plate, centred on (x, y), in COLOR on BACKGROUND. */
void       sb_render_pill          (SbDrawContext  *ctx,
                                    const char     *text,
                                    double          x,
                                    double          y,
                                    const SbColor  *color,
                                    const SbColor  *background);

typedef void (*SbLayerFunc) (SbDrawContext *ctx);

/* Runs FUNC in the board's units, fitted into WIDTH × HEIGHT, after
 * painting the background when asked. */
void       sb_render_layer         (cairo_t               *cr,
                                    const SbLayout        *layout,
                                    const SbScenario      *scenario,
                                    SbSim                 *sim,
                                    const SbRenderOptions *options,
                                    double                 width,
                                    double                 height,
                                    gboolean               background,
                                    SbLayerFunc            func);
/* Part of the board, for a drag: the unit (a machine with everything on
 * it, or a component) left out (HIDE), or the only one drawn (ONLY), and
 * how far the unit has moved (DX, DY, diagram units). */
typedef struct _SbRenderPart {
  const char *hide;
  const char *only;
  double      dx, dy;
} SbRenderPart;

/* sb_render_layer() for PART of the board (NULL: all of it). */
void       sb_render_layer_part    (cairo_t               *cr,
                                    const SbLayout        *layout,
                                    const SbScenario      *scenario,
                                    SbSim                 *sim,
                                    const SbRenderOptions *options,
                                    double                 width,
                                    double                 height,
                                    gboolean               background,
                                    SbLayerFunc            func,
                                    const SbRenderPart    *part);
/* The lines between the unit of ctx->part, moved by its DX, DY, and the
 * boxes it is linked to, straight, as the drag goes. */
void       sb_render_drag_lines    (SbDrawContext  *ctx);
/* Whether element ID (a component or machine) is drawn: not in the unit
 * left out, and in the only unit drawn if there is one.  A unit is a
 * machine with everything on it, or a component. */
gboolean   sb_render_shown         (SbDrawContext  *ctx,
                                    const char     *id);
/* The static diagram: hosts, links, nodes, captions, SPOFs, issues. */
void       sb_render_board         (SbDrawContext  *ctx);
/* A link's line as the board draws it, from (x0, y0) to (x1, y1). */
void       sb_render_line_sample   (SbDrawContext  *ctx,
                                    double          x0,
                                    double          y0,
                                    double          x1,
                                    double          y1,
                                    gboolean        dashed,
                                    gboolean        replication);
/* sb-render-place.c: marks, and captions and badges put where they fit. */
void       sb_render_mark          (SbDrawContext  *ctx,
                                    SbMarkKind      kind,
                                    const char     *owner,
                                    const char     *text,
                                    const SbRect   *rect,
                                    gboolean        cut);
void       sb_render_mark_link     (SbDrawContext  *ctx,
                                    const SbLink   *link,
                                    const double   *xs,
                                    const double   *ys,
                                    guint           n);
/* A pill like sb_render_pill(), recorded as KIND of OWNER or of LINK, at
 * the first of the N_AT spots where it is clear of everything on the
 * board so far and inside the board (at the first when none is).  FALSE
 * when it had to overlap something. */
gboolean   sb_render_place_pill    (SbDrawContext  *ctx,
                                    SbMarkKind      kind,
                                    const char     *owner,
                                    const SbLink   *link,
                                    const char     *text,
                                    const SbSpot   *at,
                                    guint           n_at,
                                    const SbColor  *color,
                                    const SbColor  *background);
/* The same, wrapped into lines at most MAX_WIDTH wide (≤ 0: one line);
 * its box in *PLACED when not NULL. */
gboolean   sb_render_place_note    (SbDrawContext  *ctx,
                                    SbMarkKind      kind,
                                    const char     *owner,
                                    const SbLink   *link,
                                    const char     *text,
                                    double          max_width,
                                    const SbSpot   *at,
                                    guint           n_at,
                                    const SbColor  *color,
                                    const SbColor  *background,
                                    SbRect         *placed);
/* The first of the N_AT spots where a pill of TEXT would be clear, or -1. */
int        sb_render_find_spot     (SbDrawContext  *ctx,
                                    SbMarkKind      kind,
                                    const char     *owner,
                                    const SbLink   *link,
                                    const char     *text,
                                    const SbSpot   *at,
                                    guint           n_at);
/* Spots around box R at DISTANCE from its edges, best first: above it
 * (centred, then at its left and right ends), below it likewise, then
 * beside it.  Returns how many were written into SPOTS (at most 10). */
guint      sb_render_spots_around  (const SbRect   *r,
                                    double          distance,
                                    SbSpot         *spots);

/* Spots around the box of element ID, then around its machine, then
 * inside its box along the bottom: for a badge that must find room even
 * where its box is crowded.  At most 23. */
guint      sb_render_spots_near    (SbDrawContext  *ctx,
                                    const char     *id,
                                    double          distance,
                                    SbSpot         *spots);

/* The board's captions and badges, which requests pass under. */
#define SB_MAX_COVERS 64
typedef struct {
  guint  n;
  SbRect rects[SB_MAX_COVERS];
} SbCovers;

void       sb_render_get_covers    (SbDrawContext  *ctx,
                                    SbCovers       *covers);
/* When the square of side 2 × HALF around (x, y) meets a cover, saves the
 * cairo state and clips what is drawn next to outside the covers; TRUE
 * then, and the caller restores the state after drawing. */
gboolean   sb_render_clip_covers   (SbDrawContext  *ctx,
                                    const SbCovers *covers,
                                    double          x,
                                    double          y,
                                    double          half);

/* sb-render-state.c: the live layer drawn over the static diagram. */
void       sb_render_dead_element  (SbDrawContext  *ctx,
                                    const char     *id);
void       sb_render_state         (SbDrawContext  *ctx);
void       sb_render_dead_elements (SbDrawContext  *ctx);
/* sb-render-watch.c: the virtual IP, opened firewalls, metrics and alerts. */
void       sb_render_watch         (SbDrawContext  *ctx);
void       sb_render_opened_firewalls (SbDrawContext *ctx);
/* sb-render-watch.c: the virtual IP, opened firewalls and alerts; the
 * metrics on their way, drawn with the requests. */
void       sb_render_watch_metrics (SbDrawContext  *ctx);
/* A text of the scenario (label, explanation) in the user's language. */
const char *sb_render_tr           (const char     *text);

G_END_DECLS
