/* sb-sim.h — the discrete-event simulation of a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SbSim runs one scenario on one simulated clock.  Time is an integer
 * number of microseconds since the start (gint64); nothing here reads the
 * wall clock, so the state depends only on the scenario, its seed and the
 * calls made (kill, revive, promote, settings) and the times they were made
 * at.  See docs/simulation.md for the model and every choice made where
 * docs/behaviour.md is silent.
 *
 * Ownership: sb_sim_new() copies the scenario; the caller keeps its own.
 * Every string handed out by the read-only view (ids, reasons) belongs to
 * the sim and lives as long as it does.  The view structs are filled by
 * the sim and stay valid until the next call that changes the sim
 * (advance, kill, revive, promote, sb_sim_set_*).
 *
 * Not thread-safe: use one SbSim from one thread.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"

G_BEGIN_DECLS

#define SB_SIM_ERROR (sb_sim_error_quark ())

typedef enum {
  SB_SIM_ERROR_UNKNOWN_ID,     /* no host or component has this id */
  SB_SIM_ERROR_NOT_ALLOWED,    /* e.g. killing the client, promoting a primary */
} SbSimError;

#define SB_SIM_USEC_PER_SEC   G_GINT64_CONSTANT (1000000)

/* Bounds of what the view keeps; memory does not grow with time. */
#define SB_SIM_EVENTS_KEPT    1024   /* recent events in the log ring */
#define SB_SIM_FAILURES_KEPT  128    /* recent failed requests */
#define SB_SIM_SERIES_SECONDS 600    /* seconds kept in the per-second series */
#define SB_SIM_PATH_MAX       12     /* elements recorded in a finished request's path */
/* Requests in flight at once, whatever the rate and the hop: a request
 * that arrives while so many are in flight is refused (timed out, as its
 * browser would see it, without waiting the timeout).  At the highest
 * rate (1000/s) a request of the bundled scenarios takes 2.5 s, 2500 in
 * flight; this leaves room for four times as many. */
#define SB_SIM_MAX_IN_FLIGHT  10000
/* A request in flight for this long fails, timed out: how long Firefox
 * (network.http.response.timeout) and Chrome wait for an answer. */
#define SB_SIM_REQUEST_TIMEOUT G_GINT64_CONSTANT (300000000)  /* µs: 300 s */

/* keepalived's VRRP: the backup takes the virtual IP when it has heard
 * nothing from the master for 3 adverts (advert_int 1 s) plus a skew of
 * (256 - priority) / 256 s at the backup's priority 100. */
#define SB_SIM_VRRP_DETECTION G_GINT64_CONSTANT (3609375)   /* µs */
/* Monitoring agents report every second; an agent silent for 3 reports
 * raises a "no data" alert. */
#define SB_SIM_METRICS_INTERVAL G_GINT64_CONSTANT (1000000) /* µs */
#define SB_SIM_METRICS_SILENCE 3

typedef struct _SbSim SbSim;

typedef enum {
  SB_REQUEST_READ,
  SB_REQUEST_WRITE,
} SbRequestType;

typedef enum {
  SB_DIRECTION_REQUEST,     /* towards the database */
  SB_DIRECTION_RESPONSE,    /* back towards the client */
} SbDirection;

/* Why a request failed; sb_failure_reason_to_string() gives the text used
 * in the counters and the CLI ("connection refused", ...). */
typedef enum {
  SB_FAILURE_NONE,
  SB_FAILURE_CANNOT_RESOLVE,        /* at dns */
  SB_FAILURE_CONNECTION_REFUSED,    /* a dead component (not its host) */
  SB_FAILURE_HOST_UNREACHABLE,      /* a dead host */
  SB_FAILURE_NO_SERVER,             /* at lb: no backend UP (HTTP 503) */
  SB_FAILURE_DATABASE_UNAVAILABLE,  /* at an application server */
  SB_FAILURE_FILES_MISSING,         /* at the application files (code) */
  SB_FAILURE_CONNECTION_RESET,      /* killed while the request was inside */
  SB_FAILURE_READ_ONLY,             /* a write reached a database demoted meanwhile */
  SB_FAILURE_TIMED_OUT,             /* in flight for SB_SIM_REQUEST_TIMEOUT, or no room */
  SB_FAILURE_N
} SbFailureReason;

