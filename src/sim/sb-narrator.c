/* sb-narrator.c — captions from the simulation's events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counting is what makes a caption worth reading: the narrator keeps the
 * running totals of finished and failed requests, and marks each killed
 * element with the totals at its death.  The difference between a mark and
 * the totals when the load balancer reacts is what failed meanwhile.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-narrator.h"

/* Running totals, and a copy of them at a moment. */
typedef struct {
  gint64  time;
  guint64 failed;
  guint64 finished;
  guint64 failed_writes;
} Mark;

/* A caption and the strings it points to. */
typedef struct {
  SbCaption  caption;
  char      *subject;
  char      *text;
  char      *question;
  GStrv      choices;
} Entry;

struct _SbNarrator {
  Entry         *entries;      /* ring of SB_NARRATOR_KEPT */
  guint64        end;
  guint64        start;        /* first seq of the current sim */
  SbCaptionFunc  func;
  gpointer       func_data;

  Mark           totals;
  GHashTable    *killed;       /* element id → Mark*: down since */
  GHashTable    *revived;      /* element id → Mark*: back since */
  GHashTable    *backends;     /* host id → the SbCheckState last seen, + 1 */
  gboolean       in_incident;
  Mark           incident;
  char          *incident_subject;
  gboolean       first_failure_told;
  gboolean       stale_told;
  char          *vip_holder;
  char          *primary;
  guint64        lost_writes;  /* the sim's count at the last promotion */
};

static const char * const kind_names[SB_CAPTION_N] = {
  [SB_CAPTION_KILLED] = "killed",
  [SB_CAPTION_REVIVED] = "revived",
  [SB_CAPTION_FIRST_FAILURE] = "first-failure",
  [SB_CAPTION_MARKED_DOWN] = "marked-down",
  [SB_CAPTION_MARKED_UP] = "marked-up",
  [SB_CAPTION_PROMOTED] = "promoted",
  [SB_CAPTION_VIP_MOVED] = "vip-moved",
  [SB_CAPTION_ALERT] = "alert",
  [SB_CAPTION_ALERT_CLEARED] = "alert-cleared",
  [SB_CAPTION_STALE_READ] = "stale-read",
  [SB_CAPTION_FIREWALL_OPENED] = "firewall-opened",
  [SB_CAPTION_FIREWALL_CLOSED] = "firewall-closed",
  [SB_CAPTION_MODE] = "mode",
  [SB_CAPTION_ALGORITHM] = "algorithm",
  [SB_CAPTION_QUESTION] = "question",
  [SB_CAPTION_REVEAL] = "reveal",
  [SB_CAPTION_INCIDENT] = "incident",
};

const char *
sb_caption_kind_to_string (SbCaptionKind kind)
{
  g_return_val_if_fail ((guint) kind < SB_CAPTION_N, NULL);
  return kind_names[kind];
}

/* --- storage ---------------------------------------------------------- */

static void
entry_clear (Entry *entry)
{
  g_clear_pointer (&entry->subject, g_free);
  g_clear_pointer (&entry->text, g_free);
  g_clear_pointer (&entry->question, g_free);
  g_clear_pointer (&entry->choices, g_strfreev);
}

static void
clear_measures (SbNarrator *self)
{
  memset (&self->totals, 0, sizeof self->totals);
  g_hash_table_remove_all (self->killed);
  g_hash_table_remove_all (self->revived);
  g_hash_table_remove_all (self->backends);
  self->in_incident = FALSE;
  g_clear_pointer (&self->incident_subject, g_free);
  self->first_failure_told = FALSE;
  self->stale_told = FALSE;
  g_clear_pointer (&self->vip_holder, g_free);
  g_clear_pointer (&self->primary, g_free);
  self->lost_writes = 0;
}

SbNarrator *
sb_narrator_new (void)
{
  SbNarrator *self = g_new0 (SbNarrator, 1);

  self->entries = g_new0 (Entry, SB_NARRATOR_KEPT);
  self->killed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->revived = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->backends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
sb_narrator_free (SbNarrator *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < SB_NARRATOR_KEPT; i++)
    entry_clear (&self->entries[i]);
  g_free (self->entries);
  clear_measures (self);
  g_hash_table_unref (self->killed);
  g_hash_table_unref (self->revived);
  g_hash_table_unref (self->backends);
  g_free (self);
}

