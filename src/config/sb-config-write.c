/* sb-config-write.c — the configuration files into a folder, all or none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folder is the user's; what is inside it may not be.  A symbolic link
 * planted there under one of our names ("haproxy", "nginx/web-1.conf")
 * would have sent a write anywhere, so nothing inside the folder is ever
 * followed: every name is opened relative to its parent's descriptor with
 * O_NOFOLLOW, and a link where a folder or file of ours belongs stops the
 * export before anything is written.  The files are first written whole
 * into a fresh hidden folder inside the target (same file system, so
 * moving is a rename), then moved into place; a file they replace is
 * moved aside first and put back if a later move fails.  Only names that
 * sb_config_path_is_safe() accepts are written.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "model/sb-file.h"
#include "sb-config-escape.h"
#include "sb-config.h"

#define STAGING_PREFIX ".stackboard-"

/* One file on its way: where it goes and what it replaces. */
typedef struct {
  const SbConfigFile *file;
  char               *subdir;      /* "haproxy", or NULL at the top */
  char               *name;        /* "haproxy.cfg" */
  int                 staged_dir;  /* in the staging folder (borrowed) */
  int                 target_dir;  /* in the target folder (borrowed) */
  gboolean            replaced;    /* an old file was moved aside */
  gboolean            moved;
} Entry;

typedef struct {
  const char *dir;           /* as the user gave it, for messages */
  int         target;        /* the folder */
  char       *staging_name;  /* ".stackboard-XXXXXX" inside it */
  int         staging;
  GHashTable *staged_dirs;   /* subdir → fd in staging (owned) */
  GHashTable *target_dirs;   /* subdir → fd in target (owned) */
  GPtrArray  *created;       /* subdirs made in the target, removed on failure */
  GArray     *entries;       /* Entry */
} Writer;

static void
close_fd (gpointer data)
{
  close (GPOINTER_TO_INT (data));
}

static gboolean
fail_at (GError    **error,
         const char *dir,
         const char *relative,
         int         saved_errno)
{
  g_autofree char *path = relative ? g_build_filename (dir, relative, NULL) : g_strdup (dir);
  g_autofree char *display = sb_file_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: a file or folder, then why it could not be
                * written; nothing of the export was written */
               _("cannot write %s: %s (nothing was written)"), display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
refuse_link (GError    **error,
             const char *dir,
             const char *relative)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *display = sb_file_display_name (path);

  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
               /* Translators: %s is a path inside the folder chosen for
                * the export */
               _("%s is a symbolic link or not what Stackboard writes there; "
                 "it follows no link inside the folder (nothing was written)"), display);
  return FALSE;
}

/* A fresh, empty, hidden folder inside the target. */
static gboolean
make_staging (Writer  *w,
              GError **error)
{
  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_free (w->staging_name);
      w->staging_name = g_strdup_printf (STAGING_PREFIX "%08x", g_random_int ());
      if (mkdirat (w->target, w->staging_name, 0700) == 0)
        {
          w->staging = openat (w->target, w->staging_name,
                               O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
          if (w->staging >= 0)
            return TRUE;
          break;
        }
      if (errno != EEXIST)
        break;
    }
  return fail_at (error, w->dir, NULL, errno);
}

