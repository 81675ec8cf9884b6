/* sb-sandbox.h — where a command run inside Flatpak may read and write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inside the Flatpak sandbox most of the file system is the sandbox's own:
 * `stackboard --export /tmp/x.png` would succeed and the file vanish with
 * the sandbox.  The sandbox's description (/.flatpak-info) says which
 * folders are the user's real ones; a command refuses an output anywhere
 * else, with a hint, and says where its files went on the host.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SbSandbox SbSandbox;

/* The sandbox described by INFO (the text of a .flatpak-info key file),
 * for a user whose home folder is HOME.  NULL with ERROR when INFO does not
 * name the application. */
SbSandbox  *sb_sandbox_new_from_info       (const char  *info,
                                            const char  *home,
                                            GError     **error);
/* The sandbox this process runs in, or NULL outside one. */
SbSandbox  *sb_sandbox_get_default         (void);
void        sb_sandbox_free                (SbSandbox   *self);

/* ~/.var/app/APP-ID: the application's own folder, always reachable. */
const char *sb_sandbox_get_app_dir         (const SbSandbox *self);

/* PATH (relative to the current folder) is where a command may write a
 * file or folder that the user will find: TRUE, with *HOST_PATH (when not
 * NULL) the path the user sees it at outside the sandbox.  FALSE with a
 * message that says why and what to do otherwise. */
gboolean    sb_sandbox_check_output        (const SbSandbox  *self,
                                            const char       *path,
                                            char            **host_path,
                                            GError          **error);

/* PATH cannot be read because the sandbox does not see it (it does not
 * exist here and lies outside every folder the sandbox shares): FALSE with
 * a message that says so.  TRUE otherwise, whether or not the file exists. */
gboolean    sb_sandbox_check_input         (const SbSandbox  *self,
                                            const char       *path,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSandbox, sb_sandbox_free)

G_END_DECLS