void
sb_narrator_set_caption_func (SbNarrator    *self,
                              SbCaptionFunc  func,
                              gpointer       user_data)
{
  g_return_if_fail (self != NULL);
  self->func = func;
  self->func_data = user_data;
}

guint64
sb_narrator_get_first (SbNarrator *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return MAX (self->start, self->end > SB_NARRATOR_KEPT ? self->end - SB_NARRATOR_KEPT : 0);
}

guint64
sb_narrator_get_end (SbNarrator *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->end;
}

const SbCaption *
sb_narrator_get_caption (SbNarrator *self,
                         guint64     seq)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (seq < sb_narrator_get_first (self) || seq >= self->end)
    return NULL;
  return &self->entries[seq % SB_NARRATOR_KEPT].caption;
}

const SbCaption *
sb_narrator_get_latest (SbNarrator *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->end > 0 ? sb_narrator_get_caption (self, self->end - 1) : NULL;
}

/* A new caption of KIND at SIM's time, every number unset; TEXT is taken. */
static Entry *
push (SbNarrator    *self,
      SbSim         *sim,
      SbCaptionKind  kind,
      const char    *subject,
      char          *text)
{
  Entry *entry = &self->entries[self->end % SB_NARRATOR_KEPT];
  SbCaption *c = &entry->caption;

  entry_clear (entry);
  memset (c, 0, sizeof *c);
  c->seq = self->end++;
  c->time = sb_sim_get_time (sim);
  c->kind = kind;
  c->subject = entry->subject = g_strdup (subject);
  c->text = entry->text = text;
  c->failed = c->requests = c->since = c->request = -1;
  c->checks = -1;
  return entry;
}

static void
emit (SbNarrator *self,
      Entry      *entry)
{
  if (self->func != NULL)
    self->func (self, &entry->caption, self->func_data);
}

/* --- words ------------------------------------------------------------ */

/* Scenario texts are English in the model; bundled ones have translations. */
static const char *
translate (const char *text)
{
  return text != NULL && *text != '\0' ? g_dgettext (GETTEXT_PACKAGE, text) : "";
}

char *
sb_narrator_element_name (const SbScenario *scenario,
                          const char       *id)
{
  const SbComponent *component;
  const SbHost *host;

  g_return_val_if_fail (scenario != NULL, NULL);
  if (id == NULL)
    return g_strdup ("?");
  if ((host = sb_scenario_find_host (scenario, id)) != NULL)
    return g_strdup (translate (host->label));
  if ((component = sb_scenario_find_component (scenario, id)) == NULL)
    return g_strdup (id);
  if (component->host == NULL || (host = sb_scenario_find_host (scenario, component->host)) == NULL)
    return g_strdup (translate (component->label));
  /* Translators: an element on a machine, e.g. "Nginx on Server 1" */
  return g_strdup_printf (_("%s on %s"), translate (component->label), translate (host->label));
}

static char *
name_of (SbSim      *sim,
         const char *id)
{
  return sb_narrator_element_name (sb_sim_get_scenario (sim), id);
}

static char *
seconds_text (gint64 us)
{
  return g_strdup_printf ("%.1f", (double) us / SB_SIM_USEC_PER_SEC);
}

/* "all of the traffic", "half of the traffic", "about half of the
 * traffic" (45 to 55 %: what two servers give), "23 % of the traffic". */
static char *
share_text (guint64 failed,
            guint64 requests)
{
  int percent = requests > 0 ? (int) ((failed * 200 + requests) / (2 * requests)) : 0;

  if (failed == requests)
    return g_strdup (_("all of the traffic"));
  if (failed * 2 == requests)
    return g_strdup (_("half of the traffic"));
  if (percent >= 45 && percent <= 55)
    return g_strdup (_("about half of the traffic"));
  /* Translators: a share of the requests, as in "27 requests failed
   * meanwhile, 46 % of the traffic for 5.5 s" */
  return g_strdup_printf (_("%d %% of the traffic"), percent);
}

