/* sb-file.c — reading and writing the user's files safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sb-file.h"

static gboolean
set_errno_error (GError **error,
                 int      saved_errno)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

/* What MODE is when it is not a regular file. */
static const char *
not_regular (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("a folder, not a file");
  if (S_ISFIFO (mode))
    return _("a named pipe (FIFO), not a file");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device, not a file");
  if (S_ISSOCK (mode))
    return _("a socket, not a file");
  return _("not a regular file");
}

static gboolean
refuse (GError **error,
        mode_t   mode)
{
  g_set_error_literal (error, G_FILE_ERROR, S_ISDIR (mode) ? G_FILE_ERROR_ISDIR : G_FILE_ERROR_FAILED,
                       not_regular (mode));
  return FALSE;
}

gboolean
sb_file_open_regular (const char  *path,
                      int         *fd,
                      goffset     *size,
                      GError     **error)
{
  GStatBuf info;

  g_return_val_if_fail (path != NULL && fd != NULL && size != NULL, FALSE);

  *fd = -1;
  if (g_stat (path, &info) != 0)
    return set_errno_error (error, errno);
  if (!S_ISREG (info.st_mode))
    return refuse (error, info.st_mode);
  /* O_NONBLOCK: if the file was swapped for a FIFO since, open() still
   * returns at once and fstat() tells. */
  *fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (*fd < 0)
    return set_errno_error (error, errno);
  if (fstat (*fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      int saved_errno = errno;

      close (*fd);
      *fd = -1;
      if (S_ISREG (info.st_mode))
        return set_errno_error (error, saved_errno);
      return refuse (error, info.st_mode);
    }
  *size = info.st_size;
  return TRUE;
}

gboolean
sb_file_write_all (int         fd,
                   const char *data,
                   gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;  /* no progress: never spin */
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
cannot_write (GError    **error,
              const char *path,
              int         saved_errno)
{
  g_autofree char *display = sb_file_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: the file, then why it could not be written */
               _("cannot write %s: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

gboolean
sb_file_replace (const char  *path,
                 const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  int fd, saved_errno = 0;

  g_return_val_if_fail (path != NULL && (data != NULL || length == 0), FALSE);

  if (*path == '\0')
    return cannot_write (error, path, ENOENT);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return cannot_write (error, path, errno);
  if (!sb_file_write_all (fd, data, length) || fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && g_rename (tmp, path) != 0)
    saved_errno = errno;
  if (saved_errno == 0)
    return TRUE;
  g_unlink (tmp);
  return cannot_write (error, path, saved_errno);
}

char *
sb_file_display_name (const char *path)
{
  char *display = g_filename_display_name (path);

  for (char *p = display; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = '?';
  return display;
}
