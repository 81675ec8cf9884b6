/* sb-handout.c — PDF handouts laid out with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text is set line by line, so a long paragraph continues on the next
 * page instead of leaving a hole; a heading that would end a page moves to
 * the next one.  Sizes are in points (A4 is 595 × 842).  Every page gets
 * its number at the bottom; nothing depends on the date, so the same
 * document always gives the same file.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "render/sb-export.h"
#include "render/sb-handout.h"
#include "render/sb-layout.h"

#define A4_SHORT      595.276
#define A4_LONG       841.890
#define MARGIN         56.0
#define MARGIN_DIAGRAM 28.0
#define FOOTER         28.0
#define ITEM_INDENT    16.0
/* Room a heading needs below it to stay on its page: two lines of text. */
#define KEEP_WITH_NEXT 32.0

#define TEXT_FAMILY "Cantarell, DejaVu Sans, sans-serif"
#define CODE_FAMILY "DejaVu Sans Mono, monospace"

struct _SbHandout
{
  SbExportSink          sink;
  gboolean              sink_open;
  cairo_surface_t      *surface;
  cairo_t              *cr;
  PangoLayout          *text;
  SbHandoutOrientation  orientation;
  double                width, height;
  double                y;            /* where the next block starts */
  gboolean              page_used;    /* something is on the current page */
  gboolean              after_diagram; /* the page holds a diagram: text goes on the next */
  guint                 n_pages;      /* pages started, the current one included */
};

typedef struct {
  double size;
  int    weight;
  double before;
  double after;
} SbTextStyle;

static const SbTextStyle heading_styles[] = {
  { 20.0, PANGO_WEIGHT_BOLD, 0.0, 10.0 },
  { 15.0, PANGO_WEIGHT_BOLD, 14.0, 6.0 },
  { 12.0, PANGO_WEIGHT_BOLD, 8.0, 4.0 },
};
static const SbTextStyle body_style = { 10.5, PANGO_WEIGHT_NORMAL, 0.0, 6.0 };
static const SbTextStyle item_style = { 10.5, PANGO_WEIGHT_NORMAL, 0.0, 4.0 };

/* --- Pages ---------------------------------------------------------------- */

static double
content_width (SbHandout *self)
{
  return self->width - 2 * MARGIN;
}

static double
bottom (SbHandout *self)
{
  return self->height - MARGIN - FOOTER;
}

static void
set_font (SbHandout   *self,
          const char  *family,
          double       size,
          int          weight)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (self->text, font);
}

/* Text of its own, apart from self->text: a page can end while a
 * paragraph is being set. */
