"""Writes CSV tables as an Excel workbook, with Python's standard library
only, in the ways Excel and other programs write cells, so that a reader
must handle each: shared strings (Excel), inline strings (libxlsxwriter's
constant-memory mode, openpyxl), numbers stored as numbers (ids and years
that look like numbers too), no cell for an empty value (rows that skip
columns), cells with and without their reference, a prefixed namespace.

    make_xlsx.py OUT.xlsx SHEET=FILE.csv [SHEET=FILE.csv ...]

As a module: write(path, [(sheet name, rows)], ...) for tests that make
workbooks of their own (rows: lists of str, int, float, bool or None).
"""
import csv
import re
import sys
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def col_letters(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def number_like(text):
    # what Excel itself stores as a number when it reads a CSV
    return re.fullmatch(r"-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,15})?", text) is not None


def sheet_xml(rows, shared, index, prefix, style):
    p = prefix + ":" if prefix else ""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
           '<%sworksheet xmlns%s="%s" xmlns:r="%s"><%ssheetData>'
           % (p, ":" + prefix if prefix else "", MAIN, RELS, p)]
    for r, row in enumerate(rows, 1):
        out.append('<%srow r="%d">' % (p, r))
        prev = -1
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            # the reference is left out where the cell follows the one before
            ref = "" if (style == "mixed" and c == prev + 1) else ' r="%s%d"' % (col_letters(c), r)
            prev = c
            if isinstance(v, bool):
                out.append('<%sc%s t="b"><%sv>%d</%sv></%sc>' % (p, ref, p, v, p, p))
            elif isinstance(v, (int, float)) or (isinstance(v, str) and number_like(v) and r > 1):
                out.append('<%sc%s><%sv>%s</%sv></%sc>' % (p, ref, p, v, p, p))
            elif style == "inline" or (style == "mixed" and (r + c) % 2):
                out.append('<%sc%s t="inlineStr"><%sis><%st xml:space="preserve">%s</%st></%sis></%sc>'
                           % (p, ref, p, p, escape(v), p, p, p))
            else:
                if v not in index:
                    index[v] = len(shared)
                    shared.append(v)
                out.append('<%sc%s t="s"><%sv>%d</%sv></%sc>' % (p, ref, p, index[v], p, p))
        out.append("</%srow>" % p)
    out.append("</%ssheetData></%sworksheet>" % (p, p))
    return "".join(out)


def write(path, sheets, style="mixed", prefix=""):
    shared, index = [], {}
    parts = [sheet_xml(rows, shared, index, prefix if i % 2 else "", style)
             for i, (_, rows) in enumerate(sheets)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s"><sheets>%s</sheets></workbook>'
                   % (MAIN, RELS, "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>'
                                          % (escape(n, {'"': "&quot;"}), i + 1, i + 1)
                                          for i, (n, _) in enumerate(sheets))))
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s'
                   '<Relationship Id="rId%d" Type="x" Target="/xl/sharedStrings.xml"/></Relationships>'
                   % ("".join('<Relationship Id="rId%d" Type="x" Target="worksheets/sheet%d.xml"/>'
                              % (i + 1, i + 1) for i in range(len(sheets))), len(sheets) + 1))
        for i, xml in enumerate(parts):
            z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), xml)
        z.writestr("xl/sharedStrings.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
                   % (MAIN, len(shared), len(shared),
                      "".join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in shared)))


if __name__ == "__main__":
    sheets = []
    for arg in sys.argv[2:]:
        name, file = arg.split("=", 1)
        with open(file, encoding="utf-8-sig", newline="") as f:
            sheets.append((name, list(csv.reader(f))))
    write(sys.argv[1], sheets)
