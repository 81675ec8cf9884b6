/* sb-narrator.h — one-line captions of what just happened, with numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The narrator watches a simulation's events (sb_sim_set_event_func) and
 * says, in words a class can follow, what each meaningful one means, with
 * what was measured: "The load balancer marks Server 1 down. 3 checks
 * failed: 25 requests failed meanwhile, half of the traffic for 5.0 s".
 * Requests are not narrated one by one; they are counted, and the counts
 * go into the captions of the events that end a window (a server marked
 * down, the virtual IP moved, an incident over).
 *
 * An incident starts when something is killed while everything was up,
 * and ends when everything killed is revived: its caption gives the
 * requests that failed in between, or up to the end of the run
 * (sb_narrator_finish()).  Failures outside an incident (a write caught by
 * a planned switchover) are in no incident.
 *
 * Texts are translated and name elements by their labels ("Nginx on
 * Server 1"); the caption keeps the element's id as its subject.  No GTK:
 * the window shows the latest caption, the CLI prints each as JSON.
 *
 * Ownership: captions belong to the narrator and stay valid until they
 * fall out of the last SB_NARRATOR_KEPT or the narrator is attached to
 * another sim.  The sim keeps a pointer to the narrator once attached:
 * free the sim first, or detach with sb_sim_set_event_func (sim, NULL, NULL).
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"
#include "sim/sb-sim.h"

G_BEGIN_DECLS

#define SB_NARRATOR_KEPT 256   /* captions kept for a reader that polls */

typedef enum {
  SB_CAPTION_KILLED,
  SB_CAPTION_REVIVED,
  SB_CAPTION_FIRST_FAILURE,   /* the first request that failed in an incident */
  SB_CAPTION_MARKED_DOWN,     /* the load balancer stopped sending to a server */
  SB_CAPTION_MARKED_UP,       /* ... and sends to it again */
  SB_CAPTION_PROMOTED,
  SB_CAPTION_VIP_MOVED,
  SB_CAPTION_ALERT,           /* the monitoring service raised an alert */
  SB_CAPTION_ALERT_CLEARED,
  SB_CAPTION_STALE_READ,      /* the first read a lagging replica answered */
  SB_CAPTION_FIREWALL_OPENED,
  SB_CAPTION_FIREWALL_CLOSED,
  SB_CAPTION_MODE,            /* a script changed the load balancer's mode */
  SB_CAPTION_ALGORITHM,       /* ... or its algorithm */
  SB_CAPTION_QUESTION,        /* a script asks the class */
  SB_CAPTION_REVEAL,          /* ... and tells */
  SB_CAPTION_INCIDENT,        /* an incident is over, or the run ended in one */
  SB_CAPTION_N
} SbCaptionKind;

typedef struct {
  guint64         seq;        /* 0, 1, 2... never reused */
  gint64          time;       /* µs */
  SbCaptionKind   kind;
  const char     *subject;    /* element id, or NULL */
  const char     *text;       /* one line, translated */
  /* What was measured, for the kinds that measure; -1 otherwise.  The
   * window runs from SINCE (the failure behind it) to TIME. */
  gint64          failed;     /* requests failed in the window */
  gint64          requests;   /* requests finished, ok or failed, in it */
  gint64          since;      /* µs */
  int             checks;     /* MARKED_DOWN / UP: checks failed / passed in a row */
  gint64          request;    /* FIRST_FAILURE, STALE_READ: the request's number */
  gboolean        open;       /* INCIDENT: still going when the run ended */
  /* QUESTION and REVEAL */
  guint           number;     /* the question's number in its script, from 1; 0: none */
  const char     *question;   /* translated */
  const char * const *choices;/* translated, NULL-terminated */
  int             answer;     /* REVEAL: the right choice, from 1 */
  int             vote;       /* REVEAL: the class's choice, 0 when none was recorded */
} SbCaption;

typedef struct _SbNarrator SbNarrator;

typedef void (*SbCaptionFunc) (SbNarrator      *narrator,
                               const SbCaption *caption,
                               gpointer         user_data);

/* The name of KIND as the CLI's JSON spells it ("marked-down", ...). */
const char      *sb_caption_kind_to_string   (SbCaptionKind     kind);

SbNarrator      *sb_narrator_new             (void);
void             sb_narrator_free            (SbNarrator       *self);

/* Narrates SIM from now on: sets its event function, forgets the captions
 * and measures of any earlier sim.  Attach right after sb_sim_new(). */
void             sb_narrator_attach          (SbNarrator       *self,
                                              SbSim            *sim);
/* For a caller that reads the sim's events itself: narrates EVENT. */
void             sb_narrator_feed            (SbNarrator       *self,
                                              SbSim            *sim,
                                              const SbSimEvent *event);
/* The run ends at SIM's time: an incident still going gets its caption. */
void             sb_narrator_finish          (SbNarrator       *self,
                                              SbSim            *sim);

/* Captions that do not come from the sim's events: a script's setting
 * (ACTION is SB_SCRIPT_ACTION_MODE or _ALGORITHM, VALUE the SbMode or
 * SbAlgorithm), question, and reveal (VOTE 0 when none). */
void             sb_narrator_setting         (SbNarrator       *self,
                                              SbSim            *sim,
                                              SbScriptAction    action,
                                              int               value);
void             sb_narrator_question        (SbNarrator       *self,
                                              SbSim            *sim,
                                              guint             number,
                                              const SbMoment   *moment);
void             sb_narrator_reveal          (SbNarrator       *self,
                                              SbSim            *sim,
                                              guint             number,
                                              const SbMoment   *moment,
                                              int               vote);

/* Called with each new caption, as it is made. */
void             sb_narrator_set_caption_func (SbNarrator      *self,
                                               SbCaptionFunc    func,
                                               gpointer         user_data);
/* Captions with seq in [first, end) are kept, as the sim's log does. */
guint64          sb_narrator_get_first       (SbNarrator       *self);
guint64          sb_narrator_get_end         (SbNarrator       *self);
const SbCaption *sb_narrator_get_caption     (SbNarrator       *self,
                                              guint64           seq);
/* The newest caption, or NULL: what the board shows. */
const SbCaption *sb_narrator_get_latest      (SbNarrator       *self);

/* "Nginx on Server 1", "Server 1": how captions name element ID of
 * SCENARIO, translated; ID itself when the scenario has no such element. */
char            *sb_narrator_element_name    (const SbScenario *scenario,
                                              const char       *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbNarrator, sb_narrator_free)

G_END_DECLS
