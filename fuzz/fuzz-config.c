/* fuzz-config.c — libFuzzer target: the configuration export, scenario in,
 * files out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 Two modes:
 *
 *  - input that starts with '{' is a scenario file: whatever
 *    sb_scenario_load_from_data() accepts is exported with
 *    sb_config_write() into a fresh folder (the seeds are scenarios);
 *  - any other input is text for the writers themselves, past the
 *    validator: its first byte chooses a bundled scenario, the rest, split
 *    at the byte 0x1F, gives the values of it that reach the files (name,
 *    DNS name, virtual IP, host addresses, component addresses, then host
 *    ids), whatever they hold (fuzz/seeds-config).
 *
 * Either way: every file's path is a safe relative one and stays inside
 * the folder (the folder, walked afterwards, holds exactly those files, no
 * link, nothing left over); no line holds a control character, the ones
 * of the input included (comments have theirs removed too); a poisoned
 * scenario gives as many files, and lines in each, as the one it came
 * from.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "config/sb-config-escape.h"
#include "config/sb-config.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *folder;        /* the parent of each export, made once */
static SbScenario *bases[3];

static const char * const base_names[] = { "distributed", "secured-monitored", "scale-up" };

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf info;

      if (g_lstat (child, &info) == 0 && S_ISDIR (info.st_mode))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* libFuzzer ends with exit(): the folder goes with the process. */
static void
remove_folder (void)
{
  remove_tree (folder);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* In memory where there is such a place: a disk makes every export,
   * its folders and renames, a hundred times slower. */
  if (g_access ("/dev/shm", W_OK) == 0)
    folder = g_mkdtemp (g_strdup ("/dev/shm/fuzz-config-XXXXXX"));
  if (folder == NULL)
    folder = g_dir_make_tmp ("fuzz-config-XXXXXX", NULL);
  g_assert (folder != NULL);
  atexit (remove_folder);
  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    bases[i] = sb_scenario_load_bundled (base_names[i], NULL);
  return 0;
}

static G_NORETURN void
fail (const char *what,
      const char *detail)
{
  fprintf (stderr, "%s: %s\n", what, detail);
  abort ();
}

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

static void
check_lines (const SbConfigFile *file)
{
  if (!sb_config_path_is_safe (file->path))
    fail ("a path that is not safe", file->path);
  for (guint i = 0; i < file->lines->len; i++)
    {
      const SbConfigLine *line = g_ptr_array_index (file->lines, i);

      if (!g_utf8_validate (line->text, -1, NULL))
        fail ("a line that is not UTF-8", file->path);
      for (const char *p = line->text; *p != '\0'; p = g_utf8_next_char (p))
        if (is_control (g_utf8_get_char (p)))
          fail ("a control character in", line->text);
    }
}

/* Counts the regular files under DIR; aborts on a link or a name that no
 * file of FILES has. */
static guint
walk (const char *dir,
      const char *relative,
      GPtrArray  *files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *rel = relative ? g_strconcat (relative, "/", name, NULL) : g_strdup (name);
      GStatBuf info;

      if (g_lstat (path, &info) != 0 || S_ISLNK (info.st_mode))
        fail ("a link or a vanished file in the export", rel);
      if (S_ISDIR (info.st_mode))
        n += walk (path, rel, files);
      else if (sb_config_find (files, rel) == NULL)
        fail ("a file the export does not list", rel);
      else
        n++;
    }
  return n;
}

static void
export (const SbScenario *scenario)
{
  g_autoptr(GPtrArray) files = sb_config_generate (scenario);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (folder, "out", NULL);
  g_autoptr(GDir) parent = NULL;
  const char *name;

  for (guint i = 0; i < files->len; i++)
    check_lines (g_ptr_array_index (files, i));
  if (!sb_config_write (files, out, &error))
    fail ("the export failed", error->message);
  /* Only OUT in the parent, and in OUT exactly the files listed. */
  parent = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (parent)) != NULL)
    if (strcmp (name, "out") != 0)
      fail ("written outside the folder", name);
  if (walk (out, NULL, files) != files->len)
    fail ("files missing from the export", out);
  remove_tree (out);
}

