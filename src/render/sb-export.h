/* sb-export.h — the whiteboard as a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files are written atomically: a failed export leaves any older file with
 * the same name untouched and no half-written file behind.
 */
#pragma once

#include <glib.h>

#include "render/sb-render.h"

G_BEGIN_DECLS

#define SB_EXPORT_DEFAULT_WIDTH  1600
#define SB_EXPORT_DEFAULT_HEIGHT  900
#define SB_EXPORT_MAX_PIXELS     (16384 * 16384)

typedef enum {
  SB_EXPORT_PNG,
  SB_EXPORT_SVG,
  SB_EXPORT_PDF,
} SbExportFormat;

/* The format from the file name's suffix (.png, .svg, .pdf, any case). */
gboolean  sb_export_format_for_path  (const char     *path,
                                      SbExportFormat *format,
                                      GError        **error);

/* Draws the whiteboard (with SIM's live state when not NULL) in
 * WIDTH × HEIGHT units (points for SVG and PDF);
 * a PNG gets WIDTH × SCALE by HEIGHT × SCALE pixels. */
gboolean  sb_export_to_file          (const char            *path,
                                      const SbLayout        *layout,
                                      const SbScenario      *scenario,
                                      SbSim                 *sim,
                                      const SbRenderOptions *options,
                                      int                    width,
                                      int                    height,
                                      int                    scale,
                                      GError               **error);

/* Writing a file atomically through a cairo stream (the handout uses it
 * too): open a temporary file beside PATH, write, then close renames it
 * over PATH when COMMIT and nothing failed, else removes it. */
typedef struct {
  int     fd;        /* the temporary file */
  GError *error;     /* first write error, kept for the caller */
  char   *tmp_path;
  char   *path;
} SbExportSink;

gboolean         sb_export_sink_open   (SbExportSink        *sink,
                                        const char          *path,
                                        GError             **error);
/* A cairo_write_func_t; CLOSURE is the SbExportSink. */
cairo_status_t   sb_export_sink_write  (void                *closure,
                                        const unsigned char *data,
                                        unsigned int         length);
gboolean         sb_export_sink_close  (SbExportSink        *sink,
                                        gboolean             commit,
                                        GError             **error);
/* A PDF surface on SINK without a creation date, so equal drawings make
 * equal files. */
cairo_surface_t *sb_export_pdf_surface (SbExportSink        *sink,
                                        double               width,
                                        double               height);

G_END_DECLS
