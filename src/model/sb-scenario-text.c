/* sb-scenario-text.c — the raw bytes of a scenario: size, UTF-8, strict JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stage 1 of loading (see sb-scenario-load.c).  json-glib 1.6 is lenient:
 * it reads single-quoted strings, hexadecimal and leading-zero numbers,
 * `.5` and `1.`, C comments, raw control characters inside strings,
 * unknown escapes, `;` between members and a second value after the first
 * (which it then drops, leaking it).  It also recurses without a depth
 * limit and wraps integers that do not fit in 64 bits.  A file that one
 * program reads one way and another program another way is a hiding
 * place, so the text is checked here against RFC 8259 first, by a
 * recursive descent bounded by SB_SCENARIO_MAX_DEPTH; json-glib then only
 * ever sees strict JSON.
 *
 * Beyond RFC 8259, a scenario refuses duplicate keys in one object (the
 * RFC only says they SHOULD be unique; json-glib keeps the last one, other
 * readers the first), \u0000 and half surrogate pairs.  A byte order mark
 * at the start is ignored, as the RFC allows.
 */
#include "config.h"

#include <stdarg.h>

#include <glib/gi18n-lib.h>

#include "sb-scenario-private.h"

#define PARSE SB_SCENARIO_ERROR_PARSE

typedef struct {
  guint line;
  guint column;
} Position;

/* Where byte OFFSET of DATA is, counted from 1 in characters. */
static Position
position_of (const char *data,
             gsize       offset)
{
  Position at = { 1, 1 };

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          at.line++;
          at.column = 1;
        }
      else if (((guchar) data[i] & 0xC0) != 0x80)  /* not a UTF-8 continuation byte */
        at.column++;
    }

  return at;
}

gboolean
sb_scenario_check_size (gsize    length,
                        GError **error)
{
  /* %zu rather than G_GSIZE_FORMAT, which xgettext cannot read. */
  if (length > SB_SCENARIO_MAX_FILE_SIZE)
    /* Translators: the size of the file in bytes, then the most a
     * scenario may have */
    return sb_fail (error, PARSE, _("file is %zu bytes, more than the %d a scenario may have"),
                    (size_t) length, SB_SCENARIO_MAX_FILE_SIZE);
  if (length == 0)
    return sb_fail (error, PARSE, _("file is empty"));

  return TRUE;
}

static gboolean
check_utf8 (const char *data,
            gsize       length,
            GError    **error)
{
  const char *end;
  Position at;

  /* g_utf8_validate_len() also stops at a NUL byte, which a text file has
   * no business holding and which would cut strings short. */
  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  at = position_of (data, end - data);
  if (*end == '\0')
    /* Translators: where the NUL byte is in the file */
    return sb_fail (error, PARSE, _("line %u, column %u: the file holds a NUL byte"),
                    at.line, at.column);

  /* Translators: where the first byte that is not UTF-8 is in the file */
  return sb_fail (error, PARSE, _("line %u, column %u: not valid UTF-8"), at.line, at.column);
}

/* The scanner */

typedef struct {
  const char *data;
  gsize       length;
  gsize       i;       /* the next byte to read */
  GError    **error;
  char       *token;   /* the last token_at(), owned */
} Scanner;

static gboolean
at_end (const Scanner *s)
{
  return s->i >= s->length;
}

static char
peek (const Scanner *s)
{
  return at_end (s) ? '\0' : s->data[s->i];
}

static void
skip_space (Scanner *s)
{
  while (!at_end (s) && (peek (s) == ' ' || peek (s) == '\t' || peek (s) == '\n'
                         || peek (s) == '\r'))
    s->i++;
}

