/* sb-review-format.c — the review as a document, Markdown and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The blocks are the one document: the window, the handout and the
 * Markdown all show the same sections in the same order.  The JSON is for
 * scripts: ids, kinds and roles as in the scenario file, keys in a fixed
 * order so that two runs compare with diff.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sb-review-private.h"

/* --- Blocks --------------------------------------------------------------- */

SbReviewBlock *
sb_review_block_new (SbReviewBlockKind  kind,
                     const char        *lead,
                     const char        *code,
                     const char        *text)
{
  SbReviewBlock *block = g_new0 (SbReviewBlock, 1);

  block->kind = kind;
  block->lead = g_strdup (lead);
  block->code = g_strdup (code);
  block->text = g_strdup (text);
  return block;
}

void
sb_review_block_free (SbReviewBlock *self)
{
  if (self == NULL)
    return;
  g_free (self->lead);
  g_free (self->code);
  g_free (self->text);
  g_free (self);
}

static void
block (GPtrArray         *blocks,
       SbReviewBlockKind  kind,
       const char        *lead,
       const char        *code,
       const char        *text)
{
  g_ptr_array_add (blocks, sb_review_block_new (kind, lead, code, text));
}

static void
elements_blocks (const SbReview *self,
                 GPtrArray      *blocks)
{
  block (blocks, SB_REVIEW_BLOCK_HEADING, NULL, NULL, _("The elements"));
  for (guint i = 0; i < self->elements->len; i++)
    {
      const SbExplanation *x = g_ptr_array_index (self->elements, i);
      /* Translators: an element and its kind, e.g. "Nginx · Web server". */
      g_autofree char *title = g_strdup_printf (_("%s · %s"), x->name, x->kind);

      block (blocks, SB_REVIEW_BLOCK_SUBHEADING, title, x->id, NULL);
      block (blocks, SB_REVIEW_BLOCK_ITEM, _("Why it is there"), NULL, x->why);
      block (blocks, SB_REVIEW_BLOCK_ITEM, _("What it does here"), NULL, x->what);
      block (blocks, SB_REVIEW_BLOCK_ITEM, _("If it fails"), NULL, x->loss);
    }
}

static void
balancer_blocks (const SbReview *self,
                 GPtrArray      *blocks)
{
  block (blocks, SB_REVIEW_BLOCK_HEADING, NULL, NULL, _("The load balancer"));
  block (blocks, SB_REVIEW_BLOCK_ITEM, _("Algorithm"), NULL, self->algorithm_text);
  block (blocks, SB_REVIEW_BLOCK_ITEM, _("Mode"), NULL, self->mode_text);
  if (self->health_text)
    block (blocks, SB_REVIEW_BLOCK_ITEM, _("Health checks"), NULL, self->health_text);
  if (self->cluster_text)
    block (blocks, SB_REVIEW_BLOCK_ITEM, _("A pair of load balancers"), NULL, self->cluster_text);
}

static const char *
role_name (SbDbRole role)
{
  return role == SB_DB_ROLE_PRIMARY ? _("primary") : _("replica");
}

static void
database_blocks (const SbReview *self,
                 GPtrArray      *blocks)
{
  block (blocks, SB_REVIEW_BLOCK_HEADING, NULL, NULL, _("The databases"));
  block (blocks, SB_REVIEW_BLOCK_PARAGRAPH, NULL, NULL, self->replication_text);
  for (guint i = 0; i < self->databases->len; i++)
    {
      const SbReviewDatabase *db = g_ptr_array_index (self->databases, i);
      g_autofree char *lead = g_strdup_printf (_("%s · %s"), db->name, role_name (db->role));

      block (blocks, SB_REVIEW_BLOCK_ITEM, lead, db->id, db->text);
    }
}

static void
spof_list_blocks (GPtrArray  *spofs,
                  gboolean    served,
                  const char *heading,
                  const char *none,
                  const char *never,
                  GPtrArray  *blocks)
{
  block (blocks, SB_REVIEW_BLOCK_SUBHEADING, heading, NULL, NULL);
  if (!served)
    block (blocks, SB_REVIEW_BLOCK_PARAGRAPH, NULL, NULL, never);
  else if (spofs->len == 0)
    block (blocks, SB_REVIEW_BLOCK_PARAGRAPH, NULL, NULL, none);
  for (guint i = 0; i < spofs->len; i++)
    {
      const SbReviewSpof *spof = g_ptr_array_index (spofs, i);

      block (blocks, SB_REVIEW_BLOCK_ITEM, spof->label, spof->id, spof->why);
    }
}

static const char *
issue_title (SbIssueKind kind)
{
  switch (kind)
    {
    case SB_ISSUE_NO_HTTPS:
      return _("No HTTPS");
    case SB_ISSUE_NO_FIREWALL:
      return _("No firewall");
    case SB_ISSUE_NO_MONITORING:
    default:
      return _("No monitoring");
    }
}

