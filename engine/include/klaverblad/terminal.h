/* terminal.h -- text from the data as it may be shown on a terminal.
 *
 * A label or a title may hold anything, escape sequences included: ESC [
 * 31 m changes the colour, ESC ] 0 ; ... BEL sets the window title, and a
 * C1 control such as U+009B (CSI) does the same on some terminals.
 * Everything klaverblad prints for a terminal -- diagnostics, table and
 * Markdown output, check's summary, error messages -- goes through
 * kb_terminal_escape(), so that no text of the data can move the cursor,
 * change colours or set the window title. CSV and JSON output keep the
 * data as it is. */
#ifndef KLAVERBLAD_TERMINAL_H
#define KLAVERBLAD_TERMINAL_H

#include <glib.h>

G_BEGIN_DECLS

/* Returns a new string: 'text' with every control character shown as a
 * visible escape and everything else as it is. C0 controls (U+0000 to
 * U+001F: tab and line feed too) and DEL read \xHH ("\x1B" for ESC,
 * "\x0A" for a line feed), C1 controls (U+0080 to U+009F) read \u00HH
 * ("\u009B"), and a byte that is not part of valid UTF-8 reads \xHH as
 * well. A backslash stays a backslash. */
char *kb_terminal_escape(const char *text);
/* The same, appended to 'out'. */
void kb_terminal_append(GString *out, const char *text);

G_END_DECLS

#endif
