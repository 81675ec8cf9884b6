/* sb-render-private.h — shared by the files of the renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "sb-links.h"
#include "sb-render.h"
#include "sb-render-record-private.h"

G_BEGIN_DECLS

#define SB_FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"
#define SB_MONO_FAMILY "DejaVu Sans Mono, monospace"

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
  PangoLayout           *text;
  GArray                *links;      /* SbLink: the topology's links */
  SbRenderRecord        *marks;      /* what is on the board so far */
} SbDrawContext;

typedef struct {
  double x, y;
} SbPoint;

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
/* A pill like sb_render_pill(), recorded as KIND of OWNER or of LINK,
 * centred on the first of the N_AT points where it is clear of everything
 * on the board so far (on the first when none is); returns its box. */
SbRect     sb_render_place_pill    (SbDrawContext  *ctx,
                                    SbMarkKind      kind,
                                    const char     *owner,
                                    const SbLink   *link,
                                    const char     *text,
                                    const SbPoint  *at,
                                    guint           n_at,
                                    const SbColor  *color,
                                    const SbColor  *background);

/* sb-render-state.c: the live layer drawn over the static diagram. */
void       sb_render_dead_element  (SbDrawContext  *ctx,
                                    const char     *id);
void       sb_render_state         (SbDrawContext  *ctx);
/* sb-render-watch.c: the virtual IP, opened firewalls, metrics and alerts. */
void       sb_render_watch         (SbDrawContext  *ctx);
/* A text of the scenario (label, explanation) in the user's language. */
const char *sb_render_tr           (const char     *text);

G_END_DECLS