static void
issue_blocks (const SbReview *self,
              GPtrArray      *blocks)
{
  block (blocks, SB_REVIEW_BLOCK_HEADING, NULL, NULL, _("Security and monitoring"));
  if (self->issues->len == 0)
    block (blocks, SB_REVIEW_BLOCK_PARAGRAPH, NULL, NULL,
           _("No known issue: HTTPS, a firewall on every machine and monitoring are all in place."));
  for (guint i = 0; i < self->issues->len; i++)
    {
      const SbReviewIssue *issue = g_ptr_array_index (self->issues, i);

      block (blocks, SB_REVIEW_BLOCK_ITEM, issue_title (issue->kind), NULL, issue->text);
    }
}

GPtrArray *
sb_review_to_blocks (const SbReview *self)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_review_block_free);
  g_autofree char *title = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  /* Translators: the title of the written review of a design. */
  title = g_strdup_printf (_("Review: %s"), self->title);
  block (blocks, SB_REVIEW_BLOCK_TITLE, NULL, NULL, title);
  elements_blocks (self, blocks);
  balancer_blocks (self, blocks);
  database_blocks (self, blocks);
  block (blocks, SB_REVIEW_BLOCK_HEADING, NULL, NULL, _("Single points of failure"));
  spof_list_blocks (self->spof_reads, self->reads_served, _("For reads"),
                    _("None: no single element stops every read."),
                    _("Not a question yet: even with every element up, no read can succeed."), blocks);
  spof_list_blocks (self->spof_writes, self->writes_served, _("For writes"),
                    _("None: no single element stops every write."),
                    _("Not a question yet: even with every element up, no write can succeed."), blocks);
  issue_blocks (self, blocks);
  block (blocks, SB_REVIEW_BLOCK_HEADING, NULL, NULL, _("What this design does well"));
  for (guint i = 0; i < self->strengths->len; i++)
    block (blocks, SB_REVIEW_BLOCK_ITEM, NULL, NULL, g_ptr_array_index (self->strengths, i));
  return blocks;
}

/* --- Markdown ------------------------------------------------------------- */

static void
markdown_heading (GString             *md,
                  const char          *marks,
                  const SbReviewBlock *b)
{
  g_string_append_printf (md, "%s %s", marks, b->lead ? b->lead : b->text);
  if (b->code)
    g_string_append_printf (md, " (`%s`)", b->code);
  g_string_append (md, "\n\n");
}

static void
markdown_item (GString             *md,
               const SbReviewBlock *b)
{
  g_string_append (md, "- ");
  if (b->lead && b->code)
    /* Translators: a bold lead and an element's id in front of a text, in Markdown. */
    g_string_append_printf (md, _("**%s** (`%s`): "), b->lead, b->code);
  else if (b->lead)
    /* Translators: a bold lead in front of a text, in Markdown; French adds a space before the colon. */
    g_string_append_printf (md, _("**%s:** "), b->lead);
  g_string_append_printf (md, "%s\n", b->text ? b->text : "");
}

char *
sb_review_blocks_to_markdown (GPtrArray *blocks)
{
  GString *md = g_string_new (NULL);
  gboolean in_list = FALSE;

  for (guint i = 0; i < blocks->len; i++)
    {
      const SbReviewBlock *b = g_ptr_array_index (blocks, i);

      if (in_list && b->kind != SB_REVIEW_BLOCK_ITEM)
        g_string_append_c (md, '\n');
      in_list = b->kind == SB_REVIEW_BLOCK_ITEM;
      switch (b->kind)
        {
        case SB_REVIEW_BLOCK_TITLE:
          markdown_heading (md, "#", b);
          break;
        case SB_REVIEW_BLOCK_HEADING:
          markdown_heading (md, "##", b);
          break;
        case SB_REVIEW_BLOCK_SUBHEADING:
          markdown_heading (md, "###", b);
          break;
        case SB_REVIEW_BLOCK_ITEM:
          markdown_item (md, b);
          break;
        case SB_REVIEW_BLOCK_PARAGRAPH:
        default:
          g_string_append_printf (md, "%s\n\n", b->text);
          break;
        }
    }
  /* One newline at the end, whatever came last. */
  while (md->len > 1 && md->str[md->len - 1] == '\n' && md->str[md->len - 2] == '\n')
    g_string_truncate (md, md->len - 1);
  return g_string_free (md, FALSE);
}

char *
sb_review_to_markdown (const SbReview *self)
{
  g_autoptr(GPtrArray) blocks = sb_review_to_blocks (self);

  return sb_review_blocks_to_markdown (blocks);
}

/* --- JSON ----------------------------------------------------------------- */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_strv (JsonBuilder        *b,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; values && values[i]; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_strings (JsonBuilder *b,
             const char  *name,
             GPtrArray   *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < values->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (values, i));
  json_builder_end_array (b);
}

