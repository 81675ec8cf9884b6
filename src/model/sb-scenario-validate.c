/* sb-scenario-validate.c — the rules a scenario follows, checked on the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks run on the model rather than on the JSON tree so that code
 * which changes a scenario (command-line overrides, the settings panel)
 * gets the same rules and the same messages as a file.  Paths are the ones
 * the value has in the saved file, and the checks run in file order, so the
 * first problem reported is the first one a reader meets.
 */
#include "config.h"

#include <math.h>

#include "sb-scenario-private.h"

#define INVALID SB_SCENARIO_ERROR_INVALID

/* "components[511].explanation" and the like fit easily. */
typedef struct {
  char text[64];
} Path;

static const char *
path_of (Path       *path,
         const char *array,
         guint       i,
         const char *key)
{
  if (key != NULL)
    g_snprintf (path->text, sizeof path->text, "%s[%u].%s", array, i, key);
  else
    g_snprintf (path->text, sizeof path->text, "%s[%u]", array, i);

  return path->text;
}

gboolean
sb_check_int (GError    **error,
              const char *path,
              gint64      value,
              gint64      min,
              gint64      max)
{
  if (value < min)
    return sb_fail (error, INVALID, path,
                    "%" G_GINT64_FORMAT " is less than %" G_GINT64_FORMAT, value, min);
  if (value > max)
    return sb_fail (error, INVALID, path,
                    "%" G_GINT64_FORMAT " is more than %" G_GINT64_FORMAT, value, max);

  return TRUE;
}

gboolean
sb_check_count (GError    **error,
                const char *key,
                guint       count,
                guint       max)
{
  if (count <= max)
    return TRUE;

  return sb_fail (error, INVALID, key, "%u %s, more than the %u a scenario may have",
                  count, key, max);
}

/* VALUE must be finite and within MIN..MAX, and above 0 when POSITIVE. */
static gboolean
check_range (GError    **error,
             const char *path,
             double      value,
             gboolean    positive,
             double      min,
             double      max)
{
  g_autofree char *text = sb_format_number (value);
  g_autofree char *limit = NULL;

  if (!isfinite (value))
    return sb_fail (error, INVALID, path, "%s is not a finite number", text);
  if (positive && value <= 0)
    return sb_fail (error, INVALID, path, "%s is not greater than 0", text);
  if (value < 0 && min == 0)
    return sb_fail (error, INVALID, path, "%s is negative", text);

  if (value < min)
    {
      limit = sb_format_number (min);
      return sb_fail (error, INVALID, path, "%s is less than %s", text, limit);
    }
  if (value > max)
    {
      limit = sb_format_number (max);
      return sb_fail (error, INVALID, path, "%s is more than %s", text, limit);
    }

  return TRUE;
}

static gboolean
check_ratio (GError    **error,
             const char *path,
             double      value)
{
  g_autofree char *text = NULL;

  if (value >= 0 && value <= 1)  /* false for NaN too */
    return TRUE;

  text = sb_format_number (value);
  return sb_fail (error, INVALID, path, "%s is not between 0 and 1", text);
}

/* Guards the saver against values no enum name stands for. */
static gboolean
check_enum (GError    **error,
            const char *path,
            int         value,
            int         n_values)
{
  if (value >= 0 && value < n_values)
    return TRUE;

  return sb_fail (error, INVALID, path, "unknown value %d", value);
}

/* TEXT must be UTF-8 of at most MAX characters, and non-empty when REQUIRED.
 * WHAT names the kind of text in the message ("a text", "an id"). */
static gboolean
check_text (GError    **error,
            const char *path,
            const char *text,
            gboolean    required,
            glong       max,
            const char *what)
{
  glong length;

  if (text == NULL && required)
    return sb_fail (error, INVALID, path, "required but missing");
  if (text == NULL || (*text == '\0' && !required))
    return TRUE;
  if (*text == '\0')
    return sb_fail (error, INVALID, path, "must not be empty");
  if (!g_utf8_validate (text, -1, NULL))
    return sb_fail (error, INVALID, path, "not valid UTF-8");

  length = g_utf8_strlen (text, -1);
  if (length > max)
    return sb_fail (error, INVALID, path, "%ld characters, more than the %ld %s may have",
                    length, max, what);

  return TRUE;
}

/* Ids end up in command lines (--kill web-1@5), configuration files and
 * messages, so they keep to characters that need no quoting anywhere. */
