/* test-sim-narrator.c — the captions and the numbers they carry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Most cases run the twin's setting (docs/simulation.md, "Held to the
 * truth"): "distributed" at 10 reads a second, hops of 1 ms, Nginx on
 * server 1 killed at 5 s.  Its checks at 6, 8 and 10 s fail, so the load
 * balancer marks server 1 down at 10 s, and every request it sent there
 * meanwhile failed: every other one in active-active (25 of 50), every
 * one in active-passive (50).
 */
#include "config.h"

#include "sim/sb-narrator.h"
#include "test-sim-util.h"

typedef struct {
  SbSim      *sim;
  SbNarrator *narrator;
} Run;

static Run *
run_new (const char *name,
         double      rate,
         double      read_ratio,
         double      hop)
{
  g_autoptr(SbScenario) scenario = load_scenario (name);
  Run *run = g_new0 (Run, 1);

  scenario->traffic.rate = rate;
  scenario->traffic.read_ratio = read_ratio;
  if (hop > 0)
    scenario->hop = hop;
  run->sim = sb_sim_new (scenario);
  run->narrator = sb_narrator_new ();
  sb_narrator_attach (run->narrator, run->sim);
  return run;
}

static void
run_free (Run *run)
{
  sb_sim_free (run->sim);
  sb_narrator_free (run->narrator);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
twin_run (SbMode mode)
{
  Run *run = run_new ("distributed", 10, 1, 0.001);

  sb_sim_set_mode (run->sim, mode);
  kill_at (run->sim, 5, "web-1");
  return run;
}

/* The Nth caption of KIND (from 0), which must exist. */
static const SbCaption *
caption (Run           *run,
         SbCaptionKind  kind,
         guint          nth)
{
  for (guint64 s = sb_narrator_get_first (run->narrator); s < sb_narrator_get_end (run->narrator); s++)
    {
      const SbCaption *c = sb_narrator_get_caption (run->narrator, s);

      if (c->kind == kind && nth-- == 0)
        return c;
    }
  g_error ("no caption %s #%u", sb_caption_kind_to_string (kind), nth);
  return NULL;
}

static guint
count (Run           *run,
       SbCaptionKind  kind)
{
  guint n = 0;

  for (guint64 s = sb_narrator_get_first (run->narrator); s < sb_narrator_get_end (run->narrator); s++)
    n += sb_narrator_get_caption (run->narrator, s)->kind == kind;
  return n;
}

/* --- the sim's event function ----------------------------------------- */

static void
record_seq (SbSim            *sim,
            const SbSimEvent *event,
            gpointer          user_data)
{
  g_array_append_val (user_data, event->seq);
}

static void
count_requests (SbSim            *sim,
                const SbSimEvent *event,
                gpointer          user_data)
{
  *(guint64 *) user_data += event->kind == SB_SIM_EVENT_REQUEST;
}

/* Each logged event once, in order, and none the ring lost. */
static void
test_event_func (void)
{
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) sim = NULL;
  g_autoptr(SbSim) busy = NULL;
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 requests = 0;

  scenario->traffic.rate = 10;
  sim = sb_sim_new (scenario);
  sb_sim_set_event_func (sim, record_seq, seqs);
  kill_at (sim, 5, "server-1");
  revive_at (sim, 20, "server-1");
  promote_at (sim, 30, "db-2");
  run_to (sim, 60);
  g_assert_cmpuint (sb_sim_get_events_first (sim), ==, 0);
  g_assert_cmpuint (seqs->len, ==, sb_sim_get_events_end (sim));
  for (guint i = 0; i < seqs->len; i++)
    g_assert_cmpuint (g_array_index (seqs, guint64, i), ==, i);

  /* 8 000 requests finish in one call: the ring keeps 1024, the function saw all. */
  scenario->traffic.rate = 1000;
  busy = sb_sim_new (scenario);
  sb_sim_set_event_func (busy, count_requests, &requests);
  run_to (busy, 10.0005);
  g_assert_cmpuint (sb_sim_get_events_first (busy), >, 0);
  g_assert_cmpuint (requests, ==, counters (busy)->succeeded + counters (busy)->failed);
  g_assert_cmpuint (requests, >, 5 * SB_SIM_EVENTS_KEPT);
}

