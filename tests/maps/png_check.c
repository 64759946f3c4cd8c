/* png_check.c -- reads a PNG and says whether it is a picture of the size
 * expected and not blank: width and height within bounds, and at least a
 * given share of its pixel bytes not white. Decodes with GIO's zlib
 * decompressor; no image library needed.
 *
 *   png_check FILE MIN_WIDTH MIN_HEIGHT MIN_INK_PERCENT
 *
 * Prints "WIDTHxHEIGHT ink N.N%" and exits 0 when it passes, 1 when not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

static guint32
be32(const guchar *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

int
main(int argc, char **argv)
{
  if (argc != 5) {
    fprintf(stderr, "usage: png_check FILE MIN_WIDTH MIN_HEIGHT MIN_INK_PERCENT\n");
    return 2;
  }
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) err = NULL;
  if (!g_file_get_contents(argv[1], &data, &len, &err)) {
    fprintf(stderr, "%s\n", err->message);
    return 1;
  }
  const guchar *p = (const guchar *) data;
  static const guchar magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  if (len < 33 || memcmp(p, magic, 8) != 0) {
    fprintf(stderr, "%s: not a PNG\n", argv[1]);
    return 1;
  }
  guint32 width = be32(p + 16), height = be32(p + 20);
  GByteArray *idat = g_byte_array_new();
  for (gsize at = 8; at + 12 <= len;) {
    guint32 n = be32(p + at);
    if (at + 12 + n > len)
      break;
    if (memcmp(p + at + 4, "IDAT", 4) == 0)
      g_byte_array_append(idat, p + at + 8, n);
    at += 12 + n;
  }
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_data(idat->data, idat->len, NULL);
  g_autoptr(GInputStream) in = g_converter_input_stream_new(raw, G_CONVERTER(z));
  guchar buf[65536];
  gsize total = 0, ink = 0;
  gssize got;
  while ((got = g_input_stream_read(in, buf, sizeof buf, NULL, &err)) > 0)
    for (gssize i = 0; i < got; i++) {
      total++;
      ink += buf[i] != 0xFF && buf[i] != 0x00;
    }
  g_byte_array_unref(idat);
  if (got < 0) {
    fprintf(stderr, "%s: %s\n", argv[1], err->message);
    return 1;
  }
  double share = total ? 100.0 * (double) ink / (double) total : 0;
  printf("%ux%u ink %.1f%%\n", width, height, share);
  return width >= (guint32) atoi(argv[2]) && height >= (guint32) atoi(argv[3])
         && share >= atof(argv[4]) ? 0 : 1;
}
