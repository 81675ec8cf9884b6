/* sb-render-record.c — where the renderer put each box, text and line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The marks are kept in drawing order.  The board's come first; a live
 * layer drawn over it with the same record first drops the previous live
 * layer's marks, so a record handed to every frame does not grow.
 */
#include "config.h"

#include <math.h>

#include "sb-render-record-private.h"
#include "sb-route.h"

/* Diagram units two rectangles may share before they overlap: edges that
 * touch do not. */
#define EPSILON 0.5
/* Half a line's width: a line this close to a text runs over it. */
#define LINE_HALF_WIDTH 1.5
/* How far a line keeps from a box or machine it does not connect, so it
 * cannot be read as connecting it. */
#define CLEARANCE SB_ROUTE_CLEARANCE
/* How far from its line a caption may be: beside it, not off it. */
#define CAPTION_REACH 20.0

struct _SbRenderRecord {
  GArray       *marks;        /* SbMark */
  guint         n_board;      /* marks of the last board drawn */
  GStringChunk *board_strings;
  GStringChunk *live_strings;
};

SbRenderRecord *
sb_render_record_new (void)
{
  SbRenderRecord *self = g_new0 (SbRenderRecord, 1);

  self->marks = g_array_new (FALSE, FALSE, sizeof (SbMark));
  self->board_strings = g_string_chunk_new (1024);
  self->live_strings = g_string_chunk_new (256);
  return self;
}

void
sb_render_record_free (SbRenderRecord *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->marks);
  g_string_chunk_free (self->board_strings);
  g_string_chunk_free (self->live_strings);
  g_free (self);
}

void
sb_render_record_clear (SbRenderRecord *self)
{
  g_return_if_fail (self != NULL);
  g_array_set_size (self->marks, 0);
  self->n_board = 0;
  g_string_chunk_clear (self->board_strings);
  g_string_chunk_clear (self->live_strings);
}

void
sb_render_record_begin_live (SbRenderRecord *self)
{
  g_array_set_size (self->marks, MIN (self->n_board, self->marks->len));
  g_string_chunk_clear (self->live_strings);
}

void
sb_render_record_end_board (SbRenderRecord *self)
{
  self->n_board = self->marks->len;
}

guint
sb_render_record_get_n_marks (const SbRenderRecord *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->marks->len;
}

const SbMark *
sb_render_record_get_mark (const SbRenderRecord *self,
                           guint                 index)
{
  g_return_val_if_fail (self != NULL && index < self->marks->len, NULL);
  return &g_array_index (self->marks, SbMark, index);
}

const SbMark *
sb_render_record_find (const SbRenderRecord *self,
                       SbMarkKind            kind,
                       const char           *owner,
                       const char           *text)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const SbMark *m = &g_array_index (self->marks, SbMark, i);

      if (m->kind == kind && (owner == NULL || g_strcmp0 (m->owner, owner) == 0)
          && (text == NULL || g_strcmp0 (m->text, text) == 0))
        return m;
    }
  return NULL;
}

static const char *
keep (GStringChunk *strings,
      const char   *text)
{
  return text ? g_string_chunk_insert_const (strings, text) : NULL;
}

const SbMark *
sb_render_record_add (SbRenderRecord *self,
                      const SbMark   *mark)
{
  GStringChunk *strings = mark->live ? self->live_strings : self->board_strings;
  SbMark copy = *mark;

  copy.owner = keep (strings, mark->owner);
  copy.owner_host = keep (strings, mark->owner_host);
  copy.target = keep (strings, mark->target);
  copy.target_host = keep (strings, mark->target_host);
  copy.text = keep (strings, mark->text);
  g_array_append_val (self->marks, copy);
  return &g_array_index (self->marks, SbMark, self->marks->len - 1);
}

gboolean
sb_render_record_is_clear (const SbRenderRecord *self,
                           const SbMark         *mark)
{
  for (guint i = 0; i < self->marks->len; i++)
    if (sb_mark_conflict (mark, &g_array_index (self->marks, SbMark, i), NULL))
      return FALSE;
  return TRUE;
}

