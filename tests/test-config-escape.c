/* test-config-escape.c — every configuration writer escapes for its
 * format, on its own: scenarios built in code, past the validator, with
 * hostile values in every field that reaches a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The validator keeps such values out of a loaded file (tests/data/hostile);
 * these tests show that were one to get through, it would still stay one
 * word, one literal or one comment of its format: the same lines as a
 * benign scenario of the same shape, no control character, a ufw script
 * that passes it to ufw as one argument and runs nothing else, files only
 * inside the folder.
 */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "config/sb-config-escape.h"
#include "config/sb-config.h"
#include "test-tmp-dir.h"

typedef struct {
  const char *value;
  const char *expected;
} Case;

static void
assert_cases (char       *(*escape) (const char *),
              const Case  *cases,
              gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *got = escape (cases[i].value);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_sh_word (void)
{
  static const Case cases[] = {
    { "10.0.0.1", "10.0.0.1" },
    { "2001:db8::5", "2001:db8::5" },
    { "fe80::1%x\ntouch /tmp/x", "'fe80::1%x?touch /tmp/x'" },
    { "a'b", "'a'\\''b'" },
    { "$(reboot)", "'$(reboot)'" },
    { "`id`;|&<>*", "'`id`;|&<>*'" },
    { "", "''" },
  };

  assert_cases (sb_config_sh_word, cases, G_N_ELEMENTS (cases));
}

static void
test_sql_string (void)
{
  static const Case cases[] = {
    { "10.0.0.11", "'10.0.0.11'" },
    { "x'; DROP DATABASE app; -- '", "'x''; DROP DATABASE app; -- '''" },
    { "a\\'b", "'a\\\\''b'" },
    { "l1\nl2\r\t\032\001", "'l1\\nl2\\r\\t\\Z?'" },
    /* Found by fuzz/fuzz-config: C1 controls and U+2028 went through. */
    { "a\xc2\x85" "b\xe2\x80\xa8" "c\x7f\xc3\xa9", "'a?b?c?\xc3\xa9'" },
  };

  assert_cases (sb_config_sql_string, cases, G_N_ELEMENTS (cases));
}

static void
test_nginx_token (void)
{
  static const Case cases[] = {
    { "www.foobar.com", "www.foobar.com" },
    { "[2001:db8::5]:8000", "[2001:db8::5]:8000" },
    { "x;\n return 301 https://e$request_uri", "\"x;? return 301 https://e_request_uri\"" },
    { "~^(.*)$", "\"_^(.*)_\"" },
    { "a\"b\\c", "\"a\\\"b\\\\c\"" },
    { "a b", "\"a b\"" },
  };

  assert_cases (sb_config_nginx_token, cases, G_N_ELEMENTS (cases));
}

static void
test_haproxy_token (void)
{
  static const Case cases[] = {
    { "[2001:db8::5]:80", "[2001:db8::5]:80" },
    { "*:80", "*:80" },
    { "10.0.0.1:80\nlisten admin", "'10.0.0.1:80?listen admin'" },
    { "a'b #c", "'a'\\''b #c'" },
    { "${HOME}", "'${HOME}'" },
  };

  assert_cases (sb_config_haproxy_token, cases, G_N_ELEMENTS (cases));
}

static void
test_keepalived_token (void)
{
  static const Case cases[] = {
    { "2001:db8::100", "2001:db8::100" },
    { "10.0.0.1\n    notify_master \"/bin/touch /x\"", "10.0.0.1_____notify_master__/bin/touch_/x_" },
    { "a{b}c#d!e;f'g", "a_b_c_d_e_f_g" },
    { "", "_" },
  };

  assert_cases (sb_config_keepalived_token, cases, G_N_ELEMENTS (cases));
}

static void
test_zone_name_and_comment (void)
{
  static const Case zone[] = {
    { "foobar.com", "foobar.com" },
    { "2001:db8::5", "2001:db8::5" },
    { "a b;c\n(d)$\"", "a\\032b\\059c\\010\\040d\\041\\036\\034" },
    { "", "@" },
  };
  static const Case comment[] = {
    { "server-1", "server-1" },
    { "a\nb\rc\x1b[2J\xc2\x85" "d\xe2\x80\xa8" "e\x7f", "abc[2Jde" },
  };
  static const Case option[] = {
    { "10.0.0.1", "10.0.0.1" },
    { "a b\n#c\"\\", "\"a b#c\\\"\\\\\"" },
  };

  assert_cases (sb_config_zone_name, zone, G_N_ELEMENTS (zone));
  assert_cases (sb_config_comment, comment, G_N_ELEMENTS (comment));
  assert_cases (sb_config_option_value, option, G_N_ELEMENTS (option));
}

static void
test_paths (void)
{
  static const char * const safe[] = { "haproxy/haproxy.cfg", "nginx/server-1.conf", "dns/a.b.zone",
                                       "x", NULL };
  static const char * const unsafe[] = { "", "/etc/passwd", "../x", "dns/../../x", "a//b", "a/",
                                         ".hidden", "nginx/.x", "a b", "a\nb", "nginx/..", NULL };
  static const Case names[] = {
    { "server-1", "server-1" }, { "..", "_." }, { ".hidden", "_hidden" },
    { "a/b", "a_b" }, { "", "_" }, { "x\ny", "x_y" },
  };

  g_autofree char *long_id = g_strnfill (1000, 'a');
  g_autofree char *long_name = sb_config_file_name (long_id);

  /* Found by fuzz/fuzz-config: a name longer than a file name may be. */
  g_assert_cmpuint (strlen (long_name), ==, 200);
  for (guint i = 0; safe[i]; i++)
    g_assert_true (sb_config_path_is_safe (safe[i]));
  for (guint i = 0; unsafe[i]; i++)
    g_assert_false (sb_config_path_is_safe (unsafe[i]));
  assert_cases (sb_config_file_name, names, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = sb_config_file_name (names[i].value);
      g_autofree char *path = g_strconcat ("nginx/", name, ".conf", NULL);

      g_assert_true (sb_config_path_is_safe (path));
    }
}

/* Hostile scenarios built in code */

#define SHELL_ATTACK "10.0.0.12\ntouch CANARY; echo $(touch CANARY) `touch CANARY` '"
#define LINE_ATTACK  "203.0.113.10:80\nlisten admin\n    bind :8404\n    stats enable #"

static SbScenario *
load (const char *name)
{
  g_autoptr(GError) error = NULL;
  SbScenario *s = sb_scenario_load_bundled (name, &error);

  g_assert_no_error (error);
  return s;
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Every value of S that reaches a file, made hostile. */
static void
poison (SbScenario *s)
{
  set_string (&s->name, "x\n\"; rm -rf / #");
  set_string (&s->dns_name, "www.foobar.com;\n    return 301 https://evil$request_uri;\n#");
  set_string (&s->balancer.virtual_ip, s->balancer.virtual_ip ? "fe80::1%x\n    notify_master \"/bin/touch /x\"" : NULL);
  for (guint i = 0; i < s->hosts->len; i++)
    {
      SbHost *h = g_ptr_array_index (s->hosts, i);

      set_string (&h->ip, i % 2 ? SHELL_ATTACK : "fe80::1%'; DROP DATABASE app; -- '\n");
    }
  for (guint i = 0; i < s->components->len; i++)
    {
      SbComponent *c = g_ptr_array_index (s->components, i);

      if (c->ip != NULL)
        set_string (&c->ip, LINE_ATTACK);
    }
}

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029)
        return TRUE;
    }
  return FALSE;
}

