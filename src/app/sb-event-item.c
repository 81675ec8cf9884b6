/* sb-event-item.c — the text of one event, in words a class can follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-event-item.h"

struct _SbEventItem
{
  GObject   parent_instance;

  char     *text;
  gboolean  failure;
  gboolean  caption;
  GStrv     path;
};

G_DEFINE_FINAL_TYPE (SbEventItem, sb_event_item, G_TYPE_OBJECT)

static void
sb_event_item_finalize (GObject *object)
{
  SbEventItem *self = SB_EVENT_ITEM (object);

  g_free (self->text);
  g_strfreev (self->path);
  G_OBJECT_CLASS (sb_event_item_parent_class)->finalize (object);
}

static void
sb_event_item_class_init (SbEventItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_event_item_finalize;
}

static void
sb_event_item_init (SbEventItem *self)
{
}

static char *
request_text (const SbScenario *scenario,
              const SbSimEvent *e,
              const char       *path)
{
  const char *type = e->type == SB_REQUEST_READ ? _("read") : _("write");
  double t = e->time / (double) SB_SIM_USEC_PER_SEC;
  g_autofree char *where = NULL;

  if (e->ok)
    /* Translators: time, request number, read or write, the elements it went through. */
    return g_strdup_printf (_("%.2f s · #%llu %s %s · ok%s"), t, (unsigned long long) e->request,
                            type, path, e->stale ? _(" (stale read)") : "");
  where = sb_scenario_describe (scenario, e->element);
  /* Translators: time, request number, read or write, path, where it failed, why. */
  return g_strdup_printf (_("%.2f s · #%llu %s %s · failed at %s: %s"), t,
                          (unsigned long long) e->request, type, path,
                          where ? where : "?", _(sb_failure_reason_to_string (e->reason)));
}

static char *
describe (const SbScenario *scenario,
          const SbSimEvent *e,
          const char       *path)
{
  double t = e->time / (double) SB_SIM_USEC_PER_SEC;
  g_autofree char *element = sb_scenario_describe (scenario, e->element);

  switch (e->kind)
    {
    case SB_SIM_EVENT_REQUEST:
      return request_text (scenario, e, path);
    case SB_SIM_EVENT_KILL:
      return g_strdup_printf (_("%.2f s · %s killed"), t, element);
    case SB_SIM_EVENT_REVIVE:
      return g_strdup_printf (_("%.2f s · %s revived"), t, element);
    case SB_SIM_EVENT_PROMOTE:
      return g_strdup_printf (_("%.2f s · %s promoted to primary"), t, element);
    case SB_SIM_EVENT_FIREWALL:
      return e->ok ? g_strdup_printf (_("%.2f s · %s opened: every port exposed"), t, element)
                   : g_strdup_printf (_("%.2f s · %s closed again"), t, element);
    case SB_SIM_EVENT_VIP:
      return g_strdup_printf (_("%.2f s · the virtual IP moved to %s"), t, element);
    case SB_SIM_EVENT_ALERT:
      if (e->ok)
        return g_strdup_printf (_("%.2f s · monitoring: %s is fine again"), t, element);
      return e->alert == SB_ALERT_NO_DATA
             ? g_strdup_printf (_("%.2f s · monitoring alert: no data from %s"), t, element)
             : g_strdup_printf (_("%.2f s · monitoring alert: %s is down"), t, element);
    case SB_SIM_EVENT_BACKEND:
    default:
      return g_strdup_printf (_("%.2f s · the load balancer sees %s: %s"), t, element, e->label);
    }
}

/* The path in labels, each machine named where the request enters it:
 * "DNS → Load balancer → Server 1: Nginx → Application server". */
static char *
path_text (const SbScenario *scenario,
           const SbSimEvent *e)
{
  GString *text = g_string_new (NULL);
  const char *machine = NULL;

  for (guint i = 0; e->kind == SB_SIM_EVENT_REQUEST && i < e->path_len; i++)
    {
      const SbComponent *comp = sb_scenario_find_component (scenario, e->path[i]);
      const char *host = comp ? comp->host : NULL;

      if (i > 0)
        g_string_append (text, " → ");
      if (host != NULL && g_strcmp0 (host, machine) != 0)
        /* Translators: a machine, then the first element of it a request reaches */
        g_string_append_printf (text, C_("path", "%s: %s"), sb_scenario_label_of (scenario, host),
                                sb_scenario_label_of (scenario, e->path[i]));
      else
        g_string_append (text, sb_scenario_label_of (scenario, e->path[i]));
      machine = host;
    }
  return g_string_free (text, FALSE);
}

SbEventItem *
sb_event_item_new (const SbScenario *scenario,
                   const SbSimEvent *event)
{
  SbEventItem *self = g_object_new (SB_TYPE_EVENT_ITEM, NULL);
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree char *path = path_text (scenario, event);

  for (guint i = 0; event->kind == SB_SIM_EVENT_REQUEST && i < event->path_len; i++)
    g_strv_builder_add (builder, event->path[i]);
  self->path = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  self->text = describe (scenario, event, path);
  self->failure = event->kind == SB_SIM_EVENT_REQUEST || event->kind == SB_SIM_EVENT_ALERT
                  ? !event->ok : event->kind == SB_SIM_EVENT_KILL;
  return self;
}

SbEventItem *
sb_event_item_new_caption (const SbCaption *caption)
{
  SbEventItem *self = g_object_new (SB_TYPE_EVENT_ITEM, NULL);

  /* Translators: a time in seconds, then the narrator's caption */
  self->text = g_strdup_printf (_("%.2f s · %s"), caption->time / (double) SB_SIM_USEC_PER_SEC,
                                caption->text);
  self->caption = TRUE;
  self->path = g_new0 (char *, 1);
  return self;
}

gboolean
sb_event_item_is_caption (SbEventItem *self)
{
  g_return_val_if_fail (SB_IS_EVENT_ITEM (self), FALSE);
  return self->caption;
}

const char *
sb_event_item_get_text (SbEventItem *self)
{
  g_return_val_if_fail (SB_IS_EVENT_ITEM (self), NULL);
  return self->text;
}

gboolean
sb_event_item_is_failure (SbEventItem *self)
{
  g_return_val_if_fail (SB_IS_EVENT_ITEM (self), FALSE);
  return self->failure;
}

const char * const *
sb_event_item_get_path (SbEventItem *self)
{
  g_return_val_if_fail (SB_IS_EVENT_ITEM (self), NULL);
  return (const char * const *) self->path;
}