/* --- Geometry ------------------------------------------------------------ */

static gboolean
rects_overlap (const SbRect *a,
               const SbRect *b)
{
  return a->x < b->x + b->width - EPSILON && b->x < a->x + a->width - EPSILON
         && a->y < b->y + b->height - EPSILON && b->y < a->y + a->height - EPSILON;
}

static gboolean
rect_inside (const SbRect *a,
             const SbRect *outer)
{
  return a->x >= outer->x - EPSILON && a->y >= outer->y - EPSILON
         && a->x + a->width <= outer->x + outer->width + EPSILON
         && a->y + a->height <= outer->y + outer->height + EPSILON;
}

static SbRect
grow (const SbRect *r,
      double        d)
{
  return (SbRect) { r->x - d, r->y - d, r->width + 2 * d, r->height + 2 * d };
}

/* Whether the segment (x0, y0)–(x1, y1) has a part of some length inside
 * R (Liang–Barsky clipping). */
static gboolean
segment_enters (double        x0,
                double        y0,
                double        x1,
                double        y1,
                const SbRect *r)
{
  double dx = x1 - x0, dy = y1 - y0, t0 = 0, t1 = 1;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - r->x, r->x + r->width - x0, y0 - r->y, r->y + r->height - y0 };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] <= 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
    }
  return t1 - t0 > 1e-9 && hypot (dx, dy) * (t1 - t0) > EPSILON;
}

gboolean
sb_mark_line_enters (const SbMark *link,
                     const SbRect *r)
{
  for (guint i = 1; i < link->n_points; i++)
    if (segment_enters (link->xs[i - 1], link->ys[i - 1], link->xs[i], link->ys[i], r))
      return TRUE;
  return FALSE;
}

/* --- Rules --------------------------------------------------------------- */

static gboolean
is_text (const SbMark *m)
{
  return m->kind == SB_MARK_TEXT || m->kind == SB_MARK_CAPTION || m->kind == SB_MARK_BADGE;
}

/* A link, or a caption or badge that labels one. */
static gboolean
of_link (const SbMark *m)
{
  return m->target != NULL;
}

/* The caption or badge B labels line A, or a line of A's kind that
 * shares an end with it (a bus, whose lines run together). */
static gboolean
labels_line (const SbMark *a,
             const SbMark *b)
{
  gboolean same_source = g_strcmp0 (a->owner, b->owner) == 0;
  gboolean same_target = g_strcmp0 (a->target, b->target) == 0;

  if (!of_link (a) || !of_link (b))
    return FALSE;
  if (same_source && same_target)
    return TRUE;
  return b->kind == SB_MARK_CAPTION && a->link_kind == b->link_kind && (same_source || same_target);
}

static gboolean
set_reason (const char **reason,
            const char  *text)
{
  if (reason)
    *reason = text;
  return TRUE;
}

static gboolean
link_conflict (const SbMark *link,
               const SbMark *other,
               const char  **reason)
{
  SbRect r;

  switch (other->kind)
    {
    case SB_MARK_BOX:
      if (g_strcmp0 (other->owner, link->owner) == 0 || g_strcmp0 (other->owner, link->target) == 0)
        return FALSE;
      r = grow (&other->rect, CLEARANCE);
      return sb_mark_line_enters (link, &r) && set_reason (reason, "runs through");
    case SB_MARK_FRAME:
      if (g_strcmp0 (other->owner, link->owner_host) == 0
          || g_strcmp0 (other->owner, link->target_host) == 0)
        return FALSE;
      r = grow (&other->rect, CLEARANCE);
      return sb_mark_line_enters (link, &r) && set_reason (reason, "runs through");
    case SB_MARK_TEXT:
    case SB_MARK_CAPTION:
    case SB_MARK_BADGE:
      if (labels_line (link, other))
        return FALSE;
      r = grow (&other->rect, LINE_HALF_WIDTH);
      return sb_mark_line_enters (link, &r) && set_reason (reason, "runs under");
    case SB_MARK_LINK:
    default:
      return FALSE;
    }
}

