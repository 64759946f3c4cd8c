/* test_output.c -- one document, four renderings; expected text written by
 * hand from the format rules (RFC 4180 for CSV, JSON, Markdown tables). */
#include "kb_test.h"

#include <math.h>
#include <string.h>

#include <klaverblad.h>

#include "output/output_internal.h"

/* The sample's columns: a text, a whole number, a number and a year. */
static void
sample_columns(KbSheet *s)
{
  kb_sheet_add_column(s, "name", "Name", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "n", "N", KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "x", "X", KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "year", "Since", KB_COLUMN_YEAR, 0);
}

static KbDoc *
sample(void)
{
  KbDoc *doc = kb_doc_new("Tïtle");
  kb_doc_add_text(doc, "about", "Two rows.");
  KbSheet *s = kb_doc_add_sheet(doc, "rows", "Rows");
  sample_columns(s);
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, "a, \"b\"|c");
  kb_sheet_put_int(s, 12);
  kb_sheet_put_number(s, 1.0 / 3.0);
  kb_sheet_put_year(s, 2015);
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, "Roemenië");
  kb_sheet_put_int(s, 3);
  kb_sheet_put_number(s, NAN);
  kb_sheet_put_year(s, KB_NO_YEAR);
  return doc;
}

START_TEST(table)
{
  g_autoptr(KbDoc) doc = sample();
  g_autofree char *t = kb_doc_render(doc, KB_OUTPUT_TABLE);
  ck_assert_str_eq(t,
    "Tïtle\n"
    "=====\n"
    "\n"
    "Two rows.\n"
    "\n"
    "Rows\n"
    "----\n"
    "Name       N     X  Since\n"
    "--------  --  ----  -----\n"
    "a, \"b\"|c  12  0.33   2015\n"
    "Roemenië   3\n");
}
END_TEST

/* Dutch readers' numbers in table and md, worked out by hand: a decimal
 * comma, a point between thousands, years as they are; CSV unchanged. */
