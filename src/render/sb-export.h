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

G_END_DECLS