/* True state of an element. */
typedef enum {
  SB_ELEMENT_UP,
  SB_ELEMENT_DOWN,           /* killed itself */
  SB_ELEMENT_HOST_DOWN,      /* not killed, but its host is */
} SbElementState;

/* The load balancer's view of one backend, as HAProxy's stats page shows it. */
typedef enum {
  SB_CHECK_STATE_UP,
  SB_CHECK_STATE_GOING_DOWN,  /* still UP, count/fall checks failed */
  SB_CHECK_STATE_DOWN,
  SB_CHECK_STATE_GOING_UP,    /* still DOWN, count/rise checks passed */
} SbCheckState;

typedef struct {
  guint64         id;            /* 1, 2, 3... in order of arrival */
  SbRequestType   type;
  guint           client;        /* 0 .. clients-1 */
  const char     *from;          /* element id the current hop leaves */
  const char     *to;            /* element id it goes to */
  double          progress;      /* 0..1 along the hop at the current time */
  SbDirection     direction;
  gboolean        retrying;      /* going back to the LB to be redispatched */
  const char     *backend;       /* host id the LB chose, or NULL */
  gint64          started;       /* µs */
} SbSimRequestView;

typedef struct {
  const char     *host;          /* backend host id */
  SbCheckState    state;
  gboolean        up;            /* the LB sends traffic: UP or GOING_DOWN */
  int             count;         /* n in "UP n/fall" or "DOWN n/rise", else 0 */
  int             of;            /* fall or rise, else 0 */
  gboolean        backup;        /* HAProxy "backup" server (active-passive) */
  guint           in_flight;     /* requests the LB has on it (leastconn's count) */
  char            label[16];     /* "UP", "UP 1/3", "DOWN", "DOWN 1/2" */
} SbSimBackendView;

typedef struct {
  const char     *id;
  SbDbRole        role;          /* current role: promote changes it */
  gboolean        up;
  gint64          version;       /* writes applied (the primary: committed) */
  gint64          behind;        /* primary's version minus this one, >= 0 */
} SbSimDatabaseView;

typedef enum {
  SB_SIM_EVENT_REQUEST,          /* a request finished: ok or failed */
  SB_SIM_EVENT_KILL,
  SB_SIM_EVENT_REVIVE,
  SB_SIM_EVENT_PROMOTE,
  SB_SIM_EVENT_BACKEND,          /* the LB's view of a backend changed state */
  SB_SIM_EVENT_FIREWALL,         /* a firewall opened (ok) or closed again */
  SB_SIM_EVENT_VIP,              /* the virtual IP moved to `element` */
  SB_SIM_EVENT_ALERT,            /* the monitoring service raised (ok FALSE) or
                                  * cleared (ok TRUE) an alert on `element` */
} SbSimEventKind;

/* What the monitoring service alerts on. */
typedef enum {
  SB_ALERT_DOWN,                 /* an agent reports the element stopped */
  SB_ALERT_NO_DATA,              /* a host's agent stopped reporting */
} SbAlertKind;

typedef struct {
  const char     *element;       /* the component down, or the silent host */
  SbAlertKind     kind;
  gint64          since;         /* µs */
} SbSimAlertView;

typedef struct {
  guint64          seq;          /* 0, 1, 2... never reused */
  gint64           time;         /* µs */
  SbSimEventKind   kind;
  const char      *element;      /* KILL/REVIVE/PROMOTE: the element; BACKEND: the
                                  * host; REQUEST: where it failed, or the backend
                                  * host that served it (NULL without one) */
  /* REQUEST only */
  guint64          request;
  SbRequestType    type;
  guint            client;
  gboolean         ok;
  SbFailureReason  reason;
  gboolean         stale;        /* a read served by a lagging replica */
  gint64           latency;      /* µs, successes only */
  guint            path_len;
  const char      *path[SB_SIM_PATH_MAX];  /* elements reached, in order */
  /* ALERT only */
  SbAlertKind      alert;
  /* BACKEND only */
  SbCheckState     state;
  char             label[16];
} SbSimEvent;