/* What failed between MARK and now: "27 requests failed meanwhile, half
 * of the traffic for 5.5 s". */
static char *
meanwhile_text (SbNarrator *self,
                SbSim      *sim,
                const Mark *mark)
{
  guint64 failed = self->totals.failed - mark->failed;
  guint64 requests = self->totals.finished - mark->finished;
  g_autofree char *duration = seconds_text (sb_sim_get_time (sim) - mark->time);
  g_autofree char *share = NULL;

  if (failed == 0)
    /* Translators: %s is a duration in seconds, as in "no request failed
     * in those 6.0 s" */
    return g_strdup_printf (_("no request failed in those %s s"), duration);
  share = share_text (failed, requests);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: a number of requests, a share of
                                        * the traffic, a duration in seconds */
                                       "%llu request failed meanwhile, %s for %s s",
                                       "%llu requests failed meanwhile, %s for %s s", failed),
                          (unsigned long long) failed, share, duration);
}

/* Fills in the window from MARK to now. */
static void
set_window (SbNarrator *self,
            Entry      *entry,
            const Mark *mark)
{
  entry->caption.failed = (gint64) (self->totals.failed - mark->failed);
  entry->caption.requests = (gint64) (self->totals.finished - mark->finished);
  entry->caption.since = mark->time;
}

/* --- marks ------------------------------------------------------------ */

static Mark *
mark_now (SbNarrator *self,
          SbSim      *sim)
{
  Mark *mark = g_memdup2 (&self->totals, sizeof self->totals);

  mark->time = sb_sim_get_time (sim);
  return mark;
}

/* Whether element ID is HOST or runs on it, and its death fails the load
 * balancer's check of HOST (all of them when CHECKED_ONLY is FALSE). */
static gboolean
is_on_host (const SbScenario *scenario,
            const char       *id,
            const char       *host,
            gboolean          checked_only)
{
  const SbComponent *c;

  if (g_strcmp0 (id, host) == 0)
    return TRUE;
  c = sb_scenario_find_component (scenario, id);
  if (c == NULL || g_strcmp0 (c->host, host) != 0)
    return FALSE;
  return !checked_only || c->kind == SB_KIND_WEB_SERVER || c->kind == SB_KIND_APP_SERVER
         || c->kind == SB_KIND_FIREWALL;
}

/* The earliest mark in MARKS of HOST or of what runs on it (EARLIEST), or
 * the latest one; NULL when none. */
static const Mark *
mark_on_host (GHashTable       *marks,
              const SbScenario *scenario,
              const char       *host,
              gboolean          checked_only,
              gboolean          earliest)
{
  const Mark *best = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, marks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Mark *mark = value;

      if (!is_on_host (scenario, key, host, checked_only))
        continue;
      if (best == NULL || (earliest ? mark->time < best->time : mark->time > best->time))
        best = mark;
    }
  return best;
}

/* The host element ID runs on, or ID itself. */
static const char *
host_of (const SbScenario *scenario,
         const char       *id)
{
  const SbComponent *c = sb_scenario_find_component (scenario, id);

  return c != NULL && c->host != NULL ? c->host : id;
}

/* When element ID stopped: its own death or its host's. */
static const Mark *
death_of (SbNarrator       *self,
          const SbScenario *scenario,
          const char       *id)
{
  const Mark *own = g_hash_table_lookup (self->killed, id);
  const Mark *host = g_hash_table_lookup (self->killed, host_of (scenario, id));

  if (own == NULL || (host != NULL && host->time < own->time))
    return host;
  return own;
}

/* --- the sim's events --------------------------------------------------- */

