/* sb-stats.c — fixed-size statistics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sb-stats.h"

#define N_BUCKETS (SB_HISTOGRAM_FINE + SB_HISTOGRAM_COARSE + 1)

void
sb_histogram_init (SbHistogram *hist)
{
  hist->buckets = g_new0 (guint32, N_BUCKETS);
  hist->total = 0;
  hist->max = 0;
}

void
sb_histogram_clear (SbHistogram *hist)
{
  g_clear_pointer (&hist->buckets, g_free);
  hist->total = 0;
}

static guint
bucket_of (gint64 us)
{
  gint64 ms = MAX (us, 0) / 1000;

  if (ms < SB_HISTOGRAM_FINE)
    return (guint) ms;
  ms = ms / 1000 - SB_HISTOGRAM_FINE / 1000;
  return (guint) (SB_HISTOGRAM_FINE + MIN (ms, (gint64) SB_HISTOGRAM_COARSE));
}

static gint64
bucket_value (const SbHistogram *hist,
              guint              bucket)
{
  if (bucket < SB_HISTOGRAM_FINE)
    return (gint64) bucket * 1000;
  if (bucket < SB_HISTOGRAM_FINE + SB_HISTOGRAM_COARSE)
    return ((gint64) (bucket - SB_HISTOGRAM_FINE) + SB_HISTOGRAM_FINE / 1000) * 1000000;
  return hist->max;
}

void
sb_histogram_add (SbHistogram *hist,
                  gint64       value_us)
{
  guint b = bucket_of (value_us);

  /* A counter saturates rather than wraps (4 billion in one bucket). */
  if (hist->buckets[b] < G_MAXUINT32)
    hist->buckets[b]++;
  hist->total++;
  hist->max = MAX (hist->max, value_us);
}

gint64
sb_histogram_percentile (const SbHistogram *hist,
                         double             percentile)
{
  guint64 rank, seen = 0;

  if (hist->total == 0)
    return -1;
  percentile = CLAMP (percentile, 0.0, 100.0);
  rank = (guint64) ceil (percentile / 100.0 * (double) hist->total);
  rank = CLAMP (rank, 1, hist->total);
  for (guint b = 0; b < N_BUCKETS; b++)
    {
      seen += hist->buckets[b];
      if (seen >= rank)
        return bucket_value (hist, b);
    }
  return hist->max;
}

void
sb_series_init (SbSeries *series,
                guint     len)
{
  series->len = MAX (len, 1);
  series->successes = g_new0 (guint32, series->len);
  series->failures = g_new0 (guint32, series->len);
  series->last = -1;
}

void
sb_series_clear (SbSeries *series)
{
  g_clear_pointer (&series->successes, g_free);
  g_clear_pointer (&series->failures, g_free);
}

void
sb_series_roll (SbSeries *series,
                gint64    second)
{
  gint64 from;

  if (second <= series->last)
    return;
  /* Zero the slots of the seconds skipped, at most one full turn. */
  from = MAX (series->last + 1, second - (gint64) series->len + 1);
  for (gint64 s = from; s <= second; s++)
    {
      series->successes[s % series->len] = 0;
      series->failures[s % series->len] = 0;
    }
  series->last = second;
}

void
sb_series_add (SbSeries *series,
               gint64    second,
               gboolean  ok)
{
  guint slot;

  sb_series_roll (series, second);
  if (second < 0 || second + (gint64) series->len <= series->last)
    return;
  slot = (guint) (second % series->len);
  if (ok)
    series->successes[slot]++;
  else
    series->failures[slot]++;
}

guint
sb_series_copy (const SbSeries *series,
                guint           max_len,
                gint64         *first_second,
                guint32        *successes,
                guint32        *failures)
{
  gint64 first;
  guint n;

  if (series->last < 0)
    {
      *first_second = 0;
      return 0;
    }
  n = MIN (max_len, series->len);
  first = MAX (0, series->last - (gint64) n + 1);
  n = (guint) (series->last - first + 1);
  for (guint i = 0; i < n; i++)
    {
      guint slot = (guint) ((first + i) % series->len);

      if (successes)
        successes[i] = series->successes[slot];
      if (failures)
        failures[i] = series->failures[slot];
    }
  *first_second = first;
  return n;
}
