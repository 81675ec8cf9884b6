/* twin-tool.c — the Stackboard side of the HAProxy + Nginx twin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/twin/twin.py runs real HAProxy and Nginx processes on loopback and
 * asks this program for the two things that must come from Stackboard's
 * own code, so that the twin holds the code to the truth and not a copy of
 * it:
 *
 *   twin-tool config DIR [CASE] --frontend ADDR:PORT --server HOST=ADDR:PORT...
 *       writes the scenario's haproxy.cfg and Nginx sites (src/config),
 *       pointed at the given loopback addresses;
 *   twin-tool simulate [CASE] --requests N [--kill HOST@T] [--revive HOST@T]
 *       runs the same case in the simulation (src/sim) and prints, as JSON,
 *       what the twin measures: successes per backend, failures, and the
 *       first and last failure.
 *
 * CASE: --algorithm A --mode M --redispatch --rate R --interval S
 *       --client-ip IP (the address of the first browser).
 *
 * Both start from the same scenario, "distributed", changed the same way:
 * only reads (the twin has no database), hops of 1 ms (a request crosses
 * loopback in well under that; 1 ms is the scenario format's smallest
 * step), the browsers at the client's loopback addresses.  Killing HOST
 * kills its Nginx (web-N), as the twin sends SIGKILL to Nginx only.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "config/sb-config.h"
#include "model/sb-scenario.h"
#include "sim/sb-sim.h"

typedef struct {
  char     *algorithm;
  char     *mode;
  gboolean  redispatch;
  double    rate;
  double    interval;
  char     *client_ip;
  /* config */
  char     *frontend;
  char    **servers;
  /* simulate */
  int       requests;
  char    **kill;
  char    **revive;
} TwinArgs;

static void
twin_args_clear (TwinArgs *a)
{
  g_free (a->algorithm);
  g_free (a->mode);
  g_free (a->client_ip);
  g_free (a->frontend);
  g_strfreev (a->servers);
  g_strfreev (a->kill);
  g_strfreev (a->revive);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TwinArgs, twin_args_clear)

static gboolean
parse_args (int       *argc,
            char    ***argv,
            TwinArgs  *a,
            GError   **error)
{
  const GOptionEntry entries[] = {
    { "algorithm", 0, 0, G_OPTION_ARG_STRING, &a->algorithm, "roundrobin|leastconn|source", "A" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &a->mode, "active-active|active-passive", "M" },
    { "redispatch", 0, 0, G_OPTION_ARG_NONE, &a->redispatch, "retries 1 + option redispatch", NULL },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &a->rate, "requests per second", "R" },
    { "interval", 0, 0, G_OPTION_ARG_DOUBLE, &a->interval, "health check interval", "S" },
    { "client-ip", 0, 0, G_OPTION_ARG_STRING, &a->client_ip, "address of the first browser", "IP" },
    { "frontend", 0, 0, G_OPTION_ARG_STRING, &a->frontend, "HAProxy's bind address", "ADDR:PORT" },
    { "server", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->servers, "a host's Nginx address", "HOST=ADDR:PORT" },
    { "requests", 0, 0, G_OPTION_ARG_INT, &a->requests, "requests counted", "N" },
    { "kill", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->kill, "kill HOST's Nginx at T", "HOST@T" },
    { "revive", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->revive, "revive HOST's Nginx at T", "HOST@T" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("config DIR | simulate");

  g_option_context_add_main_entries (context, entries, NULL);
  return g_option_context_parse (context, argc, argv, error);
}

/* "distributed" as both sides of the twin run it (see the top comment). */
static SbScenario *
twin_scenario (const TwinArgs *a,
               GError        **error)
{
  g_autoptr(SbScenario) s = sb_scenario_load_bundled ("distributed", error);
  SbComponent *user;

  if (s == NULL)
    return NULL;
  if (a->algorithm && !sb_algorithm_from_string (a->algorithm, &s->balancer.algorithm))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "bad --algorithm %s", a->algorithm);
  else if (a->mode && !sb_mode_from_string (a->mode, &s->balancer.mode))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "bad --mode %s", a->mode);
  if (error && *error)
    return NULL;
  s->balancer.redispatch = a->redispatch;
  if (a->rate > 0)
    s->traffic.rate = a->rate;
  if (a->interval > 0)
    s->balancer.interval = a->interval;
  s->traffic.read_ratio = 1.0;
  s->hop = SB_SCENARIO_MIN_STEP;
  user = (SbComponent *) sb_scenario_find_kind (s, SB_KIND_CLIENT, NULL);
  if (user && a->client_ip)
    {
      g_free (user->ip);
      user->ip = g_strdup (a->client_ip);
    }
  return g_steal_pointer (&s);
}