static void
incident_over (SbNarrator *self,
               SbSim      *sim,
               gboolean    open)
{
  g_autofree char *meanwhile = meanwhile_text (self, sim, &self->incident);
  Entry *entry;
  char *text;

  if (open)
    /* Translators: the end of "27 requests failed meanwhile, half of the
     * traffic for 5.5 s" */
    text = g_strdup_printf (_("Still broken at the end of the run: %s"), meanwhile);
  else
    text = g_strdup_printf (_("Everything is back up: %s"), meanwhile);
  entry = push (self, sim, SB_CAPTION_INCIDENT, self->incident_subject, text);
  set_window (self, entry, &self->incident);
  entry->caption.open = open;
  self->in_incident = FALSE;
  g_clear_pointer (&self->incident_subject, g_free);
  emit (self, entry);
}

static void
on_kill (SbNarrator       *self,
         SbSim            *sim,
         const SbSimEvent *ev)
{
  g_autofree char *name = name_of (sim, ev->element);
  gboolean host = sb_scenario_find_host (sb_sim_get_scenario (sim), ev->element) != NULL;

  if (g_hash_table_size (self->killed) == 0 && !self->in_incident)
    {
      Mark *start = mark_now (self, sim);

      self->in_incident = TRUE;
      self->incident = *start;
      self->incident_subject = g_strdup (ev->element);
      self->first_failure_told = FALSE;
      g_free (start);
    }
  if (!g_hash_table_contains (self->killed, ev->element))
    g_hash_table_insert (self->killed, g_strdup (ev->element), mark_now (self, sim));
  emit (self, push (self, sim, SB_CAPTION_KILLED, ev->element,
                    host ? g_strdup_printf (_("%s failed, and everything on it"), name)
                         /* Translators: an element stopped, e.g. "Nginx on Server 1 failed" */
                         : g_strdup_printf (_("%s failed"), name)));
}

static void
on_revive (SbNarrator       *self,
           SbSim            *sim,
           const SbSimEvent *ev)
{
  g_autofree char *name = name_of (sim, ev->element);

  g_hash_table_remove (self->killed, ev->element);
  g_hash_table_insert (self->revived, g_strdup (ev->element), mark_now (self, sim));
  emit (self, push (self, sim, SB_CAPTION_REVIVED, ev->element,
                    g_strdup_printf (_("%s is back up"), name)));
  if (self->in_incident && g_hash_table_size (self->killed) == 0)
    incident_over (self, sim, FALSE);
}

static void
marked_down (SbNarrator       *self,
             SbSim            *sim,
             const SbSimEvent *ev)
{
  const SbScenario *scenario = sb_sim_get_scenario (sim);
  const Mark *mark = mark_on_host (self->killed, scenario, ev->element, TRUE, TRUE);
  int fall = scenario->balancer.fall;
  g_autofree char *name = name_of (sim, ev->element);
  g_autofree char *checks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d check failed",
                                                          "%d checks failed", fall), fall);
  g_autofree char *meanwhile = NULL;
  Entry *entry;

  if (mark == NULL && self->in_incident)
    mark = &self->incident;
  if (mark == NULL)
    {
      /* Translators: a machine, then "3 checks failed" */
      emit (self, push (self, sim, SB_CAPTION_MARKED_DOWN, ev->element,
                        g_strdup_printf (_("The load balancer marks %s down. %s"), name, checks)));
      return;
    }
  meanwhile = meanwhile_text (self, sim, mark);
  entry = push (self, sim, SB_CAPTION_MARKED_DOWN, ev->element,
                /* Translators: a machine, "3 checks failed", then "27 requests
                 * failed meanwhile, half of the traffic for 5.5 s" */
                g_strdup_printf (_("The load balancer marks %s down. %s: %s"), name, checks,
                                 meanwhile));
  set_window (self, entry, mark);
  entry->caption.checks = fall;
  emit (self, entry);
}

