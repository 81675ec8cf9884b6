/* sb-scenario-naming.c — ids, labels, addresses and places in the file
 * for what the editor adds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor names what it adds the way the bundled scenarios do, so that
 * a design built with it reads like one written by hand: the firewall of
 * "server-1" is "fw-1", the machine after "Web 2" is "Web 3" with the next
 * address, a machine's firewall comes first in the file and its monitoring
 * client last.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-scenario-naming.h"

void
sb_new_host_clear (SbNewHost *host)
{
  g_clear_pointer (&host->id, g_free);
  g_clear_pointer (&host->label, g_free);
  g_clear_pointer (&host->ip, g_free);
}

gboolean
sb_naming_id_taken (const SbScenario *scenario,
                    const char       *id)
{
  return sb_scenario_find_component (scenario, id) != NULL
         || sb_scenario_find_host (scenario, id) != NULL;
}

static const char *
id_prefix (SbKind kind)
{
  static const char * const prefixes[SB_KIND_N] = {
    [SB_KIND_CLIENT] = "user",
    [SB_KIND_DNS] = "dns",
    [SB_KIND_LOAD_BALANCER] = "lb",
    [SB_KIND_WEB_SERVER] = "web",
    [SB_KIND_APP_SERVER] = "app",
    [SB_KIND_CODE] = "code",
    [SB_KIND_DATABASE] = "db",
    [SB_KIND_FIREWALL] = "fw",
    [SB_KIND_MONITORING_AGENT] = "agent",
    [SB_KIND_MONITORING] = "monitoring",
  };

  return prefixes[kind];
}

const char *
sb_naming_default_label (SbKind   kind,
                         SbDbRole role,
                         gboolean on_host)
{
  switch (kind)
    {
    case SB_KIND_CLIENT:
      return "User (browser)";
    case SB_KIND_DNS:
      return "DNS";
    case SB_KIND_LOAD_BALANCER:
      /* On a machine the machine says what it is, as in the bundled steps. */
      return on_host ? "HAProxy" : "Load balancer (HAProxy)";
    case SB_KIND_WEB_SERVER:
      return "Nginx";
    case SB_KIND_APP_SERVER:
      return "Application server";
    case SB_KIND_CODE:
      return "Application files";
    case SB_KIND_DATABASE:
      /* The board's badge says the live role: the label does not. */
      return "MySQL";
    case SB_KIND_FIREWALL:
      return "Firewall";
    case SB_KIND_MONITORING_AGENT:
      return "Monitoring agent";
    case SB_KIND_MONITORING:
    case SB_KIND_N:
    default:
      return "Monitoring service";
    }
}

/* What a machine's id says of it once "server" is taken out: "server-1"
 * is "1", "lb-server" is "lb", "web-server-2" is "web-2". */
static char *
host_tag (const char *host)
{
  const char *inner = strstr (host, "-server");

  if (g_str_has_prefix (host, "server-") && host[7] != '\0')
    return g_strdup (host + 7);
  if (inner != NULL && inner != host)
    return g_strdup_printf ("%.*s%s", (int) (inner - host), host, inner + strlen ("-server"));
  return g_strdup (host);
}

/* ID if free, else ID-2, ID-3... */
static char *
free_id (const SbScenario *scenario,
         const char       *id)
{
  for (guint n = 2; sb_naming_id_taken (scenario, id); n++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s-%u", id, n);

      if (!sb_naming_id_taken (scenario, numbered))
        return g_steal_pointer (&numbered);
    }
  return g_strdup (id);
}

char *
sb_naming_component_id (const SbScenario *scenario,
                        SbKind            kind,
                        const char       *host)
{
  const char *prefix = id_prefix (kind);
  g_autofree char *tag = host ? host_tag (host) : NULL;
  g_autofree char *id = NULL;
  gsize n = strlen (prefix);

  /* On "web-server-2" a web server is "web-2", not "web-web-2". */
  if (tag != NULL && strncmp (tag, prefix, n) == 0 && (tag[n] == '\0' || tag[n] == '-'))
    id = g_strdup (tag);
  else
    id = tag ? g_strdup_printf ("%s-%s", prefix, tag) : g_strdup (prefix);

  return free_id (scenario, id);
}

/* Addresses */

static gboolean
ip_used (const SbScenario *scenario,
         const char       *ip)
{
  if (g_strcmp0 (scenario->balancer.virtual_ip, ip) == 0)
    return TRUE;
  for (guint i = 0; i < scenario->hosts->len; i++)
    if (g_strcmp0 (((const SbHost *) g_ptr_array_index (scenario->hosts, i))->ip, ip) == 0)
      return TRUE;
  for (guint i = 0; i < scenario->components->len; i++)
    if (g_strcmp0 (((const SbComponent *) g_ptr_array_index (scenario->components, i))->ip, ip) == 0)
      return TRUE;
  return FALSE;
}

