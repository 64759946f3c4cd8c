#!/usr/bin/env python3
"""One language per document: checks a report folder (or a text file of
what a command printed) for words of the other language.

  check.py DUTCH_INC DATASET nl|en REPORT_DIR|TEXT_FILE ...

The words of each language are those of engine/tables/dutch.inc: the
English keys and their Dutch translations, split into words. A word found in
both (sector, partner, score, in, ...) is the same in both languages and is
never a fault. In a Dutch document an English-only word fails; in an English
one a Dutch-only word fails.

What is checked: the visible text of report.html (the map's text included;
styles and the map's tooltips, which name ids, are not text), the header row
of every CSV beside it, and any text file given (a terminal summary).

The allow list, and why:
  - the dataset's own words: node labels, the title and description of the
    dataset, question texts, sources and notes. They are the city's data,
    in whatever language it was written ("Ministerie van Buitenlandse
    Zaken", "St. Colmschate Ukraine Contact").
  - node ids in id columns (their header is a kind, "id" or "organisation"):
    ids identify, they are not words. A sector id ("government") is allowed
    in the first column only, where a table is keyed by it; anywhere else a
    sector must be shown by its label.
  - file names (report.html, synergy.csv), the program's own name and its
    commands, and command-line options: they are typed, not read.
  Nothing may be marked as another language (lang="en" in a Dutch page):
  the check's warnings too are given in the report's language.
"""
import csv
import html.parser
import os
import re
import sys

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
FORMAT = re.compile(r"%(?:\.\d+)?(?:zu|s|d|f|%)")
# typed, not read: file names, options, the program and its commands
TYPED = re.compile(r"\S*/\S*|[\w.-]+\.(?:csv|svg|html|xlsx)|--[a-z-]+|klaverblad(?:-render)?"
                   r"(?: (?:brokers|render|index|synergy|bridges|candidates|report|check))?")
# What a user types into the data's files, which the check's warnings name
# as typed (a column, a key, a kind, a status, a role): allowed in the list
# of warnings only, as whole tokens
FORMAT_WORDS = re.compile(
    r"(?<![\w-])(?:id|kind|label|sector|role|country|description|source|from|to|since|until|"
    r"status|weight|note|key|value|title|home|hub|themes|policy_start|year|language|capacity|"
    r"capacity_used|out_of_scope|organisation|city|region|theme|network|located_in|active_in|"
    r"member_of|partner_of|twinned_with|funds|works_on|part_of|active|planned|ended|education|"
    r"business|culture|ngo|government|sport)(?![\w-])")
QUOTED = re.compile(r"'[^']*'")
ID_HEADERS = {"id", "organisation", "organisatie", "country", "land", "city", "stad", "region",
              "regio", "theme", "thema", "network", "netwerk", "sector"}


def c_string(s):
    return s.encode("latin-1", "backslashreplace").decode("unicode_escape").encode(
        "latin-1").decode("utf-8") if "\\" in s else s


def words(text):
    return {w.lower() for w in WORD.findall(FORMAT.sub(" ", text))}


def language_words(inc):
    english, dutch = set(), set()
    pat = re.compile(r'^  \{ "((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)" \},$')
    for line in open(inc, encoding="utf-8"):
        m = pat.match(line.rstrip("\n"))
        if m:
            english |= words(c_string(m.group(1)))
            dutch |= words(c_string(m.group(2)))
    return english - dutch, dutch - english


def dataset_strings(folder):
    """The data's own texts (longest first) and its node ids, sector ids apart."""
    texts, ids, sectors = set(), set(), set()

    def rows(name):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))
    for r in rows("nodes.csv"):
        (sectors if r.get("kind") == "sector" else ids).add(r["id"])
        for k in ("label", "description", "source", "tags"):
            if r.get(k):
                texts.add(r[k])
    for r in rows("relations.csv"):
        for k in ("label", "source", "note"):
            if r.get(k):
                texts.add(r[k])
    for r in rows("dataset.csv"):
        if r.get("key") not in ("home", "language", "year", "policy_start"):
            texts.add(r.get("value") or "")
        texts.add(r.get("source") or "")
    for r in rows("questions.csv"):
        texts.add(r.get("question") or "")
        texts.add(r.get("source") or "")
    texts.discard("")
    return sorted(texts, key=len, reverse=True), ids, sectors