static void
marked_up (SbNarrator       *self,
           SbSim            *sim,
           const SbSimEvent *ev)
{
  const SbScenario *scenario = sb_sim_get_scenario (sim);
  const Mark *mark = mark_on_host (self->revived, scenario, ev->element, TRUE, FALSE);
  int rise = scenario->balancer.rise;
  g_autofree char *name = name_of (sim, ev->element);
  g_autofree char *checks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d check passed",
                                                          "%d checks passed", rise), rise);
  g_autofree char *after = NULL;
  Entry *entry;

  if (mark == NULL)
    entry = push (self, sim, SB_CAPTION_MARKED_UP, ev->element,
                  /* Translators: a machine, then "2 checks passed" */
                  g_strdup_printf (_("The load balancer sends traffic to %s again: %s"),
                                   name, checks));
  else
    {
      after = seconds_text (sb_sim_get_time (sim) - mark->time);
      entry = push (self, sim, SB_CAPTION_MARKED_UP, ev->element,
                    /* Translators: a machine, "2 checks passed", then a
                     * duration in seconds */
                    g_strdup_printf (_("The load balancer sends traffic to %s again: %s, %s s after it came back"),
                                     name, checks, after));
      entry->caption.since = mark->time;
    }
  entry->caption.checks = rise;
  emit (self, entry);
}

static void
on_backend (SbNarrator       *self,
            SbSim            *sim,
            const SbSimEvent *ev)
{
  gpointer seen = g_hash_table_lookup (self->backends, ev->element);
  SbCheckState before = seen ? (SbCheckState) (GPOINTER_TO_INT (seen) - 1) : SB_CHECK_STATE_UP;

  g_hash_table_insert (self->backends, g_strdup (ev->element), GINT_TO_POINTER (ev->state + 1));
  if (ev->state == SB_CHECK_STATE_DOWN && before != SB_CHECK_STATE_DOWN)
    marked_down (self, sim, ev);
  else if (ev->state == SB_CHECK_STATE_UP
           && (before == SB_CHECK_STATE_DOWN || before == SB_CHECK_STATE_GOING_UP))
    marked_up (self, sim, ev);
}

static void
on_vip (SbNarrator       *self,
        SbSim            *sim,
        const SbSimEvent *ev)
{
  const Mark *mark = self->vip_holder ? death_of (self, sb_sim_get_scenario (sim), self->vip_holder)
                                      : NULL;
  g_autofree char *name = name_of (sim, ev->element);
  g_autofree char *meanwhile = NULL;
  Entry *entry;

  if (mark == NULL)
    /* Translators: a load balancer took the shared address back */
    entry = push (self, sim, SB_CAPTION_VIP_MOVED, ev->element,
                  g_strdup_printf (_("The virtual IP moved back to %s"), name));
  else
    {
      meanwhile = meanwhile_text (self, sim, mark);
      entry = push (self, sim, SB_CAPTION_VIP_MOVED, ev->element,
                    /* Translators: a load balancer, then "4 requests failed
                     * meanwhile, all of the traffic for 3.6 s" */
                    g_strdup_printf (_("The virtual IP moved to %s: %s"), name, meanwhile));
      set_window (self, entry, mark);
    }
  g_free (self->vip_holder);
  self->vip_holder = g_strdup (ev->element);
  emit (self, entry);
}

/* For a "no data" alert on a host: the host died, or its agent did. */
static const Mark *
silence_of (SbNarrator       *self,
            const SbScenario *scenario,
            const char       *host)
{
  const Mark *mark = g_hash_table_lookup (self->killed, host);
  const SbComponent *agent = sb_scenario_find_kind (scenario, SB_KIND_MONITORING_AGENT, host);

  if (mark == NULL && agent != NULL)
    mark = g_hash_table_lookup (self->killed, agent->id);
  return mark;
}

static char *
alert_text (SbNarrator       *self,
            SbSim            *sim,
            const SbSimEvent *ev,
            const Mark      **mark)
{
  const SbScenario *scenario = sb_sim_get_scenario (sim);
  g_autofree char *name = name_of (sim, ev->element);
  g_autofree char *after = NULL;
  gboolean silent = ev->alert == SB_ALERT_NO_DATA;

  *mark = silent ? silence_of (self, scenario, ev->element) : death_of (self, scenario, ev->element);
  if (*mark == NULL)
    return silent ? g_strdup_printf (_("Monitoring alert: no data from %s"), name)
                  : g_strdup_printf (_("Monitoring alert: %s is down"), name);
  after = seconds_text (sb_sim_get_time (sim) - (*mark)->time);
  return silent
         /* Translators: a machine, then a duration in seconds */
         ? g_strdup_printf (_("Monitoring alert: no data from %s, %s s after it failed"), name, after)
         /* Translators: an element, then a duration in seconds */
         : g_strdup_printf (_("Monitoring alert: %s is down, %s s after it failed"), name, after);
}

