/* test-cli-sandbox.c — inside Flatpak, outputs go where the user finds them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox is described by the text of a .flatpak-info file, as flatpak
 * writes it, so these run anywhere.  build-aux/flatpak tries the real one.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cli/sb-sandbox.h"

#define APP_DIR "/home/ada/.var/app/io.github.stackboard.Stackboard"

static SbSandbox *
sandbox_with (const char *context)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *info = g_strdup_printf ("[Application]\n"
                                           "name=io.github.stackboard.Stackboard\n"
                                           "runtime=runtime/org.gnome.Platform/x86_64/49\n\n"
                                           "[Context]\n"
                                           "shared=ipc;\n"
                                           "sockets=x11;wayland;fallback-x11;\n"
                                           "devices=dri;\n"
                                           "%s\n", context);
  SbSandbox *sandbox = sb_sandbox_new_from_info (info, "/home/ada", &error);

  g_assert_no_error (error);
  return sandbox;
}

/* PATH may be written; returns where the user finds it. */
static char *
writable (SbSandbox  *sandbox,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  char *host = NULL;

  g_assert_true (sb_sandbox_check_output (sandbox, path, &host, &error));
  g_assert_no_error (error);
  return host;
}

/* PATH is refused; returns the message. */
static char *
refused (SbSandbox  *sandbox,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  char *host = NULL;

  g_assert_false (sb_sandbox_check_output (sandbox, path, &host, &error));
  g_assert_null (host);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  return g_strdup (error->message);
}

static void
test_sandbox_no_application (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSandbox) sandbox = sb_sandbox_new_from_info ("[Context]\nshared=ipc;\n", "/home/ada", &error);

  g_assert_null (sandbox);
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND);
}

/* The manifest's own permissions: only ~/.var/app/ID is the user's. */
static void
test_sandbox_own_folder_only (void)
{
  g_autoptr(SbSandbox) sandbox = sandbox_with ("");
  g_autofree char *inside = writable (sandbox, APP_DIR "/board.png");
  g_autofree char *folder = writable (sandbox, APP_DIR);
  g_autofree char *tmp = refused (sandbox, "/tmp/board.png");
  g_autofree char *home = refused (sandbox, "/home/ada/board.png");
  g_autofree char *sneaky = refused (sandbox, APP_DIR "/../other/board.png");

  g_assert_cmpstr (sb_sandbox_get_app_dir (sandbox), ==, APP_DIR);
  g_assert_cmpstr (inside, ==, APP_DIR "/board.png");
  g_assert_cmpstr (folder, ==, APP_DIR);
  /* The message names the path, where to write instead, and the option
   * that would let the sandbox write there. */
  g_assert_cmpstr (tmp, ==, "/tmp/board.png is inside the Flatpak sandbox, where nobody would find it: "
                   "write under " APP_DIR " (for example " APP_DIR "/board.png), or give the sandbox "
                   "that folder with flatpak run --filesystem=/tmp io.github.stackboard.Stackboard");
  g_assert_nonnull (strstr (home, "--filesystem=/home/ada "));
  g_assert_nonnull (strstr (sneaky, "/home/ada/.var/app/other/board.png is inside"));
}

/* flatpak names the application's folder in [Instance]. */
static void
test_sandbox_instance_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSandbox) sandbox = sb_sandbox_new_from_info ("[Application]\n"
                                                           "name=io.github.stackboard.Stackboard\n"
                                                           "[Instance]\n"
                                                           "instance-path=/data/ada/.var/app/io.github.stackboard.Stackboard\n",
                                                           "/home/ada", &error);
  g_autofree char *host = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (sb_sandbox_get_app_dir (sandbox), ==, "/data/ada/.var/app/io.github.stackboard.Stackboard");
  host = writable (sandbox, "/data/ada/.var/app/io.github.stackboard.Stackboard/a.png");
  g_assert_cmpstr (host, ==, "/data/ada/.var/app/io.github.stackboard.Stackboard/a.png");
}

/* A relative path is the current folder's. */
static void
test_sandbox_relative (void)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *fs = g_strdup_printf ("filesystems=%s/out;", cwd);
  g_autoptr(SbSandbox) sandbox = sandbox_with (fs);
  g_autofree char *expected = g_build_filename (cwd, "out", "a.pdf", NULL);
  g_autofree char *host = writable (sandbox, "out/a.pdf");
  g_autofree char *message = refused (sandbox, "a.pdf");

  g_assert_cmpstr (host, ==, expected);
  g_assert_true (g_str_has_prefix (message, cwd));
}

static void
test_sandbox_filesystems (void)
{
  g_autoptr(SbSandbox) sandbox = sandbox_with ("filesystems=/srv/share:ro;!home;~/Boards;xdg-download/sb;");
  g_autofree char *boards = writable (sandbox, "/home/ada/Boards/x.svg");
  g_autofree char *download = g_build_filename (g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD)
                                                ? g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD)
                                                : "/home/ada/Downloads", "sb", "x.svg", NULL);
  g_autofree char *in_download = writable (sandbox, download);
  g_autofree char *share = refused (sandbox, "/srv/share/x.svg");
  g_autofree char *home = refused (sandbox, "/home/ada/x.svg");
  g_autofree char *sibling = refused (sandbox, "/home/ada/Boards2/x.svg");

  g_assert_cmpstr (boards, ==, "/home/ada/Boards/x.svg");
  g_assert_cmpstr (in_download, ==, download);
  g_assert_true (g_str_has_prefix (share, "/srv/share/x.svg: the Flatpak sandbox may only read there"));
  g_assert_nonnull (strstr (home, "inside the Flatpak sandbox"));
  g_assert_nonnull (strstr (sibling, "inside the Flatpak sandbox"));
}

