/* test_csv.c -- the CSV reader: separators, quoting, line ends, positions.
 * Expected values are worked out by hand from RFC 4180 and the inputs. */
#include "kb_test.h"
#include <glib/gstdio.h>
#include <string.h>

#include "io/io_internal.h"

/* Records collected as "line:col=text|line:col=text" strings, one per record. */
static gboolean
collect(const KbCsvRecord *rec, gpointer user_data)
{
  GPtrArray *out = user_data;
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "@%u", rec->line);
  for (size_t i = 0; i < rec->n_fields; i++)
    g_string_append_printf(s, " %u:%u=%s", rec->fields[i].line, rec->fields[i].column,
                           rec->fields[i].text);
  g_ptr_array_add(out, g_string_free(s, FALSE));
  return TRUE;
}

static GPtrArray *
parse(const char *text, gboolean *ok, KbDiagList *diags)
{
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  *ok = kb_i_csv_parse("t.csv", text, strlen(text), kb_i_csv_detect_separator(text, strlen(text)),
                       collect, out, diags);
  return out;
}

#define REC(i) ((const char *) g_ptr_array_index(recs, i))

START_TEST(separator_is_detected_from_the_header)
{
  ck_assert_int_eq(kb_i_csv_detect_separator("a;b;c\n1,5;2;3\n", 14), ';');
  ck_assert_int_eq(kb_i_csv_detect_separator("a,b\n", 4), ',');
  ck_assert_int_eq(kb_i_csv_detect_separator("a;b,c\n", 6), ',');            /* tie */
  ck_assert_int_eq(kb_i_csv_detect_separator("\"a;b;c\",d\n", 10), ',');     /* quoted */
  ck_assert_int_eq(kb_i_csv_detect_separator("\n\na;b\n", 6), ';');          /* blank first */
  ck_assert_int_eq(kb_i_csv_detect_separator("", 0), ',');
}
END_TEST

START_TEST(fields_carry_their_positions)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  gboolean ok;
  g_autoptr(GPtrArray) recs = parse("a,b\n\"c,d\",e\r\n", &ok, diags);
  ck_assert(ok);
  ck_assert_uint_eq(recs->len, 2);
  ck_assert_str_eq(REC(0), "@1 1:1=a 1:3=b");
  ck_assert_str_eq(REC(1), "@2 2:1=c,d 2:7=e");
  ck_assert_uint_eq(kb_diag_list_length(diags), 0);
}
END_TEST

START_TEST(quotes_hold_quotes_separators_and_line_breaks)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  gboolean ok;
  g_autoptr(GPtrArray) recs =
    parse("\"x\"\"y\",\"one\r\ntwo\",z\nnext,row\n", &ok, diags);
  ck_assert(ok);
  ck_assert_uint_eq(recs->len, 2);
  /* CRLF inside quotes becomes LF; the record after it starts on line 3 */
  ck_assert_str_eq(REC(0), "@1 1:1=x\"y 1:8=one\ntwo 2:6=z");
  ck_assert_str_eq(REC(1), "@3 3:1=next 3:6=row");
}
END_TEST

START_TEST(blank_lines_are_skipped_and_spaces_trimmed)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  gboolean ok;
  g_autoptr(GPtrArray) recs = parse("a , b\n\n   \r\n \" c \" ,d", &ok, diags);
  ck_assert(ok);
  ck_assert_uint_eq(recs->len, 2);
  ck_assert_str_eq(REC(0), "@1 1:1=a 1:5=b");
  ck_assert_str_eq(REC(1), "@4 4:2= c  4:9=d");
}
END_TEST

