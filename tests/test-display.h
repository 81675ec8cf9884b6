/* test-display.h — UI tests skip, rather than abort, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gtk_test_init() kills the process (SIGTRAP) when it cannot open a
 * display, which a build without one — inside a Flatpak SDK, on a server —
 * would report as a crash.  Call this first in main(): it returns FALSE
 * after printing a TAP plan that skips the whole program with the reason,
 * or, when the build insists on its test tools (-Dtest_tools=enabled sets
 * STACKBOARD_TEST_STRICT=1), a bail-out that fails it.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

static inline gboolean
sb_test_have_display (int *exit_status)
{
  if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    return TRUE;
  if (g_strcmp0 (g_getenv ("STACKBOARD_TEST_STRICT"), "1") == 0)
    {
      printf ("Bail out! no display (DISPLAY and WAYLAND_DISPLAY are unset; "
              "run under xvfb-run, as build-aux/test does)\n");
      *exit_status = 1;
    }
  else
    {
      printf ("1..0 # SKIP no display (DISPLAY and WAYLAND_DISPLAY are unset; "
              "run under xvfb-run, as build-aux/test does)\n");
      *exit_status = 0;
    }
  return FALSE;
}
