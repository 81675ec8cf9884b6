/* sb-scenario.h — the topology a scenario describes, and its JSON format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain structs with clear ownership: an SbScenario owns its hosts and
 * components (GPtrArray with free funcs) and every string in them.  The
 * model knows JSON and validation, nothing of time, drawing or GTK.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SB_SCENARIO_FORMAT  "stackboard-scenario"
#define SB_SCENARIO_VERSION 1

/* Caps that keep a hostile file from eating memory; see docs/scenario-format.md. */
#define SB_SCENARIO_MAX_FILE_SIZE   (1024 * 1024)  /* bytes */
#define SB_SCENARIO_MAX_HOSTS       64
#define SB_SCENARIO_MAX_COMPONENTS  512
#define SB_SCENARIO_MAX_TEXT        4096           /* characters in one string */
#define SB_SCENARIO_MAX_DEPTH       32             /* nesting of [ and {; json-glib recurses */
#define SB_SCENARIO_MAX_ID          64             /* characters in an id or name */
/* Bounds on settings, so the simulation never gets a value it cannot run. */
#define SB_SCENARIO_MIN_RATE        0.001          /* requests per second: one every 1000 s;
                                                    * nearer 0 the gap overflows the clock */
#define SB_SCENARIO_MAX_RATE        1000.0         /* requests per second */
#define SB_SCENARIO_MAX_CLIENTS     10000
#define SB_SCENARIO_MAX_CHECKS      100            /* health check rise and fall */
#define SB_SCENARIO_MIN_STEP        0.001          /* seconds: hop and check interval */
#define SB_SCENARIO_MAX_SECONDS     86400.0        /* any time setting */
#define SB_SCENARIO_MAX_COORD       100000.0       /* |x| and |y| of a position, in diagram
                                                    * units: a board of two million pixels
                                                    * still draws, 1e308 broke cairo */
#define SB_SCENARIO_MAX_HOST_NAME   253            /* characters in dns.name (RFC 1035) */

#define SB_SCENARIO_DEFAULT         "distributed"  /* bundled scenario opened by default */

#define SB_SCENARIO_ERROR (sb_scenario_error_quark ())

typedef enum {
  SB_SCENARIO_ERROR_PARSE,       /* not JSON, empty, too large, too deep */
  SB_SCENARIO_ERROR_INVALID,     /* JSON, but not a valid scenario */
  SB_SCENARIO_ERROR_NOT_FOUND,   /* unknown bundled scenario name */
} SbScenarioError;

typedef enum {
  SB_KIND_CLIENT,
  SB_KIND_DNS,
  SB_KIND_LOAD_BALANCER,
  SB_KIND_WEB_SERVER,
  SB_KIND_APP_SERVER,
  SB_KIND_CODE,
  SB_KIND_DATABASE,
  SB_KIND_FIREWALL,          /* filters what enters its host */
  SB_KIND_MONITORING_AGENT,  /* reports its host's health to the monitoring service */
  SB_KIND_MONITORING,        /* an outside monitoring service that raises alerts */
  SB_KIND_N
} SbKind;

typedef enum {
  SB_DB_ROLE_NONE,     /* not a database */
  SB_DB_ROLE_PRIMARY,
  SB_DB_ROLE_REPLICA,
} SbDbRole;

typedef enum {
  SB_ALGORITHM_ROUNDROBIN,
  SB_ALGORITHM_LEASTCONN,
  SB_ALGORITHM_SOURCE,
} SbAlgorithm;

typedef enum {
  SB_MODE_ACTIVE_ACTIVE,
  SB_MODE_ACTIVE_PASSIVE,
} SbMode;

typedef enum {
  SB_CHECK_HTTP,
  SB_CHECK_TCP,
} SbCheckType;

typedef enum {
  SB_ARRIVAL_UNIFORM,
  SB_ARRIVAL_POISSON,
} SbArrival;

typedef struct {
  char *id;
  char *label;
  char *ip;            /* may be NULL */
  char *explanation;   /* untranslated English; the UI passes it to gettext */
} SbHost;

typedef struct {
  char     *id;
  SbKind    kind;
  SbDbRole  role;          /* SB_DB_ROLE_NONE unless kind is DATABASE */
  char     *host;          /* id of the host it runs on, or NULL (stands alone) */
  char     *label;
  char     *ip;            /* may be NULL */
  gboolean  managed;       /* a provider's replicated service: left out of SPOFs */
  char     *explanation;
  gboolean  has_position;
  double    x, y;          /* diagram units, only when has_position */
} SbComponent;

typedef struct {
  SbAlgorithm  algorithm;
  SbMode       mode;
  GPtrArray   *backends;   /* char* host ids, in order (first is active in active-passive);
                            * empty when there is no load balancer */
  SbCheckType  check;
  double       interval;   /* seconds, > 0 */
  int          rise;       /* >= 1 */
  int          fall;       /* >= 1 */
  gboolean     redispatch;
  gboolean     https;      /* TLS terminated here, certificate for dns_name */
  char        *virtual_ip; /* shared by a cluster of load balancers (VRRP), or NULL */
} SbBalancer;

