/* sb-canvas.c — plays the simulation and draws it through the render layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas owns the simulation of the scenario it shows and drives it
 * from the frame clock: each frame advances the sim by the real time
 * elapsed times the speed, accumulated in microseconds so the sim's state
 * depends only on the simulated time reached, never on the frame rate.
 * Drawing goes through the same sb_render_draw() as every export.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "render/sb-export.h"
#include "render/sb-render.h"
#include "sb-canvas.h"
#include "sb-timeline.h"
#include "sim/sb-spof.h"

/* A frame that comes late (a stall, a suspended laptop) moves the class's
 * clock by at most this much real time, so nothing jumps out of sight. */
#define MAX_FRAME_US (G_USEC_PER_SEC / 4)

struct _SbCanvas
{
  GtkWidget   parent_instance;

  SbScenario *scenario;
  SbLayout   *layout;
  SbSim      *sim;
  gboolean    playing;
  double      speed;
  double      target_us;   /* simulated time to reach, kept fractional */
  gint64      last_frame;  /* frame clock time of the previous tick, or 0 */
  guint       tick_id;

  SbTimeline *timeline;    /* what the teacher did in this run, for stepping back */
  SbStyle     style;
  char       *spof_mode;   /* "reads", "writes" or NULL */
  char       *selected;
  GPtrArray  *spofs;       /* the ids marked, for the sim's scenario */
  gboolean    show_issues;
  GStrv       highlight;
  GPtrArray  *dragged;     /* ids of the components a drag moves, or NULL */
  GArray     *drag_start;  /* their centres, in scenario coordinates (x, y pairs) */
  gboolean    drag_moved;

  /* The static diagram, drawn once per size and theme: each frame only
   * redraws the live layer over it. */
  GskRenderNode *board;
  int            board_width;
  int            board_height;
  SbTheme        board_theme;
};

enum {
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbCanvas, sb_canvas, GTK_TYPE_WIDGET)

static SbTheme
current_theme (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? SB_THEME_DARK
                                                                       : SB_THEME_LIGHT;
}

static gboolean
animations_enabled (GtkWidget *widget)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (widget), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static void
current_options (SbCanvas        *self,
                 SbRenderOptions *options)
{
  sb_render_options_init (options);
  options->theme = current_theme ();
  options->reduced_motion = !animations_enabled (GTK_WIDGET (self));
  options->style = self->style;
  options->spofs = self->spofs;
  options->spofs_for_writes = self->spof_mode && g_str_equal (self->spof_mode, "writes");
  options->selected_id = self->selected;
  options->show_issues = self->show_issues;
  options->highlight_path = (const char * const *) self->highlight;
}

