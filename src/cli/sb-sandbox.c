/* sb-sandbox.c — where a command run inside Flatpak may read and write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folders shared with the host are the application's own
 * ~/.var/app/APP-ID, the ones the [Context] "filesystems" key lists
 * (flatpak run --filesystem=…, or the manifest's finish-args) and the
 * "persistent" ones, which the user finds under ~/.var/app/APP-ID.  The
 * rest — /tmp, the home folder around ~/.var — lives and dies with the
 * sandbox.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "sb-sandbox.h"

typedef struct {
  char     *prefix;      /* absolute, canonical */
  char     *host;        /* the same place outside the sandbox; NULL: same path */
  gboolean  read_only;
} SbPlace;

struct _SbSandbox {
  char      *app_id;
  char      *app_dir;
  char      *home;
  GPtrArray *places;     /* SbPlace* */
};

/* "--filesystem=host" shares every top folder but these (and /tmp, which
 * stays the sandbox's own unless given by name). */
static const char * const host_private[] = {
  "/app", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc",
  "/root", "/run", "/sbin", "/sys", "/tmp", "/usr", "/var", NULL
};

static void
place_free (SbPlace *place)
{
  g_free (place->prefix);
  g_free (place->host);
  g_free (place);
}

static void
add_place (SbSandbox  *self,
           const char *prefix,
           const char *host,
           gboolean    read_only)
{
  SbPlace *place = g_new0 (SbPlace, 1);

  place->prefix = g_canonicalize_filename (prefix, "/");
  place->host = host ? g_canonicalize_filename (host, "/") : NULL;
  place->read_only = read_only;
  g_ptr_array_add (self->places, place);
}

/* The host folder behind an xdg-NAME entry, or NULL when NAME is unknown. */
static char *
xdg_folder (const SbSandbox *self,
            const char      *name)
{
  static const struct { const char *name; GUserDirectory dir; const char *fallback; } special[] = {
    { "desktop", G_USER_DIRECTORY_DESKTOP, "Desktop" },
    { "documents", G_USER_DIRECTORY_DOCUMENTS, "Documents" },
    { "download", G_USER_DIRECTORY_DOWNLOAD, "Downloads" },
    { "music", G_USER_DIRECTORY_MUSIC, "Music" },
    { "pictures", G_USER_DIRECTORY_PICTURES, "Pictures" },
    { "public-share", G_USER_DIRECTORY_PUBLIC_SHARE, "Public" },
    { "templates", G_USER_DIRECTORY_TEMPLATES, "Templates" },
    { "videos", G_USER_DIRECTORY_VIDEOS, "Videos" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (special); i++)
    if (g_str_equal (name, special[i].name))
      {
        const char *dir = g_get_user_special_dir (special[i].dir);

        return dir ? g_strdup (dir) : g_build_filename (self->home, special[i].fallback, NULL);
      }
  /* xdg-config and friends are the host's, not the sandbox's remapped ones. */
  if (g_str_equal (name, "config"))
    return g_build_filename (self->home, ".config", NULL);
  if (g_str_equal (name, "data"))
    return g_build_filename (self->home, ".local", "share", NULL);
  if (g_str_equal (name, "cache"))
    return g_build_filename (self->home, ".cache", NULL);
  if (g_str_equal (name, "run"))
    return g_strdup_printf ("/run/user/%u", (guint) getuid ());
  return NULL;
}

/* One entry of the "filesystems" key: host, home, ~/DIR, /DIR, xdg-NAME[/DIR],
 * each with an optional :ro, :rw or :create. */
static void
add_filesystem (SbSandbox  *self,
                const char *entry)
{
  g_autofree char *spec = g_strdup (entry);
  char *mode = strrchr (spec, ':');
  gboolean read_only = FALSE;
  g_autofree char *prefix = NULL;

  if (spec[0] == '!' || spec[0] == '\0')
    return;   /* a permission taken away */
  if (mode)
    {
      read_only = g_str_equal (mode, ":ro");
      *mode = '\0';
    }
  if (g_str_equal (spec, "host") || g_str_equal (spec, "host-os") || g_str_equal (spec, "host-etc"))
    {
      /* host-os and host-etc are the system's folders, never written. */
      if (g_str_equal (spec, "host"))
        add_place (self, "/", NULL, read_only);
      return;
    }
  if (g_str_equal (spec, "home"))
    prefix = g_strdup (self->home);
  else if (g_str_has_prefix (spec, "~/"))
    prefix = g_build_filename (self->home, spec + 2, NULL);
  else if (spec[0] == '/')
    prefix = g_strdup (spec);
  else if (g_str_has_prefix (spec, "xdg-"))
    {
      char *slash = strchr (spec, '/');
      g_autofree char *base = NULL;

      if (slash)
        *slash = '\0';
      base = xdg_folder (self, spec + 4);
      if (base)
        prefix = g_build_filename (base, slash ? slash + 1 : NULL, NULL);
    }
  if (prefix)
    add_place (self, prefix, NULL, read_only);
}

static void
add_list (SbSandbox  *self,
          GKeyFile   *info,
          const char *key,
          gboolean    persistent)
{
  g_auto(GStrv) entries = g_key_file_get_string_list (info, "Context", key, NULL, NULL);

  for (guint i = 0; entries && entries[i]; i++)
    if (persistent)
      {
        /* --persist=DIR: the sandbox's ~/DIR is ~/.var/app/APP-ID/DIR. */
        g_autofree char *inside = g_build_filename (self->home, entries[i], NULL);
        g_autofree char *outside = g_build_filename (self->app_dir, entries[i], NULL);

        add_place (self, inside, outside, FALSE);
      }
    else
      add_filesystem (self, entries[i]);
}

SbSandbox *
sb_sandbox_new_from_info (const char  *info,
                          const char  *home,
                          GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(SbSandbox) self = g_new0 (SbSandbox, 1);

  self->places = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
  if (!g_key_file_load_from_data (keys, info, -1, G_KEY_FILE_NONE, error))
    return NULL;
  self->app_id = g_key_file_get_string (keys, "Application", "name", error);
  if (self->app_id == NULL)
    return NULL;
  self->home = g_canonicalize_filename (home, "/");
  /* flatpak names the folder; older ones leave it to be ~/.var/app/ID. */
  self->app_dir = g_key_file_get_string (keys, "Instance", "instance-path", NULL);
  if (self->app_dir == NULL)
    self->app_dir = g_build_filename (self->home, ".var", "app", self->app_id, NULL);
  add_place (self, self->app_dir, NULL, FALSE);
  add_list (self, keys, "filesystems", FALSE);
  add_list (self, keys, "persistent", TRUE);
  return g_steal_pointer (&self);
}

SbSandbox *
sb_sandbox_get_default (void)
{
  static SbSandbox *sandbox;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      g_autofree char *info = NULL;

      /* Every Flatpak sandbox has this file; nothing else does. */
      if (g_file_get_contents ("/.flatpak-info", &info, NULL, NULL))
        sandbox = sb_sandbox_new_from_info (info, g_get_home_dir (), NULL);
      g_once_init_leave (&once, 1);
    }
  return sandbox;
}

