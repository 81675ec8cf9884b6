/* sb-config-escape.c — values written into each configuration format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each format's own rules, from its documentation and checked against the
 * real programs (tests/test-config-escape.c, tests/test-hostile.sh):
 * sh(1) single quotes, MySQL string literals, Nginx's and HAProxy's
 * quoting, keepalived's bare words, RFC 1035 master files.
 */
#include "config.h"

#include "sb-config-escape.h"

/* Characters that end a line or steer a terminal: C0, DEL, C1, and the
 * Unicode line and paragraph separators. */
static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

/* VALUE as valid UTF-8 with each control character replaced by WITH
 * (nothing when 0). */
static GString *
without_controls (const char *value,
                  char        with)
{
  g_autofree char *valid = g_utf8_make_valid (value != NULL ? value : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!is_control (g_utf8_get_char (p)))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else if (with != 0)
        g_string_append_c (out, with);
    }
  return out;
}

static gboolean
all_in (const char *text,
        const char *extra)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (extra, *p) == NULL)
      return FALSE;
  return TRUE;
}

char *
sb_config_comment (const char *text)
{
  return g_string_free (without_controls (text, 0), FALSE);
}

/* TEXT in single quotes, each quote written as CLOSE-ESCAPED-QUOTE-OPEN:
 * the same '\'' for sh and HAProxy. */
static char *
single_quoted (const char *text)
{
  GString *out = g_string_new ("'");

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\'')
      g_string_append (out, "'\\''");
    else
      g_string_append_c (out, *p);
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

char *
sb_config_sh_word (const char *value)
{
  g_autoptr(GString) text = without_controls (value, '?');

  /* Python's shlex.quote() lets the same characters through. */
  if (all_in (text->str, "@%+=:,./_-"))
    return g_strdup (text->str);
  return single_quoted (text->str);
}

char *
sb_config_sql_string (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value != NULL ? value : "", -1);
  GString *out = g_string_new ("'");

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    switch (*p)
      {
      case '\'': g_string_append (out, "''"); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\032': g_string_append (out, "\\Z"); break;
      default:
        if (is_control (g_utf8_get_char (p)))
          g_string_append_c (out, '?');
        else
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
      }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

/* TEXT in double quotes, with a backslash before '"' and '\\'. */
static char *
double_quoted (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

char *
sb_config_nginx_token (const char *value)
{
  g_autoptr(GString) text = without_controls (value, '?');

  g_string_replace (text, "$", "_", 0);
  if (text->str[0] == '~')
    text->str[0] = '_';
  if (all_in (text->str, "._:/[]-"))
    return g_strdup (text->str);
  return double_quoted (text->str);
}

char *
sb_config_option_value (const char *value)
{
  g_autoptr(GString) text = without_controls (value, 0);

  if (all_in (text->str, "._:/-"))
    return g_strdup (text->str);
  return double_quoted (text->str);
}

char *
sb_config_haproxy_token (const char *value)
{
  g_autoptr(GString) text = without_controls (value, '?');

  if (all_in (text->str, "._:/[]@*-"))
    return g_strdup (text->str);
  return single_quoted (text->str);
}

char *
sb_config_keepalived_token (const char *value)
{
  GString *text = without_controls (value, '_');

  if (text->len == 0)
    g_string_append_c (text, '_');
  for (char *p = text->str; *p != '\0'; p++)
    if (strchr (" \t\"'{}#!;", *p) != NULL)
      *p = '_';
  return g_string_free (text, FALSE);
}

char *
sb_config_zone_name (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == ':')
      g_string_append_c (out, *p);
    else
      g_string_append_printf (out, "\\%03u", (guint) (guchar) *p);
  if (out->len == 0)
    g_string_append_c (out, '@');
  return g_string_free (out, FALSE);
}

char *
sb_config_address_port (const char *ip,
                        int         port)
{
  return strchr (ip, ':') != NULL ? g_strdup_printf ("[%s]:%d", ip, port)
                                  : g_strdup_printf ("%s:%d", ip, port);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.';
}

gboolean
sb_config_path_is_safe (const char *relative)
{
  g_auto(GStrv) parts = NULL;

  if (relative == NULL || *relative == '\0')
    return FALSE;
  parts = g_strsplit (relative, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || parts[i][0] == '.')
        return FALSE;
      for (const char *p = parts[i]; *p != '\0'; p++)
        if (!is_name_char (*p))
          return FALSE;
    }
  return TRUE;
}

/* Bytes of a name from a value: with the longest suffix written after it
 * (".zone", "-replication.sql" and a "-N" to tell two apart) it stays far
 * under NAME_MAX (255). */
#define FILE_NAME_MAX 200

char *
sb_config_file_name (const char *id)
{
  char *name = g_strndup (id != NULL && *id != '\0' ? id : "_", FILE_NAME_MAX);

  for (char *p = name; *p != '\0'; p++)
    if (!is_name_char (*p))
      *p = '_';
  if (name[0] == '.')
    name[0] = '_';
  return name;
}
