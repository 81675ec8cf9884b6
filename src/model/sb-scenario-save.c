/* sb-scenario-save.c — the saved form of a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written by hand rather than with JsonGenerator: json-glib 1.6 pretty-prints
 * `"key" : value` and breaks every array over several lines, while the
 * bundled files, meant to be read and edited by teachers, keep short lists
 * and positions on one line.  The output is a fixed function of the model,
 * so load → save → load → save gives the same bytes.
 */
#include "config.h"

#include "sb-file.h"
#include "sb-scenario-private.h"

typedef struct {
  GString  *out;
  int       depth;
  gboolean  first;   /* nothing written yet in the innermost object or array */
} Writer;

static void
write_string (Writer     *w,
              const char *text)
{
  g_string_append_c (w->out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (w->out, "\\\""); break;
        case '\\': g_string_append (w->out, "\\\\"); break;
        case '\n': g_string_append (w->out, "\\n"); break;
        case '\r': g_string_append (w->out, "\\r"); break;
        case '\t': g_string_append (w->out, "\\t"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (w->out, "\\u%04x", (guint) (guchar) *p);
          else
            g_string_append_c (w->out, *p);  /* UTF-8 is written as is */
        }
    }
  g_string_append_c (w->out, '"');
}

static void
write_number (Writer *w,
              double  value)
{
  g_autofree char *text = sb_format_number (value);

  g_string_append (w->out, text);
}