static void
invalidate_board (SbCanvas *self)
{
  g_clear_pointer (&self->board, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GskRenderNode *
board_node (SbCanvas              *self,
            const SbRenderOptions *options,
            int                    width,
            int                    height)
{
  GtkSnapshot *snapshot;
  cairo_t *cr;

  if (self->board != NULL && self->board_width == width && self->board_height == height
      && self->board_theme == options->theme)
    return self->board;
  g_clear_pointer (&self->board, gsk_render_node_unref);
  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sb_render_draw_board (cr, self->layout, sb_sim_get_scenario (self->sim), options, width, height);
  cairo_destroy (cr);
  self->board = gtk_snapshot_free_to_node (snapshot);
  self->board_width = width;
  self->board_height = height;
  self->board_theme = options->theme;
  return self->board;
}

static void
sb_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  SbCanvas *self = SB_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SbRenderOptions options;
  cairo_t *cr;

  if (self->sim == NULL || width <= 0 || height <= 0)
    return;
  current_options (self, &options);
  /* GTK renders cairo nodes at the surface's scale: sharp on HiDPI. */
  gtk_snapshot_append_node (snapshot, board_node (self, &options, width, height));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sb_render_draw_live (cr, self->layout, sb_sim_get_scenario (self->sim), self->sim, &options,
                       width, height);
  cairo_destroy (cr);
}

static void
sb_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  /* Small enough for a laptop, natural size for a 1280×720 projector. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 270;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 1280 : 673;
}

static const char *
element_label (const SbScenario *scenario,
               const char       *id)
{
  const SbComponent *comp = sb_scenario_find_component (scenario, id);
  const SbHost *host = comp ? NULL : sb_scenario_find_host (scenario, id);
  const char *label = comp ? comp->label : host ? host->label : id;

  return g_dgettext (GETTEXT_PACKAGE, label);
}

/* The newest failure at ID that is still on the board, or NULL. */
static const SbSimEvent *
recent_failure_at (SbSim      *sim,
                   const char *id)
{
  guint n = sb_sim_get_n_recent_failures (sim);

  for (guint i = 0; i < n; i++)
    {
      const SbSimEvent *ev = sb_sim_get_recent_failure (sim, i);

      if (g_strcmp0 (ev->element, id) == 0)
        return ev;
    }
  return NULL;
}

/* Hovering an element names it, says whether it is up, and gives the
 * reason of the last request that failed there. */
static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip)
{
  SbCanvas *self = SB_CANVAS (widget);
  const char *id = sb_canvas_element_at (self, x, y);
  const SbSimEvent *failure;
  g_autoptr(GString) text = NULL;

  if (id == NULL || self->sim == NULL)
    return FALSE;
  text = g_string_new (element_label (sb_sim_get_scenario (self->sim), id));
  /* A tooltip wraps at words only: a label of 4096 letters without a
   * space would make it wider than the screen. */
  if (g_utf8_strlen (text->str, -1) > 80)
    {
      g_string_truncate (text, g_utf8_offset_to_pointer (text->str, 80) - text->str);
      g_string_append (text, "…");
    }
  g_string_append_printf (text, " — %s", sb_sim_is_up (self->sim, id) ? _("up") : _("down"));
  failure = recent_failure_at (self->sim, id);
  if (failure != NULL)
    g_string_append_printf (text, _("\nLast failure at %.1f s: %s"),
                            failure->time / (double) SB_SIM_USEC_PER_SEC,
                            _(sb_failure_reason_to_string (failure->reason)));
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       user_data)
{
  SbCanvas *self = SB_CANVAS (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->last_frame != 0)
    {
      self->target_us += MIN (now - self->last_frame, MAX_FRAME_US) * self->speed;
      sb_sim_advance_to (self->sim, (gint64) self->target_us);
      gtk_widget_queue_draw (widget);
    }
  self->last_frame = now;
  return G_SOURCE_CONTINUE;
}

