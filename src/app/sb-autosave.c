/* sb-autosave.c — where an edited scenario waits to be saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A teacher who adds servers and drags the board into shape must not lose
 * it to a crash or a power cut.  Each window's recovery is three files in
 * the recovery folder, KEY being random:
 *
 *   KEY.json   the scenario, written atomically by the model's saver;
 *   KEY.info   a key file: the document it belongs to, when it was written;
 *   KEY.lock   held with flock() by the window that owns the recovery.
 *
 * flock() locks belong to an open file and go when the process dies, so a
 * recovery whose lock can be taken has no owner any more: an orphan.  Two
 * windows never share a recovery (the one autosave.json of earlier
 * versions lost the second window's edits), and a second Stackboard never
 * writes over the first one's.  An autosave.json left by an earlier
 * version is taken in as an orphan.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sb-autosave.h"

struct _SbAutosave {
  char       *key;
  char       *json_path;          /* for sb_autosave_get_path() */
  int         lock_fd;            /* -1 until the first write or a claim */
  SbScenario *pending;            /* scheduled, not written yet */
  char       *pending_document;
  guint       timeout_id;
};

/* An orphan found by a scan, its lock held while it is considered. */
typedef struct {
  char   *key;
  char   *document;
  gint64  saved;
  int     lock_fd;
} Orphan;

static void
orphan_free (gpointer data)
{
  Orphan *orphan = data;

  if (orphan->lock_fd >= 0)
    close (orphan->lock_fd);
  g_free (orphan->key);
  g_free (orphan->document);
  g_free (orphan);
}

char *
sb_autosave_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "stackboard", "recovery", NULL);
}

static char *
path_for (const char *key,
          const char *suffix)
{
  g_autofree char *dir = sb_autosave_dir ();
  g_autofree char *name = g_strconcat (key, suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

static void
remove_files (const char *key)
{
  static const char * const suffixes[] = { ".json", ".info", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = path_for (key, suffixes[i]);

      g_unlink (path);
    }
}

/* Opens KEY's lock file and takes its lock, or returns -1 (someone owns it). */
static int
take_lock (const char *key,
           gboolean    create)
{
  g_autofree char *path = path_for (key, ".lock");
  int fd = g_open (path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0600);

  if (fd < 0)
    return -1;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

static char *
new_key (void)
{
  return g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
}

/* autosave.json of earlier versions: one orphan without a document. */
static void
adopt_old_autosave (const char *dir)
{
  g_autofree char *old = g_build_filename (g_get_user_data_dir (), "stackboard", "autosave.json", NULL);
  g_autofree char *key = NULL;
  g_autofree char *json = NULL;
  g_autofree char *lock = NULL;

  if (!g_file_test (old, G_FILE_TEST_EXISTS))
    return;
  key = new_key ();
  json = path_for (key, ".json");
  lock = path_for (key, ".lock");
  if (g_rename (old, json) == 0)
    g_file_set_contents (lock, "", 0, NULL);
}

static gboolean
ensure_dir (GError **error)
{
  g_autofree char *dir = sb_autosave_dir ();

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir,
                   g_strerror (saved));
      return FALSE;
    }
  adopt_old_autosave (dir);
  return TRUE;
}

/* What KEY.info says; an orphan without one belongs to no document. */
static void
read_info (Orphan *orphan)
{
  g_autofree char *path = path_for (orphan->key, ".info");
  g_autofree char *json = path_for (orphan->key, ".json");
  g_autoptr(GKeyFile) info = g_key_file_new ();
  GStatBuf st;

  if (g_key_file_load_from_file (info, path, G_KEY_FILE_NONE, NULL))
    {
      orphan->document = g_key_file_get_string (info, "recovery", "document", NULL);
      orphan->saved = g_key_file_get_int64 (info, "recovery", "saved", NULL);
    }
  if (orphan->saved == 0 && g_stat (json, &st) == 0)
    orphan->saved = (gint64) st.st_mtime * G_USEC_PER_SEC;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const Orphan *x = *(const Orphan **) a, *y = *(const Orphan **) b;

  return (x->saved < y->saved) - (x->saved > y->saved);
}

/* The orphans, newest first, each with its lock held; those without a
 * scenario are removed on the way. */
static GPtrArray *
scan_orphans (void)
{
  g_autofree char *dir_path = sb_autosave_dir ();
  g_autoptr(GDir) dir = NULL;
  GPtrArray *orphans = g_ptr_array_new_with_free_func (orphan_free);
  const char *name;

  if (!ensure_dir (NULL) || (dir = g_dir_open (dir_path, 0, NULL)) == NULL)
    return orphans;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *key = NULL;
      g_autofree char *json = NULL;
      Orphan *orphan;
      int fd;

      if (!g_str_has_suffix (name, ".lock"))
        continue;
      key = g_strndup (name, strlen (name) - strlen (".lock"));
      if ((fd = take_lock (key, FALSE)) < 0)
        continue;
      json = path_for (key, ".json");
      if (!g_file_test (json, G_FILE_TEST_EXISTS))
        {
          remove_files (key);
          close (fd);
          continue;
        }
      orphan = g_new0 (Orphan, 1);
      orphan->key = g_steal_pointer (&key);
      orphan->lock_fd = fd;
      read_info (orphan);
      g_ptr_array_add (orphans, orphan);
    }
  g_ptr_array_sort (orphans, newest_first);
  return orphans;
}

