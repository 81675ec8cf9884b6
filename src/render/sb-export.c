/* sb-export.c — PNG, SVG and PDF through cairo, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each format draws into a cairo stream whose bytes go to a temporary
 * file beside the destination, renamed over it only once complete: an
 * interrupted or failed export never leaves a truncated file, and an older
 * file of the same name stays until the new one replaces it whole.
 *
 * Unlike g_file_replace(), the file is not fsync()ed before the rename: an
 * export can be drawn again, and the flush took 2 ms on an idle disk and
 * over 10 on a busy one, where a whole `stackboard --export` takes 40.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <png.h>       /* from cairo-png, which requires libpng */
#include <setjmp.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

#include "sb-export.h"
#include "sb-svg-text.h"

static void
set_error_from_errno (GError **error,
                      int      errsv)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (errsv), g_strerror (errsv));
}

cairo_status_t
sb_export_sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  SbExportSink *sink = closure;

  while (sink->error == NULL && length > 0)
    {
      ssize_t written = write (sink->fd, data, length);

      if (written < 0 && errno != EINTR)
        set_error_from_errno (&sink->error, errno);
      else if (written == 0)   /* no progress and no error: do not spin */
        set_error_from_errno (&sink->error, EIO);
      else if (written > 0)
        {
          data += written;
          length -= (unsigned int) written;
        }
    }
  return sink->error == NULL ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
sb_export_format_for_path (const char     *path,
                           SbExportFormat *format,
                           GError        **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = SB_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = SB_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = SB_EXPORT_PDF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: unknown image format (use a .png, .svg or .pdf file name)"), path);
      return FALSE;
    }
  return TRUE;
}

/* --- Pixels --------------------------------------------------------------
 *
 * A new image's memory is faulted in one 4 KiB page at a time on first
 * touch: a 1600 × 900 board is 1400 page faults, which cost more than
 * drawing it (16 ms against 2 ms under a hypervisor, where a fault is
 * expensive).  On Linux the pixels get a mapping of their own, backed by
 * huge pages where the kernel allows (MADV_HUGEPAGE) and populated in one
 * call (MADV_POPULATE_WRITE); elsewhere, or when that fails, cairo
 * allocates them as usual. */

#if defined(__linux__) && defined(MADV_HUGEPAGE)

#define HUGE_PAGE_SIZE ((gsize) 2 << 20)

typedef struct {
  void  *base;
  gsize  length;
} SbMapping;

static void
mapping_free (void *data)
{
  SbMapping *mapping = data;

  munmap (mapping->base, mapping->length);
  g_free (mapping);
}

