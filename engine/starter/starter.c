/* starter.c -- the starter dataset `klaverblad init` writes: a folder a
 * newcomer fills in with Excel.
 *
 * Every row is a list of cells written by one CSV writer, in the layout
 * Excel itself writes (a byte-order mark, CRLF, ';' for Dutch), and every
 * text is given in both languages side by side. The examples are chosen so
 * that the folder loads without a warning: each sector has an organisation
 * (else it is isolated), each organisation is located in the home city,
 * and the country abroad has an organisation active in it. Texts name the
 * city, the folder and the year through the placeholders @CITY@, @DIR@ and
 * @YEAR@, filled in once (fill()): a name the user gave is never read for
 * them. The folder is written whole (base/folder.h), as a dataset folder. */
#include <string.h>

#include "base/folder.h"
#include "klaverblad/error.h"
#include "klaverblad/model.h"
#include "klaverblad/output.h"
#include "klaverblad/starter.h"

/* A text in both languages. */
typedef struct {
  const char *nl;
  const char *en;
} Words;

#define WORDS(lang, w) ((lang) == KB_LANG_NL ? (w).nl : (w).en)

/* The standard sectors: the id is also the role. */
static const struct {
  const char *id;
  Words label;
  Words example_id;
  Words example;        /* the example organisation of the sector */
} sectors[] = {
  { "education", { "Onderwijs", "Education" },
    { "voorbeeld-school", "example-school" },
    { "Voorbeeld: een school of hogeschool in @CITY@", "Example: a school or university in @CITY@" } },
  { "business", { "Bedrijfsleven", "Business" },
    { "voorbeeld-bedrijf", "example-company" },
    { "Voorbeeld: een bedrijf in @CITY@", "Example: a company in @CITY@" } },
  { "culture", { "Cultuur", "Culture" },
    { "voorbeeld-museum", "example-museum" },
    { "Voorbeeld: een museum of theater in @CITY@", "Example: a museum or theatre in @CITY@" } },
  { "ngo", { "NGO's en maatschappelijke organisaties", "NGOs and civil society" },
    { "voorbeeld-stichting", "example-foundation" },
    { "Voorbeeld: een stichting of vereniging in @CITY@",
      "Example: a foundation or association in @CITY@" } },
  { "government", { "Overheid", "Government" },
    { "voorbeeld-gemeente", "example-municipality" },
    { "Voorbeeld: de gemeente @CITY@", "Example: the municipality of @CITY@" } },
  { "sport", { "Sport", "Sport" },
    { "voorbeeld-sportclub", "example-sports-club" },
    { "Voorbeeld: een sportclub in @CITY@", "Example: a sports club in @CITY@" } },
};

/* The example organisation active abroad, and the sector the example
 * question starts from: indexes into sectors[]. */
#define ACTIVE_SECTOR 0
#define QUESTION_SECTOR 1

static const Words default_city = { "Voorbeeldstad", "Example City" };
static const Words default_country = { "Nederland", "Netherlands" };
static const Words city_word = { "stad", "city" };
static const Words country_word = { "land", "country" };
static const Words abroad_id = { "voorbeeld-land", "example-country" };
static const Words abroad = { "Voorbeeld: een ander land", "Example: a country abroad" };
static const Words replace = { "voorbeeld: vervang of verwijder deze regel",
                               "example: replace or delete this row" };
static const Words source_hint = { "voorbeeld: een document en paragraaf of een openbare URL",
                                   "example: a document and section or a public URL" };
static const Words active_label = { "Voorbeeld: uitwisseling van studenten",
                                    "Example: student exchange" };
static const Words question_id = { "voorbeeld-vraag", "example-question" };
static const Words question = {
  "Voorbeeld: welke partners kunnen bedrijven uit @CITY@ naar het voorbeeldland brengen?",
  "Example: which partners can bring companies from @CITY@ to the country abroad?" };
static const Words title = { "Internationale relaties van @CITY@",
                             "International relations of @CITY@" };
static const Words readme_name = { "LEESMIJ.txt", "README.txt" };
/* the folder in the README's commands when its name cannot be written there */
static const Words some_folder = { "MAP", "FOLDER" };

/* The README's parts that differ between the CSV files and the workbook:
 * [0] for the files, [1] for the workbook. */