SbAutosave *
sb_autosave_new (void)
{
  SbAutosave *self = g_new0 (SbAutosave, 1);

  self->key = new_key ();
  self->lock_fd = -1;
  return self;
}

static void
cancel_pending (SbAutosave *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->pending, sb_scenario_free);
  g_clear_pointer (&self->pending_document, g_free);
}

void
sb_autosave_discard (SbAutosave *self)
{
  g_return_if_fail (self != NULL);

  cancel_pending (self);
  if (self->lock_fd < 0)
    return;
  /* Still holding the lock while the files go: nobody claims them meanwhile. */
  remove_files (self->key);
  close (self->lock_fd);
  self->lock_fd = -1;
}

void
sb_autosave_free (SbAutosave *self)
{
  if (self == NULL)
    return;
  sb_autosave_flush (self, NULL);
  cancel_pending (self);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->key);
  g_free (self->json_path);
  g_free (self);
}

static gboolean
write_info (SbAutosave  *self,
            const char  *document,
            GError     **error)
{
  g_autofree char *path = path_for (self->key, ".info");
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length;

  if (document != NULL)
    g_key_file_set_string (info, "recovery", "document", document);
  g_key_file_set_int64 (info, "recovery", "saved", g_get_real_time ());
  data = g_key_file_to_data (info, &length, NULL);
  return g_file_set_contents (path, data, length, error);
}

gboolean
sb_autosave_flush (SbAutosave  *self,
                   GError     **error)
{
  g_autofree char *json = NULL;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->pending == NULL)
    return TRUE;
  if (self->lock_fd < 0 && ensure_dir (error))
    {
      self->lock_fd = take_lock (self->key, TRUE);
      if (self->lock_fd < 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       "%s: %s", self->key, g_strerror (errno));
          return FALSE;
        }
    }
  if (self->lock_fd < 0)
    return FALSE;
  json = path_for (self->key, ".json");
  ok = write_info (self, self->pending_document, error)
       && sb_scenario_save_to_file (self->pending, json, error);
  g_clear_pointer (&self->pending, sb_scenario_free);
  g_clear_pointer (&self->pending_document, g_free);
  return ok;
}

static gboolean
delay_over (gpointer data)
{
  SbAutosave *self = data;
  g_autoptr(GError) error = NULL;

  self->timeout_id = 0;
  if (!sb_autosave_flush (self, &error))
    g_message ("Cannot write the recovery of the edited scenario: %s", error->message);
  return G_SOURCE_REMOVE;
}

void
sb_autosave_schedule (SbAutosave       *self,
                      const SbScenario *scenario,
                      const char       *document)
{
  g_return_if_fail (self != NULL && scenario != NULL);

  g_clear_pointer (&self->pending, sb_scenario_free);
  g_free (self->pending_document);
  self->pending = sb_scenario_copy (scenario);
  self->pending_document = g_strdup (document);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (SB_AUTOSAVE_DELAY_MS, delay_over, self);
}

gboolean
sb_autosave_claim (SbAutosave  *self,
                   const char  *document,
                   SbScenario **scenario,
                   char       **document_out)
{
  g_autoptr(GPtrArray) orphans = scan_orphans ();

  g_return_val_if_fail (self != NULL && scenario != NULL, FALSE);

  for (guint i = 0; i < orphans->len; i++)
    {
      Orphan *orphan = g_ptr_array_index (orphans, i);
      g_autofree char *json = NULL;
      g_autoptr(GError) error = NULL;

      if (document != NULL && g_strcmp0 (orphan->document, document) != 0)
        continue;
      json = path_for (orphan->key, ".json");
      *scenario = sb_scenario_load_from_file (json, &error);
      if (*scenario == NULL)
        {
          /* A broken recovery must not block every start. */
          g_message ("Ignoring a recovered scenario: %s", error->message);
          remove_files (orphan->key);
          continue;
        }
      sb_autosave_discard (self);
      g_free (self->key);
      self->key = g_steal_pointer (&orphan->key);
      self->lock_fd = orphan->lock_fd;
      orphan->lock_fd = -1;
      if (document_out != NULL)
        *document_out = g_steal_pointer (&orphan->document);
      return TRUE;
    }
  return FALSE;
}

gboolean
sb_autosave_has_orphan (const char *document)
{
  g_autoptr(GPtrArray) orphans = scan_orphans ();

  for (guint i = 0; i < orphans->len; i++)
    if (document == NULL || g_strcmp0 (((Orphan *) g_ptr_array_index (orphans, i))->document,
                                       document) == 0)
      return TRUE;
  return FALSE;
}

const char *
sb_autosave_get_path (SbAutosave *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_free (self->json_path);
  self->json_path = path_for (self->key, ".json");
  return self->json_path;
}

void
sb_autosave_clear (void)
{
  g_autoptr(GPtrArray) orphans = scan_orphans ();

  for (guint i = 0; i < orphans->len; i++)
    remove_files (((Orphan *) g_ptr_array_index (orphans, i))->key);
}