/* --- the load balancer's reaction ---------------------------------------- */

static void
test_marked_down_active_active (void)
{
  g_autoptr(Run) run = twin_run (SB_MODE_ACTIVE_ACTIVE);
  const SbCaption *c;

  run_to (run->sim, 31);
  sb_narrator_finish (run->narrator, run->sim);

  c = caption (run, SB_CAPTION_KILLED, 0);
  g_assert_cmpint (c->time, ==, US (5));
  g_assert_cmpstr (c->subject, ==, "web-1");
  g_assert_cmpstr (c->text, ==, "Nginx on Server 1 failed");

  /* The first request sent to server 1 after the kill: #51 of 5.1 s. */
  c = caption (run, SB_CAPTION_FIRST_FAILURE, 0);
  g_assert_cmpint (c->request, ==, 51);
  g_assert_cmpint (c->time, ==, US (5.102));
  g_assert_cmpstr (c->text, ==, "Visitors see errors: request #51 failed at Nginx on Server 1 "
                                "(connection refused), 0.1 s after the failure");

  c = caption (run, SB_CAPTION_MARKED_DOWN, 0);
  g_assert_cmpint (c->time, ==, US (10));
  g_assert_cmpstr (c->subject, ==, "server-1");
  g_assert_cmpint (c->failed, ==, 25);
  g_assert_cmpint (c->requests, ==, 50);
  g_assert_cmpint (c->since, ==, US (5));
  g_assert_cmpint (c->checks, ==, 3);
  g_assert_cmpstr (c->text, ==, "The load balancer marks Server 1 down. 3 checks failed: "
                                "25 requests failed meanwhile, half of the traffic for 5.0 s");

  /* Never repaired: the incident runs to the end, with every failure. */
  c = caption (run, SB_CAPTION_INCIDENT, 0);
  g_assert_true (c->open);
  g_assert_cmpint (c->failed, ==, 25);
  g_assert_cmpuint (c->failed, ==, counters (run->sim)->failed);
  g_assert_cmpint (c->requests, ==, 260);
  g_assert_cmpint (c->time, ==, US (31));
  g_assert_cmpstr (c->text, ==, "Still broken at the end of the run: 25 requests failed "
                                "meanwhile, 10 % of the traffic for 26.0 s");
  g_assert_cmpuint (count (run, SB_CAPTION_MARKED_UP), ==, 0);
}

static void
test_marked_down_active_passive (void)
{
  g_autoptr(Run) run = twin_run (SB_MODE_ACTIVE_PASSIVE);
  const SbCaption *c;

  revive_at (run->sim, 15, "web-1");
  run_to (run->sim, 31);
  sb_narrator_finish (run->narrator, run->sim);

  c = caption (run, SB_CAPTION_MARKED_DOWN, 0);
  g_assert_cmpint (c->failed, ==, 50);
  g_assert_cmpint (c->requests, ==, 50);
  g_assert_cmpstr (c->text, ==, "The load balancer marks Server 1 down. 3 checks failed: "
                                "50 requests failed meanwhile, all of the traffic for 5.0 s");

  /* Over at the revive: the finish adds nothing. */
  g_assert_cmpuint (count (run, SB_CAPTION_INCIDENT), ==, 1);
  c = caption (run, SB_CAPTION_INCIDENT, 0);
  g_assert_false (c->open);
  g_assert_cmpint (c->time, ==, US (15));
  g_assert_cmpint (c->failed, ==, 50);
  g_assert_cmpuint (c->failed, ==, counters (run->sim)->failed);
  g_assert_cmpstr (c->text, ==, "Everything is back up: 50 requests failed meanwhile, "
                                "half of the traffic for 10.0 s");

  /* Checks at 16 and 18 s pass: traffic again from 18 s. */
  c = caption (run, SB_CAPTION_MARKED_UP, 0);
  g_assert_cmpint (c->time, ==, US (18));
  g_assert_cmpint (c->since, ==, US (15));
  g_assert_cmpint (c->checks, ==, 2);
  g_assert_cmpstr (c->text, ==, "The load balancer sends traffic to Server 1 again: "
                                "2 checks passed, 3.0 s after it came back");
}