/* The same files, the same number of lines each: nothing a value held
 * started a line of its own. */
static void
assert_same_shape (GPtrArray *benign,
                   GPtrArray *hostile)
{
  g_assert_cmpuint (benign->len, ==, hostile->len);
  for (guint i = 0; i < benign->len; i++)
    {
      const SbConfigFile *a = g_ptr_array_index (benign, i);
      const SbConfigFile *b = g_ptr_array_index (hostile, i);

      g_test_message ("%s", b->path);
      g_assert_true (sb_config_path_is_safe (b->path));
      g_assert_cmpuint (a->lines->len, ==, b->lines->len);
      for (guint j = 0; j < b->lines->len; j++)
        {
          const SbConfigLine *line = g_ptr_array_index (b->lines, j);

          g_assert_true (g_utf8_validate (line->text, -1, NULL));
          g_assert_false (has_control (line->text));
        }
    }
}

static void
test_hostile_shape (gconstpointer data)
{
  g_autoptr(SbScenario) benign = load (data);
  g_autoptr(SbScenario) hostile = sb_scenario_copy (benign);
  g_autoptr(GPtrArray) a = sb_config_generate (benign);
  g_autoptr(GPtrArray) b = NULL;

  poison (hostile);
  b = sb_config_generate (hostile);
  assert_same_shape (a, b);
}

