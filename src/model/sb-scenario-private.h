/* sb-scenario-private.h — shared by the files of the model layer only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-scenario.h"

G_BEGIN_DECLS

/* The JSON spelling of each enum value, indexed by the value, NULL-terminated.
 * Role names start at SB_DB_ROLE_PRIMARY: "none" is never written. */
extern const char * const sb_kind_names[];
extern const char * const sb_db_role_names[];
extern const char * const sb_algorithm_names[];
extern const char * const sb_mode_names[];
extern const char * const sb_check_names[];
extern const char * const sb_arrival_names[];
extern const char * const sb_script_action_names[];

/* Index of STR in NAMES, or -1. */
int       sb_names_lookup      (const char * const *names,
                                const char         *str);

/* The shortest text that reads back as exactly VALUE, locale-independent. */
char     *sb_format_number     (double              value);

/* TEXT in double quotes, escaped and shortened to keep a message on one line. */
char     *sb_quote_for_message (const char         *text);

/* Sets the message FORMAT gives and returns FALSE, so callers can write
 * `return sb_fail (...)`.  FORMAT is a whole translatable message, such as
 * "%s: unknown host %s": a value's JSON path goes in as an argument, never
 * glued on afterwards, so a translator can move it. */
gboolean  sb_fail              (GError            **error,
                                SbScenarioError     code,
                                const char         *format,
                                ...) G_GNUC_PRINTF (3, 4);

/* "PATH: VALUE is less than MIN" or "... more than MAX"; the same words
 * whether the value comes from a file or from code. */
gboolean  sb_check_int         (GError            **error,
                                const char         *path,
                                gint64              value,
                                gint64              min,
                                gint64              max);

/* "KEY: COUNT KEY, more than the MAX a scenario may have". */
gboolean  sb_check_count       (GError            **error,
                                const char         *key,
                                guint               count,
                                guint               max);

/* Stage 1 of loading (sb-scenario-text.c): size, UTF-8 and RFC 8259
 * JSON, plus what json-glib or the model cannot hold (nesting deeper than
 * SB_SCENARIO_MAX_DEPTH, integers beyond 64 bits, \u0000, half surrogate
 * pairs, duplicate keys).  Messages start with the line and column. */
gboolean  sb_scenario_check_text (const char         *data,
                                  gsize               length,
                                  GError            **error);
/* "file is LENGTH bytes, more than ..." when over the cap, "file is
 * empty" when 0. */
gboolean  sb_scenario_check_size (gsize               length,
                                  GError            **error);

G_END_DECLS