typedef struct {
  double    rate;          /* requests per second, > 0 */
  double    read_ratio;    /* 0..1 */
  int       clients;       /* >= 1 */
  SbArrival arrival;
  guint64   seed;
} SbTraffic;

/* What a moment of a lesson script does to the running simulation. */
typedef enum {
  SB_SCRIPT_ACTION_NONE,            /* only a question or a text */
  SB_SCRIPT_ACTION_KILL,            /* target: a host or component */
  SB_SCRIPT_ACTION_REVIVE,
  SB_SCRIPT_ACTION_PROMOTE,         /* target: a database */
  SB_SCRIPT_ACTION_OPEN_FIREWALL,   /* target: a firewall */
  SB_SCRIPT_ACTION_CLOSE_FIREWALL,
  SB_SCRIPT_ACTION_MODE,            /* value: an SbMode */
  SB_SCRIPT_ACTION_ALGORITHM,       /* value: an SbAlgorithm */
  SB_SCRIPT_ACTION_N
} SbScriptAction;

#define SB_SCRIPT_MAX_MOMENTS  64
#define SB_SCRIPT_MIN_CHOICES  2
#define SB_SCRIPT_MAX_CHOICES  4
/* Seconds the lesson plays after its last moment when the file gives no end. */
#define SB_SCRIPT_DEFAULT_TAIL 20.0

/* One moment of a lesson: at TIME, the action, then (optionally) a question
 * the class answers before the board plays on, and a text that reveals
 * what happened.  Texts are untranslated English, as the other texts. */
typedef struct {
  double          time;       /* seconds, >= the previous moment's */
  SbScriptAction  action;
  char           *target;     /* element id for the element actions, else NULL */
  int             value;      /* SbMode or SbAlgorithm for mode and algorithm, else 0 */
  char           *question;   /* NULL: no question */
  GPtrArray      *choices;    /* char*, 2 to 4 with a question, else empty */
  int             answer;     /* the right choice, 1-based; 0 without a question */
  char           *reveal;     /* NULL: none */
} SbMoment;

typedef struct {
  double      end;            /* seconds: the lesson plays until then */
  GPtrArray  *moments;        /* SbMoment*, owned, in time order */
} SbScript;

typedef struct {
  char       *name;         /* short id, e.g. "distributed" */
  char       *title;        /* e.g. "Distributed web infrastructure" */
  char       *summary;      /* one paragraph: what changed and why */
  GPtrArray  *hosts;        /* SbHost*, owned */
  GPtrArray  *components;   /* SbComponent*, owned */
  SbBalancer  balancer;
  double      lag;          /* replication lag, seconds, >= 0 */
  char       *dns_name;     /* e.g. "www.foobar.com" */
  double      ttl;          /* seconds, >= 0 */
  SbTraffic   traffic;
  double      hop;          /* seconds per hop, > 0 */
  SbScript   *script;       /* the lesson script, or NULL */
} SbScenario;

GQuark       sb_scenario_error_quark        (void);

SbHost      *sb_host_new                    (const char       *id,
                                             const char       *label);
SbHost      *sb_host_copy                   (const SbHost     *self);
void         sb_host_free                   (SbHost           *self);
SbComponent *sb_component_new               (const char       *id,
                                             SbKind            kind,
                                             const char       *label);
SbComponent *sb_component_copy              (const SbComponent *self);
void         sb_component_free              (SbComponent      *self);

SbMoment    *sb_moment_new                  (double            time);
SbMoment    *sb_moment_copy                 (const SbMoment   *self);
void         sb_moment_free                 (SbMoment         *self);
/* The number of questions among MOMENTS before INDEX, plus one: the
 * question's number as the class reads it. */
guint        sb_script_question_number      (const SbScript   *self,
                                             guint             index);
guint        sb_script_count_questions      (const SbScript   *self);
SbScript    *sb_script_new                  (void);
SbScript    *sb_script_copy                 (const SbScript   *self);
void         sb_script_free                 (SbScript         *self);
gboolean     sb_script_equal                (const SbScript   *a,
                                             const SbScript   *b);

/* An empty scenario with the documented defaults (hop 0.25, rate 1, ...);
 * name and title are NULL: set them before saving. */
SbScenario  *sb_scenario_new                (void);
SbScenario  *sb_scenario_copy               (const SbScenario *self);
void         sb_scenario_free               (SbScenario       *self);
gboolean     sb_scenario_equal              (const SbScenario *a,
                                             const SbScenario *b);

