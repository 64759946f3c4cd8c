/* test_starter.c -- the starter dataset of `klaverblad init`: ids made from
 * names, a folder that loads with no problem at all, ids that give way to
 * each other, options refused before anything is written, a folder of the
 * user's left alone.
 *
 * Expected values are worked out by hand from the rules in starter.h: an id
 * is the name folded to ASCII (no language's own transliteration: o for
 * ö), lower case, with one dash for each run of other characters. */
#include "kb_test.h"
#include <string.h>

#include <glib/gstdio.h>

#include <klaverblad.h>

START_TEST(ids_are_names_folded_to_ascii)
{
  static const struct {
    const char *name;
    const char *id;       /* NULL: no id can be made */
  } cases[] = {
    { "'s-Hertogenbosch", "s-hertogenbosch" },
    { "Den Haag", "den-haag" },
    { "Súdwest-Fryslân", "sudwest-fryslan" },
    { "Nuenen, Gerwen en Nederwetten", "nuenen-gerwen-en-nederwetten" },
    { "Bergen (NH)", "bergen-nh" },
    { "  Zwolle  ", "zwolle" },
    { "IJsselstein", "ijsselstein" },
    { "Köln", "koln" },
    { "Straße", "strasse" },
    /* æ and ø are letters of their own, not accented ones: GLib's table
     * writes them ae and oe, as ß ss */
    { "Ærøskøbing", "aeroeskoebing" },
    { "Łódź", "lodz" },
    { "Zürich 北京", "zurich" },
    { "2020 --- Stad", "2020-stad" },
    { "", NULL },
    { "   ", NULL },
    { "北京", NULL },
    { "—", NULL },
    { "\xFFstad", NULL },   /* not UTF-8 */
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *id = kb_starter_id(cases[i].name);
    if (cases[i].id == NULL)
      ck_assert_msg(id == NULL, "'%s' gave '%s', expected no id", cases[i].name, id);
    else
      ck_assert_msg(id != NULL && strcmp(id, cases[i].id) == 0, "'%s' gave '%s', expected '%s'",
                    cases[i].name, id ? id : "(none)", cases[i].id);
  }
}
END_TEST

/* Any bytes at all: an id, when there is one, is lower-case ASCII words
 * joined by single dashes, and the options check neither crashes nor
 * passes a name without one. Names drawn from a fixed seed: ASCII, code
 * points of every plane written as UTF-8, and stray bytes. */
START_TEST(any_name_gives_a_well_formed_id_or_none)
{
  g_autoptr(GRegex) well_formed = g_regex_new("^[a-z0-9]+(-[a-z0-9]+)*$", 0, 0, NULL);
  GRand *rng = g_rand_new_with_seed(24);
  for (int i = 0; i < 20000; i++) {
    GString *name = g_string_new(NULL);
    for (int n = g_rand_int_range(rng, 0, 12); n > 0; n--) {
      switch (g_rand_int_range(rng, 0, 3)) {
      case 0:
        g_string_append_c(name, (char) g_rand_int_range(rng, 1, 128));
        break;
      case 1:
        g_string_append_unichar(name, (gunichar) g_rand_int_range(rng, 1, 0x110000));
        break;
      default:
        g_string_append_c(name, (char) g_rand_int_range(rng, 128, 256));
      }
    }
    g_autofree char *id = kb_starter_id(name->str);
    if (id != NULL)
      ck_assert_msg(g_regex_match(well_formed, id, 0, NULL), "'%s' is not a well-formed id",
                    id);
    KbStarterOptions opts;
    kb_starter_options_init(&opts, 2020);
    opts.city = name->str;
    if (kb_starter_options_check(&opts, NULL))
      ck_assert(id != NULL && g_utf8_validate(name->str, -1, NULL));
    g_string_free(name, TRUE);
  }
  g_rand_free(rng);
}
END_TEST

/* A fresh path in a new temporary folder; *parent gets the folder. */
static char *
fresh_path(char **parent, const char *name)
{
  *parent = g_dir_make_tmp("kb-starter-XXXXXX", NULL);
  ck_assert(*parent != NULL);
  return g_build_filename(*parent, name, NULL);
}

/* Removes a folder with its files (no subfolders). */
static void
remove_folder(const char *dir)
{
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  if (d == NULL)
    return;
  for (const char *name; (name = g_dir_read_name(d)) != NULL;) {
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_remove(path);
  }
  g_rmdir(dir);
}

