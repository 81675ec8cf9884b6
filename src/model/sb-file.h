/* sb-file.h — reading and writing the user's files safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib only.  Messages name the file the user chose, never a temporary
 * one, and are translated.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Opens PATH for reading only when it is a regular file (after symbolic
 * links): a FIFO, a device, a socket or a folder is refused at once,
 * without opening it, so reading never blocks on a pipe nor wakes a
 * device.  *FD is then the open file and *SIZE its size.  The message
 * says what PATH is instead, without the path. */
gboolean  sb_file_open_regular (const char  *path,
                                int         *fd,
                                goffset     *size,
                                GError     **error);

/* Writes DATA to a new file beside PATH, flushed to disk, then renames it
 * over PATH: a crash or a full disk leaves the old file whole.  A symbolic
 * link at PATH is replaced, not followed.  The message is "cannot write
 * PATH: WHY". */
gboolean  sb_file_replace      (const char  *path,
                                const char  *data,
                                gsize        length,
                                GError     **error);

/* Writes all of DATA to FD, again after EINTR or a short write; FALSE
 * with errno set (ENOSPC when the system wrote nothing, never a spin). */
gboolean  sb_file_write_all    (int          fd,
                                const char  *data,
                                gsize        length);

/* PATH for a message: UTF-8, with control characters shown as '?', so a
 * file name cannot break a message over lines or drive the terminal. */
char     *sb_file_display_name (const char  *path);

G_END_DECLS
