/* sb-review-private.h — shared by the files of the review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-review.h"
#include "sim/sb-sim.h"
#include "sim/sb-topology.h"

G_BEGIN_DECLS

/* The ports the configuration export (src/config) gives each program. */
#define SB_REVIEW_PORT_SSH    22
#define SB_REVIEW_PORT_HTTP   80
#define SB_REVIEW_PORT_HTTPS  443
#define SB_REVIEW_PORT_APP    8000
#define SB_REVIEW_PORT_MYSQL  3306

typedef struct {
  const SbScenario *scenario;
  SbTopology        topo;
  GPtrArray        *spof_reads;    /* ids, from sb_spof_analyse() */
  GPtrArray        *spof_writes;
} SbReviewContext;

void        sb_review_context_init   (SbReviewContext  *ctx,
                                      const SbScenario *scenario);
void        sb_review_context_clear  (SbReviewContext  *ctx);

/* Texts about elements. */
const char *sb_review_label          (const SbReviewContext *ctx,
                                      const char            *id);
/* "Nginx (Server 1)" for a program on a machine, else its label. */
char       *sb_review_name           (const SbReviewContext *ctx,
                                      const char            *id);
char       *sb_review_name_at        (const SbReviewContext *ctx,
                                      int                    element);
/* "A, B and C" from a NULL-terminated or counted list of strings. */
char       *sb_review_join           (const char * const    *items,
                                      gssize                 n);
/* The names of the elements listed by index. */
char       *sb_review_join_elements  (const SbReviewContext *ctx,
                                      const int             *elements,
                                      guint                  n);
const char *sb_review_host_of        (const SbReviewContext *ctx,
                                      const char            *id);
gboolean    sb_review_is_spof        (const SbReviewContext *ctx,
                                      const char            *id,
                                      SbRequestType          type);
/* Can requests of TYPE succeed with ID alone down, once settled? */
gboolean    sb_review_survives       (const SbReviewContext *ctx,
                                      const char            *id,
                                      SbRequestType          type);
/* The seconds the load balancer takes to mark a dead server down. */
double      sb_review_detection_time (const SbScenario      *scenario);

/* The machines of the design: hosts, then load balancers standing alone
 * (drawn as machines of their own), as element ids. */
GPtrArray  *sb_review_machines       (const SbReviewContext *ctx);

/* sb-review-spof.c */
char       *sb_review_spof_reason    (const SbReviewContext *ctx,
                                      const char            *id,
                                      SbRequestType          type);
/* sb-review-explain.c */
SbExplanation *sb_review_explain     (const SbReviewContext *ctx,
                                      const char            *id);
char       *sb_review_database_text  (const SbReviewContext *ctx,
                                      int                    db);
/* sb-review-issues.c */
GPtrArray  *sb_review_find_issues    (const SbReviewContext *ctx);
GPtrArray  *sb_review_find_strengths (const SbReviewContext *ctx,
                                      const SbReview        *review);
void        sb_review_issue_free     (SbReviewIssue         *issue);

G_END_DECLS
