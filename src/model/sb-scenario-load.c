/* sb-scenario-load.c — from JSON text to a validated SbScenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading runs in three stages, each stopping at the first problem:
 *  1. file checks on the raw bytes (size, UTF-8, nesting depth, huge
 *     integers), because json-glib 1.6 recurses without a depth limit and
 *     silently wraps integers that do not fit in 64 bits;
 *  2. reading the JSON tree into the model: types, required keys, enum
 *     names, with the JSON path of the value in every message;
 *  3. sb_scenario_validate(): ranges, ids, references and structure.
 *
 * Messages are translatable; each is one format string with the JSON path
 * (or the line and column) as arguments, see sb_fail().
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sb-file.h"
#include "sb-scenario-private.h"
#include "sb-scenario-resources.h"

#define INVALID SB_SCENARIO_ERROR_INVALID
#define PARSE SB_SCENARIO_ERROR_PARSE

/* Stage 1 is sb_scenario_check_text() (sb-scenario-text.c): after it,
 * json-glib only ever sees one strict JSON value.  Its own messages stay
 * as a fallback; they say "<data>:LINE:COL: Parse error: WHAT". */
static gboolean
parse_json (JsonParser *parser,
            const char *data,
            gsize       length,
            GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *message = NULL;
  const char *what;
  guint line, column;
  int consumed = 0;

  if (json_parser_load_from_data (parser, data, length, &local))
    return TRUE;

  /* json-glib quotes the bad token cut to a number of bytes, which can
   * split a character: the message must stay UTF-8 for the window. */
  message = g_utf8_make_valid (local->message, -1);
  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) != 2 || consumed == 0)
    /* Translators: %s is json-glib's own message about the syntax error */
    return sb_fail (error, PARSE, _("not JSON: %s"), message);

  /* Skip the "Parse error: " label, which json-glib may have translated. */
  what = strstr (message + consumed, ": ");
  what = what != NULL ? what + 2 : message + consumed;
  /* Translators: where the syntax error is in the file, then json-glib's
   * own message about it */
  return sb_fail (error, PARSE, _("line %u, column %u: not JSON: %s"), line, column, what);
}

/* Stage 2: reading the tree */

static char *
member_path (const char *parent,
             const char *key)
{
  return *parent == '\0' ? g_strdup (key) : g_strconcat (parent, ".", key, NULL);
}