START_TEST(dutch_numbers)
{
  g_autoptr(KbDoc) doc = kb_doc_new("T");
  KbSheet *s = kb_doc_add_sheet(doc, "rows", "R");
  kb_sheet_add_column(s, "n", "N", KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "x", "X", KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(s, "year", "Y", KB_COLUMN_YEAR, 0);
  kb_sheet_begin_row(s);
  kb_sheet_put_int(s, 129827);
  kb_sheet_put_number(s, -1234.5678);
  kb_sheet_put_year(s, 2021);
  kb_doc_set_decimal_comma(doc, TRUE);
  g_autofree char *t = kb_doc_render(doc, KB_OUTPUT_TABLE);
  ck_assert_str_eq(t, "T\n=\n\nR\n-\n      N           X     Y\n-------  ----------  ----\n"
                      "129.827  -1.234,568  2021\n");
  g_autofree char *md = kb_doc_render(doc, KB_OUTPUT_MD);
  ck_assert_ptr_nonnull(strstr(md, "| 129.827 | -1.234,568 | 2021 |"));
  g_autofree char *csv = kb_doc_render(doc, KB_OUTPUT_CSV);
  ck_assert_str_eq(csv, "n,x,year\r\n129827,-1234.5678,2021\r\n");
}
END_TEST

START_TEST(csv)
{
  g_autoptr(KbDoc) doc = sample();
  g_autofree char *t = kb_doc_render(doc, KB_OUTPUT_CSV);
  ck_assert_str_eq(t,
    "name,n,x,year\r\n"
    "\"a, \"\"b\"\"|c\",12,0.333333333333,2015\r\n"
    "Roemenië,3,,\r\n");
}
END_TEST

START_TEST(json)
{
  g_autoptr(KbDoc) doc = sample();
  g_autofree char *t = kb_doc_render(doc, KB_OUTPUT_JSON);
  ck_assert_str_eq(t,
    "{\n"
    "  \"title\": \"Tïtle\",\n"
    "  \"about\": \"Two rows.\",\n"
    "  \"rows\": [\n"
    "    {\"name\": \"a, \\\"b\\\"|c\", \"n\": 12, \"x\": 0.333333333333, \"year\": 2015},\n"
    "    {\"name\": \"Roemenië\", \"n\": 3, \"x\": null, \"year\": null}\n"
    "  ]\n"
    "}\n");
}
END_TEST

START_TEST(markdown)
{
  g_autoptr(KbDoc) doc = sample();
  g_autofree char *t = kb_doc_render(doc, KB_OUTPUT_MD);
  ck_assert_str_eq(t,
    "# Tïtle\n"
    "\n"
    "Two rows.\n"
    "\n"
    "## Rows\n"
    "\n"
    "| Name | N | X | Since |\n"
    "| --- | ---: | ---: | ---: |\n"
    "| a, \"b\"\\|c | 12 | 0.33 | 2015 |\n"
    "| Roemenië | 3 |  |  |\n");
}
END_TEST

/* A value that its column's decimals would show as 0 gets two significant
 * digits, down to 12 decimals; 0 and counts stay as they are; CSV is
 * exact. Written out by hand. */
START_TEST(small_values_keep_two_digits)
{
  g_autoptr(KbDoc) doc = kb_doc_new("t");
  KbSheet *s = kb_doc_add_sheet(doc, "v", "V");
  kb_sheet_add_column(s, "x", "X", KB_COLUMN_NUMBER, 3);
  static const double values[] = { 0.00043158, -0.000031, 0.0005, 0.00049, 0, 2e-14, 0.25 };
  for (size_t i = 0; i < G_N_ELEMENTS(values); i++) {
    kb_sheet_begin_row(s);
    kb_sheet_put_number(s, values[i]);
  }
  g_autofree char *t = kb_doc_render(doc, KB_OUTPUT_TABLE);
  ck_assert_str_eq(t, "t\n=\n\nV\n-\n"
                      "             X\n"
                      "--------------\n"
                      "       0.00043\n"
                      "     -0.000031\n"
                      "         0.001\n"
                      "       0.00049\n"
                      "             0\n"
                      "0.000000000000\n"
                      "         0.250\n");
  g_autofree char *exact = kb_doc_render(doc, KB_OUTPUT_CSV);
  ck_assert_str_eq(exact, "x\r\n0.00043158\r\n-3.1e-05\r\n0.0005\r\n0.00049\r\n0\r\n2e-14\r\n"
                        "0.25\r\n");
}
END_TEST

/* What a terminal shows instead of a control character: C0 and DEL as
 * \xHH, C1 (U+0080 to U+009F) as \u00HH, a byte that is not UTF-8 as \xHH;
 * each expected text written out by hand from the code points. */
START_TEST(terminal_text_shows_controls_as_escapes)
{
  static const struct {
    const char *in, *out;
  } cases[] = {
    { "plain text, a \\ and ~", "plain text, a \\ and ~" },
    { "\033]0;pwned\007", "\\x1B]0;pwned\\x07" },                       /* window title */
    { "\033[31mred", "\\x1B[31mred" },                                  /* colour */
    { "a\tb\nc\rd\x7f", "a\\x09b\\x0Ac\\x0Dd\\x7F" },
    { "\x01\x1f", "\\x01\\x1F" },
    { "\xc2\x9b" "31m", "\\u009B31m" },                                  /* U+009B, CSI */
    { "\xc2\x80\xc2\x85\xc2\x9f", "\\u0080\\u0085\\u009F" },
    { "Roemeni\xc3\xab\xc2\xa0\xe2\x82\xac", "Roemeni\xc3\xab\xc2\xa0\xe2\x82\xac" },  /* ë, U+00A0, € */
    { "\xff" "x\xc2", "\\xFFx\\xC2" },                                   /* not UTF-8 */
    { "\xc0\x80", "\\xC0\\x80" },                                        /* an overlong NUL */
    { "", "" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *t = kb_terminal_escape(cases[i].in);
    ck_assert_str_eq(t, cases[i].out);
  }
}
END_TEST

/* Controls in the title, a paragraph, headings and cells: a table shows
 * them as escapes, a line break in a cell too, so the columns stay aligned
 * (the widths counted by hand on the escaped texts: 9 and 5). */
static KbDoc *
controls_sample(void)
{
  KbDoc *doc = kb_doc_new("T\033[2J");
  kb_doc_add_text(doc, "about", "p\033]0;x\007");
  KbSheet *s = kb_doc_add_sheet(doc, "rows", "H\xc2\x9b");
  kb_sheet_add_column(s, "name", "Name", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "n", "N\007", KB_COLUMN_INT, 0);
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, "a\nb");
  kb_sheet_put_int(s, 1);
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, "\033[31mc");
  kb_sheet_put_int(s, 22);
  return doc;
}