static gboolean
check_id (GError    **error,
          const char *path,
          const char *id)
{
  g_autofree char *quoted = NULL;

  if (!check_text (error, path, id, TRUE, SB_SCENARIO_MAX_ID, "an id"))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      {
        quoted = sb_quote_for_message (id);
        return sb_fail (error, INVALID, path,
                        "%s may only hold letters, digits, '-', '_' and '.'", quoted);
      }

  return TRUE;
}

static gboolean
check_ip (GError    **error,
          const char *path,
          const char *ip)
{
  g_autofree char *quoted = NULL;

  if (ip == NULL)
    return TRUE;
  if (!check_text (error, path, ip, TRUE, SB_SCENARIO_MAX_ID, "an IP address"))
    return FALSE;
  if (g_hostname_is_ip_address (ip))
    return TRUE;

  quoted = sb_quote_for_message (ip);
  return sb_fail (error, INVALID, path, "%s is not an IP address", quoted);
}

/* Hosts and components share one id space: SEEN maps each id to the
 * element that used it first. */
static gboolean
check_unique (GError    **error,
              GHashTable *seen,
              const char *array,
              guint       i,
              const char *id)
{
  g_autofree char *quoted = NULL;
  const char *first = g_hash_table_lookup (seen, id);
  Path path;

  if (first != NULL)
    {
      quoted = sb_quote_for_message (id);
      return sb_fail (error, INVALID, path_of (&path, array, i, "id"),
                      "duplicate id %s (already used by %s)", quoted, first);
    }

  g_hash_table_insert (seen, g_strdup (id), g_strdup (path_of (&path, array, i, NULL)));
  return TRUE;
}

/* Settings */

static gboolean
check_header (const SbScenario *self,
              GError          **error)
{
  return check_id (error, "name", self->name)
         && check_text (error, "title", self->title, TRUE, SB_SCENARIO_MAX_TEXT, "a text")
         && check_text (error, "summary", self->summary, FALSE, SB_SCENARIO_MAX_TEXT, "a text");
}

static gboolean
check_traffic (const SbTraffic *traffic,
               GError         **error)
{
  if (traffic->seed > G_MAXINT64)
    return sb_fail (error, INVALID, "traffic.seed",
                    "%" G_GUINT64_FORMAT " is more than %" G_GINT64_FORMAT,
                    traffic->seed, G_MAXINT64);

  return check_range (error, "traffic.rate", traffic->rate, TRUE, 0, SB_SCENARIO_MAX_RATE)
         && check_ratio (error, "traffic.read_ratio", traffic->read_ratio)
         && sb_check_int (error, "traffic.clients", traffic->clients, 1, SB_SCENARIO_MAX_CLIENTS)
         && check_enum (error, "traffic.arrival", traffic->arrival, 2);
}

static gboolean
check_balancer_settings (const SbBalancer *balancer,
                         GError          **error)
{
  const char *interval = "balancer.health_check.interval";

  return check_enum (error, "balancer.algorithm", balancer->algorithm, 3)
         && check_enum (error, "balancer.mode", balancer->mode, 2)
         && check_enum (error, "balancer.health_check.type", balancer->check, 2)
         && check_range (error, interval, balancer->interval, TRUE,
                         SB_SCENARIO_MIN_STEP, SB_SCENARIO_MAX_SECONDS)
         && sb_check_int (error, "balancer.health_check.rise", balancer->rise,
                          1, SB_SCENARIO_MAX_CHECKS)
         && sb_check_int (error, "balancer.health_check.fall", balancer->fall,
                          1, SB_SCENARIO_MAX_CHECKS);
}

static gboolean
check_settings (const SbScenario *self,
                GError          **error)
{
  return check_text (error, "dns.name", self->dns_name, TRUE, SB_SCENARIO_MAX_TEXT, "a text")
         && check_range (error, "dns.ttl", self->ttl, FALSE, 0, SB_SCENARIO_MAX_SECONDS)
         && check_range (error, "hop", self->hop, TRUE,
                         SB_SCENARIO_MIN_STEP, SB_SCENARIO_MAX_SECONDS)
         && check_traffic (&self->traffic, error)
         && check_balancer_settings (&self->balancer, error)
         && check_range (error, "replication.lag", self->lag, FALSE, 0, SB_SCENARIO_MAX_SECONDS);
}

/* Hosts */