static gboolean syntax_error (Scanner *s, gsize offset, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* "line L, column C: not JSON: WHAT", WHAT about the byte at OFFSET. */
static gboolean
syntax_error (Scanner    *s,
              gsize       offset,
              const char *format,
              ...)
{
  Position at = position_of (s->data, offset);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: where the problem is in the file, then what it is, such
   * as "a comment; JSON has none" */
  return sb_fail (s->error, PARSE, _("line %u, column %u: not JSON: %s"),
                  at.line, at.column, what);
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '+' || c == '-';
}

/* The token at OFFSET as written, in double quotes, for a message: a run
 * of word characters, or else the one character there.  Owned by S. */
static const char *
token_at (Scanner *s,
          gsize    offset)
{
  gsize start = offset, end = offset;
  g_autofree char *token = NULL;

  if (s->data[offset] == '"')
    {
      /* A string is shown by its text, quoted again for the message. */
      start = end = offset + 1;
      while (end < s->length && end - start < 40 && s->data[end] != '"')
        end += s->data[end] == '\\' && end + 1 < s->length ? 2 : 1;
    }
  else
    while (end < s->length && end - start < 40 && is_word_char (s->data[end]))
      end++;
  if (end == offset)
    end = g_utf8_next_char (s->data + offset) - s->data;
  /* Never cut a character in two. */
  end = MIN (end, s->length);
  while (end > start && end < s->length && ((guchar) s->data[end] & 0xC0) == 0x80)
    end--;
  token = g_strndup (s->data + start, end - start);
  g_free (s->token);
  s->token = sb_quote_for_message (token);
  return s->token;
}

/* FORMAT has one %s, the token at OFFSET. */
#define token_error(s, offset, format) syntax_error ((s), (offset), (format), token_at ((s), (offset)))

/* The two extensions json-glib reads and people write: FALSE with the
 * message when S->i is on neither. */
static gboolean
is_extension (Scanner *s)
{
  char c = peek (s);

  if (c == '\'')
    return !syntax_error (s, s->i, _("a single quote; JSON strings use double quotes"));
  if (c == '#' || (c == '/' && s->i + 1 < s->length
                   && (s->data[s->i + 1] == '/' || s->data[s->i + 1] == '*')))
    return !syntax_error (s, s->i, _("a comment; JSON has none"));
  return FALSE;
}

/* What stands at the start of a value that is not one. */
static gboolean
not_a_value (Scanner *s)
{
  char c = peek (s);

  if (at_end (s))
    return syntax_error (s, s->i, _("the text ends where a value should be"));
  if (is_extension (s))
    return FALSE;
  if (c == '.' || c == '+')
    /* Translators: %s is what the file holds, such as ".5" or "+1" */
    return token_error (s, s->i, _("%s is not a JSON number"));
  /* Translators: %s is what the file holds where a value should be, such
   * as "NaN" or "FALSE" */
  return token_error (s, s->i, _("%s is not a JSON value"));
}

/* Stage 1 also refuses what the model could not hold (see the header). */

static gboolean
integer_fits (const char *digits,
              gsize       n_digits)
{
  static const char max[] = "9223372036854775807";

  return n_digits < strlen (max)
         || (n_digits == strlen (max) && strncmp (digits, max, n_digits) <= 0);
}

static gboolean
integer_too_large (Scanner *s,
                   gsize    start)
{
  Position at = position_of (s->data, start);
  gsize n = s->i - start;
  g_autofree char *number = g_strdup_printf ("%.*s%s", (int) MIN (n, 40), s->data + start,
                                             n > 40 ? "..." : "");

  /* Translators: where the number starts in the file, then the number as
   * written there (shortened with "...") */
  return sb_fail (s->error, PARSE, _("line %u, column %u: integer %s is too large"),
                  at.line, at.column, number);
}

static gsize
skip_digits (Scanner *s)
{
  gsize start = s->i;

  while (g_ascii_isdigit (peek (s)))
    s->i++;
  return s->i - start;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and nothing glued on. */
static gboolean
scan_number (Scanner *s)
{
  gsize start = s->i, digits;
  gboolean integer = TRUE;

  if (peek (s) == '-')
    s->i++;
  digits = s->i;
  if (skip_digits (s) == 0 || (s->data[digits] == '0' && s->i - digits > 1))
    return token_error (s, start, _("%s is not a JSON number"));
  if (peek (s) == '.')
    {
      s->i++;
      integer = FALSE;
      if (skip_digits (s) == 0)
        return token_error (s, start, _("%s is not a JSON number"));
    }
  if (peek (s) == 'e' || peek (s) == 'E')
    {
      s->i++;
      integer = FALSE;
      if (peek (s) == '+' || peek (s) == '-')
        s->i++;
      if (skip_digits (s) == 0)
        return token_error (s, start, _("%s is not a JSON number"));
    }
  if (!at_end (s) && is_word_char (peek (s)))  /* 0x1F, 1e5e5 */
    return token_error (s, start, _("%s is not a JSON number"));

  if (integer && !integer_fits (s->data + digits, s->i - digits))
    return integer_too_large (s, start);
  return TRUE;
}

static gboolean
scan_literal (Scanner *s)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint k = 0; k < G_N_ELEMENTS (literals); k++)
    {
      gsize n = strlen (literals[k]);

      if (s->length - s->i >= n && strncmp (s->data + s->i, literals[k], n) == 0
          && (s->i + n == s->length || !is_word_char (s->data[s->i + n])))
        {
          s->i += n;
          return TRUE;
        }
    }
  return not_a_value (s);
}

