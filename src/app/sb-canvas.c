/* sb-canvas.c — plays the lesson and draws it through the render layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas is a view of an SbLesson: it moves the lesson's time on from
 * the frame clock while the lesson plays, and redraws when the lesson says
 * it changed.  Drawing goes through the same sb_render_draw() as every
 * export.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "render/sb-export.h"
#include "render/sb-render.h"
#include "render/sb-render-drag.h"
#include "sb-canvas.h"
#include "sb-lesson-view.h"

struct _SbCanvas
{
  GtkWidget   parent_instance;

  SbLesson   *lesson;
  SbLayout   *layout;
  gint64      last_frame;  /* frame clock time of the previous tick, or 0 */
  guint       tick_id;
  SbStyle     style;
  GPtrArray  *dragged;     /* ids of the components a drag moves, or NULL */
  GArray     *drag_start;  /* their centres, in scenario coordinates (x, y pairs) */
  gboolean    drag_moved;
  gboolean    panning;     /* a drag on the background moves the zoomed board */

  /* Zoom: the fitted board scaled by ZOOM, then moved by PAN (pixels). */
  double      zoom;
  double      pan_x, pan_y;
  double      drag_pan_x, drag_pan_y;
  double      pinch_zoom;  /* the zoom when a pinch began */

  gboolean    pointer_highlight;
  double      text_scale;  /* larger in presentation mode */
  double      laid_out_aspect; /* the aspect the layout was made for */
  gboolean    pointer_inside;
  double      pointer_x, pointer_y;
  gboolean    drag_machine; /* the drag moves a whole machine */
  double      drag_x;      /* where the drag began, widget coordinates */
  double      drag_y;
  char       *drag_unit;   /* the machine or component dragged */
  SbRenderDrag *drag_drawing; /* the board while the drag goes on */
  double      drag_dx, drag_dy; /* how far it has gone, diagram units */
  GtkWidget  *menu;        /* the context menu, a popover child, or NULL */

  /* The static diagram, drawn once per size and theme: each frame only
   * redraws the live layer over it. */
  GskRenderNode *board;
  int            board_width;
  int            board_height;
  SbTheme        board_theme;
  /* Where the board put its captions, so requests pass under them. */
  SbRenderRecord *board_marks;
};

enum {
  PROP_0,
  PROP_LESSON,
  PROP_ZOOM,
  PROP_POINTER_HIGHLIGHT,
  PROP_TEXT_SCALE,
  N_PROPS
};

#define ZOOM_MAX 4.0

static GParamSpec *properties[N_PROPS];

enum {
  CONTEXT_MENU,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  const char *spof_mode = sb_lesson_get_spof_mode (self->lesson);

  sb_render_options_init (options);
  options->theme = current_theme ();
  options->reduced_motion = !animations_enabled (GTK_WIDGET (self));
  options->style = self->style;
  options->spofs = sb_lesson_get_spofs (self->lesson);
  options->spofs_for_writes = g_str_equal (spof_mode, "writes");
  options->selected_id = sb_lesson_get_selected (self->lesson);
  options->show_issues = sb_lesson_get_show_issues (self->lesson);
  options->highlight_path = sb_lesson_get_highlight (self->lesson);
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
  sb_render_draw_board (cr, self->layout, sb_lesson_get_live_scenario (self->lesson), options,
                        width, height);
  cairo_destroy (cr);
  self->board = gtk_snapshot_free_to_node (snapshot);
  self->board_width = width;
  self->board_height = height;
  self->board_theme = options->theme;
  return self->board;
}

/* Keyboard focus on the board shows as a ring round it, as on any
 * focusable widget, once the teacher moves focus with the keyboard. */
static void
append_focus_ring (SbCanvas    *self,
                   GtkSnapshot *snapshot,
                   int          width,
                   int          height)
{
  GskRoundedRect outline;
  GdkRGBA accent = { 0.21, 0.52, 0.89, 0.8 };
  const float w = 3;

  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    return;
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (w / 2, w / 2, width - w, height - w), 6);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { w, w, w, w },
                              (GdkRGBA[4]) { accent, accent, accent, accent });
}

