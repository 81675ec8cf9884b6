/* sb-questions.c — lesson questions and their answer key on A4 pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text flows down the page in blocks (a heading, one question with its
 * choices); a block that does not fit goes whole to the next page, so a
 * question is never cut from its choices.  Each block is laid out twice:
 * once to measure it, once to draw it.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "sb-questions.h"
#include "sb-render-private.h"

#define PAGE_WIDTH  595.28   /* A4, points */
#define PAGE_HEIGHT 841.89
#define MARGIN      56.0
#define TEXT_WIDTH  (PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM      (PAGE_HEIGHT - MARGIN)
#define BOX         9.0      /* the box to tick before a choice */
#define CHOICE_GAP  8.0      /* between the box and the choice's number */
#define NUMBER      16.0     /* room for the choice's number: "4." */

typedef enum {
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_HEADING,
  STYLE_LABEL,
  STYLE_BODY,
  STYLE_CHOICE,
  STYLE_RIGHT_CHOICE,
  STYLE_REVEAL,
  STYLE_FOOTER,
} Style;

static const struct {
  double      size;
  PangoWeight weight;
  PangoStyle  slant;
  double      indent;
  double      after;      /* space below */
} styles[] = {
  [STYLE_TITLE] = { 22, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0, 4 },
  [STYLE_SUBTITLE] = { 12, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0, 14 },
  [STYLE_HEADING] = { 15, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0, 8 },
  [STYLE_LABEL] = { 11, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0, 2 },
  [STYLE_BODY] = { 11.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0, 6 },
  [STYLE_CHOICE] = { 11.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 14 + BOX + CHOICE_GAP, 4 },
  [STYLE_RIGHT_CHOICE] = { 11.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 14 + BOX + CHOICE_GAP, 4 },
  [STYLE_REVEAL] = { 11, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, 14, 4 },
  [STYLE_FOOTER] = { 9, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0, 0 },
};

typedef struct {
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;         /* top of the next paragraph */
  int          page;      /* from 1 */
  gboolean     draw;      /* FALSE while measuring */
  gboolean     answers;
} Sheet;

static const char *
tr (const char *text)
{
  return text != NULL && *text != '\0' ? g_dgettext (GETTEXT_PACKAGE, text) : "";
}

