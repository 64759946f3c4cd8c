/* starter.h -- a starter dataset: the folder a newcomer fills in with a
 * spreadsheet, with the standard sectors, the home city and its country,
 * example rows to replace and a README explaining every file and column. */
#ifndef KLAVERBLAD_STARTER_H
#define KLAVERBLAD_STARTER_H

#include <glib.h>

#include <klaverblad/file.h>
#include <klaverblad/lang.h>

G_BEGIN_DECLS

typedef struct {
  const char *city;     /* the home municipality as it is written ("'s-Hertogenbosch");
                         * NULL: a placeholder, "Voorbeeldstad" or "Example City" */
  const char *country;  /* its country; NULL: "Nederland" or "Netherlands" */
  KbLang lang;          /* the language of the labels, the texts and the README */
  int year;             /* the year the data describes (four digits) */
  gboolean workbook;    /* the tables as the sheets of one workbook, dataset.xlsx, instead of
                         * four CSV files */
  gpointer reserved[4];     /* zero, as the _init function sets it: room for fields to come
                             * (analysis.h) */
} KbStarterOptions;

/* Fills 'opts' with the defaults: no city or country named, Dutch,
 * 'year', and CSV files. */
void kb_starter_options_init(KbStarterOptions *opts, int year);

/* Returns a new string: the node id made from a name, lower-case ASCII
 * letters and digits with single dashes between words, accents and other
 * letters folded to ASCII ("'s-Hertogenbosch" gives "s-hertogenbosch",
 * "Den Haag" "den-haag", "Súdwest-Fryslân" "sudwest-fryslan"), as
 * g_str_to_ascii() folds them in no language in particular; NULL when the
 * name is not UTF-8 or has no letter or digit that folds to ASCII. */
char *kb_starter_id(const char *name);

/* Checks the options as kb_starter_write() does: a city and a country,
 * when named, must be UTF-8 without control characters, not empty or
 * blank (spaces around a name are dropped), and give an id
 * (kb_starter_id()); the year must be valid (kb_year_is_valid()). Fails
 * with KB_ERROR_ARGUMENT and a message that begins with what is wrong
 * ("city: ...", "country: ...", "year: ..."). */
gboolean kb_starter_options_check(const KbStarterOptions *opts, GError **error);

/* Writes the starter dataset into the folder 'dir': dataset.csv (title,
 * home, year, language, with a source column), nodes.csv (the six
 * standard sectors with their roles, the country, the home city in it, and
 * examples: one organisation of the city in each sector and a country
 * abroad), relations.csv (the examples located in the city, one active
 * abroad), questions.csv (one example question) and README.txt, or
 * LEESMIJ.txt for Dutch. Ids are made by kb_starter_id(); one that would
 * equal another node's gets a word for its kind ("-stad", "-country")
 * added. An example node's label begins "Voorbeeld:" or "Example:", and
 * every example row's description or note says to replace or delete it
 * ("voorbeeld: vervang of verwijder deze regel"). The CSV files are
 * UTF-8 with a byte-order mark and CRLF line ends, as Excel writes them,
 * separated by ';' in Dutch (as Dutch Excel splits them) and ',' in
 * English; the README is UTF-8 with a byte-order mark and CRLF line ends.
 * The result loads with no error and no warning. The folder is written
 * whole as a dataset folder (kb_generate() says how): 'dir' must be
 * missing, empty, or a dataset folder klaverblad wrote whose files are
 * unchanged (kb_folder_check()); anything else is refused (KB_ERROR_IO)
 * before a file is written. Fails with KB_ERROR_ARGUMENT as
 * kb_starter_options_check() does. The README's commands name the folder
 * by the last part of 'dir' (quoted where a shell needs it; a word such as
 * "MAP" where quotes would not do), so the same options and the same
 * folder name give the same bytes. */
/* With opts->workbook, the four tables are instead the sheets dataset,
 * nodes, relations and questions of the workbook dataset.xlsx (header rows
 * frozen and filtered, the years stored as numbers), and the README tells
 * how to fill in and save a workbook and names its sheets. */
gboolean kb_starter_write(const KbStarterOptions *opts, const char *dir, GError **error);

/* The name of the README kb_starter_write() writes in 'lang': "LEESMIJ.txt"
 * or "README.txt". Static string. */
const char *kb_starter_readme_name(KbLang lang);

G_END_DECLS

#endif
