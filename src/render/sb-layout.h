/* sb-layout.h — where every element of a scenario sits on the whiteboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is computed once per topology, in diagram units (a logical
 * whiteboard whose size the layout chooses), and shared by drawing,
 * hit-testing and export, so what the class sees is what gets exported.
 * It follows what the elements are, not the order of the file: on a
 * machine the firewall comes first, then the load balancer, the web
 * server and the application server, its files and databases under it
 * and the monitoring client at the side; boxes are as wide as their
 * labels and addresses need; machines never overlap.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"

G_BEGIN_DECLS

typedef struct {
  double x, y, width, height;
} SbRect;

typedef struct _SbLayout SbLayout;

/* Maps diagram units onto a WIDTH × HEIGHT target, keeping the aspect and
 * centring the diagram: target = diagram * scale + offset. */
typedef struct {
  double scale;
  double offset_x;
  double offset_y;
} SbViewTransform;

/* The text scale of presentation mode: on a 1024 × 768 projector the
 * labels of every bundled step are then at least 14 pixels tall (15 px
 * on the tallest step's board; at the default scale, 11). */
#define SB_LAYOUT_PRESENTATION_TEXT_SCALE 1.6

/* What a layout is made for. */
typedef struct {
  /* Every text of the board at this many times the board's type style
   * (1: the default; larger for a projector): boxes grow to hold it. */
  double      text_scale;
  /* The width / height of the target the board is fitted into: the
   * arrangement that draws it largest there is chosen.  0: 16:9. */
  double      aspect;
  /* A machine or component being dragged, or NULL: it stays where it was
   * put, and the machines it would overlap give way. */
  const char *pinned;
} SbLayoutOptions;

/* The sizes the layout chose, in diagram units; the renderer and the
 * routes read them here. */
typedef struct {
  double text_scale;
  double font;            /* the size of every text */
  double glyph;           /* a component's icon */
  double node_width;      /* a component on a machine */
  double node_height;
  double top_width;       /* a component standing alone */
  double node_gap_x;      /* between the boxes of a machine */
  double node_gap_y;
  double host_pad;        /* a machine's frame around its boxes */
  double host_pad_top;    /* between its title and its boxes: a badge's room */
  double host_pad_bottom;
  double host_title;
  double host_gap_x;      /* between machines */
  double host_gap_y;
  double tier_gap;
  double margin;          /* round the board, where its notes go */
  double margin_top;
} SbLayoutMetrics;

void            sb_layout_options_init    (SbLayoutOptions  *options);

SbLayout       *sb_layout_new             (const SbScenario *scenario);
SbLayout       *sb_layout_new_full        (const SbScenario *scenario,
                                           const SbLayoutOptions *options);
void            sb_layout_free            (SbLayout         *self);

double          sb_layout_get_width       (const SbLayout   *self);
double          sb_layout_get_height      (const SbLayout   *self);
const SbLayoutMetrics *sb_layout_get_metrics (const SbLayout *self);

/* The box of a host or component, or NULL for an unknown id. */
const SbRect   *sb_layout_get_rect        (const SbLayout   *self,
                                           const char       *id);
/* The id of the component (or else host) under a point in diagram units,
 * or NULL.  Components win over the host that holds them; of two that
 * overlap, the one drawn last (on top). */
const char     *sb_layout_hit_test        (const SbLayout   *self,
                                           double            x,
                                           double            y);

/* Turns a point of the laid-out board into the scenario's coordinates,
 * which a component's "position" is given in (the layout moves the whole
 * drawing to keep a margin, and spreads it with the text scale). */
void            sb_layout_to_scenario     (const SbLayout   *self,
                                           double           *x,
                                           double           *y);

/* The components the layout moved away from where the scenario puts them
 * (or would have put them) so that no machine overlaps another: their
 * ids, in *IDS (owned by the layout), and their centres in the
 * scenario's coordinates.  A drag that ends writes them into the design,
 * so the board stays as it was drawn.  Returns how many. */
guint           sb_layout_get_displaced   (const SbLayout   *self,
                                           const char * const **ids,
                                           const double    **xs,
                                           const double    **ys);

SbViewTransform sb_layout_fit             (const SbLayout   *self,
                                           double            width,
                                           double            height);

/* Where the note of the record the DNS publishes goes, under the DNS;
 * FALSE when there is none. */
gboolean        sb_layout_dns_note        (const SbLayout   *self,
                                           const SbScenario *scenario,
                                           SbRect           *note);

/* The line under a component's name: how many visitors the first browser
 * stands for, or the component's address; NULL for none. */
char           *sb_layout_node_detail     (const SbScenario  *scenario,
                                           const SbComponent *comp);

/* The centre of a box. */
void            sb_rect_center            (const SbRect     *rect,
                                           double           *x,
                                           double           *y);
gboolean        sb_rect_contains          (const SbRect     *rect,
                                           double            x,
                                           double            y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbLayout, sb_layout_free)

G_END_DECLS