static char *
read_file(const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename(dir, name, NULL);
  char *text = NULL;
  ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "cannot read %s", path);
  return text;
}

/* Every file: a byte-order mark first, and CRLF ending every line. */
static void
assert_excel_layout(const char *dir, const char *name)
{
  g_autofree char *text = read_file(dir, name);
  ck_assert_msg(g_str_has_prefix(text, "\xEF\xBB\xBF"), "%s has no byte-order mark", name);
  ck_assert_msg(g_str_has_suffix(text, "\r\n"), "%s does not end with CRLF", name);
  for (size_t i = 0; text[i] != '\0'; i++)
    if (text[i] == '\n')
      ck_assert_msg(i > 0 && text[i - 1] == '\r', "%s has a line end without CR", name);
}

/* Every file in Excel's layout, the tables separated by 'sep'. */
static void
assert_files(const char *dir, const char *readme, char sep)
{
  const char *const files[] = { "dataset.csv", "nodes.csv", "relations.csv", "questions.csv",
                                readme };
  for (size_t i = 0; i < G_N_ELEMENTS(files); i++)
    assert_excel_layout(dir, files[i]);
  g_autofree char *nodes = read_file(dir, "nodes.csv");
  g_autofree char *header = g_strdup_printf("\xEF\xBB\xBFid%ckind%clabel%csector%crole%ccountry%c"
                                            "description%csource\r\n", sep, sep, sep, sep, sep,
                                            sep, sep);
  ck_assert(g_str_has_prefix(nodes, header));
}

/* The one active_in relation of a starter dataset. */
static const KbRelation *
active_in(const KbDataset *ds)
{
  const KbRelation *found = NULL;
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++)
    if (kb_dataset_relation(ds, i)->kind == KB_REL_ACTIVE_IN) {
      ck_assert_ptr_null(found);
      found = kb_dataset_relation(ds, i);
    }
  ck_assert_ptr_nonnull(found);
  return found;
}

/* Writes a starter dataset and loads it: no error and no warning. */
static KbDataset *
write_and_load(const KbStarterOptions *opts, char **parent, char **dir)
{
  *dir = fresh_path(parent, "starter");
  g_autoptr(GError) err = NULL;
  ck_assert_msg(kb_starter_write(opts, *dir, &err), "%s", err ? err->message : "");
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  KbDataset *ds = kb_dataset_load(*dir, KB_FORMAT_AUTO, diags, &err);
  ck_assert_msg(ds != NULL, "%s", err ? err->message : "");
  for (size_t i = 0; i < kb_diag_list_length(diags); i++) {
    const KbDiag *d = kb_diag_list_get(diags, i);
    ck_abort_msg("%s:%u: %s", d->file, d->line, d->message);
  }
  return ds;
}

static const KbNode *
node(const KbDataset *ds, const char *id)
{
  size_t i = kb_dataset_find(ds, id);
  ck_assert_msg(i != KB_NO_NODE, "no node '%s'", id);
  return kb_dataset_node(ds, i);
}

/* What both languages hold: six sectors, each with its role and one
 * organisation of the home city; the home city in its country; a country
 * abroad where the first organisation is active; one question. */
static void
assert_starter(const KbDataset *ds, const char *city_id, const char *city, const char *country_id,
               int year, const char *abroad_id)
{
  static const char *const roles[] = { "education", "business", "culture", "ngo", "government",
                                       "sport" };
  /* 6 sectors, the country, the city, 6 organisations, the country abroad */
  ck_assert_uint_eq(kb_dataset_node_count(ds), 15);
  /* 6 located_in and 1 active_in in relations.csv, and the city's country
   * column as a located_in */
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 8);
  ck_assert_str_eq(kb_dataset_node(ds, kb_dataset_home(ds))->id, city_id);
  ck_assert_str_eq(node(ds, city_id)->label, city);
  ck_assert_int_eq(node(ds, city_id)->kind, KB_NODE_CITY);
  ck_assert_int_eq(node(ds, country_id)->kind, KB_NODE_COUNTRY);
  ck_assert_int_eq(node(ds, abroad_id)->kind, KB_NODE_COUNTRY);
  ck_assert_int_eq(kb_dataset_year(ds), year);
  g_autofree guint8 *where = kb_dataset_localities(ds);
  size_t orgs = 0;
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    const KbNode *n = kb_dataset_node(ds, i);
    if (n->kind != KB_NODE_ORGANISATION)
      continue;
    orgs++;
    ck_assert_msg(where[i] == KB_LOCALITY_HOME, "%s is not at home", n->id);
    ck_assert_str_eq(kb_dataset_node(ds, n->sector)->id, roles[orgs - 1]);
  }
  ck_assert_uint_eq(orgs, 6);
  for (size_t r = 0; r < G_N_ELEMENTS(roles); r++) {
    KbSectorRole want;
    ck_assert(kb_sector_role_parse(roles[r], &want));
    ck_assert_int_eq(node(ds, roles[r])->kind, KB_NODE_SECTOR);
    ck_assert_int_eq(node(ds, roles[r])->role, want);
  }
  ck_assert_uint_eq(kb_dataset_question_count(ds), 1);
  const KbQuestion *q = kb_dataset_question(ds, 0);
  ck_assert_int_eq(q->kind, KB_QUESTION_BRIDGE);
  ck_assert_str_eq(kb_dataset_node(ds, q->from)->id, "business");
  ck_assert_str_eq(kb_dataset_node(ds, q->to)->id, abroad_id);
}

