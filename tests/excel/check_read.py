"""Workbooks read: the same data as the CSV they were made from, and clear
errors for bad ones.

    check_read.py KLAVERBLAD SOURCE_DIR WORK_DIR

The workbooks are written here by make_xlsx.py (Python's standard library,
nothing of klaverblad's), in three ways: shared strings, inline strings,
and both mixed with cells that leave out their reference and rows that
skip columns.
1. Each bundled dataset as a workbook: `check` says what it says of the
   folder, each problem at the sheet, row and column of the file, line and
   field (a CSV line is a sheet row here: no text holds a line break);
   `export --format json` is byte for byte the folder's; an analysis
   prints the same CSV; `import` takes it.
2. Kumu's Elements and Connections sheets: what the Kumu folder gives.
3. A workbook made by hand: numbers (0.1 as Excel stores it,
   0.10000000000000001; a year as 2018), booleans, gaps, an id stored as
   a number read as the texts written below, exactly.
4. Bad workbooks: not a zip, a zip without the sheets, a bad cell, a zip
   bomb, a shared string that is not there, broken XML, a document type
   declaration: the named error, exit status 1, nothing else printed.
"""
import csv
import os
import re
import subprocess
import sys
import zipfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_xlsx  # noqa: E402

KB, SRC, WORK = sys.argv[1:4]
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def run(*args):
    p = subprocess.run([KB] + list(args), capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def export_json(path):
    out = os.path.join(WORK, "export.json")
    if os.path.exists(out):
        os.remove(out)
    s, _, err = run("export", path, "--format", "json", "-o", out)
    return open(out, encoding="utf-8").read() if s == 0 else "failed: " + err


def parts_of(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def rewrite(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def as_sheets(folder, pairs):
    return [(sheet, read_csv(os.path.join(folder, file)))
            for sheet, file in pairs if os.path.exists(os.path.join(folder, file))]


FOLDER = [("nodes", "nodes.csv"), ("relations", "relations.csv"), ("dataset", "dataset.csv"),
          ("questions", "questions.csv")]


def csv_to_sheet_positions(text, folder, book):
    """check's lines for the folder, with each position as the workbook's."""
    def repl(m):
        sheet = m.group(1)
        field = m.group(4)
        col = ", column %s" % field if field else ""
        return "%s: sheet %s, row %s%s: %s: " % (book, sheet, m.group(2), col, m.group(3))
    pat = re.escape(folder) + r"/(\w+)\.csv:(\d+):\d+: (error|warning): (?:([\w ]+): )?"
    return re.sub(pat, repl, text)


# 1. the bundled datasets, three ways each
for name in ("deventer", "zwolle"):
    folder = os.path.join(SRC, "datasets", name)
    sheets = as_sheets(folder, FOLDER)
    status, want, _ = run("check", folder)
    want_json = export_json(folder)
    _, want_index, _ = run("index", folder, "--format", "csv")
    for style in ("shared", "inline", "mixed"):
        book = os.path.join(WORK, "%s-%s.xlsx" % (name, style))
        make_xlsx.write(book, sheets, style=style, prefix="x")
        s, got, err = run("check", book)
        expected = csv_to_sheet_positions(want, folder, book).replace(
            "Dataset     %s (folder)" % folder, "Dataset     %s (xlsx)" % book)
        if s != status or got != expected:
            fail("check %s (%s): status %d\n%s\nexpected %d\n%s" % (name, style, s, got, status, expected))
        got_json = export_json(book)
        if got_json != want_json or not got_json:
            fail("export --format json of %s (%s) differs from the folder's" % (name, style))
        _, got_index, _ = run("index", book, "--format", "csv")
        if got_index != want_index or not got_index:
            fail("index of %s (%s) differs from the folder's" % (name, style))
    out = os.path.join(WORK, name + "-imported")
    s, _, err = run("import", os.path.join(WORK, name + "-mixed.xlsx"), "-o", out)
    got_json = export_json(out)
    if s != 0 or got_json != want_json:
        fail("import of %s's workbook: %d %s" % (name, s, err))

# 2. Kumu's sheets
folder = os.path.join(SRC, "datasets", "deventer")
kumu = os.path.join(WORK, "kumu")
if run("export", folder, "--format", "kumu", "-o", kumu)[0] != 0:
    fail("export --format kumu")
book = os.path.join(WORK, "kumu.xlsx")
make_xlsx.write(book, as_sheets(kumu, [("Elements", "elements.csv"), ("Connections", "connections.csv"),
                                       ("dataset", "dataset.csv"), ("questions", "questions.csv")]))
want_json, got_json = export_json(kumu), export_json(book)
if got_json != want_json or got_json.startswith("failed"):
    fail("the Kumu workbook: %s" % got_json[:300])

# 3. cells of every kind, by hand
book = os.path.join(WORK, "cells.xlsx")
make_xlsx.write(book, [
    ("Nodes", [["id", "kind", "label", "sector"],
               ["ngo", "sector", None, None],            # no label: a gap, then nothing
               ["city", "city", "Deventer", None],
               [123, "organisation", "Nummer", "ngo"],    # an id stored as a number
               ["b", "organisation", None, "ngo"]]),      # a row that skips a column
    ("relations", [["from", "to", "kind", "weight", "since", "note"],
                   [123, "city", "located_in", None, None, None],
                   ["b", "city", "located_in", None, None, True],
                   [123, "b", "partner_of", 0.1, 2018, False]]),
], style="mixed")
# 0.1 as Excel stores it
parts = parts_of(book)
parts["xl/worksheets/sheet2.xml"] = parts["xl/worksheets/sheet2.xml"].replace(
    b"<x:v>0.1</x:v>", b"<x:v>0.10000000000000001</x:v>")
rewrite(book, parts)
out = os.path.join(WORK, "cells-csv")
s, _, err = run("export", book, "--format", "csv", "-o", out)
if s != 0:
    fail("export of cells.xlsx: %d %s" % (s, err))
else:
    nodes = read_csv(os.path.join(out, "nodes.csv"))
    rels = read_csv(os.path.join(out, "relations.csv"))
    got = {r[0]: r for r in nodes[1:]}
    if got.get("123", [None, None, None])[1:3] != ["organisation", "Nummer"] or "b" not in got:
        fail("cells.xlsx nodes: %r" % nodes)
    head = rels[0]
    partner = [dict(zip(head, r)) for r in rels[1:] if "partner_of" in r]
    noted = [dict(zip(head, r)) for r in rels[1:] if r[head.index("from")] == "b"]
    if len(partner) != 1 or partner[0]["weight"] != "0.1" or partner[0]["since"] != "2018" \
            or partner[0].get("note") != "false":
        fail("cells.xlsx partner_of: %r" % partner)
    if len(noted) != 1 or noted[0].get("note") != "true":
        fail("cells.xlsx the boolean true: %r" % noted)


# 4. bad workbooks
def expect_error(label, path, pattern):
    s, out, err = run("check", path)
    err = out + err
    if s != 1 or not re.search(pattern, err):
        fail("%s: status %d, stderr:\n%s\nexpected /%s/" % (label, s, err, pattern))


bad = os.path.join(WORK, "notzip.xlsx")
with open(bad, "wb") as f:
    f.write(b"PK\x03\x04 this is not a zip archive at all")
expect_error("not a zip", bad, re.escape(bad) + r": error: cannot read the file as a workbook: "
             r"it is not a zip archive")

bad = os.path.join(WORK, "nosheets.xlsx")
make_xlsx.write(bad, [("Sheet1", [["a", "b"], ["1", "2"]]), ("Blad2", [])])
expect_error("no sheets", bad, re.escape(bad) + r": error: the workbook has no sheets named "
             r"'nodes' and 'relations' \(a dataset\) nor 'Elements' and 'Connections' \(Kumu\); "
             r"its sheets: Sheet1, Blad2")

bad = os.path.join(WORK, "badcell.xlsx")
sheets = as_sheets(os.path.join(SRC, "datasets", "deventer"), FOLDER[:2])
rels = sheets[1][1]
kind = rels[0].index("kind")
rels[11][kind] = "fundz"          # row 12
make_xlsx.write(bad, sheets)
expect_error("a bad cell", bad, re.escape(bad) + r": sheet relations, row 12, column kind: "
             r"error: .*'fundz'")

bad = os.path.join(WORK, "missing-string.xlsx")
make_xlsx.write(bad, sheets, style="shared")
parts = parts_of(bad)
parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
    b'<c r="B3" t="s"><v>', b'<c r="B3" t="s"><v>9999')
rewrite(bad, parts)
expect_error("a missing shared string", bad, re.escape(bad) + r": sheet nodes, row 3, column B: "
             r"error: the cell refers to shared string '9999\d*', which the workbook does not hold")

bad = os.path.join(WORK, "brokenxml.xlsx")
parts["xl/worksheets/sheet1.xml"] = b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c>'
rewrite(bad, parts)
expect_error("broken XML", bad, re.escape(bad) + r": sheet nodes, row 2: error: the part "
             r"xl/worksheets/sheet1.xml is not well-formed XML \(line 1, column \d+: ")

bad = os.path.join(WORK, "doctype.xlsx")
parts["xl/worksheets/sheet1.xml"] = (b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaa">]>'
                                     b'<worksheet><sheetData/></worksheet>')
rewrite(bad, parts)
expect_error("a document type", bad, re.escape(bad) + r": sheet nodes: error: the part "
             r"xl/worksheets/sheet1.xml declares a document type; a workbook has none")

# a zip bomb: a sheet of 200 MB of blanks, a few hundred kilobytes compressed;
# refused before it is inflated past 100 times that
bad = os.path.join(WORK, "bomb.xlsx")
bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as z:
    for n, data in parts.items():
        if n != "xl/worksheets/sheet1.xml":
            z.writestr(n, data)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
        w.write(b"<worksheet><sheetData>")
        block = b" " * (1 << 20)
        for _ in range(200):
            w.write(block)
        w.write(b"</sheetData></worksheet>")
if os.path.getsize(bad) > 2_000_000:
    fail("the zip bomb is %d bytes: not a bomb" % os.path.getsize(bad))
expect_error("a zip bomb", bad, re.escape(bad) + r": sheet nodes: error: the part "
             r"xl/worksheets/sheet1.xml expands to more than 100 times its \d+ compressed "
             r"bytes; refused as a zip bomb")

if failures:
    sys.exit(1)
print("excel reading: all checks passed")