static gboolean
check_host (const SbScenario *self,
            guint             i,
            GHashTable       *seen,
            GError          **error)
{
  const SbHost *host = self->hosts->pdata[i];
  Path path;

  return check_id (error, path_of (&path, "hosts", i, "id"), host->id)
         && check_unique (error, seen, "hosts", i, host->id)
         && check_text (error, path_of (&path, "hosts", i, "label"), host->label,
                        TRUE, SB_SCENARIO_MAX_TEXT, "a text")
         && check_ip (error, path_of (&path, "hosts", i, "ip"), host->ip)
         && check_text (error, path_of (&path, "hosts", i, "explanation"), host->explanation,
                        FALSE, SB_SCENARIO_MAX_TEXT, "a text");
}

/* Components */

static gboolean
check_role (const SbComponent *component,
            guint              i,
            GError           **error)
{
  gboolean database = component->kind == SB_KIND_DATABASE;
  Path path;

  path_of (&path, "components", i, "role");
  if (database && component->role == SB_DB_ROLE_NONE)
    return sb_fail (error, INVALID, path.text,
                    "required but missing (a database is \"primary\" or \"replica\")");
  if (!database && component->role != SB_DB_ROLE_NONE)
    return sb_fail (error, INVALID, path.text, "only a database has a role, not a %s",
                    sb_kind_to_string (component->kind));

  return check_enum (error, path.text, component->role, SB_DB_ROLE_REPLICA + 1);
}

/* What runs the site lives on a server; what the visitor uses does not. */
static gboolean
kind_needs_host (SbKind kind)
{
  return kind == SB_KIND_WEB_SERVER || kind == SB_KIND_APP_SERVER
         || kind == SB_KIND_CODE || kind == SB_KIND_DATABASE;
}

static gboolean
check_component_host (const SbScenario  *self,
                      const SbComponent *component,
                      guint              i,
                      GError           **error)
{
  g_autofree char *quoted = NULL;
  const char *kind = sb_kind_to_string (component->kind);
  Path path;

  path_of (&path, "components", i, "host");
  if (component->host == NULL && kind_needs_host (component->kind))
    return sb_fail (error, INVALID, path.text,
                    "required but missing (every %s runs on a host)", kind);
  if (component->host == NULL)
    return TRUE;
  if (component->kind == SB_KIND_CLIENT)
    return sb_fail (error, INVALID, path.text, "a client does not run on a host");
  if (sb_scenario_find_host (self, component->host) != NULL)
    return TRUE;

  quoted = sb_quote_for_message (component->host);
  return sb_fail (error, INVALID, path.text, "unknown host %s", quoted);
}

static gboolean
check_position (const SbComponent *component,
                guint              i,
                GError           **error)
{
  Path path;

  if (!component->has_position)
    return TRUE;

  return check_range (error, path_of (&path, "components", i, "position.x"), component->x,
                      FALSE, -G_MAXDOUBLE, G_MAXDOUBLE)
         && check_range (error, path_of (&path, "components", i, "position.y"), component->y,
                         FALSE, -G_MAXDOUBLE, G_MAXDOUBLE);
}

static gboolean
check_component (const SbScenario *self,
                 guint             i,
                 GHashTable       *seen,
                 GError          **error)
{
  const SbComponent *component = self->components->pdata[i];
  Path path;

  return check_id (error, path_of (&path, "components", i, "id"), component->id)
         && check_unique (error, seen, "components", i, component->id)
         && check_enum (error, path_of (&path, "components", i, "kind"), component->kind, SB_KIND_N)
         && check_role (component, i, error)
         && check_component_host (self, component, i, error)
         && check_text (error, path_of (&path, "components", i, "label"), component->label,
                        TRUE, SB_SCENARIO_MAX_TEXT, "a text")
         && check_ip (error, path_of (&path, "components", i, "ip"), component->ip)
         && check_position (component, i, error)
         && check_text (error, path_of (&path, "components", i, "explanation"),
                        component->explanation, FALSE, SB_SCENARIO_MAX_TEXT, "a text");
}

static gboolean
check_elements (const SbScenario *self,
                GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!sb_check_count (error, "hosts", self->hosts->len, SB_SCENARIO_MAX_HOSTS)
      || !sb_check_count (error, "components", self->components->len, SB_SCENARIO_MAX_COMPONENTS))
    return FALSE;

  for (guint i = 0; i < self->hosts->len; i++)
    if (!check_host (self, i, seen, error))
      return FALSE;

  for (guint i = 0; i < self->components->len; i++)
    if (!check_component (self, i, seen, error))
      return FALSE;

  return TRUE;
}