/* The code point of the \uXXXX escape at DATA + I (on the backslash), or
 * -1 when it does not have four hex digits. */
static int
escape_value (const char *data,
              gsize       length,
              gsize       i)
{
  int value = 0;

  if (length - i < 6 || data[i] != '\\' || data[i + 1] != 'u')
    return -1;
  for (gsize k = i + 2; k < i + 6; k++)
    {
      int digit = g_ascii_xdigit_value (data[k]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* The character the \u escape at S->i stands for, S->i moved past it (6
 * bytes, or 12 for a surrogate pair); -1 when a scenario cannot hold it:
 * \u0000, fewer than four hex digits, half a surrogate pair.  json-glib
 * 1.6 takes what hex digits it finds and encodes a lone surrogate as is,
 * which gives text that is not UTF-8. */
static gunichar
unicode_escape (Scanner *s)
{
  int value = escape_value (s->data, s->length, s->i), low;

  if (value <= 0 || (value >= 0xDC00 && value <= 0xDFFF))
    return (gunichar) -1;
  if (value < 0xD800 || value > 0xDBFF)
    {
      s->i += 6;
      return value;
    }
  low = escape_value (s->data, s->length, s->i + 6);
  if (low < 0xDC00 || low > 0xDFFF)
    return (gunichar) -1;
  s->i += 12;
  return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
}

static gboolean
bad_unicode_escape (Scanner *s)
{
  Position at = position_of (s->data, s->i);
  gsize end = s->i + 2;
  g_autofree char *escape = NULL;

  /* The escape as written, as far as it is plain ASCII. */
  while (end < s->length && end < s->i + 6 && g_ascii_isgraph (s->data[end])
         && s->data[end] != '"' && s->data[end] != '\'' && s->data[end] != '\\')
    end++;
  escape = g_strndup (s->data + s->i, end - s->i);
  return sb_fail (s->error, PARSE,
                  /* Translators: where the escape is in the file, then the
                   * JSON escape itself, such as \u0000 or half of a
                   * surrogate pair like \ud800 */
                  _("line %u, column %u: a string holds %s, "
                    "which a scenario cannot contain"),
                  at.line, at.column, escape);
}

/* One escape at S->i (on the backslash), decoded into TEXT when not NULL. */
static gboolean
scan_escape (Scanner *s,
             GString *text)
{
  static const char from[] = "\"\\/bfnrt";
  static const char to[] = "\"\\/\b\f\n\r\t";
  char c = s->i + 1 < s->length ? s->data[s->i + 1] : '\0';
  const char *simple = c != '\0' ? strchr (from, c) : NULL;
  gunichar u;

  if (simple != NULL)
    {
      if (text != NULL)
        g_string_append_c (text, to[simple - from]);
      s->i += 2;
      return TRUE;
    }
  if (c == '\0')
    return syntax_error (s, s->i, _("the text ends inside this string"));
  if (c != 'u')
    {
      /* The backslash and the whole character after it (the text is UTF-8
       * by now), shown as it is when it is plain ASCII. */
      const char *next = g_utf8_next_char (s->data + s->i + 1);
      g_autofree char *written = g_strndup (s->data + s->i, next - (s->data + s->i));
      g_autofree char *escape = g_ascii_isgraph (c) ? g_steal_pointer (&written)
                                                    : sb_quote_for_message (written);

      /* Translators: %s is the escape as the file writes it, such as \q */
      return syntax_error (s, s->i, _("unknown escape %s"), escape);
    }
  u = unicode_escape (s);
  if (u == (gunichar) -1)
    return bad_unicode_escape (s);
  if (text != NULL)
    g_string_append_unichar (text, u);
  return TRUE;
}

/* A string at S->i (on the opening quote); its value goes into TEXT when
 * not NULL (for the keys, to compare them as written and as escaped). */
static gboolean
scan_string (Scanner *s,
             GString *text)
{
  gsize start = s->i++;

  for (;;)
    {
      guchar c = (guchar) peek (s);

      if (at_end (s))
        return syntax_error (s, start, _("the text ends inside this string"));
      if (c == '"')
        {
          s->i++;
          return TRUE;
        }
      if (c < 0x20)
        return syntax_error (s, s->i, _("a control character inside a string; "
                                        "write it as an escape such as \\n or \\t"));
      if (c == '\\')
        {
          if (!scan_escape (s, text))
            return FALSE;
          continue;
        }
      if (text != NULL)
        g_string_append_c (text, (char) c);
      s->i++;
    }
}

static gboolean scan_value (Scanner *s, guint depth);

/* A ',' then more, or CLOSE; anything else is named. */
static gboolean
after_member (Scanner    *s,
              char        close,
              gboolean   *more)
{
  skip_space (s);
  *more = peek (s) == ',';
  if (*more || peek (s) == close)
    {
      s->i++;
      return TRUE;
    }
  if (at_end (s))
    return syntax_error (s, s->i, close == '}' ? _("the text ends inside an object")
                                               : _("the text ends inside an array"));
  if (is_extension (s))
    return FALSE;
  /* Translators: %s is what the file holds between two members of an
   * object, such as ";" */
  return token_error (s, s->i, close == '}' ? _("expected ',' or '}', got %s")
                                            : _("expected ',' or ']', got %s"));
}

static gboolean
duplicate_key (Scanner    *s,
               gsize       offset,
               const char *key)
{
  g_autofree char *quoted = sb_quote_for_message (key);

  /* Translators: %s is the key in double quotes */
  return syntax_error (s, offset, _("the key %s appears twice in this object"), quoted);
}

static gboolean
scan_key (Scanner    *s,
          GHashTable *keys,
          gboolean    after_comma)
{
  g_autoptr(GString) key = g_string_new (NULL);
  gsize start;

  skip_space (s);
  start = s->i;
  if (peek (s) == '}' && after_comma)
    return syntax_error (s, s->i, _("a comma before '}'; JSON allows none there"));
  if (is_extension (s))
    return FALSE;
  if (at_end (s))
    return syntax_error (s, s->i, _("the text ends where a key should be"));
  if (peek (s) != '"')
    /* Translators: %s is what the file holds where a key should be */
    return token_error (s, s->i, _("expected a key in double quotes, got %s"));
  if (!scan_string (s, key))
    return FALSE;
  /* The value is copied: a key repeated in the value's own objects is fine. */
  if (!g_hash_table_add (keys, g_strndup (key->str, key->len)))
    return duplicate_key (s, start, key->str);

  skip_space (s);
  if (peek (s) != ':')
    return at_end (s) ? syntax_error (s, s->i, _("the text ends where ':' should be"))
                      /* Translators: %s is what the file holds after a key */
                      : token_error (s, s->i, _("expected ':' after the key, got %s"));
  s->i++;
  return TRUE;
}

static gboolean
scan_object (Scanner *s,
             guint    depth)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean more = TRUE, after_comma = FALSE;

  s->i++;
  skip_space (s);
  if (peek (s) == '}')
    {
      s->i++;
      return TRUE;
    }
  while (more)
    {
      if (!scan_key (s, keys, after_comma)
          || !scan_value (s, depth)
          || !after_member (s, '}', &more))
        return FALSE;
      after_comma = TRUE;
    }
  return TRUE;
}

static gboolean
scan_array (Scanner *s,
            guint    depth)
{
  gboolean more = TRUE, after_comma = FALSE;

  s->i++;
  skip_space (s);
  if (peek (s) == ']')
    {
      s->i++;
      return TRUE;
    }
  while (more)
    {
      skip_space (s);
      if (peek (s) == ']' && after_comma)
        return syntax_error (s, s->i, _("a comma before ']'; JSON allows none there"));
      if (!scan_value (s, depth) || !after_member (s, ']', &more))
        return FALSE;
      after_comma = TRUE;
    }
  return TRUE;
}

/* DEPTH counts the arrays and objects the value is in. */
static gboolean
scan_value (Scanner *s,
            guint    depth)
{
  char c;

  skip_space (s);
  c = peek (s);
  if ((c == '{' || c == '[') && depth + 1 > SB_SCENARIO_MAX_DEPTH)
    {
      Position at = position_of (s->data, s->i);
      /* Translators: where the bracket is in the file, then the deepest
       * nesting a scenario may have */
      return sb_fail (s->error, PARSE, _("line %u, column %u: nested more than %d levels deep"),
                      at.line, at.column, SB_SCENARIO_MAX_DEPTH);
    }
  if (at_end (s))
    return not_a_value (s);
  if (c == '{')
    return scan_object (s, depth + 1);
  if (c == '[')
    return scan_array (s, depth + 1);
  if (c == '"')
    return scan_string (s, NULL);
  if (c == '-' || g_ascii_isdigit (c))
    return scan_number (s);
  if (c == 't' || c == 'f' || c == 'n')
    return scan_literal (s);
  return not_a_value (s);
}

/* Exactly one value, with white space only around it. */
static gboolean
scan_text (Scanner *s)
{
  /* A byte order mark, which RFC 8259 lets a reader ignore. */
  if (s->length >= 3 && memcmp (s->data, "\xEF\xBB\xBF", 3) == 0)
    s->i = 3;
  skip_space (s);
  if (at_end (s))
    return sb_fail (s->error, PARSE, _("file is empty"));
  if (!scan_value (s, 0))
    return FALSE;
  skip_space (s);
  if (at_end (s))
    return TRUE;
  if (peek (s) == '{' || peek (s) == '[' || peek (s) == '"')
    return syntax_error (s, s->i, _("a second value after the first; a scenario is one JSON value"));
  /* Translators: %s is what the file holds after its one value */
  return token_error (s, s->i, _("%s after the end of the value"));
}

gboolean
sb_scenario_check_text (const char *data,
                        gsize       length,
                        GError    **error)
{
  Scanner scanner = { data, length, 0, error, NULL };
  gboolean ok;

  ok = sb_scenario_check_size (length, error)
       && check_utf8 (data, length, error)
       && scan_text (&scanner);
  g_free (scanner.token);
  return ok;
}