/* The same files and lines as BASE: nothing a value held began a line. */
static void
check_shape (const SbScenario *base,
             const SbScenario *poisoned)
{
  g_autoptr(GPtrArray) a = sb_config_generate (base);
  g_autoptr(GPtrArray) b = sb_config_generate (poisoned);

  if (a->len != b->len)
    fail ("a different number of files", "");
  for (guint i = 0; i < a->len; i++)
    {
      const SbConfigFile *fa = g_ptr_array_index (a, i);
      const SbConfigFile *fb = g_ptr_array_index (b, i);

      if (fa->lines->len != fb->lines->len)
        fail ("a different number of lines in", fb->path);
    }
}

/* The next part into the hostile *FIELD; into the benign *TWIN_FIELD an
 * address of the same family, when ADDRESS (IPv6 makes Nginx listen on
 * [::] too, and keepalived goes multicast across families), else BENIGN. */
static void
set (char         **field,
     char         **twin_field,
     char * const  *parts,
     guint         *next,
     gboolean       address,
     const char    *benign)
{
  if (parts[*next] == NULL)
    return;
  g_free (*field);
  *field = g_strdup (parts[(*next)++]);
  g_free (*twin_field);
  *twin_field = g_strdup (!address ? benign : sb_ip_is_ipv6 (*field) ? "2001:db8::1" : "10.0.0.1");
}

static void
poison (const char *text,
        gsize       length,
        guint       which)
{
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) parts = g_strsplit (copy, "\x1f", 64);
  g_autoptr(SbScenario) s = sb_scenario_copy (bases[which % G_N_ELEMENTS (bases)]);
  g_autoptr(SbScenario) twin = sb_scenario_copy (s);
  guint next = 0;

  set (&s->name, &twin->name, parts, &next, FALSE, "x");
  set (&s->dns_name, &twin->dns_name, parts, &next, FALSE, "www.example");
  /* The zone file is written for a name with a dot only. */
  if (strchr (s->dns_name, '.') == NULL)
    {
      char *name = g_strconcat (s->dns_name, ".example", NULL);

      g_free (s->dns_name);
      s->dns_name = name;
    }
  if (s->balancer.virtual_ip != NULL)
    set (&s->balancer.virtual_ip, &twin->balancer.virtual_ip, parts, &next, TRUE, NULL);
  for (guint i = 0; i < s->hosts->len; i++)
    set (&((SbHost *) g_ptr_array_index (s->hosts, i))->ip,
         &((SbHost *) g_ptr_array_index (twin->hosts, i))->ip, parts, &next, TRUE, NULL);
  for (guint i = 0; i < s->components->len; i++)
    {
      SbComponent *c = g_ptr_array_index (s->components, i);

      if (c->ip != NULL)
        set (&c->ip, &((SbComponent *) g_ptr_array_index (twin->components, i))->ip, parts, &next,
             TRUE, NULL);
    }
  /* The validator would refuse most of these, and an id changes what the
   * files are about: only their shape is compared, before ids change. */
  check_shape (twin, s);
  for (guint i = 0; i < s->hosts->len && parts[next] != NULL; i++)
    {
      SbHost *h = g_ptr_array_index (s->hosts, i);
      char *id = g_strdup (parts[next++]);

      /* Keep the references: every component on the host follows it. */
      for (guint j = 0; j < s->components->len; j++)
        {
          SbComponent *c = g_ptr_array_index (s->components, j);

          if (g_strcmp0 (c->host, h->id) == 0)
            {
              g_free (c->host);
              c->host = g_strdup (id);
            }
        }
      for (guint j = 0; j < s->balancer.backends->len; j++)
        if (g_strcmp0 (g_ptr_array_index (s->balancer.backends, j), h->id) == 0)
          {
            g_free (g_ptr_array_index (s->balancer.backends, j));
            g_ptr_array_index (s->balancer.backends, j) = g_strdup (id);
          }
      g_free (h->id);
      h->id = id;
    }
  export (s);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SbScenario) scenario = NULL;

  if (size == 0)
    return 0;
  if (data[0] != '{')
    {
      poison ((const char *) data + 1, size - 1, data[0]);
      return 0;
    }
  scenario = sb_scenario_load_from_data ((const char *) data, size, NULL);
  if (scenario != NULL)
    export (scenario);
  return 0;
}