typedef struct {
  guint64 requests;
  guint64 succeeded;
  guint64 failed;
  guint64 in_flight;             /* always requests - succeeded - failed */
  guint64 reads;
  guint64 writes;
  guint64 reads_succeeded;
  guint64 reads_failed;
  guint64 writes_succeeded;
  guint64 writes_failed;
  guint64 stale_reads;
  guint64 dns_lookups;           /* answers given by dns */
  guint64 redispatched;          /* requests sent back to the LB for a retry */
  guint64 lost_writes;           /* committed, then lost by a promotion */
  guint64 reasons[SB_FAILURE_N];
} SbSimCounters;

typedef void (*SbSimRequestFunc) (const SbSimRequestView *request,
                                  gpointer                user_data);
/* Called once for each event the log records, complete and in order, as
 * it happens: unlike the ring, which keeps the last SB_SIM_EVENTS_KEPT, it
 * misses none however far one call advances.  It may read the sim (the
 * view, the counters, the scenario) but must not change it. */
typedef void (*SbSimEventFunc)   (SbSim                  *sim,
                                  const SbSimEvent       *event,
                                  gpointer                user_data);

GQuark            sb_sim_error_quark          (void);
const char       *sb_failure_reason_to_string (SbFailureReason reason);
const char       *sb_check_state_to_string    (SbCheckState    state);
gint64            sb_sim_seconds_to_us        (double          seconds);

/* Lifecycle.  The new sim is at time 0 with the events due at time 0
 * (the first health check) already processed. */
SbSim            *sb_sim_new                  (const SbScenario *scenario);
void              sb_sim_free                 (SbSim            *self);
/* The sim's own copy, kept in step with the sb_sim_set_* calls. */
const SbScenario *sb_sim_get_scenario         (SbSim            *self);

/* Time.  Both process, in (time, order of scheduling), every event due at
 * or before the target, then set the clock to the target; the result does
 * not depend on how a span is cut into calls.  Accumulate a frame clock
 * in µs (or use advance_to with a target computed from the total) so
 * rounding does not drift. */
void              sb_sim_advance              (SbSim            *self,
                                               gint64            dt_us);
void              sb_sim_advance_to           (SbSim            *self,
                                               gint64            time_us);
/* Processes the next pending event only (moving the clock to it); FALSE
 * when nothing is pending.  For step-by-step tests and debugging. */
gboolean          sb_sim_step                 (SbSim            *self);
gint64            sb_sim_get_time             (SbSim            *self);
/* Events handled since sb_sim_new() (arrivals, hops, health checks,
 * replication applies; not the log below): the work done, so a
 * benchmark can report events per second. */
guint64           sb_sim_get_n_events         (SbSim            *self);
/* When a request next arrives or moves to its next hop; -1 if never. */
gint64            sb_sim_get_next_hop_time    (SbSim            *self);

/* Actions at the current time.  Killing an element already down, or
 * reviving one that is up, does nothing and succeeds. */
gboolean          sb_sim_kill                 (SbSim            *self,
                                               const char       *id,
                                               GError          **error);
gboolean          sb_sim_revive               (SbSim            *self,
                                               const char       *id,
                                               GError          **error);
/* Makes a replica that is up the primary; the old primary becomes a
 * replica of it (see docs/simulation.md). */
gboolean          sb_sim_promote              (SbSim            *self,
                                               const char       *id,
                                               GError          **error);

/* A firewall opened lets every port through: traffic flows as before, but
 * the machines behind it are exposed.  Fails for an element that is not a
 * firewall. */
gboolean          sb_sim_set_firewall_open    (SbSim            *self,
                                               const char       *id,
                                               gboolean          open,
                                               GError          **error);
gboolean          sb_sim_is_firewall_open     (SbSim            *self,
                                               const char       *id);

/* The load balancer that holds the public (virtual) IP: the one the
 * requests go to; NULL without a load balancer. */
const char       *sb_sim_get_active_load_balancer (SbSim        *self);

/* The monitoring service's alerts, oldest first; none without a
 * monitoring service, or while it is down. */
guint             sb_sim_get_n_alerts         (SbSim            *self);
gboolean          sb_sim_get_alert            (SbSim            *self,
                                               guint             index,
                                               SbSimAlertView   *view);

/* Settings, live; each takes effect at the current time. */
void              sb_sim_set_algorithm        (SbSim            *self,
                                               SbAlgorithm       algorithm);
void              sb_sim_set_mode             (SbSim            *self,
                                               SbMode            mode);
