/* sb-scenario.c — lifecycle, copies, comparison, look-ups and enum names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sb-scenario-private.h"

G_DEFINE_QUARK (sb-scenario-error-quark, sb_scenario_error)

const char * const sb_kind_names[] = {
  "client", "dns", "load_balancer", "web_server", "app_server", "code", "database",
  "firewall", "monitoring_agent", "monitoring", NULL
};
const char * const sb_db_role_names[] = { "primary", "replica", NULL };
const char * const sb_algorithm_names[] = { "roundrobin", "leastconn", "source", NULL };
const char * const sb_mode_names[] = { "active-active", "active-passive", NULL };
const char * const sb_check_names[] = { "http", "tcp", NULL };
const char * const sb_arrival_names[] = { "uniform", "poisson", NULL };
/* From SB_SCRIPT_ACTION_KILL: "none" is never written. */
const char * const sb_script_action_names[] = {
  "kill", "revive", "promote", "open_firewall", "close_firewall", "mode", "algorithm", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (sb_kind_names) == SB_KIND_N + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (sb_script_action_names) == SB_SCRIPT_ACTION_N);

/* Hosts and components */

SbHost *
sb_host_new (const char *id,
             const char *label)
{
  SbHost *self = g_new0 (SbHost, 1);

  self->id = g_strdup (id);
  self->label = g_strdup (label);
  self->explanation = g_strdup ("");
  return self;
}

SbHost *
sb_host_copy (const SbHost *self)
{
  SbHost *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (SbHost, 1);
  copy->id = g_strdup (self->id);
  copy->label = g_strdup (self->label);
  copy->ip = g_strdup (self->ip);
  copy->explanation = g_strdup (self->explanation);
  return copy;
}

void
sb_host_free (SbHost *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->label);
  g_free (self->ip);
  g_free (self->explanation);
  g_free (self);
}

SbComponent *
sb_component_new (const char *id,
                  SbKind      kind,
                  const char *label)
{
  SbComponent *self;

  g_return_val_if_fail (kind < SB_KIND_N, NULL);

  self = g_new0 (SbComponent, 1);
  self->id = g_strdup (id);
  self->kind = kind;
  self->label = g_strdup (label);
  self->explanation = g_strdup ("");
  return self;
}

SbComponent *
sb_component_copy (const SbComponent *self)
{
  SbComponent *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->host = g_strdup (self->host);
  copy->label = g_strdup (self->label);
  copy->ip = g_strdup (self->ip);
  copy->explanation = g_strdup (self->explanation);
  return copy;
}

void
sb_component_free (SbComponent *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->host);
  g_free (self->label);
  g_free (self->ip);
  g_free (self->explanation);
  g_free (self);
}

/* Scenarios */

SbScenario *
sb_scenario_new (void)
{
  SbScenario *self = g_new0 (SbScenario, 1);

  self->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_host_free);
  self->components = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_component_free);
  self->balancer.algorithm = SB_ALGORITHM_ROUNDROBIN;
  self->balancer.mode = SB_MODE_ACTIVE_ACTIVE;
  self->balancer.backends = g_ptr_array_new_with_free_func (g_free);
  self->balancer.check = SB_CHECK_HTTP;
  self->balancer.interval = 2;
  self->balancer.rise = 2;
  self->balancer.fall = 3;
  self->lag = 0.5;
  self->summary = g_strdup ("");
  self->dns_name = g_strdup ("www.example.com");
  self->ttl = 60;
  self->traffic = (SbTraffic) { .rate = 1, .read_ratio = 0.8, .clients = 8,
                                .arrival = SB_ARRIVAL_UNIFORM, .seed = 1 };
  self->hop = 0.25;
  return self;
}

/* GCopyFunc adapters for g_ptr_array_copy(). */
static gpointer
copy_host (gconstpointer host,
           gpointer      user_data)
{
  return sb_host_copy (host);
}

static gpointer
copy_component (gconstpointer component,
                gpointer      user_data)
{
  return sb_component_copy (component);
}

static gpointer
copy_string (gconstpointer string,
             gpointer      user_data)
{
  return g_strdup (string);
}

