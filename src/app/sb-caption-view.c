/* sb-caption-view.c — what just happened, in one large line on the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The narrator's caption ("The load balancer marks Server 1 down. 3 checks
 * failed: 25 requests failed meanwhile...") stays long enough to be read
 * aloud from the back of the room, then leaves the board to the diagram;
 * the Activity page's log keeps it.
 */
#include "config.h"

#include "sb-caption-view.h"
#include "sb-lesson-view.h"

/* Real seconds a caption stays: two slow readings of a long line. */
#define SHOWN_SECONDS 12

struct _SbCaptionView
{
  GtkWidget  parent_instance;

  SbLesson  *lesson;
  GtkLabel  *label;
  guint      hide_id;
};

enum {
  PROP_0,
  PROP_LESSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbCaptionView, sb_caption_view, GTK_TYPE_WIDGET)

static gboolean
hide (gpointer user_data)
{
  SbCaptionView *self = user_data;

  self->hide_id = 0;
  gtk_label_set_text (self->label, "");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return G_SOURCE_REMOVE;
}

static void
caption (SbCaptionView   *self,
         const SbCaption *caption)
{
  /* A question has its own card. */
  if (caption->kind == SB_CAPTION_QUESTION)
    return;
  gtk_label_set_text (self->label, caption->text);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  g_clear_handle_id (&self->hide_id, g_source_remove);
  self->hide_id = g_timeout_add_seconds (SHOWN_SECONDS, hide, self);
}

/* Another run or another design: what was said is no longer on. */
static void
lesson_changed (SbCaptionView *self,
                guint          what)
{
  if (what & (SB_LESSON_CHANGED_RUN | SB_LESSON_CHANGED_DESIGN))
    {
      g_clear_handle_id (&self->hide_id, g_source_remove);
      hide (self);
    }
}

static void
sb_caption_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      g_value_set_object (value, SB_CAPTION_VIEW (object)->lesson);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_caption_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      sb_caption_view_set_lesson (SB_CAPTION_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_caption_view_dispose (GObject *object)
{
  SbCaptionView *self = SB_CAPTION_VIEW (object);
  GtkWidget *label = GTK_WIDGET (self->label);

  g_clear_handle_id (&self->hide_id, g_source_remove);
  sb_lesson_view_set (self, &self->lesson, NULL, NULL, 0);
  self->label = NULL;
  g_clear_pointer (&label, gtk_widget_unparent);
  G_OBJECT_CLASS (sb_caption_view_parent_class)->dispose (object);
}

static void
sb_caption_view_class_init (SbCaptionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_caption_view_dispose;
  object_class->get_property = sb_caption_view_get_property;
  object_class->set_property = sb_caption_view_set_property;
  properties[PROP_LESSON] = sb_lesson_view_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbcaptionview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
sb_caption_view_init (SbCaptionView *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (self->label, 60);
  gtk_label_set_justify (self->label, GTK_JUSTIFY_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "sb-caption");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

void
sb_caption_view_set_lesson (SbCaptionView *self,
                            SbLesson      *lesson)
{
  static const SbLessonHook hooks[] = {
    { "caption", G_CALLBACK (caption) },
    { "changed", G_CALLBACK (lesson_changed) },
  };

  g_return_if_fail (SB_IS_CAPTION_VIEW (self));
  if (!sb_lesson_view_set (self, &self->lesson, lesson, hooks, G_N_ELEMENTS (hooks)))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
}

const char *
sb_caption_view_get_text (SbCaptionView *self)
{
  g_return_val_if_fail (SB_IS_CAPTION_VIEW (self), NULL);
  return gtk_label_get_text (self->label);
}