/* Structure: what the routing derived from kinds and hosts relies on */

static gboolean
second_one (GError           **error,
            guint              i,
            const char        *key,
            const SbComponent *component,
            const char        *what,
            const char        *why)
{
  g_autofree char *quoted = sb_quote_for_message (component->id);
  Path path;

  return sb_fail (error, INVALID, path_of (&path, "components", i, key),
                  "a second %s (%s); %s", what, quoted, why);
}

/* The one DNS answers for the one name, the one load balancer holds the
 * public address, and without it a client can reach one web server only. */
static gboolean
check_singles (const SbScenario *self,
               GError          **error)
{
  gboolean has_balancer = sb_scenario_find_kind (self, SB_KIND_LOAD_BALANCER, NULL) != NULL;
  guint count[SB_KIND_N] = { 0 };
  guint primaries = 0;

  for (guint i = 0; i < self->components->len; i++)
    {
      const SbComponent *c = self->components->pdata[i];
      guint n = ++count[c->kind];

      if (c->kind == SB_KIND_DNS && n > 1)
        return second_one (error, i, "kind", c, "dns", "a scenario has at most one");
      if (c->kind == SB_KIND_LOAD_BALANCER && n > 1)
        return second_one (error, i, "kind", c, "load_balancer", "a scenario has at most one");
      if (c->kind == SB_KIND_WEB_SERVER && n > 1 && !has_balancer)
        return second_one (error, i, "kind", c, "web_server",
                           "two web servers need a load_balancer in front of them");
      if (c->role == SB_DB_ROLE_PRIMARY && ++primaries > 1)
        return second_one (error, i, "role", c, "primary", "only one database takes the writes");
    }

  if (count[SB_KIND_CLIENT] == 0)
    return sb_fail (error, INVALID, "components",
                    "no client; a scenario needs at least one component of kind \"client\"");

  return TRUE;
}

static gboolean
check_replicas (const SbScenario *self,
                GError          **error)
{
  gboolean has_primary = FALSE;
  int replica = -1;
  Path path;

  for (guint i = 0; i < self->components->len; i++)
    {
      const SbComponent *c = self->components->pdata[i];

      has_primary |= c->role == SB_DB_ROLE_PRIMARY;
      if (c->role == SB_DB_ROLE_REPLICA && replica < 0)
        replica = i;
    }

  if (replica < 0 || has_primary)
    return TRUE;

  return sb_fail (error, INVALID, path_of (&path, "components", replica, "role"),
                  "a replica needs a primary to copy from, and there is none");
}

static gboolean
check_backend (const SbScenario *self,
               guint             i,
               GError          **error)
{
  GPtrArray *backends = self->balancer.backends;
  const char *id = backends->pdata[i];
  g_autofree char *quoted = sb_quote_for_message (id);
  Path path;

  path_of (&path, "balancer.backends", i, NULL);
  if (id == NULL || sb_scenario_find_host (self, id) == NULL)
    return sb_fail (error, INVALID, path.text, "unknown host %s", quoted);

  for (guint j = 0; j < i; j++)
    if (strcmp (backends->pdata[j], id) == 0)
      return sb_fail (error, INVALID, path.text, "%s is listed twice", quoted);

  if (sb_scenario_find_kind (self, SB_KIND_WEB_SERVER, id) == NULL)
    return sb_fail (error, INVALID, path.text,
                    "host %s has no web_server to pass requests to", quoted);

  return TRUE;
}

static gboolean
check_backends (const SbScenario *self,
                GError          **error)
{
  guint n = self->balancer.backends->len;

  if (sb_scenario_find_kind (self, SB_KIND_LOAD_BALANCER, NULL) == NULL)
    return n == 0 || sb_fail (error, INVALID, "balancer.backends",
                              "set, but there is no load_balancer component");
  if (n == 0)
    return sb_fail (error, INVALID, "balancer.backends",
                    "empty; the load balancer needs at least one backend");

  for (guint i = 0; i < n; i++)
    if (!check_backend (self, i, error))
      return FALSE;

  return TRUE;
}

gboolean
sb_scenario_validate (const SbScenario *self,
                      GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_header (self, error)
         && check_settings (self, error)
         && check_elements (self, error)
         && check_singles (self, error)
         && check_replicas (self, error)
         && check_backends (self, error);
}
