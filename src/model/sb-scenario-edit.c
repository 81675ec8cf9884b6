/* sb-scenario-edit.c — growing and shrinking the lesson's server farm
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new server copies the last backend (its web server, application
 * server, files and a database replica) and joins the load balancer, the
 * way an engineer would clone a machine image.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "sb-scenario.h"

static gboolean
id_taken (const SbScenario *self,
          const char       *id)
{
  return sb_scenario_find_component (self, id) != NULL || sb_scenario_find_host (self, id) != NULL;
}

static const char *
prefix_of (SbKind kind)
{
  switch (kind)
    {
    case SB_KIND_WEB_SERVER:
      return "web";
    case SB_KIND_APP_SERVER:
      return "app";
    case SB_KIND_CODE:
      return "code";
    case SB_KIND_DATABASE:
      return "db";
    case SB_KIND_FIREWALL:
      return "fw";
    case SB_KIND_MONITORING_AGENT:
      return "agent";
    default:
      return "part";
    }
}

/* The smallest N from the number of hosts up whose ids are all free. */
static guint
free_number (const SbScenario *self)
{
  for (guint n = self->hosts->len + 1;; n++)
    {
      g_autofree char *host = g_strdup_printf ("server-%u", n);
      gboolean free = !id_taken (self, host);

      for (SbKind k = SB_KIND_WEB_SERVER; free && k < SB_KIND_N; k++)
        {
          g_autofree char *id = g_strdup_printf ("%s-%u", prefix_of (k), n);
          free = !id_taken (self, id);
        }
      if (free)
        return n;
    }
}

/* "Server N" for the next backend: N counts the servers behind the load
 * balancer, not every machine (the load balancer's own, say), and skips
 * a label already used. */
static char *
next_server_label (const SbScenario *self)
{
  for (guint n = self->balancer.backends->len + 1;; n++)
    {
      g_autofree char *label = g_strdup_printf ("Server %u", n);
      gboolean used = FALSE;

      for (guint i = 0; i < self->hosts->len && !used; i++)
        used = g_strcmp0 (((SbHost *) g_ptr_array_index (self->hosts, i))->label, label) == 0;
      if (!used)
        return g_steal_pointer (&label);
    }
}

/* The template's address with the last number raised until it is free. */
static char *
next_ip (const SbScenario *self,
         const char       *ip)
{
  g_autoptr(GInetAddress) addr = ip ? g_inet_address_new_from_string (ip) : NULL;
  const char *dot = ip ? strrchr (ip, '.') : NULL;
  guint last;

  if (addr == NULL || g_inet_address_get_family (addr) != G_SOCKET_FAMILY_IPV4 || dot == NULL)
    return NULL;
  for (last = (guint) atoi (dot + 1) + 1; last < 255; last++)
    {
      g_autofree char *candidate = g_strdup_printf ("%.*s.%u", (int) (dot - ip), ip, last);
      gboolean used = FALSE;

      for (guint i = 0; i < self->hosts->len && !used; i++)
        used = g_strcmp0 (((SbHost *) g_ptr_array_index (self->hosts, i))->ip, candidate) == 0;
      if (!used)
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

static const SbComponent *
any_replica (const SbScenario *self)
{
  for (guint i = 0; i < self->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (self->components, i);
      if (c->kind == SB_KIND_DATABASE && c->role == SB_DB_ROLE_REPLICA)
        return c;
    }
  return NULL;
}

static SbComponent *
clone_component (const SbScenario  *self,
                 const SbComponent *model,
                 const char        *host,
                 guint              n)
{
  const SbComponent *replica = any_replica (self);
  SbComponent *copy = sb_component_copy (model->role == SB_DB_ROLE_PRIMARY && replica ? replica : model);

  g_free (copy->id);
  copy->id = g_strdup_printf ("%s-%u", prefix_of (copy->kind), n);
  g_free (copy->host);
  copy->host = g_strdup (host);
  copy->has_position = FALSE;
  /* The model's text speaks of the model ("the web server of server 2"):
   * the copy is explained from what it is instead. */
  g_clear_pointer (&copy->explanation, g_free);
  if (copy->kind == SB_KIND_DATABASE && copy->role == SB_DB_ROLE_PRIMARY)
    {
      /* A second primary is not allowed: the new machine gets a replica. */
      copy->role = SB_DB_ROLE_REPLICA;
      g_free (copy->label);
      copy->label = g_strdup ("MySQL");
    }
  return copy;
}

char *
sb_scenario_add_server (SbScenario  *self,
                        GError     **error)
{
  const SbHost *model;
  SbHost *host;
  guint n, count;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->balancer.backends == NULL || self->balancer.backends->len == 0
      || sb_scenario_find_kind (self, SB_KIND_LOAD_BALANCER, NULL) == NULL)
    {
      g_set_error_literal (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_INVALID,
                           _("a server can only be added behind a load balancer"));
      return NULL;
    }
  if (self->hosts->len >= SB_SCENARIO_MAX_HOSTS)
    {
      g_set_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_INVALID,
                   _("a scenario may have at most %d machines"), SB_SCENARIO_MAX_HOSTS);
      return NULL;
    }
  model = sb_scenario_find_host (self, g_ptr_array_index (self->balancer.backends,
                                                          self->balancer.backends->len - 1));
  n = free_number (self);
  host = sb_host_copy (model);
  g_free (host->id);
  host->id = g_strdup_printf ("server-%u", n);
  g_free (host->label);
  host->label = next_server_label (self);
  g_clear_pointer (&host->explanation, g_free);
  g_free (host->ip);
  host->ip = next_ip (self, model->ip);
  count = self->components->len;
  for (guint i = 0; i < count; i++)
    {
      const SbComponent *c = g_ptr_array_index (self->components, i);
      if (g_strcmp0 (c->host, model->id) == 0)
        g_ptr_array_add (self->components, clone_component (self, c, host->id, n));
    }
  g_ptr_array_add (self->hosts, host);
  g_ptr_array_add (self->balancer.backends, g_strdup (host->id));
  return g_strdup (host->id);
}

static gboolean
holds_primary (const SbScenario *self,
               const char       *host)
{
  for (guint i = 0; i < self->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (self->components, i);
      if (g_strcmp0 (c->host, host) == 0 && c->role == SB_DB_ROLE_PRIMARY)
        return TRUE;
    }
  return FALSE;
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

gboolean
sb_scenario_remove_server (SbScenario  *self,
                           const char  *host,
                           GError     **error)
{
  guint index;

  g_return_val_if_fail (self != NULL && host != NULL, FALSE);

  if (sb_scenario_find_host (self, host) == NULL)
    g_set_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_INVALID, _("“%s” is not a machine"), host);
  else if (holds_primary (self, host))
    g_set_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_INVALID,
                 _("“%s” holds the primary database: promote a replica before removing it"), host);
  else if (self->balancer.backends == NULL || self->balancer.backends->len < 2
           || !g_ptr_array_find_with_equal_func (self->balancer.backends, host, g_str_equal, &index))
    g_set_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_INVALID,
                 _("“%s” is the last server behind the load balancer"), host);
  else
    {
      g_ptr_array_remove_index (self->balancer.backends, index);
      for (guint i = self->components->len; i-- > 0; )
        if (g_strcmp0 (((SbComponent *) g_ptr_array_index (self->components, i))->host, host) == 0)
          g_ptr_array_remove_index (self->components, i);
      g_ptr_array_remove_index (self->hosts, sb_scenario_host_index (self, host));
      drop_orphan_moments (self);
      return TRUE;
    }
  return FALSE;
}
