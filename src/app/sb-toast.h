/* sb-toast.h — toasts whose text is shown as it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast showing TEXT literally.  AdwToast reads its title as Pango
 * markup: a message quoting a file ("<span size='60000'>", a name with
 * '&') would otherwise be drawn huge, or not at all. */
AdwToast *sb_toast_new_plain (const char *text);

G_END_DECLS