SbScenario *
sb_scenario_copy (const SbScenario *self)
{
  SbScenario *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->title = g_strdup (self->title);
  copy->summary = g_strdup (self->summary);
  copy->dns_name = g_strdup (self->dns_name);
  copy->hosts = g_ptr_array_copy (self->hosts, copy_host, NULL);
  g_ptr_array_set_free_func (copy->hosts, (GDestroyNotify) sb_host_free);
  copy->components = g_ptr_array_copy (self->components, copy_component, NULL);
  g_ptr_array_set_free_func (copy->components, (GDestroyNotify) sb_component_free);
  copy->balancer.backends = g_ptr_array_copy (self->balancer.backends, copy_string, NULL);
  g_ptr_array_set_free_func (copy->balancer.backends, g_free);
  copy->balancer.virtual_ip = g_strdup (self->balancer.virtual_ip);
  copy->script = self->script != NULL ? sb_script_copy (self->script) : NULL;
  return copy;
}

void
sb_scenario_free (SbScenario *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->dns_name);
  g_ptr_array_unref (self->hosts);
  g_ptr_array_unref (self->components);
  g_ptr_array_unref (self->balancer.backends);
  g_free (self->balancer.virtual_ip);
  sb_script_free (self->script);
  g_free (self);
}

/* Equality */

/* An absent text and an empty one mean the same ("" is the default). */
static gboolean
text_equal (const char *a,
            const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

static gboolean
host_equal (gconstpointer a,
            gconstpointer b)
{
  const SbHost *x = a, *y = b;

  return g_strcmp0 (x->id, y->id) == 0
         && g_strcmp0 (x->label, y->label) == 0
         && g_strcmp0 (x->ip, y->ip) == 0
         && text_equal (x->explanation, y->explanation);
}

static gboolean
component_equal (gconstpointer a,
                 gconstpointer b)
{
  const SbComponent *x = a, *y = b;

  if (x->has_position != y->has_position
      || (x->has_position && (x->x != y->x || x->y != y->y)))
    return FALSE;

  return g_strcmp0 (x->id, y->id) == 0
         && x->kind == y->kind
         && x->role == y->role
         && g_strcmp0 (x->host, y->host) == 0
         && g_strcmp0 (x->label, y->label) == 0
         && g_strcmp0 (x->ip, y->ip) == 0
         && !x->managed == !y->managed
         && text_equal (x->explanation, y->explanation);
}

static gboolean
string_equal (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (a, b) == 0;
}

static gboolean
arrays_equal (GPtrArray *a,
              GPtrArray *b,
              GEqualFunc equal)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!equal (a->pdata[i], b->pdata[i]))
      return FALSE;

  return TRUE;
}

static gboolean
balancer_equal (const SbBalancer *a,
                const SbBalancer *b)
{
  return a->algorithm == b->algorithm
         && a->mode == b->mode
         && arrays_equal (a->backends, b->backends, string_equal)
         && a->check == b->check
         && a->interval == b->interval
         && a->rise == b->rise
         && a->fall == b->fall
         && !a->redispatch == !b->redispatch
         && !a->https == !b->https
         && g_strcmp0 (a->virtual_ip, b->virtual_ip) == 0;
}

static gboolean
traffic_equal (const SbTraffic *a,
               const SbTraffic *b)
{
  return a->rate == b->rate
         && a->read_ratio == b->read_ratio
         && a->clients == b->clients
         && a->arrival == b->arrival
         && a->seed == b->seed;
}

gboolean
sb_scenario_equal (const SbScenario *a,
                   const SbScenario *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->name, b->name) == 0
         && g_strcmp0 (a->title, b->title) == 0
         && g_strcmp0 (a->summary, b->summary) == 0
         && arrays_equal (a->hosts, b->hosts, host_equal)
         && arrays_equal (a->components, b->components, component_equal)
         && balancer_equal (&a->balancer, &b->balancer)
         && a->lag == b->lag
         && g_strcmp0 (a->dns_name, b->dns_name) == 0
         && a->ttl == b->ttl
         && traffic_equal (&a->traffic, &b->traffic)
         && a->hop == b->hop
         && (a->script == b->script
             || (a->script != NULL && b->script != NULL && sb_script_equal (a->script, b->script)));
}

/* Look-ups */