/* Starts a new line inside the current object (KEY != NULL) or array. */
static void
begin_member (Writer     *w,
              const char *key)
{
  if (!w->first)
    g_string_append_c (w->out, ',');
  g_string_append_c (w->out, '\n');
  for (int i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");

  if (key != NULL)
    {
      write_string (w, key);
      g_string_append (w->out, ": ");
    }
  w->first = FALSE;
}

static void
open_block (Writer     *w,
            const char *key,
            char        bracket)
{
  if (w->depth > 0)
    begin_member (w, key);
  g_string_append_c (w->out, bracket);
  w->depth++;
  w->first = TRUE;
}

static void
close_block (Writer *w,
             char    bracket)
{
  gboolean empty = w->first;

  w->depth--;
  if (!empty)
    {
      g_string_append_c (w->out, '\n');
      for (int i = 0; i < w->depth; i++)
        g_string_append (w->out, "  ");
    }
  g_string_append_c (w->out, bracket);
  w->first = FALSE;
}

static void
write_string_member (Writer     *w,
                     const char *key,
                     const char *value)
{
  begin_member (w, key);
  write_string (w, value);
}

static void
write_number_member (Writer     *w,
                     const char *key,
                     double      value)
{
  begin_member (w, key);
  write_number (w, value);
}

static void
write_integer_member (Writer     *w,
                      const char *key,
                      guint64     value)
{
  begin_member (w, key);
  g_string_append_printf (w->out, "%" G_GUINT64_FORMAT, value);
}

static void
write_boolean_member (Writer     *w,
                      const char *key,
                      gboolean    value)
{
  begin_member (w, key);
  g_string_append (w->out, value ? "true" : "false");
}

/* Sections */

static void
write_dns_and_hop (Writer           *w,
                   const SbScenario *self)
{
  open_block (w, "dns", '{');
  write_string_member (w, "name", self->dns_name);
  write_number_member (w, "ttl", self->ttl);
  close_block (w, '}');
  write_number_member (w, "hop", self->hop);
}

static void
write_traffic (Writer          *w,
               const SbTraffic *traffic)
{
  open_block (w, "traffic", '{');
  write_number_member (w, "rate", traffic->rate);
  write_number_member (w, "read_ratio", traffic->read_ratio);
  write_integer_member (w, "clients", traffic->clients);
  write_string_member (w, "arrival", sb_arrival_to_string (traffic->arrival));
  write_integer_member (w, "seed", traffic->seed);
  close_block (w, '}');
}

static void
write_backends (Writer    *w,
                GPtrArray *backends)
{
  begin_member (w, "backends");
  g_string_append_c (w->out, '[');
  for (guint i = 0; i < backends->len; i++)
    {
      if (i > 0)
        g_string_append (w->out, ", ");
      write_string (w, backends->pdata[i]);
    }
  g_string_append_c (w->out, ']');
}

static void
write_balancer (Writer           *w,
                const SbBalancer *balancer)
{
  open_block (w, "balancer", '{');
  write_string_member (w, "algorithm", sb_algorithm_to_string (balancer->algorithm));
  write_string_member (w, "mode", sb_mode_to_string (balancer->mode));
  write_backends (w, balancer->backends);
  open_block (w, "health_check", '{');
  write_string_member (w, "type", sb_check_to_string (balancer->check));
  write_number_member (w, "interval", balancer->interval);
  write_integer_member (w, "rise", balancer->rise);
  write_integer_member (w, "fall", balancer->fall);
  close_block (w, '}');
  write_boolean_member (w, "redispatch", balancer->redispatch);
  /* Newer settings are written only when used, so older files stay as they were. */
  if (balancer->https)
    write_boolean_member (w, "https", TRUE);
  if (balancer->virtual_ip != NULL)
    write_string_member (w, "virtual_ip", balancer->virtual_ip);
  close_block (w, '}');
}

static void
write_host (Writer       *w,
            const SbHost *host)
{
  open_block (w, NULL, '{');
  write_string_member (w, "id", host->id);
  write_string_member (w, "label", host->label);
  if (host->ip != NULL)
    write_string_member (w, "ip", host->ip);
  write_string_member (w, "explanation", host->explanation);
  close_block (w, '}');
}

static void
write_position (Writer            *w,
                const SbComponent *component)
{
  begin_member (w, "position");
  g_string_append (w->out, "{\"x\": ");
  write_number (w, component->x);
  g_string_append (w->out, ", \"y\": ");
  write_number (w, component->y);
  g_string_append_c (w->out, '}');
}

/* Keys a component does not use (role, host, ip, managed, position) are
 * left out rather than written as null or false, to keep files short. */
static void
write_component (Writer            *w,
                 const SbComponent *component)
{
  open_block (w, NULL, '{');
  write_string_member (w, "id", component->id);
  write_string_member (w, "kind", sb_kind_to_string (component->kind));
  if (component->role != SB_DB_ROLE_NONE)
    write_string_member (w, "role", sb_db_role_to_string (component->role));
  if (component->host != NULL)
    write_string_member (w, "host", component->host);
  write_string_member (w, "label", component->label);
  if (component->ip != NULL)
    write_string_member (w, "ip", component->ip);
  if (component->managed)
    write_boolean_member (w, "managed", TRUE);
  if (component->has_position)
    write_position (w, component);
  write_string_member (w, "explanation", component->explanation);
  close_block (w, '}');
}

/* Keys a moment does not use are left out; choices go one per line, being
 * sentences. */
static void
write_moment (Writer         *w,
              const SbMoment *moment)
{
  open_block (w, NULL, '{');
  write_number_member (w, "time", moment->time);
  if (moment->action != SB_SCRIPT_ACTION_NONE)
    write_string_member (w, "action", sb_script_action_to_string (moment->action));
  if (sb_script_action_has_target (moment->action))
    write_string_member (w, "target", moment->target);
  if (moment->action == SB_SCRIPT_ACTION_MODE)
    write_string_member (w, "value", sb_mode_to_string (moment->value));
  if (moment->action == SB_SCRIPT_ACTION_ALGORITHM)
    write_string_member (w, "value", sb_algorithm_to_string (moment->value));
  if (moment->question != NULL)
    {
      open_block (w, "question", '{');
      write_string_member (w, "text", moment->question);
      open_block (w, "choices", '[');
      for (guint i = 0; i < moment->choices->len; i++)
        write_string_member (w, NULL, moment->choices->pdata[i]);
      close_block (w, ']');
      write_integer_member (w, "answer", moment->answer);
      close_block (w, '}');
    }
  if (moment->reveal != NULL)
    write_string_member (w, "reveal", moment->reveal);
  close_block (w, '}');
}

static void
write_script (Writer         *w,
              const SbScript *script)
{
  open_block (w, "script", '{');
  write_number_member (w, "end", script->end);
  open_block (w, "moments", '[');
  for (guint i = 0; i < script->moments->len; i++)
    write_moment (w, script->moments->pdata[i]);
  close_block (w, ']');
  close_block (w, '}');
}

char *
sb_scenario_to_data (const SbScenario *self,
                     gsize            *length)
{
  Writer w = { g_string_new (NULL), 0, TRUE };

  g_return_val_if_fail (self != NULL, NULL);

  open_block (&w, NULL, '{');
  write_string_member (&w, "format", SB_SCENARIO_FORMAT);
  write_integer_member (&w, "version", SB_SCENARIO_VERSION);
  write_string_member (&w, "name", self->name);
  write_string_member (&w, "title", self->title);
  write_string_member (&w, "summary", self->summary);
  write_dns_and_hop (&w, self);
  write_traffic (&w, &self->traffic);
  /* The balancer section exists only with a load balancer: loading refuses
   * one that configures nothing. */
  if (sb_scenario_find_kind (self, SB_KIND_LOAD_BALANCER, NULL) != NULL)
    write_balancer (&w, &self->balancer);
  open_block (&w, "replication", '{');
  write_number_member (&w, "lag", self->lag);
  close_block (&w, '}');

  open_block (&w, "hosts", '[');
  for (guint i = 0; i < self->hosts->len; i++)
    write_host (&w, self->hosts->pdata[i]);
  close_block (&w, ']');

  open_block (&w, "components", '[');
  for (guint i = 0; i < self->components->len; i++)
    write_component (&w, self->components->pdata[i]);
  close_block (&w, ']');
  /* Only files with a lesson script get the key: older files keep their bytes. */
  if (self->script != NULL)
    write_script (&w, self->script);
  close_block (&w, '}');
  g_string_append_c (w.out, '\n');

  if (length != NULL)
    *length = w.out->len;
  return g_string_free (w.out, FALSE);
}

gboolean
sb_scenario_save_to_file (const SbScenario *self,
                          const char       *path,
                          GError          **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Never write a file that would not load again. */
  if (!sb_scenario_validate (self, error))
    return FALSE;

  data = sb_scenario_to_data (self, &length);

  /* A temporary file renamed over PATH: a crash or a full disk leaves the
   * old file whole, never half of the new one; the message names PATH. */
  return sb_file_replace (path, data, length, error);
}
