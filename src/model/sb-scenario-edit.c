/* sb-scenario-edit.c — changing a design, one valid step at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each edit works on a copy and replaces the scenario only when the copy
 * passes two checks: the editor's own, whose messages say in plain words
 * what the change would break ("the replicas need a primary database"),
 * then the format's rules (sb_scenario_validate), so that no edit can
 * leave a design the simulation cannot run or a file cannot hold.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-scenario-edit.h"
#include "sb-scenario-naming.h"
#include "sb-scenario-private.h"

#define INVALID SB_SCENARIO_ERROR_INVALID

/* What a kind is called in a sentence. */
static const char *
kind_noun (SbKind kind)
{
  switch (kind)
    {
    case SB_KIND_CLIENT:
      return _("browser");
    case SB_KIND_DNS:
      return _("DNS");
    case SB_KIND_LOAD_BALANCER:
      return _("load balancer");
    case SB_KIND_WEB_SERVER:
      return _("web server");
    case SB_KIND_APP_SERVER:
      return _("application server");
    case SB_KIND_CODE:
      return _("application files");
    case SB_KIND_DATABASE:
      return _("database");
    case SB_KIND_FIREWALL:
      return _("firewall");
    case SB_KIND_MONITORING_AGENT:
      return _("monitoring client");
    case SB_KIND_MONITORING:
    case SB_KIND_N:
    default:
      return _("monitoring service");
    }
}

/* The editor's checks */

typedef struct {
  guint kinds[SB_KIND_N];
  guint primaries;
  guint replicas;
} Census;

static void
take_census (const SbScenario *scenario,
             const char       *host,
             Census           *census)
{
  memset (census, 0, sizeof *census);
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (scenario->components, i);

      if (host != NULL && g_strcmp0 (c->host, host) != 0)
        continue;
      census->kinds[c->kind]++;
      census->primaries += c->role == SB_DB_ROLE_PRIMARY;
      census->replicas += c->role == SB_DB_ROLE_REPLICA;
    }
}

/* At most one firewall and one monitoring client on each machine. */
static gboolean
check_hosts (const SbScenario *scenario,
             GError          **error)
{
  for (guint i = 0; i < scenario->hosts->len; i++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, i);
      const char *label = sb_scenario_translate_label (host->label);
      Census census;

      take_census (scenario, host->id, &census);
      if (census.kinds[SB_KIND_FIREWALL] > 1)
        /* Translators: %s is a machine's label, such as Server 1 */
        return sb_fail (error, INVALID, _("%s already has a firewall"), label);
      if (census.kinds[SB_KIND_MONITORING_AGENT] > 1)
        /* Translators: %s is a machine's label, such as Server 1 */
        return sb_fail (error, INVALID, _("%s already has a monitoring client"), label);
    }
  return TRUE;
}

/* What the routing relies on, in the words of the lesson rather than of
 * the file format. */
static gboolean
check_design (const SbScenario *scenario,
              GError          **error)
{
  Census census;

  take_census (scenario, NULL, &census);
  if (census.kinds[SB_KIND_CLIENT] == 0)
    return sb_fail (error, INVALID, "%s", _("A design needs at least one browser to send requests"));
  if (census.kinds[SB_KIND_DNS] > 1)
    return sb_fail (error, INVALID, "%s", _("A design has one DNS at most"));
  if (census.kinds[SB_KIND_MONITORING] > 1)
    return sb_fail (error, INVALID, "%s", _("A design has one monitoring service at most"));
  if (census.kinds[SB_KIND_MONITORING_AGENT] > 0 && census.kinds[SB_KIND_MONITORING] == 0)
    return sb_fail (error, INVALID, "%s",
                    _("The monitoring clients need a monitoring service to report to: delete them first"));
  if (census.primaries > 1)
    return sb_fail (error, INVALID, "%s", _("There is already a primary database"));
  if (census.replicas > 0 && census.primaries == 0)
    return sb_fail (error, INVALID, "%s",
                    _("The replicas need a primary database to copy from: make one of them the primary first"));
  if (census.kinds[SB_KIND_LOAD_BALANCER] == 0 && census.kinds[SB_KIND_WEB_SERVER] > 1)
    return sb_fail (error, INVALID, "%s", _("Two web servers need a load balancer in front of them"));
  if (census.kinds[SB_KIND_LOAD_BALANCER] > 0 && scenario->balancer.backends->len == 0)
    return sb_fail (error, INVALID, "%s",
                    _("The load balancer needs a machine with a web server to send requests to"));
  return check_hosts (scenario, error);
}