static void
json_elements (JsonBuilder    *b,
               const SbReview *self)
{
  json_builder_set_member_name (b, "elements");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->elements->len; i++)
    {
      const SbExplanation *x = g_ptr_array_index (self->elements, i);

      json_builder_begin_object (b);
      add_string (b, "id", x->id);
      add_string (b, "label", x->label);
      add_string (b, "kind", x->is_host ? "host" : sb_kind_to_string (x->element_kind));
      add_string (b, "host", x->host);
      add_string (b, "why", x->why);
      add_string (b, "what", x->what);
      add_string (b, "loss", x->loss);
      add_bool (b, "stops_reads", x->stops_reads);
      add_bool (b, "stops_writes", x->stops_writes);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
json_balancer (JsonBuilder    *b,
               const SbReview *self)
{
  json_builder_set_member_name (b, "balancer");
  json_builder_begin_object (b);
  add_bool (b, "present", self->has_balancer);
  add_string (b, "algorithm", self->has_balancer ? sb_algorithm_to_string (self->algorithm) : NULL);
  add_string (b, "mode", self->has_balancer ? sb_mode_to_string (self->mode) : NULL);
  add_strv (b, "backends", (const char * const *) self->backends);
  add_string (b, "algorithm_text", self->algorithm_text);
  add_string (b, "mode_text", self->mode_text);
  add_string (b, "health_text", self->health_text);
  add_string (b, "cluster_text", self->cluster_text);
  json_builder_end_object (b);
}

static void
json_databases (JsonBuilder    *b,
                const SbReview *self)
{
  json_builder_set_member_name (b, "databases");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lag");
  json_builder_add_double_value (b, self->lag);
  add_string (b, "replication_text", self->replication_text);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->databases->len; i++)
    {
      const SbReviewDatabase *db = g_ptr_array_index (self->databases, i);

      json_builder_begin_object (b);
      add_string (b, "id", db->id);
      add_string (b, "label", db->label);
      add_string (b, "role", sb_db_role_to_string (db->role));
      add_string (b, "host", db->host);
      add_strv (b, "reads_from", (const char * const *) db->readers);
      add_strv (b, "writes_from", (const char * const *) db->writers);
      add_string (b, "text", db->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
json_spof_list (JsonBuilder *b,
                const char  *name,
                GPtrArray   *spofs)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < spofs->len; i++)
    {
      const SbReviewSpof *spof = g_ptr_array_index (spofs, i);

      json_builder_begin_object (b);
      add_string (b, "id", spof->id);
      add_string (b, "label", spof->label);
      add_string (b, "why", spof->why);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
json_issues (JsonBuilder    *b,
             const SbReview *self)
{
  json_builder_set_member_name (b, "issues");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->issues->len; i++)
    {
      const SbReviewIssue *issue = g_ptr_array_index (self->issues, i);

      json_builder_begin_object (b);
      add_string (b, "kind", sb_issue_kind_to_string (issue->kind));
      add_strv (b, "hosts", (const char * const *) issue->hosts);
      add_string (b, "text", issue->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static JsonNode *
review_json (const SbReview *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "scenario", self->name);
  add_string (b, "title", self->title);
  json_elements (b, self);
  json_balancer (b, self);
  json_databases (b, self);
  json_builder_set_member_name (b, "spof");
  json_builder_begin_object (b);
  json_spof_list (b, "reads", self->spof_reads);
  json_spof_list (b, "writes", self->spof_writes);
  json_builder_end_object (b);
  json_issues (b, self);
  add_strings (b, "strengths", self->strengths);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
sb_review_to_json (const SbReview *self)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  root = review_json (self);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

/* --- The side panel's overview --------------------------------------------- */

static char *
spof_names (GPtrArray *spofs)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < spofs->len; i++)
    g_ptr_array_add (names, ((SbReviewSpof *) g_ptr_array_index (spofs, i))->label);
  return sb_review_join ((const char * const *) names->pdata, names->len);
}

char *
sb_review_known_issues_text (const SbReview *self)
{
  GString *text = g_string_new (_("Known issues of this design:"));
  g_autofree char *reads = NULL;
  g_autofree char *writes = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; i < self->issues->len; i++)
    g_string_append_printf (text, "\n\n• %s", ((SbReviewIssue *) g_ptr_array_index (self->issues, i))->text);
  reads = spof_names (self->spof_reads);
  writes = spof_names (self->spof_writes);
  g_string_append (text, "\n\n• ");
  if (self->spof_reads->len == 0)
    g_string_append (text, _("No single point of failure for reads."));
  else
    g_string_append_printf (text, _("Single points of failure for reads: %s."), reads);
  g_string_append (text, "\n\n• ");
  if (self->spof_writes->len == 0)
    g_string_append (text, _("No single point of failure for writes."));
  else
    g_string_append_printf (text, _("Single points of failure for writes: %s."), writes);
  return g_string_free (text, FALSE);
}
