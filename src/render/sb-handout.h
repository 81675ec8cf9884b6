/* sb-handout.h — PDF handouts: pages of headings, paragraphs and diagrams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small page builder on a cairo PDF surface: blocks of text flow down
 * A4 pages (pango, so the text is real text a reader can search and
 * copy), a new page starts when the next block does not fit, and a
 * diagram takes a page of its own.  The review and the lesson use it;
 * any other document (a sheet of questions) can be put together from the
 * same calls.  The file is written atomically by sb_handout_finish().
 */
#pragma once

#include <glib.h>

#include "render/sb-render.h"
#include "review/sb-review.h"

G_BEGIN_DECLS

typedef struct _SbHandout SbHandout;

typedef enum {
  SB_HANDOUT_PORTRAIT,
  SB_HANDOUT_LANDSCAPE,
} SbHandoutOrientation;

/* Opens the handout; nothing is at PATH until sb_handout_finish(). */
SbHandout *sb_handout_new            (const char             *path,
                                      GError                **error);
/* The document's title in the PDF's metadata. */
void       sb_handout_set_title      (SbHandout              *self,
                                      const char             *title);

/* Ends the current page (if anything is on it) and starts one. */
void       sb_handout_new_page       (SbHandout              *self,
                                      SbHandoutOrientation    orientation);
/* LEVEL 0 is a document title, 1 a section, 2 a subsection.  A heading
 * never ends a page: it moves to the next one with what follows it. */
void       sb_handout_add_heading    (SbHandout              *self,
                                      int                     level,
                                      const char             *text);
void       sb_handout_add_paragraph  (SbHandout              *self,
                                      const char             *text);
/* A bullet: LEAD in bold (may be NULL), CODE in a fixed-width font (may
 * be NULL), then TEXT. */
void       sb_handout_add_item       (SbHandout              *self,
                                      const char             *lead,
                                      const char             *code,
                                      const char             *text);
/* The review's blocks, its title block at LEVEL 0 (or dropped when
 * SKIP_TITLE, for a caller that wrote its own heading). */
void       sb_handout_add_blocks     (SbHandout              *self,
                                      GPtrArray              *blocks,
                                      gboolean                skip_title);
/* The clean diagram (sb_render_draw_clean()) on a landscape page of its
 * own; SIM (may be NULL) for what was killed, OPTIONS (may be NULL) for
 * the style and the marks asked for. */
void       sb_handout_add_diagram    (SbHandout              *self,
                                      const SbScenario       *scenario,
                                      SbSim                  *sim,
                                      const SbRenderOptions  *options);

/* One design: its clean diagram, then its review. */
void       sb_handout_add_design     (SbHandout              *self,
                                      const SbScenario       *scenario,
                                      SbSim                  *sim,
                                      const SbRenderOptions  *options);
/* One step of the lesson: its diagram, its summary, then its review. */
void       sb_handout_add_lesson_step (SbHandout             *self,
                                       guint                  step,
                                       const SbScenario      *scenario);
/* The four bundled steps. */
gboolean   sb_handout_add_lesson     (SbHandout              *self,
                                      GError                **error);

guint      sb_handout_get_n_pages    (SbHandout              *self);

/* Writes the file; FALSE with ERROR set when it cannot, and then no file
 * (and any older one of that name is left as it was). */
gboolean   sb_handout_finish         (SbHandout              *self,
                                      GError                **error);
/* Frees the builder; an unfinished handout leaves no file. */
void       sb_handout_free           (SbHandout              *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbHandout, sb_handout_free)

G_END_DECLS