static PangoLayout *
small_layout (SbHandout  *self,
              const char *text,
              double      size)
{
  PangoLayout *layout = pango_cairo_create_layout (self->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (TEXT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
draw_footer (SbHandout *self)
{
  g_autofree char *number = g_strdup_printf ("%u", self->n_pages);
  g_autoptr(PangoLayout) layout = small_layout (self, number, 9);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  cairo_set_source_rgb (self->cr, 0.35, 0.35, 0.35);
  cairo_move_to (self->cr, (self->width - (double) w / PANGO_SCALE) / 2,
                 self->height - MARGIN_DIAGRAM - (double) h / PANGO_SCALE);
  pango_cairo_show_layout (self->cr, layout);
}

static void
end_page (SbHandout *self)
{
  if (!self->page_used)
    return;
  draw_footer (self);
  cairo_show_page (self->cr);
  self->page_used = FALSE;
  self->after_diagram = FALSE;
}

void
sb_handout_new_page (SbHandout            *self,
                     SbHandoutOrientation  orientation)
{
  gboolean landscape = orientation == SB_HANDOUT_LANDSCAPE;

  g_return_if_fail (self != NULL);
  if (self->page_used)
    {
      end_page (self);
      self->n_pages++;
    }
  self->orientation = orientation;
  self->width = landscape ? A4_LONG : A4_SHORT;
  self->height = landscape ? A4_SHORT : A4_LONG;
  /* Allowed while the page is still empty. */
  cairo_pdf_surface_set_size (self->surface, self->width, self->height);
  self->y = MARGIN;
}

/* Before text: a page of its own after a diagram, and room for HEIGHT
 * (a line, or a heading and what it keeps with it). */
static void
make_room (SbHandout *self,
           double     height)
{
  if (self->after_diagram || self->orientation != SB_HANDOUT_PORTRAIT)
    sb_handout_new_page (self, SB_HANDOUT_PORTRAIT);
  else if (self->y + height > bottom (self) && self->page_used)
    sb_handout_new_page (self, SB_HANDOUT_PORTRAIT);
}

/* --- Text ----------------------------------------------------------------- */

/* Sets MARKUP at X, WIDTH wide, line by line from the cursor, going on to
 * a new page where a line does not fit. */
static void
flow (SbHandout         *self,
      const char        *markup,
      const SbTextStyle *style,
      double             x,
      double             width)
{
  PangoLayoutIter *iter;

  set_font (self, TEXT_FAMILY, style->size, style->weight);
  pango_layout_set_width (self->text, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (self->text, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (self->text, markup, -1);
  iter = pango_layout_get_iter (self->text);
  do
    {
      PangoRectangle line;
      double h, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &line);
      h = (double) line.height / PANGO_SCALE;
      make_room (self, h);
      baseline = self->y + (double) (pango_layout_iter_get_baseline (iter) - line.y) / PANGO_SCALE;
      cairo_set_source_rgb (self->cr, 0.08, 0.1, 0.12);
      cairo_move_to (self->cr, x, baseline);
      pango_cairo_show_layout_line (self->cr, pango_layout_iter_get_line_readonly (iter));
      self->page_used = TRUE;
      self->y += h;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  self->y += style->after;
}

/* A bullet in front of an item's first line. */
static void
draw_bullet (SbHandout   *self,
             double       x,
             double       size)
{
  g_autoptr(PangoLayout) bullet = small_layout (self, "•", size);

  cairo_set_source_rgb (self->cr, 0.08, 0.1, 0.12);
  cairo_move_to (self->cr, x, self->y);
  pango_cairo_show_layout (self->cr, bullet);
}

void
sb_handout_add_heading (SbHandout  *self,
                        int         level,
                        const char *text)
{
  const SbTextStyle *style;
  g_autofree char *markup = NULL;

  g_return_if_fail (self != NULL && text != NULL);
  style = &heading_styles[CLAMP (level, 0, (int) G_N_ELEMENTS (heading_styles) - 1)];
  markup = g_markup_escape_text (text, -1);
  if (self->page_used && !self->after_diagram)
    self->y += style->before;
  make_room (self, style->size * 1.4 + KEEP_WITH_NEXT);
  flow (self, markup, style, MARGIN, content_width (self));
}

void
sb_handout_add_paragraph (SbHandout  *self,
                          const char *text)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (self != NULL && text != NULL);
  markup = g_markup_escape_text (text, -1);
  flow (self, markup, &body_style, MARGIN, content_width (self));
}

void
sb_handout_add_item (SbHandout  *self,
                     const char *lead,
                     const char *code,
                     const char *text)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *lead_e = lead ? g_markup_escape_text (lead, -1) : NULL;
  g_autofree char *code_e = code ? g_markup_escape_text (code, -1) : NULL;
  g_autofree char *text_e = text ? g_markup_escape_text (text, -1) : NULL;

  g_return_if_fail (self != NULL);
  if (lead_e)
    g_string_append_printf (markup, "<b>%s</b>", lead_e);
  if (lead_e && code_e)
    g_string_append_c (markup, ' ');
  if (code_e)
    g_string_append_printf (markup, "<span font_family=\"%s\">(%s)</span>", CODE_FAMILY, code_e);
  if ((lead_e || code_e) && text_e)
    /* Translators: between a bold lead and its text in a handout; French puts a space before the colon. */
    g_string_append (markup, _(": "));
  if (text_e)
    g_string_append (markup, text_e);
  make_room (self, item_style.size * 1.4);
  draw_bullet (self, MARGIN, item_style.size);
  flow (self, markup->str, &item_style, MARGIN + ITEM_INDENT, content_width (self) - ITEM_INDENT);
}

void
sb_handout_add_blocks (SbHandout *self,
                       GPtrArray *blocks,
                       gboolean   skip_title)
{
  g_return_if_fail (self != NULL && blocks != NULL);
  for (guint i = 0; i < blocks->len; i++)
    {
      const SbReviewBlock *b = g_ptr_array_index (blocks, i);
      g_autofree char *heading = NULL;

      switch (b->kind)
        {
        case SB_REVIEW_BLOCK_TITLE:
          if (!skip_title)
            sb_handout_add_heading (self, 0, b->text);
          break;
        case SB_REVIEW_BLOCK_HEADING:
          sb_handout_add_heading (self, 1, b->text ? b->text : b->lead);
          break;
        case SB_REVIEW_BLOCK_SUBHEADING:
          heading = b->code ? g_strdup_printf ("%s (%s)", b->lead ? b->lead : b->text, b->code)
                            : g_strdup (b->lead ? b->lead : b->text);
          sb_handout_add_heading (self, 2, heading);
          break;
        case SB_REVIEW_BLOCK_ITEM:
          sb_handout_add_item (self, b->lead, b->code, b->text);
          break;
        case SB_REVIEW_BLOCK_PARAGRAPH:
        default:
          sb_handout_add_paragraph (self, b->text);
          break;
        }
    }
}

/* --- Diagrams ------------------------------------------------------------- */

void
sb_handout_add_diagram (SbHandout             *self,
                        const SbScenario      *scenario,
                        SbSim                 *sim,
                        const SbRenderOptions *options)
{
  g_autoptr(SbLayout) layout = NULL;
  SbRenderOptions clean;

  g_return_if_fail (self != NULL && scenario != NULL);
  if (options)
    clean = *options;
  else
    sb_render_options_init (&clean);
  clean.clean = TRUE;
  /* Paper is white: the light board, whatever the window shows. */
  clean.theme = SB_THEME_LIGHT;
  layout = sb_layout_new (scenario);
  sb_handout_new_page (self, SB_HANDOUT_LANDSCAPE);
  cairo_save (self->cr);
  cairo_translate (self->cr, MARGIN_DIAGRAM, MARGIN_DIAGRAM);
  sb_render_draw_clean (self->cr, layout, scenario, sim, &clean, self->width - 2 * MARGIN_DIAGRAM,
                        self->height - 2 * MARGIN_DIAGRAM - FOOTER / 2);
  cairo_restore (self->cr);
  self->page_used = TRUE;
  self->after_diagram = TRUE;
}

/* --- Documents ------------------------------------------------------------ */

void
sb_handout_add_design (SbHandout             *self,
                       const SbScenario      *scenario,
                       SbSim                 *sim,
                       const SbRenderOptions *options)
{
  g_autoptr(SbReview) review = NULL;
  g_autoptr(GPtrArray) blocks = NULL;

  g_return_if_fail (self != NULL && scenario != NULL);
  review = sb_review_new (scenario);
  blocks = sb_review_to_blocks (review);
  sb_handout_add_diagram (self, scenario, sim, options);
  sb_handout_add_blocks (self, blocks, FALSE);
}

/* The step's script asks the class to predict: its questions and their
 * choices, without the answers (stackboard --questions --answers has
 * them). */
static void
add_questions (SbHandout      *self,
               const SbScript *script)
{
  guint number = 0;

  if (script == NULL || sb_script_count_questions (script) == 0)
    return;
  sb_handout_add_heading (self, 1, _("Questions for the class"));
  for (guint i = 0; i < script->moments->len; i++)
    {
      const SbMoment *moment = g_ptr_array_index (script->moments, i);
      g_autofree char *heading = NULL;

      if (moment->question == NULL)
        continue;
      /* Translators: a question of the lesson handout, e.g. "Question 1. Server 1 dies now…" */
      heading = g_strdup_printf (_("Question %u. %s"), ++number,
                                 g_dgettext (GETTEXT_PACKAGE, moment->question));
      sb_handout_add_heading (self, 2, heading);
      for (guint c = 0; c < moment->choices->len; c++)
        {
          g_autofree char *letter = g_strdup_printf ("%u", c + 1);

          sb_handout_add_item (self, letter, NULL,
                               g_dgettext (GETTEXT_PACKAGE, g_ptr_array_index (moment->choices, c)));
        }
    }
}

void
sb_handout_add_lesson_step (SbHandout        *self,
                            guint             step,
                            const SbScenario *scenario)
{
  g_autoptr(SbReview) review = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (self != NULL && scenario != NULL);
  review = sb_review_new (scenario);
  blocks = sb_review_to_blocks (review);
  /* Translators: a heading of the lesson handout, e.g. "Step 2: Distributed web infrastructure". */
  heading = g_strdup_printf (_("Step %u: %s"), step,
                             scenario->title ? g_dgettext (GETTEXT_PACKAGE, scenario->title) : "");
  sb_handout_add_diagram (self, scenario, NULL, NULL);
  sb_handout_add_heading (self, 0, heading);
  if (scenario->summary && scenario->summary[0])
    sb_handout_add_paragraph (self, g_dgettext (GETTEXT_PACKAGE, scenario->summary));
  add_questions (self, scenario->script);
  sb_handout_add_blocks (self, blocks, TRUE);
}

gboolean
sb_handout_add_lesson (SbHandout  *self,
                       GError    **error)
{
  const char * const *names = sb_scenario_bundled_names ();

  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = 0; names[i]; i++)
    {
      g_autoptr(SbScenario) scenario = sb_scenario_load_bundled (names[i], error);

      if (scenario == NULL)
        return FALSE;
      sb_handout_add_lesson_step (self, i + 1, scenario);
    }
  return TRUE;
}

/* --- The file ------------------------------------------------------------- */

SbHandout *
sb_handout_new (const char  *path,
                GError     **error)
{
  g_autofree char *lower = NULL;
  SbHandout *self;

  g_return_val_if_fail (path != NULL, NULL);
  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, ".pdf"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: a handout is a PDF file (use a .pdf file name)"), path);
      return NULL;
    }
  self = g_new0 (SbHandout, 1);
  if (!sb_export_sink_open (&self->sink, path, error))
    {
      g_free (self);
      return NULL;
    }
  self->sink_open = TRUE;
  self->surface = sb_export_pdf_surface (&self->sink, A4_SHORT, A4_LONG);
  self->cr = cairo_create (self->surface);
  self->text = pango_cairo_create_layout (self->cr);
  self->n_pages = 1;
  sb_handout_new_page (self, SB_HANDOUT_PORTRAIT);
  return self;
}

void
sb_handout_set_title (SbHandout  *self,
                      const char *title)
{
  g_return_if_fail (self != NULL && title != NULL);
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_TITLE, title);
}

guint
sb_handout_get_n_pages (SbHandout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pages - (self->page_used || self->n_pages == 1 ? 0 : 1);
}

static void
close_surface (SbHandout *self)
{
  g_clear_object (&self->text);
  g_clear_pointer (&self->cr, cairo_destroy);
  if (self->surface)
    cairo_surface_finish (self->surface);
}

gboolean
sb_handout_finish (SbHandout  *self,
                   GError    **error)
{
  cairo_status_t status;
  gboolean ok;

  g_return_val_if_fail (self != NULL && self->sink_open, FALSE);
  end_page (self);
  status = cairo_status (self->cr);
  close_surface (self);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (self->surface);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  if (status != CAIRO_STATUS_SUCCESS && self->sink.error == NULL)
    g_set_error_literal (&self->sink.error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         cairo_status_to_string (status));
  self->sink_open = FALSE;
  ok = sb_export_sink_close (&self->sink, TRUE, error);
  return ok;
}

void
sb_handout_free (SbHandout *self)
{
  if (self == NULL)
    return;
  close_surface (self);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  if (self->sink_open)
    sb_export_sink_close (&self->sink, FALSE, NULL);
  g_free (self);
}