START_TEST(columns_count_characters_not_bytes)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  gboolean ok;
  g_autoptr(GPtrArray) recs = parse("Roemenië,Osnabrück,x\r", &ok, diags);
  ck_assert(ok);
  ck_assert_str_eq(REC(0), "@1 1:1=Roemenië 1:10=Osnabrück 1:20=x");
  /* fields longer than a word of eight bytes, ending in blanks and at any
   * byte of a word */
  g_autoptr(GPtrArray) long_recs =
    parse("Roemenië Roemenië Roemenië  ,Osnabrück Osnabrück\t,€€€€€€€€€\n"
          "abcdefg,abcdefgh,abcdefghi\n", &ok, diags);
  ck_assert(ok);
  ck_assert_str_eq((const char *) g_ptr_array_index(long_recs, 0),
                   "@1 1:1=Roemenië Roemenië Roemenië 1:30=Osnabrück Osnabrück 1:51=€€€€€€€€€");
  ck_assert_str_eq((const char *) g_ptr_array_index(long_recs, 1),
                   "@2 2:1=abcdefg 2:9=abcdefgh 2:18=abcdefghi");
}
END_TEST

START_TEST(lone_carriage_returns_end_lines)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  gboolean ok;
  g_autoptr(GPtrArray) recs = parse("a,b\rc,d\r", &ok, diags);
  ck_assert(ok);
  ck_assert_uint_eq(recs->len, 2);
  ck_assert_str_eq(REC(1), "@2 2:1=c 2:3=d");
}
END_TEST

START_TEST(empty_fields_are_kept)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  gboolean ok;
  g_autoptr(GPtrArray) recs = parse(",,\n", &ok, diags);
  ck_assert(ok);
  ck_assert_str_eq(REC(0), "@1 1:1= 1:2= 1:3=");
}
END_TEST

START_TEST(fields_are_read_in_place_up_to_the_last_byte)
{
  /* no line break at the end: the last field ends at data[len], where the
   * NUL of the buffer is */
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  char data[] = "a,\"b\"\"c\" ,\n\"x\",";
  g_autoptr(GPtrArray) recs = g_ptr_array_new_with_free_func(g_free);
  ck_assert(kb_i_csv_parse_in_place("t.csv", data, sizeof data - 1, ',', collect, recs, diags));
  ck_assert_uint_eq(recs->len, 2);
  ck_assert_str_eq(REC(0), "@1 1:1=a 1:3=b\"c 1:11=");
  ck_assert_str_eq(REC(1), "@2 2:1=x 2:5=");
  ck_assert_uint_eq(kb_diag_list_length(diags), 0);
}
END_TEST

START_TEST(a_quote_before_a_formula_is_taken_away)
{
  /* one ' is taken away exactly when the rest is ^'*[=+\-@\t\r]: the rule
   * of kb_csv_append_text(), read back */
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  gboolean ok;
  g_autoptr(GPtrArray) recs = parse("'=x,'x,''=y,\"'-1\",',''',\"'\t\", '+1 ,=z,'@,a'=\n",
                                    &ok, diags);
  ck_assert(ok);
  ck_assert_str_eq(REC(0), "@1 1:1==x 1:5='x 1:8='=y 1:13=-1 1:19=' 1:21=''' 1:25=\t "
                           "1:31=+1 1:36==z 1:39=@ 1:42=a'=");
}
END_TEST

/* Field texts collected whole, in order. */
static gboolean
collect_second_fields(const KbCsvRecord *rec, gpointer user_data)
{
  GPtrArray *out = user_data;
  g_ptr_array_add(out, rec->n_fields == 2 ? g_strndup(rec->fields[1].text, rec->fields[1].len)
                                          : g_strdup("(not two fields)"));
  return TRUE;
}

/* Every string of up to 4 characters drawn from the characters that matter
 * (quotes, formula starts, blanks, line ends, separators) is written by
 * kb_csv_append_text() and read back by the reader exactly as it was, and
 * no field as written starts with what a spreadsheet would run. A CR LF
 * pair is left out: inside quotes the reader takes it for a line feed, as
 * spreadsheets write one. */
