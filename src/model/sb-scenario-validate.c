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

#include <arpa/inet.h>
#include <math.h>

#include <glib/gi18n-lib.h>

#include "sb-scenario-private.h"

#define INVALID SB_SCENARIO_ERROR_INVALID

/* Every message starts with the JSON path of the value it is about, such as
 * components[4].host, passed as the first %s so that translators can move
 * it; kind names, key names and quoted values are arguments too.
 *
 * "components[511].explanation" and the like fit easily. */
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
  /* long long rather than G_GINT64_FORMAT, which xgettext cannot read. */
  if (value < min)
    /* Translators: the first %s is a JSON path such as traffic.clients,
     * then the value and the smallest allowed */
    return sb_fail (error, INVALID, _("%s: %lld is less than %lld"),
                    path, (long long) value, (long long) min);
  if (value > max)
    /* Translators: the first %s is a JSON path such as traffic.clients,
     * then the value and the largest allowed */
    return sb_fail (error, INVALID, _("%s: %lld is more than %lld"),
                    path, (long long) value, (long long) max);

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

  /* One whole sentence per list, the key is also the path. */
  if (strcmp (key, "hosts") == 0)
    /* Translators: the first %s is the JSON key "hosts", then the number of
     * hosts in the file and the most a scenario may have */
    return sb_fail (error, INVALID, _("%s: %u hosts, more than the %u a scenario may have"),
                    key, count, max);

  /* Translators: the first %s is the JSON key "components", then the
   * number of components in the file and the most a scenario may have */
  return sb_fail (error, INVALID, _("%s: %u components, more than the %u a scenario may have"),
                  key, count, max);
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
    /* Translators: the first %s is a JSON path such as dns.ttl, the second
     * the number found there, such as inf or nan */
    return sb_fail (error, INVALID, _("%s: %s is not a finite number"), path, text);
  if (positive && value <= 0)
    /* Translators: the first %s is a JSON path such as traffic.rate, the
     * second the number found there */
    return sb_fail (error, INVALID, _("%s: %s is not greater than 0"), path, text);
  if (value < 0 && min == 0)
    /* Translators: the first %s is a JSON path such as dns.ttl, the second
     * the number found there */
    return sb_fail (error, INVALID, _("%s: %s is negative"), path, text);

  if (value < min)
    {
      limit = sb_format_number (min);
      /* Translators: a JSON path such as hop, the value found there and
       * the smallest allowed */
      return sb_fail (error, INVALID, _("%s: %s is less than %s"), path, text, limit);
    }
  if (value > max)
    {
      limit = sb_format_number (max);
      /* Translators: a JSON path such as hop, the value found there and
       * the largest allowed */
      return sb_fail (error, INVALID, _("%s: %s is more than %s"), path, text, limit);
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
  /* Translators: the first %s is a JSON path such as traffic.read_ratio,
   * the second the number found there */
  return sb_fail (error, INVALID, _("%s: %s is not between 0 and 1"), path, text);
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

  /* Translators: %s is a JSON path such as balancer.mode, %d the number
   * held by a setting changed in code, which names no known value */
  return sb_fail (error, INVALID, _("%s: unknown value %d"), path, value);
}

/* What a text is, for the message about its length. */
typedef enum {
  TEXT_TEXT,
  TEXT_ID,
  TEXT_IP,
} TextKind;

static gboolean
text_too_long (GError    **error,
               const char *path,
               glong       length,
               glong       max,
               TextKind    what)
{
  switch (what)
    {
    case TEXT_ID:
      /* Translators: a JSON path such as hosts[0].id, then the length of
       * the id and the most characters an id may have */
      return sb_fail (error, INVALID, _("%s: %ld characters, more than the %ld an id may have"),
                      path, length, max);
    case TEXT_IP:
      return sb_fail (error, INVALID,
                      /* Translators: a JSON path such as hosts[0].ip, then
                       * the length of the address and the most characters
                       * it may have */
                      _("%s: %ld characters, more than the %ld an IP address may have"),
                      path, length, max);
    case TEXT_TEXT:
    default:
      /* Translators: a JSON path such as components[4].label, then the
       * length of the text and the most characters a text may have */
      return sb_fail (error, INVALID, _("%s: %ld characters, more than the %ld a text may have"),
                      path, length, max);
    }
}

