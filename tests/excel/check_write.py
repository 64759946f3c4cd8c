"""Workbooks and CSV for Excel, checked with Python's standard library only
(zipfile, xml.etree, csv): nothing of klaverblad's reads them back.

    check_write.py KLAVERBLAD SOURCE_DIR WORK_DIR

1. The report's report.xlsx: one sheet per CSV of the report, in the order
   report.html names the CSVs, each name as Excel takes it (31 characters,
   none of []:*?/\\, unique); the header row frozen and filtered; every
   cell the CSV's cell: numbers stored as numbers (no type attribute, a
   <v>), texts as strings, empty cells empty; no "(+N)" in any cell.
2. The report's CSVs: excel-nl in a Dutch report (byte-order mark, ';',
   CRLF), excel-en in an English one, plain with --csv plain.
3. --csv excel-nl bytes exactly, for the kite graph, whose betweenness of h
   is 14/36 (Krackhardt's kite; tests/reference/kite.expected.csv, from
   NetworkX).
4. --format xlsx for an analysis: to -o FILE and to standard output, the
   same bytes; the same workbook from the same data twice.
"""
import csv
import io
import os
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

KB, SRC, WORK = sys.argv[1:4]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def run(*args, **kw):
    return subprocess.run([KB] + list(args), capture_output=True, **kw)


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_workbook(path):
    """[(name, sheet_xml_root)] in the workbook's order, and the shared strings."""
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    sheets = []
    for s in wb.find("m:sheets", NS):
        t = target[s.get(REL)].lstrip("/")
        part = t if t.startswith("xl/") else "xl/" + t
        sheets.append((s.get("name"), ET.fromstring(z.read(part))))
    return sheets, shared


def cells(root, shared):
    """{(row, col): ('n', float) | ('s', text)}, 0-based."""
    out = {}
    for c in root.iter("{%s}c" % NS["m"]):
        ref = c.get("r")
        row = int(re.search(r"\d+", ref).group(0)) - 1
        t = c.get("t")
        v = c.find("m:v", NS)
        if t == "inlineStr":
            out[(row, col_index(ref))] = ("s", "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"])))
        elif t == "s":
            out[(row, col_index(ref))] = ("s", shared[int(v.text)])
        elif t is None and v is not None:
            out[(row, col_index(ref))] = ("n", float(v.text))
        elif v is not None:
            out[(row, col_index(ref))] = (t, v.text)
    return out


def read_csv(path, sep):
    with open(path, "rb") as f:
        data = f.read()
    return data, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""),
                                 delimiter=sep))