START_TEST(every_text_written_is_read_back_as_it_was)
{
  static const char alphabet[] = "'=+-@\t\r\n ,;\"a";
  const size_t k = sizeof alphabet - 1;
  GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
  GString *csv = g_string_new(NULL);
  char s[5];
  for (size_t len = 0; len <= 4; len++) {
    size_t count = 1;
    for (size_t i = 0; i < len; i++)
      count *= k;
    for (size_t n = 0; n < count; n++) {
      size_t x = n;
      for (size_t i = 0; i < len; i++, x /= k)
        s[i] = alphabet[x % k];
      s[len] = '\0';
      if (strstr(s, "\r\n") != NULL)
        continue;
      g_ptr_array_add(texts, g_strdup(s));
      size_t at = csv->len + 2;
      g_string_append(csv, "x,");
      kb_csv_append_text(csv, s);
      const char *field = csv->str + at + (csv->str[at] == '"');
      ck_assert_msg(strchr("=+-@\t\r", *field) == NULL || *field == '\0',
                    "written as a formula: '%s'", csv->str + at);
      g_string_append(csv, "\r\n");
    }
  }
  /* 13^0 + ... + 13^4 strings, less those holding CR LF: 1 of length 2,
   * 2 * 13 of length 3, 3 * 13^2 - 1 of length 4 (CR LF CR LF counted twice) */
  ck_assert_uint_eq(texts->len, 1 + 13 + 169 + 2197 + 28561 - (1 + 26 + 506));
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  GPtrArray *read = g_ptr_array_new_with_free_func(g_free);
  ck_assert(kb_i_csv_parse("t.csv", csv->str, csv->len, ',', collect_second_fields, read, diags));
  ck_assert_uint_eq(kb_diag_list_length(diags), 0);
  ck_assert_uint_eq(read->len, texts->len);
  for (guint i = 0; i < texts->len; i++)
    ck_assert_str_eq(g_ptr_array_index(read, i), g_ptr_array_index(texts, i));
  g_ptr_array_unref(read);
  g_ptr_array_unref(texts);
  g_string_free(csv, TRUE);
}
END_TEST

START_TEST(a_header_written_with_semicolons_is_read_with_commas)
{
  /* a field holding semicolons is quoted, so that the header still has
   * more commas outside quotes */
  g_autoptr(GString) header = g_string_new("id,");
  kb_csv_append_text(header, "a;b;c");
  ck_assert_str_eq(header->str, "id,\"a;b;c\"");
  ck_assert_int_eq(kb_i_csv_detect_separator(header->str, header->len), ',');
}
END_TEST

START_TEST(an_unclosed_quote_is_reported_where_it_opened)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  gboolean ok;
  g_autoptr(GPtrArray) recs = parse("a,b\nc,\"d\ne,f\n", &ok, diags);
  ck_assert(!ok);
  ck_assert_uint_eq(recs->len, 1);
  ck_assert_uint_eq(kb_diag_list_length(diags), 1);
  g_autofree char *msg = kb_diag_format(kb_diag_list_get(diags, 0));
  ck_assert_str_eq(msg, "t.csv:2:3: error: the quote opened here is never closed; expected "
                        "a closing '\"' before the end of the file");
}
END_TEST

START_TEST(text_after_a_closing_quote_is_reported_and_kept)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  gboolean ok;
  g_autoptr(GPtrArray) recs = parse("\"ab\" c,d\n", &ok, diags);
  ck_assert(ok);
  ck_assert_str_eq(REC(0), "@1 1:1=ab c 1:8=d");
  g_autofree char *msg = kb_diag_format(kb_diag_list_get(diags, 0));
  ck_assert_str_eq(msg, "t.csv:1:6: error: text after a closing quote; expected ',' or the "
                        "end of the line (write a quote inside a quoted field as \"\")");
}
END_TEST

