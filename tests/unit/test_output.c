/* test_output.c -- one document, four renderings; expected text written by
 * hand from the format rules (RFC 4180 for CSV, JSON, Markdown tables). */
#include "kb_test.h"

#include <math.h>

#include <klaverblad.h>

static KbDoc *
sample(void)
{
  KbDoc *doc = kb_doc_new("Tïtle");
  kb_doc_add_text(doc, "about", "Two rows.");
  KbSheet *s = kb_doc_add_sheet(doc, "rows", "Rows");
  kb_sheet_add_column(s, "name", "Name", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "n", "N", KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "x", "X", KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "year", "Since", KB_COLUMN_YEAR, 0);
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

START_TEST(formats_parse)
{
  KbOutputFormat f;
  ck_assert(kb_output_format_parse("md", &f) && f == KB_OUTPUT_MD);
  ck_assert(kb_output_format_parse("table", &f) && f == KB_OUTPUT_TABLE);
  ck_assert(!kb_output_format_parse("xlsx", &f));
}
END_TEST

static Suite *
output_suite(void)
{
  Suite *s = suite_create("output");
  TCase *tc = tcase_create("output");
  tcase_add_test(tc, table);
  tcase_add_test(tc, csv);
  tcase_add_test(tc, json);
  tcase_add_test(tc, markdown);
  tcase_add_test(tc, formats_parse);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(output_suite)
