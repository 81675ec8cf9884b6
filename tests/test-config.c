/* test-config.c — the configuration files a scenario stands for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "config/sb-config.h"

static SbScenario *
load (const char *name)
{
  g_autoptr(GError) error = NULL;
  SbScenario *s = sb_scenario_load_bundled (name, &error);

  g_assert_no_error (error);
  return s;
}

static char *
text_of (GPtrArray  *files,
         const char *path)
{
  const SbConfigFile *file = sb_config_find (files, path);

  g_assert_nonnull (file);
  return sb_config_file_text (file);
}

static void
test_files (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(GPtrArray) files = sb_config_generate (s);
  const char *expected[] = { "haproxy/haproxy.cfg", "nginx/server-1.conf", "nginx/server-2.conf",
                             "mysql/db-1.cnf", "mysql/db-2.cnf", "mysql/db-2-replication.sql",
                             "dns/foobar.com.zone" };

  g_assert_cmpuint (files->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((SbConfigFile *) g_ptr_array_index (files, i))->path, ==, expected[i]);
}

static void
test_haproxy (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(GPtrArray) files = sb_config_generate (s);
  g_autofree char *cfg = text_of (files, "haproxy/haproxy.cfg");

  g_assert_nonnull (strstr (cfg, "    bind 203.0.113.10:80\n"));
  g_assert_nonnull (strstr (cfg, "    balance roundrobin\n"));
  g_assert_nonnull (strstr (cfg, "    option httpchk GET /\n"));
  g_assert_nonnull (strstr (cfg, "    server server-1 10.0.0.11:80 check inter 2s rise 2 fall 3\n"));
  g_assert_nonnull (strstr (cfg, "    server server-2 10.0.0.12:80 check inter 2s rise 2 fall 3\n"));
  g_assert_nonnull (strstr (cfg, "    retries 0\n"));
  g_assert_null (strstr (cfg, "redispatch"));
}

/* The lines that differ between two files, as "-line" / "+line". */
static GPtrArray *
changed_lines (const char *a,
               const char *b)
{
  g_auto(GStrv) la = g_strsplit (a, "\n", -1);
  g_auto(GStrv) lb = g_strsplit (b, "\n", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; la[i]; i++)
    if (!g_strv_contains ((const char * const *) lb, la[i]))
      g_ptr_array_add (out, g_strconcat ("-", la[i], NULL));
  for (guint i = 0; lb[i]; i++)
    if (!g_strv_contains ((const char * const *) la, lb[i]))
      g_ptr_array_add (out, g_strconcat ("+", lb[i], NULL));
  return out;
}

static void
assert_changes (SbScenario  *before,
                SbScenario  *after,
                const char **expected)
{
  g_autoptr(GPtrArray) fa = sb_config_generate (before);
  g_autoptr(GPtrArray) fb = sb_config_generate (after);
  g_autofree char *a = text_of (fa, "haproxy/haproxy.cfg");
  g_autofree char *b = text_of (fb, "haproxy/haproxy.cfg");
  g_autoptr(GPtrArray) changes = changed_lines (a, b);

  g_assert_cmpuint (changes->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i]; i++)
    g_assert_cmpstr (g_ptr_array_index (changes, i), ==, expected[i]);
}

/* Switching algorithm or mode changes exactly the lines it should. */
static void
test_switches (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(SbScenario) t = sb_scenario_copy (s);
  const char *algorithm[] = { "-    balance roundrobin", "+    balance leastconn", NULL };
  const char *mode[] = { "-    server server-2 10.0.0.12:80 check inter 2s rise 2 fall 3",
                         "+    server server-2 10.0.0.12:80 check inter 2s rise 2 fall 3 backup", NULL };
  const char *redispatch[] = { "-    retries 0", "+    retries 1", "+    option redispatch",
                               "+    retry-on conn-failure 502", NULL };
  const char *check[] = { "-    option httpchk GET /", NULL };

  t->balancer.algorithm = SB_ALGORITHM_LEASTCONN;
  assert_changes (s, t, algorithm);
  sb_scenario_free (t);
  t = sb_scenario_copy (s);
  t->balancer.mode = SB_MODE_ACTIVE_PASSIVE;
  assert_changes (s, t, mode);
  sb_scenario_free (t);
  t = sb_scenario_copy (s);
  t->balancer.redispatch = TRUE;
  assert_changes (s, t, redispatch);
  sb_scenario_free (t);
  t = sb_scenario_copy (s);
  t->balancer.check = SB_CHECK_TCP;
  assert_changes (s, t, check);
}