def check_report(folder, sep, bom):
    html = open(os.path.join(folder, "report.html"), encoding="utf-8").read()
    files = re.findall(r"(?:All rows|Alle rijen): ([^<]+\.csv)", html)
    sheets, shared = read_workbook(os.path.join(folder, "report.xlsx"))
    if len(sheets) != len(files) or not files:
        fail("%s: %d sheets for %d CSV files" % (folder, len(sheets), len(files)))
        return sheets, shared
    names = [n for n, _ in sheets]
    if len({n.lower() for n in names}) != len(names):
        fail("sheet names not unique: %r" % names)
    for name in names:
        if len(name) > 31 or re.search(r"[\[\]:*?/\\]", name) or name.startswith("'"):
            fail("a sheet name Excel refuses: %r" % name)
    for (name, root), file in zip(sheets, files):
        data, rows = read_csv(os.path.join(folder, file), sep)
        if data.startswith(b"\xef\xbb\xbf") != bom:
            fail("%s: byte-order mark %s" % (file, "missing" if bom else "present"))
        if b"\n" in data.replace(b"\r\n", b""):
            fail("%s: a line end that is not CRLF" % file)
        pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
        if pane is None or pane.get("state") != "frozen" or pane.get("ySplit") != "1":
            fail("%s: the header row is not frozen" % name)
        filt = root.find("m:autoFilter", NS)
        last = "%s%d" % (chr(64 + len(rows[0])) if len(rows[0]) <= 26 else "?", len(rows))
        if filt is None or filt.get("ref") != "A1:" + last:
            fail("%s: autofilter %r, expected A1:%s" % (name, filt.get("ref") if filt is not None else None, last))
        if root.find("m:cols", NS) is None:
            fail("%s: no column widths" % name)
        got = cells(root, shared)
        for c in range(len(rows[0])):
            if got.get((0, c), ("", ""))[0] != "s":
                fail("%s: header cell %d is not text" % (name, c))
        for r, row in enumerate(rows[1:], 1):
            for c, want in enumerate(row):
                have = got.get((r, c))
                if want == "":
                    if have is not None and have != ("s", ""):
                        fail("%s!%d,%d: %r, expected empty" % (name, r, c, have))
                    continue
                number = want.replace(",", ".") if sep == ";" else want
                try:
                    x = float(number)
                    is_number = re.fullmatch(r"-?[0-9.]+(e[-+][0-9]+)?", number) is not None
                except ValueError:
                    is_number = False
                if is_number and have is not None and have[0] == "n":
                    if float("%.12g" % have[1]) != x:
                        fail("%s!%d,%d: %r, expected %s" % (name, r, c, have, want))
                elif have != ("s", want.lstrip("'") if want[:2] in ("'=", "'+", "'-", "'@") else want):
                    if not (have and have[0] == "s" and want == have[1]):
                        fail("%s!%d,%d: %r, expected %r" % (name, r, c, have, want))
                if have and have[0] == "s" and re.search(r"\(\+\d+\)$", have[1]):
                    fail("%s!%d,%d: a shortened list %r" % (name, r, c, have[1]))
    return sheets, shared


ds = os.path.join(SRC, "datasets", "deventer")

# 1, 2: the Dutch report
nl = os.path.join(WORK, "nl")
p = run("report", ds, "-o", nl)
if p.returncode != 0:
    fail("report: %s" % p.stderr.decode())
sheets, shared = check_report(nl, ";", True)
names = [n for n, _ in sheets]
# the sheet names come from the Dutch headings (tables/dutch.inc)
for want in ("Het hele netwerk", "Strategische index per land", "Gemeenschappen"):
    if want not in names:
        fail("no sheet %r among %r" % (want, names))
# a known value: the whole network's first figure is its number of nodes,
# the rows of nodes.csv
with open(os.path.join(ds, "nodes.csv"), encoding="utf-8-sig", newline="") as f:
    n_nodes = sum(1 for _ in csv.reader(f)) - 1
got = cells(dict(sheets)["Het hele netwerk"], shared)
if got.get((1, 0)) != ("s", "knopen") or got.get((1, 1)) != ("n", float(n_nodes)):
    fail("Het hele netwerk B2: %r %r, expected knopen and %d" % (got.get((1, 0)), got.get((1, 1)), n_nodes))
# full lists: each country's "who" names as many organisations as it counts
got = cells(dict(sheets)["Strategische index per land"], shared)
header = [got[(0, c)][1] for c in range(20) if (0, c) in got]
orgs, who = header.index("org."), header.index("wie")
rows = max(r for r, _ in got)
if rows < 5:
    fail("the index by country has %d rows" % rows)
for r in range(1, rows + 1):
    n = int(got[(r, orgs)][1])
    names_here = got.get((r, who), ("s", ""))[1]
    if n and len(names_here.split("; ")) != n:
        fail("index by country row %d: %d organisations, who names %r" % (r, n, names_here))

# the English report: excel-en; --csv plain: plain
en = os.path.join(WORK, "en")
if run("report", ds, "--lang", "en", "-o", en).returncode != 0:
    fail("report --lang en")
check_report(en, ",", True)
plain = os.path.join(WORK, "plain")
if run("report", ds, "--csv", "plain", "-o", plain).returncode != 0:
    fail("report --csv plain")
