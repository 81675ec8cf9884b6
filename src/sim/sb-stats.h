/* sb-stats.h — latency histogram and per-second series, both fixed-size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 1 ms buckets up to 65.536 s, then 1 s buckets up to about 18 hours,
 * then one bucket for anything longer (reported as the longest seen). */
#define SB_HISTOGRAM_FINE    65536
#define SB_HISTOGRAM_COARSE  65536

typedef struct {
  guint32 *buckets;        /* FINE + COARSE + 1 */
  guint64  total;
  gint64   max;            /* µs */
} SbHistogram;

void      sb_histogram_init        (SbHistogram       *hist);
void      sb_histogram_clear       (SbHistogram       *hist);
void      sb_histogram_add         (SbHistogram       *hist,
                                    gint64             value_us);
/* Nearest-rank percentile, 0 < P <= 100, in µs at the bucket's lower
 * bound; -1 when empty. */
gint64    sb_histogram_percentile  (const SbHistogram *hist,
                                    double             percentile);

/* Successes and failures per simulated second, the last LEN seconds. */
typedef struct {
  guint32 *successes;
  guint32 *failures;
  guint    len;
  gint64   last;           /* latest second written to, -1 before any */
} SbSeries;

void      sb_series_init           (SbSeries          *series,
                                    guint              len);
void      sb_series_clear          (SbSeries          *series);
/* Makes SECOND (never earlier than the last one) the current second. */
void      sb_series_roll           (SbSeries          *series,
                                    gint64             second);
void      sb_series_add            (SbSeries          *series,
                                    gint64             second,
                                    gboolean           ok);
/* Copies up to MAX_LEN seconds ending at the current one. */
guint     sb_series_copy           (const SbSeries    *series,
                                    guint              max_len,
                                    gint64            *first_second,
                                    guint32           *successes,
                                    guint32           *failures);

G_END_DECLS