static cairo_surface_t *
create_image_surface (int width,
                      int height)
{
  static const cairo_user_data_key_t mapping_key;
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  gsize size = (gsize) stride * height;
  gsize length = size + HUGE_PAGE_SIZE;   /* room to align the start */
  SbMapping *mapping;
  cairo_surface_t *surface;
  guchar *pixels;
  void *base;

  if (stride <= 0)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  base = mmap (NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  pixels = (guchar *) (((guintptr) base + HUGE_PAGE_SIZE - 1) & ~(guintptr) (HUGE_PAGE_SIZE - 1));
  madvise (pixels, size, MADV_HUGEPAGE);
#ifdef MADV_POPULATE_WRITE
  madvise (pixels, size, MADV_POPULATE_WRITE);   /* Linux ≥ 5.14; a hint */
#endif
  /* Fresh anonymous memory is zero: transparent, as cairo would clear it. */
  surface = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, width, height, stride);
  mapping = g_new (SbMapping, 1);
  mapping->base = base;
  mapping->length = length;
  if (cairo_surface_set_user_data (surface, &mapping_key, mapping, mapping_free) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      mapping_free (mapping);
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
  return surface;
}

#else

static cairo_surface_t *
create_image_surface (int width,
                      int height)
{
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
}

#endif

/* --- SVG ----------------------------------------------------------------
 *
 * Drawn into memory, its markers then replaced by the text (sb-svg-text.h)
 * before it goes to the file. */

typedef struct {
  GByteArray *bytes;
  SbSvgText  *text;
} SbSvgBuffer;

static cairo_status_t
svg_append (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (((SbSvgBuffer *) closure)->bytes, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
write_svg (SbSvgBuffer  *svg,
           SbExportSink *sink)
{
  g_autoptr(GByteArray) rewritten = sb_svg_text_rewrite (svg->text, svg->bytes);

  return sb_export_sink_write (sink, rewritten->data, rewritten->len);
}

static cairo_surface_t *
create_surface (SbExportFormat  format,
                SbExportSink   *sink,
                SbSvgBuffer    *svg,
                int             width,
                int             height,
                int             scale)
{
  switch (format)
    {
    case SB_EXPORT_SVG:
      return cairo_svg_surface_create_for_stream (svg_append, svg, width, height);
    case SB_EXPORT_PDF:
      return sb_export_pdf_surface (sink, width, height);
    case SB_EXPORT_PNG:
    default:
      return create_image_surface (width * scale, height * scale);
    }
}

static gboolean
check_size (int      width,
            int      height,
            int      scale,
            GError **error)
{
  if (width <= 0 || height <= 0 || scale < 1 || scale > 4
      || (gint64) width * height * scale * scale > SB_EXPORT_MAX_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%d × %d at scale %d is not a size that can be exported"),
                   width, height, scale);
      return FALSE;
    }
  return TRUE;
}

/* --- PNG ----------------------------------------------------------------
 *
 * cairo_surface_write_to_png_stream() lets libpng try five filters on
 * every row and deflates at level 6, which took two thirds of a default
 * `--export x.png`.  A board is mostly flat colour, which deflate packs
 * about as small without any filter, so an opaque image (every board: it
 * paints its background) is written unfiltered at level 3, several times
 * faster; anything with transparency still goes through cairo. */

#define PNG_DEFLATE_LEVEL 3

static gboolean
is_opaque (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);

  if (cairo_image_surface_get_format (surface) != CAIRO_FORMAT_ARGB32 || data == NULL)
    return FALSE;
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        if (row[x] < 0xff000000u)
          return FALSE;
    }
  return TRUE;
}

static void
png_write_to_sink (png_structp png,
                   png_bytep   data,
                   size_t      length)
{
  if (sb_export_sink_write (png_get_io_ptr (png), data, (unsigned int) length) != CAIRO_STATUS_SUCCESS)
    png_error (png, "write error");
}

static void
png_flush_nothing (png_structp png)
{
}

/* Writes the opaque ARGB32 SURFACE as an 8-bit RGB PNG: with every alpha
 * at 255, premultiplied colour is the colour itself. */
static cairo_status_t
write_opaque_png (cairo_surface_t *surface,
                  SbExportSink    *sink)
{
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guchar *data = cairo_image_surface_get_data (surface);
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png ? png_create_info_struct (png) : NULL;

  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      return CAIRO_STATUS_NO_MEMORY;
    }
  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      return CAIRO_STATUS_WRITE_ERROR;
    }
  png_set_write_fn (png, sink, png_write_to_sink, png_flush_nothing);
  png_set_IHDR (png, info, cairo_image_surface_get_width (surface), height, 8, PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_compression_level (png, PNG_DEFLATE_LEVEL);
  png_write_info (png, info);
  /* A cairo pixel is a native-endian 0xAARRGGBB word. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  png_set_bgr (png);
  png_set_filler (png, 0, PNG_FILLER_AFTER);
#else
  png_set_filler (png, 0, PNG_FILLER_BEFORE);
#endif
  for (int y = 0; y < height; y++)
    png_write_row (png, data + (gsize) y * stride);
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
write_png (cairo_surface_t *surface,
           SbExportSink    *sink)
{
  cairo_surface_flush (surface);
  if (is_opaque (surface))
    return write_opaque_png (surface, sink);
  return cairo_surface_write_to_png_stream (surface, sb_export_sink_write, sink);
}

/* Draws and finishes the surface; any error is left in SINK or ERROR. */
static gboolean
render_to (cairo_surface_t       *surface,
           SbExportFormat         format,
           SbExportSink          *sink,
           SbSvgBuffer           *svg,
           const SbLayout        *layout,
           const SbScenario      *scenario,
           SbSim                 *sim,
           const SbRenderOptions *options,
           int                    width,
           int                    height,
           int                    scale)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_scale (cr, scale, scale);
  if (format == SB_EXPORT_SVG)
    sb_svg_text_attach (svg->text, cr);
  sb_render_draw (cr, layout, scenario, sim, options, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (format == SB_EXPORT_PNG && status == CAIRO_STATUS_SUCCESS)
    status = write_png (surface, sink);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  if (format == SB_EXPORT_SVG && status == CAIRO_STATUS_SUCCESS)
    status = write_svg (svg, sink);
  if (status != CAIRO_STATUS_SUCCESS && sink->error == NULL)
    g_set_error_literal (&sink->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         cairo_status_to_string (status));
  return sink->error == NULL;
}

/* Opens a new file beside PATH to write the export into, with the mode
 * of the file it replaces (or the usual one under the umask). */
static int
open_temporary (const char  *path,
                char       **tmp_path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  char *tmpl = g_build_filename (dir, name, NULL);
  GStatBuf old;
  int fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, 0666);

  if (fd < 0)
    {
      set_error_from_errno (error, errno);
      g_free (tmpl);
      return -1;
    }
  if (g_stat (path, &old) == 0 && S_ISREG (old.st_mode))
    fchmod (fd, old.st_mode & 07777);
  *tmp_path = tmpl;
  return fd;
}