int
sb_scenario_host_index (const SbScenario *self,
                        const char       *id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; id != NULL && i < self->hosts->len; i++)
    if (g_strcmp0 (((SbHost *) self->hosts->pdata[i])->id, id) == 0)
      return (int) i;

  return -1;
}

int
sb_scenario_component_index (const SbScenario *self,
                             const char       *id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; id != NULL && i < self->components->len; i++)
    if (g_strcmp0 (((SbComponent *) self->components->pdata[i])->id, id) == 0)
      return (int) i;

  return -1;
}

const SbHost *
sb_scenario_find_host (const SbScenario *self,
                       const char       *id)
{
  int i = sb_scenario_host_index (self, id);

  return i < 0 ? NULL : self->hosts->pdata[i];
}

const SbComponent *
sb_scenario_find_component (const SbScenario *self,
                            const char       *id)
{
  int i = sb_scenario_component_index (self, id);

  return i < 0 ? NULL : self->components->pdata[i];
}

static const char *
address_of (const SbScenario  *self,
            const SbComponent *component)
{
  const SbHost *host;

  if (component == NULL)
    return NULL;
  if (component->ip != NULL)
    return component->ip;
  host = component->host ? sb_scenario_find_host (self, component->host) : NULL;
  return host ? host->ip : NULL;
}

const char *
sb_scenario_public_address (const SbScenario *self)
{
  const SbComponent *lb;

  g_return_val_if_fail (self != NULL, NULL);
  if (self->balancer.virtual_ip != NULL)
    return self->balancer.virtual_ip;
  lb = sb_scenario_find_kind (self, SB_KIND_LOAD_BALANCER, NULL);
  if (lb != NULL)
    return address_of (self, lb);
  return address_of (self, sb_scenario_find_kind (self, SB_KIND_WEB_SERVER, NULL));
}

const SbComponent *
sb_scenario_find_kind (const SbScenario *self,
                       SbKind            kind,
                       const char       *host)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->components->len; i++)
    {
      const SbComponent *component = self->components->pdata[i];

      if (component->kind == kind && (host == NULL || g_strcmp0 (component->host, host) == 0))
        return component;
    }

  return NULL;
}

/* "Web 3" as the reader's language says "Web 1" ("DB 3" is "BD 3"), or
 * "Load balancer 2" as it says "Load balancer"; NULL when neither is
 * translated. */
static char *
translate_numbered (const char *label)
{
  const char *space = strrchr (label, ' ');
  g_autofree char *prefix = NULL;
  g_autofree char *first = NULL;
  const char *translated;
  guint64 n;
  char *end;

  if (space == NULL || space == label || !g_ascii_isdigit (space[1])
      || (n = g_ascii_strtoull (space + 1, &end, 10)) > G_MAXUINT || *end != '\0')
    return NULL;
  prefix = g_strndup (label, space - label);
  first = g_strdup_printf ("%s 1", prefix);
  translated = g_dgettext (GETTEXT_PACKAGE, first);
  if (translated != first && g_str_has_suffix (translated, " 1"))
    return g_strdup_printf ("%.*s%u", (int) strlen (translated) - 1, translated, (guint) n);
  translated = g_dgettext (GETTEXT_PACKAGE, prefix);
  if (translated != prefix)
    return g_strdup_printf ("%s %u", translated, (guint) n);
  if (g_str_equal (prefix, "Server"))
    return g_strdup_printf (_("Server %u"), (guint) n);
  return NULL;
}

const char *
sb_scenario_translate_label (const char *label)
{
  const char *translated;
  g_autofree char *numbered = NULL;

  if (label == NULL)
    return "";
  translated = g_dgettext (GETTEXT_PACKAGE, label);
  /* Machines the editor adds are "Server 3", "Web 3"... in the file,
   * like the bundled ones, and named in the reader's language on screen. */
  if (translated == label && (numbered = translate_numbered (label)) != NULL)
    return g_intern_string (numbered);
  return translated;
}

const char *
sb_scenario_label_of (const SbScenario *self,
                      const char       *id)
{
  const SbComponent *comp;
  const SbHost *host;

  g_return_val_if_fail (self != NULL, NULL);
  if (id == NULL)
    return NULL;
  comp = sb_scenario_find_component (self, id);
  host = comp ? NULL : sb_scenario_find_host (self, id);
  return sb_scenario_translate_label (comp ? comp->label : host ? host->label : id);
}

