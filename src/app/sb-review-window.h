/* sb-review-window.h — the review of the design on the board, to read,
 * copy and save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/sb-scenario.h"

G_BEGIN_DECLS

#define SB_TYPE_REVIEW_WINDOW (sb_review_window_get_type ())

G_DECLARE_FINAL_TYPE (SbReviewWindow, sb_review_window, SB, REVIEW_WINDOW, AdwWindow)

/* A window over PARENT with the review of SCENARIO (copied: the review
 * stays that of the design as it was when the window opened). */
SbReviewWindow *sb_review_window_new          (GtkWindow        *parent,
                                               const SbScenario *scenario);
/* The review as Markdown: what Copy and Save write. */
const char     *sb_review_window_get_markdown (SbReviewWindow   *self);
/* The text shown, for tests. */
char           *sb_review_window_dup_text     (SbReviewWindow   *self);
/* Writes the Markdown to PATH; errors are shown in the window. */
gboolean        sb_review_window_save_to      (SbReviewWindow   *self,
                                               const char       *path);

G_END_DECLS
