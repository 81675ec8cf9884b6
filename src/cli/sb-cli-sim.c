/* sb-cli-sim.c — `--simulate SECONDS`, `--narrate` and `--spof`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * --simulate and --spof print one JSON object on stdout, --narrate one per
 * line (JSON Lines) (see docs/command-line.md).  The keys come in a fixed
 * order so that two runs can be compared with diff.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "sb-cli.h"
#include "sim/sb-narrator.h"
#include "sim/sb-sim.h"
#include "sim/sb-spof.h"

static void
add_int (JsonBuilder *b,
         const char  *name,
         guint64      value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, (gint64) value);
}

static void
add_counters (JsonBuilder         *b,
              const SbSimCounters *c)
{
  add_int (b, "requests", c->requests);
  add_int (b, "succeeded", c->succeeded);
  add_int (b, "failed", c->failed);
  add_int (b, "in_flight", c->in_flight);
  add_int (b, "reads", c->reads);
  add_int (b, "writes", c->writes);
  add_int (b, "reads_succeeded", c->reads_succeeded);
  add_int (b, "reads_failed", c->reads_failed);
  add_int (b, "writes_succeeded", c->writes_succeeded);
  add_int (b, "writes_failed", c->writes_failed);
  add_int (b, "stale_reads", c->stale_reads);
  add_int (b, "dns_lookups", c->dns_lookups);
  add_int (b, "redispatched", c->redispatched);
  add_int (b, "lost_writes", c->lost_writes);
}

typedef guint64 (*PerElement) (SbSim *, const char *);

/* {id: count} over the elements, in scenario order: components, then
 * hosts.  ALL_COMPONENTS / ALL_HOSTS keep zeros for those. */
static void
add_per_element (JsonBuilder *b,
                 SbSim       *sim,
                 const char  *name,
                 PerElement   get,
                 gboolean     all_components,
                 gboolean     all_hosts)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint i = 0; i < sb_sim_get_n_elements (sim); i++)
    {
      const char *id = sb_sim_get_element_id (sim, i);
      gboolean host = sb_sim_element_is_host (sim, i);
      guint64 n = get (sim, id);

      if (n > 0 || (host ? all_hosts : all_components))
        add_int (b, id, n);
    }
  json_builder_end_object (b);
}

static void
add_reasons (JsonBuilder         *b,
             const SbSimCounters *c)
{
  json_builder_set_member_name (b, "failure_reasons");
  json_builder_begin_object (b);
  for (guint r = 0; r < SB_FAILURE_N; r++)
    if (c->reasons[r] > 0)
      add_int (b, sb_failure_reason_to_string (r), c->reasons[r]);
  json_builder_end_object (b);
}

static void
add_latency (JsonBuilder *b,
             SbSim       *sim)
{
  static const struct { const char *name; double p; } percentiles[] = {
    { "p50", 50 }, { "p95", 95 }, { "p99", 99 },
  };

  json_builder_set_member_name (b, "latency");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (percentiles); i++)
    {
      double seconds;

      json_builder_set_member_name (b, percentiles[i].name);
      if (sb_sim_get_latency (sim, percentiles[i].p, &seconds))
        json_builder_add_double_value (b, seconds);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
}

/* The LB's view at the end, as HAProxy's stats page would show it. */
static void
add_backends (JsonBuilder *b,
              SbSim       *sim)
{
  json_builder_set_member_name (b, "backends");
  json_builder_begin_object (b);
  for (guint i = 0; i < sb_sim_get_n_backends (sim); i++)
    {
      SbSimBackendView view;

      sb_sim_get_backend (sim, i, &view);
      json_builder_set_member_name (b, view.host);
      json_builder_add_string_value (b, view.label);
    }
  json_builder_end_object (b);
}

