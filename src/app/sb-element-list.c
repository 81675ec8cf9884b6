/* sb-element-list.c — a list of every element with its state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same selection as the board's: picking a row selects the element in
 * the lesson and the other way round, so the whole lesson can be run from
 * the keyboard (Tab to the list, arrows to move, K to kill).  The rows are
 * built again when the lesson's design changes, and their states read
 * again when its run does.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-element-list.h"
#include "sb-lesson-view.h"

struct _SbElementList
{
  GtkWidget   parent_instance;

  SbLesson   *lesson;
  GtkListBox *box;
  gboolean    syncing;
};

enum {
  PROP_0,
  PROP_LESSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbElementList, sb_element_list, GTK_TYPE_WIDGET)

static const char *
state_word (SbSim      *sim,
            const char *id)
{
  switch (sb_sim_get_element_state (sim, id))
    {
    case SB_ELEMENT_DOWN:
      return _("down");
    case SB_ELEMENT_HOST_DOWN:
      return _("down (machine down)");
    case SB_ELEMENT_UP:
    default:
      return _("up");
    }
}

static void
update_row (GtkListBoxRow *row,
            SbSim         *sim)
{
  const char *id = g_object_get_data (G_OBJECT (row), "id");
  GtkWidget *label = gtk_list_box_row_get_child (row);
  const SbScenario *scenario = sb_sim_get_scenario (sim);
  const SbComponent *comp = sb_scenario_find_component (scenario, id);
  g_autofree char *text = NULL;

  /* Components of a machine are indented under it. */
  text = g_strdup_printf ("%s%s — %s", comp && comp->host ? "    " : "",
                          sb_scenario_label_of (scenario, id), state_word (sim, id));
  gtk_label_set_text (GTK_LABEL (label), text);
  if (sb_sim_is_up (sim, id))
    gtk_widget_remove_css_class (label, "error");
  else
    gtk_widget_add_css_class (label, "error");
}

static void
add_row (SbElementList *self,
         const char    *id)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* A label of a file can be 4096 characters without a space: the list
   * must not take its width from it. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (id), g_free);
  gtk_list_box_append (self->box, row);
}

/* Machines first, each followed by what runs on it, after the standalone
 * elements: the order of the board, top to bottom. */
static void
fill (SbElementList    *self,
      const SbScenario *scenario)
{
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);
      if (comp->host == NULL)
        add_row (self, comp->id);
    }
  for (guint h = 0; h < scenario->hosts->len; h++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, h);

      add_row (self, host->id);
      for (guint i = 0; i < scenario->components->len; i++)
        {
          const SbComponent *comp = g_ptr_array_index (scenario->components, i);
          if (g_strcmp0 (comp->host, host->id) == 0)
            add_row (self, comp->id);
        }
    }
}

static GtkListBoxRow *
find_row (SbElementList *self,
          const char    *id)
{
  GtkListBoxRow *row;

  for (int i = 0; id && (row = gtk_list_box_get_row_at_index (self->box, i)); i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "id"), id) == 0)
      return row;
  return NULL;
}

static void
update_states (SbElementList *self)
{
  SbSim *sim = sb_lesson_get_sim (self->lesson);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->box, i)); i++)
    update_row (row, sim);
}

static void
selection_changed (SbElementList *self)
{
  self->syncing = TRUE;
  gtk_list_box_select_row (self->box, find_row (self, sb_lesson_get_selected (self->lesson)));
  self->syncing = FALSE;
}

static void
rebuild (SbElementList *self)
{
  self->syncing = TRUE;
  /* gtk_list_box_remove_all() needs GTK 4.12. */
  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (self->box, 0)); )
    gtk_list_box_remove (self->box, GTK_WIDGET (row));
  self->syncing = FALSE;
  if (self->lesson == NULL)
    return;
  fill (self, sb_lesson_get_scenario (self->lesson));
  update_states (self);
  selection_changed (self);
}

static void
lesson_changed (SbElementList *self,
                guint          what)
{
  if (what & SB_LESSON_CHANGED_DESIGN)
    rebuild (self);
  else if (what & (SB_LESSON_CHANGED_RUN | SB_LESSON_CHANGED_STATE))
    update_states (self);
}

static void
row_selected (GtkListBox    *box,
              GtkListBoxRow *row,
              SbElementList *self)
{
  if (self->syncing || self->lesson == NULL)
    return;
  sb_lesson_set_selected (self->lesson, row ? g_object_get_data (G_OBJECT (row), "id") : NULL);
}

static void
sb_element_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      g_value_set_object (value, SB_ELEMENT_LIST (object)->lesson);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_element_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      sb_element_list_set_lesson (SB_ELEMENT_LIST (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_element_list_dispose (GObject *object)
{
  SbElementList *self = SB_ELEMENT_LIST (object);
  GtkWidget *box = GTK_WIDGET (self->box);

  sb_lesson_view_set (self, &self->lesson, NULL, NULL, 0);
  self->box = NULL;
  g_clear_pointer (&box, gtk_widget_unparent);
  G_OBJECT_CLASS (sb_element_list_parent_class)->dispose (object);
}

static void
sb_element_list_class_init (SbElementListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_element_list_dispose;
  object_class->get_property = sb_element_list_get_property;
  object_class->set_property = sb_element_list_set_property;
  properties[PROP_LESSON] = sb_lesson_view_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbelementlist");
}

static void
sb_element_list_init (SbElementList *self)
{
  self->box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->box, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->box), "boxed-list");
  g_object_set (self->box, "margin-start", 12, "margin-end", 12, "margin-bottom", 18, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Elements"), -1);
  g_signal_connect (self->box, "row-selected", G_CALLBACK (row_selected), self);
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));
}

GtkWidget *
sb_element_list_new (void)
{
  return g_object_new (SB_TYPE_ELEMENT_LIST, NULL);
}

void
sb_element_list_set_lesson (SbElementList *self,
                            SbLesson      *lesson)
{
  static const SbLessonHook hooks[] = {
    { "changed", G_CALLBACK (lesson_changed) },
    { "notify::selected", G_CALLBACK (selection_changed) },
  };

  g_return_if_fail (SB_IS_ELEMENT_LIST (self));
  if (!sb_lesson_view_set (self, &self->lesson, lesson, hooks, G_N_ELEMENTS (hooks)))
    return;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
}

const char *
sb_element_list_get_row_text (SbElementList *self,
                              const char    *id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SB_IS_ELEMENT_LIST (self), NULL);
  row = find_row (self, id);
  return row ? gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (row))) : NULL;
}

guint
sb_element_list_get_n_rows (SbElementList *self)
{
  guint n = 0;

  g_return_val_if_fail (SB_IS_ELEMENT_LIST (self), 0);
  while (gtk_list_box_get_row_at_index (self->box, (int) n) != NULL)
    n++;
  return n;
}

void
sb_element_list_select (SbElementList *self,
                        const char    *id)
{
  g_return_if_fail (SB_IS_ELEMENT_LIST (self));
  gtk_list_box_select_row (self->box, find_row (self, id));
}