/* A script's moments that act on elements now gone go with them, so the
 * scenario stays valid; a script left without moments goes too. */
static void
drop_orphan_moments (SbScenario *self)
{
  GPtrArray *moments;

  if (self->script == NULL)
    return;
  moments = self->script->moments;
  for (guint i = moments->len; i-- > 0; )
    {
      const SbMoment *moment = moments->pdata[i];

      if (moment->target != NULL && sb_scenario_find_host (self, moment->target) == NULL
          && sb_scenario_find_component (self, moment->target) == NULL)
        g_ptr_array_remove_index (moments, i);
    }
  if (moments->len == 0)
    g_clear_pointer (&self->script, sb_script_free);
}

/* The copy becomes the scenario, if it is one. */
static gboolean
commit (SbScenario  *self,
        SbScenario  *work,
        GError     **error)
{
  SbScenario swap;

  drop_orphan_moments (work);
  if (!check_design (work, error) || !sb_scenario_validate (work, error))
    return FALSE;
  swap = *self;
  *self = *work;
  *work = swap;
  return TRUE;
}

static SbComponent *
find_component (SbScenario *scenario,
                const char *id)
{
  return (SbComponent *) sb_scenario_find_component (scenario, id);
}

static gboolean
no_such_element (GError    **error,
                 const char *id)
{
  g_autofree char *quoted = sb_quote_for_message (id);

  /* Translators: %s is an id in double quotes, such as "web-9" */
  return sb_fail (error, INVALID, _("There is no element %s in this design"), quoted);
}

static gboolean
no_such_machine (GError    **error,
                 const char *id)
{
  g_autofree char *quoted = sb_quote_for_message (id);

  /* Translators: %s is an id in double quotes, such as "server-9" */
  return sb_fail (error, INVALID, _("There is no machine %s in this design"), quoted);
}

/* The load balancer's backends */

static gboolean
runs_web_server (const SbScenario *scenario,
                 const char       *host)
{
  return sb_scenario_find_kind (scenario, SB_KIND_WEB_SERVER, host) != NULL;
}

static gboolean
is_backend (const SbScenario *scenario,
            const char       *host)
{
  return g_ptr_array_find_with_equal_func (scenario->balancer.backends, host, g_str_equal, NULL);
}

/* HOST joins the backends, in the order of the machines in the file. */
static void
add_backend (SbScenario *scenario,
             const char *host)
{
  GPtrArray *backends = scenario->balancer.backends;
  int position = sb_scenario_host_index (scenario, host);
  guint index = 0;

  if (is_backend (scenario, host))
    return;
  while (index < backends->len
         && sb_scenario_host_index (scenario, g_ptr_array_index (backends, index)) < position)
    index++;
  g_ptr_array_insert (backends, (int) index, g_strdup (host));
}

/* Machines gone, or left without a web server, leave the backends; with
 * no load balancer left, its settings go too (a file cannot hold them). */
static void
prune_balancer (SbScenario *scenario)
{
  GPtrArray *backends = scenario->balancer.backends;

  for (guint i = backends->len; i-- > 0; )
    if (sb_scenario_find_host (scenario, g_ptr_array_index (backends, i)) == NULL
        || !runs_web_server (scenario, g_ptr_array_index (backends, i)))
      g_ptr_array_remove_index (backends, i);
  if (sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, NULL) != NULL)
    return;
  g_ptr_array_set_size (backends, 0);
  g_clear_pointer (&scenario->balancer.virtual_ip, g_free);
  scenario->balancer.https = FALSE;
}