static void
add_replication (JsonBuilder *b,
                 SbSim       *sim)
{
  json_builder_set_member_name (b, "replication");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "primary");
  if (sb_sim_get_primary (sim))
    json_builder_add_string_value (b, sb_sim_get_primary (sim));
  else
    json_builder_add_null_value (b);
  add_int (b, "version", (guint64) sb_sim_get_primary_version (sim));
  json_builder_set_member_name (b, "applied");
  json_builder_begin_object (b);
  for (guint i = 0; i < sb_sim_get_n_databases (sim); i++)
    {
      SbSimDatabaseView view;

      sb_sim_get_database (sim, i, &view);
      add_int (b, view.id, (guint64) view.version);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_down (JsonBuilder *b,
          SbSim       *sim)
{
  json_builder_set_member_name (b, "down");
  json_builder_begin_array (b);
  for (guint i = 0; i < sb_sim_get_n_elements (sim); i++)
    {
      const char *id = sb_sim_get_element_id (sim, i);

      if (sb_sim_get_element_state (sim, id) == SB_ELEMENT_DOWN)
        json_builder_add_string_value (b, id);
    }
  json_builder_end_array (b);
}

static JsonNode *
build_report (SbSim *sim)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const SbSimCounters *c = sb_sim_get_counters (sim);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "time");
  json_builder_add_double_value (b, (double) sb_sim_get_time (sim) / SB_SIM_USEC_PER_SEC);
  add_counters (b, c);
  add_per_element (b, sim, "failures", sb_sim_get_failures_at, FALSE, FALSE);
  add_reasons (b, c);
  add_per_element (b, sim, "served_by", sb_sim_get_served_by, FALSE, TRUE);
  add_per_element (b, sim, "handled", sb_sim_get_handled, TRUE, FALSE);
  add_latency (b, sim);
  add_backends (b, sim);
  add_replication (b, sim);
  add_down (b, sim);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_json (JsonNode *root,
            gboolean  pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

int
sb_cli_simulate (const SbCliOptions *options,
                 double              seconds)
{
  g_autoptr(SbSim) sim = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (options != NULL && options->scenario != NULL, 1);
  if (!(seconds >= 0) || !isfinite (seconds))
    {
      g_printerr ("stackboard: --simulate: %g is not a duration in seconds\n", seconds);
      return 1;
    }
  sim = sb_sim_new (options->scenario);
  if (!sb_cli_play (sim, options, NULL, sb_sim_seconds_to_us (seconds), &error))
    {
      g_printerr ("stackboard: %s\n", error->message);
      return 1;
    }
  root = build_report (sim);
  print_json (root, TRUE);
  return 0;
}

/* --- --narrate ------------------------------------------------------------
 *
 * Written by hand rather than with JsonGenerator, which prints doubles with
 * 17 digits (5.1020000000000003): times are whole microseconds, printed as
 * seconds with at most six decimals (5.102, 13.609375, 10.0). */

static void
line_key (GString    *line,
          const char *key)
{
  g_string_append_printf (line, line->len > 1 ? ",\"%s\":" : "\"%s\":", key);
}

static void
line_string (GString    *line,
             const char *key,
             const char *value)
{
  if (key != NULL)
    line_key (line, key);
  g_string_append_c (line, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (line, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (line, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (line, *p);   /* UTF-8 as is */
    }
  g_string_append_c (line, '"');
}

static void
line_int (GString    *line,
          const char *key,
          gint64      value)
{
  line_key (line, key);
  g_string_append_printf (line, "%" G_GINT64_FORMAT, value);
}

static void
line_seconds (GString    *line,
              const char *key,
              gint64      us)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  gsize n;

  g_ascii_formatd (text, sizeof text, "%.6f", (double) us / SB_SIM_USEC_PER_SEC);
  /* Trailing zeros go, one decimal stays: a number reads as a time. */
  for (n = strlen (text); n > 2 && text[n - 1] == '0' && text[n - 2] != '.'; n--)
    text[n - 1] = '\0';
  line_key (line, key);
  g_string_append (line, text);
}

static void
add_question (GString         *line,
              const SbCaption *c)
{
  if (c->number > 0)
    line_int (line, "number", c->number);
  if (c->question != NULL)
    {
      line_string (line, "question", c->question);
      line_key (line, "choices");
      g_string_append_c (line, '[');
      for (guint i = 0; c->choices && c->choices[i]; i++)
        {
          if (i > 0)
            g_string_append_c (line, ',');
          line_string (line, NULL, c->choices[i]);
        }
      g_string_append_c (line, ']');
    }
  if (c->kind != SB_CAPTION_REVEAL || c->number == 0)
    return;
  line_int (line, "answer", c->answer);
  if (c->vote > 0)
    line_int (line, "vote", c->vote);
  else
    {
      line_key (line, "vote");
      g_string_append (line, "null");
    }
}

/* The measures a caption has; -1 stands for none. */
static void
add_measures (GString         *line,
              const SbCaption *c)
{
  if (c->failed >= 0)
    line_int (line, "failed", c->failed);
  if (c->requests >= 0)
    line_int (line, "requests", c->requests);
  if (c->since >= 0)
    {
      line_seconds (line, "since", c->since);
      line_seconds (line, "duration", c->time - c->since);
    }
  if (c->checks >= 0)
    line_int (line, "checks", c->checks);
  if (c->request >= 0)
    line_int (line, "request", c->request);
  if (c->kind == SB_CAPTION_INCIDENT)
    {
      line_key (line, "open");
      g_string_append (line, c->open ? "true" : "false");
    }
}

/* One line of JSON per caption, kept until the run is over so that a run
 * that fails prints nothing on stdout. */
static void
collect_caption (SbNarrator      *narrator,
                 const SbCaption *c,
                 gpointer         user_data)
{
  g_autoptr(GString) line = g_string_new ("{");

  line_seconds (line, "time", c->time);
  line_string (line, "event", sb_caption_kind_to_string (c->kind));
  if (c->subject != NULL)
    line_string (line, "subject", c->subject);
  line_string (line, "text", c->text);
  add_measures (line, c);
  if (c->kind == SB_CAPTION_QUESTION || c->kind == SB_CAPTION_REVEAL)
    add_question (line, c);
  g_string_append (line, "}\n");
  g_string_append (user_data, line->str);
}

int
sb_cli_narrate (const SbCliOptions *options,
                double              seconds)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(SbNarrator) narrator = sb_narrator_new ();
  g_autoptr(SbSim) sim = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end;

  g_return_val_if_fail (options != NULL && options->scenario != NULL, 1);
  end = seconds >= 0 ? sb_sim_seconds_to_us (seconds)
                     : sb_sim_seconds_to_us (options->scenario->script->end);
  sim = sb_sim_new (options->scenario);
  sb_narrator_attach (narrator, sim);
  sb_narrator_set_caption_func (narrator, collect_caption, lines);
  if (!sb_cli_play (sim, options, narrator, end, &error))
    {
      g_printerr ("stackboard: %s\n", error->message);
      return 1;
    }
  sb_narrator_finish (narrator, sim);
  sb_sim_set_event_func (sim, NULL, NULL);
  g_print ("%s", lines->str);
  return 0;
}

static void
add_ids (JsonBuilder *b,
         const char  *name,
         GPtrArray   *ids)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (ids, i));
  json_builder_end_array (b);
}

int
sb_cli_spof (const SbCliOptions *options)
{
  g_autoptr(GPtrArray) reads = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (options != NULL && options->scenario != NULL, 1);
  sb_spof_analyse (options->scenario, &reads, &writes);
  json_builder_begin_object (b);
  add_ids (b, "reads", reads);
  add_ids (b, "writes", writes);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  print_json (root, FALSE);
  return 0;
}