static void
test_redispatch (void)
{
  g_autoptr(Run) run = run_new ("distributed", 10, 1, 0.001);
  const SbCaption *c;

  sb_sim_set_redispatch (run->sim, TRUE);
  kill_at (run->sim, 5, "web-1");
  run_to (run->sim, 12);
  c = caption (run, SB_CAPTION_MARKED_DOWN, 0);
  g_assert_cmpint (c->failed, ==, 0);
  g_assert_cmpint (c->requests, ==, 50);
  g_assert_cmpstr (c->text, ==, "The load balancer marks Server 1 down. 3 checks failed: "
                                "no request failed in those 5.0 s");
  g_assert_cmpuint (count (run, SB_CAPTION_FIRST_FAILURE), ==, 0);
}

/* Two incidents on one server: together, every failure of the run. */
static void
test_incidents (void)
{
  g_autoptr(Run) run = run_new ("one-server", 10, 0.8, 0);
  gint64 total = 0;

  kill_at (run->sim, 10, "server-1");
  revive_at (run->sim, 20, "server-1");
  kill_at (run->sim, 30, "db-1");
  kill_at (run->sim, 32, "web-1");
  revive_at (run->sim, 35, "db-1");
  run_to (run->sim, 40);
  /* web-1 is still down: the second incident is still going. */
  g_assert_cmpuint (count (run, SB_CAPTION_INCIDENT), ==, 1);
  sb_narrator_finish (run->narrator, run->sim);
  g_assert_cmpuint (count (run, SB_CAPTION_INCIDENT), ==, 2);
  for (guint i = 0; i < 2; i++)
    total += caption (run, SB_CAPTION_INCIDENT, i)->failed;
  g_assert_cmpint (caption (run, SB_CAPTION_INCIDENT, 0)->since, ==, US (10));
  g_assert_cmpint (caption (run, SB_CAPTION_INCIDENT, 1)->since, ==, US (30));
  g_assert_cmpstr (caption (run, SB_CAPTION_INCIDENT, 1)->subject, ==, "db-1");
  g_assert_true (caption (run, SB_CAPTION_INCIDENT, 1)->open);
  g_assert_cmpint (total, ==, (gint64) counters (run->sim)->failed);
  g_assert_cmpint (total, >, 100);
  g_assert_cmpstr (caption (run, SB_CAPTION_KILLED, 0)->text, ==,
                   "Server 1 failed, and everything on it");
  g_assert_cmpstr (caption (run, SB_CAPTION_REVIVED, 0)->text, ==, "Server 1 is back up");
  g_assert_cmpstr (caption (run, SB_CAPTION_KILLED, 1)->text, ==, "MySQL on Server 1 failed");
}

/* --- the virtual IP, monitoring, replication, firewalls --------------- */

static void
test_vip (void)
{
  g_autoptr(Run) run = run_new ("scale-up", 10, 1, 0);
  const SbCaption *c;

  kill_at (run->sim, 10, "lb-1");
  sb_sim_advance_to (run->sim, US (10) + SB_SIM_VRRP_DETECTION);
  /* Every request that reached LB 1 failed; the other two were already on
   * their way back to the browsers. */
  c = caption (run, SB_CAPTION_VIP_MOVED, 0);
  g_assert_cmpint (c->time, ==, US (10) + SB_SIM_VRRP_DETECTION);
  g_assert_cmpstr (c->subject, ==, "lb-2");
  g_assert_cmpint (c->since, ==, US (10));
  g_assert_cmpint (c->failed, ==, 51);
  g_assert_cmpint (c->failed, ==, (gint64) sb_sim_get_failures_at (run->sim, "lb-1"));
  g_assert_cmpint (c->requests, ==, 53);
  g_assert_cmpstr (c->text, ==, "The virtual IP moved to HAProxy on LB 2: 51 requests failed "
                                "meanwhile, 96 % of the traffic for 3.6 s");
  /* Three more were on their way to the old address. */
  run_to (run->sim, 14);
  g_assert_cmpuint (sb_sim_get_failures_at (run->sim, "lb-1"), ==, 54);

  revive_at (run->sim, 25, "lb-1");
  run_to (run->sim, 30);
  c = caption (run, SB_CAPTION_VIP_MOVED, 1);
  g_assert_cmpint (c->time, ==, US (25) + SB_SIM_VRRP_DETECTION);
  g_assert_cmpint (c->failed, ==, -1);
  g_assert_cmpstr (c->text, ==, "The virtual IP moved back to HAProxy on LB 1");
}