/* Adding */

static void
insert_component (SbScenario  *scenario,
                  SbComponent *component)
{
  guint index = sb_naming_component_index (scenario, component->kind, component->host);

  g_ptr_array_insert (scenario->components, (int) index, component);
}

/* Whatever holds ADDRESS (a load balancer, its machine) moves to the
 * next free address, so that ADDRESS can be shared by the cluster. */
static void
free_address (SbScenario *scenario,
              const char *address)
{
  for (guint i = 0; i < scenario->hosts->len; i++)
    {
      SbHost *host = g_ptr_array_index (scenario->hosts, i);

      if (g_strcmp0 (host->ip, address) == 0)
        {
          char *next = sb_naming_next_ip (scenario, address);

          g_free (host->ip);
          host->ip = next;
        }
    }
  for (guint i = 0; i < scenario->components->len; i++)
    {
      SbComponent *c = g_ptr_array_index (scenario->components, i);

      if (g_strcmp0 (c->ip, address) == 0)
        {
          char *next = sb_naming_next_ip (scenario, address);

          g_free (c->ip);
          c->ip = next;
        }
    }
}

/* A second load balancer makes a cluster: the address the visitors use
 * becomes the virtual IP the load balancers share (keepalived), as in
 * the scale-up step. */
static void
make_cluster (SbScenario *scenario)
{
  g_autofree char *address = NULL;

  if (scenario->balancer.virtual_ip != NULL)
    return;
  address = g_strdup (sb_scenario_public_address (scenario));
  if (address == NULL)
    address = g_strdup ("203.0.113.10");
  free_address (scenario, address);
  scenario->balancer.virtual_ip = g_steal_pointer (&address);
}

/* The address a new standalone component gets, or NULL. */
static char *
address_for (const SbScenario *scenario,
             SbKind            kind)
{
  const SbComponent *other = sb_scenario_find_kind (scenario, kind, NULL);
  const char *base;

  switch (kind)
    {
    case SB_KIND_CLIENT:
      base = other && other->ip ? other->ip : "198.51.100.6";
      break;
    case SB_KIND_DNS:
      base = "192.0.2.52";
      break;
    case SB_KIND_LOAD_BALANCER:
      base = scenario->balancer.virtual_ip ? scenario->balancer.virtual_ip : "203.0.113.9";
      break;
    default:
      return NULL;
    }
  return sb_naming_next_ip (scenario, base);
}

static SbComponent *
new_component (SbScenario *scenario,
               SbKind      kind,
               SbDbRole    role,
               const char *host)
{
  g_autofree char *id = sb_naming_component_id (scenario, kind, host);
  SbComponent *c = sb_component_new (id, kind, sb_naming_default_label (kind, role, host != NULL));

  /* Explained from what it is by the panel, never by another's text. */
  g_clear_pointer (&c->explanation, g_free);
  c->role = role;
  c->host = g_strdup (host);
  c->managed = kind == SB_KIND_DNS || kind == SB_KIND_MONITORING;
  if (host == NULL)
    c->ip = address_for (scenario, kind);
  return c;
}

static char *add_component_to (SbScenario *scenario, SbKind kind, SbDbRole role,
                               const char *host, GError **error);