void              sb_sim_set_check            (SbSim            *self,
                                               SbCheckType       check);
void              sb_sim_set_interval         (SbSim            *self,
                                               double            seconds);
void              sb_sim_set_rise_fall        (SbSim            *self,
                                               int               rise,
                                               int               fall);
void              sb_sim_set_redispatch       (SbSim            *self,
                                               gboolean          redispatch);
void              sb_sim_set_rate             (SbSim            *self,
                                               double            rate);
void              sb_sim_set_arrival          (SbSim            *self,
                                               SbArrival         arrival);
void              sb_sim_set_read_ratio       (SbSim            *self,
                                               double            read_ratio);
void              sb_sim_set_lag              (SbSim            *self,
                                               double            seconds);
void              sb_sim_set_ttl              (SbSim            *self,
                                               double            seconds);

/* Elements: the scenario's components in order, then its hosts. */
guint             sb_sim_get_n_elements       (SbSim            *self);
const char       *sb_sim_get_element_id       (SbSim            *self,
                                               guint             index);
gboolean          sb_sim_element_is_host      (SbSim            *self,
                                               guint             index);
/* -1 for an unknown id. */
int               sb_sim_find_element         (SbSim            *self,
                                               const char       *id);
SbElementState    sb_sim_get_element_state    (SbSim            *self,
                                               const char       *id);
gboolean          sb_sim_is_up                (SbSim            *self,
                                               const char       *id);

/* Requests in flight, oldest first. */
void              sb_sim_foreach_request      (SbSim            *self,
                                               SbSimRequestFunc  func,
                                               gpointer          user_data);

/* The LB's view; no backends when the scenario has no load balancer. */
guint             sb_sim_get_n_backends       (SbSim            *self);
gboolean          sb_sim_get_backend          (SbSim            *self,
                                               guint             index,
                                               SbSimBackendView *view);

/* Replication. */
const char       *sb_sim_get_primary          (SbSim            *self);
gint64            sb_sim_get_primary_version  (SbSim            *self);
guint             sb_sim_get_n_databases      (SbSim            *self);
gboolean          sb_sim_get_database         (SbSim             *self,
                                               guint              index,
                                               SbSimDatabaseView *view);

/* The log: events with seq in [first, end) are kept; a list model keeps
 * the last seq it showed and appends the ones after it. */
guint64           sb_sim_get_events_first     (SbSim            *self);
guint64           sb_sim_get_events_end       (SbSim            *self);
const SbSimEvent *sb_sim_get_event            (SbSim            *self,
                                               guint64           seq);
/* One function per sim; NULL removes it.  Set it before advancing, right
 * after sb_sim_new(), to see every event (none is logged at time 0). */
void              sb_sim_set_event_func       (SbSim            *self,
                                               SbSimEventFunc    func,
                                               gpointer          user_data);
/* Recently failed requests, index 0 the newest. */
guint             sb_sim_get_n_recent_failures (SbSim           *self);
const SbSimEvent *sb_sim_get_recent_failure   (SbSim            *self,
                                               guint             index);

/* Counters. */
const SbSimCounters *sb_sim_get_counters      (SbSim            *self);
/* Requests that reached the element (components; 0 for hosts). */
guint64           sb_sim_get_handled          (SbSim            *self,
                                               const char       *id);
/* Requests that failed at the element. */
guint64           sb_sim_get_failures_at      (SbSim            *self,
                                               const char       *id);
/* Successes served by the backend host. */
guint64           sb_sim_get_served_by        (SbSim            *self,
                                               const char       *id);
/* Latency of successes (arrival of the request to arrival of the response
 * at the client) at percentile P (0 < P <= 100), nearest rank, 1 ms
 * resolution; FALSE when nothing succeeded yet. */
gboolean          sb_sim_get_latency          (SbSim            *self,
                                               double            percentile,
                                               double           *seconds);
/* Copies the per-second series of the last MAX_LEN seconds (the current,
 * partial second last) and returns how many were copied; *first_second
 * is the second of the first entry.  Seconds before 0 are not reported. */
guint             sb_sim_get_series           (SbSim            *self,
                                               guint             max_len,
                                               gint64           *first_second,
                                               guint32          *successes,
                                               guint32          *failures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSim, sb_sim_free)

G_END_DECLS