START_TEST(dutch_starter_loads_without_a_problem)
{
  KbStarterOptions opts;
  kb_starter_options_init(&opts, 2024);
  opts.city = "'s-Hertogenbosch";
  g_autofree char *parent = NULL, *dir = NULL;
  g_autoptr(KbDataset) ds = write_and_load(&opts, &parent, &dir);
  assert_starter(ds, "s-hertogenbosch", "'s-Hertogenbosch", "nederland", 2024, "voorbeeld-land");
  ck_assert_str_eq(kb_dataset_title(ds), "Internationale relaties van 's-Hertogenbosch");
  ck_assert_str_eq(kb_dataset_language(ds), "nl");
  ck_assert_str_eq(node(ds, "nederland")->label, "Nederland");
  ck_assert_str_eq(node(ds, "ngo")->label, "NGO's en maatschappelijke organisaties");
  ck_assert_str_eq(node(ds, "voorbeeld-bedrijf")->label,
                   "Voorbeeld: een bedrijf in 's-Hertogenbosch");
  ck_assert_str_eq(node(ds, "voorbeeld-bedrijf")->description,
                   "voorbeeld: vervang of verwijder deze regel");
  assert_files(dir, "LEESMIJ.txt", ';');
  g_autofree char *readme = read_file(dir, "LEESMIJ.txt");
  ck_assert_ptr_nonnull(strstr(readme, "\r\n     klaverblad check starter\r\n"));
  remove_folder(dir);
  g_rmdir(parent);
}
END_TEST

START_TEST(english_starter_loads_without_a_problem)
{
  KbStarterOptions opts;
  kb_starter_options_init(&opts, 1999);
  opts.lang = KB_LANG_EN;
  opts.city = "Súdwest-Fryslân";
  g_autofree char *parent = NULL, *dir = NULL;
  g_autoptr(KbDataset) ds = write_and_load(&opts, &parent, &dir);
  assert_starter(ds, "sudwest-fryslan", "Súdwest-Fryslân", "netherlands", 1999,
                 "example-country");
  ck_assert_str_eq(kb_dataset_title(ds), "International relations of Súdwest-Fryslân");
  ck_assert_str_eq(kb_dataset_language(ds), "en");
  /* the example active abroad: three years before the data's */
  const KbRelation *active = active_in(ds);
  ck_assert_str_eq(kb_dataset_node(ds, active->from)->id, "example-school");
  ck_assert_int_eq(active->since, 1996);
  ck_assert_int_eq(active->status, KB_STATUS_ACTIVE);
  assert_files(dir, "README.txt", ',');
  remove_folder(dir);
  g_rmdir(parent);
}
END_TEST

/* No city or country named: a placeholder city in the Netherlands; the
 * earliest year keeps the example's since a year. */
START_TEST(defaults_give_a_placeholder_city)
{
  KbStarterOptions opts;
  kb_starter_options_init(&opts, 1000);
  g_autofree char *parent = NULL, *dir = NULL;
  g_autoptr(KbDataset) ds = write_and_load(&opts, &parent, &dir);
  assert_starter(ds, "voorbeeldstad", "Voorbeeldstad", "nederland", 1000, "voorbeeld-land");
  ck_assert_int_eq(active_in(ds)->since, 1000);
  remove_folder(dir);
  g_rmdir(parent);
}
END_TEST