static void
on_alert (SbNarrator       *self,
          SbSim            *sim,
          const SbSimEvent *ev)
{
  g_autofree char *name = NULL;
  const Mark *mark;
  Entry *entry;

  if (ev->ok)
    {
      name = name_of (sim, ev->element);
      emit (self, push (self, sim, SB_CAPTION_ALERT_CLEARED, ev->element,
                        g_strdup_printf (_("Monitoring: %s is fine again"), name)));
      return;
    }
  entry = push (self, sim, SB_CAPTION_ALERT, ev->element, NULL);
  entry->caption.text = entry->text = alert_text (self, sim, ev, &mark);
  if (mark != NULL)
    entry->caption.since = mark->time;
  emit (self, entry);
}

static void
on_promote (SbNarrator       *self,
            SbSim            *sim,
            const SbSimEvent *ev)
{
  const Mark *mark = self->primary ? death_of (self, sb_sim_get_scenario (sim), self->primary) : NULL;
  guint64 lost = sb_sim_get_counters (sim)->lost_writes - self->lost_writes;
  g_autofree char *name = name_of (sim, ev->element);
  GString *text = g_string_new (NULL);
  Entry *entry;

  g_string_printf (text, _("%s is now the primary: writes go to it"), name);
  if (mark != NULL)
    {
      guint64 failed = self->totals.failed_writes - mark->failed_writes;
      g_autofree char *duration = seconds_text (sb_sim_get_time (sim) - mark->time);

      g_string_append (text, ". ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: a number of writes, then a duration in seconds */
                                                 "%llu write failed in the %s s without a primary",
                                                 "%llu writes failed in the %s s without a primary",
                                                 failed),
                              (unsigned long long) failed, duration);
    }
  if (lost > 0)
    {
      g_string_append (text, ". ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%llu write the old primary never sent is lost",
                                                 "%llu writes the old primary never sent are lost",
                                                 lost),
                              (unsigned long long) lost);
    }
  entry = push (self, sim, SB_CAPTION_PROMOTED, ev->element, g_string_free (text, FALSE));
  if (mark != NULL)
    {
      entry->caption.failed = (gint64) (self->totals.failed_writes - mark->failed_writes);
      entry->caption.since = mark->time;
    }
  g_free (self->primary);
  self->primary = g_strdup (ev->element);
  self->lost_writes += lost;
  emit (self, entry);
}

/* The database that answered a read: the last one on its path. */
static const char *
database_on_path (SbSim            *sim,
                  const SbSimEvent *ev)
{
  const SbScenario *scenario = sb_sim_get_scenario (sim);

  for (guint i = ev->path_len; i > 0; i--)
    {
      const SbComponent *c = sb_scenario_find_component (scenario, ev->path[i - 1]);

      if (c != NULL && c->kind == SB_KIND_DATABASE)
        return c->id;
    }
  return NULL;
}

static void
stale_read (SbNarrator       *self,
            SbSim            *sim,
            const SbSimEvent *ev)
{
  const char *db = database_on_path (sim, ev);
  g_autofree char *name = name_of (sim, db);
  g_autofree char *lag = g_strdup_printf ("%.1f", sb_sim_get_scenario (sim)->lag);
  Entry *entry;

  self->stale_told = TRUE;
  entry = push (self, sim, SB_CAPTION_STALE_READ, db,
                /* Translators: a request number, a database, then the
                 * replication lag in seconds */
                g_strdup_printf (_("First stale read: request #%llu got data from %s before the latest write reached it (replication lag %s s)"),
                                 (unsigned long long) ev->request, name, lag));
  entry->caption.request = (gint64) ev->request;
  emit (self, entry);
}