/* A ring that follows the mouse, for a room that cannot see a pointer. */
static void
append_pointer (SbCanvas    *self,
                GtkSnapshot *snapshot)
{
  const float r = 26;
  GskRoundedRect circle;
  GdkRGBA fill = { 1.0, 0.76, 0.03, 0.35 };
  GdkRGBA ring = { 0.90, 0.38, 0.0, 0.9 };

  if (!self->pointer_highlight || !self->pointer_inside)
    return;
  gsk_rounded_rect_init_from_rect (&circle, &GRAPHENE_RECT_INIT (self->pointer_x - r, self->pointer_y - r,
                                                                 2 * r, 2 * r), r);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, &fill, &circle.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &circle, (float[4]) { 4, 4, 4, 4 },
                              (GdkRGBA[4]) { ring, ring, ring, ring });
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

  if (self->lesson == NULL || width <= 0 || height <= 0)
    return;
  current_options (self, &options);
  if (self->board_marks == NULL)
    self->board_marks = sb_render_record_new ();
  options.record = self->board_marks;
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  /* Zoomed, the board and the live layer are drawn as fitted, scaled:
   * the render layer never knows. */
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->pan_x, self->pan_y));
  gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
  if (self->drag_drawing != NULL)
    {
      /* A drag paints the board as it was and the machine where it is. */
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      sb_render_drag_draw (self->drag_drawing, cr, sb_lesson_get_live_scenario (self->lesson),
                           sb_lesson_get_sim (self->lesson), &options, self->drag_dx, self->drag_dy);
      cairo_destroy (cr);
    }
  else
    {
      /* GTK renders cairo nodes at the surface's scale: sharp on HiDPI. */
      gtk_snapshot_append_node (snapshot, board_node (self, &options, width, height));
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      sb_render_draw_live (cr, self->layout, sb_lesson_get_live_scenario (self->lesson),
                           sb_lesson_get_sim (self->lesson), &options, width, height);
      cairo_destroy (cr);
    }
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
  append_pointer (self, snapshot);
  append_focus_ring (self, snapshot, width, height);
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

/* The board is laid out for the widget's own shape, so that it is drawn
 * as large as the screen allows: beside the side panel on a 1024 × 768
 * projector the canvas is nearly square, and a 16:9 board (what exports
 * are made for) would leave its text at 7 pixels. */
static void
layout_options (SbCanvas        *self,
                SbLayoutOptions *options)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)), height = gtk_widget_get_height (GTK_WIDGET (self));

  sb_layout_options_init (options);
  options->text_scale = self->text_scale;
  if (width > 0 && height > 0)
    options->aspect = (double) width / height;
}

static void
make_layout (SbCanvas *self)
{
  SbLayoutOptions options;

  layout_options (self, &options);
  self->laid_out_aspect = options.aspect;
  g_clear_pointer (&self->layout, sb_layout_free);
  self->layout = sb_layout_new_full (sb_lesson_get_scenario (self->lesson), &options);
}

static void
sb_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  SbCanvas *self = SB_CANVAS (widget);

  /* A widget without a layout manager places its popovers itself. */
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
  /* The board is laid out for the widget's shape. */
  if (self->lesson != NULL && height > 0 && self->drag_drawing == NULL
      && ABS ((double) width / height / self->laid_out_aspect - 1) > 0.02)
    {
      make_layout (self);
      invalidate_board (self);
    }
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
  SbSim *sim = self->lesson ? sb_lesson_get_sim (self->lesson) : NULL;
  const SbSimEvent *failure;
  g_autoptr(GString) text = NULL;
  g_autofree char *name = NULL;

  if (id == NULL || sim == NULL)
    return FALSE;
  text = g_string_new (NULL);
  g_string_append (text, name = sb_scenario_describe (sb_sim_get_scenario (sim), id));
  /* A tooltip wraps at words only: a label of 4096 letters without a
   * space would make it wider than the screen. */
  if (g_utf8_strlen (text->str, -1) > 80)
    {
      g_string_truncate (text, g_utf8_offset_to_pointer (text->str, 80) - text->str);
      g_string_append (text, "…");
    }
  g_string_append_printf (text, " — %s", sb_sim_is_up (sim, id) ? _("up") : _("down"));
  failure = recent_failure_at (sim, id);
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
    sb_lesson_tick (self->lesson, now - self->last_frame);
  self->last_frame = now;
  return G_SOURCE_CONTINUE;
}

static void
update_ticking (SbCanvas *self)
{
  gboolean want = self->lesson != NULL && sb_lesson_get_playing (self->lesson);

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
update_accessible_label (SbCanvas *self)
{
  const SbScenario *scenario = sb_lesson_get_scenario (self->lesson);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  scenario->title ? g_dgettext (GETTEXT_PACKAGE, scenario->title)
                                                  : _("Diagram"),
                                  -1);
}

