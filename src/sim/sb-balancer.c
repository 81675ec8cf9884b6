/* sb-balancer.c — roundrobin, leastconn and source over the UP servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "sb-balancer.h"

/* Usable servers: the UP active ones, or else the first UP backup. */
static guint
usable_servers (const SbLbServer *servers,
                guint             n_servers,
                int               exclude,
                gboolean         *usable)
{
  guint n_usable = 0;

  for (guint i = 0; i < n_servers; i++)
    {
      usable[i] = servers[i].up && !servers[i].backup && (int) i != exclude;
      n_usable += usable[i];
    }
  if (n_usable > 0)
    return n_usable;
  for (guint i = 0; i < n_servers; i++)
    if (servers[i].up && servers[i].backup && (int) i != exclude)
      {
        usable[i] = TRUE;
        return 1;
      }
  return 0;
}

static int
choose_roundrobin (const gboolean *usable,
                   guint           n_servers,
                   guint          *rr_next)
{
  guint start = rr_next ? *rr_next % n_servers : 0;

  for (guint k = 0; k < n_servers; k++)
    {
      guint i = (start + k) % n_servers;

      if (usable[i])
        {
          if (rr_next)
            *rr_next = (i + 1) % n_servers;
          return (int) i;
        }
    }
  return -1;
}

static int
choose_leastconn (const SbLbServer *servers,
                  const gboolean   *usable,
                  guint             n_servers)
{
  int best = -1;

  /* HAProxy keeps the servers in a tree keyed by their count, and a server
   * whose count changes goes in after the others with the same count: so
   * among idle servers the one idle for longest goes first, and idle
   * servers take turns (measured by tests/twin).  Equal stamps (at the
   * start): the first in order. */
  for (guint i = 0; i < n_servers; i++)
    {
      const SbLbServer *s = &servers[i];

      if (!usable[i])
        continue;
      if (best < 0 || s->in_flight < servers[best].in_flight
          || (s->in_flight == servers[best].in_flight && s->since < servers[best].since))
        best = (int) i;
    }
  return best;
}

static int
choose_source (const gboolean *usable,
               guint           n_servers,
               guint           n_usable,
               guint32         address)
{
  /* HAProxy 2.6, `hash-type map-based` (the default): the hash of an IPv4
   * address is the address itself (full_hash() only with the `avalanche`
   * modifier), and it indexes a map of the usable servers, each repeated
   * by its weight; with equal weights, address modulo their number picks
   * the usable servers in order (measured by tests/twin). */
  guint k = address % n_usable;

  for (guint i = 0; i < n_servers; i++)
    if (usable[i] && k-- == 0)
      return (int) i;
  g_assert_not_reached ();
  return -1;
}

int
sb_balancer_choose (const SbLbServer *servers,
                    guint             n_servers,
                    SbAlgorithm       algorithm,
                    guint            *rr_next,
                    guint32           source_address,
                    int               exclude)
{
  gboolean usable[SB_SCENARIO_MAX_HOSTS];
  guint n_usable;

  g_return_val_if_fail (n_servers <= SB_SCENARIO_MAX_HOSTS, -1);
  if (n_servers == 0)
    return -1;
  n_usable = usable_servers (servers, n_servers, exclude, usable);
  if (n_usable == 0)
    return -1;
  switch (algorithm)
    {
    case SB_ALGORITHM_LEASTCONN:
      return choose_leastconn (servers, usable, n_servers);
    case SB_ALGORITHM_SOURCE:
      return choose_source (usable, n_servers, n_usable, source_address);
    case SB_ALGORITHM_ROUNDROBIN:
    default:
      return choose_roundrobin (usable, n_servers, rr_next);
    }
}

gboolean
sb_balancer_usable (const SbLbServer *servers,
                    guint             n_servers,
                    guint             index,
                    int               exclude)
{
  gboolean usable[SB_SCENARIO_MAX_HOSTS];

  g_return_val_if_fail (n_servers <= SB_SCENARIO_MAX_HOSTS, FALSE);
  if (index >= n_servers)
    return FALSE;
  usable_servers (servers, n_servers, exclude, usable);
  return usable[index];
}

gboolean
sb_balancer_parse_ipv4 (const char *text,
                        guint32    *address)
{
  unsigned int b[4];
  char tail;

  if (text == NULL
      || sscanf (text, "%u.%u.%u.%u%c", &b[0], &b[1], &b[2], &b[3], &tail) != 4
      || b[0] > 255 || b[1] > 255 || b[2] > 255 || b[3] > 255)
    return FALSE;
  *address = (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
  return TRUE;
}