static void
first_failure (SbNarrator       *self,
               SbSim            *sim,
               const SbSimEvent *ev)
{
  g_autofree char *place = name_of (sim, ev->element);
  g_autofree char *after = seconds_text (sb_sim_get_time (sim) - self->incident.time);
  const char *reason = _(sb_failure_reason_to_string (ev->reason));
  Entry *entry;
  char *text;

  self->first_failure_told = TRUE;
  if (sb_sim_get_time (sim) == self->incident.time)
    text = g_strdup_printf (_("Visitors see errors at once: request #%llu failed at %s (%s)"),
                            (unsigned long long) ev->request, place, reason);
  else
    /* Translators: a request number, where it failed, why (such as
     * "connection refused"), then a duration in seconds */
    text = g_strdup_printf (_("Visitors see errors: request #%llu failed at %s (%s), %s s after the failure"),
                            (unsigned long long) ev->request, place, reason, after);
  entry = push (self, sim, SB_CAPTION_FIRST_FAILURE, ev->element, text);
  entry->caption.request = (gint64) ev->request;
  entry->caption.since = self->incident.time;
  emit (self, entry);
}

static void
on_request (SbNarrator       *self,
            SbSim            *sim,
            const SbSimEvent *ev)
{
  self->totals.finished++;
  if (!ev->ok)
    {
      self->totals.failed++;
      self->totals.failed_writes += ev->type == SB_REQUEST_WRITE;
      if (self->in_incident && !self->first_failure_told)
        first_failure (self, sim, ev);
    }
  else if (ev->stale && !self->stale_told)
    stale_read (self, sim, ev);
}

static void
on_firewall (SbNarrator       *self,
             SbSim            *sim,
             const SbSimEvent *ev)
{
  g_autofree char *name = name_of (sim, ev->element);

  if (ev->ok)
    emit (self, push (self, sim, SB_CAPTION_FIREWALL_OPENED, ev->element,
                      /* Translators: a firewall, e.g. "Firewall on Server 1" */
                      g_strdup_printf (_("%s opened: every port behind it can be reached from the Internet"),
                                       name)));
  else
    emit (self, push (self, sim, SB_CAPTION_FIREWALL_CLOSED, ev->element,
                      g_strdup_printf (_("%s closed again"), name)));
}

void
sb_narrator_feed (SbNarrator       *self,
                  SbSim            *sim,
                  const SbSimEvent *event)
{
  g_return_if_fail (self != NULL && sim != NULL && event != NULL);

  switch (event->kind)
    {
    case SB_SIM_EVENT_REQUEST:
      on_request (self, sim, event);
      break;
    case SB_SIM_EVENT_KILL:
      on_kill (self, sim, event);
      break;
    case SB_SIM_EVENT_REVIVE:
      on_revive (self, sim, event);
      break;
    case SB_SIM_EVENT_PROMOTE:
      on_promote (self, sim, event);
      break;
    case SB_SIM_EVENT_BACKEND:
      on_backend (self, sim, event);
      break;
    case SB_SIM_EVENT_FIREWALL:
      on_firewall (self, sim, event);
      break;
    case SB_SIM_EVENT_VIP:
      on_vip (self, sim, event);
      break;
    case SB_SIM_EVENT_ALERT:
      on_alert (self, sim, event);
      break;
    default:
      break;
    }
}

static void
event_func (SbSim            *sim,
            const SbSimEvent *event,
            gpointer          user_data)
{
  sb_narrator_feed (user_data, sim, event);
}

void
sb_narrator_attach (SbNarrator *self,
                    SbSim      *sim)
{
  g_return_if_fail (self != NULL && sim != NULL);

  clear_measures (self);
  self->start = self->end;
  self->vip_holder = g_strdup (sb_sim_get_active_load_balancer (sim));
  self->primary = g_strdup (sb_sim_get_primary (sim));
  self->lost_writes = sb_sim_get_counters (sim)->lost_writes;
  sb_sim_set_event_func (sim, event_func, self);
}

void
sb_narrator_finish (SbNarrator *self,
                    SbSim      *sim)
{
  g_return_if_fail (self != NULL && sim != NULL);

  if (self->in_incident)
    incident_over (self, sim, TRUE);
}

/* --- what a script says ------------------------------------------------ */

