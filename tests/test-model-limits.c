/* test-model-limits.c — a huge scenario is refused at once, with a clear
 * message, without reading it all or building it in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files are made at test time in a temporary folder: a 100 MB file (sparse,
 * so it costs no disk, but reading it would cost 100 MB of memory) and
 * scenarios of 10,000 servers, compact (under the size cap, so the host
 * count refuses it) and indented (over the size cap).  Each load must
 * fail within a second and raise the peak memory of the process (VmHWM)
 * by a few tens of megabytes at most.
 */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "model/sb-scenario.h"
#include "test-tmp-dir.h"

#define HUGE_FILE_SIZE   (100 * 1000 * 1000)   /* 100 MB */
#define MANY_SERVERS     10000
/* What a refusal may add to the peak memory: json-glib's tree of a file
 * under the 1 MiB cap (about 20 MB), not the file's claimed size; and the
 * time it may take.  AddressSanitizer pads every block and keeps freed ones
 * aside, so the same work takes about four times the room under it; the
 * sanitized suite also records a whole stack for every malloc, which makes
 * the 10,000-server parse some 15 s: there, only a runaway is caught. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifdef UNDER_ASAN
#define MEMORY_FACTOR    4
#define MAX_SECONDS      120.0
#else
#define MEMORY_FACTOR    1
#define MAX_SECONDS      1.0
#endif
#define MAX_GROWTH_KIB   (MEMORY_FACTOR * 40 * 1024)

/* Peak resident memory of this process so far, in KiB (0 if unknown). */
static guint64
peak_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

/* Loads PATH, which must be refused with "PATH: EXPECTED", fast and
 * without a jump in memory. */
static void
assert_refused_fast (const char *path,
                     const char *expected)
{
  g_autofree char *full = g_strdup_printf ("%s: %s", path, expected);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;
  guint64 peak_before = peak_kib ();
  gint64 start = g_get_monotonic_time ();
  double seconds;

  scenario = sb_scenario_load_from_file (path, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("%s: refused in %.3f s, peak memory %" G_GUINT64_FORMAT " -> %"
                  G_GUINT64_FORMAT " KiB", path, seconds, peak_before, peak_kib ());
  g_assert_null (scenario);
  g_assert_error (error, SB_SCENARIO_ERROR, error->code);
  g_assert_cmpstr (error->message, ==, full);
  g_assert_cmpfloat (seconds, <, MAX_SECONDS);
  g_assert_cmpuint (peak_kib (), <=, peak_before + MAX_GROWTH_KIB);
}

static void
test_huge_file (TmpDir        *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "huge.json", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  /* A scenario's opening, then a hole up to 100 MB: the size is real, the
   * disk blocks are not. */
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "{\"format\": \"stackboard-scenario\", ", 35), ==, 35);
  g_assert_no_errno (ftruncate (fd, HUGE_FILE_SIZE));
  g_assert_no_errno (close (fd));

  assert_refused_fast (path, "file is 100000000 bytes, more than the 1048576 a scenario may have");
}

/* A valid scenario but for its 10,000 servers, each with a web server;
 * INDENT spaces before every entry. */
static char *
many_servers (guint indent)
{
  GString *text = g_string_new ("{\"format\": \"stackboard-scenario\", \"version\": 1, "
                                "\"name\": \"many\", \"title\": \"Many servers\",\n\"hosts\": [");
  const char *pad = "                                                                ";

  g_assert_cmpuint (indent, <=, strlen (pad));
  for (guint i = 1; i <= MANY_SERVERS; i++)
    g_string_append_printf (text, "%s\n%.*s{\"id\": \"s%u\", \"label\": \"S%u\"}",
                            i > 1 ? "," : "", indent, pad, i, i);
  g_string_append (text, "],\n\"components\": [\n{\"id\": \"user\", \"kind\": \"client\", "
                         "\"label\": \"User\"}");
  for (guint i = 1; i <= MANY_SERVERS; i++)
    g_string_append_printf (text, ",\n%.*s{\"id\": \"w%u\", \"kind\": \"web_server\", "
                            "\"host\": \"s%u\", \"label\": \"W\"}", indent, pad, i, i);
  g_string_append (text, "]}\n");
  return g_string_free (text, FALSE);
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_many_servers (TmpDir        *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "many.json", NULL);
  g_autofree char *text = many_servers (0);

  g_assert_cmpuint (strlen (text), <, SB_SCENARIO_MAX_FILE_SIZE);
  write_file (path, text);
  assert_refused_fast (path, "hosts: 10000 hosts, more than the 64 a scenario may have");
}

static void
test_many_servers_indented (TmpDir        *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "many.json", NULL);
  g_autofree char *text = many_servers (40);
  g_autofree char *expected = NULL;

  g_assert_cmpuint (strlen (text), >, SB_SCENARIO_MAX_FILE_SIZE);
  write_file (path, text);
  expected = g_strdup_printf ("file is %zu bytes, more than the 1048576 a scenario may have",
                              strlen (text));
  assert_refused_fast (path, expected);
}

/* The same text handed over in memory (a paste, a file read elsewhere). */
static void
test_huge_data (void)
{
  g_autofree char *data = g_malloc0 (HUGE_FILE_SIZE);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = NULL;
  gint64 start = g_get_monotonic_time ();

  scenario = sb_scenario_load_from_data (data, HUGE_FILE_SIZE, &error);
  g_assert_null (scenario);
  g_assert_error (error, SB_SCENARIO_ERROR, SB_SCENARIO_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "file is 100000000 bytes, more than the 1048576 a scenario may have");
  g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, <, MAX_SECONDS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/model/limits/huge-file", TmpDir, NULL,
              tmp_dir_setup, test_huge_file, tmp_dir_teardown);
  g_test_add ("/model/limits/many-servers", TmpDir, NULL,
              tmp_dir_setup, test_many_servers, tmp_dir_teardown);
  g_test_add ("/model/limits/many-servers-indented", TmpDir, NULL,
              tmp_dir_setup, test_many_servers_indented, tmp_dir_teardown);
  g_test_add_func ("/model/limits/huge-data", test_huge_data);
  return g_test_run ();
}