static void
lesson_changed (SbCanvas *self,
                guint     what)
{
  /* A drag's moves show on the board as it was, laid out at the drop;
   * only another design ends the drag's drawing. */
  if (self->drag_drawing != NULL && !(what & SB_LESSON_CHANGED_DESIGN))
    {
      if (what & SB_LESSON_CHANGED_RUN)
        self->last_frame = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  g_clear_pointer (&self->drag_drawing, sb_render_drag_free);
  if (what & (SB_LESSON_CHANGED_DESIGN | SB_LESSON_CHANGED_LAYOUT))
    {
      make_layout (self);
    }
  if (what & SB_LESSON_CHANGED_DESIGN)
    update_accessible_label (self);
  if (what & SB_LESSON_CHANGED_RUN)
    self->last_frame = 0;
  invalidate_board (self);
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
    case PROP_LESSON:
      g_value_set_object (value, self->lesson);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_POINTER_HIGHLIGHT:
      g_value_set_boolean (value, self->pointer_highlight);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
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
    case PROP_LESSON:
      sb_canvas_set_lesson (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      sb_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_POINTER_HIGHLIGHT:
      self->pointer_highlight = g_value_get_boolean (value);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_TEXT_SCALE:
      sb_canvas_set_text_scale (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_canvas_dispose (GObject *object)
{
  SbCanvas *self = SB_CANVAS (object);

  sb_lesson_view_set (self, &self->lesson, NULL, NULL, 0);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->board, gsk_render_node_unref);
  g_clear_pointer (&self->board_marks, sb_render_record_free);
  g_clear_pointer (&self->dragged, g_ptr_array_unref);
  g_clear_pointer (&self->drag_start, g_array_unref);
  g_clear_pointer (&self->drag_drawing, sb_render_drag_free);
  g_clear_pointer (&self->drag_unit, g_free);
  g_clear_pointer (&self->layout, sb_layout_free);
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
  widget_class->size_allocate = sb_canvas_size_allocate;

  properties[PROP_LESSON] = sb_lesson_view_param_spec ();
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 1.0, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POINTER_HIGHLIGHT] =
    g_param_spec_boolean ("pointer-highlight", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Every text of the board this many times its usual size, the boxes
   * grown to hold it (presentation mode). */
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 1.0, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A right click, the Menu key or Shift+F10 at a point of the board (in
   * widget coordinates); the selection is what was clicked. */
  signals[CONTEXT_MENU] = g_signal_new ("context-menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                        G_TYPE_DOUBLE, G_TYPE_DOUBLE);

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
  const char *id = sb_canvas_element_at (self, x, y);

  if (self->lesson != NULL)
    sb_lesson_set_selected (self->lesson, id);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* A double click on an element renames it, as in a file manager. */
  if (n_press == 2 && id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.rename", NULL);
}

static void
secondary_pressed (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   SbCanvas        *self)
{
  if (self->lesson != NULL)
    sb_lesson_set_selected (self->lesson, sb_canvas_element_at (self, x, y));
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, signals[CONTEXT_MENU], 0, x, y);
}

/* The context menu for the selection, from the keyboard: at the
 * selected element, or the middle of the board. */
static void
keyboard_context_menu (SbCanvas *self)
{
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  sb_canvas_element_center (self, sb_lesson_get_selected (self->lesson), &x, &y);
  g_signal_emit (self, signals[CONTEXT_MENU], 0, x, y);
}

static double
view_scale (SbCanvas *self)
{
  return sb_layout_fit (self->layout, gtk_widget_get_width (GTK_WIDGET (self)),
                        gtk_widget_get_height (GTK_WIDGET (self))).scale * self->zoom;
}

/* Keeps the zoomed board over the whole widget: no empty band. */
static void
clamp_pan (SbCanvas *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  self->pan_x = CLAMP (self->pan_x, w - w * self->zoom, 0);
  self->pan_y = CLAMP (self->pan_y, h - h * self->zoom, 0);
}

/* Zooms to ZOOM keeping the board's point under (X, Y) where it is. */
static void
zoom_at (SbCanvas *self,
         double    zoom,
         double    x,
         double    y)
{
  zoom = CLAMP (zoom, 1.0, ZOOM_MAX);
  if (zoom == self->zoom)
    return;
  self->pan_x = x - (x - self->pan_x) * zoom / self->zoom;
  self->pan_y = y - (y - self->pan_y) * zoom / self->zoom;
  self->zoom = zoom;
  clamp_pan (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* A drag on a component moves it; on a machine, everything on it. */
static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            SbCanvas       *self)
{
  const char *id = sb_canvas_element_at (self, x, y);
  const SbScenario *scenario;

  g_clear_pointer (&self->dragged, g_ptr_array_unref);
  g_clear_pointer (&self->drag_start, g_array_unref);
  self->drag_moved = FALSE;
  self->panning = id == NULL && self->zoom > 1.0;
  self->drag_pan_x = self->pan_x;
  self->drag_pan_y = self->pan_y;
  if (self->panning)
    return;
  self->drag_x = x;
  self->drag_y = y;
  if (id == NULL || self->lesson == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  scenario = sb_lesson_get_scenario (self->lesson);
  self->drag_machine = sb_scenario_find_host (scenario, id) != NULL;
  g_free (self->drag_unit);
  self->drag_unit = g_strdup (id);
  self->dragged = g_ptr_array_new_with_free_func (g_free);
  self->drag_start = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);
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

/* The board before the drag, and the unit dragged, drawn once. */
static void
start_drag_drawing (SbCanvas *self)
{
  SbRenderOptions options;
  double scale = gtk_widget_get_scale_factor (GTK_WIDGET (self)) * self->zoom;

  current_options (self, &options);
  if (self->board_marks == NULL)
    self->board_marks = sb_render_record_new ();
  options.record = self->board_marks;
  g_clear_pointer (&self->drag_drawing, sb_render_drag_free);
  self->drag_drawing = sb_render_drag_new (self->layout, sb_lesson_get_live_scenario (self->lesson), &options,
                                           self->drag_unit, gtk_widget_get_width (GTK_WIDGET (self)),
                                           gtk_widget_get_height (GTK_WIDGET (self)), scale);
}

/* The drop: laid out with the unit where it was dropped, the machines it
 * would overlap give way; where they went is part of the move. */
static void
settle_drop (SbCanvas *self)
{
  SbLayoutOptions options;
  g_autoptr(SbLayout) layout = NULL;
  const char * const *ids;
  const double *xs, *ys;
  guint n;

  layout_options (self, &options);
  options.pinned = self->drag_unit;
  layout = sb_layout_new_full (sb_lesson_get_scenario (self->lesson), &options);
  n = sb_layout_get_displaced (layout, &ids, &xs, &ys);
  sb_lesson_move_components (self->lesson, ids, xs, ys, n);
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SbCanvas       *self)
{
  double scale = view_scale (self);

  if (self->panning)
    {
      self->pan_x = self->drag_pan_x + dx;
      self->pan_y = self->drag_pan_y + dy;
      clamp_pan (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (self->dragged == NULL || scale <= 0 || (!self->drag_moved && ABS (dx) + ABS (dy) < 6))
    return;
  if (!self->drag_moved)
    start_drag_drawing (self);
  self->drag_moved = TRUE;
  self->drag_dx = dx / scale;
  self->drag_dy = dy / scale;
  {
    guint n = self->dragged->len;
    g_autofree double *xs = g_new (double, n);
    g_autofree double *ys = g_new (double, n);

    for (guint i = 0; i < n; i++)
      {
        xs[i] = g_array_index (self->drag_start, double, 2 * i) + dx / scale;
        ys[i] = g_array_index (self->drag_start, double, 2 * i + 1) + dy / scale;
      }
    /* One layout for the whole machine, not one per component. */
    sb_lesson_move_components (self->lesson, (const char * const *) self->dragged->pdata, xs, ys, n);
  }
}

static gboolean to_scenario_point (SbCanvas *self,
                                   double   *x,
                                   double   *y);

/* The machine under a point other than the one component ID runs on, or
 * NULL: where a dragged component is dropped. */
static const char *
machine_at (SbCanvas   *self,
            const char *id,
            double      x,
            double      y)
{
  const SbScenario *scenario = sb_lesson_get_scenario (self->lesson);
  const SbComponent *comp = sb_scenario_find_component (scenario, id);

  if (comp == NULL || !to_scenario_point (self, &x, &y))
    return NULL;
  for (guint i = 0; i < scenario->hosts->len; i++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, i);

      if (g_strcmp0 (host->id, comp->host) != 0
          && sb_rect_contains (sb_layout_get_rect (self->layout, host->id), x, y))
        return host->id;
    }
  return NULL;
}

static void
drag_end (GtkGestureDrag *gesture,
          double          dx,
          double          dy,
          SbCanvas       *self)
{
  const char *target = NULL;

  /* One component dropped onto another machine moves onto it (the window's
   * win.move-to, one change with the drag; refused, the drag is undone). */
  if (self->drag_moved && !self->drag_machine && self->dragged->len == 1)
    target = machine_at (self, g_ptr_array_index (self->dragged, 0), self->drag_x + dx,
                         self->drag_y + dy);
  g_clear_pointer (&self->drag_drawing, sb_render_drag_free);
  if (target != NULL)
    {
      sb_lesson_set_selected (self->lesson, g_ptr_array_index (self->dragged, 0));
      gtk_widget_activate_action (GTK_WIDGET (self), "win.move-to", "s", target);
    }
  else if (self->drag_moved)
    settle_drop (self);
  if (self->drag_moved)
    {
      sb_lesson_end_move (self->lesson);
      /* The moves were painted over the board as it was: lay it out. */
      lesson_changed (self, SB_LESSON_CHANGED_LAYOUT);
    }
  g_clear_pointer (&self->dragged, g_ptr_array_unref);
  g_clear_pointer (&self->drag_start, g_array_unref);
}

/* Arrow keys walk the elements in the order of the board and Space plays
 * or pauses, whatever was clicked last: the whole lesson can be run
 * without a mouse. */
static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             SbCanvas              *self)
{
  int step = (keyval == GDK_KEY_Right || keyval == GDK_KEY_Down) ? 1
             : (keyval == GDK_KEY_Left || keyval == GDK_KEY_Up) ? -1 : 0;

  if (self->lesson == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    {
      keyboard_context_menu (self);
      return TRUE;
    }
  if (keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space)
    {
      sb_lesson_play_pause (self->lesson);
      return TRUE;
    }
  if (step == 0)
    return FALSE;
  sb_lesson_select_next (self->lesson, step);
  return TRUE;
}

/* Ctrl+scroll zooms at the pointer, as in every GNOME viewer; zoomed, a
 * plain scroll moves the board. */
static gboolean
scrolled (GtkEventControllerScroll *controller,
          double                    dx,
          double                    dy,
          SbCanvas                 *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    {
      zoom_at (self, self->zoom * pow (1.1, -dy), self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (self->zoom <= 1.0)
    return FALSE;
  self->pan_x -= dx * 30;
  self->pan_y -= dy * 30;
  clamp_pan (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
pinch_begin (GtkGesture       *gesture,
             GdkEventSequence *sequence,
             SbCanvas         *self)
{
  self->pinch_zoom = self->zoom;
}

static void
pinch_changed (GtkGestureZoom *gesture,
               double          scale,
               SbCanvas       *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  zoom_at (self, self->pinch_zoom * scale, x, y);
}

static void
pointer_moved (GtkEventControllerMotion *controller,
               double                    x,
               double                    y,
               SbCanvas                 *self)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->pointer_highlight)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pointer_left (GtkEventControllerMotion *controller,
              SbCanvas                 *self)
{
  self->pointer_inside = FALSE;
  if (self->pointer_highlight)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
add_view_controllers (SbCanvas *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();

  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  g_signal_connect (motion, "enter", G_CALLBACK (pointer_moved), self);
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved), self);
  g_signal_connect (motion, "leave", G_CALLBACK (pointer_left), self);
  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
}

static void
sb_canvas_init (SbCanvas *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  GtkGesture *secondary = gtk_gesture_click_new ();

  g_signal_connect (click, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  self->zoom = 1.0;
  self->text_scale = 1.0;
  self->laid_out_aspect = 16.0 / 9.0;
  add_view_controllers (self);
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
sb_canvas_set_lesson (SbCanvas *self,
                      SbLesson *lesson)
{
  static const SbLessonHook hooks[] = {
    { "changed", G_CALLBACK (lesson_changed) },
    { "advanced", G_CALLBACK (gtk_widget_queue_draw) },
    { "notify::playing", G_CALLBACK (update_ticking) },
    { "notify::selected", G_CALLBACK (invalidate_board) },
  };

  g_return_if_fail (SB_IS_CANVAS (self));

  if (!sb_lesson_view_set (self, &self->lesson, lesson, hooks, G_N_ELEMENTS (hooks)))
    return;
  g_clear_pointer (&self->layout, sb_layout_free);
  if (lesson != NULL)
    lesson_changed (self, SB_LESSON_CHANGED_DESIGN | SB_LESSON_CHANGED_LAYOUT);
  update_ticking (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
}

SbLesson *
sb_canvas_get_lesson (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  return self->lesson;
}

const SbLayout *
sb_canvas_get_layout (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  return self->layout;
}

const SbRenderRecord *
sb_canvas_get_marks (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  return self->board_marks;
}

void
sb_canvas_set_style (SbCanvas *self,
                     SbStyle   style)
{
  g_return_if_fail (SB_IS_CANVAS (self));
  self->style = style;
  invalidate_board (self);
}

gboolean
sb_canvas_export (SbCanvas    *self,
                  const char  *path,
                  int          scale,
                  GError     **error)
{
  return sb_canvas_export_as (self, path, scale, FALSE, error);
}

gboolean
sb_canvas_export_as (SbCanvas    *self,
                     const char  *path,
                     int          scale,
                     gboolean     clean,
                     GError     **error)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  int width = SB_EXPORT_DEFAULT_WIDTH, height = SB_EXPORT_DEFAULT_HEIGHT;
  SbRenderOptions options;

  g_return_val_if_fail (SB_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (self->lesson != NULL, FALSE);

  /* Keep the shape the class sees on the wall. */
  if (w > 0 && h > 0)
    height = MAX (1, width * h / w);
  current_options (self, &options);
  options.clean = clean;
  return sb_export_to_file (path, self->layout, sb_lesson_get_live_scenario (self->lesson),
                            sb_lesson_get_sim (self->lesson), &options, width, height, scale,
                            error);
}

static gboolean
to_scenario_point (SbCanvas *self,
                   double   *x,
                   double   *y)
{
  SbViewTransform t;

  if (self->layout == NULL)
    return FALSE;
  t = sb_layout_fit (self->layout, gtk_widget_get_width (GTK_WIDGET (self)),
                     gtk_widget_get_height (GTK_WIDGET (self)));
  if (t.scale <= 0)
    return FALSE;
  *x = ((*x - self->pan_x) / self->zoom - t.offset_x) / t.scale;
  *y = ((*y - self->pan_y) / self->zoom - t.offset_y) / t.scale;
  return TRUE;
}

const char *
sb_canvas_element_at (SbCanvas *self,
                      double    x,
                      double    y)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  if (!to_scenario_point (self, &x, &y))
    return NULL;
  return sb_layout_hit_test (self->layout, x, y);
}

gboolean
sb_canvas_element_center (SbCanvas   *self,
                          const char *id,
                          double     *x,
                          double     *y)
{
  const SbRect *r;
  SbViewTransform t;

  g_return_val_if_fail (SB_IS_CANVAS (self), FALSE);
  r = self->layout ? sb_layout_get_rect (self->layout, id) : NULL;
  if (r == NULL)
    return FALSE;
  t = sb_layout_fit (self->layout, gtk_widget_get_width (GTK_WIDGET (self)),
                     gtk_widget_get_height (GTK_WIDGET (self)));
  *x = ((r->x + r->width / 2) * t.scale + t.offset_x) * self->zoom + self->pan_x;
  *y = ((r->y + r->height / 2) * t.scale + t.offset_y) * self->zoom + self->pan_y;
  return TRUE;
}

void
sb_canvas_set_zoom (SbCanvas *self,
                    double    zoom)
{
  g_return_if_fail (SB_IS_CANVAS (self));
  zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

double
sb_canvas_get_zoom (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), 1.0);
  return self->zoom;
}

void
sb_canvas_popup_menu (SbCanvas   *self,
                      GMenuModel *model,
                      double      x,
                      double      y)
{
  g_return_if_fail (SB_IS_CANVAS (self));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      /* The keys go back to the board: closed, the menu would keep them. */
      g_signal_connect_object (self->menu, "closed", G_CALLBACK (gtk_widget_grab_focus), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

GtkPopover *
sb_canvas_get_menu (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), NULL);
  return self->menu ? GTK_POPOVER (self->menu) : NULL;
}

void
sb_canvas_set_text_scale (SbCanvas *self,
                          double    scale)
{
  g_return_if_fail (SB_IS_CANVAS (self));
  scale = CLAMP (scale, 1.0, 3.0);
  if (scale == self->text_scale)
    return;
  self->text_scale = scale;
  g_clear_pointer (&self->drag_drawing, sb_render_drag_free);
  if (self->lesson != NULL)
    make_layout (self);
  invalidate_board (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

double
sb_canvas_get_text_scale (SbCanvas *self)
{
  g_return_val_if_fail (SB_IS_CANVAS (self), 1.0);
  return self->text_scale;
}
