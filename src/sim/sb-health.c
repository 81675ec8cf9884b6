/* sb-health.c — HAProxy's rise/fall counter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "sb-health.h"

void
sb_health_init (SbHealth *health,
                gboolean  up,
                int       rise,
                int       fall)
{
  health->up = up;
  health->health = up ? rise + fall - 1 : 0;
}

gboolean
sb_health_report (SbHealth *health,
                  gboolean  passed,
                  int       rise,
                  int       fall)
{
  int top = rise + fall - 1;

  if (passed)
    {
      if (health->up)
        {
          health->health = top;
          return FALSE;
        }
      if (++health->health < rise)
        return FALSE;
      health->up = TRUE;
      health->health = top;
      return TRUE;
    }
  if (!health->up)
    {
      health->health = 0;
      return FALSE;
    }
  if (--health->health >= rise)
    return FALSE;
  health->up = FALSE;
  health->health = 0;
  return TRUE;
}

SbCheckState
sb_health_state (const SbHealth *health,
                 int             rise,
                 int             fall,
                 int            *count,
                 int            *of)
{
  int top = rise + fall - 1;
  int n = 0, total = 0;
  SbCheckState state;

  if (health->up && health->health >= top)
    state = SB_CHECK_STATE_UP;
  else if (health->up)
    {
      state = SB_CHECK_STATE_GOING_DOWN;
      n = top - health->health;
      total = fall;
    }
  else if (health->health <= 0)
    state = SB_CHECK_STATE_DOWN;
  else
    {
      state = SB_CHECK_STATE_GOING_UP;
      n = health->health;
      total = rise;
    }
  if (count)
    *count = n;
  if (of)
    *of = total;
  return state;
}

void
sb_health_format_label (const SbHealth *health,
                        int             rise,
                        int             fall,
                        char           *buf,
                        gsize           size)
{
  int n, of;
  SbCheckState state = sb_health_state (health, rise, fall, &n, &of);

  if (of > 0)
    g_snprintf (buf, size, "%s %d/%d", health->up ? "UP" : "DOWN", n, of);
  else
    g_snprintf (buf, size, "%s", state == SB_CHECK_STATE_UP ? "UP" : "DOWN");
}

gboolean
sb_health_check_passes (SbCheckType type,
                        gboolean    host_up,
                        gboolean    web_up,
                        gboolean    app_up)
{
  if (!host_up || !web_up)
    return FALSE;
  return type == SB_CHECK_TCP || app_up;
}