/* A text against a box or a frame. */
static gboolean
text_on_box (const SbMark *text,
             const SbMark *box,
             const char  **reason)
{
  gboolean related;

  if (!rects_overlap (&text->rect, &box->rect))
    return FALSE;
  /* An element's own texts and badges may sit on its box or frame. */
  if (!of_link (text) && g_strcmp0 (box->owner, text->owner) == 0)
    return FALSE;
  if (box->kind == SB_MARK_BOX)
    return set_reason (reason, "lies on");
  /* Inside the machine of its element, or of an end of its link, or
   * beside it, but never across its frame. */
  related = g_strcmp0 (box->owner, text->owner_host) == 0
            || (of_link (text) && g_strcmp0 (box->owner, text->target_host) == 0);
  if (related)
    return !rect_inside (&text->rect, &box->rect) && set_reason (reason, "crosses the frame of");
  return set_reason (reason, "lies on");
}

/* Whether two level (or two upright) segments lie on one line and share
 * more than a touch of it. */
static gboolean
segments_along (double ax0,
                double ay0,
                double ax1,
                double ay1,
                double bx0,
                double by0,
                double bx1,
                double by1)
{
  gboolean a_up = fabs (ax0 - ax1) < 0.01, b_up = fabs (bx0 - bx1) < 0.01;
  gboolean a_level = fabs (ay0 - ay1) < 0.01, b_level = fabs (by0 - by1) < 0.01;

  if (a_up && b_up && fabs (ax0 - bx0) < LINE_HALF_WIDTH * 2)
    return MIN (MAX (ay0, ay1), MAX (by0, by1)) - MAX (MIN (ay0, ay1), MIN (by0, by1)) > 2;
  if (a_level && b_level && fabs (ay0 - by0) < LINE_HALF_WIDTH * 2)
    return MIN (MAX (ax0, ax1), MAX (bx0, bx1)) - MAX (MIN (ax0, ax1), MIN (bx0, bx1)) > 2;
  return FALSE;
}

/* Two lines run along each other, though they are not of one bus: read
 * as one line, they would say a request goes where it does not. */
static gboolean
lines_merge (const SbMark *a,
             const SbMark *b,
             const char  **reason)
{
  if (a->link_kind < 0 || b->link_kind < 0
      || sb_links_may_share (a->link_kind, a->owner, a->target, b->link_kind, b->owner, b->target))
    return FALSE;
  for (guint i = 1; i < a->n_points; i++)
    for (guint j = 1; j < b->n_points; j++)
      if (segments_along (a->xs[i - 1], a->ys[i - 1], a->xs[i], a->ys[i],
                          b->xs[j - 1], b->ys[j - 1], b->xs[j], b->ys[j]))
        return set_reason (reason, "runs along");
  return FALSE;
}

/* Two boxes, or two machines, on each other; a box on a machine that
 * does not hold it. */
static gboolean
boxes_overlap (const SbMark *a,
               const SbMark *b,
               const char  **reason)
{
  if (g_strcmp0 (a->owner, b->owner) == 0 || !rects_overlap (&a->rect, &b->rect))
    return FALSE;
  if (a->kind == b->kind)
    return set_reason (reason, "overlaps");
  if (a->kind == SB_MARK_BOX && g_strcmp0 (a->owner_host, b->owner) != 0)
    return set_reason (reason, "lies on");
  if (b->kind == SB_MARK_BOX && g_strcmp0 (b->owner_host, a->owner) != 0)
    return set_reason (reason, "lies on");
  return FALSE;
}

gboolean
sb_mark_conflict (const SbMark *a,
                  const SbMark *b,
                  const char  **reason)
{
  if (a->kind == SB_MARK_LINK && b->kind == SB_MARK_LINK)
    return lines_merge (a, b, reason);
  if (a->kind == SB_MARK_LINK)
    return link_conflict (a, b, reason);
  if (b->kind == SB_MARK_LINK)
    return link_conflict (b, a, reason);
  if (is_text (a) && is_text (b))
    return rects_overlap (&a->rect, &b->rect) && set_reason (reason, "overlaps");
  if (is_text (a))
    return text_on_box (a, b, reason);
  if (is_text (b))
    return text_on_box (b, a, reason);
  return boxes_overlap (a, b, reason);
}

