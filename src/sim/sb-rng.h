/* sb-rng.h — the simulation's own pseudo-random numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xoshiro256** seeded through splitmix64: the same 64-bit seed gives the
 * same sequence on every platform and GLib version.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 s[4];
} SbRng;

void     sb_rng_seed    (SbRng   *rng,
                         guint64  seed);
guint64  sb_rng_next    (SbRng   *rng);
/* Uniform in [0, 1), 53 bits. */
double   sb_rng_double  (SbRng   *rng);

G_END_DECLS