static void
update_ticking (SbCanvas *self)
{
  gboolean want = self->playing && self->sim != NULL;

  if (want && self->tick_id == 0)
    {
      self->last_frame = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick, NULL, NULL);
    }
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
sb_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SbCanvas *self = SB_CANVAS (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_SELECTED:
      g_value_set_string (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SbCanvas *self = SB_CANVAS (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      sb_canvas_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      sb_canvas_set_speed (self, g_value_get_double (value));
      break;
    case PROP_SELECTED:
      sb_canvas_set_selected (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_canvas_dispose (GObject *object)
{
  SbCanvas *self = SB_CANVAS (object);

  g_clear_pointer (&self->board, gsk_render_node_unref);
  g_clear_pointer (&self->spofs, g_ptr_array_unref);
  g_clear_pointer (&self->spof_mode, g_free);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->highlight, g_strfreev);
  g_clear_pointer (&self->dragged, g_ptr_array_unref);
  g_clear_pointer (&self->drag_start, g_array_unref);
  g_clear_pointer (&self->timeline, sb_timeline_free);
  g_clear_pointer (&self->sim, sb_sim_free);
  g_clear_pointer (&self->layout, sb_layout_free);
  g_clear_pointer (&self->scenario, sb_scenario_free);
  G_OBJECT_CLASS (sb_canvas_parent_class)->dispose (object);
}

static void
sb_canvas_class_init (SbCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_canvas_dispose;
  object_class->get_property = sb_canvas_get_property;
  object_class->set_property = sb_canvas_set_property;
  widget_class->snapshot = sb_canvas_snapshot;
  widget_class->measure = sb_canvas_measure;

  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.25, 8.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_string ("selected", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The teacher moved elements on the board: the scenario has changed. */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "sbcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pressed (GtkGestureClick *gesture,
         int              n_press,
         double           x,
         double           y,
         SbCanvas        *self)
{
  sb_canvas_set_selected (self, sb_canvas_element_at (self, x, y));
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static double
view_scale (SbCanvas *self)
{
  return sb_layout_fit (self->layout, gtk_widget_get_width (GTK_WIDGET (self)),
                        gtk_widget_get_height (GTK_WIDGET (self))).scale;
}

/* A drag on a component moves it; on a machine, everything on it. */
static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            SbCanvas       *self)
{
  const char *id = sb_canvas_element_at (self, x, y);

  g_clear_pointer (&self->dragged, g_ptr_array_unref);
  g_clear_pointer (&self->drag_start, g_array_unref);
  self->drag_moved = FALSE;
  if (id == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->dragged = g_ptr_array_new_with_free_func (g_free);
  self->drag_start = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < self->scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (self->scenario->components, i);
      double cx, cy;

      if (!g_str_equal (c->id, id) && g_strcmp0 (c->host, id) != 0)
        continue;
      sb_rect_center (sb_layout_get_rect (self->layout, c->id), &cx, &cy);
      sb_layout_to_scenario (self->layout, &cx, &cy);
      g_ptr_array_add (self->dragged, g_strdup (c->id));
      g_array_append_val (self->drag_start, cx);
      g_array_append_val (self->drag_start, cy);
    }
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SbCanvas       *self)
{
  double scale = view_scale (self);

  if (self->dragged == NULL || scale <= 0 || (!self->drag_moved && ABS (dx) + ABS (dy) < 6))
    return;
  self->drag_moved = TRUE;
  for (guint i = 0; i < self->dragged->len; i++)
    {
      SbComponent *c = (SbComponent *) sb_scenario_find_component (self->scenario,
                                                                    g_ptr_array_index (self->dragged, i));

      c->has_position = TRUE;
      /* Within what a file may hold, however far the pointer went. */
      c->x = CLAMP (g_array_index (self->drag_start, double, 2 * i) + dx / scale,
                    -SB_SCENARIO_MAX_COORD, SB_SCENARIO_MAX_COORD);
      c->y = CLAMP (g_array_index (self->drag_start, double, 2 * i + 1) + dy / scale,
                    -SB_SCENARIO_MAX_COORD, SB_SCENARIO_MAX_COORD);
    }
  g_clear_pointer (&self->layout, sb_layout_free);
  self->layout = sb_layout_new (self->scenario);
  invalidate_board (self);
}

static void
drag_end (GtkGestureDrag *gesture,
          double          dx,
          double          dy,
          SbCanvas       *self)
{
  if (self->drag_moved)
    g_signal_emit (self, signals[EDITED], 0);
  g_clear_pointer (&self->dragged, g_ptr_array_unref);
  g_clear_pointer (&self->drag_start, g_array_unref);
}

/* Arrow keys walk the elements in the order of the board: the whole lesson
 * can be run without a mouse. */
static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             SbCanvas              *self)
{
  int step = (keyval == GDK_KEY_Right || keyval == GDK_KEY_Down) ? 1
             : (keyval == GDK_KEY_Left || keyval == GDK_KEY_Up) ? -1 : 0;
  int n, current;

  if (step == 0 || self->sim == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;
  n = (int) sb_sim_get_n_elements (self->sim);
  current = self->selected ? sb_sim_find_element (self->sim, self->selected) : -1;
  current = current < 0 ? (step > 0 ? -1 : 0) : current;
  sb_canvas_set_selected (self, sb_sim_get_element_id (self->sim, (guint) ((current + step + n) % n)));
  return TRUE;
}

static void
sb_canvas_init (SbCanvas *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  GtkGesture *click = gtk_gesture_click_new ();

  self->timeline = sb_timeline_new ();

  g_signal_connect (click, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  self->speed = 1.0;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip), NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "sb-canvas");
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (invalidate_board), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sb_canvas_new (void)
{
  return g_object_new (SB_TYPE_CANVAS, NULL);
}

void
sb_canvas_set_scenario (SbCanvas         *self,
                        const SbScenario *scenario)
{
  g_return_if_fail (SB_IS_CANVAS (self));
  g_return_if_fail (scenario != NULL);

  g_clear_pointer (&self->layout, sb_layout_free);
  g_clear_pointer (&self->scenario, sb_scenario_free);
  self->scenario = sb_scenario_copy (scenario);
  self->layout = sb_layout_new (self->scenario);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->scenario->title ? g_dgettext (GETTEXT_PACKAGE, self->scenario->title)
                                                        : _("Diagram"),
                                  -1);
  sb_canvas_reset (self);
}

void
sb_canvas_reset (SbCanvas *self)
{
  g_return_if_fail (SB_IS_CANVAS (self));

  g_clear_pointer (&self->sim, sb_sim_free);
  if (self->scenario != NULL)
    self->sim = sb_sim_new (self->scenario);
  sb_timeline_clear (self->timeline);
  self->target_us = 0;
  self->last_frame = 0;
  update_ticking (self);
  /* The sim's scenario is what the board shows: a reset may change it. */
  sb_canvas_sim_changed (self);
}

const SbScenario *
sb_canvas_get_scenario (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  return self->scenario;
}

const SbLayout *
sb_canvas_get_layout (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  return self->layout;
}

SbSim *
sb_canvas_get_sim (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  return self->sim;
}

void
sb_canvas_set_playing (SbCanvas *self,
                       gboolean  playing)
{
  g_return_if_fail (SB_IS_CANVAS (self));

  playing = !!playing;
  if (self->playing == playing)
    return;
  self->playing = playing;
  update_ticking (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
sb_canvas_get_playing (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), FALSE);
  return self->playing;
}

void
sb_canvas_set_speed (SbCanvas *self,
                     double    speed)
{
  g_return_if_fail (SB_IS_CANVAS (self));

  speed = CLAMP (speed, 0.25, 8.0);
  if (self->speed == speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

double
sb_canvas_get_speed (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), 1.0);
  return self->speed;
}

/* SPOFs follow the sim's scenario: its settings (the mode, say) may
 * change the answer. */
static void
update_spofs (SbCanvas *self)
{
  g_clear_pointer (&self->spofs, g_ptr_array_unref);
  if (self->spof_mode == NULL || self->sim == NULL)
    return;
  if (g_str_equal (self->spof_mode, "reads"))
    sb_spof_analyse (sb_sim_get_scenario (self->sim), &self->spofs, NULL);
  else
    sb_spof_analyse (sb_sim_get_scenario (self->sim), NULL, &self->spofs);
}

void
sb_canvas_sim_changed (SbCanvas *self)
{
  g_return_if_fail (SB_IS_CANVAS (self));
  /* A setting (the mode's backups, say) may show on the board too. */
  update_spofs (self);
  invalidate_board (self);
}

void
sb_canvas_set_selected (SbCanvas   *self,
                        const char *id)
{
  g_return_if_fail (SB_IS_CANVAS (self));

  if (g_strcmp0 (self->selected, id) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (id);
  invalidate_board (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

const char *
sb_canvas_get_selected (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  return self->selected;
}

void
sb_canvas_set_show_issues (SbCanvas *self,
                           gboolean  show)
{
  g_return_if_fail (SB_IS_CANVAS (self));
  self->show_issues = show;
  invalidate_board (self);
  /* The panel explains the issues while they are shown. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

void
sb_canvas_set_highlight (SbCanvas           *self,
                         const char * const *path)
{
  g_return_if_fail (SB_IS_CANVAS (self));
  g_strfreev (self->highlight);
  self->highlight = g_strdupv ((char **) path);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

SbScenario *
sb_canvas_dup_scenario (SbCanvas *self)
{
  SbScenario *copy;

  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  copy = sb_scenario_copy (sb_sim_get_scenario (self->sim));
  for (guint i = 0; i < copy->components->len; i++)
    {
      SbComponent *c = g_ptr_array_index (copy->components, i);
      const SbComponent *shown = sb_scenario_find_component (self->scenario, c->id);

      if (shown != NULL)
        {
          c->has_position = shown->has_position;
          c->x = shown->x;
          c->y = shown->y;
        }
    }
  return copy;
}

gboolean
sb_canvas_get_show_issues (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), FALSE);
  return self->show_issues;
}

void
sb_canvas_set_style (SbCanvas *self,
                     SbStyle   style)
{
  g_return_if_fail (SB_IS_CANVAS (self));
  self->style = style;
  invalidate_board (self);
}

void
sb_canvas_set_spof_mode (SbCanvas   *self,
                         const char *mode)
{
  g_return_if_fail (SB_IS_CANVAS (self));

  g_clear_pointer (&self->spof_mode, g_free);
  if (mode != NULL && (g_str_equal (mode, "reads") || g_str_equal (mode, "writes")))
    self->spof_mode = g_strdup (mode);
  sb_canvas_sim_changed (self);
}

void
sb_canvas_set_setting (SbCanvas  *self,
                       SbSetting  setting,
                       double     value)
{
  g_return_if_fail (SB_IS_CANVAS (self));
  g_return_if_fail (self->sim != NULL);

  sb_timeline_set_setting (self->timeline, self->sim, setting, value);
  sb_canvas_sim_changed (self);
}

gboolean
sb_canvas_apply (SbCanvas        *self,
                 SbCanvasAction   action,
                 const char      *id,
                 GError         **error)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (self->sim != NULL && id != NULL, FALSE);

  if (!sb_timeline_apply (self->timeline, self->sim, action, id, error))
    return FALSE;
  sb_canvas_sim_changed (self);
  return TRUE;
}

static void
jump_to (SbCanvas *self,
         SbSim    *sim)
{
  sb_canvas_set_playing (self, FALSE);
  g_clear_pointer (&self->sim, sb_sim_free);
  self->sim = sim;
  self->target_us = sb_sim_get_time (sim);
  sb_canvas_sim_changed (self);
}

void
sb_canvas_step_forward (SbCanvas *self)
{
  gint64 next;

  g_return_if_fail (SB_IS_CANVAS (self));
  sb_canvas_set_playing (self, FALSE);
  next = sb_sim_get_next_hop_time (self->sim);
  if (next < 0)
    return;
  sb_sim_advance_to (self->sim, next);
  self->target_us = next;
  sb_canvas_sim_changed (self);
}

void
sb_canvas_step_back (SbCanvas *self)
{
  gint64 prev, unused;

  g_return_if_fail (SB_IS_CANVAS (self));
  sb_sim_free (sb_timeline_replay (self->timeline, self->scenario, sb_sim_get_time (self->sim), &prev));
  /* What was done after that moment is forgotten: the lesson goes on
   * from there. */
  sb_timeline_forget_after (self->timeline, prev);
  jump_to (self, sb_timeline_replay (self->timeline, self->scenario, prev, &unused));
}

gboolean
sb_canvas_export (SbCanvas    *self,
                  const char  *path,
                  int          scale,
                  GError     **error)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  int width = SB_EXPORT_DEFAULT_WIDTH, height = SB_EXPORT_DEFAULT_HEIGHT;
  SbRenderOptions options;

  g_return_val_if_fail (SB_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (self->sim != NULL, FALSE);

  /* Keep the shape the class sees on the wall. */
  if (w > 0 && h > 0)
    height = MAX (1, width * h / w);
  current_options (self, &options);
  return sb_export_to_file (path, self->layout, sb_sim_get_scenario (self->sim), self->sim,
                            &options, width, height, scale, error);
}

const char *
sb_canvas_element_at (SbCanvas *self,
                      double    x,
                      double    y)
{
  SbViewTransform t;

  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  if (self->layout == NULL)
    return NULL;
  t = sb_layout_fit (self->layout, gtk_widget_get_width (GTK_WIDGET (self)),
                     gtk_widget_get_height (GTK_WIDGET (self)));
  return sb_layout_hit_test (self->layout, (x - t.offset_x) / t.scale, (y - t.offset_y) / t.scale);
}
