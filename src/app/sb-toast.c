/* sb-toast.c — toasts whose text is shown as it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-toast.h"

AdwToast *
sb_toast_new_plain (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *escaped = g_markup_escape_text (valid, -1);

  return adw_toast_new (escaped);
}