START_TEST(text_check_reports_each_bad_line)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  /* BOM, then line 1 fine, line 2 has Latin-1 'ë' at column 8, line 3 fine */
  const char data[] = "\xEF\xBB\xBFid,kind\nRoemeni\xEB,x\nok,y\n";
  KbText t = { g_strdup("t.csv"), g_memdup2(data, sizeof data), sizeof data - 1, 0 };
  ck_assert(!kb_i_text_check(&t, diags));
  ck_assert_uint_eq(t.body, 3);
  ck_assert_uint_eq(kb_diag_list_length(diags), 1);
  const KbDiag *d = kb_diag_list_get(diags, 0);
  ck_assert_uint_eq(d->line, 2);
  ck_assert_uint_eq(d->column, 8);
  kb_i_text_release(&t);
}
END_TEST

START_TEST(text_check_names_what_windows_1252_makes_of_a_byte)
{
  /* Excel's 'CSV' on a Dutch Windows: an en dash (0x96) on line 2, column 13,
   * and on line 3 a 0xFC, Windows-1252's (and Latin-1's) u with diaeresis;
   * the characters are those of the Unicode mapping WINDOWS/CP1252.TXT */
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  const char data[] = "id,label\nsibiu,Sibiu \x96 Hermannstadt\nosn,Osnabr\xFC" "ck\n";
  KbText t = { g_strdup("t.csv"), g_memdup2(data, sizeof data), sizeof data - 1, 0 };
  ck_assert(!kb_i_text_check(&t, diags));
  ck_assert_uint_eq(kb_diag_list_length(diags), 2);
  const KbDiag *first = kb_diag_list_get(diags, 0);
  ck_assert(first->cause);
  g_autofree char *a = kb_diag_format(first);
  ck_assert_str_eq(a, "t.csv:2:13: error: the file is not UTF-8 (byte 0x96, an en dash '\u2013' "
                      "in Windows-1252): it looks like Windows-1252 (as Excel saves 'CSV'); "
                      "expected UTF-8: in Excel, use File > Save As and choose 'CSV UTF-8 "
                      "(Comma delimited)'");
  const KbDiag *second = kb_diag_list_get(diags, 1);
  ck_assert(!second->cause);
  g_autofree char *b = kb_diag_format(second);
  ck_assert_str_eq(b, "t.csv:3:11: error: invalid UTF-8 (byte 0xFC, the letter '\u00FC' in "
                      "Windows-1252); expected UTF-8 text (in Excel: save as 'CSV UTF-8')");
  kb_i_text_release(&t);
}
END_TEST

START_TEST(only_text_that_fits_windows_1252_is_said_to_look_like_it)
{
  /* bytes Windows-1252 gives a character, beside ASCII */
  ck_assert(kb_i_text_looks_windows_1252("caf\xE9 \x80 \x92s\r\n\tx", 13));
  /* 0x81 is none of Windows-1252's */
  ck_assert(!kb_i_text_looks_windows_1252("a\x81", 2));
  /* a control character, as in a binary file or UTF-16 without a mark */
  ck_assert(!kb_i_text_looks_windows_1252("a\x01\xE9", 3));
  /* a file that mixes UTF-8 (\xC3\xAB: e with diaeresis) with a stray byte */
  ck_assert(!kb_i_text_looks_windows_1252("\xC3\xAB \xE9", 4));
  g_autofree char *euro = kb_i_windows_1252_describe(0x80);
  g_autofree char *quote = kb_i_windows_1252_describe(0x92);
  g_autofree char *ee = kb_i_windows_1252_describe(0xEB);
  g_autofree char *degree = kb_i_windows_1252_describe(0xB0);
  g_autofree char *space = kb_i_windows_1252_describe(0xA0);
  ck_assert_str_eq(euro, "a euro sign '\u20AC'");
  ck_assert_str_eq(quote, "a right single quote '\u2019'");
  ck_assert_str_eq(ee, "the letter '\u00EB'");
  ck_assert_str_eq(degree, "the sign '\u00B0'");
  ck_assert_str_eq(space, "a no-break space");
  ck_assert_ptr_null(kb_i_windows_1252_describe(0x9D));
  /* a file that does not fit: "not UTF-8", and nothing said of Windows-1252 */
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  const char data[] = "id\nx\x81y\n";
  KbText t = { g_strdup("t.csv"), g_memdup2(data, sizeof data), sizeof data - 1, 0 };
  ck_assert(!kb_i_text_check(&t, diags));
  g_autofree char *msg = kb_diag_format(kb_diag_list_get(diags, 0));
  ck_assert_str_eq(msg, "t.csv:2:2: error: the file is not UTF-8 (byte 0x81 cannot stand "
                        "here); expected UTF-8: in Excel, use File > Save As and choose 'CSV "
                        "UTF-8 (Comma delimited)'");
  kb_i_text_release(&t);
}
END_TEST

