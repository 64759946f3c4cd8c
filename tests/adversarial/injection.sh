#!/bin/sh
# Texts made to attack what reads klaverblad's output: formulas for a
# spreadsheet opening a CSV file (=HYPERLINK, =cmd|, @SUM, +1+1, -1+1, a
# leading tab or carriage return), escape sequences for a terminal (ESC ]
# sets the window title, ESC [ the colours, U+009B is a C1 CSI), Graphviz's
# own escapes (\G, \N, \L, \n) for the map, and a NUL inside a JSON string.
#   - every CSV klaverblad writes (an analysis in --format csv, the report's
#     tables, synergy --each, the csv and Kumu exports) has no cell starting
#     with = + - @ tab or CR unless it is a number;
#   - the csv and Kumu exports read back with the exact texts;
#   - check, table and Markdown output and the error messages hold no raw
#     control character: ESC, BEL and C1 are shown as \x1B, \x07, \u009B;
#   - the SVG map shows the backslash texts as they are;
#   - a JSON string holding \u0000 is an error at its line and column.
#   injection.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 src=$2
kb="$build/klaverblad"
limit=${KB_TIMEOUT:-120}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
. "$src/tests/adversarial/expect.sh"
# py NAME SCRIPT ARGS...: a check written in Python; it prints what is wrong
# and exits non-zero
py() {
  name=$1 script=$2
  shift 2
  if /usr/bin/python3 -c "$script" "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}

# The dataset, written byte for byte. Ids, labels, sources, notes, an
# attribute and the title carry the attacks; the organisations share a city
# abroad, so that synergy pairs them. As every CSV klaverblad reads, these
# files may guard a text with a ': ''=already is the text '=already.
/usr/bin/python3 - "$work/inj" <<'EOF'
import os, sys
d = sys.argv[1]
os.makedirs(d)
def q(s):  # one CSV field, RFC 4180
    return '"' + s.replace('"', '""') + '"'
def write(name, rows):
    with open(os.path.join(d, name), 'w', encoding='utf-8', newline='') as f:
        for r in rows:
            f.write(','.join(q(c) for c in r) + '\n')
write('nodes.csv', [
    ['id', 'kind', 'label', 'sector', 'description', 'source', 'extra'],
    ['education', 'sector', 'Onderwijs', '', '', '', ''],
    ['business', 'sector', 'Bedrijven', '', '', '', ''],
    ['nl', 'country', 'Nederland', '', '', '', ''],
    ['de', 'country', 'Duitsland', '', '', '', ''],
    ['ams', 'city', 'Amsterdam', '', '', '', ''],
    ['ber', 'city', 'Berlijn', '', '', '', ''],
    ['=x', 'organisation', '=HYPERLINK("http://x","y")', 'education', '', '@SUM(1+1)', '\ttab-led'],
    ['+1+1', 'organisation', "=cmd|' /C calc'!A0", 'education', '', '+1+1', '\rCR-led'],
    ['-1+1', 'organisation', '-1+1', 'business', '-desc', '-1+1', "''=already"],
    ['@SUM(1+1)', 'organisation', '@SUM(1+1)', 'business', '', '=1', '-0.25'],
    ['esc', 'organisation', '\x1b]0;pwned\x07 \x1b[31mred', 'business', '', '\u009bCSI', ''],
    ['quoted', 'organisation', "''=already", 'business', '', "''@x", ''],
    ['bs\\G', 'organisation', 'a\\Gb \\N \\L \\n', 'education', '', '', ''],
    ['desc', 'organisation', 'D', 'education', 'd \\E \\T \\H \\l', '', ''],
])
write('relations.csv', [
    ['from', 'to', 'kind', 'label', 'source', 'note'],
    ['=x', 'ber', 'active_in', '=1+2', '-src', '@note'],
    ['+1+1', 'ber', 'active_in', '+lbl', '', '\x1b[32mgreen'],
    ['-1+1', 'ber', 'active_in', '', '', '-note'],
    ['@SUM(1+1)', 'ber', 'active_in', '', '', ''],
    ['esc', 'ber', 'active_in', '', '', ''],
    ['quoted', 'ber', 'active_in', '', '', ''],
    ['desc', 'ber', 'active_in', '', '', ''],
    ['bs\\G', '=x', 'partner_of', '\\G \\N', '', ''],
    ['ams', 'nl', 'located_in', '', '', ''],
    ['ber', 'de', 'located_in', '', '', ''],
])
write('dataset.csv', [['key', 'value'], ['title', '=Title \x1b]0;t\x07'], ['home', 'ams']])
EOF

# ---------------------------------------------------------------- the CSVs
# 5 texts with control characters, and 8 organisations without a location
expect check 0 "usable: 0 errors, 13 warnings" -- "$kb" check "$work/inj"
"$kb" check "$work/inj" > "$work/check.txt" 2>&1
"$kb" brokers "$work/inj" --format csv -o "$work/brokers.csv" || fail=1
"$kb" synergy "$work/inj" --format csv -o "$work/synergy.csv" || fail=1
"$kb" synergy "$work/inj" --each 3 --format csv -o "$work/each.csv" || fail=1
"$kb" synergy "$work/inj" --each 3 --format csv > "$work/each-stdout.csv" || fail=1
"$kb" export "$work/inj" --format csv -o "$work/csv" >/dev/null || fail=1
"$kb" export "$work/inj" --format kumu -o "$work/kumu" >/dev/null || fail=1
"$kb" report "$work/inj" -o "$work/report" >/dev/null || fail=1
ls "$work"/report/*.csv >/dev/null 2>&1 || { echo "FAIL: the report wrote no CSV"; fail=1; }
py csv-cells-inert '
import csv, sys
files = sys.argv[1:]
bad = 0
for path in files:
    # the report writes excel-nl: a byte-order mark, ";" and decimal commas
    with open(path, newline="", encoding="utf-8-sig") as f:
        sep = ";" if ";" in f.readline().split(",")[0] else ","
        f.seek(0)
        for n, row in enumerate(csv.reader(f, delimiter=sep), 1):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    try:
                        float(cell.replace(",", ".") if sep == ";" else cell)
                    except ValueError:
                        print("%s:%d: a cell a spreadsheet runs: %r" % (path, n, cell))
                        bad += 1
sys.exit(bad > 0 or len(files) < 8)
' "$work/brokers.csv" "$work/synergy.csv" "$work/each.csv" "$work/each-stdout.csv" \
  "$work"/csv/*.csv "$work"/kumu/*.csv "$work"/report/*.csv
# the report's workbook holds no formula: every text is a string cell
py xlsx-no-formula '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
bad = [n for n in sheets if b"<f>" in z.read(n) or b"<f " in z.read(n)]
print("formulas in:", bad) if bad else None
sys.exit(bool(bad) or not sheets)
' "$work/report/report.xlsx"
# the texts are there, with the guard OWASP advises (-0.25 in an attribute is
# text: a number column's -0.25 stays a number, tests/unit/test_output.c)
grep -qF "'=x,organisation,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",education," \
  "$work/csv/nodes.csv" || { echo "FAIL: nodes.csv: no guarded =HYPERLINK"; fail=1; }
grep -q "^'=x,1,'-1+1," "$work/each.csv" || { echo "FAIL: each.csv: no guarded ids"; fail=1; }
grep -q ",'-0.25$" "$work/csv/nodes.csv" || { echo "FAIL: nodes.csv: the text -0.25 unguarded"; fail=1; }
grep -q '^=x,' "$work/csv/relations.csv" && { echo "FAIL: relations.csv: =x unguarded"; fail=1; }

# ------------------------------------------------------- read back exactly
"$kb" export "$work/inj" --format json -o "$work/original.json" || fail=1
"$kb" export "$work/csv" --format json -o "$work/from-csv.json" || fail=1
"$kb" export "$work/kumu" --format json -o "$work/from-kumu.json" || fail=1
expect csv-round-trip 0 "" -- cmp "$work/original.json" "$work/from-csv.json"
py kumu-round-trip '
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
b = json.load(open(sys.argv[2], encoding="utf-8"))
def nodes(g):
    return {n["id"]: {k: n.get(k) for k in ("label", "description", "provenance", "extra")}
            for n in g["nodes"]}
def links(g):
    return sorted((l["source"], l["target"], l["kind"], l.get("label"), l.get("provenance"),
                   l.get("note")) for l in g["links"])
ok = nodes(a) == nodes(b) and links(a) == links(b)
if not ok:
    print(nodes(a), nodes(b), links(a), links(b), sep="\n")
labels = [n["label"] for n in a["nodes"]]
for want in ("=HYPERLINK(\"http://x\",\"y\")", "=cmd|\u0027 /C calc\u0027!A0", "-1+1",
             "@SUM(1+1)", "\u0027=already", "a\\Gb \\N \\L \\n", "\x1b]0;pwned\x07 \x1b[31mred"):
    if want not in labels:
        print("label not kept: %r" % want)
        ok = False
extras = [n.get("extra") for n in a["nodes"]]
for want in ("\ttab-led", "\rCR-led", "\u0027=already", "-0.25"):
    if want not in extras:
        print("attribute not kept: %r" % want)
        ok = False
sys.exit(not ok)
' "$work/original.json" "$work/from-kumu.json"

# ------------------------------------------------------------- terminals
"$kb" brokers "$work/inj" > "$work/brokers.txt" 2>&1 || fail=1
"$kb" brokers "$work/inj" --format md > "$work/brokers.md" 2>&1 || fail=1
"$kb" synergy "$work/inj" > "$work/synergy.txt" 2>&1 || fail=1
"$kb" index "$work/inj" --by sector > "$work/index.txt" 2>&1 || fail=1
# diagnostics that quote the data, and a usage error that quotes an option
mkdir -p "$work/broken"
cp "$work/inj/nodes.csv" "$work/broken/"
printf 'from,to,kind\nesc,"\033[31mx\302\233",partner_of\n' > "$work/broken/relations.csv"
expect check-errors 1 'unknown node .\\x1B\[31mx\\u009B.' -- "$kb" check "$work/broken"
"$kb" check "$work/broken" > "$work/broken.txt" 2>&1
"$kb" brokers "$work/broken" > "$work/broken-brokers.txt" 2>&1
expect usage-error 2 "\\\\x1B\]0;t\\\\x07" -- "$kb" bridges "$work/inj" --from "$(printf '\033]0;t\007')" --to x
"$kb" bridges "$work/inj" --from "$(printf '\033]0;t\007')" --to x > "$work/usage.txt" 2>&1
py no-raw-controls '
import re, sys
bad = 0
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    for m in re.finditer(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", data):
        print("%s: raw control %r at byte %d" % (path, m.group(), m.start()))
        bad += 1
        break
sys.exit(bad > 0)
' "$work/check.txt" "$work/brokers.txt" "$work/brokers.md" "$work/synergy.txt" "$work/index.txt" \
  "$work/broken.txt" "$work/broken-brokers.txt" "$work/usage.txt"
# shown, as escapes
grep -qF 'Title       =Title \x1B]0;t\x07' "$work/check.txt" || { echo "FAIL: check's title"; fail=1; }
grep -qF 'label: the text holds the control character \x1B' "$work/check.txt" \
  || { echo "FAIL: no warning about the label's ESC"; fail=1; }
grep -qF 'source: the text holds the control character \u009B' "$work/check.txt" \
  || { echo "FAIL: no warning about the source's CSI"; fail=1; }
grep -qF '\x1B]0;pwned\x07 \x1B[31mred' "$work/brokers.txt" || { echo "FAIL: the table's label"; fail=1; }

# ------------------------------------------------------------------- map
"$kb" render "$work/inj" -o "$work/map.svg" || fail=1
py svg-backslashes '
import sys
svg = open(sys.argv[1], encoding="utf-8").read()
ok = True
for want in ("<title>bs\\G</title>",                       # the node, by its id
             "xlink:title=\"a\\Gb \\N \\L \\n\"",          # its tooltip: the label
             ">a\\Gb \\N \\L \\n</text>",                  # its label
             "xlink:title=\"d \\E \\T \\H \\l\"",          # a description as tooltip
             "xlink:title=\"a\\Gb \\N \\L \\n partner_of =HYPERLINK("):
    if want not in svg:
        print("not in the SVG: %s" % want)
        ok = False
if "amapb" in svg:                                         # \G read as the graph name
    print("Graphviz read an escape of the data")
    ok = False
sys.exit(not ok)
' "$work/map.svg"

# ---------------------------------------------------- JSON holding a NUL
# a NUL in a label, a member's name and a source; \\u0000 (an escaped
# backslash) is no NUL. Columns: Python's str.index, plus one.
printf '%s\n' '{"nodes": [' \
  ' {"id": "a", "kind": "organisation", "sector": "ngo", "label": "a\u0000b"},' \
  ' {"id": "ngo", "kind": "sector", "x\u0000y": 1, "source": "ok \\u0000 \\\u0000"}' \
  '], "relations": []}' > "$work/nul.json"
cat > "$work/nul.expected" <<EOF
$work/nul.json:2:66: error: label: the string holds a NUL character (\u0000); expected text
$work/nul.json:3:36: error: the member name holds a NUL character (\u0000); expected text
$work/nul.json:3:73: error: source: the string holds a NUL character (\u0000); expected text
EOF
"$kb" check "$work/nul.json" > "$work/nul.out" 2>&1
status=$?
head -3 "$work/nul.out" > "$work/nul.errors"
if [ $status -ne 1 ] || ! cmp -s "$work/nul.expected" "$work/nul.errors"; then
  echo "FAIL json-nul: exit $status"; diff "$work/nul.expected" "$work/nul.errors"; fail=1
else
  echo "ok   json-nul"
fi

[ $fail -eq 0 ] && echo "injection: all inert"
exit $fail