/* SUBDIR's descriptor in the staging folder, made on first use. */
static int
staged_dir (Writer     *w,
            const char *subdir,
            GError    **error)
{
  gpointer fd;
  int new_fd;

  if (subdir == NULL)
    return w->staging;
  if (g_hash_table_lookup_extended (w->staged_dirs, subdir, NULL, &fd))
    return GPOINTER_TO_INT (fd);
  if (mkdirat (w->staging, subdir, 0755) != 0
      || (new_fd = openat (w->staging, subdir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
    {
      fail_at (error, w->dir, subdir, errno);
      return -1;
    }
  g_hash_table_insert (w->staged_dirs, g_strdup (subdir), GINT_TO_POINTER (new_fd));
  return new_fd;
}

/* SUBDIR's descriptor in the target, made when missing; a link or a file
 * there is refused. */
static int
target_dir (Writer     *w,
            const char *subdir,
            GError    **error)
{
  gpointer fd;
  int new_fd;

  if (subdir == NULL)
    return w->target;
  if (g_hash_table_lookup_extended (w->target_dirs, subdir, NULL, &fd))
    return GPOINTER_TO_INT (fd);
  if (mkdirat (w->target, subdir, 0755) == 0)
    g_ptr_array_add (w->created, g_strdup (subdir));
  else if (errno != EEXIST)
    {
      fail_at (error, w->dir, subdir, errno);
      return -1;
    }
  new_fd = openat (w->target, subdir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (new_fd < 0)
    {
      if (errno == ELOOP || errno == ENOTDIR)
        refuse_link (error, w->dir, subdir);
      else
        fail_at (error, w->dir, subdir, errno);
      return -1;
    }
  g_hash_table_insert (w->target_dirs, g_strdup (subdir), GINT_TO_POINTER (new_fd));
  return new_fd;
}

static gboolean
stage_file (Writer   *w,
            Entry    *e,
            GError  **error)
{
  g_autofree char *text = sb_config_file_text (e->file);
  /* Scripts are meant to be run. */
  mode_t mode = g_str_has_suffix (e->name, ".sh") ? 0755 : 0644;
  int fd;

  e->staged_dir = staged_dir (w, e->subdir, error);
  if (e->staged_dir < 0)
    return FALSE;
  fd = openat (e->staged_dir, e->name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0)
    return fail_at (error, w->dir, e->file->path, errno);
  if (!sb_file_write_all (fd, text, strlen (text)))
    {
      int saved = errno;

      close (fd);
      return fail_at (error, w->dir, e->file->path, saved);
    }
  if (close (fd) != 0)
    return fail_at (error, w->dir, e->file->path, errno);
  return TRUE;
}

/* Whether NAME in DIR can be replaced: absent, or a regular file. */
static gboolean
check_target_file (Writer  *w,
                   Entry   *e,
                   GError **error)
{
  struct stat info;

  e->target_dir = target_dir (w, e->subdir, error);
  if (e->target_dir < 0)
    return FALSE;
  if (fstatat (e->target_dir, e->name, &info, AT_SYMLINK_NOFOLLOW) != 0)
    return errno == ENOENT || fail_at (error, w->dir, e->file->path, errno);
  if (!S_ISREG (info.st_mode))
    return refuse_link (error, w->dir, e->file->path);
  return TRUE;
}

static char *
backup_name (guint i)
{
  return g_strdup_printf ("old-%u", i);
}

/* The old file aside (into the staging folder), the new one in its place. */
static gboolean
move_into_place (Writer  *w,
                 guint    i,
                 GError **error)
{
  Entry *e = &g_array_index (w->entries, Entry, i);
  g_autofree char *backup = backup_name (i);
  struct stat info;

  if (fstatat (e->target_dir, e->name, &info, AT_SYMLINK_NOFOLLOW) == 0)
    {
      if (!S_ISREG (info.st_mode))
        return refuse_link (error, w->dir, e->file->path);
      if (renameat (e->target_dir, e->name, w->staging, backup) != 0)
        return fail_at (error, w->dir, e->file->path, errno);
      e->replaced = TRUE;
    }
  if (renameat (e->staged_dir, e->name, e->target_dir, e->name) != 0)
    return fail_at (error, w->dir, e->file->path, errno);
  e->moved = TRUE;
  return TRUE;
}

/* After a failed move: the new files out, the old ones back. */
static void
roll_back (Writer *w)
{
  for (guint i = w->entries->len; i-- > 0; )
    {
      Entry *e = &g_array_index (w->entries, Entry, i);
      g_autofree char *backup = backup_name (i);

      if (e->moved)
        unlinkat (e->target_dir, e->name, 0);
      if (e->replaced)
        renameat (w->staging, backup, e->target_dir, e->name);
    }
  for (guint i = w->created->len; i-- > 0; )
    unlinkat (w->target, g_ptr_array_index (w->created, i), AT_REMOVEDIR);
}

/* Empties the staging folder (files, then subfolders) and removes it. */
static void
remove_staging (Writer *w)
{
  GHashTableIter iter;
  gpointer key, value;

  if (w->staging < 0)
    return;
  for (guint i = 0; i < w->entries->len; i++)
    {
      Entry *e = &g_array_index (w->entries, Entry, i);
      g_autofree char *backup = backup_name (i);

      if (e->staged_dir >= 0 && !e->moved)
        unlinkat (e->staged_dir, e->name, 0);
      unlinkat (w->staging, backup, 0);
    }
  g_hash_table_iter_init (&iter, w->staged_dirs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    unlinkat (w->staging, key, AT_REMOVEDIR);
  unlinkat (w->target, w->staging_name, AT_REMOVEDIR);
}

static gboolean
add_entries (Writer     *w,
             GPtrArray  *files,
             GError    **error)
{
  for (guint i = 0; i < files->len; i++)
    {
      const SbConfigFile *file = g_ptr_array_index (files, i);
      const char *slash = strchr (file->path, '/');
      Entry e = { file, NULL, NULL, -1, -1, FALSE, FALSE };

      /* One level of folders at most, of safe names only. */
      if (!sb_config_path_is_safe (file->path) || (slash && strchr (slash + 1, '/')))
        return fail_at (error, w->dir, file->path, EINVAL);
      e.subdir = slash ? g_strndup (file->path, slash - file->path) : NULL;
      e.name = g_strdup (slash ? slash + 1 : file->path);
      g_array_append_val (w->entries, e);
    }
  return TRUE;
}

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  g_free (e->subdir);
  g_free (e->name);
}

static gboolean
open_target (Writer  *w,
             GError **error)
{
  if (g_mkdir_with_parents (w->dir, 0755) != 0)
    return fail_at (error, w->dir, NULL, errno);
  w->target = g_open (w->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  return w->target >= 0 || fail_at (error, w->dir, NULL, errno);
}

static gboolean
run (Writer    *w,
     GPtrArray *files,
     GError   **error)
{
  guint i;

  if (!add_entries (w, files, error) || !open_target (w, error) || !make_staging (w, error))
    return FALSE;
  /* Everything that can fail without touching the target's files. */
  for (i = 0; i < w->entries->len; i++)
    if (!stage_file (w, &g_array_index (w->entries, Entry, i), error)
        || !check_target_file (w, &g_array_index (w->entries, Entry, i), error))
      {
        roll_back (w);
        return FALSE;
      }
  for (i = 0; i < w->entries->len; i++)
    if (!move_into_place (w, i, error))
      {
        roll_back (w);
        return FALSE;
      }
  return TRUE;
}

gboolean
sb_config_write (GPtrArray   *files,
                 const char  *dir,
                 GError     **error)
{
  Writer w = { dir, -1, NULL, -1, NULL, NULL, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (files != NULL && dir != NULL, FALSE);

  if (*dir == '\0')
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           _("no folder given to write the configuration into"));
      return FALSE;
    }
  w.staged_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, close_fd);
  w.target_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, close_fd);
  w.created = g_ptr_array_new_with_free_func (g_free);
  w.entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (w.entries, entry_clear);

  ok = run (&w, files, error);

  remove_staging (&w);
  g_hash_table_unref (w.staged_dirs);
  g_hash_table_unref (w.target_dirs);
  if (w.staging >= 0)
    close (w.staging);
  if (w.target >= 0)
    close (w.target);
  g_free (w.staging_name);
  g_ptr_array_unref (w.created);
  g_array_unref (w.entries);
  return ok;
}