/* --- The check ----------------------------------------------------------- */

static const char * const kind_names[] = {
  "box", "machine", "text", "caption", "badge", "link",
};

static char *
describe (const SbMark *m)
{
  GString *s = g_string_new (kind_names[m->kind]);

  if (m->text)
    g_string_append_printf (s, " “%s”", m->text);
  if (m->target)
    g_string_append_printf (s, " of %s → %s", m->owner, m->target);
  else if (m->kind == SB_MARK_BOX || m->kind == SB_MARK_FRAME)
    g_string_append_printf (s, " %s", m->owner ? m->owner : "(board)");
  else
    g_string_append_printf (s, " of %s", m->owner ? m->owner : "the board");
  return g_string_free (s, FALSE);
}

static void
report (GPtrArray    *problems,
        const SbMark *a,
        const char   *reason,
        const SbMark *b)
{
  g_autofree char *da = describe (a);
  g_autofree char *db = b ? describe (b) : NULL;

  g_ptr_array_add (problems, db ? g_strdup_printf ("%s %s %s", da, reason, db)
                                : g_strdup_printf ("%s %s", da, reason));
}

/* A text lies inside a box or frame of its own element. */
static gboolean
text_in_its_box (const SbRenderRecord *self,
                 const SbMark         *text)
{
  for (guint i = 0; i < self->marks->len; i++)
    {
      const SbMark *m = &g_array_index (self->marks, SbMark, i);

      if ((m->kind == SB_MARK_BOX || m->kind == SB_MARK_FRAME)
          && g_strcmp0 (m->owner, text->owner) == 0 && rect_inside (&text->rect, &m->rect))
        return TRUE;
    }
  return FALSE;
}

/* A caption is on its line or right beside it. */
static gboolean
caption_by_its_line (const SbRenderRecord *self,
                     const SbMark         *caption)
{
  SbRect near = grow (&caption->rect, CAPTION_REACH);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const SbMark *m = &g_array_index (self->marks, SbMark, i);

      if (m->kind == SB_MARK_LINK && g_strcmp0 (m->owner, caption->owner) == 0
          && g_strcmp0 (m->target, caption->target) == 0 && sb_mark_line_enters (m, &near))
        return TRUE;
    }
  return FALSE;
}

static void
check_mark (const SbRenderRecord *self,
            const SbMark         *m,
            const SbRect         *board,
            GPtrArray            *problems)
{
  if (!rect_inside (&m->rect, board))
    report (problems, m, "leaves the board", NULL);
  if (m->kind == SB_MARK_CAPTION && !caption_by_its_line (self, m))
    report (problems, m, "is away from its line", NULL);
  if (m->kind == SB_MARK_TEXT && !text_in_its_box (self, m))
    report (problems, m, "sticks out of its box", NULL);
  if (m->kind != SB_MARK_LINK && m->cut)
    report (problems, m, "is cut short", NULL);
}

GPtrArray *
sb_render_record_check (const SbRenderRecord *self,
                        double                width,
                        double                height)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  SbRect board = { 0, 0, width, height };

  g_return_val_if_fail (self != NULL, problems);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const SbMark *a = &g_array_index (self->marks, SbMark, i);

      check_mark (self, a, &board, problems);
      for (guint j = i + 1; j < self->marks->len; j++)
        {
          const SbMark *b = &g_array_index (self->marks, SbMark, j);
          const char *reason = NULL;

          /* Said of the line, else of the text. */
          gboolean b_first = b->kind == SB_MARK_LINK || (is_text (b) && a->kind != SB_MARK_LINK
                                                         && !is_text (a));

          if (sb_mark_conflict (a, b, &reason))
            report (problems, b_first ? b : a, reason, b_first ? a : b);
        }
    }
  return problems;
}