char *
sb_naming_next_ip (const SbScenario *scenario,
                   const char       *ip)
{
  g_autoptr(GInetAddress) address = ip ? g_inet_address_new_from_string (ip) : NULL;
  const char *dot = ip ? strrchr (ip, '.') : NULL;

  if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4 || dot == NULL)
    return NULL;
  for (guint last = (guint) atoi (dot + 1) + 1; last < 255; last++)
    {
      g_autofree char *candidate = g_strdup_printf ("%.*s.%u", (int) (dot - ip), ip, last);

      if (!ip_used (scenario, candidate))
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

/* Machines: series such as "Web 1", "Web 2" */

/* Splits "Web 2" into "Web" and 2; an unnumbered label is number 0. */
static char *
label_prefix (const char *label,
              guint      *number)
{
  const char *space = strrchr (label, ' ');
  char *end = NULL;
  guint64 n;

  *number = 0;
  if (space == NULL || space == label || !g_ascii_isdigit (space[1]))
    return g_strdup (label);
  n = g_ascii_strtoull (space + 1, &end, 10);
  if (*end != '\0' || n == 0 || n > G_MAXUINT / 2)
    return g_strdup (label);
  *number = (guint) n;
  return g_strndup (label, space - label);
}

/* "web-server-2" without its number. */
static char *
id_stem (const char *id)
{
  const char *dash = strrchr (id, '-');

  if (dash == NULL || dash == id || dash[1] == '\0' || strspn (dash + 1, "0123456789") != strlen (dash + 1))
    return g_strdup (id);
  return g_strndup (id, dash - id);
}

typedef struct {
  const char *prefix;    /* of the labels: "Web" */
  const char *stem;      /* of the ids: "web-server" */
  gboolean    numbered;  /* the first is "Web 1" rather than "Web" */
} Series;

/* The highest number in SERIES (an unnumbered member counts as 1), or 0
 * when it has none; *LAST is the index of the last member, or -1. */
static guint
series_top (const SbScenario *scenario,
            const Series     *series,
            int              *last,
            const char      **top_ip)
{
  guint top = 0;

  *last = -1;
  *top_ip = NULL;
  for (guint i = 0; i < scenario->hosts->len; i++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, i);
      guint n;
      g_autofree char *prefix = label_prefix (host->label, &n);

      if (strcmp (prefix, series->prefix) != 0)
        continue;
      *last = (int) i;
      if (MAX (n, 1) >= top)
        {
          top = MAX (n, 1);
          *top_ip = host->ip ? host->ip : *top_ip;
        }
    }
  return top;
}

static gboolean
label_used (const SbScenario *scenario,
            const char       *label)
{
  for (guint i = 0; i < scenario->hosts->len; i++)
    if (g_strcmp0 (((const SbHost *) g_ptr_array_index (scenario->hosts, i))->label, label) == 0)
      return TRUE;
  return FALSE;
}

/* The address of the last machine in the file that has an IPv4 one. */
static const char *
last_ip (const SbScenario *scenario)
{
  for (guint i = scenario->hosts->len; i-- > 0; )
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, i);

      if (host->ip != NULL && strchr (host->ip, '.') != NULL)
        return host->ip;
    }
  return NULL;
}

/* The next member of SERIES; FALSE when the series has none yet, with
 * HOST named as its first member and its index left to the caller. */
static gboolean
next_in_series (const SbScenario *scenario,
                const Series     *series,
                SbNewHost        *host)
{
  int last;
  const char *top_ip;
  guint n = series_top (scenario, series, &last, &top_ip);

  n = n > 0 ? n + 1 : series->numbered ? 1 : 0;
  for (;; n = n > 0 ? n + 1 : 2)
    {
      g_autofree char *label = n ? g_strdup_printf ("%s %u", series->prefix, n) : g_strdup (series->prefix);
      g_autofree char *id = n ? g_strdup_printf ("%s-%u", series->stem, n) : g_strdup (series->stem);

      if (!sb_naming_id_taken (scenario, id) && !label_used (scenario, label))
        {
          host->id = g_steal_pointer (&id);
          host->label = g_steal_pointer (&label);
          break;
        }
    }
  /* A design without addresses yet starts on the private network the
   * bundled steps use. */
  if (top_ip == NULL)
    top_ip = last_ip (scenario) ? last_ip (scenario) : "10.0.0.10";
  host->ip = sb_naming_next_ip (scenario, top_ip);
  host->index = last >= 0 ? (guint) last + 1 : scenario->hosts->len;
  return last >= 0;
}