/* Loading fails with SB_SCENARIO_ERROR (or G_FILE_ERROR when the file cannot
 * be read) and a one-line message that starts with the JSON path of the
 * problem, e.g. `components[4].host: unknown host "server-9"`; from a file,
 * the message starts with the path given.  On failure nothing is returned
 * and nothing else changes. */
SbScenario  *sb_scenario_load_from_data     (const char       *data,
                                             gssize            length,
                                             GError          **error);
SbScenario  *sb_scenario_load_from_file     (const char       *path,
                                             GError          **error);
SbScenario  *sb_scenario_load_bundled       (const char       *name,
                                             GError          **error);
/* NAME from the bundled list, or else a path to a file. */
SbScenario  *sb_scenario_load_by_name_or_path (const char     *name_or_path,
                                               GError        **error);
const char * const *sb_scenario_bundled_names (void);
/* The bundled file exactly as shipped (the saved form of the scenario). */
GBytes      *sb_scenario_get_bundled_data   (const char       *name,
                                             GError          **error);

/* The rules a loaded file must follow (ranges, ids, references, roles);
 * sb_scenario_load_*() and sb_scenario_save_to_file() already call it.
 * Use it after changing a scenario in code, e.g. from command-line options.
 * Messages name the JSON path the value would have in a file. */
gboolean     sb_scenario_validate           (const SbScenario *self,
                                             GError          **error);

/* Whether IP is a plain IPv4 or IPv6 literal (no zone, nothing after it),
 * and whether it is IPv6; NAME an RFC 1123 host name.  The validator uses
 * them; the configuration writers check again before writing. */
gboolean     sb_ip_is_valid                 (const char       *ip);
gboolean     sb_ip_is_ipv6                  (const char       *ip);
gboolean     sb_host_name_is_valid          (const char       *name);

/* The saved form: 2-space indent, fixed key order, every setting written,
 * trailing newline.  Saving writes a temporary file and renames it. */
char        *sb_scenario_to_data            (const SbScenario *self,
                                             gsize            *length);
gboolean     sb_scenario_save_to_file       (const SbScenario *self,
                                             const char       *path,
                                             GError          **error);

/* Look-ups; NULL/-1 when absent. */
const SbHost      *sb_scenario_find_host        (const SbScenario *self,
                                                 const char       *id);
const SbComponent *sb_scenario_find_component   (const SbScenario *self,
                                                 const char       *id);
int                sb_scenario_component_index  (const SbScenario *self,
                                                 const char       *id);
int                sb_scenario_host_index       (const SbScenario *self,
                                                 const char       *id);
/* First component of KIND (on HOST when host != NULL), or NULL. */
/* The address the DNS name points at: the cluster's virtual IP, else the
 * load balancer's address (or its machine's), else the web server's (or
 * its machine's); NULL when none is written. */
const char        *sb_scenario_public_address   (const SbScenario *self);
const SbComponent *sb_scenario_find_kind        (const SbScenario *self,
                                                 SbKind            kind,
                                                 const char       *host);

/* What a person calls element or machine ID: its label, translated (the
 * id itself when unknown); described, a component of a machine also
 * names the machine ("Nginx · Server 1"), since labels repeat. */
/* A label as the reader's language says it ("Server 3" is "Serveur 3"). */
const char        *sb_scenario_translate_label  (const char       *label);
const char        *sb_scenario_label_of         (const SbScenario *self,
                                                 const char       *id);
char              *sb_scenario_describe         (const SbScenario *self,
                                                 const char       *id);

const char  *sb_kind_to_string       (SbKind       kind);
gboolean     sb_kind_from_string     (const char  *str,
                                      SbKind      *kind);
const char  *sb_algorithm_to_string  (SbAlgorithm  algorithm);
gboolean     sb_algorithm_from_string (const char *str,
                                       SbAlgorithm *algorithm);
const char  *sb_mode_to_string       (SbMode       mode);
gboolean     sb_mode_from_string     (const char  *str,
                                      SbMode      *mode);
const char  *sb_check_to_string      (SbCheckType  check);
gboolean     sb_check_from_string    (const char  *str,
                                      SbCheckType *check);
const char  *sb_db_role_to_string    (SbDbRole     role);
gboolean     sb_db_role_from_string  (const char  *str,
                                      SbDbRole    *role);
const char  *sb_arrival_to_string    (SbArrival    arrival);
gboolean     sb_arrival_from_string  (const char  *str,
                                      SbArrival   *arrival);
const char  *sb_script_action_to_string   (SbScriptAction  action);
gboolean     sb_script_action_from_string (const char     *str,
                                           SbScriptAction *action);
/* Actions that name an element in "target". */
gboolean     sb_script_action_has_target  (SbScriptAction  action);

/* Editing: sb-scenario-edit.h. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbScenario, sb_scenario_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbHost, sb_host_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbComponent, sb_component_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbMoment, sb_moment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbScript, sb_script_free)

G_END_DECLS