static void
set_text (Sheet      *s,
          Style       style,
          const char *text,
          double      width)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (SB_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, styles[style].size * PANGO_SCALE);
  pango_font_description_set_weight (font, styles[style].weight);
  pango_font_description_set_style (font, styles[style].slant);
  pango_layout_set_font_description (s->layout, font);
  pango_layout_set_width (s->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (s->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (s->layout, text, -1);
}

/* Lays TEXT out in STYLE, SHIFT further right than the style's indent,
 * at the current place; returns its height. */
static double
show (Sheet      *s,
      Style       style,
      const char *text,
      double      shift)
{
  double indent = styles[style].indent + shift;
  int width, height;

  set_text (s, style, text, TEXT_WIDTH - indent);
  pango_layout_get_size (s->layout, &width, &height);
  if (s->draw)
    {
      cairo_move_to (s->cr, MARGIN + indent, s->y);
      pango_cairo_show_layout (s->cr, s->layout);
    }
  return (double) height / PANGO_SCALE;
}

/* TEXT in STYLE at the current place; moves below it. */
static void
paragraph (Sheet      *s,
           Style       style,
           const char *text)
{
  s->y += show (s, style, text, 0) + styles[style].after;
}

static void
footer (Sheet *s)
{
  g_autofree char *number = g_strdup_printf ("%d", s->page);
  int width, height;

  set_text (s, STYLE_FOOTER, number, TEXT_WIDTH);
  pango_layout_get_size (s->layout, &width, &height);
  cairo_move_to (s->cr, (PAGE_WIDTH - (double) width / PANGO_SCALE) / 2, PAGE_HEIGHT - MARGIN / 2);
  pango_cairo_show_layout (s->cr, s->layout);
}

static void
new_page (Sheet *s)
{
  footer (s);
  cairo_show_page (s->cr);
  s->page++;
  s->y = MARGIN;
}

/* One choice: a box to tick (filled for the right one in the key), its
 * number, and its text, which wraps under itself, not under the number. */
static void
choice (Sheet      *s,
        int         number,
        const char *text,
        gboolean    right)
{
  g_autofree char *label = g_strdup_printf ("%d.", number);
  Style style = s->answers && right ? STYLE_RIGHT_CHOICE : STYLE_CHOICE;

  if (s->draw)
    {
      cairo_rectangle (s->cr, MARGIN + 14, s->y + 4, BOX, BOX);
      if (style == STYLE_RIGHT_CHOICE)
        cairo_fill_preserve (s->cr);
      cairo_set_line_width (s->cr, 1);
      cairo_stroke (s->cr);
    }
  show (s, style, label, 0);
  s->y += show (s, style, text, NUMBER) + styles[style].after;
}

static void
question (Sheet          *s,
          guint           number,
          const SbMoment *moment)
{
  /* Translators: the label above a question in the printed handout */
  g_autofree char *label = g_strdup_printf (_("Question %u"), number);

  paragraph (s, STYLE_LABEL, label);
  paragraph (s, STYLE_BODY, tr (moment->question));
  for (guint i = 0; i < moment->choices->len; i++)
    choice (s, (int) i + 1, tr (moment->choices->pdata[i]), (int) i + 1 == moment->answer);
  if (s->answers)
    {
      g_autofree char *answer = g_strdup_printf (_("Answer %d: %s"), moment->answer,
                                                 tr (moment->choices->pdata[moment->answer - 1]));

      s->y += 2;
      paragraph (s, STYLE_LABEL, answer);
      if (moment->reveal != NULL && *moment->reveal != '\0')
        paragraph (s, STYLE_REVEAL, tr (moment->reveal));
    }
  s->y += 12;
}

/* The next question of SCRIPT from index *I on, and its number; NULL when
 * none is left. */
static const SbMoment *
next_question (const SbScript *script,
               guint          *i,
               guint          *number)
{
  for (; *i < script->moments->len; (*i)++)
    {
      const SbMoment *moment = script->moments->pdata[*i];

      if (moment->question != NULL)
        {
          *number = sb_script_question_number (script, *i);
          return moment;
        }
    }
  return NULL;
}

/* The height QUESTION (and HEADING above it, when not NULL) would take. */
static double
measure (Sheet          *s,
         const char     *heading,
         guint           number,
         const SbMoment *moment)
{
  double top = s->y;
  double height;

  s->draw = FALSE;
  if (heading != NULL)
    paragraph (s, STYLE_HEADING, heading);
  question (s, number, moment);
  height = s->y - top;
  s->y = top;
  s->draw = TRUE;
  return height;
}

/* A heading stays on the page of its first question. */
static void
scenario_questions (Sheet            *s,
                    const SbScenario *scenario,
                    const char       *heading)
{
  const SbMoment *moment;
  guint number = 0;

  for (guint i = 0; (moment = next_question (scenario->script, &i, &number)) != NULL; i++)
    {
      if (s->y + measure (s, heading, number, moment) > BOTTOM && s->y > MARGIN)
        new_page (s);
      if (heading != NULL)
        paragraph (s, STYLE_HEADING, heading);
      heading = NULL;
      question (s, number, moment);
    }
}

static void
title (Sheet     *s,
       GPtrArray *scenarios)
{
  const SbScenario *only = scenarios->len == 1 ? scenarios->pdata[0] : NULL;

  paragraph (s, STYLE_TITLE, s->answers ? _("Answer key") : _("Questions"));
  paragraph (s, STYLE_SUBTITLE, only ? tr (only->title) : _("The lesson, step by step"));
  if (s->answers)
    paragraph (s, STYLE_BODY, _("The right choice is marked; below it, what the board then shows."));
  else
    {
      paragraph (s, STYLE_BODY, _("Name: ______________________________"));
      paragraph (s, STYLE_BODY, _("Before the board plays on, tick the choice you predict."));
    }
  s->y += 10;
}

static guint
count_questions (GPtrArray *scenarios)
{
  guint n = 0;

  for (guint i = 0; i < scenarios->len; i++)
    {
      const SbScenario *scenario = scenarios->pdata[i];

      n += scenario->script != NULL ? sb_script_count_questions (scenario->script) : 0;
    }
  return n;
}

static void
draw (cairo_t   *cr,
      GPtrArray *scenarios,
      gboolean   answers)
{
  Sheet s = { cr, pango_cairo_create_layout (cr), MARGIN, 1, TRUE, answers };

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  title (&s, scenarios);
  for (guint i = 0; i < scenarios->len; i++)
    {
      const SbScenario *scenario = scenarios->pdata[i];
      g_autofree char *heading = NULL;

      if (scenario->script == NULL || sb_script_count_questions (scenario->script) == 0)
        continue;
      if (scenarios->len > 1)
        /* Translators: a step of the lesson and its title, as a heading */
        heading = g_strdup_printf (_("Step %u: %s"), i + 1, tr (scenario->title));
      scenario_questions (&s, scenario, heading);
    }
  footer (&s);
  g_object_unref (s.layout);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
sb_questions_write_pdf (const char  *path,
                        GPtrArray   *scenarios,
                        gboolean     answers,
                        GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL && scenarios != NULL, FALSE);

  if (count_questions (scenarios) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("no lesson script with a question to print"));
      return FALSE;
    }
  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  answers ? _("Answer key") : _("Questions"));
  cr = cairo_create (surface);
  draw (cr, scenarios, answers);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, cairo_status_to_string (status));
      return FALSE;
    }
  /* A temporary file renamed over PATH: never half a handout. */
  if (!g_file_set_contents (path, (const char *) bytes->data, bytes->len, &local))
    {
      g_autofree char *display = g_filename_display_name (path);

      /* Translators: a file name, then why it could not be written */
      g_set_error (error, local->domain, local->code, _("cannot write %s: %s"), display,
                   local->message);
      return FALSE;
    }
  return TRUE;
}