char *
sb_scenario_describe (const SbScenario *self,
                      const char       *id)
{
  const SbComponent *comp;

  g_return_val_if_fail (self != NULL, NULL);
  if (id == NULL)
    return NULL;
  comp = sb_scenario_find_component (self, id);
  if (comp == NULL || comp->host == NULL || sb_scenario_find_host (self, comp->host) == NULL)
    return g_strdup (sb_scenario_label_of (self, id));
  /* Translators: an element and the machine it runs on, e.g. "Nginx · Server 1" */
  return g_strdup_printf (C_("element on machine", "%s · %s"), sb_scenario_label_of (self, id),
                          sb_scenario_label_of (self, comp->host));
}

/* Enum names */

int
sb_names_lookup (const char * const *names,
                 const char         *str)
{
  for (int i = 0; str != NULL && names[i] != NULL; i++)
    if (strcmp (names[i], str) == 0)
      return i;

  return -1;
}

/* Generates the to/from pair of one enum; VALUE_OFFSET is the value whose
 * name comes first in NAMES. */
#define SB_DEFINE_ENUM_NAMES(Type, prefix, names, count, value_offset)        \
  const char *                                                                \
  prefix##_to_string (Type value)                                             \
  {                                                                           \
    int i = (int) value - (value_offset);                                     \
    g_return_val_if_fail (i >= 0 && i < (count), NULL);                       \
    return names[i];                                                          \
  }                                                                           \
                                                                              \
  gboolean                                                                    \
  prefix##_from_string (const char *str,                                      \
                        Type       *value)                                    \
  {                                                                           \
    int i = sb_names_lookup (names, str);                                     \
    if (i < 0)                                                                \
      return FALSE;                                                           \
    if (value != NULL)                                                        \
      *value = (Type) (i + (value_offset));                                   \
    return TRUE;                                                              \
  }

SB_DEFINE_ENUM_NAMES (SbKind, sb_kind, sb_kind_names, SB_KIND_N, 0)
SB_DEFINE_ENUM_NAMES (SbAlgorithm, sb_algorithm, sb_algorithm_names, 3, 0)
SB_DEFINE_ENUM_NAMES (SbMode, sb_mode, sb_mode_names, 2, 0)
SB_DEFINE_ENUM_NAMES (SbCheckType, sb_check, sb_check_names, 2, 0)
SB_DEFINE_ENUM_NAMES (SbArrival, sb_arrival, sb_arrival_names, 2, 0)
SB_DEFINE_ENUM_NAMES (SbDbRole, sb_db_role, sb_db_role_names, 2, SB_DB_ROLE_PRIMARY)
SB_DEFINE_ENUM_NAMES (SbScriptAction, sb_script_action, sb_script_action_names,
                      SB_SCRIPT_ACTION_N - 1, SB_SCRIPT_ACTION_KILL)

/* Text helpers shared by loading, validation and saving */

char *
sb_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Whole numbers as integers: "%g" would shorten 60 to 6e+01. */
  if (value == floor (value) && fabs (value) < 1e17)
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.0f", value));

  /* The first precision that reads back exactly: 0.1 stays "0.1" where
   * "%.17g" would print 0.10000000000000001. */
  for (int precision = 1; precision < 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        return g_strdup (buffer);
    }

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
}

#define QUOTE_MAX_CHARS 40

char *
sb_quote_for_message (const char *text)
{
  GString *out = g_string_new ("\"");
  int count = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p), count++)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      GUnicodeType type = c < 0x110000 ? g_unichar_type (c) : G_UNICODE_CONTROL;

      if (count == QUOTE_MAX_CHARS)
        {
          g_string_append (out, "...");
          break;
        }
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      /* Control characters (C0, DEL, C1) and invisible formatting ones
       * (bidirectional overrides) are shown, never obeyed by a terminal. */
      else if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT)
        g_string_append_printf (out, "\\u%04x", (guint) (c < 0x110000 ? c : (guchar) *p));
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

gboolean
sb_fail (GError          **error,
         SbScenarioError   code,
         const char       *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, SB_SCENARIO_ERROR, code, message);
  return FALSE;
}