START_TEST(table_and_markdown_show_controls_as_escapes)
{
  g_autoptr(KbDoc) doc = controls_sample();
  g_autofree char *t = kb_doc_render(doc, KB_OUTPUT_TABLE);
  ck_assert_str_eq(t,
    "T\\x1B[2J\n"
    "========\n"
    "\n"
    "p\\x1B]0;x\\x07\n"
    "\n"
    "H\\u009B\n"
    "-------\n"
    "Name       N\\x07\n"
    "---------  -----\n"
    "a\\x0Ab         1\n"
    "\\x1B[31mc     22\n");
  /* Markdown: a line break as <br>, other controls as escapes, whose
   * backslash Markdown wants escaped */
  g_autofree char *md = kb_doc_render(doc, KB_OUTPUT_MD);
  ck_assert_str_eq(md,
    "# T\\\\x1B[2J\n"
    "\n"
    "p\\\\x1B]0;x\\\\x07\n"
    "\n"
    "## H\\\\u009B\n"
    "\n"
    "| Name | N\\\\x07 |\n"
    "| --- | ---: |\n"
    "| a<br>b | 1 |\n"
    "| \\\\x1B[31mc | 22 |\n");
  /* CSV and JSON keep the data as it is */
  g_autofree char *c = kb_doc_render(doc, KB_OUTPUT_CSV);
  ck_assert_str_eq(c, "name,n\r\n\"a\nb\",1\r\n\033[31mc,22\r\n");
  g_autofree char *j = kb_doc_render(doc, KB_OUTPUT_JSON);
  ck_assert(strstr(j, "\"a\\nb\"") != NULL && strstr(j, "\"\\u001b[31mc\"") != NULL);
}
END_TEST

/* A text cell that a spreadsheet would run as a formula gets a ' (OWASP's
 * advice on CSV injection), a number cell never; each field written out by
 * hand from the rules in output.h. */