static void
test_alerts (void)
{
  g_autoptr(Run) run = run_new ("secured-monitored", 10, 1, 0);
  const SbCaption *c;

  /* The report of 10 s came first; the next one, at 11 s, tells. */
  kill_at (run->sim, 10, "app-1");
  revive_at (run->sim, 25, "app-1");
  kill_at (run->sim, 30, "server-2");
  run_to (run->sim, 40);

  c = caption (run, SB_CAPTION_ALERT, 0);
  g_assert_cmpint (c->time, ==, US (11));
  g_assert_cmpint (c->since, ==, US (10));
  g_assert_cmpstr (c->subject, ==, "app-1");
  g_assert_cmpstr (c->text, ==, "Monitoring alert: Application server on Server 1 is down, "
                                "1.0 s after it failed");
  c = caption (run, SB_CAPTION_ALERT_CLEARED, 0);
  g_assert_cmpint (c->time, ==, US (26));
  g_assert_cmpstr (c->text, ==, "Monitoring: Application server on Server 1 is fine again");

  /* A dead machine's agent goes silent: 3 reports missed. */
  c = caption (run, SB_CAPTION_ALERT, 1);
  g_assert_cmpint (c->time, ==, US (33));
  g_assert_cmpstr (c->subject, ==, "server-2");
  g_assert_cmpstr (c->text, ==, "Monitoring alert: no data from Server 2, 3.0 s after it failed");
}

static void
test_promote (void)
{
  g_autoptr(Run) run = run_new ("distributed", 10, 0.5, 0);
  const SbCaption *c;

  kill_at (run->sim, 5, "db-1");
  promote_at (run->sim, 15, "db-2");
  c = caption (run, SB_CAPTION_PROMOTED, 0);
  g_assert_cmpstr (c->subject, ==, "db-2");
  g_assert_cmpint (c->since, ==, US (5));
  g_assert_cmpint (c->failed, ==, 54);
  g_assert_cmpuint (c->failed, ==, counters (run->sim)->writes_failed);
  g_assert_cmpstr (c->text, ==, "MySQL on Server 2 is now the primary: writes go to it. "
                                "54 writes failed in the 10.0 s without a primary");
}

/* The replica missed the writes of 5 to 8 s, and the primary that had them
 * is gone: promoting loses them, and the caption says how many. */
static void
test_lost_writes (void)
{
  g_autoptr(Run) run = run_new ("distributed", 10, 0.5, 0);
  g_autofree char *expected = NULL;
  const SbCaption *c;

  kill_at (run->sim, 5, "db-2");
  kill_at (run->sim, 8, "db-1");
  revive_at (run->sim, 9, "db-2");
  promote_at (run->sim, 10, "db-2");
  g_assert_cmpuint (counters (run->sim)->lost_writes, ==, 21);
  c = caption (run, SB_CAPTION_PROMOTED, 0);
  g_assert_cmpstr (c->text, ==, "MySQL on Server 2 is now the primary: writes go to it. "
                                "10 writes failed in the 2.0 s without a primary. "
                                "21 writes the old primary never sent are lost");

  /* Promoting back loses nothing more: the count is per promotion. */
  revive_at (run->sim, 12, "db-1");
  run_to (run->sim, 14);
  promote_at (run->sim, 14, "db-1");
  c = caption (run, SB_CAPTION_PROMOTED, 1);
  g_assert_cmpstr (c->text, ==, "MySQL on Server 1 is now the primary: writes go to it");
}

