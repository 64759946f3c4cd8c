/* encoding.c -- what a file that is not UTF-8 most likely is instead:
 * Windows-1252, as Excel saves 'CSV' on a Dutch or English Windows. */
#include <string.h>

#include "io/io_internal.h"

/* The characters of Windows-1252's bytes 0x80 to 0x9F (0: none), and what
 * to call the ones that are not letters; from 0xA0 on its bytes are the
 * code points of Latin-1. */
static const struct {
  gunichar c;
  const char *name;
} high[32] = {
  { 0x20AC, "a euro sign" }, { 0, NULL }, { 0x201A, "a low single quote" }, { 0x0192, NULL },
  { 0x201E, "a low double quote" }, { 0x2026, "an ellipsis" }, { 0x2020, "a dagger" },
  { 0x2021, "a double dagger" }, { 0x02C6, "a circumflex accent" },
  { 0x2030, "a per mille sign" }, { 0x0160, NULL }, { 0x2039, "a single left angle quote" },
  { 0x0152, NULL }, { 0, NULL }, { 0x017D, NULL }, { 0, NULL },
  { 0, NULL }, { 0x2018, "a left single quote" }, { 0x2019, "a right single quote" },
  { 0x201C, "a left double quote" }, { 0x201D, "a right double quote" },
  { 0x2022, "a bullet" }, { 0x2013, "an en dash" }, { 0x2014, "an em dash" },
  { 0x02DC, "a small tilde" }, { 0x2122, "a trade mark sign" }, { 0x0161, NULL },
  { 0x203A, "a single right angle quote" }, { 0x0153, NULL }, { 0, NULL }, { 0x017E, NULL },
  { 0x0178, NULL },
};

/* The character Windows-1252 gives byte b (0x80 to 0xFF), or 0. */
static gunichar
windows_1252(unsigned char b)
{
  return b < 0xA0 ? high[b - 0x80].c : b;
}

gboolean
kb_i_text_looks_windows_1252(const char *data, size_t len)
{
  const unsigned char *d = (const unsigned char *) data;
  for (size_t i = 0; i < len; i++) {
    if (d[i] < 0x80) {
      if (d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r')
        return FALSE;
      continue;
    }
    /* a UTF-8 character of two or more bytes: the file mixes encodings */
    gunichar c = g_utf8_get_char_validated(data + i, (gssize) MIN(len - i, (size_t) 4));
    if (c != (gunichar) -1 && c != (gunichar) -2)
      return FALSE;
    if (windows_1252(d[i]) == 0)
      return FALSE;
  }
  return TRUE;
}

char *
kb_i_windows_1252_describe(unsigned char byte)
{
  g_return_val_if_fail(byte >= 0x80, NULL);
  gunichar c = windows_1252(byte);
  if (c == 0)
    return NULL;
  if (c == 0xA0)
    return g_strdup("a no-break space");
  if (c == 0xAD)
    return g_strdup("a soft hyphen");
  char utf8[8] = { 0 };
  g_unichar_to_utf8(c, utf8);
  if (byte < 0xA0 && high[byte - 0x80].name != NULL)
    return g_strdup_printf("%s '%s'", high[byte - 0x80].name, utf8);
  return g_strdup_printf("%s '%s'", g_unichar_isalpha(c) ? "the letter" : "the sign", utf8);
}