/* The parts of the request's path need what they pass it to. */
static gboolean
add_requirements (SbScenario  *scenario,
                  SbKind       kind,
                  SbDbRole    *role,
                  GError     **error)
{
  const SbComponent *lb = sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, NULL);
  Census census;

  take_census (scenario, NULL, &census);
  if (kind == SB_KIND_DATABASE && *role == SB_DB_ROLE_NONE)
    *role = census.primaries == 0 ? SB_DB_ROLE_PRIMARY : SB_DB_ROLE_REPLICA;
  if (kind == SB_KIND_MONITORING_AGENT && census.kinds[SB_KIND_MONITORING] == 0)
    {
      g_autofree char *service = add_component_to (scenario, SB_KIND_MONITORING, SB_DB_ROLE_NONE,
                                                    NULL, error);
      return service != NULL;
    }
  if (kind == SB_KIND_LOAD_BALANCER && lb != NULL)
    make_cluster (scenario);
  return TRUE;
}

static char *
add_component_to (SbScenario  *scenario,
                  SbKind       kind,
                  SbDbRole     role,
                  const char  *host,
                  GError     **error)
{
  gboolean first_lb = kind == SB_KIND_LOAD_BALANCER
                      && sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, NULL) == NULL;
  SbComponent *c;

  if (host != NULL && sb_scenario_find_host (scenario, host) == NULL)
    return no_such_machine (error, host), NULL;
  if (host != NULL && kind == SB_KIND_CLIENT)
    return sb_fail (error, INVALID, "%s", _("A browser is the visitor’s: it does not run on a machine of the design")), NULL;
  if (!add_requirements (scenario, kind, &role, error))
    return NULL;
  c = new_component (scenario, kind, role, host);
  insert_component (scenario, c);
  if (first_lb)
    for (guint i = 0; i < scenario->hosts->len; i++)
      {
        const SbHost *h = g_ptr_array_index (scenario->hosts, i);

        if (runs_web_server (scenario, h->id))
          add_backend (scenario, h->id);
      }
  if (kind == SB_KIND_WEB_SERVER && sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, NULL))
    add_backend (scenario, host);
  return g_strdup (c->id);
}

/* A new machine, empty; its id. */
static char *
add_host_to (SbScenario *scenario,
             SbNewHost  *new_host)
{
  SbHost *host = sb_host_new (new_host->id, new_host->label);

  g_clear_pointer (&host->explanation, g_free);
  host->ip = g_strdup (new_host->ip);
  g_ptr_array_insert (scenario->hosts, (int) MIN (new_host->index, scenario->hosts->len), host);
  return g_strdup (host->id);
}

char *
sb_scenario_add_host (SbScenario  *self,
                      const char  *like,
                      GError     **error)
{
  g_autoptr(SbScenario) work = NULL;
  SbNewHost name = { 0 };
  g_autofree char *id = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  work = sb_scenario_copy (self);
  sb_naming_next_host (work, like, FALSE, &name);
  id = add_host_to (work, &name);
  sb_new_host_clear (&name);
  return commit (self, work, error) ? g_steal_pointer (&id) : NULL;
}

char *
sb_scenario_add_component (SbScenario  *self,
                           SbKind       kind,
                           SbDbRole     role,
                           const char  *host,
                           GError     **error)
{
  g_autoptr(SbScenario) work = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind < SB_KIND_N, NULL);
  g_return_val_if_fail (kind == SB_KIND_DATABASE || role == SB_DB_ROLE_NONE, NULL);

  work = sb_scenario_copy (self);
  id = add_component_to (work, kind, role, host, error);
  return id != NULL && commit (self, work, error) ? g_steal_pointer (&id) : NULL;
}

/* The machine NEAR stands for: itself, or the one a component runs on. */
static const char *
machine_of (const SbScenario *scenario,
            const char       *near)
{
  const SbComponent *c = near ? sb_scenario_find_component (scenario, near) : NULL;

  if (c != NULL)
    return c->host;
  return near && sb_scenario_find_host (scenario, near) ? near : NULL;
}

static gboolean
runs_alone (SbKind kind)
{
  return kind == SB_KIND_CLIENT || kind == SB_KIND_DNS || kind == SB_KIND_MONITORING;
}

/* A load balancer on MACHINE; a machine of its own next to the others'
 * when MACHINE has one already or, with no machine picked, when the
 * load balancers run on machines. */
