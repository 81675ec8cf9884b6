/* sb-render-record.h — where the renderer put each box, text and line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Handed to the renderer in SbRenderOptions.record, a record collects,
 * while drawing and from the code that draws, the rectangle of every box,
 * text, caption and badge and the polyline of every link, each with the
 * element it belongs to.  The renderer uses it to put captions and badges
 * where nothing else is (and requests under captions); tests and the
 * window use sb_render_record_check() to find what overlaps.
 */
#pragma once

#include <glib.h>

#include "render/sb-layout.h"
#include "render/sb-route.h"

G_BEGIN_DECLS

typedef enum {
  SB_MARK_BOX,      /* a component's box */
  SB_MARK_FRAME,    /* a machine's frame, which holds boxes */
  SB_MARK_TEXT,     /* text inside a box or frame: label, address, title */
  SB_MARK_CAPTION,  /* a link's caption */
  SB_MARK_BADGE,    /* a tag or note: role, LB view, SPOF, issue, failure,
                     * VIP, version, alert, the DNS record, visitors */
  SB_MARK_LINK,     /* a link's line */
} SbMarkKind;

typedef struct {
  SbMarkKind  kind;
  /* The element it belongs to (a component or machine id), or NULL for
   * the board; for a link and what labels it, the link's source. */
  const char *owner;
  const char *owner_host;    /* the machine holding OWNER, or NULL */
  /* A link and what labels it: the link's target; else NULL. */
  const char *target;
  const char *target_host;
  int         link_kind;     /* the SbLinkKind of a link and what labels
                              * it; -1 for anything else */
  const char *text;          /* what it says, or NULL */
  SbRect      rect;          /* diagram units; a link's bounding box */
  gboolean    cut;           /* a text shortened with an ellipsis */
  gboolean    live;          /* drawn by the live layer */
  guint       n_points;      /* a link's polyline */
  double      xs[SB_ROUTE_MAX_POINTS];
  double      ys[SB_ROUTE_MAX_POINTS];
} SbMark;

typedef struct _SbRenderRecord SbRenderRecord;

SbRenderRecord *sb_render_record_new         (void);
void            sb_render_record_free        (SbRenderRecord       *self);
void            sb_render_record_clear       (SbRenderRecord       *self);

guint           sb_render_record_get_n_marks (const SbRenderRecord *self);
const SbMark   *sb_render_record_get_mark    (const SbRenderRecord *self,
                                              guint                 index);
/* The first mark of KIND whose text is TEXT (any, when NULL) and whose
 * owner is OWNER (any, when NULL), or NULL. */
const SbMark   *sb_render_record_find        (const SbRenderRecord *self,
                                              SbMarkKind            kind,
                                              const char           *owner,
                                              const char           *text);

/* What is wrong with the drawing recorded, one sentence per problem
 * (empty when nothing is), on a board WIDTH × HEIGHT diagram units:
 * - a caption or badge on a box or machine it does not belong to, or
 *   across the frame of the machine of its element or link;
 * - two texts (labels, titles, captions, badges) overlapping;
 * - a text outside its box, or cut short; a caption away from its line;
 * - a link through (or within a few units of) a box or machine it does
 *   not connect, or under a text other than the caption of its own line
 *   (or of a line of its kind that shares an end, as lines of a bus do);
 * - anything outside the board. */
GPtrArray      *sb_render_record_check       (const SbRenderRecord *self,
                                              double                width,
                                              double                height);

/* Whether two marks overlap in a way sb_render_record_check() reports;
 * the reason in words when REASON is not NULL. */
gboolean        sb_mark_conflict             (const SbMark         *a,
                                              const SbMark         *b,
                                              const char          **reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbRenderRecord, sb_render_record_free)

G_END_DECLS