START_TEST(text_check_accepts_a_bom_and_utf8)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  const char data[] = "\xEF\xBB\xBFid\nOsnabrück\n";
  KbText t = { g_strdup("t.csv"), g_memdup2(data, sizeof data), sizeof data - 1, 0 };
  ck_assert(kb_i_text_check(&t, diags));
  ck_assert_uint_eq(t.body, 3);
  ck_assert_uint_eq(kb_diag_list_length(diags), 0);
  kb_i_text_release(&t);
}
END_TEST

/* Records and diagnostics of the file at 'path' read 'chunk' bytes at a time,
 * as one string. */
static char *
read_in_chunks(const char *path, size_t chunk)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(GPtrArray) recs = g_ptr_array_new_with_free_func(g_free);
  char sep = 0;
  gboolean ok = kb_i_csv_read_file_chunked(path, path, chunk, &sep, collect, recs, diags);
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "ok=%d sep=%c\n", ok, sep ? sep : '0');
  for (guint i = 0; i < recs->len; i++)
    g_string_append_printf(s, "%s\n", (const char *) g_ptr_array_index(recs, i));
  for (size_t i = 0; i < kb_diag_list_length(diags); i++) {
    g_autofree char *d = kb_diag_format(kb_diag_list_get(diags, i));
    g_string_append_printf(s, "%s\n", d);
  }
  return g_string_free(s, FALSE);
}

START_TEST(files_read_in_chunks_read_as_whole_files)
{
  /* every place a chunk can end: in a character, a CRLF, a doubled quote,
   * a byte-order mark, before a separator; and text that is not UTF-8,
   * which is read whole for its diagnostics */
#define TEXT(s) { s, sizeof s - 1 }
  static const struct {
    const char *data;
    gssize len;
  } texts[] = {
    TEXT("\xEF\xBB\xBFid;label\r\n\"a;\"\"b\"\"\"; Osnabr\xC3\xBC" "ck \r\n\r\nc;\"x\r\ny\" z\r"),
    TEXT("a,b\n\"c,d\ne,f\n"),
    TEXT("x,\xF0\x9D\x84\x9E,\"\",\"\n  ,  \n\t\"q\"\t,r"),
    TEXT("a,b\nRoemeni\xEB,x\n"),
    TEXT("\xFF\xFEi\x00" "d\x00"),
    TEXT("a,b\nc\x00" "d,e\n"),
    TEXT(""),
  };
#undef TEXT
  g_autofree char *dir = g_dir_make_tmp("kb-csv-XXXXXX", NULL);
  ck_assert(dir != NULL);
  g_autofree char *path = g_build_filename(dir, "t.csv", NULL);
  for (size_t t = 0; t < G_N_ELEMENTS(texts); t++) {
    ck_assert(g_file_set_contents(path, texts[t].data, texts[t].len, NULL));
    g_autofree char *whole = read_in_chunks(path, 1 << 20);
    for (size_t chunk = 1; chunk <= 9; chunk++) {
      g_autofree char *parts = read_in_chunks(path, chunk);
      ck_assert_msg(strcmp(whole, parts) == 0, "text %zu, chunk %zu:\n%s\n---\n%s", t, chunk,
                    whole, parts);
    }
  }
  g_remove(path);
  g_rmdir(dir);
}
END_TEST