static const char *
mode_meaning (SbMode mode)
{
  return mode == SB_MODE_ACTIVE_PASSIVE
         ? _("only the first server takes traffic, the others wait as backups")
         : _("every server takes traffic");
}

static const char *
algorithm_meaning (SbAlgorithm algorithm)
{
  switch (algorithm)
    {
    case SB_ALGORITHM_LEASTCONN:
      return _("the server with the fewest requests in progress");
    case SB_ALGORITHM_SOURCE:
      return _("the same server for the same visitor address");
    case SB_ALGORITHM_ROUNDROBIN:
    default:
      return _("each server in turn");
    }
}

void
sb_narrator_setting (SbNarrator     *self,
                     SbSim          *sim,
                     SbScriptAction  action,
                     int             value)
{
  g_return_if_fail (self != NULL && sim != NULL);
  g_return_if_fail (action == SB_SCRIPT_ACTION_MODE || action == SB_SCRIPT_ACTION_ALGORITHM);

  if (action == SB_SCRIPT_ACTION_MODE)
    emit (self, push (self, sim, SB_CAPTION_MODE, NULL,
                      /* Translators: a mode as the file spells it
                       * (active-passive), then what it means */
                      g_strdup_printf (_("The load balancer switches to %s: %s"),
                                       sb_mode_to_string (value), mode_meaning (value))));
  else
    emit (self, push (self, sim, SB_CAPTION_ALGORITHM, NULL,
                      /* Translators: an algorithm as HAProxy spells it
                       * (leastconn), then what it means */
                      g_strdup_printf (_("The load balancer now uses %s: %s"),
                                       sb_algorithm_to_string (value), algorithm_meaning (value))));
}

static GStrv
translate_choices (const SbMoment *moment)
{
  GStrv choices = g_new0 (char *, moment->choices->len + 1);

  for (guint i = 0; i < moment->choices->len; i++)
    choices[i] = g_strdup (translate (moment->choices->pdata[i]));
  return choices;
}

static Entry *
push_question (SbNarrator     *self,
               SbSim          *sim,
               SbCaptionKind   kind,
               guint           number,
               const SbMoment *moment,
               char           *text)
{
  Entry *entry = push (self, sim, kind, moment->target, text);

  entry->caption.number = number;
  if (moment->question != NULL)
    {
      entry->question = g_strdup (translate (moment->question));
      entry->choices = translate_choices (moment);
      entry->caption.question = entry->question;
      entry->caption.choices = (const char * const *) entry->choices;
    }
  return entry;
}

void
sb_narrator_question (SbNarrator     *self,
                      SbSim          *sim,
                      guint           number,
                      const SbMoment *moment)
{
  g_return_if_fail (self != NULL && sim != NULL && moment != NULL && moment->question != NULL);

  emit (self, push_question (self, sim, SB_CAPTION_QUESTION, number, moment,
                             /* Translators: a question's number, then the question */
                             g_strdup_printf (_("Question %u: %s"), number,
                                              translate (moment->question))));
}

void
sb_narrator_reveal (SbNarrator     *self,
                    SbSim          *sim,
                    guint           number,
                    const SbMoment *moment,
                    int             vote)
{
  const char *reveal;
  Entry *entry;
  char *text;

  g_return_if_fail (self != NULL && sim != NULL && moment != NULL);

  reveal = translate (moment->reveal);
  if (moment->question == NULL)
    text = g_strdup (reveal);
  else if (*reveal == '\0')
    /* Translators: the right choice's number, then its text */
    text = g_strdup_printf (_("Answer %d: %s"), moment->answer,
                            translate (moment->choices->pdata[moment->answer - 1]));
  else
    /* Translators: the right choice's number, its text, then what
     * explains it */
    text = g_strdup_printf (_("Answer %d: %s. %s"), moment->answer,
                            translate (moment->choices->pdata[moment->answer - 1]), reveal);
  entry = push_question (self, sim, SB_CAPTION_REVEAL, moment->question ? number : 0, moment, text);
  entry->caption.answer = moment->question ? moment->answer : 0;
  entry->caption.vote = vote;
  emit (self, entry);
}