/* TEXT must be UTF-8 of at most MAX characters, and non-empty when REQUIRED.
 * WHAT names the kind of text in the message. */
static gboolean
check_text (GError    **error,
            const char *path,
            const char *text,
            gboolean    required,
            glong       max,
            TextKind    what)
{
  glong length;

  if (text == NULL && required)
    /* Translators: %s is a JSON path such as components[4].label */
    return sb_fail (error, INVALID, _("%s: required but missing"), path);
  if (text == NULL || (*text == '\0' && !required))
    return TRUE;
  if (*text == '\0')
    /* Translators: %s is a JSON path such as components[4].label */
    return sb_fail (error, INVALID, _("%s: must not be empty"), path);
  if (!g_utf8_validate (text, -1, NULL))
    /* Translators: %s is a JSON path such as components[4].label */
    return sb_fail (error, INVALID, _("%s: not valid UTF-8"), path);

  length = g_utf8_strlen (text, -1);
  if (length > max)
    return text_too_long (error, path, length, max, what);

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

  if (!check_text (error, path, id, TRUE, SB_SCENARIO_MAX_ID, TEXT_ID))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      {
        quoted = sb_quote_for_message (id);
        return sb_fail (error, INVALID,
                        /* Translators: the first %s is a JSON path such as
                         * hosts[0].id, the second the id in double quotes */
                        _("%s: %s may only hold letters, digits, '-', '_' and '.'"),
                        path, quoted);
      }

  return TRUE;
}

/* A plain IPv4 or IPv6 literal and nothing else: g_hostname_is_ip_address()
 * also takes an IPv6 zone ("fe80::1%eth0"), with any text after the '%',
 * newlines included, which would then reach the configuration files. */
gboolean
sb_ip_is_valid (const char *ip)
{
  guint8 address[16];

  return ip != NULL
         && (inet_pton (AF_INET, ip, address) == 1 || inet_pton (AF_INET6, ip, address) == 1);
}

gboolean
sb_ip_is_ipv6 (const char *ip)
{
  guint8 address[16];

  return ip != NULL && inet_pton (AF_INET6, ip, address) == 1;
}

static gboolean
check_ip (GError    **error,
          const char *path,
          const char *ip)
{
  g_autofree char *quoted = NULL;

  if (ip == NULL)
    return TRUE;
  if (!check_text (error, path, ip, TRUE, SB_SCENARIO_MAX_ID, TEXT_IP))
    return FALSE;
  if (sb_ip_is_valid (ip))
    return TRUE;

  quoted = sb_quote_for_message (ip);
  /* Translators: the first %s is a JSON path such as hosts[0].ip, the
   * second the value in double quotes */
  return sb_fail (error, INVALID, _("%s: %s is not an IP address"), path, quoted);
}

/* RFC 1123 (2.1) host names, the letters-digits-hyphen labels of RFC 952
 * that may start with a digit: what a DNS zone, Nginx's server_name and a
 * certificate file name can all hold as they are. */
gboolean
sb_host_name_is_valid (const char *name)
{
  gsize label = 0;
  const char *p;

  if (name == NULL || strlen (name) > SB_SCENARIO_MAX_HOST_NAME)
    return FALSE;
  for (p = name; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          if (label == 0 || p[-1] == '-')
            return FALSE;
          label = 0;
        }
      else if (g_ascii_isalnum (*p) || (*p == '-' && label > 0))
        {
          if (++label > 63)
            return FALSE;
        }
      else
        return FALSE;
    }
  return label > 0 && p[-1] != '-';
}