static char *
add_balancer (SbScenario  *work,
              const char  *machine,
              GError     **error)
{
  const SbComponent *lb = sb_scenario_find_kind (work, SB_KIND_LOAD_BALANCER, NULL);
  const char *beside = machine ? machine : lb ? lb->host : NULL;
  g_autofree char *own = NULL;
  SbNewHost name = { 0 };

  /* The cluster's address first: the new machine's comes after it. */
  if (lb != NULL)
    make_cluster (work);
  if (beside == NULL || sb_scenario_find_kind (work, SB_KIND_LOAD_BALANCER, beside) == NULL)
    return add_component_to (work, SB_KIND_LOAD_BALANCER, SB_DB_ROLE_NONE, machine, error);
  sb_naming_next_host (work, beside, TRUE, &name);
  own = add_host_to (work, &name);
  sb_new_host_clear (&name);
  return add_component_to (work, SB_KIND_LOAD_BALANCER, SB_DB_ROLE_NONE, own, error);
}

static gboolean
parse_kind (const char  *text,
            SbKind      *kind,
            SbDbRole    *role,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  g_autofree char *quoted = NULL;

  *role = SB_DB_ROLE_NONE;
  if (sb_kind_from_string (parts[0], kind)
      && (parts[1] == NULL || (*kind == SB_KIND_DATABASE && sb_db_role_from_string (parts[1], role))))
    return TRUE;
  quoted = sb_quote_for_message (text);
  /* Translators: %s is what was asked for, in double quotes */
  return sb_fail (error, INVALID, _("%s is not a kind of element Stackboard knows"), quoted);
}

char *
sb_scenario_add_element (SbScenario  *self,
                         const char  *kind,
                         const char  *near,
                         GError     **error)
{
  g_autoptr(SbScenario) work = NULL;
  g_autofree char *id = NULL;
  const char *machine;
  SbKind k;
  SbDbRole role;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  machine = machine_of (self, near);
  if (g_str_equal (kind, SB_EDIT_KIND_HOST))
    return sb_scenario_add_host (self, machine, error);
  if (!parse_kind (kind, &k, &role, error))
    return NULL;
  if (runs_alone (k))
    machine = NULL;
  else if (machine == NULL && k != SB_KIND_LOAD_BALANCER)
    /* Translators: %s is a kind of element, such as firewall */
    return sb_fail (error, INVALID, _("Select the machine the new %s goes on first"), kind_noun (k)), NULL;
  work = sb_scenario_copy (self);
  id = k == SB_KIND_LOAD_BALANCER ? add_balancer (work, machine, error)
                                  : add_component_to (work, k, role, machine, error);
  return id != NULL && commit (self, work, error) ? g_steal_pointer (&id) : NULL;
}

/* Deleting */

gboolean
sb_scenario_delete (SbScenario  *self,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(SbScenario) work = NULL;
  int host;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  work = sb_scenario_copy (self);
  host = sb_scenario_host_index (work, id);
  if (host < 0 && sb_scenario_component_index (work, id) < 0)
    return no_such_element (error, id);
  /* A machine goes with everything on it. */
  for (guint i = work->components->len; i-- > 0; )
    {
      const SbComponent *c = g_ptr_array_index (work->components, i);

      if (g_str_equal (c->id, id) || (host >= 0 && g_strcmp0 (c->host, id) == 0))
        g_ptr_array_remove_index (work->components, i);
    }
  if (host >= 0)
    g_ptr_array_remove_index (work->hosts, (guint) host);
  prune_balancer (work);
  return commit (self, work, error);
}

/* Texts */

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

/* Where the label (or the address, when IP) of machine or component ID
 * is kept in SCENARIO, or NULL. */
