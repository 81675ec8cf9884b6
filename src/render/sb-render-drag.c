/* sb-render-drag.c — the board while a machine is dragged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sb-render-drag.h"
#include "sb-render-private.h"

/* Room round the unit's box for what is drawn over its edges: the
 * selection, a single point of failure's frame and tag, badges. */
#define SPRITE_MARGIN 48.0

struct _SbRenderDrag {
  const SbLayout  *layout;
  char            *unit;
  double           width, height, scale;
  SbViewTransform  fit;
  cairo_surface_t *board;    /* the board without the unit, device pixels */
  cairo_surface_t *sprite;   /* the unit alone */
  int              sprite_x, sprite_y;
};

/* The box the unit takes: its machine's frame, or its box (with the stack
 * of browsers behind the first one). */
static SbRect
unit_rect (const SbLayout   *layout,
           const SbScenario *scenario,
           const char       *unit)
{
  SbRect r = *sb_layout_get_rect (layout, unit);

  if (sb_scenario_find_kind (scenario, SB_KIND_CLIENT, NULL)
      == sb_scenario_find_component (scenario, unit))
    {
      r.x -= 16;
      r.y -= 16;
      r.width += 16;
      r.height += 16;
    }
  return r;
}

static cairo_surface_t *
draw_board_without (SbRenderDrag          *self,
                    const SbScenario      *scenario,
                    const SbRenderOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         (int) ceil (self->width * self->scale),
                                                         (int) ceil (self->height * self->scale));
  cairo_t *cr = cairo_create (surface);
  SbRenderPart part = { self->unit, NULL, 0, 0 };

  cairo_scale (cr, self->scale, self->scale);
  sb_render_layer_part (cr, self->layout, scenario, NULL, options, self->width, self->height, TRUE,
                        sb_render_board, &part);
  cairo_destroy (cr);
  return surface;
}

/* The unit alone, in a surface of its own whose top left corner is a
 * whole device pixel of the board, so painting it a whole number of
 * pixels away draws it exactly as the board would. */
static void
draw_unit_alone (SbRenderDrag          *self,
                 const SbScenario      *scenario,
                 const SbRenderOptions *options)
{
  SbRect r = unit_rect (self->layout, scenario, self->unit);
  double s = self->fit.scale * self->scale;
  double x0 = (r.x - SPRITE_MARGIN) * s + self->fit.offset_x * self->scale;
  double y0 = (r.y - SPRITE_MARGIN) * s + self->fit.offset_y * self->scale;
  int w = (int) ceil ((r.width + 2 * SPRITE_MARGIN) * s) + 2;
  int h = (int) ceil ((r.height + 2 * SPRITE_MARGIN) * s) + 2;
  SbRenderOptions alone = *options;
  SbRenderPart part = { NULL, self->unit, 0, 0 };
  cairo_t *cr;

  self->sprite_x = (int) floor (x0);
  self->sprite_y = (int) floor (y0);
  self->sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (self->sprite);
  cairo_translate (cr, -self->sprite_x, -self->sprite_y);
  cairo_scale (cr, self->scale, self->scale);
  /* Its marks are not the board's. */
  alone.record = NULL;
  sb_render_layer_part (cr, self->layout, scenario, NULL, &alone, self->width, self->height, FALSE,
                        sb_render_board, &part);
  cairo_destroy (cr);
}

SbRenderDrag *
sb_render_drag_new (const SbLayout        *layout,
                    const SbScenario      *scenario,
                    const SbRenderOptions *options,
                    const char            *unit,
                    double                 width,
                    double                 height,
                    double                 scale)
{
  SbRenderDrag *self;
  SbRenderOptions defaults;

  g_return_val_if_fail (layout != NULL && scenario != NULL && unit != NULL, NULL);
  g_return_val_if_fail (sb_layout_get_rect (layout, unit) != NULL, NULL);
  if (options == NULL)
    {
      sb_render_options_init (&defaults);
      options = &defaults;
    }
  self = g_new0 (SbRenderDrag, 1);
  self->layout = layout;
  self->unit = g_strdup (unit);
  self->width = width;
  self->height = height;
  self->scale = scale > 0 ? scale : 1;
  self->fit = sb_layout_fit (layout, width, height);
  self->board = draw_board_without (self, scenario, options);
  draw_unit_alone (self, scenario, options);
  return self;
}

void
sb_render_drag_free (SbRenderDrag *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->board, cairo_surface_destroy);
  g_clear_pointer (&self->sprite, cairo_surface_destroy);
  g_free (self->unit);
  g_free (self);
}

const char *
sb_render_drag_get_unit (SbRenderDrag *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unit;
}

void
sb_render_drag_draw (SbRenderDrag          *self,
                     cairo_t               *cr,
                     const SbScenario      *scenario,
                     SbSim                 *sim,
                     const SbRenderOptions *options,
                     double                 dx,
                     double                 dy)
{
  double s = self->fit.scale * self->scale;
  SbRenderPart lines = { NULL, self->unit, 0, 0 };
  SbRenderPart live = { self->unit, NULL, 0, 0 };
  SbRenderOptions plain;

  g_return_if_fail (self != NULL && cr != NULL);
  /* The lines in the board's theme and style, recorded nowhere. */
  sb_render_options_init (&plain);
  if (options != NULL)
    {
      plain.theme = options->theme;
      plain.style = options->style;
    }
  /* A whole number of device pixels: the unit drawn as the board draws it. */
  dx = round (dx * s) / s;
  dy = round (dy * s) / s;
  lines.dx = dx;
  lines.dy = dy;
  cairo_save (cr);
  cairo_scale (cr, 1 / self->scale, 1 / self->scale);
  cairo_set_source_surface (cr, self->board, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_restore (cr);
  sb_render_layer_part (cr, self->layout, scenario, NULL, &plain, self->width, self->height, FALSE,
                        sb_render_drag_lines, &lines);
  cairo_save (cr);
  cairo_scale (cr, 1 / self->scale, 1 / self->scale);
  cairo_set_source_surface (cr, self->sprite, self->sprite_x + round (dx * s),
                            self->sprite_y + round (dy * s));
  cairo_paint (cr);
  cairo_restore (cr);
  if (sim != NULL)
    sb_render_layer_part (cr, self->layout, scenario, sim, options, self->width, self->height, FALSE,
                          sb_render_state, &live);
}