static const Words steps[2] = {
  { "1. Open de bestanden in Excel (dubbelklikken volstaat) en vul ze in: een\n"
    "   regel per organisatie, plaats, relatie of vraag. Vervang of verwijder de\n"
    "   voorbeelden. Toont Excel een hele regel in een kolom, kies dan\n"
    "   Gegevens > Van tekst/CSV met als scheidingsteken de puntkomma.\n"
    "2. Bewaar elk bestand met Bestand > Opslaan als, bestandstype\n"
    "   \"CSV UTF-8 (door komma's gescheiden)\". Dan blijven letters met accenten,\n"
    "   zoals ë, é en â, heel. Ondanks de naam mogen de kolommen door\n"
    "   puntkomma's gescheiden zijn: klaverblad leest beide.\n",
    "1. Open the files in Excel (a double click will do) and fill them in: one\n"
    "   row per organisation, place, relation or question. Replace or delete the\n"
    "   examples. If Excel shows a whole row in one column, use\n"
    "   Data > From Text/CSV and choose the comma as the delimiter.\n"
    "2. Save each file with File > Save As, file type \"CSV UTF-8 (Comma\n"
    "   delimited)\". Letters with accents, such as ë, é and â, then stay intact.\n"
    "   Columns separated by semicolons, as Excel writes them in some\n"
    "   countries, will do too: klaverblad reads both.\n" },
  { "1. Open dataset.xlsx in Excel (dubbelklikken volstaat) en vul de bladen\n"
    "   in: een rij per organisatie, plaats, relatie of vraag. Vervang of\n"
    "   verwijder de voorbeelden. Laat de namen van de bladen en de kolommen\n"
    "   zoals ze zijn: klaverblad vindt de tabellen aan die namen.\n"
    "2. Bewaar het bestand zoals het is (Bestand > Opslaan), als Excel-werkmap\n"
    "   (.xlsx).\n",
    "1. Open dataset.xlsx in Excel (a double click will do) and fill in its\n"
    "   sheets: one row per organisation, place, relation or question. Replace\n"
    "   or delete the examples. Leave the names of the sheets and the columns as\n"
    "   they are: klaverblad finds the tables by those names.\n"
    "2. Save the file as it is (File > Save), as an Excel workbook (.xlsx).\n" },
};
static const Words about[2] = {
  { "De tabellen zijn UTF-8 met een byte-order mark, zodat Excel letters met\n"
    "accenten goed toont, en de kolommen zijn gescheiden door een puntkomma,\n"
    "zoals Nederlandse Excel dat verwacht. klaverblad leest ook tabellen die door\n"
    "komma's gescheiden zijn.\n",
    "The tables are UTF-8 with a byte-order mark, so that Excel shows letters\n"
    "with accents as they are, and their columns are separated by commas.\n"
    "klaverblad reads tables separated by semicolons as well.\n" },
  { "De tabellen staan in een Excel-werkmap, een blad per tabel. klaverblad\n"
    "leest dezelfde tabellen ook als CSV-bestanden in een map (nodes.csv,\n"
    "relations.csv, dataset.csv, questions.csv): klaverblad init zonder --xlsx\n"
    "schrijft ze zo.\n",
    "The tables are in an Excel workbook, one sheet per table. klaverblad reads\n"
    "the same tables as CSV files in a folder too (nodes.csv, relations.csv,\n"
    "dataset.csv, questions.csv): klaverblad init without --xlsx writes them so.\n" },
};
static const Words files_heading[2] = {
  { "De bestanden\n------------\n", "The files\n---------\n" },
  { "De bladen\n---------\n", "The sheets\n----------\n" },
};
static const Words unit[2] = { { "bestand", "file" }, { "blad", "sheet" } };
static const Words units[2] = { { "bestanden", "files" }, { "bladen", "sheets" } };
/* the tables as the README names them: a file, or a sheet of the workbook */
static const char *const table_names[4] = { "dataset", "nodes", "relations", "questions" };
static const Words sheet_word = { "blad", "sheet" };
/* the workbook's name in the folder */
#define WORKBOOK "dataset.xlsx"

static const char readme_nl[] =
#include "starter/readme_nl.inc"
;
static const char readme_en[] =
#include "starter/readme_en.inc"
;

/* ------------------------------------------------------------ the options */

