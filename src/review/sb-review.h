/* sb-review.h — the written answers for a design: the review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is computed from the scenario and the simulation's
 * rules (sim/sb-spof.h, sim/sb-topology.h), never read from a text kept
 * per bundled file: a design the teacher edited or wrote gets answers
 * that fit it.  GTK-free and cairo-free, so the command line, the window
 * and the handouts share it and the tests run it headless.
 *
 * Texts are in the user's language (gettext); ids, kinds and roles are
 * the scenario's own, stable for scripts.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"

G_BEGIN_DECLS

typedef enum {
  SB_ISSUE_NO_HTTPS,
  SB_ISSUE_NO_FIREWALL,
  SB_ISSUE_NO_MONITORING,
} SbIssueKind;

/* One element explained for this design. */
typedef struct {
  char     *id;
  char     *label;    /* translated */
  char     *name;     /* the label with its machine's, "Nginx (Server 1)" */
  char     *kind;     /* the kind in words ("Load balancer"), translated */
  char     *host;     /* id of its machine, or NULL */
  gboolean  is_host;
  SbKind    element_kind;  /* a component's kind (unset for a host) */
  char     *why;      /* why it is there */
  char     *what;     /* what it does in this design */
  char     *loss;     /* what its loss breaks here */
  gboolean  stops_reads;   /* alone down, no read can succeed */
  gboolean  stops_writes;  /* alone down, no write can succeed */
} SbExplanation;

/* A single point of failure and why. */
typedef struct {
  char *id;
  char *label;
  char *why;
} SbReviewSpof;

typedef struct {
  SbIssueKind  kind;
  GStrv        hosts;   /* machine ids: hosts, or a stand-alone load balancer */
  char        *text;
} SbReviewIssue;

typedef struct {
  char     *id;
  char     *label;
  char     *name;       /* with its machine */
  SbDbRole  role;
  char     *host;
  GStrv     readers;    /* application servers that read here first */
  GStrv     writers;    /* application servers that write here (the primary's) */
  char     *text;
} SbReviewDatabase;

typedef struct {
  char       *name;
  char       *title;             /* translated */
  GPtrArray  *elements;          /* SbExplanation*: components in file order, then hosts */
  /* The load balancer; texts are set even without one (they say so). */
  gboolean    has_balancer;
  SbAlgorithm algorithm;
  SbMode      mode;
  GStrv       backends;
  char       *algorithm_text;
  char       *mode_text;
  char       *health_text;       /* NULL without a load balancer */
  char       *cluster_text;      /* NULL unless load balancers share a virtual IP */
  /* The databases. */
  GPtrArray  *databases;         /* SbReviewDatabase* */
  double      lag;
  char       *replication_text;
  /* The analysis. */
  gboolean    reads_served;      /* with every element up, a read can succeed */
  gboolean    writes_served;
  GPtrArray  *spof_reads;        /* SbReviewSpof*, sorted by id as sb_spof_analyse() */
  GPtrArray  *spof_writes;
  GPtrArray  *issues;            /* SbReviewIssue*, in the order https, firewall, monitoring */
  GPtrArray  *strengths;         /* char* */
} SbReview;

typedef enum {
  SB_REVIEW_BLOCK_TITLE,         /* the document's title */
  SB_REVIEW_BLOCK_HEADING,       /* a section */
  SB_REVIEW_BLOCK_SUBHEADING,
  SB_REVIEW_BLOCK_PARAGRAPH,
  SB_REVIEW_BLOCK_ITEM,          /* a bullet: LEAD (bold, may be NULL) then TEXT */
} SbReviewBlockKind;

/* The review as a document: what the window shows, the handout prints and
 * the Markdown is written from.  Texts are plain (no markup); CODE, when
 * set, is an element id shown after the lead in a fixed-width font. */
typedef struct {
  SbReviewBlockKind  kind;
  char              *lead;
  char              *code;
  char              *text;
} SbReviewBlock;

SbReviewBlock *sb_review_block_new         (SbReviewBlockKind kind,
                                            const char       *lead,
                                            const char       *code,
                                            const char       *text);
void           sb_review_block_free        (SbReviewBlock    *self);

SbReview      *sb_review_new               (const SbScenario *scenario);
/* Only what sb_review_known_issues_text() needs: the single points of
 * failure with their reasons and the issues (elements, databases and
 * strengths empty, texts NULL).  Cheap enough for a panel that refreshes
 * several times a second. */
SbReview      *sb_review_new_brief         (const SbScenario *scenario);
void           sb_review_free              (SbReview         *self);

/* One element of SCENARIO (a component or a host, by id): why it is there,
 * what it does in this design and what its loss breaks; NULL for an
 * unknown id.  The same text as the review's, for the side panel. */
SbExplanation *sb_review_explain_element   (const SbScenario *scenario,
                                            const char       *id);
void           sb_explanation_free         (SbExplanation    *self);

/* A component's kind in words ("Load balancer"), translated. */
const char    *sb_review_kind_name         (SbKind            kind);

/* "no-https", "no-firewall", "no-monitoring". */
const char    *sb_issue_kind_to_string     (SbIssueKind       kind);

/* The review as blocks (SbReviewBlock*, owned by the array). */
GPtrArray     *sb_review_to_blocks         (const SbReview   *self);
char          *sb_review_blocks_to_markdown (GPtrArray       *blocks);
char          *sb_review_to_markdown       (const SbReview   *self);
/* One JSON object, pretty-printed with a trailing newline; keys in a
 * fixed order (see docs/review.md). */
char          *sb_review_to_json           (const SbReview   *self);

/* The known issues and single points of failure in a few paragraphs, for
 * the overview of the side panel. */
char          *sb_review_known_issues_text (const SbReview   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbReview, sb_review_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbExplanation, sb_explanation_free)

G_END_DECLS