static char **
element_text (SbScenario *scenario,
              const char *id,
              gboolean    ip)
{
  SbComponent *c = find_component (scenario, id);
  SbHost *host = c ? NULL : (SbHost *) sb_scenario_find_host (scenario, id);

  if (c != NULL)
    return ip ? &c->ip : &c->label;
  if (host != NULL)
    return ip ? &host->ip : &host->label;
  return NULL;
}

gboolean
sb_scenario_set_label (SbScenario  *self,
                       const char  *id,
                       const char  *label,
                       GError     **error)
{
  g_autoptr(SbScenario) work = NULL;
  g_autofree char *text = trimmed (label);
  char **slot;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  work = sb_scenario_copy (self);
  if ((slot = element_text (work, id, FALSE)) == NULL)
    return no_such_element (error, id);
  if (*text == '\0')
    return sb_fail (error, INVALID, "%s", _("A name cannot be empty"));
  g_free (*slot);
  *slot = g_steal_pointer (&text);
  return commit (self, work, error);
}

gboolean
sb_scenario_set_title (SbScenario  *self,
                       const char  *title,
                       GError     **error)
{
  g_autoptr(SbScenario) work = NULL;
  g_autofree char *text = trimmed (title);
  char *name;

  g_return_val_if_fail (self != NULL, FALSE);

  if (*text == '\0')
    return sb_fail (error, INVALID, "%s", _("The title cannot be empty"));
  work = sb_scenario_copy (self);
  /* The name is the title as an id: Save As suggests it for the file. */
  if ((name = sb_naming_slug (text)) != NULL)
    {
      g_free (work->name);
      work->name = name;
    }
  g_free (work->title);
  work->title = g_steal_pointer (&text);
  return commit (self, work, error);
}

gboolean
sb_scenario_set_summary (SbScenario  *self,
                         const char  *summary,
                         GError     **error)
{
  g_autoptr(SbScenario) work = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  work = sb_scenario_copy (self);
  g_free (work->summary);
  work->summary = trimmed (summary);
  return commit (self, work, error);
}

/* NULL for a removed address. */
static char *
address_or_null (const char *ip)
{
  char *text = trimmed (ip);

  if (*text != '\0')
    return text;
  g_free (text);
  return NULL;
}

gboolean
sb_scenario_set_ip (SbScenario  *self,
                    const char  *id,
                    const char  *ip,
                    GError     **error)
{
  g_autoptr(SbScenario) work = NULL;
  char **slot;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  work = sb_scenario_copy (self);
  if ((slot = element_text (work, id, TRUE)) == NULL)
    return no_such_element (error, id);
  g_free (*slot);
  *slot = address_or_null (ip);
  /* The format's own rule, and its message, say what an address is. */
  return commit (self, work, error);
}

gboolean
sb_scenario_set_virtual_ip (SbScenario  *self,
                            const char  *ip,
                            GError     **error)
{
  g_autoptr(SbScenario) work = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (sb_scenario_find_kind (self, SB_KIND_LOAD_BALANCER, NULL) == NULL)
    return sb_fail (error, INVALID, "%s", _("Only load balancers share a virtual IP address: add one first"));
  work = sb_scenario_copy (self);
  g_free (work->balancer.virtual_ip);
  work->balancer.virtual_ip = address_or_null (ip);
  return commit (self, work, error);
}

gboolean
sb_scenario_set_https (SbScenario  *self,
                       gboolean     https,
                       GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (sb_scenario_find_kind (self, SB_KIND_LOAD_BALANCER, NULL) == NULL)
    return sb_fail (error, INVALID, "%s", _("HTTPS ends at the load balancer: add one first"));
  self->balancer.https = !!https;
  return TRUE;
}

/* A label the editor gave stays the default for where the element is. */
static void
relabel_default (SbComponent *c,
                 SbDbRole     old_role,
                 gboolean     was_on_host)
{
  if (g_strcmp0 (c->label, sb_naming_default_label (c->kind, old_role, was_on_host)) != 0)
    return;
  g_free (c->label);
  c->label = g_strdup (sb_naming_default_label (c->kind, c->role, c->host != NULL));
}

