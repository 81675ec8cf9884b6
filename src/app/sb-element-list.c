/* sb-element-list.c — a list of every element with its state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same selection as the board's: picking a row selects the element on
 * the canvas and the other way round, so the whole lesson can be run from
 * the keyboard (Tab to the list, arrows to move, K to kill).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-element-list.h"

struct _SbElementList
{
  GtkWidget   parent_instance;

  SbCanvas   *canvas;     /* weak */
  GtkListBox *box;
  SbSim      *shown_sim;  /* only compared */
  gboolean    syncing;
  guint       refresh_id;
};

G_DEFINE_FINAL_TYPE (SbElementList, sb_element_list, GTK_TYPE_WIDGET)

static const char *
label_of (const SbScenario *scenario,
          const char       *id)
{
  const SbComponent *comp = sb_scenario_find_component (scenario, id);
  const SbHost *host = comp ? NULL : sb_scenario_find_host (scenario, id);

  return g_dgettext (GETTEXT_PACKAGE, comp ? comp->label : host ? host->label : id);
}

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
                          label_of (scenario, id), state_word (sim, id));
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

void
sb_element_list_refresh (SbElementList *self)
{
  SbSim *sim;
  GtkListBoxRow *row;

  g_return_if_fail (SB_IS_ELEMENT_LIST (self));
  if (self->canvas == NULL || (sim = sb_canvas_get_sim (self->canvas)) == NULL)
    return;
  if (sim != self->shown_sim)
    sb_element_list_rebuild (self);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->box, i)); i++)
    update_row (row, sim);
}

static void
canvas_selection_changed (SbElementList *self)
{
  self->syncing = TRUE;
  gtk_list_box_select_row (self->box, find_row (self, sb_canvas_get_selected (self->canvas)));
  self->syncing = FALSE;
}

void
sb_element_list_rebuild (SbElementList *self)
{
  SbSim *sim;

  g_return_if_fail (SB_IS_ELEMENT_LIST (self));
  if (self->canvas == NULL || (sim = sb_canvas_get_sim (self->canvas)) == NULL)
    return;
  self->syncing = TRUE;
  /* gtk_list_box_remove_all() needs GTK 4.12. */
  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (self->box, 0)); )
    gtk_list_box_remove (self->box, GTK_WIDGET (row));
  self->syncing = FALSE;
  fill (self, sb_sim_get_scenario (sim));
  self->shown_sim = sim;
  sb_element_list_refresh (self);
  canvas_selection_changed (self);
}

static void
row_selected (GtkListBox    *box,
              GtkListBoxRow *row,
              SbElementList *self)
{
  if (self->syncing || self->canvas == NULL)
    return;
  sb_canvas_set_selected (self->canvas, row ? g_object_get_data (G_OBJECT (row), "id") : NULL);
}

static gboolean
refresh_tick (gpointer user_data)
{
  sb_element_list_refresh (SB_ELEMENT_LIST (user_data));
  return G_SOURCE_CONTINUE;
}

static void
sb_element_list_map (GtkWidget *widget)
{
  SbElementList *self = SB_ELEMENT_LIST (widget);

  GTK_WIDGET_CLASS (sb_element_list_parent_class)->map (widget);
  self->refresh_id = g_timeout_add (500, refresh_tick, self);
  sb_element_list_refresh (self);
}

static void
sb_element_list_unmap (GtkWidget *widget)
{
  SbElementList *self = SB_ELEMENT_LIST (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (sb_element_list_parent_class)->unmap (widget);
}

static void
sb_element_list_dispose (GObject *object)
{
  SbElementList *self = SB_ELEMENT_LIST (object);
  GtkWidget *box = GTK_WIDGET (self->box);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_weak_pointer (&self->canvas);
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
  widget_class->map = sb_element_list_map;
  widget_class->unmap = sb_element_list_unmap;
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
sb_element_list_set_canvas (SbElementList *self,
                            SbCanvas      *canvas)
{
  g_return_if_fail (SB_IS_ELEMENT_LIST (self));
  g_set_weak_pointer (&self->canvas, canvas);
  g_signal_connect_object (canvas, "notify::selected",
                           G_CALLBACK (canvas_selection_changed), self, G_CONNECT_SWAPPED);
  sb_element_list_rebuild (self);
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

void
sb_element_list_select (SbElementList *self,
                        const char    *id)
{
  g_return_if_fail (SB_IS_ELEMENT_LIST (self));
  gtk_list_box_select_row (self->box, find_row (self, id));
}
