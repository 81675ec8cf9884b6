/* sb-render-record-private.h — how the renderer fills a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-render-record.h"

G_BEGIN_DECLS

/* Appends a copy of MARK (its strings copied too); returns the copy. */
const SbMark *sb_render_record_add        (SbRenderRecord       *self,
                                           const SbMark         *mark);
/* The board is complete: what follows is the live layer. */
void          sb_render_record_end_board  (SbRenderRecord       *self);
/* A live layer starts: the previous one's marks go. */
void          sb_render_record_begin_live (SbRenderRecord       *self);
/* Whether MARK could be added without a conflict with any mark. */
gboolean      sb_render_record_is_clear   (const SbRenderRecord *self,
                                           const SbMark         *mark);
/* Whether the polyline of LINK has a part inside R. */
gboolean      sb_mark_line_enters         (const SbMark         *link,
                                           const SbRect         *r);

G_END_DECLS