gboolean
sb_scenario_set_primary (SbScenario  *self,
                         const char  *id,
                         GError     **error)
{
  g_autoptr(SbScenario) work = NULL;
  SbComponent *c;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  work = sb_scenario_copy (self);
  c = find_component (work, id);
  if (c == NULL)
    return no_such_element (error, id);
  if (c->kind != SB_KIND_DATABASE)
    return sb_fail (error, INVALID, "%s", _("Only a database can be the primary"));
  if (c->role == SB_DB_ROLE_PRIMARY)
    return sb_fail (error, INVALID, "%s", _("This database is the primary already"));
  for (guint i = 0; i < work->components->len; i++)
    {
      SbComponent *other = g_ptr_array_index (work->components, i);

      if (other->role == SB_DB_ROLE_PRIMARY)
        {
          other->role = SB_DB_ROLE_REPLICA;
          relabel_default (other, SB_DB_ROLE_PRIMARY, other->host != NULL);
        }
    }
  c->role = SB_DB_ROLE_PRIMARY;
  relabel_default (c, SB_DB_ROLE_REPLICA, c->host != NULL);
  return commit (self, work, error);
}

/* Moving */

static gboolean
needs_host (SbKind kind)
{
  return !runs_alone (kind) && kind != SB_KIND_LOAD_BALANCER;
}

/* A web server moving to HOST takes its old machine's place among the
 * backends, so an active-passive order stays as it was. */
static void
move_backend (SbScenario *scenario,
              const char *from,
              const char *to)
{
  GPtrArray *backends = scenario->balancer.backends;
  guint index;

  if (sb_scenario_find_kind (scenario, SB_KIND_LOAD_BALANCER, NULL) == NULL)
    return;
  if (from != NULL && !runs_web_server (scenario, from) && !is_backend (scenario, to)
      && g_ptr_array_find_with_equal_func (backends, from, g_str_equal, &index))
    {
      g_free (g_ptr_array_index (backends, index));
      g_ptr_array_index (backends, index) = g_strdup (to);
      return;
    }
  add_backend (scenario, to);
  prune_balancer (scenario);
}

static gboolean
move_checks (const SbScenario  *scenario,
             const SbComponent *c,
             const char        *host,
             GError           **error)
{
  if (host != NULL && sb_scenario_find_host (scenario, host) == NULL)
    return no_such_machine (error, host);
  if (g_strcmp0 (c->host, host) == 0)
    return sb_fail (error, INVALID, "%s", _("It is there already"));
  if (host != NULL && c->kind == SB_KIND_CLIENT)
    return sb_fail (error, INVALID, "%s", _("A browser is the visitor’s: it does not run on a machine of the design"));
  if (host == NULL && needs_host (c->kind))
    /* Translators: %s is a kind of element, such as web server */
    return sb_fail (error, INVALID, _("A %s runs on a machine: it cannot stand alone"), kind_noun (c->kind));
  return TRUE;
}

static gboolean
move_in (SbScenario  *work,
         const char  *id,
         const char  *host,
         GError     **error)
{
  int index = sb_scenario_component_index (work, id);
  SbComponent *c;
  g_autofree char *from = NULL;

  if (index < 0)
    return no_such_element (error, id);
  c = g_ptr_array_index (work->components, index);
  if (!move_checks (work, c, host, error))
    return FALSE;
  c = g_ptr_array_steal_index (work->components, (guint) index);
  from = g_steal_pointer (&c->host);
  c->host = g_strdup (host);
  /* Where it stood means nothing on another machine. */
  c->has_position = FALSE;
  relabel_default (c, c->role, from != NULL);
  insert_component (work, c);
  if (c->kind == SB_KIND_WEB_SERVER)
    move_backend (work, from, host);
  return TRUE;
}