void
kb_starter_options_init(KbStarterOptions *opts, int year)
{
  g_return_if_fail(opts != NULL);
  *opts = (KbStarterOptions) { .lang = KB_LANG_NL, .year = year };
}

char *
kb_starter_id(const char *name)
{
  g_return_val_if_fail(name != NULL, NULL);
  if (!g_utf8_validate(name, -1, NULL))
    return NULL;
  /* "C": the transliteration of no language in particular (ä gives a) */
  g_autofree char *ascii = g_str_to_ascii(name, "C");
  GString *id = g_string_new(NULL);
  gboolean gap = FALSE;
  for (const char *p = ascii; *p; p++) {
    if (!g_ascii_isalnum(*p)) {
      gap = TRUE;
      continue;
    }
    if (gap && id->len > 0)
      g_string_append_c(id, '-');
    gap = FALSE;
    g_string_append_c(id, g_ascii_tolower(*p));
  }
  if (id->len == 0) {
    g_string_free(id, TRUE);
    return NULL;
  }
  return g_string_free(id, FALSE);
}

/* Fails unless 'name' (NULL: the default) is a name a node can have. */
static gboolean
check_name(const char *what, const char *name, const char *example, GError **error)
{
  if (name == NULL)
    return TRUE;
  if (!g_utf8_validate(name, -1, NULL)) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "%s: the name is not UTF-8 text; expected "
                "a name such as %s", what, example);
    return FALSE;
  }
  for (const char *p = name; *p; p = g_utf8_next_char(p))
    if (g_unichar_iscntrl(g_utf8_get_char(p))) {
      g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "%s: '%s' holds a control character; "
                  "expected a name on one line, such as %s", what, name, example);
      return FALSE;
    }
  g_autofree char *stripped = g_strstrip(g_strdup(name));
  if (*stripped == '\0') {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "%s: the name is empty; expected a name "
                "such as %s", what, example);
    return FALSE;
  }
  g_autofree char *id = kb_starter_id(stripped);
  if (id == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "%s: '%s' has no letter or digit of the "
                "Latin alphabet to make an id of; expected a name such as %s", what, name,
                example);
    return FALSE;
  }
  return TRUE;
}

gboolean
kb_starter_options_check(const KbStarterOptions *opts, GError **error)
{
  g_return_val_if_fail(opts != NULL, FALSE);
  if (!check_name("city", opts->city, "Deventer", error)
      || !check_name("country", opts->country, WORDS(opts->lang, default_country), error))
    return FALSE;
  if (!kb_year_is_valid(opts->year)) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "year: %d is not a year; expected four "
                "digits between %d and %d", opts->year, KB_YEAR_MIN, KB_YEAR_MAX);
    return FALSE;
  }
  return TRUE;
}

/* ------------------------------------------------------------ the dataset */

typedef struct {
  KbLang lang;
  char sep;             /* the CSV separator */
  int year;
  char *city;           /* the names as written, trimmed */
  char *country;
  char *city_id;
  char *country_id;
  char *dir;            /* the folder as the README's commands name it */
  gboolean workbook;    /* the tables as one workbook, dataset.xlsx */
} Starter;

static void
starter_release(Starter *st)
{
  g_free(st->city);
  g_free(st->country);
  g_free(st->city_id);
  g_free(st->country_id);
  g_free(st->dir);
}

/* Takes 'text' and returns it with every line of only '-' or only '='
 * made as long as the line above it (in characters): a heading's
 * underline, once the heading's placeholders are filled in. */
static char *
underline(char *text)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  g_free(text);
  for (size_t i = 1; lines[i] != NULL; i++) {
    char c = lines[i][0];
    if ((c != '-' && c != '=') || lines[i][strspn(lines[i], c == '-' ? "-" : "=")] != '\0'
        || lines[i - 1][0] == '\0')
      continue;
    g_free(lines[i]);
    lines[i] = g_strnfill((gsize) g_utf8_strlen(lines[i - 1], -1), c);
  }
  return g_strjoinv("\n", lines);
}

/* Returns a new string: 'text' with its placeholders filled in, in one
 * pass, so that a name holding "@YEAR@" stays as it is. */