static gboolean
first_records(const KbCsvRecord *rec, gpointer data)
{
  *(size_t *) data = rec->records;
  return FALSE;
}

/* The records a file is said to hold before it is parsed: its line feeds
 * and one more, but no more than one to 20 bytes; 0 when it is read whole
 * (not UTF-8). Counted by hand. */
START_TEST(records_are_reckoned_from_line_feeds)
{
  g_autofree char *dir = g_dir_make_tmp("kb-csv-XXXXXX", NULL);
  ck_assert(dir != NULL);
  g_autofree char *path = g_build_filename(dir, "t.csv", NULL);
  GString *rows = g_string_new("from,to,kind\n");          /* 13 bytes */
  for (int i = 0; i < 44; i++)
    g_string_append(rows, "org-1,city-1,active_in\n");  /* 23 bytes each: 1025 in all */
  static const char latin1[] = "id\nRoemeni\xEB\n";
  char *blank = g_strnfill(101, '\n');
  blank[0] = 'a';                                        /* "a", then 100 line feeds */
  const struct {
    const char *data;
    size_t len, chunk, records;
  } cases[] = {
    { rows->str, rows->len, 4 << 20, 46 },        /* 45 line feeds; 1025 / 20 = 51 */
    { rows->str, rows->len, 7, 46 },              /* in chunks of 7 bytes */
    { blank, 101, 4 << 20, 5 },                   /* 100 line feeds, 101 / 20 = 5 */
    { latin1, sizeof latin1 - 1, 4 << 20, 0 },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    ck_assert(g_file_set_contents(path, cases[i].data, (gssize) cases[i].len, NULL));
    g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
    size_t records = G_MAXSIZE;
    char sep = 0;
    kb_i_csv_read_file_chunked(path, path, cases[i].chunk, &sep, first_records, &records, diags);
    ck_assert_msg(records == cases[i].records || (cases[i].records == 0 && records == G_MAXSIZE),
                  "case %zu: %zu", i, records);
  }
  g_free(blank);
  g_string_free(rows, TRUE);
  g_remove(path);
  g_rmdir(dir);
}
END_TEST

static Suite *
csv_suite(void)
{
  Suite *s = suite_create("csv");
  TCase *tc = tcase_create("csv");
  tcase_add_test(tc, separator_is_detected_from_the_header);
  tcase_add_test(tc, records_are_reckoned_from_line_feeds);
  tcase_add_test(tc, fields_carry_their_positions);
  tcase_add_test(tc, quotes_hold_quotes_separators_and_line_breaks);
  tcase_add_test(tc, blank_lines_are_skipped_and_spaces_trimmed);
  tcase_add_test(tc, columns_count_characters_not_bytes);
  tcase_add_test(tc, lone_carriage_returns_end_lines);
  tcase_add_test(tc, empty_fields_are_kept);
  tcase_add_test(tc, fields_are_read_in_place_up_to_the_last_byte);
  tcase_add_test(tc, an_unclosed_quote_is_reported_where_it_opened);
  tcase_add_test(tc, text_after_a_closing_quote_is_reported_and_kept);
  tcase_add_test(tc, text_check_reports_each_bad_line);
  tcase_add_test(tc, text_check_accepts_a_bom_and_utf8);
  tcase_add_test(tc, text_check_names_what_windows_1252_makes_of_a_byte);
  tcase_add_test(tc, only_text_that_fits_windows_1252_is_said_to_look_like_it);
  tcase_add_test(tc, files_read_in_chunks_read_as_whole_files);
  tcase_add_test(tc, a_quote_before_a_formula_is_taken_away);
  tcase_add_test(tc, every_text_written_is_read_back_as_it_was);
  tcase_add_test(tc, a_header_written_with_semicolons_is_read_with_commas);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(csv_suite)