/* A city or country whose id another node has gets its kind's word added. */
START_TEST(ids_give_way_to_each_other)
{
  static const struct {
    KbLang lang;
    const char *city, *country;
    const char *city_id, *country_id, *abroad_id;
  } cases[] = {
    { KB_LANG_EN, "Luxembourg", "Luxembourg", "luxembourg", "luxembourg-country",
      "example-country" },
    { KB_LANG_NL, "Sport", "Voorbeeld land", "sport-stad", "voorbeeld-land-land",
      "voorbeeld-land" },
    { KB_LANG_NL, "Voorbeeld land", "Voorbeeld-land", "voorbeeld-land-stad",
      "voorbeeld-land-land", "voorbeeld-land" },
    { KB_LANG_EN, "Example school", "Example school city", "example-school-city",
      "example-school-city-country", "example-country" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    KbStarterOptions opts;
    kb_starter_options_init(&opts, 2020);
    opts.lang = cases[i].lang;
    opts.city = cases[i].city;
    opts.country = cases[i].country;
    g_autofree char *parent = NULL, *dir = NULL;
    g_autoptr(KbDataset) ds = write_and_load(&opts, &parent, &dir);
    assert_starter(ds, cases[i].city_id, cases[i].city, cases[i].country_id, 2020,
                   cases[i].abroad_id);
    ck_assert_str_eq(node(ds, cases[i].country_id)->label, cases[i].country);
    remove_folder(dir);
    g_rmdir(parent);
  }
}
END_TEST

/* A name is written as it is and read back so: a formula, quotes, the
 * separator and a placeholder of the texts stay text. */
START_TEST(names_are_kept_as_written)
{
  static const char city[] = "=HYPERLINK(\"@YEAR@\";\"@CITY@\")";
  KbStarterOptions opts;
  kb_starter_options_init(&opts, 2020);
  opts.city = city;
  opts.country = "@DIR@";
  g_autofree char *parent = NULL, *dir = NULL;
  g_autoptr(KbDataset) ds = write_and_load(&opts, &parent, &dir);
  assert_starter(ds, "hyperlink-year-city", city, "dir", 2020, "voorbeeld-land");
  ck_assert_str_eq(node(ds, "dir")->label, "@DIR@");
  ck_assert_str_eq(kb_dataset_title(ds), "Internationale relaties van =HYPERLINK(\"@YEAR@\";"
                                         "\"@CITY@\")");
  ck_assert_str_eq(node(ds, "voorbeeld-gemeente")->label,
                   "Voorbeeld: de gemeente =HYPERLINK(\"@YEAR@\";\"@CITY@\")");
  g_autofree char *nodes = read_file(dir, "nodes.csv");
  ck_assert_ptr_nonnull(strstr(nodes, "\r\nhyperlink-year-city;city;\"'=HYPERLINK(\"\"@YEAR@\"\";"
                                      "\"\"@CITY@\"\")\";;;dir;;\r\n"));
  remove_folder(dir);
  g_rmdir(parent);
}
END_TEST

/* The README's commands name the folder as a shell reads it. */
START_TEST(the_readme_names_the_folder)
{
  static const struct {
    const char *name;
    const char *word;
  } cases[] = {
    { "mijn-netwerk_2.0", "mijn-netwerk_2.0" },
    { "mijn netwerk", "\"mijn netwerk\"" },
    { "Ādaži", "\"Ādaži\"" },         /* U+0100: its low byte is NUL */
    { "Ģ", "\"Ģ\"" },                  /* U+0122: its low byte is a quote */
    { "a\"b", "MAP" },
    { "a$b", "MAP" },
    { "a`b", "MAP" },
    { "a\\b", "MAP" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *parent = NULL;
    g_autofree char *dir = fresh_path(&parent, cases[i].name);
    KbStarterOptions opts;
    kb_starter_options_init(&opts, 2020);
    ck_assert(kb_starter_write(&opts, dir, NULL));
    g_autofree char *readme = read_file(dir, "LEESMIJ.txt");
    g_autofree char *check = g_strdup_printf("\r\n     klaverblad check %s\r\n", cases[i].word);
    g_autofree char *report = g_strdup_printf("\r\n     klaverblad report %s -o rapport\r\n",
                                              cases[i].word);
    ck_assert_msg(strstr(readme, check) != NULL && strstr(readme, report) != NULL,
                  "the folder '%s' is not named %s", cases[i].name, cases[i].word);
    remove_folder(dir);
    g_rmdir(parent);
  }
}
END_TEST

START_TEST(bad_options_write_nothing)
{
  static const struct {
    const char *city, *country;
    int year;
    const char *message;
  } cases[] = {
    { "", NULL, 2020, "city: the name is empty; expected a name such as Deventer" },
    { " \t ", NULL, 2020, "city: '" " \t " "' holds a control character; expected a name on "
      "one line, such as Deventer" },
    { "   ", NULL, 2020, "city: the name is empty; expected a name such as Deventer" },
    { "Den\nHaag", NULL, 2020, "city: 'Den\nHaag' holds a control character; expected a name "
      "on one line, such as Deventer" },
    { "Den\xC2\x9BHaag", NULL, 2020, "city: 'Den\xC2\x9BHaag' holds a control character; "
      "expected a name on one line, such as Deventer" },
    { "\xE9t\xE9", NULL, 2020, "city: the name is not UTF-8 text; expected a name such as "
      "Deventer" },
    { "北京", NULL, 2020, "city: '北京' has no letter or digit of the Latin alphabet to make "
      "an id of; expected a name such as Deventer" },
    { "Deventer", "", 2020, "country: the name is empty; expected a name such as Nederland" },
    { "Deventer", NULL, 999, "year: 999 is not a year; expected four digits between 1000 and "
      "2999" },
    { "Deventer", NULL, 3000, "year: 3000 is not a year; expected four digits between 1000 and "
      "2999" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    KbStarterOptions opts;
    kb_starter_options_init(&opts, cases[i].year);
    opts.city = cases[i].city;
    opts.country = cases[i].country;
    g_autofree char *parent = NULL;
    g_autofree char *dir = fresh_path(&parent, "starter");
    g_autoptr(GError) err = NULL;
    ck_assert(!kb_starter_options_check(&opts, NULL));
    ck_assert(!kb_starter_write(&opts, dir, &err));
    ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_ARGUMENT));
    ck_assert_str_eq(err->message, cases[i].message);
    ck_assert_msg(!g_file_test(dir, G_FILE_TEST_EXISTS), "case %zu wrote the folder", i);
    g_autoptr(GDir) d = g_dir_open(parent, 0, NULL);
    ck_assert_ptr_null(g_dir_read_name(d));
    g_rmdir(parent);
  }
}
END_TEST

/* A folder holding a file of the user's is refused, and keeps only it. */
START_TEST(a_folder_of_the_users_is_refused)
{
  g_autofree char *parent = NULL;
  g_autofree char *dir = fresh_path(&parent, "mine");
  ck_assert_int_eq(g_mkdir(dir, 0777), 0);
  g_autofree char *notes = g_build_filename(dir, "notes.txt", NULL);
  ck_assert(g_file_set_contents(notes, "mine", -1, NULL));
  KbStarterOptions opts;
  kb_starter_options_init(&opts, 2020);
  g_autoptr(GError) err = NULL;
  ck_assert(!kb_starter_write(&opts, dir, &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_IO));
  ck_assert_ptr_nonnull(strstr(err->message, "it holds 'notes.txt', which klaverblad did not "
                                             "write"));
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  ck_assert_str_eq(g_dir_read_name(d), "notes.txt");
  ck_assert_ptr_null(g_dir_read_name(d));
  g_autofree char *kept = read_file(dir, "notes.txt");
  ck_assert_str_eq(kept, "mine");
  g_autoptr(GDir) p = g_dir_open(parent, 0, NULL);
  ck_assert_str_eq(g_dir_read_name(p), "mine");
  ck_assert_ptr_null(g_dir_read_name(p));
  remove_folder(dir);
  g_rmdir(parent);
}
END_TEST

static Suite *
starter_suite(void)
{
  Suite *s = suite_create("starter");
  TCase *tc = tcase_create("starter");
  tcase_add_test(tc, ids_are_names_folded_to_ascii);
  tcase_add_test(tc, any_name_gives_a_well_formed_id_or_none);
  tcase_add_test(tc, dutch_starter_loads_without_a_problem);
  tcase_add_test(tc, english_starter_loads_without_a_problem);
  tcase_add_test(tc, defaults_give_a_placeholder_city);
  tcase_add_test(tc, ids_give_way_to_each_other);
  tcase_add_test(tc, names_are_kept_as_written);
  tcase_add_test(tc, the_readme_names_the_folder);
  tcase_add_test(tc, bad_options_write_nothing);
  tcase_add_test(tc, a_folder_of_the_users_is_refused);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(starter_suite)
