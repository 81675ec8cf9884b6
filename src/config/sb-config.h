/* sb-config.h — the real configuration files a scenario stands for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From a scenario and its settings: haproxy.cfg, an Nginx site per web
 * server, MySQL settings for the primary and each replica with the
 * replication statement, and the DNS zone.  Every line remembers the
 * element it comes from, so the app can show which lines make an element
 * what it is.  GLib only.
 */
#pragma once

#include <glib.h>

#include "model/sb-scenario.h"

G_BEGIN_DECLS

typedef struct {
  char *text;      /* one line, no newline */
  char *element;   /* id of the element it configures, or NULL */
} SbConfigLine;

typedef struct {
  char      *path;   /* relative, e.g. "haproxy/haproxy.cfg" */
  GPtrArray *lines;  /* SbConfigLine*, owned */
} SbConfigFile;

/* Where the same files point when they are run somewhere else than the
 * scenario's own addresses, e.g. on loopback ports (tests/twin/).  Every
 * field is optional; a zeroed struct gives the scenario's own files. */
typedef struct {
  const char *frontend;    /* "ADDR:PORT" HAProxy binds, instead of the LB's IP:80 */
  GHashTable *servers;     /* host id → "ADDR:PORT" of its Nginx, instead of IP:80 */
  gboolean    nginx_answers; /* each Nginx answers itself (200, the host id) where
                              * it would pass to the application server */
} SbConfigOptions;

/* The files for SCENARIO, in a stable order; free with g_ptr_array_unref. */
GPtrArray *sb_config_generate      (const SbScenario   *scenario);
/* The same with OPTIONS (NULL: none). */
GPtrArray *sb_config_generate_with (const SbScenario      *scenario,
                                    const SbConfigOptions *options);
/* The whole text of FILE, each line ending in a newline. */
char      *sb_config_file_text     (const SbConfigFile *file);
/* Writes every file under DIR (created when missing), each atomically. */
gboolean   sb_config_write         (GPtrArray          *files,
                                    const char         *dir,
                                    GError            **error);
/* The file at PATH among FILES, or NULL. */
const SbConfigFile *sb_config_find (GPtrArray          *files,
                                    const char         *path);

G_END_DECLS