static void
test_stale_read (void)
{
  g_autoptr(Run) run = run_new ("distributed", 10, 0.5, 0);
  const SbCaption *c;
  guint64 first = 0;

  run_to (run->sim, 30);
  g_assert_cmpuint (count (run, SB_CAPTION_STALE_READ), ==, 1);
  g_assert_cmpuint (counters (run->sim)->stale_reads, >, 1);
  for (guint64 s = 0; s < sb_sim_get_events_end (run->sim) && first == 0; s++)
    {
      const SbSimEvent *ev = sb_sim_get_event (run->sim, s);

      if (ev->kind == SB_SIM_EVENT_REQUEST && ev->ok && ev->stale)
        first = ev->request;
    }
  c = caption (run, SB_CAPTION_STALE_READ, 0);
  g_assert_cmpint (c->request, ==, (gint64) first);
  g_assert_cmpint (c->request, ==, 4);
  g_assert_cmpstr (c->subject, ==, "db-2");
  g_assert_cmpstr (c->text, ==, "First stale read: request #4 got data from MySQL on "
                                "Server 2 before the latest write reached it (replication lag 0.5 s)");
}

static void
test_firewall (void)
{
  g_autoptr(Run) run = run_new ("secured-monitored", 1, 0.8, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_sim_set_firewall_open (run->sim, "fw-1", TRUE, &error));
  g_assert_true (sb_sim_set_firewall_open (run->sim, "fw-1", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (caption (run, SB_CAPTION_FIREWALL_OPENED, 0)->text, ==,
                   "Firewall on Server 1 opened: every port behind it can be reached from the Internet");
  g_assert_cmpstr (caption (run, SB_CAPTION_FIREWALL_CLOSED, 0)->text, ==,
                   "Firewall on Server 1 closed again");
  g_assert_cmpuint (count (run, SB_CAPTION_INCIDENT), ==, 0);
}

/* --- what a script says, and the bookkeeping ------------------------------ */

static void
test_settings_and_names (void)
{
  g_autoptr(Run) run = run_new ("distributed", 1, 0.8, 0);
  const SbScenario *s = sb_sim_get_scenario (run->sim);
  g_autofree char *web = sb_narrator_element_name (s, "web-2");
  g_autofree char *host = sb_narrator_element_name (s, "server-2");
  g_autofree char *lb = sb_narrator_element_name (s, "lb");
  g_autofree char *unknown = sb_narrator_element_name (s, "nope");

  g_assert_cmpstr (web, ==, "Nginx on Server 2");
  g_assert_cmpstr (host, ==, "Server 2");
  g_assert_cmpstr (lb, ==, "Load balancer (HAProxy)");
  g_assert_cmpstr (unknown, ==, "nope");

  sb_narrator_setting (run->narrator, run->sim, SB_SCRIPT_ACTION_MODE, SB_MODE_ACTIVE_PASSIVE);
  sb_narrator_setting (run->narrator, run->sim, SB_SCRIPT_ACTION_ALGORITHM, SB_ALGORITHM_SOURCE);
  g_assert_cmpstr (caption (run, SB_CAPTION_MODE, 0)->text, ==,
                   "The load balancer switches to active-passive: only the first server takes "
                   "traffic, the others wait as backups");
  g_assert_cmpstr (caption (run, SB_CAPTION_ALGORITHM, 0)->text, ==,
                   "The load balancer now uses source: the same server for the same visitor address");
  g_assert_null (caption (run, SB_CAPTION_MODE, 0)->subject);
  g_assert_true (sb_narrator_get_latest (run->narrator) == caption (run, SB_CAPTION_ALGORITHM, 0));
}

static void
count_calls (SbNarrator      *narrator,
             const SbCaption *c,
             gpointer         user_data)
{
  GArray *seqs = user_data;

  g_assert_true (sb_narrator_get_latest (narrator) == c);
  g_array_append_val (seqs, c->seq);
}

/* The last SB_NARRATOR_KEPT captions stay; the function sees them all. */
static void
test_kept (void)
{
  g_autoptr(Run) run = run_new ("secured-monitored", 1, 0.8, 0);
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 end;

  sb_narrator_set_caption_func (run->narrator, count_calls, seqs);
  for (guint i = 0; i < 200; i++)
    {
      g_assert_true (sb_sim_set_firewall_open (run->sim, "fw-1", TRUE, NULL));
      g_assert_true (sb_sim_set_firewall_open (run->sim, "fw-1", FALSE, NULL));
    }
  end = sb_narrator_get_end (run->narrator);
  g_assert_cmpuint (end, ==, 400);
  g_assert_cmpuint (seqs->len, ==, 400);
  for (guint i = 0; i < seqs->len; i++)
    g_assert_cmpuint (g_array_index (seqs, guint64, i), ==, i);
  g_assert_cmpuint (sb_narrator_get_first (run->narrator), ==, end - SB_NARRATOR_KEPT);
  g_assert_null (sb_narrator_get_caption (run->narrator, end - SB_NARRATOR_KEPT - 1));
  g_assert_null (sb_narrator_get_caption (run->narrator, end));
  g_assert_cmpuint (sb_narrator_get_latest (run->narrator)->seq, ==, end - 1);
  g_assert_cmpint (sb_narrator_get_latest (run->narrator)->kind, ==, SB_CAPTION_FIREWALL_CLOSED);
}

/* Attached to a new sim (a reset, a step back): nothing of the old one. */
static void
test_attach_again (void)
{
  g_autoptr(Run) run = twin_run (SB_MODE_ACTIVE_ACTIVE);
  g_autoptr(SbScenario) scenario = load_scenario ("distributed");
  g_autoptr(SbSim) fresh = sb_sim_new (scenario);
  guint64 end;

  run_to (run->sim, 12);
  end = sb_narrator_get_end (run->narrator);
  g_assert_cmpuint (end, ==, 3);
  sb_sim_set_event_func (run->sim, NULL, NULL);
  sb_narrator_attach (run->narrator, fresh);
  g_assert_cmpuint (sb_narrator_get_first (run->narrator), ==, end);
  g_assert_null (sb_narrator_get_latest (run->narrator));
  sb_narrator_finish (run->narrator, fresh);
  g_assert_cmpuint (sb_narrator_get_end (run->narrator), ==, end);
  kill_at (fresh, 1, "db-2");
  g_assert_cmpuint (sb_narrator_get_end (run->narrator), ==, end + 1);
  g_assert_cmpstr (sb_narrator_get_latest (run->narrator)->subject, ==, "db-2");
  sb_sim_set_event_func (fresh, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/narrator/event-func", test_event_func);
  g_test_add_func ("/sim/narrator/marked-down/active-active", test_marked_down_active_active);
  g_test_add_func ("/sim/narrator/marked-down/active-passive", test_marked_down_active_passive);
  g_test_add_func ("/sim/narrator/marked-down/redispatch", test_redispatch);
  g_test_add_func ("/sim/narrator/incidents", test_incidents);
  g_test_add_func ("/sim/narrator/vip", test_vip);
  g_test_add_func ("/sim/narrator/alerts", test_alerts);
  g_test_add_func ("/sim/narrator/promote", test_promote);
  g_test_add_func ("/sim/narrator/lost-writes", test_lost_writes);
  g_test_add_func ("/sim/narrator/stale-read", test_stale_read);
  g_test_add_func ("/sim/narrator/firewall", test_firewall);
  g_test_add_func ("/sim/narrator/settings-and-names", test_settings_and_names);
  g_test_add_func ("/sim/narrator/kept", test_kept);
  g_test_add_func ("/sim/narrator/attach-again", test_attach_again);
  return g_test_run ();
}
