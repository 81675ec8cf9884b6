/* sb-questions.h — the questions of lesson scripts as a printable PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two handouts from the same scripts: the questions with their choices and
 * a box to tick, for the class to predict on paper; and the answer key,
 * with each right choice marked and the text that reveals it.  A4 pages,
 * real text (it can be searched and copied), bundled texts translated.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"

G_BEGIN_DECLS

/* Writes the questions of SCENARIOS (SbScenario*, in order; those without
 * a script or a question add nothing) to a PDF at PATH, atomically; with
 * ANSWERS, the answer key.  FALSE with ERROR when the file cannot be
 * written or there is no question at all. */
gboolean  sb_questions_write_pdf  (const char  *path,
                                   GPtrArray   *scenarios,
                                   gboolean     answers,
                                   GError     **error);

G_END_DECLS
