/* test-tmp-dir.h — a temporary directory fixture shared by GLib tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The directory is made before each test and removed with its files
 * after it; a test that leaves a subdirectory fails the teardown.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

typedef struct {
  char *dir;
} TmpDir;

G_GNUC_UNUSED static void
tmp_dir_setup (TmpDir        *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (g_get_prgname ());
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", base);

  fixture->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
}

G_GNUC_UNUSED static void
tmp_dir_teardown (TmpDir        *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_assert_no_errno (g_remove (path));
    }
  g_assert_no_errno (g_rmdir (fixture->dir));
  g_free (fixture->dir);
}