gboolean
sb_export_sink_open (SbExportSink  *sink,
                     const char    *path,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  *sink = (SbExportSink) { -1, NULL, NULL, g_strdup (path) };
  sink->fd = open_temporary (path, &sink->tmp_path, &local_error);
  if (sink->fd < 0)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("cannot write %s: %s"), path, local_error->message);
      g_clear_pointer (&sink->path, g_free);
      return FALSE;
    }
  return TRUE;
}

/* Closes the temporary file and, if COMMIT, renames it over PATH;
 * otherwise, or when that fails, removes it. */
static gboolean
finish_file (int          fd,
             const char  *tmp_path,
             const char  *path,
             gboolean     commit,
             GError     **error)
{
  if (close (fd) != 0 && commit)
    {
      set_error_from_errno (error, errno);
      commit = FALSE;
    }
  if (commit && g_rename (tmp_path, path) != 0)
    {
      set_error_from_errno (error, errno);
      commit = FALSE;
    }
  if (!commit)
    g_unlink (tmp_path);
  return commit;
}

gboolean
sb_export_sink_close (SbExportSink  *sink,
                      gboolean       commit,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok = finish_file (sink->fd, sink->tmp_path, sink->path, commit && sink->error == NULL,
                             &local_error) && commit && sink->error == NULL;

  if (!ok && (sink->error || local_error))
    {
      GError *cause = sink->error ? sink->error : local_error;

      g_set_error (error, G_IO_ERROR, cause->code, _("cannot write %s: %s"), sink->path, cause->message);
    }
  g_clear_error (&sink->error);
  g_clear_pointer (&sink->tmp_path, g_free);
  g_clear_pointer (&sink->path, g_free);
  sink->fd = -1;
  return ok;
}

cairo_surface_t *
sb_export_pdf_surface (SbExportSink *sink,
                       double        width,
                       double        height)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (sb_export_sink_write, sink,
                                                                  width, height);

  /* No creation date: the same drawing gives the same file, whenever. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "");
  return surface;
}

gboolean
sb_export_to_file (const char            *path,
                   const SbLayout        *layout,
                   const SbScenario      *scenario,
                   SbSim                 *sim,
                   const SbRenderOptions *options,
                   int                    width,
                   int                    height,
                   int                    scale,
                   GError               **error)
{
  SbExportSink sink;
  SbExportFormat format;
  cairo_surface_t *surface;
  g_autoptr(GByteArray) svg_bytes = g_byte_array_new ();
  g_autoptr(SbSvgText) svg_text = sb_svg_text_new ();
  SbSvgBuffer svg = { svg_bytes, svg_text };
  gboolean ok;

  g_return_val_if_fail (path != NULL && layout != NULL && scenario != NULL, FALSE);

  if (!sb_export_format_for_path (path, &format, error) || !check_size (width, height, scale, error)
      || !sb_export_sink_open (&sink, path, error))
    return FALSE;
  surface = create_surface (format, &sink, &svg, width, height, scale);
  ok = render_to (surface, format, &sink, &svg, layout, scenario, sim, options, width, height, scale);
  cairo_surface_destroy (surface);
  if (!sb_export_sink_close (&sink, ok, error))
    {
      if (error && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot write %s: %s"), path,
                     _("unknown error"));
      return FALSE;
    }
  return TRUE;
}