/* A stub ufw that writes each call's arguments, one per line, then "--". */
static char *
write_stub (const char *dir)
{
  g_autofree char *bin = g_build_filename (dir, "bin", NULL);
  g_autofree char *stub = g_build_filename (bin, "ufw", NULL);
  static const char script[] = "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >>\"$UFW_LOG\"\n"
                               "echo -- >>\"$UFW_LOG\"\n";

  g_assert_no_errno (g_mkdir (bin, 0755));
  g_assert_true (g_file_set_contents (stub, script, -1, NULL));
  g_assert_no_errno (g_chmod (stub, 0755));
  return g_steal_pointer (&bin);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (path));
}

/* The firewall scripts of a poisoned scenario, run: ufw gets the hostile
 * address as one argument (its line break shown as '?'), nothing else runs. */
static void
test_hostile_ufw (TmpDir        *fixture,
                  gconstpointer  data)
{
  g_autoptr(SbScenario) s = load ("secured-monitored");
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bin = write_stub (fixture->dir);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *log = g_build_filename (fixture->dir, "ufw.log", NULL);
  g_autofree char *canary = g_build_filename (fixture->dir, "CANARY", NULL);
  g_autofree char *path_env = g_strdup_printf ("%s:%s", bin, g_getenv ("PATH"));
  g_autofree char *log_env = g_strconcat ("UFW_LOG=", log, NULL);
  g_autofree char *path_var = g_strconcat ("PATH=", path_env, NULL);
  g_autofree char *calls = NULL;
  guint n_scripts = 0;

  poison (s);
  files = sb_config_generate (s);
  g_assert_true (sb_config_write (files, out, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    {
      const SbConfigFile *file = g_ptr_array_index (files, i);
      g_autofree char *script = g_build_filename (out, file->path, NULL);
      const char *argv[] = { "sh", script, NULL };
      const char *envp[] = { path_var, log_env, NULL };
      int status;

      if (!g_str_has_prefix (file->path, "firewall/"))
        continue;
      n_scripts++;
      g_assert_true (g_spawn_sync (fixture->dir, (char **) argv, (char **) envp, G_SPAWN_SEARCH_PATH,
                                   NULL, NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  g_assert_cmpuint (n_scripts, ==, 3);
  g_assert_false (g_file_test (canary, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (log, &calls, NULL, NULL));
  /* server-1's and server-2's scripts let the machines of the others in:
   * the hostile address is one argument, whole. */
  g_assert_nonnull (strstr (calls, "allow\nfrom\n10.0.0.12?touch CANARY; echo $(touch CANARY) "
                                   "`touch CANARY` '\nto\nany\nport\n"));
  remove_tree (out);
  g_assert_no_errno (g_unlink (log));
  remove_tree (bin);
}

/* Writing */

static SbConfigFile *
file_at (const char *path,
         const char *text)
{
  SbConfigFile *file = g_new0 (SbConfigFile, 1);
  SbConfigLine *line = g_new0 (SbConfigLine, 1);

  file->path = g_strdup (path);
  file->lines = g_ptr_array_new ();
  line->text = g_strdup (text);
  g_ptr_array_add (file->lines, line);
  return file;
}

static void
file_free (gpointer data)
{
  SbConfigFile *file = data;
  SbConfigLine *line = g_ptr_array_index (file->lines, 0);

  g_free (line->text);
  g_free (line);
  g_ptr_array_unref (file->lines);
  g_free (file->path);
  g_free (file);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A path that is not safe stops the whole set before anything is written. */
static void
test_write_unsafe_path (TmpDir        *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (file_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = g_build_filename (fixture->dir, "..", "ESCAPED", NULL);

  g_ptr_array_add (files, file_at ("haproxy/haproxy.cfg", "global"));
  g_ptr_array_add (files, file_at ("dns/../../ESCAPED", "x"));
  g_assert_false (sb_config_write (files, fixture->dir, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_true (g_str_has_suffix (error->message, "(nothing was written)"));
  g_assert_cmpuint (count_entries (fixture->dir), ==, 0);
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
}

/* A link planted in the folder is not followed, and nothing is written;
 * the second file's link too, though the first file would have been fine. */
static void
test_write_links (TmpDir        *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (file_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (fixture->dir, "target", NULL);
  g_autofree char *victim = g_build_filename (fixture->dir, "victim", NULL);
  g_autofree char *nginx = g_build_filename (target, "nginx", NULL);
  g_autofree char *link = g_build_filename (nginx, "b.conf", NULL);
  g_autofree char *text = NULL;

  g_assert_no_errno (g_mkdir_with_parents (nginx, 0755));
  g_assert_true (g_file_set_contents (victim, "mine\n", -1, NULL));
  g_assert_no_errno (symlink (victim, link));
  g_ptr_array_add (files, file_at ("nginx/a.conf", "a"));
  g_ptr_array_add (files, file_at ("nginx/b.conf", "b"));
  g_assert_false (sb_config_write (files, target, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  g_assert_true (strstr (error->message, "b.conf is a symbolic link") != NULL);
  g_assert_true (g_file_get_contents (victim, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "mine\n");
  /* Only the link: no a.conf, no temporary folder. */
  g_assert_cmpuint (count_entries (nginx), ==, 1);
  g_assert_cmpuint (count_entries (target), ==, 1);
  g_assert_no_errno (g_unlink (link));
  g_assert_no_errno (g_rmdir (nginx));
  g_assert_no_errno (g_rmdir (target));
  g_assert_no_errno (g_unlink (victim));
}

/* Old files are replaced whole; a script is executable; nothing is left. */
static void
test_write_replace (TmpDir        *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (file_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (fixture->dir, "firewall", "a.sh", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "firewall", NULL);
  g_autofree char *text = NULL;
  GStatBuf info;

  g_assert_no_errno (g_mkdir (folder, 0755));
  g_assert_true (g_file_set_contents (script, "old\n", -1, NULL));
  g_ptr_array_add (files, file_at ("firewall/a.sh", "new"));
  g_assert_true (sb_config_write (files, fixture->dir, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (script, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "new\n");
  g_assert_no_errno (g_stat (script, &info));
  g_assert_true (info.st_mode & S_IXUSR);
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
  g_assert_no_errno (g_unlink (script));
  g_assert_no_errno (g_rmdir (folder));
}

static void
test_write_empty (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (file_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (files, file_at ("x", "x"));
  g_assert_false (sb_config_write (files, "", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_false (g_file_test ("x", G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config/escape/sh", test_sh_word);
  g_test_add_func ("/config/escape/sql", test_sql_string);
  g_test_add_func ("/config/escape/nginx", test_nginx_token);
  g_test_add_func ("/config/escape/haproxy", test_haproxy_token);
  g_test_add_func ("/config/escape/keepalived", test_keepalived_token);
  g_test_add_func ("/config/escape/zone-comment-option", test_zone_name_and_comment);
  g_test_add_func ("/config/escape/paths", test_paths);
  g_test_add_data_func ("/config/hostile/distributed", "distributed", test_hostile_shape);
  g_test_add_data_func ("/config/hostile/secured-monitored", "secured-monitored", test_hostile_shape);
  g_test_add_data_func ("/config/hostile/scale-up", "scale-up", test_hostile_shape);
  g_test_add ("/config/hostile/ufw", TmpDir, NULL, tmp_dir_setup, test_hostile_ufw, tmp_dir_teardown);
  g_test_add ("/config/write/unsafe-path", TmpDir, NULL, tmp_dir_setup, test_write_unsafe_path,
              tmp_dir_teardown);
  g_test_add ("/config/write/links", TmpDir, NULL, tmp_dir_setup, test_write_links, tmp_dir_teardown);
  g_test_add ("/config/write/replace", TmpDir, NULL, tmp_dir_setup, test_write_replace,
              tmp_dir_teardown);
  g_test_add_func ("/config/write/empty", test_write_empty);
  return g_test_run ();
}