static int
run_config (const TwinArgs   *a,
            const SbScenario *s,
            const char       *dir)
{
  g_autoptr(GHashTable) servers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  SbConfigOptions options = { a->frontend, servers, TRUE };
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; a->servers && a->servers[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (a->servers[i], "=", 2);

      if (g_strv_length (kv) != 2)
        {
          g_printerr ("twin-tool: --server %s: expected HOST=ADDR:PORT\n", a->servers[i]);
          return 1;
        }
      g_hash_table_insert (servers, g_strdup (kv[0]), g_strdup (kv[1]));
    }
  files = sb_config_generate_with (s, &options);
  if (!sb_config_write (files, dir, &error))
    {
      g_printerr ("twin-tool: %s\n", error->message);
      return 1;
    }
  return 0;
}

typedef struct {
  gboolean    revive;
  const char *web;     /* the Nginx of the host */
  double      time;
} Action;

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  const Action *x = a, *y = b;

  return (x->time > y->time) - (x->time < y->time);
}

static gboolean
add_actions (GArray            *actions,
             char             **specs,
             gboolean           revive,
             const SbScenario  *s)
{
  for (guint i = 0; specs && specs[i]; i++)
    {
      const char *at = strrchr (specs[i], '@');
      g_autofree char *host = at ? g_strndup (specs[i], at - specs[i]) : NULL;
      const SbComponent *web = host ? sb_scenario_find_kind (s, SB_KIND_WEB_SERVER, host) : NULL;
      Action action = { revive, web ? web->id : NULL, at ? g_ascii_strtod (at + 1, NULL) : 0 };

      if (web == NULL)
        {
          g_printerr ("twin-tool: %s: expected HOST@T for a host with an Nginx\n", specs[i]);
          return FALSE;
        }
      g_array_append_val (actions, action);
    }
  return TRUE;
}

/* What the twin measures, from the simulation's log. */
typedef struct {
  const SbScenario *scenario;
  guint64    last_seq;
  int        requests;     /* only requests 1..requests count */
  int        succeeded;
  int        failed;
  double     first_failure;
  double     last_failure;
  GHashTable *served;      /* host → count */
  GHashTable *failed_at;   /* element → count */
  JsonBuilder *backend_events;
  guint       by_client[64]; /* browser → bit k: backend k answered it (the twin
                              * has 8 browsers and 2 backends) */
} Figures;

static void
count (GHashTable *table,
       const char *key)
{
  gpointer old = g_hash_table_lookup (table, key);

  g_hash_table_insert (table, (gpointer) key, GINT_TO_POINTER (GPOINTER_TO_INT (old) + 1));
}

static guint
backend_index (const SbScenario *s,
               const char       *host)
{
  guint i;

  for (i = 0; i < s->balancer.backends->len; i++)
    if (g_str_equal (g_ptr_array_index (s->balancer.backends, i), host))
      break;
  return i;
}

/* [["server-2"], ["server-1"], ...]: who answered each browser. */
static void
add_by_client (JsonBuilder      *b,
               const Figures    *f,
               const SbScenario *s)
{
  json_builder_set_member_name (b, "by_client");
  json_builder_begin_array (b);
  for (int c = 0; c < MIN (s->traffic.clients, (int) G_N_ELEMENTS (f->by_client)); c++)
    {
      json_builder_begin_array (b);
      for (guint k = 0; k < MIN (s->balancer.backends->len, 32); k++)
        if (f->by_client[c] & (1u << k))
          json_builder_add_string_value (b, g_ptr_array_index (s->balancer.backends, k));
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

static void
read_log (SbSim   *sim,
          Figures *f)
{
  guint64 end = sb_sim_get_events_end (sim);

  /* Read every second of simulated time: far fewer than the 1024 kept. */
  g_assert (sb_sim_get_events_first (sim) <= f->last_seq);
  for (; f->last_seq < end; f->last_seq++)
    {
      const SbSimEvent *ev = sb_sim_get_event (sim, f->last_seq);
      double t = (double) ev->time / SB_SIM_USEC_PER_SEC;

      if (ev->kind == SB_SIM_EVENT_BACKEND)
        {
          json_builder_begin_array (f->backend_events);
          json_builder_add_double_value (f->backend_events, t);
          json_builder_add_string_value (f->backend_events, ev->element);
          json_builder_add_string_value (f->backend_events, ev->label);
          json_builder_end_array (f->backend_events);
        }
      if (ev->kind != SB_SIM_EVENT_REQUEST || ev->request > (guint64) f->requests)
        continue;
      if (ev->ok)
        {
          f->succeeded++;
          count (f->served, ev->element);
          if (ev->client < G_N_ELEMENTS (f->by_client)
              && backend_index (f->scenario, ev->element) < 32)
            f->by_client[ev->client] |= 1u << backend_index (f->scenario, ev->element);
          continue;
        }
      if (f->failed++ == 0)
        f->first_failure = t;
      f->last_failure = t;
      count (f->failed_at, ev->element ? ev->element : "?");
    }
}

static void
add_table (JsonBuilder *b,
           const char  *name,
           GHashTable  *table,
           const char * const *always)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) g_strcmp0);

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint i = 0; always && always[i]; i++)
    if (!g_hash_table_contains (table, always[i]))
      {
        json_builder_set_member_name (b, always[i]);
        json_builder_add_int_value (b, 0);
      }
  for (GList *l = keys; l; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_int_value (b, GPOINTER_TO_INT (g_hash_table_lookup (table, l->data)));
    }
  json_builder_end_object (b);
}