void
sb_sandbox_free (SbSandbox *self)
{
  if (self == NULL)
    return;
  g_free (self->app_id);
  g_free (self->app_dir);
  g_free (self->home);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_free (self);
}

const char *
sb_sandbox_get_app_dir (const SbSandbox *self)
{
  return self->app_dir;
}

/* PATH is PREFIX or inside it; *REST is what follows PREFIX. */
static gboolean
is_within (const char  *path,
           const char  *prefix,
           const char **rest)
{
  gsize n = strlen (prefix);

  if (g_str_equal (prefix, "/"))
    n = 0;
  if (strncmp (path, prefix, n) != 0 || (path[n] != '\0' && path[n] != '/'))
    return FALSE;
  *rest = path + n;
  return TRUE;
}

static gboolean
host_shares (const char *path)
{
  const char *rest;

  for (guint i = 0; host_private[i]; i++)
    if (is_within (path, host_private[i], &rest))
      return g_str_has_prefix (path, "/run/media/");
  return TRUE;
}

/* The place that holds PATH: the deepest one, as flatpak mounts a deeper
 * folder over a shallower one. */
static const SbPlace *
find_place (const SbSandbox  *self,
            const char       *path,
            const char      **rest)
{
  const SbPlace *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; i < self->places->len; i++)
    {
      const SbPlace *place = g_ptr_array_index (self->places, i);
      const char *r;

      if (!is_within (path, place->prefix, &r))
        continue;
      if (g_str_equal (place->prefix, "/") && !host_shares (path))
        continue;
      if (best == NULL || strlen (place->prefix) >= best_len)
        {
          best = place;
          best_len = strlen (place->prefix);
          *rest = r;
        }
    }
  return best;
}

static char *
absolute (const char *path)
{
  g_autofree char *cwd = g_get_current_dir ();

  return g_canonicalize_filename (path, cwd);
}

gboolean
sb_sandbox_check_output (const SbSandbox  *self,
                         const char       *path,
                         char            **host_path,
                         GError          **error)
{
  g_autofree char *abs = absolute (path);
  g_autofree char *folder = g_path_get_dirname (abs);
  g_autofree char *name = g_path_get_basename (abs);
  g_autofree char *example = g_build_filename (self->app_dir, name, NULL);
  const char *rest = NULL;
  const SbPlace *place = find_place (self, abs, &rest);

  if (place && place->read_only)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s: the Flatpak sandbox may only read there; write under %s (for example %s), or let it write with flatpak run --filesystem=%s %s"),
                   abs, self->app_dir, example, folder, self->app_id);
      return FALSE;
    }
  if (place == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s is inside the Flatpak sandbox, where nobody would find it: write under %s (for example %s), or give the sandbox that folder with flatpak run --filesystem=%s %s"),
                   abs, self->app_dir, example, folder, self->app_id);
      return FALSE;
    }
  if (host_path)
    *host_path = place->host ? g_strconcat (place->host, rest, NULL) : g_steal_pointer (&abs);
  return TRUE;
}

gboolean
sb_sandbox_check_input (const SbSandbox  *self,
                        const char       *path,
                        GError          **error)
{
  g_autofree char *abs = absolute (path);
  g_autofree char *folder = g_path_get_dirname (abs);
  const char *rest = NULL;

  /* Anything that exists here is readable (/app, /usr, a shared folder);
   * the sandbox's own /tmp is empty, so a missing file elsewhere is most
   * likely one the sandbox cannot see. */
  if (g_file_test (abs, G_FILE_TEST_EXISTS) || find_place (self, abs, &rest) != NULL)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("%s: the Flatpak sandbox cannot see this file; copy it under %s, or give the sandbox its folder with flatpak run --filesystem=%s:ro %s"),
               abs, self->app_dir, folder, self->app_id);
  return FALSE;
}