static gboolean
check_host_name (GError    **error,
                 const char *path,
                 const char *name)
{
  g_autofree char *quoted = NULL;

  if (!check_text (error, path, name, TRUE, SB_SCENARIO_MAX_TEXT, TEXT_TEXT))
    return FALSE;
  if (sb_host_name_is_valid (name))
    return TRUE;

  quoted = sb_quote_for_message (name);
  return sb_fail (error, INVALID,
                  /* Translators: the first %s is a JSON path (dns.name), the
                   * second the value in double quotes, the last the most
                   * characters a host name may have */
                  _("%s: %s is not a host name (labels of letters, digits and '-', "
                    "1 to 63 characters each, joined by dots, at most %d in all)"),
                  path, quoted, SB_SCENARIO_MAX_HOST_NAME);
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
      /* Translators: the first %s is a JSON path such as components[4].id,
       * the second the id in double quotes, the third the JSON path of the
       * element that uses it first, such as hosts[0] */
      return sb_fail (error, INVALID, _("%s: duplicate id %s (already used by %s)"),
                      path_of (&path, array, i, "id"), quoted, first);
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
         && check_text (error, "title", self->title, TRUE, SB_SCENARIO_MAX_TEXT, TEXT_TEXT)
         && check_text (error, "summary", self->summary, FALSE, SB_SCENARIO_MAX_TEXT, TEXT_TEXT);
}

static gboolean
check_traffic (const SbTraffic *traffic,
               GError         **error)
{
  if (traffic->seed > G_MAXINT64)
    /* Translators: a JSON path (traffic.seed), the value found there and
     * the largest allowed */
    return sb_fail (error, INVALID, _("%s: %llu is more than %lld"), "traffic.seed",
                    (unsigned long long) traffic->seed, (long long) G_MAXINT64);

  return check_range (error, "traffic.rate", traffic->rate, TRUE,
                      SB_SCENARIO_MIN_RATE, SB_SCENARIO_MAX_RATE)
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
  return check_host_name (error, "dns.name", self->dns_name)
         && check_range (error, "dns.ttl", self->ttl, FALSE, 0, SB_SCENARIO_MAX_SECONDS)
         && check_range (error, "hop", self->hop, TRUE,
                         SB_SCENARIO_MIN_STEP, SB_SCENARIO_MAX_SECONDS)
         && check_traffic (&self->traffic, error)
         && check_balancer_settings (&self->balancer, error)
         && check_ip (error, "balancer.virtual_ip", self->balancer.virtual_ip)
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
                        TRUE, SB_SCENARIO_MAX_TEXT, TEXT_TEXT)
         && check_ip (error, path_of (&path, "hosts", i, "ip"), host->ip)
         && check_text (error, path_of (&path, "hosts", i, "explanation"), host->explanation,
                        FALSE, SB_SCENARIO_MAX_TEXT, TEXT_TEXT);
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
    /* Translators: the first %s is a JSON path such as components[4].role,
     * the other two the role names "primary" and "replica", kept in English
     * because they are what the file must say */
    return sb_fail (error, INVALID, _("%s: required but missing (a database is \"%s\" or \"%s\")"),
                    path.text, sb_db_role_to_string (SB_DB_ROLE_PRIMARY),
                    sb_db_role_to_string (SB_DB_ROLE_REPLICA));
  if (!database && component->role != SB_DB_ROLE_NONE)
    /* Translators: the first %s is a JSON path such as components[4].role,
     * the second the component's kind as the file spells it, such as
     * web_server */
    return sb_fail (error, INVALID, _("%s: only a database has a role, not a %s"),
                    path.text, sb_kind_to_string (component->kind));

  return check_enum (error, path.text, component->role, SB_DB_ROLE_REPLICA + 1);
}