static char *
fill(const Starter *st, const char *text)
{
  g_autofree char *year = g_strdup_printf("%d", st->year);
  KbLang l = st->lang;
  size_t w = st->workbook;
  g_autofree char *data = w ? g_strconcat(st->dir, G_DIR_SEPARATOR_S WORKBOOK, NULL)
                            : g_strdup(st->dir);
  char *tables[4];
  for (size_t i = 0; i < 4; i++)
    tables[i] = w ? g_strdup_printf("%s %s", WORDS(l, sheet_word), table_names[i])
                  : g_strconcat(table_names[i], ".csv", NULL);
  const struct {
    const char *hole;
    const char *value;
  } holes[] = {
    { "@CITY@", st->city }, { "@DIR@", st->dir }, { "@YEAR@", year }, { "@DATA@", data },
    { "@STEPS@", WORDS(l, steps[w]) }, { "@ABOUT@", WORDS(l, about[w]) },
    { "@FILES_HEADING@", WORDS(l, files_heading[w]) }, { "@UNITS@", WORDS(l, units[w]) },
    { "@UNIT@", WORDS(l, unit[w]) }, { "@DATASET@", tables[0] }, { "@NODES@", tables[1] },
    { "@RELATIONS@", tables[2] }, { "@QUESTIONS@", tables[3] },
  };
  GString *out = g_string_new(NULL);
  for (const char *p = text; *p != '\0';) {
    size_t i = 0;
    while (i < G_N_ELEMENTS(holes) && !g_str_has_prefix(p, holes[i].hole))
      i++;
    if (i < G_N_ELEMENTS(holes)) {
      g_string_append(out, holes[i].value);
      p += strlen(holes[i].hole);
    } else {
      g_string_append_c(out, *p++);
    }
  }
  for (size_t i = 0; i < 4; i++)
    g_free(tables[i]);
  return underline(g_string_free(out, FALSE));
}

/* The id made from 'name', with 'word' added until no node has it yet;
 * then it is taken. */
static char *
unique_id(GHashTable *taken, const char *name, const char *word)
{
  char *id = kb_starter_id(name);
  while (g_hash_table_contains(taken, id)) {
    char *longer = g_strconcat(id, "-", word, NULL);
    g_free(id);
    id = longer;
  }
  g_hash_table_add(taken, g_strdup(id));
  return id;
}

/* A shell word for the folder in the README's commands: its name as it is
 * when that is plain, in double quotes when it needs them and they suffice,
 * else a word that says "your folder". */
static char *
dir_word(const char *dir, KbLang lang)
{
  g_autofree char *base = g_path_get_basename(dir);
  if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || strcmp(base, G_DIR_SEPARATOR_S) == 0
      || !g_utf8_validate(base, -1, NULL))
    return g_strdup(WORDS(lang, some_folder));
  gboolean plain = TRUE;
  for (const char *p = base; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_iscntrl(c) || (c < 0x80 && strchr("\"\\$`", (int) c) != NULL))
      return g_strdup(WORDS(lang, some_folder));
    plain &= c < 0x80 && (g_ascii_isalnum((char) c) || strchr("._-+,:@%/", (int) c) != NULL);
  }
  return plain ? g_strdup(base) : g_strdup_printf("\"%s\"", base);
}

static void
starter_init(Starter *st, const KbStarterOptions *opts, const char *dir)
{
  st->lang = opts->lang;
  st->sep = opts->lang == KB_LANG_NL ? ';' : ',';
  st->year = opts->year;
  st->city = g_strstrip(g_strdup(opts->city ? opts->city : WORDS(st->lang, default_city)));
  st->country = g_strstrip(g_strdup(opts->country ? opts->country
                                                  : WORDS(st->lang, default_country)));
  /* the ids the starter gives come first; the city's and the country's
   * give way to them */
  g_autoptr(GHashTable) taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = 0; i < G_N_ELEMENTS(sectors); i++) {
    g_hash_table_add(taken, g_strdup(sectors[i].id));
    g_hash_table_add(taken, g_strdup(WORDS(st->lang, sectors[i].example_id)));
  }
  g_hash_table_add(taken, g_strdup(WORDS(st->lang, abroad_id)));
  st->city_id = unique_id(taken, st->city, WORDS(st->lang, city_word));
  st->country_id = unique_id(taken, st->country, WORDS(st->lang, country_word));
  st->dir = dir_word(dir, st->lang);
  st->workbook = opts->workbook;
}

/* A table's rows, the column names first; each row a GStrv whose cells
 * are never NULL (an empty cell is ""). */