gboolean
sb_scenario_move_component (SbScenario  *self,
                            const char  *id,
                            const char  *host,
                            GError     **error)
{
  g_autoptr(SbScenario) work = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  work = sb_scenario_copy (self);
  return move_in (work, id, host, error) && commit (self, work, error);
}

char *
sb_scenario_move_to_new_host (SbScenario  *self,
                              const char  *id,
                              GError     **error)
{
  g_autoptr(SbScenario) work = NULL;
  g_autofree char *host = NULL;
  SbNewHost name = { 0 };
  SbComponent *c;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  work = sb_scenario_copy (self);
  c = find_component (work, id);
  if (c == NULL)
    return no_such_element (error, id), NULL;
  if (c->kind == SB_KIND_CLIENT)
    return sb_fail (error, INVALID, "%s", _("A browser is the visitor’s: it does not run on a machine of the design")), NULL;
  sb_naming_tier_host (work, c->kind, &name);
  /* The machine answers at the address the component had. */
  if (c->ip != NULL)
    {
      g_free (name.ip);
      name.ip = g_steal_pointer (&c->ip);
    }
  host = add_host_to (work, &name);
  sb_new_host_clear (&name);
  return move_in (work, id, host, error) && commit (self, work, error) ? g_steal_pointer (&host) : NULL;
}

/* A new server copies the last backend (its web server, application
 * server, files and a database replica) and joins the load balancer, the
 * way an engineer would clone a machine image. */

static SbComponent *
clone_component (const SbScenario  *scenario,
                 const SbComponent *model,
                 const char        *host)
{
  SbComponent *copy = sb_component_copy (model);
  SbDbRole role = model->role;

  g_free (copy->id);
  copy->id = sb_naming_component_id (scenario, model->kind, host);
  g_free (copy->host);
  copy->host = g_strdup (host);
  copy->has_position = FALSE;
  /* The model's text speaks of the model ("the web server of server 2"). */
  g_clear_pointer (&copy->explanation, g_free);
  if (copy->role == SB_DB_ROLE_PRIMARY)
    {
      /* A second primary is not allowed: the new machine gets a replica. */
      copy->role = SB_DB_ROLE_REPLICA;
      relabel_default (copy, role, TRUE);
    }
  return copy;
}

char *
sb_scenario_add_server (SbScenario  *self,
                        GError     **error)
{
  g_autoptr(SbScenario) work = NULL;
  g_autofree char *host = NULL;
  const char *model;
  SbNewHost name = { 0 };

  g_return_val_if_fail (self != NULL, NULL);

  if (self->balancer.backends->len == 0
      || sb_scenario_find_kind (self, SB_KIND_LOAD_BALANCER, NULL) == NULL)
    return sb_fail (error, INVALID, "%s", _("a server can only be added behind a load balancer")), NULL;
  work = sb_scenario_copy (self);
  model = g_ptr_array_index (self->balancer.backends, self->balancer.backends->len - 1);
  sb_naming_next_host (work, model, FALSE, &name);
  host = add_host_to (work, &name);
  sb_new_host_clear (&name);
  for (guint i = 0; i < self->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (self->components, i);

      /* A load balancer sharing the machine stays one of a kind. */
      if (g_strcmp0 (c->host, model) == 0 && needs_host (c->kind))
        insert_component (work, clone_component (work, c, host));
    }
  add_backend (work, host);
  return commit (self, work, error) ? g_steal_pointer (&host) : NULL;
}

gboolean
sb_scenario_tidy_up (SbScenario *self)
{
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = 0; i < self->components->len; i++)
    {
      SbComponent *c = g_ptr_array_index (self->components, i);

      any |= c->has_position;
      c->has_position = FALSE;
    }
  return any;
}

gboolean
sb_scenario_has_positions (const SbScenario *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = 0; i < self->components->len; i++)
    if (((const SbComponent *) g_ptr_array_index (self->components, i))->has_position)
      return TRUE;
  return FALSE;
}