static void
test_mysql_and_dns (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(GPtrArray) files = sb_config_generate (s);
  g_autofree char *primary = text_of (files, "mysql/db-1.cnf");
  g_autofree char *replica = text_of (files, "mysql/db-2.cnf");
  g_autofree char *sql = text_of (files, "mysql/db-2-replication.sql");
  g_autofree char *zone = text_of (files, "dns/foobar.com.zone");

  g_assert_nonnull (strstr (primary, "server-id = 1\n"));
  g_assert_nonnull (strstr (primary, "log_bin = mysql-bin\n"));
  g_assert_nonnull (strstr (replica, "server-id = 2\n"));
  g_assert_nonnull (strstr (replica, "read_only = ON\n"));
  g_assert_nonnull (strstr (sql, "SOURCE_HOST = '10.0.0.11',"));
  g_assert_nonnull (strstr (zone, "www  IN A   203.0.113.10\n"));
  g_assert_nonnull (strstr (zone, "$TTL 60\n"));
}

/* One server, no load balancer: no haproxy.cfg, and the name points at the server. */
static void
test_one_server (void)
{
  g_autoptr(SbScenario) s = load ("one-server");
  g_autoptr(GPtrArray) files = sb_config_generate (s);
  g_autofree char *zone = text_of (files, "dns/foobar.com.zone");

  g_assert_null (sb_config_find (files, "haproxy/haproxy.cfg"));
  g_assert_nonnull (sb_config_find (files, "nginx/server-1.conf"));
  g_assert_nonnull (strstr (zone, "www  IN A   203.0.113.20\n"));
}

/* Every line of the backend's server list says which machine it is. */
static void
test_line_elements (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(GPtrArray) files = sb_config_generate (s);
  const SbConfigFile *cfg = sb_config_find (files, "haproxy/haproxy.cfg");
  guint found = 0;

  for (guint i = 0; i < cfg->lines->len; i++)
    {
      const SbConfigLine *line = g_ptr_array_index (cfg->lines, i);

      if (g_str_has_prefix (line->text, "    server "))
        {
          g_assert_true (g_str_has_prefix (line->text + 11, line->element));
          found++;
        }
    }
  g_assert_cmpuint (found, ==, 2);
}

/* Step 3: HTTPS ends at the load balancer; HTTP is redirected to it. */
static void
test_https (void)
{
  g_autoptr(SbScenario) s = load ("secured-monitored");
  g_autoptr(GPtrArray) files = sb_config_generate (s);
  g_autofree char *cfg = text_of (files, "haproxy/haproxy.cfg");
  g_autoptr(SbScenario) plain = load ("distributed");
  g_autoptr(GPtrArray) plain_files = sb_config_generate (plain);
  g_autofree char *plain_cfg = text_of (plain_files, "haproxy/haproxy.cfg");

  g_assert_nonnull (strstr (cfg, "    bind *:443 ssl crt /etc/haproxy/certs/www.foobar.com.pem\n"));
  g_assert_nonnull (strstr (cfg, "    http-request redirect scheme https unless { ssl_fc }\n"));
  g_assert_null (strstr (plain_cfg, "ssl"));
  g_autofree char *lb_rules = text_of (files, "firewall/lb-server.sh");
  g_autofree char *rules = text_of (files, "firewall/server-1.sh");
  g_autofree char *rules_2 = text_of (files, "firewall/server-2.sh");

  /* One ufw script per firewall: the load balancer open to the world,
   * the servers to the load balancer and, for MySQL, to each other. */
  g_assert_cmpuint (files->len, ==, 10);
  g_assert_nonnull (strstr (lb_rules, "ufw default deny incoming\n"));
  g_assert_nonnull (strstr (lb_rules, "ufw allow 80/tcp\nufw allow 443/tcp\n"));
  g_assert_nonnull (strstr (rules, "ufw allow from 203.0.113.10 to any port 80 proto tcp\n"));
  g_assert_nonnull (strstr (rules, "ufw allow from 10.0.0.12 to any port 3306 proto tcp\n"));
  g_assert_null (strstr (rules, "443"));
  g_assert_nonnull (strstr (rules_2, "ufw allow from 10.0.0.11 to any port 3306 proto tcp\n"));
}

/* Step 4: keepalived on each load balancer, the name on the virtual IP,
 * Nginx passing to the application servers on their own machines. */