typedef GPtrArray Rows;

static void
rows_add(Rows *rows, size_t n, const char *const *cells)
{
  char **row = g_new0(char *, n + 1);
  for (size_t i = 0; i < n; i++)
    row[i] = g_strdup(cells[i] ? cells[i] : "");
  g_ptr_array_add(rows, row);
}

#define ROW(rows, ...)                                                     \
  do {                                                                     \
    const char *const cells_[] = { __VA_ARGS__ };                          \
    rows_add(rows, G_N_ELEMENTS(cells_), cells_);                          \
  } while (0)

static void
dataset_rows(const Starter *st, Rows *out)
{
  g_autofree char *year = g_strdup_printf("%d", st->year);
  g_autofree char *named = fill(st, WORDS(st->lang, title));
  ROW(out, "key", "value", "source");
  ROW(out, "title", named, NULL);
  ROW(out, "home", st->city_id, NULL);
  ROW(out, "year", year, NULL);
  ROW(out, "language", st->lang == KB_LANG_NL ? "nl" : "en", NULL);
}

static void
nodes_rows(const Starter *st, Rows *out)
{
  KbLang l = st->lang;
  ROW(out, "id", "kind", "label", "sector", "role", "country", "description", "source");
  for (size_t i = 0; i < G_N_ELEMENTS(sectors); i++)
    ROW(out, sectors[i].id, "sector", WORDS(l, sectors[i].label), NULL, sectors[i].id, NULL,
        NULL, NULL);
  ROW(out, st->country_id, "country", st->country, NULL, NULL, NULL, NULL, NULL);
  ROW(out, st->city_id, "city", st->city, NULL, NULL, st->country_id, NULL, NULL);
  for (size_t i = 0; i < G_N_ELEMENTS(sectors); i++) {
    g_autofree char *label = fill(st, WORDS(l, sectors[i].example));
    ROW(out, WORDS(l, sectors[i].example_id), "organisation", label, sectors[i].id, NULL,
        NULL, WORDS(l, replace), WORDS(l, source_hint));
  }
  ROW(out, WORDS(l, abroad_id), "country", WORDS(l, abroad), NULL, NULL, NULL,
      WORDS(l, replace), WORDS(l, source_hint));
}

static void
relations_rows(const Starter *st, Rows *out)
{
  KbLang l = st->lang;
  /* a few years before the data's, where that is still a year */
  int since = kb_year_is_valid(st->year - 3) ? st->year - 3 : st->year;
  g_autofree char *since_text = g_strdup_printf("%d", since);
  ROW(out, "from", "to", "kind", "since", "until", "status", "weight", "label", "source",
      "note");
  for (size_t i = 0; i < G_N_ELEMENTS(sectors); i++)
    ROW(out, WORDS(l, sectors[i].example_id), st->city_id, "located_in", NULL, NULL, NULL,
        NULL, NULL, WORDS(l, source_hint), WORDS(l, replace));
  ROW(out, WORDS(l, sectors[ACTIVE_SECTOR].example_id), WORDS(l, abroad_id), "active_in",
      since_text, NULL, "active", NULL, WORDS(l, active_label), WORDS(l, source_hint),
      WORDS(l, replace));
}

static void
questions_rows(const Starter *st, Rows *out)
{
  KbLang l = st->lang;
  g_autofree char *text = fill(st, WORDS(l, question));
  ROW(out, "id", "kind", "question", "from", "to", "source");
  ROW(out, WORDS(l, question_id), "bridge", text, sectors[QUESTION_SECTOR].id,
      WORDS(l, abroad_id), WORDS(l, source_hint));
}

/* The four tables, in the order of table_names[]. */
static void (*const table_rows[4])(const Starter *st, Rows *out) = {
  dataset_rows, nodes_rows, relations_rows, questions_rows,
};

/* A table as a CSV file: the byte-order mark, then each row with the
 * cells written as kb_csv_append_text() writes them, and CRLF. */
static char *
rows_csv(const Starter *st, const Rows *rows)
{
  GString *out = g_string_new("\xEF\xBB\xBF");
  for (size_t r = 0; r < rows->len; r++) {
    char **row = g_ptr_array_index(rows, r);
    for (size_t i = 0; row[i] != NULL; i++) {
      if (i > 0)
        g_string_append_c(out, st->sep);
      kb_csv_append_text(out, row[i]);
    }
    g_string_append(out, "\r\n");
  }
  return g_string_free(out, FALSE);
}

