/* sb-config-escape.h — values written into each configuration format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scenario validator already holds every value to what it claims (an
 * id, a plain IP address, a host name).  These functions are the second
 * line: whatever a value holds, what they return stays one token (or one
 * literal, one comment) of its format, never starts a new line, a new
 * command or a new directive.  Each returns a new string.  GLib only.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TEXT for a comment: control characters (C0, DEL, C1, and the line and
 * paragraph separators) left out, so nothing after them starts a line. */
char     *sb_config_comment        (const char *text);

/* One word for a POSIX shell: as it is when made of characters no shell
 * reads specially, else in single quotes ('\'' for a quote). */
char     *sb_config_sh_word        (const char *value);

/* A MySQL string literal, quotes included: ' and \ doubled, control
 * characters as \n, \r, \t, \0 or \Z escapes. */
char     *sb_config_sql_string     (const char *value);

/* One Nginx token: as it is when plain, else in double quotes with \" and
 * \\; '$' (a variable in many directives) and a leading '~' (a regular
 * expression in server_name) become '_'. */
char     *sb_config_nginx_token    (const char *value);

/* One HAProxy word: as it is when plain, else in single quotes, inside
 * which HAProxy interprets nothing ('\'' for a quote). */
char     *sb_config_haproxy_token  (const char *value);

/* One keepalived word: keepalived has no quoting for these, so white
 * space, quotes, braces and its comment signs ('#', '!') become '_'. */
char     *sb_config_keepalived_token (const char *value);

/* A DNS master-file word (RFC 1035 5.1): letters, digits, '-', '_', '.'
 * and ':' (IPv6 addresses) as they are, any other byte as \DDD. */
char     *sb_config_zone_name      (const char *value);

/* A value in a MySQL option file: as it is when plain, else in double
 * quotes with \\ and \" escaped and control characters left out. */
char     *sb_config_option_value   (const char *value);

/* IP:PORT, with an IPv6 address in brackets ([2001:db8::5]:80), as
 * HAProxy and Nginx read it. */
char     *sb_config_address_port   (const char *ip,
                                    int         port);

/* Whether RELATIVE is a path a configuration file may have under the
 * folder it is written to: '/'-separated names, none empty, "." or "..",
 * none starting with '.', each of letters, digits, '-', '_' and '.'. */
gboolean  sb_config_path_is_safe   (const char *relative);

/* ID as one such name: characters outside that set, and a leading '.',
 * become '_'; cut to 200 bytes. */
char     *sb_config_file_name      (const char *id);

G_END_DECLS