/* A deeper grant wins over a shallower one, either way. */
static void
test_sandbox_deepest_wins (void)
{
  g_autoptr(SbSandbox) sandbox = sandbox_with ("filesystems=home;~/Documents:ro;/srv:ro;/srv/out;");
  g_autofree char *home = writable (sandbox, "/home/ada/x.png");
  g_autofree char *documents = refused (sandbox, "/home/ada/Documents/x.png");
  g_autofree char *out = writable (sandbox, "/srv/out/x.png");
  g_autofree char *srv = refused (sandbox, "/srv/x.png");

  g_assert_cmpstr (home, ==, "/home/ada/x.png");
  g_assert_cmpstr (out, ==, "/srv/out/x.png");
  g_assert_nonnull (strstr (documents, "may only read there"));
  g_assert_nonnull (strstr (srv, "may only read there"));
}

/* --filesystem=host shares the user's folders, not the system's nor /tmp. */
static void
test_sandbox_host (void)
{
  g_autoptr(SbSandbox) sandbox = sandbox_with ("filesystems=host;");
  g_autofree char *home = writable (sandbox, "/home/ada/x.png");
  g_autofree char *mnt = writable (sandbox, "/mnt/usb/x.png");
  g_autofree char *media = writable (sandbox, "/run/media/ada/usb/x.png");
  g_autofree char *tmp = refused (sandbox, "/tmp/x.png");
  g_autofree char *usr = refused (sandbox, "/usr/x.png");
  g_autofree char *app = refused (sandbox, "/app/x.png");

  g_assert_cmpstr (home, ==, "/home/ada/x.png");
  g_assert_cmpstr (mnt, ==, "/mnt/usb/x.png");
  g_assert_cmpstr (media, ==, "/run/media/ada/usb/x.png");
  g_assert_true (g_str_has_prefix (tmp, "/tmp/x.png is inside the Flatpak sandbox"));
  g_assert_true (g_str_has_prefix (usr, "/usr/x.png is inside the Flatpak sandbox"));
  g_assert_true (g_str_has_prefix (app, "/app/x.png is inside the Flatpak sandbox"));
}

/* --persist=DIR: the sandbox's ~/DIR is ~/.var/app/ID/DIR on the host. */
static void
test_sandbox_persistent (void)
{
  g_autoptr(SbSandbox) sandbox = sandbox_with ("persistent=boards;");
  g_autofree char *host = writable (sandbox, "/home/ada/boards/x.png");
  g_autofree char *folder = writable (sandbox, "/home/ada/boards");

  g_assert_cmpstr (host, ==, APP_DIR "/boards/x.png");
  g_assert_cmpstr (folder, ==, APP_DIR "/boards");
}

static void
test_sandbox_input (void)
{
  g_autoptr(SbSandbox) sandbox = sandbox_with ("filesystems=/srv/share:ro;");
  g_autofree char *here = g_test_build_filename (G_TEST_DIST, "test-cli-sandbox.c", NULL);
  g_autoptr(GError) error = NULL;

  /* What exists is readable; a missing file in a shared folder is an
   * ordinary "no such file" for the loader to report. */
  g_assert_true (sb_sandbox_check_input (sandbox, here, &error));
  g_assert_true (sb_sandbox_check_input (sandbox, "/srv/share/missing.json", &error));
  g_assert_true (sb_sandbox_check_input (sandbox, APP_DIR "/missing.json", &error));
  g_assert_no_error (error);
  g_assert_false (sb_sandbox_check_input (sandbox, "/tmp/stackboard-nowhere/x.json", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "/tmp/stackboard-nowhere/x.json: the Flatpak sandbox cannot see this file; "
                   "copy it under " APP_DIR ", or give the sandbox its folder with "
                   "flatpak run --filesystem=/tmp/stackboard-nowhere:ro io.github.stackboard.Stackboard");
}

/* Outside Flatpak there is no sandbox (the test never runs in one). */
static void
test_sandbox_none (void)
{
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("running inside a Flatpak sandbox");
      return;
    }
  g_assert_null (sb_sandbox_get_default ());
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/sandbox/no-application", test_sandbox_no_application);
  g_test_add_func ("/cli/sandbox/own-folder-only", test_sandbox_own_folder_only);
  g_test_add_func ("/cli/sandbox/instance-path", test_sandbox_instance_path);
  g_test_add_func ("/cli/sandbox/relative", test_sandbox_relative);
  g_test_add_func ("/cli/sandbox/filesystems", test_sandbox_filesystems);
  g_test_add_func ("/cli/sandbox/deepest-wins", test_sandbox_deepest_wins);
  g_test_add_func ("/cli/sandbox/host", test_sandbox_host);
  g_test_add_func ("/cli/sandbox/persistent", test_sandbox_persistent);
  g_test_add_func ("/cli/sandbox/input", test_sandbox_input);
  g_test_add_func ("/cli/sandbox/none", test_sandbox_none);
  return g_test_run ();
}
