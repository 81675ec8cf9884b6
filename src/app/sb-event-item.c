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
request_text (const SbSimEvent *e,
              const char       *path)
{
  const char *type = e->type == SB_REQUEST_READ ? _("read") : _("write");
  double t = e->time / (double) SB_SIM_USEC_PER_SEC;

  if (e->ok)
    /* Translators: time, request number, read or write, the elements it went through. */
    return g_strdup_printf (_("%.2f s · #%llu %s %s · ok%s"), t, (unsigned long long) e->request,
                            type, path, e->stale ? _(" (stale read)") : "");
  /* Translators: time, request number, read or write, path, where it failed, why. */
  return g_strdup_printf (_("%.2f s · #%llu %s %s · failed at %s: %s"), t,
                          (unsigned long long) e->request, type, path,
                          e->element ? e->element : "?", _(sb_failure_reason_to_string (e->reason)));
}

static char *
describe (const SbSimEvent *e,
          const char       *path)
{
  double t = e->time / (double) SB_SIM_USEC_PER_SEC;

  switch (e->kind)
    {
    case SB_SIM_EVENT_REQUEST:
      return request_text (e, path);
    case SB_SIM_EVENT_KILL:
      return g_strdup_printf (_("%.2f s · %s killed"), t, e->element);
    case SB_SIM_EVENT_REVIVE:
      return g_strdup_printf (_("%.2f s · %s revived"), t, e->element);
    case SB_SIM_EVENT_PROMOTE:
      return g_strdup_printf (_("%.2f s · %s promoted to primary"), t, e->element);
    case SB_SIM_EVENT_FIREWALL:
      return e->ok ? g_strdup_printf (_("%.2f s · firewall %s opened: every port exposed"), t, e->element)
                   : g_strdup_printf (_("%.2f s · firewall %s closed again"), t, e->element);
    case SB_SIM_EVENT_VIP:
      return g_strdup_printf (_("%.2f s · the virtual IP moved to %s"), t, e->element);
    case SB_SIM_EVENT_ALERT:
      if (e->ok)
        return g_strdup_printf (_("%.2f s · monitoring: %s is fine again"), t, e->element);
      return e->alert == SB_ALERT_NO_DATA
             ? g_strdup_printf (_("%.2f s · monitoring alert: no data from %s"), t, e->element)
             : g_strdup_printf (_("%.2f s · monitoring alert: %s is down"), t, e->element);
    case SB_SIM_EVENT_BACKEND:
    default:
      return g_strdup_printf (_("%.2f s · the load balancer sees %s: %s"), t, e->element, e->label);
    }
}

SbEventItem *
sb_event_item_new (const SbSimEvent *event)
{
  SbEventItem *self = g_object_new (SB_TYPE_EVENT_ITEM, NULL);
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree char *path = NULL;

  for (guint i = 0; event->kind == SB_SIM_EVENT_REQUEST && i < event->path_len; i++)
    g_strv_builder_add (builder, event->path[i]);
  self->path = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  path = g_strjoinv (" → ", self->path);
  self->text = describe (event, path);
  self->failure = event->kind == SB_SIM_EVENT_REQUEST || event->kind == SB_SIM_EVENT_ALERT
                  ? !event->ok : event->kind == SB_SIM_EVENT_KILL;
  return self;
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