static void
add_time (JsonBuilder *b,
          const char  *name,
          gboolean     known,
          double       t)
{
  json_builder_set_member_name (b, name);
  if (known)
    json_builder_add_double_value (b, t);
  else
    json_builder_add_null_value (b);
}

static void
print_figures (Figures          *f,
               const SbScenario *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree const char **hosts = g_new0 (const char *, s->balancer.backends->len + 1);

  for (guint i = 0; i < s->balancer.backends->len; i++)
    hosts[i] = g_ptr_array_index (s->balancer.backends, i);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "requests");
  json_builder_add_int_value (b, f->requests);
  json_builder_set_member_name (b, "succeeded");
  json_builder_add_int_value (b, f->succeeded);
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, f->failed);
  add_table (b, "served_by", f->served, hosts);
  add_table (b, "failed_at", f->failed_at, NULL);
  add_time (b, "first_failure", f->failed > 0, f->first_failure);
  add_time (b, "last_failure", f->failed > 0, f->last_failure);
  add_by_client (b, f, s);
  json_builder_set_member_name (b, "backend_events");
  json_builder_end_array (f->backend_events);
  json_builder_add_value (b, json_builder_get_root (f->backend_events));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

/* Advances to TARGET a second at a time, reading the log on the way. */
static void
advance_reading (SbSim   *sim,
                 Figures *f,
                 double   target)
{
  gint64 end = sb_sim_seconds_to_us (target);

  while (sb_sim_get_time (sim) < end)
    {
      sb_sim_advance_to (sim, MIN (end, sb_sim_get_time (sim) + SB_SIM_USEC_PER_SEC));
      read_log (sim, f);
    }
}

static int
run_simulate (const TwinArgs   *a,
              const SbScenario *s)
{
  g_autoptr(GArray) actions = g_array_new (FALSE, FALSE, sizeof (Action));
  g_autoptr(SbSim) sim = sb_sim_new (s);
  g_autoptr(GHashTable) served = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) failed_at = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonBuilder) events = json_builder_new ();
  Figures f = { s, 0, a->requests, 0, 0, 0, 0, served, failed_at, events, { 0 } };
  /* One second after the last request left, every request has finished. */
  double end = a->requests / s->traffic.rate + 1;

  if (!add_actions (actions, a->kill, FALSE, s) || !add_actions (actions, a->revive, TRUE, s))
    return 1;
  g_array_sort (actions, compare_actions);
  json_builder_begin_array (events);
  for (guint i = 0; i < actions->len; i++)
    {
      const Action *action = &g_array_index (actions, Action, i);

      advance_reading (sim, &f, action->time);
      if (action->revive)
        sb_sim_revive (sim, action->web, NULL);
      else
        sb_sim_kill (sim, action->web, NULL);
    }
  advance_reading (sim, &f, end);
  print_figures (&f, s);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_auto(TwinArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;

  if (!parse_args (&argc, &argv, &args, &error))
    {
      g_printerr ("twin-tool: %s\n", error->message);
      return 1;
    }
  scenario = twin_scenario (&args, &error);
  if (scenario == NULL)
    {
      g_printerr ("twin-tool: %s\n", error->message);
      return 1;
    }
  if (argc == 3 && g_str_equal (argv[1], "config"))
    return run_config (&args, scenario, argv[2]);
  if (argc == 2 && g_str_equal (argv[1], "simulate") && args.requests > 0)
    return run_simulate (&args, scenario);
  g_printerr ("usage: twin-tool config DIR | simulate --requests N [options]\n");
  return 1;
}