void
sb_naming_next_host (const SbScenario *scenario,
                     const char       *like,
                     gboolean          series_of_one,
                     SbNewHost        *host)
{
  static const Series servers = { "Server", "server", TRUE };
  const SbHost *model = like ? sb_scenario_find_host (scenario, like) : NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *stem = NULL;
  guint n = 0;

  if (model != NULL)
    {
      prefix = label_prefix (model->label, &n);
      stem = id_stem (model->id);
    }
  if (model == NULL || (n == 0 && !series_of_one))
    next_in_series (scenario, &servers, host);
  else
    next_in_series (scenario, &(Series) { prefix, stem, TRUE }, host);
}

/* The index after the last machine running a component of KIND, or -1. */
static int
after_hosts_of_kind (const SbScenario *scenario,
                     SbKind            kind)
{
  for (guint i = scenario->hosts->len; i-- > 0; )
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, i);

      if (sb_scenario_find_kind (scenario, kind, host->id) != NULL)
        return (int) i + 1;
    }
  return -1;
}

void
sb_naming_tier_host (const SbScenario *scenario,
                     SbKind            kind,
                     SbNewHost        *host)
{
  /* As the secured-monitored and scale-up steps name them. */
  static const Series tiers[] = {
    [SB_KIND_LOAD_BALANCER] = { "Load balancer", "lb-server", FALSE },
    [SB_KIND_WEB_SERVER] = { "Web", "web-server", TRUE },
    [SB_KIND_APP_SERVER] = { "App", "app-server", TRUE },
    [SB_KIND_DATABASE] = { "DB", "db-server", TRUE },
  };
  int after;

  if (kind >= G_N_ELEMENTS (tiers) || tiers[kind].prefix == NULL)
    {
      sb_naming_next_host (scenario, NULL, FALSE, host);
      return;
    }
  if (next_in_series (scenario, &tiers[kind], host))
    return;
  /* The first of its tier: beside the machines that run the same kind,
   * and a load balancer's above the servers. */
  after = after_hosts_of_kind (scenario, kind);
  if (after >= 0)
    host->index = (guint) after;
  else if (kind == SB_KIND_LOAD_BALANCER)
    host->index = 0;
}

/* Places in the file */

/* Standalone components in the order the bundled files list them. */
static int
alone_rank (SbKind kind)
{
  switch (kind)
    {
    case SB_KIND_CLIENT:
      return 0;
    case SB_KIND_DNS:
      return 1;
    case SB_KIND_MONITORING:
      return 2;
    default:
      return 3;
    }
}

static guint
alone_index (const SbScenario *scenario,
             SbKind            kind)
{
  guint index = 0;

  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);

      if (c->host == NULL && alone_rank (c->kind) <= alone_rank (kind))
        index = i + 1;
    }
  return index;
}

/* On a machine with nothing on it yet: after what runs on the machines
 * before it in the file, else before what runs on those after it. */
static guint
empty_host_index (const SbScenario *scenario,
                  const char       *host)
{
  int position = sb_scenario_host_index (scenario, host);
  int after = -1, before = -1;

  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);
      int other = c->host ? sb_scenario_host_index (scenario, c->host) : -1;

      if (other >= 0 && other < position)
        after = (int) i + 1;
      else if (other > position && before < 0)
        before = (int) i;
    }
  return after >= 0 ? (guint) after : before >= 0 ? (guint) before : scenario->components->len;
}

guint
sb_naming_component_index (const SbScenario *scenario,
                           SbKind            kind,
                           const char       *host)
{
  int first = -1, last = -1, last_not_agent = -1;

  if (host == NULL)
    return alone_index (scenario, kind);
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);

      if (g_strcmp0 (c->host, host) != 0)
        continue;
      first = first < 0 ? (int) i : first;
      last = (int) i;
      if (c->kind != SB_KIND_MONITORING_AGENT)
        last_not_agent = (int) i;
    }
  if (first < 0)
    return empty_host_index (scenario, host);
  if (kind == SB_KIND_FIREWALL)
    return (guint) first;
  if (kind == SB_KIND_MONITORING_AGENT)
    return (guint) last + 1;
  return last_not_agent >= 0 ? (guint) last_not_agent + 1 : (guint) first;
}

char *
sb_naming_slug (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && slug->len < SB_SCENARIO_MAX_ID; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    {
      g_string_free (slug, TRUE);
      return NULL;
    }
  return g_string_free (slug, FALSE);
}