START_TEST(csv_text_that_a_spreadsheet_would_run_gets_a_quote)
{
  static const struct {
    const char *text, *field;
  } cases[] = {
    { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
    { "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0" },
    { "@SUM(1+1)", "'@SUM(1+1)" },
    { "+1+1", "'+1+1" },
    { "-1+1", "'-1+1" },
    { "-0.25", "'-0.25" },            /* text, though it looks like a number */
    { "\tx", "'\tx" },
    { "\rx", "\"'\rx\"" },
    { "'=already", "''=already" },
    { "''@", "'''@" },
    { "'x", "'x" },                   /* no formula after the quote: as it is */
    { "'", "'" },
    { "a=b", "a=b" },
    { " =x", "\" =x\"" },             /* a space first: quoted, and no formula */
    { "x\t", "\"x\t\"" },             /* a reader trims an unquoted tab */
    { "a;b", "\"a;b\"" },             /* a semicolon reader keeps it whole */
    { "", "" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autoptr(GString) out = g_string_new(NULL);
    kb_csv_append_text(out, cases[i].text);
    ck_assert_str_eq(out->str, cases[i].field);
  }
  g_autoptr(GString) raw = g_string_new(NULL);
  kb_csv_append_raw(raw, "-0.25");
  g_string_append_c(raw, ',');
  kb_csv_append_raw(raw, "x\t");
  ck_assert_str_eq(raw->str, "-0.25,\"x\t\"");

  /* in a sheet: text cells guarded, number cells left numbers */
  g_autoptr(KbDoc) doc = kb_doc_new("t");
  KbSheet *s = kb_doc_add_sheet(doc, "v", "V");
  kb_sheet_add_column(s, "label", "Label", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "x", "X", KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "n", "N", KB_COLUMN_INT, 0);
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, "-1+1");
  kb_sheet_put_number(s, -0.25);
  kb_sheet_put_int(s, -3);
  g_autofree char *c = kb_doc_render(doc, KB_OUTPUT_CSV);
  ck_assert_str_eq(c, "label,x,n\r\n'-1+1,-0.25,-3\r\n");
}
END_TEST

START_TEST(formats_parse)
{
  KbOutputFormat f;
  ck_assert(kb_output_format_parse("md", &f) && f == KB_OUTPUT_MD);
  ck_assert(kb_output_format_parse("table", &f) && f == KB_OUTPUT_TABLE);
  ck_assert(kb_output_format_parse("xlsx", &f) && f == KB_OUTPUT_XLSX);
  ck_assert(!kb_output_format_parse("docx", &f));
  KbCsvDialect d;
  ck_assert(kb_csv_dialect_parse("excel-nl", &d) && d == KB_CSV_EXCEL_NL);
  ck_assert(kb_csv_dialect_parse("excel-en", &d) && d == KB_CSV_EXCEL_EN);
  ck_assert(kb_csv_dialect_parse("plain", &d) && d == KB_CSV_PLAIN);
  ck_assert(!kb_csv_dialect_parse("excel", &d));
}
END_TEST

/* Dutch Excel: a byte-order mark, ';', a decimal comma, CRLF; a text that
 * holds ';' or ',' quoted; 1/3 with 12 significant digits, as plain CSV
 * has it, but with a comma. */
START_TEST(csv_excel_nl)
{
  g_autoptr(KbDoc) doc = sample();
  g_autofree char *t = kb_doc_render_csv(doc, KB_CSV_EXCEL_NL);
  ck_assert_str_eq(t,
    "\xEF\xBB\xBF"
    "name;n;x;year\r\n"
    "\"a, \"\"b\"\"|c\";12;0,333333333333;2015\r\n"
    "Roemenië;3;;\r\n");
  g_autofree char *en = kb_doc_render_csv(doc, KB_CSV_EXCEL_EN);
  ck_assert_str_eq(en,
    "\xEF\xBB\xBF"
    "name,n,x,year\r\n"
    "\"a, \"\"b\"\"|c\",12,0.333333333333,2015\r\n"
    "Roemenië,3,,\r\n");
  g_autofree char *plain = kb_doc_render_csv(doc, KB_CSV_PLAIN);
  g_autofree char *render = kb_doc_render(doc, KB_OUTPUT_CSV);
  ck_assert_str_eq(plain, render);
  /* one sheet alone carries the mark too */
  g_autofree char *one = kb_sheet_render_csv_as(kb_doc_sheet(doc, 0), KB_CSV_EXCEL_NL);
  ck_assert_str_eq(one, t);
  GString *n = g_string_new(NULL);
  kb_csv_append_number_as(n, -1.5e-7, KB_CSV_EXCEL_NL);
  ck_assert_str_eq(n->str, "-1,5e-07");
  g_string_free(n, TRUE);
}
END_TEST

/* Two rows of the sample's columns: a formula-like text, a zero, empty
 * cells, a negative number. */
static void
two_rows(KbSheet *s)
{
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, "=SUM(A1)");
  kb_sheet_put_int(s, 0);
  kb_sheet_put_number(s, NAN);
  kb_sheet_put_year(s, KB_NO_YEAR);
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, NULL);
  kb_sheet_put_int(s, 42);
  kb_sheet_put_number(s, -0.5);
  kb_sheet_put_year(s, 1990);
}

/* A streamed sheet writes each row as it is completed, the bytes the held
 * sheet's CSV has after its header (the strings written by hand, as in the
 * tests above), and holds none; empty cells, a negative whole number and a
 * text a spreadsheet would run as a formula included. */
START_TEST(csv_streamed_row_by_row)
{
  g_autoptr(KbDoc) doc = kb_doc_new("Streamed");
  KbSheet *s = kb_doc_add_sheet(doc, "rows", "Rows");
  sample_columns(s);
  g_autofree char *header = kb_sheet_render_csv_as(s, KB_CSV_EXCEL_NL);
  ck_assert_str_eq(header, "\xEF\xBB\xBFname;n;x;year\r\n");
  GString *out = g_string_new(NULL);
  kb_sheet_stream_csv(s, out, KB_CSV_EXCEL_NL);
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, "a; \"b\"");
  kb_sheet_put_int(s, -9223372036854775807LL - 1);
  kb_sheet_put_number(s, 1.0 / 3.0);
  ck_assert_str_eq(out->str, "\"a; \"\"b\"\"\";-9223372036854775808;0,333333333333");
  kb_sheet_put_year(s, 2015);
  ck_assert_str_eq(out->str, "\"a; \"\"b\"\"\";-9223372036854775808;0,333333333333;2015\r\n");
  g_string_truncate(out, 0);
  two_rows(s);
  ck_assert_str_eq(out->str, "'=SUM(A1);0;;\r\n;42;-0,5;1990\r\n");
  ck_assert_uint_eq(kb_sheet_row_count(s), 0);
  /* the same rows held give the same bytes after the header */
  g_autoptr(KbDoc) held = kb_doc_new("Held");
  KbSheet *h = kb_doc_add_sheet(held, "rows", "Rows");
  sample_columns(h);
  two_rows(h);
  g_autofree char *whole = kb_sheet_render_csv_as(h, KB_CSV_EXCEL_NL);
  ck_assert_str_eq(whole + strlen(header), out->str);
  g_string_free(out, TRUE);
}
END_TEST