class Visible(html.parser.HTMLParser):
    """The text a reader sees, with the table column of each cell."""

    def __init__(self, lang, faults):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.faults = faults
        self.other_lang = 0    # depth inside an element marked as another language
        self.diagnostics = 0   # depth inside the list of the check's warnings
        self.skip = 0          # inside <style>, <script>, or the map's <title>
        self.svg = 0
        self.chunks = []       # (text, column header or None, column index or None)
        self.headers = []
        self.in_head = False
        self.col = -1
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.other_lang:
            self.other_lang += 1
        elif tag != "html" and attrs.get("lang") not in (None, self.lang):
            self.faults.append("<%s lang=%s>: nothing may be in another language"
                               % (tag, attrs["lang"]))
            self.other_lang = 1
        if self.diagnostics or (tag == "ul" and attrs.get("class") == "diagnostics"):
            self.diagnostics += 1
        if tag in ("style", "script") or (self.svg and tag == "title"):
            self.skip += 1
        if tag == "svg":
            self.svg += 1
        if tag == "table":
            self.headers = []
        if tag == "thead":
            self.in_head = True
        if tag == "tr":
            self.col = -1
        if tag in ("td", "th"):
            self.col += 1
            self.cell = []

    def handle_endtag(self, tag):
        if self.diagnostics:
            self.diagnostics -= 1
        if self.other_lang:
            self.other_lang -= 1
        if tag in ("style", "script") or (self.svg and tag == "title"):
            self.skip -= 1
        if tag == "svg":
            self.svg -= 1
        if tag == "thead":
            self.in_head = False
        if tag in ("td", "th") and self.cell is not None:
            text = "".join(self.cell)
            if self.in_head:
                if len(self.headers) <= self.col:
                    self.headers.append(text)
                self.chunks.append((text, None, None))
            else:
                header = self.headers[self.col] if self.col < len(self.headers) else None
                self.chunks.append((text, header, self.col))
            self.cell = None

    def handle_data(self, data):
        if self.skip or self.other_lang:
            return
        if self.diagnostics:
            # a warning names the file (typed), values in quotes (the data's)
            # and the format's words
            data = FORMAT_WORDS.sub(" ", QUOTED.sub(" ", TYPED.sub(" ", data)))
        if self.cell is not None:
            self.cell.append(data)
        elif data.strip():
            self.chunks.append((data, MAP if self.svg else None, None))


# the map's texts: the data's labels broken over lines, with counts
MAP = "\0map"


def strip_data(text, texts):
    for t in texts:
        if t in text:
            text = text.replace(t, " ")
    return TYPED.sub(" ", text)


def main():
    inc, dataset, lang = sys.argv[1:4]
    english, dutch = language_words(inc)
    foreign = english if lang == "nl" else dutch
    texts, ids, sectors = dataset_strings(dataset)
    faults = []

    def check(where, text):
        bad = sorted(words(strip_data(text, texts)) & foreign)
        if bad:
            faults.append("%s: %s in %r" % (where, ", ".join(bad), text.strip()[:160]))

    for target in sys.argv[4:]:
        if not os.path.isdir(target):
            # printed tables: an id is a whole token; a sector's is not allowed
            for n, line in enumerate(open(target, encoding="utf-8"), 1):
                tokens = [t for t in re.split(r"[\s|]+", line) if t]
                # a table keyed by sector (index --by sector) has the id first
                for t in tokens[1:]:
                    if t in sectors:
                        faults.append("%s:%d: the sector id %r: a sector is shown by its label"
                                      % (target, n, t))
                check("%s:%d" % (target, n),
                      " ".join(t for t in tokens if t not in ids and t not in sectors))
            continue
        page = os.path.join(target, "report.html")
        p = Visible(lang, faults)
        p.feed(open(page, encoding="utf-8").read())
        data_words = set().union(*(words(t) for t in texts)) if texts else set()
        for text, header, col in p.chunks:
            cell = text.strip()
            if header is MAP:
                # a label of the data the map broke over lines: its words
                bad = sorted((words(TYPED.sub(" ", text)) & foreign) - data_words)
                if bad:
                    faults.append("%s (map): %s in %r" % (page, ", ".join(bad), cell[:160]))
                continue
            if header is not None and header.strip().lower() in ID_HEADERS:
                if cell in ids or (cell in sectors and col == 0):
                    continue
            if header is not None and cell in sectors:
                faults.append("%s: the sector id %r in column %r: a sector is shown by its "
                              "label" % (page, cell, header))
                continue
            check(page, text)
        for name in sorted(os.listdir(target)):
            if name.endswith(".csv"):
                with open(os.path.join(target, name), encoding="utf-8-sig", newline="") as f:
                    header = next(csv.reader(f), [])
                for h in header:
                    if h in sectors:
                        faults.append("%s: the sector id %r as a column name" % (name, h))
                    else:
                        check(os.path.join(target, name) + " (header)", h)
    for f in faults[:30]:
        print(f)
    if faults:
        print("%d strings of the other language (%s expected)" % (len(faults), lang))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