/* What runs the site lives on a server; what the visitor uses does not. */
static gboolean
kind_needs_host (SbKind kind)
{
  return kind == SB_KIND_WEB_SERVER || kind == SB_KIND_APP_SERVER
         || kind == SB_KIND_CODE || kind == SB_KIND_DATABASE
         || kind == SB_KIND_FIREWALL || kind == SB_KIND_MONITORING_AGENT;
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
    /* Translators: the first %s is a JSON path such as components[4].host,
     * the second a component kind as the file spells it, such as
     * web_server */
    return sb_fail (error, INVALID, _("%s: required but missing (every %s runs on a host)"),
                    path.text, kind);
  if (component->host == NULL)
    return TRUE;
  if (component->kind == SB_KIND_CLIENT)
    /* Translators: %s is a JSON path such as components[0].host */
    return sb_fail (error, INVALID, _("%s: a client does not run on a host"), path.text);
  if (sb_scenario_find_host (self, component->host) != NULL)
    return TRUE;

  quoted = sb_quote_for_message (component->host);
  /* Translators: the first %s is a JSON path such as components[4].host or
   * balancer.backends[1], the second a host id in double quotes */
  return sb_fail (error, INVALID, _("%s: unknown host %s"), path.text, quoted);
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
                      FALSE, -SB_SCENARIO_MAX_COORD, SB_SCENARIO_MAX_COORD)
         && check_range (error, path_of (&path, "components", i, "position.y"), component->y,
                         FALSE, -SB_SCENARIO_MAX_COORD, SB_SCENARIO_MAX_COORD);
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
                        TRUE, SB_SCENARIO_MAX_TEXT, TEXT_TEXT)
         && check_ip (error, path_of (&path, "components", i, "ip"), component->ip)
         && check_position (component, i, error)
         && check_text (error, path_of (&path, "components", i, "explanation"),
                        component->explanation, FALSE, SB_SCENARIO_MAX_TEXT, TEXT_TEXT);
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

/* Why a component is one too many. */
typedef enum {
  SECOND_AT_MOST_ONE,   /* a second dns or load_balancer */
  SECOND_WEB_SERVER,    /* a second web_server without a load_balancer */
  SECOND_PRIMARY,       /* a second primary database */
  SECOND_BALANCER,      /* a second load_balancer without a virtual IP */
  SECOND_ON_HOST,       /* a second firewall on one host */
} Second;

