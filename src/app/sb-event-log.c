/* sb-event-log.c — a GtkListView over the sim's ring of recent events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sim numbers its events; the log remembers the next number it has not
 * shown and puts the ones from there on top, so each refresh costs only
 * the new events and the newest is always in sight.  A new run (reset,
 * step back, another scenario) starts the list again.  Selecting a request
 * shows its path on the board.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-event-item.h"
#include "sb-event-log.h"
#include "sb-lesson-view.h"

/* Rows kept: enough to scroll back over the last minute of a lesson. */
#define MAX_ROWS 300

struct _SbEventLog
{
  GtkWidget           parent_instance;

  SbLesson           *lesson;
  GtkWidget          *scroller;
  GtkListView        *view;
  GListStore         *store;
  GtkSingleSelection *selection;
  guint64             next_seq;
};

enum {
  PROP_0,
  PROP_LESSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbEventLog, sb_event_log, GTK_TYPE_WIDGET)

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_list_item_set_child (item, label);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  SbEventItem *event = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), sb_event_item_get_text (event));
  if (sb_event_item_is_failure (event))
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
  if (sb_event_item_is_caption (event))
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

static void
selection_changed (SbEventLog *self)
{
  SbEventItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (self->lesson != NULL)
    sb_lesson_set_highlight (self->lesson, item ? sb_event_item_get_path (item) : NULL);
}

/* The events the log has not shown yet go on top, newest first. */
static void
prepend_new_events (SbEventLog *self)
{
  SbSim *sim = sb_lesson_get_sim (self->lesson);
  const SbScenario *scenario = sb_sim_get_scenario (sim);
  guint64 end = sb_sim_get_events_end (sim);
  guint64 first = MAX (sb_sim_get_events_first (sim), self->next_seq);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  /* Past MAX_ROWS new events, only the last ones would stay anyway. */
  first = MAX (first, end > MAX_ROWS ? end - MAX_ROWS : 0);
  for (guint64 seq = end; seq-- > first; )
    g_ptr_array_add (items, sb_event_item_new (scenario, sb_sim_get_event (sim, seq)));
  self->next_seq = end;
  if (items->len == 0)
    return;
  g_list_store_splice (self->store, 0, 0, items->pdata, items->len);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  if (n > MAX_ROWS)
    g_list_store_splice (self->store, MAX_ROWS, n - MAX_ROWS, NULL, 0);
}

static void
refresh (SbEventLog *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    prepend_new_events (self);
}

static void
lesson_changed (SbEventLog *self,
                guint       what)
{
  if (what & SB_LESSON_CHANGED_RUN)
    {
      g_list_store_remove_all (self->store);
      self->next_seq = 0;
    }
  refresh (self);
}

/* The narrator's lines go on top at once, between the events. */
static void
caption (SbEventLog      *self,
         const SbCaption *caption)
{
  g_autoptr(SbEventItem) item = sb_event_item_new_caption (caption);

  prepend_new_events (self);
  g_list_store_insert (self->store, 0, item);
}

static void
sb_event_log_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sb_event_log_parent_class)->map (widget);
  refresh (SB_EVENT_LOG (widget));
}

static void
sb_event_log_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      g_value_set_object (value, SB_EVENT_LOG (object)->lesson);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_event_log_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      sb_event_log_set_lesson (SB_EVENT_LOG (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_event_log_dispose (GObject *object)
{
  SbEventLog *self = SB_EVENT_LOG (object);

  sb_lesson_view_set (self, &self->lesson, NULL, NULL, 0);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sb_event_log_parent_class)->dispose (object);
}

static void
sb_event_log_class_init (SbEventLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_event_log_dispose;
  object_class->get_property = sb_event_log_get_property;
  object_class->set_property = sb_event_log_set_property;
  widget_class->map = sb_event_log_map;
  properties[PROP_LESSON] = sb_lesson_view_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbeventlog");
}

static void
sb_event_log_init (SbEventLog *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->store = g_list_store_new (SB_TYPE_EVENT_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  self->view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                 factory));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recent events"), -1);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller), 220);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
sb_event_log_new (void)
{
  return g_object_new (SB_TYPE_EVENT_LOG, NULL);
}

void
sb_event_log_set_lesson (SbEventLog *self,
                         SbLesson   *lesson)
{
  static const SbLessonHook hooks[] = {
    { "changed", G_CALLBACK (lesson_changed) },
    { "refresh", G_CALLBACK (refresh) },
    { "caption", G_CALLBACK (caption) },
  };

  g_return_if_fail (SB_IS_EVENT_LOG (self));
  if (!sb_lesson_view_set (self, &self->lesson, lesson, hooks, G_N_ELEMENTS (hooks)))
    return;
  lesson_changed (self, SB_LESSON_CHANGED_RUN);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
}

GListModel *
sb_event_log_get_model (SbEventLog *self)
{
  g_return_val_if_fail (SB_IS_EVENT_LOG (self), NULL);
  return G_LIST_MODEL (self->store);
}

void
sb_event_log_select (SbEventLog *self,
                     guint       position)
{
  g_return_if_fail (SB_IS_EVENT_LOG (self));
  gtk_single_selection_set_selected (self->selection, position);
}