/* A list shortened for the terminal is whole in every other format. */
START_TEST(lists_whole_but_in_the_terminal)
{
  g_autoptr(KbDoc) doc = kb_doc_new("T");
  KbSheet *s = kb_doc_add_sheet(doc, "who", "Who");
  kb_sheet_add_column(s, "who", "who", KB_COLUMN_TEXT, 0);
  kb_sheet_begin_row(s);
  kb_sheet_put_list(s, "A; B; C", "A (+2)");
  g_autofree char *tb = kb_doc_render(doc, KB_OUTPUT_TABLE);
  ck_assert_str_eq(tb, "T\n=\n\nWho\n---\nwho\n------\nA (+2)\n");
  g_autofree char *cv = kb_doc_render_csv(doc, KB_CSV_EXCEL_NL);
  ck_assert_str_eq(cv, "\xEF\xBB\xBFwho\r\n\"A; B; C\"\r\n");
  g_autofree char *js = kb_doc_render(doc, KB_OUTPUT_JSON);
  ck_assert_ptr_nonnull(strstr(js, "\"who\": \"A; B; C\""));
  g_autofree char *md = kb_doc_render(doc, KB_OUTPUT_MD);
  ck_assert_ptr_nonnull(strstr(md, "| A; B; C |"));
  KbCellValue v;
  kb_i_sheet_cell(s, 0, 0, &v);
  ck_assert_str_eq(v.text, "A; B; C");
  g_autofree char *html = kb_sheet_render_html(s, 0, FALSE, "more");
  ck_assert_ptr_nonnull(strstr(html, "<td>A (+2)</td>"));
}
END_TEST

/* Excel's rules for a sheet name: 31 characters, none of []:*?/\, no
 * apostrophe first or last, unique without regard to case. */
START_TEST(sheet_names_excel_takes)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *a = kb_i_workbook_sheet_name("Wie zit waar [1/2]: *? \\", taken);
  ck_assert_str_eq(a, "Wie zit waar -1-2-- -- -");
  g_autofree char *b = kb_i_workbook_sheet_name("Roemenië: een heel lange naam van een blad", taken);
  ck_assert_str_eq(b, "Roemenië- een heel lange naam v");     /* 31 characters */
  ck_assert_int_eq(g_utf8_strlen(b, -1), 31);
  g_autofree char *c = kb_i_workbook_sheet_name("ROEMENIË- een heel lange naam van", taken);
  ck_assert_str_eq(c, "ROEMENIË- een heel lange na (2)");
  g_autofree char *d = kb_i_workbook_sheet_name("'quoted'", taken);
  ck_assert_str_eq(d, "quoted");
  g_autofree char *e = kb_i_workbook_sheet_name("''", taken);
  ck_assert_str_eq(e, "Sheet");
}
END_TEST

static Suite *
output_suite(void)
{
  Suite *s = suite_create("output");
  TCase *tc = tcase_create("output");
  tcase_add_test(tc, table);
  tcase_add_test(tc, csv);
  tcase_add_test(tc, dutch_numbers);
  tcase_add_test(tc, json);
  tcase_add_test(tc, markdown);
  tcase_add_test(tc, small_values_keep_two_digits);
  tcase_add_test(tc, formats_parse);
  tcase_add_test(tc, csv_excel_nl);
  tcase_add_test(tc, csv_streamed_row_by_row);
  tcase_add_test(tc, lists_whole_but_in_the_terminal);
  tcase_add_test(tc, sheet_names_excel_takes);
  tcase_add_test(tc, terminal_text_shows_controls_as_escapes);
  tcase_add_test(tc, table_and_markdown_show_controls_as_escapes);
  tcase_add_test(tc, csv_text_that_a_spreadsheet_would_run_gets_a_quote);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(output_suite)