static gboolean
second_one (GError           **error,
            guint              i,
            const SbComponent *component,
            Second             why)
{
  g_autofree char *quoted = sb_quote_for_message (component->id);
  const char *kind = sb_kind_to_string (component->kind);
  Path path;

  switch (why)
    {
    case SECOND_WEB_SERVER:
      return sb_fail (error, INVALID,
                      /* Translators: the first %s is a JSON path such as
                       * components[5].kind, the second the kind web_server,
                       * the third the component's id in double quotes, the
                       * fourth the kind load_balancer */
                      _("%s: a second %s (%s); two web servers need a %s in front of them"),
                      path_of (&path, "components", i, "kind"), kind, quoted,
                      sb_kind_to_string (SB_KIND_LOAD_BALANCER));
    case SECOND_PRIMARY:
      /* Translators: the first %s is a JSON path such as components[7].role,
       * the second the role name primary, the third the component's id in
       * double quotes */
      return sb_fail (error, INVALID, _("%s: a second %s (%s); only one database takes the writes"),
                      path_of (&path, "components", i, "role"),
                      sb_db_role_to_string (SB_DB_ROLE_PRIMARY), quoted);
    case SECOND_BALANCER:
      return sb_fail (error, INVALID,
                      /* Translators: the first %s is a JSON path such as
                       * components[5].kind, the second the kind
                       * load_balancer, the third the component's id in
                       * double quotes, the fourth the JSON path
                       * balancer.virtual_ip */
                      _("%s: a second %s (%s); a cluster of load balancers needs %s to share"),
                      path_of (&path, "components", i, "kind"), kind, quoted,
                      "balancer.virtual_ip");
    case SECOND_ON_HOST:
      /* Translators: the first %s is a JSON path such as components[5].host,
       * the second a component kind such as firewall, the third the
       * component's id in double quotes */
      return sb_fail (error, INVALID, _("%s: a second %s (%s) on the same host"),
                      path_of (&path, "components", i, "host"), kind, quoted);
    case SECOND_AT_MOST_ONE:
    default:
      /* Translators: the first %s is a JSON path such as components[5].kind,
       * the second a component kind such as dns or load_balancer, the
       * third the component's id in double quotes */
      return sb_fail (error, INVALID, _("%s: a second %s (%s); a scenario has at most one"),
                      path_of (&path, "components", i, "kind"), kind, quoted);
    }
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

      if ((c->kind == SB_KIND_DNS || c->kind == SB_KIND_MONITORING) && n > 1)
        return second_one (error, i, c, SECOND_AT_MOST_ONE);
      if (c->kind == SB_KIND_LOAD_BALANCER && n > 1 && self->balancer.virtual_ip == NULL)
        return second_one (error, i, c, SECOND_BALANCER);
      if (c->kind == SB_KIND_FIREWALL
          && sb_scenario_find_kind (self, SB_KIND_FIREWALL, c->host) != c)
        return second_one (error, i, c, SECOND_ON_HOST);
      if (c->kind == SB_KIND_WEB_SERVER && n > 1 && !has_balancer)
        return second_one (error, i, c, SECOND_WEB_SERVER);
      if (c->role == SB_DB_ROLE_PRIMARY && ++primaries > 1)
        return second_one (error, i, c, SECOND_PRIMARY);
    }

  if (count[SB_KIND_MONITORING_AGENT] > 0 && count[SB_KIND_MONITORING] == 0)
    return sb_fail (error, INVALID,
                    /* Translators: the first %s is the JSON key "components",
                     * the second and third kind names, kept in English */
                    _("%s: a %s has no %s to report to"), "components",
                    sb_kind_to_string (SB_KIND_MONITORING_AGENT),
                    sb_kind_to_string (SB_KIND_MONITORING));
  if (self->balancer.virtual_ip != NULL && count[SB_KIND_LOAD_BALANCER] == 0)
    /* Translators: the first %s is the JSON path balancer.virtual_ip, the
     * second the kind name load_balancer */
    return sb_fail (error, INVALID, _("%s: set, but there is no %s component"),
                    "balancer.virtual_ip", sb_kind_to_string (SB_KIND_LOAD_BALANCER));

  if (count[SB_KIND_CLIENT] == 0)
    return sb_fail (error, INVALID,
                    /* Translators: the first %s is the JSON key "components",
                     * the second the kind name client, kept in English
                     * because the file must say it */
                    _("%s: no client; a scenario needs at least one component of kind \"%s\""),
                    "components", sb_kind_to_string (SB_KIND_CLIENT));

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

  return sb_fail (error, INVALID,
                  /* Translators: %s is a JSON path such as components[7].role */
                  _("%s: a replica needs a primary to copy from, and there is none"),
                  path_of (&path, "components", replica, "role"));
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
    return sb_fail (error, INVALID, _("%s: unknown host %s"), path.text, quoted);

  for (guint j = 0; j < i; j++)
    if (strcmp (backends->pdata[j], id) == 0)
      /* Translators: the first %s is a JSON path such as
       * balancer.backends[1], the second a host id in double quotes */
      return sb_fail (error, INVALID, _("%s: %s is listed twice"), path.text, quoted);

  if (sb_scenario_find_kind (self, SB_KIND_WEB_SERVER, id) == NULL)
    /* Translators: the first %s is a JSON path such as
     * balancer.backends[1], the second a host id in double quotes, the
     * third the kind name web_server */
    return sb_fail (error, INVALID, _("%s: host %s has no %s to pass requests to"),
                    path.text, quoted, sb_kind_to_string (SB_KIND_WEB_SERVER));

  return TRUE;
}

static gboolean
check_backends (const SbScenario *self,
                GError          **error)
{
  guint n = self->balancer.backends->len;

  if (sb_scenario_find_kind (self, SB_KIND_LOAD_BALANCER, NULL) == NULL)
    /* Translators: the first %s is a JSON path such as balancer.backends,
     * the second the kind name load_balancer */
    return n == 0 || sb_fail (error, INVALID, _("%s: set, but there is no %s component"),
                              "balancer.backends", sb_kind_to_string (SB_KIND_LOAD_BALANCER));
  if (n == 0)
    /* Translators: %s is the JSON path balancer.backends */
    return sb_fail (error, INVALID, _("%s: empty; the load balancer needs at least one backend"),
                    "balancer.backends");

  for (guint i = 0; i < n; i++)
    if (!check_backend (self, i, error))
      return FALSE;

  return TRUE;
}

/* The lesson script */

/* "script.moments[I].KEY" */
static const char *
moment_path (Path       *path,
             guint       i,
             const char *key)
{
  return path_of (path, "script.moments", i, key);
}