static void
test_cluster (void)
{
  g_autoptr(SbScenario) s = load ("scale-up");
  g_autoptr(GPtrArray) files = sb_config_generate (s);
  g_autofree char *master = text_of (files, "keepalived/lb-server-1.conf");
  g_autofree char *backup = text_of (files, "keepalived/lb-server-2.conf");
  g_autofree char *cfg = text_of (files, "haproxy/haproxy.cfg");
  g_autofree char *site = text_of (files, "nginx/web-server-2.conf");
  g_autofree char *zone = text_of (files, "dns/foobar.com.zone");

  g_assert_nonnull (strstr (master, "    state MASTER\n    interface eth0\n    virtual_router_id 51\n"
                                    "    priority 101\n    advert_int 1\n"));
  g_assert_nonnull (strstr (backup, "    state BACKUP\n"));
  g_assert_nonnull (strstr (backup, "    priority 100\n"));
  g_assert_nonnull (strstr (backup, "    unicast_src_ip 10.0.0.9\n    unicast_peer {\n        10.0.0.10\n    }\n"));
  g_assert_nonnull (strstr (master, "    virtual_ipaddress {\n        203.0.113.10\n    }\n"));
  g_assert_nonnull (strstr (cfg, "    bind 203.0.113.10:443 ssl crt"));
  g_assert_nonnull (strstr (cfg, "    server web-server-1 10.0.0.11:80 check"));
  g_assert_nonnull (strstr (site, "upstream app_servers {\n    server 10.0.0.21:8000;\n"
                                  "    server 10.0.0.22:8000;\n}\n"));
  g_assert_nonnull (strstr (site, "        proxy_pass http://app_servers;\n"));
  g_assert_nonnull (strstr (zone, "www  IN A   203.0.113.10\n"));
  g_assert_null (sb_config_find (files, "nginx/app-server-1.conf"));
}

/* The same files pointed at loopback ports (tests/twin/): only the
 * addresses and the application server's line change. */
static void
test_options (void)
{
  g_autoptr(SbScenario) s = load ("distributed");
  g_autoptr(GHashTable) servers = g_hash_table_new (g_str_hash, g_str_equal);
  SbConfigOptions options = { "127.0.0.1:18080", servers, TRUE };
  g_autoptr(GPtrArray) plain = sb_config_generate (s);
  g_autoptr(GPtrArray) none = sb_config_generate_with (s, NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *a = text_of (plain, "haproxy/haproxy.cfg");
  g_autofree char *b = text_of (none, "haproxy/haproxy.cfg");
  g_autofree char *cfg = NULL;
  g_autofree char *site1 = NULL;
  g_autofree char *site2 = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  g_assert_cmpstr (a, ==, b);
  g_hash_table_insert (servers, "server-1", "127.0.0.1:18081");
  files = sb_config_generate_with (s, &options);
  cfg = text_of (files, "haproxy/haproxy.cfg");
  changes = changed_lines (a, cfg);
  g_assert_cmpuint (changes->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (changes, 0), ==, "-    bind 203.0.113.10:80");
  g_assert_cmpstr (g_ptr_array_index (changes, 1), ==,
                   "-    server server-1 10.0.0.11:80 check inter 2s rise 2 fall 3");
  g_assert_cmpstr (g_ptr_array_index (changes, 2), ==, "+    bind 127.0.0.1:18080");
  g_assert_cmpstr (g_ptr_array_index (changes, 3), ==,
                   "+    server server-1 127.0.0.1:18081 check inter 2s rise 2 fall 3");
  site1 = text_of (files, "nginx/server-1.conf");
  site2 = text_of (files, "nginx/server-2.conf");
  g_assert_nonnull (strstr (site1, "    listen 127.0.0.1:18081;\n"));
  g_assert_nonnull (strstr (site1, "        return 200 \"server-1\\n\";\n"));
  g_assert_null (strstr (site1, "proxy_pass"));
  /* A host the map leaves out keeps its own port. */
  g_assert_nonnull (strstr (site2, "    listen 80;\n"));
  g_assert_nonnull (strstr (site2, "        return 200 \"server-2\\n\";\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config/files", test_files);
  g_test_add_func ("/config/haproxy", test_haproxy);
  g_test_add_func ("/config/switches", test_switches);
  g_test_add_func ("/config/mysql-dns", test_mysql_and_dns);
  g_test_add_func ("/config/one-server", test_one_server);
  g_test_add_func ("/config/line-elements", test_line_elements);
  g_test_add_func ("/config/https", test_https);
  g_test_add_func ("/config/cluster", test_cluster);
  g_test_add_func ("/config/options", test_options);
  return g_test_run ();
}