check_report(plain, ",", False)
p = run("report", ds, "--csv", "excel", "-o", os.path.join(WORK, "bad"))
if p.returncode != 2 or b"--csv 'excel': expected plain, excel-nl or excel-en" not in p.stderr:
    fail("report --csv excel: %d %r" % (p.returncode, p.stderr))

# 3: excel-nl bytes, derived from the plain CSV by hand's rules
def excel_nl(plain):
    """Plain CSV without quoted fields as excel-nl: a byte-order mark, ';', decimal commas."""
    return b"\xef\xbb\xbf" + b"\r\n".join(
        b";".join(re.sub(rb"^(-?\d+)\.(\d+(e-\d+)?)$", rb"\1,\2", f) for f in line.split(b","))
        for line in plain.split(b"\r\n"))


kite = os.path.join(SRC, "tests", "reference", "kite.csv")
a = run("brokers", "--top", "0", "--format", "csv", kite).stdout
b = run("brokers", "--top", "0", "--format", "csv", "--csv", "excel-nl", kite).stdout
if b != excel_nl(a):
    fail("brokers --csv excel-nl:\n%r\nexpected\n%r" % (b[:300], excel_nl(a)[:300]))
# synergy --each streams its rows: the same rules
each = run("synergy", ds, "--each", "3", "--format", "csv").stdout
each_nl = run("synergy", ds, "--each", "3", "--format", "csv", "--csv", "excel-nl").stdout
if each_nl != excel_nl(each) or each_nl.count(b"\r\n") < 10:
    fail("synergy --each --csv excel-nl:\n%r\nexpected\n%r" % (each_nl[:300], excel_nl(each)[:300]))
if b"\r\n1;h;h;;3;0,388888888889;0,6;" not in b:
    fail("brokers --csv excel-nl: h's betweenness is not 0,388888888889 (14/36)")
e = run("brokers", "--top", "0", "--format", "csv", "--csv", "excel-en", kite).stdout
if e != b"\xef\xbb\xbf" + a:
    fail("brokers --csv excel-en is not the plain CSV with a byte-order mark")

# 4: --format xlsx
out = os.path.join(WORK, "index.xlsx")
p = run("index", ds, "--format", "xlsx", "-o", out)
if p.returncode != 0 or p.stdout or p.stderr:
    fail("index --format xlsx -o: %d %r" % (p.returncode, p.stderr))
with open(os.path.join(WORK, "stdout.xlsx"), "wb") as f:
    p = subprocess.run([KB, "index", ds, "--format", "xlsx"], stdout=f)
if p.returncode != 0 or open(out, "rb").read() != open(os.path.join(WORK, "stdout.xlsx"), "rb").read():
    fail("index --format xlsx to standard output differs from -o")
sheets, shared = read_workbook(out)
if [n for n, _ in sheets] != ["Whole network", "Strategic index by country", "Sector mixing",
                              "Gaps", "Single points of failure", "Who is where"]:
    fail("index --format xlsx sheets: %r" % [n for n, _ in sheets])

# a workbook is never written to a terminal: script(1) gives the tool one
if os.path.exists("/usr/bin/script"):
    cmd = "%s index %s --format xlsx; echo status=$?; %s index %s --format xlsx -o /dev/tty; " \
          "echo status=$?" % (KB, ds, KB, ds)
    p = subprocess.run(["/usr/bin/script", "-qec", cmd, "/dev/null"], capture_output=True,
                       stdin=subprocess.DEVNULL)
    text = p.stdout.decode("utf-8", "replace").replace("\r", "")
    want = ("klaverblad index: error: --format xlsx writes a workbook, which is not for a "
            "terminal; name the file with -o FILE\nTry 'klaverblad index --help'.\nstatus=2\n"
            "klaverblad index: error: cannot write '/dev/tty': it is a terminal, and a workbook "
            "is not text; name a file\nstatus=1\n")
    if text != want:
        fail("xlsx to a terminal:\n%s\nexpected\n%s" % (text, want))

if failures:
    sys.exit(1)
print("excel writing: all checks passed")