static gboolean
check_target (const SbScenario *self,
              const SbMoment   *moment,
              guint             i,
              GError          **error)
{
  const char *action = sb_script_action_to_string (moment->action);
  const SbComponent *component;
  g_autofree char *quoted = NULL;
  Path path;

  moment_path (&path, i, "target");
  if (moment->target == NULL)
    /* Translators: the first %s is a JSON path such as
     * script.moments[2].target, the second the action (kill, revive...)
     * that needs it */
    return sb_fail (error, INVALID, _("%s: required but missing (%s names an element)"),
                    path.text, action);

  quoted = sb_quote_for_message (moment->target);
  component = sb_scenario_find_component (self, moment->target);
  if (component == NULL && sb_scenario_find_host (self, moment->target) == NULL)
    /* Translators: the first %s is a JSON path such as
     * script.moments[2].target, the second an id in double quotes */
    return sb_fail (error, INVALID, _("%s: unknown element %s"), path.text, quoted);

  switch (moment->action)
    {
    case SB_SCRIPT_ACTION_KILL:
    case SB_SCRIPT_ACTION_REVIVE:
      if (component == NULL || component->kind != SB_KIND_CLIENT)
        return TRUE;
      /* Translators: the first %s is a JSON path such as
       * script.moments[2].target, the second the id of the visitor's
       * browser in double quotes */
      return sb_fail (error, INVALID,
                      _("%s: %s is the visitor's browser, which cannot be killed or revived"),
                      path.text, quoted);
    case SB_SCRIPT_ACTION_PROMOTE:
      if (component != NULL && component->kind == SB_KIND_DATABASE)
        return TRUE;
      /* Translators: the first %s is a JSON path such as
       * script.moments[2].target, the second an id in double quotes */
      return sb_fail (error, INVALID, _("%s: %s is not a database"), path.text, quoted);
    case SB_SCRIPT_ACTION_OPEN_FIREWALL:
    case SB_SCRIPT_ACTION_CLOSE_FIREWALL:
    default:
      if (component != NULL && component->kind == SB_KIND_FIREWALL)
        return TRUE;
      /* Translators: the first %s is a JSON path such as
       * script.moments[2].target, the second an id in double quotes */
      return sb_fail (error, INVALID, _("%s: %s is not a firewall"), path.text, quoted);
    }
}

/* Mode and algorithm are the load balancer's. */
static gboolean
check_setting_action (const SbScenario *self,
                      const SbMoment   *moment,
                      guint             i,
                      GError          **error)
{
  Path path;

  if (sb_scenario_find_kind (self, SB_KIND_LOAD_BALANCER, NULL) == NULL)
    /* Translators: the first %s is a JSON path such as
     * script.moments[2].action, the second the action (mode or algorithm),
     * the third the kind name load_balancer */
    return sb_fail (error, INVALID, _("%s: %s needs a %s component"),
                    moment_path (&path, i, "action"), sb_script_action_to_string (moment->action),
                    sb_kind_to_string (SB_KIND_LOAD_BALANCER));

  return check_enum (error, moment_path (&path, i, "value"), moment->value,
                     moment->action == SB_SCRIPT_ACTION_MODE ? 2 : 3);
}

static gboolean
check_question (const SbMoment *moment,
                guint           i,
                GError        **error)
{
  guint n = moment->choices->len;
  Path path;

  if (moment->question == NULL && n == 0 && moment->answer == 0)
    return TRUE;
  if (!check_text (error, moment_path (&path, i, "question.text"), moment->question,
                   TRUE, SB_SCENARIO_MAX_TEXT, TEXT_TEXT))
    return FALSE;
  if (n < SB_SCRIPT_MIN_CHOICES || n > SB_SCRIPT_MAX_CHOICES)
    /* Translators: the first %s is a JSON path such as
     * script.moments[2].question.choices, then the number of choices found,
     * and the fewest and most a question may have */
    return sb_fail (error, INVALID,
                    g_dngettext (GETTEXT_PACKAGE, "%s: %u choice; a question has %d to %d",
                                 "%s: %u choices; a question has %d to %d", n),
                    moment_path (&path, i, "question.choices"), n,
                    SB_SCRIPT_MIN_CHOICES, SB_SCRIPT_MAX_CHOICES);

  for (guint c = 0; c < n; c++)
    {
      char key[32];

      g_snprintf (key, sizeof key, "question.choices[%u]", c);
      if (!check_text (error, moment_path (&path, i, key), moment->choices->pdata[c],
                       TRUE, SB_SCENARIO_MAX_TEXT, TEXT_TEXT))
        return FALSE;
    }

  return sb_check_int (error, moment_path (&path, i, "question.answer"), moment->answer, 1, n);
}