/* Adds a table to 'doc' as the sheet 'name': every column text, but for
 * the years (since, until), stored as numbers so that Excel shows them as
 * it shows the years a user types. */
static void
rows_sheet(KbDoc *doc, const char *name, const Rows *rows)
{
  KbSheet *sheet = kb_doc_add_sheet(doc, name, name);
  char **head = g_ptr_array_index(rows, 0);
  size_t n = g_strv_length(head);
  gboolean *year = g_new0(gboolean, n);
  for (size_t c = 0; c < n; c++) {
    year[c] = strcmp(head[c], "since") == 0 || strcmp(head[c], "until") == 0;
    kb_sheet_add_column(sheet, head[c], head[c], year[c] ? KB_COLUMN_YEAR : KB_COLUMN_TEXT, 0);
  }
  for (size_t r = 1; r < rows->len; r++) {
    char **row = g_ptr_array_index(rows, r);
    kb_sheet_begin_row(sheet);
    for (size_t c = 0; c < n; c++) {
      int y = KB_NO_YEAR;
      if (!year[c])
        kb_sheet_put_text(sheet, *row[c] ? row[c] : NULL);
      else if (*row[c] == '\0' || kb_year_parse(row[c], &y))
        kb_sheet_put_year(sheet, y);
      else
        g_assert_not_reached();        /* the starter's years are plain years */
    }
  }
  g_free(year);
}

/* The README with its placeholders filled in, with CRLF line ends. */
static char *
readme_txt(const Starter *st)
{
  g_autofree char *text = fill(st, st->lang == KB_LANG_NL ? readme_nl : readme_en);
  GString *out = g_string_new("\xEF\xBB\xBF");
  for (const char *p = text; *p; p++) {
    if (*p == '\n')
      g_string_append_c(out, '\r');
    g_string_append_c(out, *p);
  }
  return g_string_free(out, FALSE);
}

const char *
kb_starter_readme_name(KbLang lang)
{
  return WORDS(lang, readme_name);
}

/* Writes the four tables into the folder being written: as CSV files, or
 * as the sheets of one workbook. */
static gboolean
write_tables(const Starter *st, const KbFolder *folder, GError **error)
{
  g_autoptr(KbDoc) doc = st->workbook ? kb_doc_new(NULL) : NULL;
  gboolean ok = TRUE;
  for (size_t i = 0; ok && i < G_N_ELEMENTS(table_rows); i++) {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func((GDestroyNotify) g_strfreev);
    table_rows[i](st, rows);
    if (doc != NULL) {
      rows_sheet(doc, table_names[i], rows);
      continue;
    }
    g_autofree char *name = g_strconcat(table_names[i], ".csv", NULL);
    g_autofree char *text = rows_csv(st, rows);
    ok = kb_i_folder_write(folder, name, text, error);
  }
  if (doc == NULL || !ok)
    return ok;
  g_autofree char *path = kb_i_folder_file(folder, WORKBOOK);
  KbWorkbook *wb = kb_workbook_new(path, error);
  if (wb == NULL)
    return FALSE;
  for (size_t i = 0; i < kb_doc_sheet_count(doc); i++)
    kb_workbook_add_sheet(wb, kb_doc_sheet(doc, i), table_names[i]);
  return kb_workbook_close(wb, error);
}

gboolean
kb_starter_write(const KbStarterOptions *opts, const char *dir, GError **error)
{
  g_return_val_if_fail(opts != NULL && dir != NULL, FALSE);
  if (!kb_starter_options_check(opts, error))
    return FALSE;
  Starter st = { 0 };
  starter_init(&st, opts, dir);
  KbFolder folder;
  gboolean ok = kb_i_folder_begin(&folder, dir, KB_FOLDER_DATASET, NULL, error)
                && write_tables(&st, &folder, error);
  if (ok) {
    g_autofree char *text = readme_txt(&st);
    ok = kb_i_folder_write(&folder, kb_starter_readme_name(st.lang), text, error);
  }
  if (ok)
    ok = kb_i_folder_commit(&folder, error);
  kb_i_folder_release(&folder);   /* also after a failed begin: it cleared 'folder' */
  starter_release(&st);
  return ok;
}