/* What NODE holds, for the last %s of "expected a number, got %s". */
static const char *
node_type_name (JsonNode *node)
{
  GType type;

  if (JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: the type of the value found in the file, the last %s
     * of messages such as "components[4].id: expected a string, got %s" */
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    /* Translators: the type of the value found, as in "expected a string,
     * got an array" */
    return _("an array");
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";  /* the JSON literal, not a word */

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    /* Translators: the type of the value found, as in "expected a number,
     * got a string" */
    return _("a string");
  if (type == G_TYPE_BOOLEAN)
    /* Translators: the type of the value found, as in "expected a string,
     * got a boolean" (true or false) */
    return _("a boolean");
  /* Translators: the type of the value found, as in "expected a string,
   * got a number" */
  return _("a number");
}

/* A null value counts as an absent key. */
static JsonNode *
get_member (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* The type a key must have, for the message when it has another. */
typedef enum {
  WANT_STRING,
  WANT_NUMBER,
  WANT_BOOLEAN,
  WANT_OBJECT,
  WANT_ARRAY,
} Wanted;

static gboolean
wrong_type (GError    **error,
            const char *path,
            Wanted      wanted,
            JsonNode   *node)
{
  const char *got = node_type_name (node);

  switch (wanted)
    {
    case WANT_STRING:
      /* Translators: the first %s is a JSON path such as components[4].id,
       * the second the type of value found there, such as "a number" */
      return sb_fail (error, INVALID, _("%s: expected a string, got %s"), path, got);
    case WANT_NUMBER:
      /* Translators: the first %s is a JSON path such as traffic.rate, the
       * second the type of value found there, such as "a string" */
      return sb_fail (error, INVALID, _("%s: expected a number, got %s"), path, got);
    case WANT_BOOLEAN:
      /* Translators: the first %s is a JSON path such as
       * components[4].managed, the next two the JSON literals true and
       * false, the last the type of value found there, such as "a string" */
      return sb_fail (error, INVALID, _("%s: expected %s or %s, got %s"), path,
                      "true", "false", got);
    case WANT_OBJECT:
      /* Translators: the first %s is a JSON path such as components[4],
       * the second the type of value found there, such as "an array" */
      return sb_fail (error, INVALID, _("%s: expected an object, got %s"), path, got);
    case WANT_ARRAY:
    default:
      /* Translators: the first %s is a JSON path such as hosts, the second
       * the type of value found there, such as "an object" */
      return sb_fail (error, INVALID, _("%s: expected an array, got %s"), path, got);
    }
}

static gboolean
missing (GError    **error,
         const char *path)
{
  /* Translators: %s is a JSON path such as components[4].label */
  return sb_fail (error, INVALID, _("%s: required but missing"), path);
}

/* The helpers below leave *OUT alone when the key is absent, so it keeps
 * the default sb_scenario_new() put there. */

static gboolean
read_string (JsonObject *object,
             const char *parent,
             const char *key,
             gboolean    required,
             char      **out,
             GError    **error)
{
  JsonNode *node = get_member (object, key);
  g_autofree char *path = member_path (parent, key);

  if (node == NULL)
    return !required || missing (error, path);
  if (!holds (node, G_TYPE_STRING))
    return wrong_type (error, path, WANT_STRING, node);

  g_free (*out);
  *out = json_node_dup_string (node);
  return TRUE;
}

static gboolean
read_number (JsonObject *object,
             const char *parent,
             const char *key,
             double     *out,
             GError    **error)
{
  JsonNode *node = get_member (object, key);
  g_autofree char *path = member_path (parent, key);
  double value;

  if (node == NULL)
    return TRUE;
  if (holds (node, G_TYPE_INT64))
    value = json_node_get_int (node);
  else if (holds (node, G_TYPE_DOUBLE))
    value = json_node_get_double (node);
  else
    return wrong_type (error, path, WANT_NUMBER, node);

  /* json-glib turns 1e400 into infinity. */
  if (!isfinite (value))
    /* Translators: %s is a JSON path such as traffic.rate */
    return sb_fail (error, INVALID, _("%s: number is too large"), path);

  *out = value;
  return TRUE;
}

static gboolean
read_integer (JsonObject *object,
              const char *parent,
              const char *key,
              gint64      min,
              gint64      max,
              gint64     *out,
              GError    **error)
{
  JsonNode *node = get_member (object, key);
  g_autofree char *path = member_path (parent, key);
  double number;
  gint64 value;

  if (node == NULL)
    return TRUE;
  if (!holds (node, G_TYPE_INT64) && !holds (node, G_TYPE_DOUBLE))
    return wrong_type (error, path, WANT_NUMBER, node);

  number = json_node_get_double (node);
  if (holds (node, G_TYPE_INT64))
    value = json_node_get_int (node);
  else if (!isfinite (number))
    /* Translators: %s is a JSON path such as traffic.clients */
    return sb_fail (error, INVALID, _("%s: number is too large"), path);
  else if (number != floor (number) || fabs (number) >= 0x1p63)
    {
      g_autofree char *text = sb_format_number (number);
      /* Translators: the first %s is a JSON path such as traffic.clients,
       * the second the number found there, such as 2.5 */
      return sb_fail (error, INVALID, _("%s: %s is not a whole number"), path, text);
    }
  else
    value = (gint64) number;

  if (!sb_check_int (error, path, value, min, max))
    return FALSE;

  *out = value;
  return TRUE;
}

static gboolean
read_int (JsonObject *object,
          const char *parent,
          const char *key,
          int         min,
          int         max,
          int        *out,
          GError    **error)
{
  gint64 value = *out;

  if (!read_integer (object, parent, key, min, max, &value, error))
    return FALSE;

  *out = (int) value;
  return TRUE;
}

static gboolean
read_boolean (JsonObject *object,
              const char *parent,
              const char *key,
              gboolean   *out,
              GError    **error)
{
  JsonNode *node = get_member (object, key);
  g_autofree char *path = member_path (parent, key);

  if (node == NULL)
    return TRUE;
  if (!holds (node, G_TYPE_BOOLEAN))
    return wrong_type (error, path, WANT_BOOLEAN, node);

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* The message for a name that is not in NAMES, one sentence per enum. */
static gboolean
unknown_name (GError            **error,
              const char         *path,
              const char * const *names,
              const char         *quoted)
{
  if (names == sb_kind_names)
    /* Translators: the first %s is a JSON path such as components[4].kind,
     * the second the unknown kind in double quotes, as the file spells it */
    return sb_fail (error, INVALID, _("%s: unknown kind %s"), path, quoted);
  if (names == sb_db_role_names)
    /* Translators: a JSON path such as components[4].role, then the unknown
     * role name in double quotes */
    return sb_fail (error, INVALID, _("%s: unknown role %s"), path, quoted);
  if (names == sb_algorithm_names)
    /* Translators: a JSON path (balancer.algorithm), then the unknown
     * load-balancing algorithm in double quotes */
    return sb_fail (error, INVALID, _("%s: unknown algorithm %s"), path, quoted);
  if (names == sb_mode_names)
    /* Translators: a JSON path (balancer.mode), then the unknown
     * load-balancing mode in double quotes */
    return sb_fail (error, INVALID, _("%s: unknown mode %s"), path, quoted);
  if (names == sb_check_names)
    /* Translators: a JSON path (balancer.health_check.type), then the
     * unknown type in double quotes */
    return sb_fail (error, INVALID, _("%s: unknown health check type %s"), path, quoted);

  if (names == sb_script_action_names)
    /* Translators: a JSON path such as script.moments[2].action, then the
     * unknown action in double quotes */
    return sb_fail (error, INVALID, _("%s: unknown action %s"), path, quoted);

  g_assert (names == sb_arrival_names);
  /* Translators: a JSON path (traffic.arrival), then the unknown way
   * requests arrive in double quotes */
  return sb_fail (error, INVALID, _("%s: unknown arrival %s"), path, quoted);
}

static gboolean
read_enum (JsonObject         *object,
           const char         *parent,
           const char         *key,
           gboolean            required,
           const char * const *names,
           int                *out,
           GError            **error)
{
  g_autofree char *path = member_path (parent, key);
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;
  int value;

  if (!read_string (object, parent, key, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  value = sb_names_lookup (names, text);
  if (value < 0)
    {
      quoted = sb_quote_for_message (text);
      return unknown_name (error, path, names, quoted);
    }

  *out = value;
  return TRUE;
}

/* *OUT stays NULL when the key is absent. */
static gboolean
read_object (JsonObject  *object,
             const char  *parent,
             const char  *key,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = get_member (object, key);
  g_autofree char *path = member_path (parent, key);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, WANT_OBJECT, node);

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *parent,
            const char  *key,
            gboolean     required,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = get_member (object, key);
  g_autofree char *path = member_path (parent, key);

  *out = NULL;
  if (node == NULL)
    return !required || missing (error, path);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (error, path, WANT_ARRAY, node);

  *out = json_node_get_array (node);
  return TRUE;
}

/* The element I of ARRAY as an object; *PATH becomes "KEY[I]". */
static JsonObject *
element_object (JsonArray  *array,
                guint       i,
                const char *key,
                char      **path,
                GError    **error)
{
  JsonNode *node = json_array_get_element (array, i);

  *path = g_strdup_printf ("%s[%u]", key, i);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  wrong_type (error, *path, WANT_OBJECT, node);
  return NULL;
}

/* Sections */

static gboolean
parse_header (JsonObject *root,
              SbScenario *self,
              GError    **error)
{
  g_autofree char *format = NULL;
  g_autofree char *quoted = NULL;
  gint64 version = 0;

  if (!read_string (root, "", "format", TRUE, &format, error))
    return FALSE;
  if (g_strcmp0 (format, SB_SCENARIO_FORMAT) != 0)
    {
      quoted = sb_quote_for_message (format);
      /* Translators: the first %s is the JSON key "format", the second the
       * value found there in double quotes, the third the format name a
       * scenario file must give */
      return sb_fail (error, INVALID, _("%s: %s is not \"%s\""), "format", quoted,
                      SB_SCENARIO_FORMAT);
    }

  /* Checked before anything else, so a newer file says so rather than
   * tripping over whatever the new version changed. */
  if (get_member (root, "version") == NULL)
    return missing (error, "version");
  if (!read_integer (root, "", "version", G_MININT64, G_MAXINT64, &version, error))
    return FALSE;
  if (version != SB_SCENARIO_VERSION)
    return sb_fail (error, INVALID,
                    /* Translators: %s is the JSON key "version", %lld the
                     * version of the file, %d the only version this
                     * program reads */
                    _("%s: %lld is not supported (this Stackboard reads version %d)"),
                    "version", (long long) version, SB_SCENARIO_VERSION);

  return read_string (root, "", "name", TRUE, &self->name, error)
         && read_string (root, "", "title", TRUE, &self->title, error)
         && read_string (root, "", "summary", FALSE, &self->summary, error);
}

static gboolean
parse_dns (JsonObject *root,
           SbScenario *self,
           GError    **error)
{
  JsonObject *dns;

  if (!read_object (root, "", "dns", &dns, error))
    return FALSE;
  if (dns == NULL)
    return TRUE;

  return read_string (dns, "dns", "name", FALSE, &self->dns_name, error)
         && read_number (dns, "dns", "ttl", &self->ttl, error);
}

static gboolean
parse_traffic (JsonObject *root,
               SbScenario *self,
               GError    **error)
{
  SbTraffic *traffic = &self->traffic;
  JsonObject *object;
  int arrival = traffic->arrival;
  gint64 seed = traffic->seed;

  if (!read_object (root, "", "traffic", &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;

  if (!read_number (object, "traffic", "rate", &traffic->rate, error)
      || !read_number (object, "traffic", "read_ratio", &traffic->read_ratio, error)
      || !read_int (object, "traffic", "clients", 1, SB_SCENARIO_MAX_CLIENTS,
                    &traffic->clients, error)
      || !read_enum (object, "traffic", "arrival", FALSE, sb_arrival_names,
                     &arrival, error)
      || !read_integer (object, "traffic", "seed", 0, G_MAXINT64, &seed, error))
    return FALSE;

  traffic->arrival = arrival;
  traffic->seed = (guint64) seed;
  return TRUE;
}

static gboolean
parse_health_check (JsonObject *balancer,
                    SbBalancer *self,
                    GError    **error)
{
  const char *parent = "balancer.health_check";
  JsonObject *object;
  int check = self->check;

  if (!read_object (balancer, "balancer", "health_check", &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;

  if (!read_enum (object, parent, "type", FALSE, sb_check_names, &check, error)
      || !read_number (object, parent, "interval", &self->interval, error)
      || !read_int (object, parent, "rise", 1, SB_SCENARIO_MAX_CHECKS, &self->rise, error)
      || !read_int (object, parent, "fall", 1, SB_SCENARIO_MAX_CHECKS, &self->fall, error))
    return FALSE;

  self->check = check;
  return TRUE;
}

/* The strings of ARRAY, found at PATH, appended to OUT. */
static gboolean
parse_strings (JsonArray  *array,
               const char *path,
               GPtrArray  *out,
               GError    **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);

      if (!holds (node, G_TYPE_STRING))
        return wrong_type (error, element_path, WANT_STRING, node);

      g_ptr_array_add (out, json_node_dup_string (node));
    }

  return TRUE;
}

/* *HAS_BACKENDS tells whether the file lists the backends itself. */
static gboolean
parse_balancer (JsonObject *root,
                SbScenario *self,
                gboolean   *has_backends,
                GError    **error)
{
  SbBalancer *balancer = &self->balancer;
  JsonObject *object;
  JsonArray *backends;
  int algorithm = balancer->algorithm;
  int mode = balancer->mode;

  *has_backends = FALSE;
  if (!read_object (root, "", "balancer", &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;

  if (!read_enum (object, "balancer", "algorithm", FALSE, sb_algorithm_names,
                  &algorithm, error)
      || !read_enum (object, "balancer", "mode", FALSE, sb_mode_names, &mode, error)
      || !read_array (object, "balancer", "backends", FALSE, &backends, error)
      || (backends != NULL
          && !parse_strings (backends, "balancer.backends", balancer->backends, error))
      || !parse_health_check (object, balancer, error)
      || !read_boolean (object, "balancer", "redispatch", &balancer->redispatch, error)
      || !read_boolean (object, "balancer", "https", &balancer->https, error)
      || !read_string (object, "balancer", "virtual_ip", FALSE, &balancer->virtual_ip, error))
    return FALSE;

  balancer->algorithm = algorithm;
  balancer->mode = mode;
  *has_backends = backends != NULL;
  return TRUE;
}

static gboolean
parse_replication (JsonObject *root,
                   SbScenario *self,
                   GError    **error)
{
  JsonObject *object;

  if (!read_object (root, "", "replication", &object, error))
    return FALSE;

  return object == NULL || read_number (object, "replication", "lag", &self->lag, error);
}

static gboolean
parse_host (JsonObject *object,
            const char *path,
            SbHost     *host,
            GError    **error)
{
  return read_string (object, path, "id", TRUE, &host->id, error)
         && read_string (object, path, "label", TRUE, &host->label, error)
         && read_string (object, path, "ip", FALSE, &host->ip, error)
         && read_string (object, path, "explanation", FALSE, &host->explanation, error);
}

static gboolean
parse_hosts (JsonObject *root,
             SbScenario *self,
             GError    **error)
{
  JsonArray *array;
  guint n;

  if (!read_array (root, "", "hosts", FALSE, &array, error))
    return FALSE;

  n = array != NULL ? json_array_get_length (array) : 0;
  if (!sb_check_count (error, "hosts", n, SB_SCENARIO_MAX_HOSTS))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = NULL;
      JsonObject *object = element_object (array, i, "hosts", &path, error);
      SbHost *host = sb_host_new (NULL, NULL);

      g_ptr_array_add (self->hosts, host);
      if (object == NULL || !parse_host (object, path, host, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_position (JsonObject  *component_object,
                const char  *component_path,
                SbComponent *component,
                GError     **error)
{
  g_autofree char *path = member_path (component_path, "position");
  JsonObject *object;

  if (!read_object (component_object, component_path, "position", &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;

  component->has_position = TRUE;
  if (get_member (object, "x") == NULL || get_member (object, "y") == NULL)
    /* Translators: the first %s is a JSON path such as
     * components[4].position, the other two the key names x and y */
    return sb_fail (error, INVALID, _("%s: needs both \"%s\" and \"%s\""), path, "x", "y");

  return read_number (object, path, "x", &component->x, error)
         && read_number (object, path, "y", &component->y, error);
}

static gboolean
parse_component (JsonObject  *object,
                 const char  *path,
                 SbComponent *component,
                 GError     **error)
{
  int kind = 0;
  int role = -1;

  if (!read_string (object, path, "id", TRUE, &component->id, error)
      || !read_enum (object, path, "kind", TRUE, sb_kind_names, &kind, error)
      || !read_enum (object, path, "role", FALSE, sb_db_role_names, &role, error))
    return FALSE;

  component->kind = kind;
  component->role = role < 0 ? SB_DB_ROLE_NONE : (SbDbRole) (role + SB_DB_ROLE_PRIMARY);

  return read_string (object, path, "host", FALSE, &component->host, error)
         && read_string (object, path, "label", TRUE, &component->label, error)
         && read_string (object, path, "ip", FALSE, &component->ip, error)
         && read_boolean (object, path, "managed", &component->managed, error)
         && parse_position (object, path, component, error)
         && read_string (object, path, "explanation", FALSE, &component->explanation, error);
}

static gboolean
parse_components (JsonObject *root,
                  SbScenario *self,
                  GError    **error)
{
  JsonArray *array;
  guint n;

  if (!read_array (root, "", "components", TRUE, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (!sb_check_count (error, "components", n, SB_SCENARIO_MAX_COMPONENTS))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = NULL;
      JsonObject *object = element_object (array, i, "components", &path, error);
      SbComponent *component = sb_component_new (NULL, SB_KIND_CLIENT, NULL);

      g_ptr_array_add (self->components, component);
      if (object == NULL || !parse_component (object, path, component, error))
        return FALSE;
    }

  return TRUE;
}

/* The lesson script */

static gboolean
parse_question (JsonObject *moment_object,
                const char *moment_path,
                SbMoment   *moment,
                GError    **error)
{
  g_autofree char *path = member_path (moment_path, "question");
  g_autofree char *choices_path = member_path (path, "choices");
  g_autofree char *answer_path = member_path (path, "answer");
  JsonObject *object;
  JsonArray *choices;

  if (!read_object (moment_object, moment_path, "question", &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;

  if (!read_string (object, path, "text", TRUE, &moment->question, error)
      || !read_array (object, path, "choices", TRUE, &choices, error)
      || !parse_strings (choices, choices_path, moment->choices, error))
    return FALSE;
  if (get_member (object, "answer") == NULL)
    return missing (error, answer_path);

  return read_int (object, path, "answer", G_MININT, G_MAXINT, &moment->answer, error);
}

/* "value" names a mode or an algorithm, depending on the action. */
static gboolean
parse_action (JsonObject *object,
              const char *path,
              SbMoment   *moment,
              GError    **error)
{
  int action = -1;
  int value = 0;

  if (!read_enum (object, path, "action", FALSE, sb_script_action_names, &action, error))
    return FALSE;
  moment->action = action < 0 ? SB_SCRIPT_ACTION_NONE
                              : (SbScriptAction) (action + SB_SCRIPT_ACTION_KILL);

  if (sb_script_action_has_target (moment->action))
    return read_string (object, path, "target", FALSE, &moment->target, error);
  if (moment->action != SB_SCRIPT_ACTION_MODE && moment->action != SB_SCRIPT_ACTION_ALGORITHM)
    return TRUE;
  if (get_member (object, "value") == NULL)
    {
      g_autofree char *value_path = member_path (path, "value");
      /* Translators: the first %s is a JSON path such as
       * script.moments[2].value, the second the action (mode or
       * algorithm) that needs it */
      return sb_fail (error, INVALID, _("%s: required but missing (%s needs a value)"),
                      value_path, sb_script_action_to_string (moment->action));
    }
  if (!read_enum (object, path, "value", TRUE,
                  moment->action == SB_SCRIPT_ACTION_MODE ? sb_mode_names : sb_algorithm_names,
                  &value, error))
    return FALSE;

  moment->value = value;
  return TRUE;
}

static gboolean
parse_moment (JsonObject *object,
              const char *path,
              SbMoment   *moment,
              GError    **error)
{
  g_autofree char *time_path = member_path (path, "time");

  if (get_member (object, "time") == NULL)
    return missing (error, time_path);

  return read_number (object, path, "time", &moment->time, error)
         && parse_action (object, path, moment, error)
         && parse_question (object, path, moment, error)
         && read_string (object, path, "reveal", FALSE, &moment->reveal, error);
}

static gboolean
parse_script (JsonObject *root,
              SbScenario *self,
              GError    **error)
{
  g_autoptr(SbScript) script = NULL;
  JsonObject *object;
  JsonArray *array;
  double last = 0;

  if (!read_object (root, "", "script", &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;

  script = sb_script_new ();
  if (!read_number (object, "script", "end", &script->end, error)
      || !read_array (object, "script", "moments", TRUE, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *moment_object = element_object (array, i, "script.moments", &path, error);
      SbMoment *moment = sb_moment_new (0);

      g_ptr_array_add (script->moments, moment);
      if (moment_object == NULL || !parse_moment (moment_object, path, moment, error))
        return FALSE;
      last = moment->time;
    }

  /* Without an end, the lesson plays a little past its last moment. */
  if (get_member (object, "end") == NULL)
    script->end = MIN (last + SB_SCRIPT_DEFAULT_TAIL, SB_SCENARIO_MAX_SECONDS);

  self->script = g_steal_pointer (&script);
  return TRUE;
}

/* Without a "backends" list the load balancer spreads over every host that
 * runs a web server: a host with only a database has nothing to answer. */
static void
default_backends (SbScenario *self)
{
  for (guint i = 0; i < self->hosts->len; i++)
    {
      const SbHost *host = self->hosts->pdata[i];

      if (sb_scenario_find_kind (self, SB_KIND_WEB_SERVER, host->id) != NULL)
        g_ptr_array_add (self->balancer.backends, g_strdup (host->id));
    }
}

static gboolean
finish_balancer (JsonObject *root,
                 SbScenario *self,
                 gboolean    has_backends,
                 GError    **error)
{
  gboolean has_balancer = sb_scenario_find_kind (self, SB_KIND_LOAD_BALANCER, NULL) != NULL;

  /* Settings with nothing to apply to would be dropped on saving. */
  if (!has_balancer && get_member (root, "balancer") != NULL)
    /* Translators: the first %s is a JSON path such as balancer, the
     * second the kind name load_balancer */
    return sb_fail (error, INVALID, _("%s: set, but there is no %s component"), "balancer",
                    sb_kind_to_string (SB_KIND_LOAD_BALANCER));

  if (has_balancer && !has_backends)
    default_backends (self);

  return TRUE;
}

static SbScenario *
parse_scenario (JsonNode *root,
                GError  **error)
{
  g_autoptr(SbScenario) self = sb_scenario_new ();
  JsonObject *object;
  gboolean has_backends;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Translators: %s is the type of value the file holds instead, such
       * as "an array" */
      sb_fail (error, INVALID, _("expected an object at the top level, got %s"),
               node_type_name (root));
      return NULL;
    }

  object = json_node_get_object (root);
  if (!parse_header (object, self, error)
      || !parse_dns (object, self, error)
      || !read_number (object, "", "hop", &self->hop, error)
      || !parse_traffic (object, self, error)
      || !parse_balancer (object, self, &has_backends, error)
      || !parse_replication (object, self, error)
      || !parse_hosts (object, self, error)
      || !parse_components (object, self, error)
      || !finish_balancer (object, self, has_backends, error)
      || !parse_script (object, self, error)
      || !sb_scenario_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Entry points */

static SbScenario *
load_from_data (const char *data,
                gsize       length,
                GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!sb_scenario_check_text (data, length, error)
      || !parse_json (parser, data, length, error))
    return NULL;

  /* The check above refused white space alone, for which json-glib gives
   * no root. */
  root = json_parser_get_root (parser);
  g_return_val_if_fail (root != NULL, NULL);

  return parse_scenario (root, error);
}

SbScenario *
sb_scenario_load_from_data (const char *data,
                            gssize      length,
                            GError    **error)
{
  SbScenario *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  self = load_from_data (data != NULL ? data : "", length, error);

  /* The promise is one line, whatever json-glib wrote. */
  if (self == NULL && error != NULL && *error != NULL)
    g_strdelimit ((*error)->message, "\r\n", ' ');

  return self;
}

static gboolean
read_fd (int          fd,
         GByteArray  *buffer,
         GError     **error)
{
  guint8 chunk[64 * 1024];

  while (buffer->len <= SB_SCENARIO_MAX_FILE_SIZE)
    {
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      g_byte_array_append (buffer, chunk, n);
    }

  /* The file grew while it was read. */
  return sb_scenario_check_size (buffer->len, error);
}

/* Reads at most one byte more than a scenario may have, so a huge file is
 * refused without reading it into memory; anything but a regular file is
 * refused without being read at all (a FIFO would block). */
static GBytes *
read_file (const char *path,
           GError    **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  goffset size;
  gboolean ok;
  int fd;

  if (!sb_file_open_regular (path, &fd, &size, error))
    return NULL;
  if (size > SB_SCENARIO_MAX_FILE_SIZE)
    ok = sb_scenario_check_size (size, error);
  else
    ok = read_fd (fd, buffer, error);
  g_close (fd, NULL);
  return ok ? g_byte_array_free_to_bytes (g_steal_pointer (&buffer)) : NULL;
}

/* Moves LOCAL into ERROR as "FILE: MESSAGE", keeping its domain and code;
 * unlike g_propagate_prefixed_error() the whole message is one format. */
static void
propagate_for_file (GError    **error,
                    GError     *local,
                    const char *file)
{
  g_return_if_fail (local != NULL);

  /* Translators: the first %s is the name of a scenario file, such as
   * one-server.json or /home/ana/my.json, the second what is wrong with it */
  g_set_error (error, local->domain, local->code, _("%s: %s"), file, local->message);
  g_error_free (local);
}

SbScenario *
sb_scenario_load_from_file (const char *path,
                            GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display = NULL;
  SbScenario *self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = read_file (path, &local);
  if (bytes != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      self = sb_scenario_load_from_data (data != NULL ? data : "", length, &local);
    }

  if (self == NULL)
    {
      display = sb_file_display_name (path);
      propagate_for_file (error, g_steal_pointer (&local), display);
    }

  return self;
}

/* Bundled scenarios, in lesson order */

static const char * const bundled_names[] = {
  "one-server", "distributed", "secured-monitored", "scale-up", NULL
};

const char * const *
sb_scenario_bundled_names (void)
{
  return bundled_names;
}

GBytes *
sb_scenario_get_bundled_data (const char *name,
                              GError    **error)
{
  g_autofree char *path = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *list = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The list, not the resource, decides: a name like "../x" never reaches
   * the look-up. */
  if (g_strv_contains (bundled_names, name))
    {
      path = g_strconcat (RESOURCE_BASE "/scenarios/", name, ".json", NULL);
      return g_resource_lookup_data (sb_scenarios_get_resource (), path,
                                     G_RESOURCE_LOOKUP_FLAGS_NONE, error);
    }

  quoted = sb_quote_for_message (name);
  list = g_strjoinv (", ", (char **) bundled_names);
  /* Translators: the first %s is the name asked for in double quotes, the
   * second the names of the scenarios that come with the program, such as
   * "one-server, distributed" */
  sb_fail (error, SB_SCENARIO_ERROR_NOT_FOUND, _("unknown scenario %s (bundled: %s)"),
           quoted, list);
  return NULL;
}

SbScenario *
sb_scenario_load_bundled (const char *name,
                          GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *file = NULL;
  SbScenario *self;
  gsize length;
  const char *data;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = sb_scenario_get_bundled_data (name, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  self = sb_scenario_load_from_data (data, length, &local);
  if (self == NULL)
    {
      file = g_strconcat (name, ".json", NULL);
      propagate_for_file (error, g_steal_pointer (&local), file);
    }

  return self;
}

SbScenario *
sb_scenario_load_by_name_or_path (const char *name_or_path,
                                  GError    **error)
{
  g_return_val_if_fail (name_or_path != NULL, NULL);

  if (g_strv_contains (bundled_names, name_or_path))
    return sb_scenario_load_bundled (name_or_path, error);

  return sb_scenario_load_from_file (name_or_path, error);
}