static gboolean
check_moment_time (const SbScript *script,
                   guint           i,
                   GError        **error)
{
  const SbMoment *moment = script->moments->pdata[i];
  const SbMoment *before = i > 0 ? script->moments->pdata[i - 1] : NULL;
  g_autofree char *text = NULL;
  g_autofree char *limit = NULL;
  Path path;

  if (!check_range (error, moment_path (&path, i, "time"), moment->time, FALSE, 0,
                    SB_SCENARIO_MAX_SECONDS))
    return FALSE;
  if (before == NULL || moment->time >= before->time)
    return TRUE;

  text = sb_format_number (moment->time);
  limit = sb_format_number (before->time);
  /* Translators: the first %s is a JSON path such as
   * script.moments[2].time, then its time and the time of the moment listed
   * before it, in seconds */
  return sb_fail (error, INVALID, _("%s: %s is before the moment listed before it, at %s"),
                  path.text, text, limit);
}

static gboolean
check_moment (const SbScenario *self,
              guint             i,
              GError          **error)
{
  const SbMoment *moment = self->script->moments->pdata[i];
  Path path;

  if (!check_moment_time (self->script, i, error)
      || !check_enum (error, moment_path (&path, i, "action"), moment->action,
                      SB_SCRIPT_ACTION_N))
    return FALSE;
  if (sb_script_action_has_target (moment->action)
      && !check_target (self, moment, i, error))
    return FALSE;
  if ((moment->action == SB_SCRIPT_ACTION_MODE || moment->action == SB_SCRIPT_ACTION_ALGORITHM)
      && !check_setting_action (self, moment, i, error))
    return FALSE;
  if (!check_question (moment, i, error)
      || !check_text (error, moment_path (&path, i, "reveal"), moment->reveal,
                      FALSE, SB_SCENARIO_MAX_TEXT, TEXT_TEXT))
    return FALSE;

  if (moment->action != SB_SCRIPT_ACTION_NONE || moment->question != NULL
      || (moment->reveal != NULL && *moment->reveal != '\0'))
    return TRUE;
  /* Translators: %s is a JSON path such as script.moments[2]; action,
   * question and reveal are key names, kept in English */
  return sb_fail (error, INVALID, _("%s: does nothing; give it an action, a question or a reveal"),
                  path_of (&path, "script.moments", i, NULL));
}

static gboolean
check_script (const SbScenario *self,
              GError          **error)
{
  const SbScript *script = self->script;
  const SbMoment *last;
  g_autofree char *text = NULL;
  g_autofree char *limit = NULL;
  guint n;

  if (script == NULL)
    return TRUE;

  n = script->moments->len;
  if (!check_range (error, "script.end", script->end, FALSE, 0, SB_SCENARIO_MAX_SECONDS))
    return FALSE;
  if (n == 0)
    /* Translators: %s is the JSON path script.moments */
    return sb_fail (error, INVALID, _("%s: empty; a script needs at least one moment"),
                    "script.moments");
  if (n > SB_SCRIPT_MAX_MOMENTS)
    /* Translators: the first %s is the JSON path script.moments, then the
     * number of moments in the file and the most a script may have */
    return sb_fail (error, INVALID, _("%s: %u moments, more than the %d a script may have"),
                    "script.moments", n, SB_SCRIPT_MAX_MOMENTS);

  for (guint i = 0; i < n; i++)
    if (!check_moment (self, i, error))
      return FALSE;

  last = script->moments->pdata[n - 1];
  if (script->end >= last->time)
    return TRUE;

  text = sb_format_number (script->end);
  limit = sb_format_number (last->time);
  /* Translators: the first %s is the JSON path script.end, then its time
   * and the time of the last moment, in seconds */
  return sb_fail (error, INVALID, _("%s: %s is before the last moment, at %s"),
                  "script.end", text, limit);
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
         && check_backends (self, error)
         && check_script (self, error);
}
