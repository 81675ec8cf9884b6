/* sb-question-card.h — the script's question, large, while the class votes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lesson/sb-lesson.h"

G_BEGIN_DECLS

#define SB_TYPE_QUESTION_CARD (sb_question_card_get_type ())

G_DECLARE_FINAL_TYPE (SbQuestionCard, sb_question_card, SB, QUESTION_CARD, GtkWidget)

/* Shown while LESSON waits at a question ("lesson" property). */
void        sb_question_card_set_lesson (SbQuestionCard *self,
                                         SbLesson       *lesson);
/* The question shown, "" when none. */
const char *sb_question_card_get_text   (SbQuestionCard *self);

G_END_DECLS
