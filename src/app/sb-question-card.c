/* sb-question-card.c — the script's question, large, while the class votes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The class predicts before it sees: the card stops the board at the
 * script's question, numbers the choices for a show of hands, marks the
 * vote the teacher records with keys 1 to 4, and goes when Space reveals
 * the answer (the reveal is the next caption).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-lesson-view.h"
#include "sb-question-card.h"

struct _SbQuestionCard
{
  GtkWidget  parent_instance;

  SbLesson  *lesson;
  GtkWidget *box;
  GtkLabel  *number;
  GtkLabel  *question;
  GtkBox    *choices;
  GtkLabel  *hint;
};

enum {
  PROP_0,
  PROP_LESSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbQuestionCard, sb_question_card, GTK_TYPE_WIDGET)

static void
clear_choices (SbQuestionCard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choices))) != NULL)
    gtk_box_remove (self->choices, child);
}

static void
add_choice (SbQuestionCard *self,
            guint           index,
            const char     *text,
            gboolean        voted)
{
  g_autofree char *line = g_strdup_printf ("%u   %s", index, text);
  GtkWidget *label = gtk_label_new (line);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_widget_add_css_class (label, "sb-question-choice");
  if (voted)
    gtk_widget_add_css_class (label, "sb-question-voted");
  gtk_box_append (self->choices, label);
}

static void
update (SbQuestionCard *self)
{
  guint number = 0;
  const SbMoment *moment = self->lesson ? sb_lesson_get_question (self->lesson, &number) : NULL;
  int vote = moment ? sb_lesson_get_vote (self->lesson) : 0;
  g_autofree char *heading = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), moment != NULL);
  clear_choices (self);
  if (moment == NULL)
    {
      gtk_label_set_text (self->question, "");
      return;
    }
  /* Translators: the heading of a lesson script's question, e.g. "Question 1" */
  heading = g_strdup_printf (_("Question %u"), number);
  gtk_label_set_text (self->number, heading);
  gtk_label_set_text (self->question, sb_scenario_translate_label (moment->question));
  for (guint i = 0; i < moment->choices->len; i++)
    add_choice (self, i + 1, sb_scenario_translate_label (g_ptr_array_index (moment->choices, i)),
                vote == (int) i + 1);
  gtk_label_set_text (self->hint, vote == 0 ? _("Keys 1 to 4: the class's vote · Space: the answer")
                                            : _("Space: the answer"));
}

static void
sb_question_card_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      g_value_set_object (value, SB_QUESTION_CARD (object)->lesson);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_question_card_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      sb_question_card_set_lesson (SB_QUESTION_CARD (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_question_card_dispose (GObject *object)
{
  SbQuestionCard *self = SB_QUESTION_CARD (object);

  sb_lesson_view_set (self, &self->lesson, NULL, NULL, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_QUESTION_CARD);
  G_OBJECT_CLASS (sb_question_card_parent_class)->dispose (object);
}

static void
sb_question_card_class_init (SbQuestionCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_question_card_dispose;
  object_class->get_property = sb_question_card_get_property;
  object_class->set_property = sb_question_card_set_property;
  properties[PROP_LESSON] = sb_lesson_view_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sb-question-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SbQuestionCard, box);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionCard, number);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionCard, question);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionCard, choices);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionCard, hint);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbquestioncard");
}

static void
sb_question_card_init (SbQuestionCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
sb_question_card_set_lesson (SbQuestionCard *self,
                             SbLesson       *lesson)
{
  static const SbLessonHook hooks[] = {
    { "notify::waiting", G_CALLBACK (update) },
    { "notify::vote", G_CALLBACK (update) },
  };

  g_return_if_fail (SB_IS_QUESTION_CARD (self));
  if (!sb_lesson_view_set (self, &self->lesson, lesson, hooks, G_N_ELEMENTS (hooks)))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
}

const char *
sb_question_card_get_text (SbQuestionCard *self)
{
  g_return_val_if_fail (SB_IS_QUESTION_CARD (self), NULL);
  return gtk_label_get_text (self->question);
}
