#!/bin/sh
# The starter dataset of `klaverblad init`: what it writes passes check with
# no error and no warning and gives a report, in both languages and with the
# defaults (the current year, a placeholder city); a folder of the user's,
# an existing dataset among them, is refused and left byte for byte as it
# was; a folder init wrote may be written again only while nobody changed
# it. (The bytes of what init writes are the golden cases tests/cli/init-*.)
#   run.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 src=$2
kb="$build/klaverblad"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail=0
pass() { echo "ok   $1"; }
failed() { echo "FAIL $1"; fail=1; }
advice="klaverblad replaces the whole folder, so choose another folder or move the files away"

# usable NAME DIR [REPORT OPTION...]: check finds no error and no warning,
# and report writes its page
usable() {
  name=$1 dir=$2
  shift 2
  "$kb" check "$dir" > check.out 2>&1
  status=$?
  if [ $status -ne 0 ] || [ -s check.err ] \
     || ! grep -qx 'Result      usable: 0 errors, 0 warnings' check.out \
     || grep -q 'warning:\|error:' check.out; then
    failed "$name: check (exit $status)"; head -20 check.out
  else
    pass "$name: check"
  fi
  if "$kb" report "$dir" -o "$dir.report" "$@" > report.out 2>&1 \
     && [ -s "$dir.report/report.html" ] && grep -q 'klaverblad.svg\|<svg' "$dir.report/report.html"; then
    pass "$name: report"
  else
    failed "$name: report"; head -20 report.out
  fi
}

# as_told NAME DIR README LANG: the commands DIR's README gives, run as
# written in the folder that holds DIR, succeed, and the report they make is
# in LANG
as_told() {
  name=$1 dir=$2 readme=$3 lang=$4
  tr -d '\r' < "$dir/$readme" | sed -n 's/^     klaverblad //p' > commands
  report=$(sed -n 's/^report .* -o \([^ ]*\).*/\1/p' commands)
  [ -n "$report" ] && rm -rf "$report"
  ok=1
  while IFS= read -r line; do
    eval "set -- $line"
    "$kb" "$@" < /dev/null > as-told.out 2>&1 || { ok=0; echo "$line"; head -5 as-told.out; }
  done < commands
  if [ $ok = 1 ] && [ "$(grep -c '^check \|^report ' commands)" = 2 ] \
     && grep -q "<html lang=\"$lang\">" "$report/report.html"; then
    pass "$name: the README's commands as written, the report in $lang"
  else
    failed "$name: the README's commands as written, the report in $lang"; cat commands
  fi
  rm -rf "$report" commands as-told.out
}

# refused NAME TARGET MESSAGE -- COMMAND...: COMMAND exits with 1, prints
# exactly MESSAGE on standard error and nothing on standard output, and
# TARGET and everything beside it are as they were
refused() {
  name=$1 target=$2 message=$3
  shift 4
  rm -rf .before && mkdir .before
  cp -a "$target" .before/target
  ls -A > .before/listing
  "$@" > .before/out 2> .before/err
  status=$?
  if [ $status -ne 1 ]; then
    failed "$name: exit $status, expected 1"; cat .before/err
  elif [ "$(cat .before/err)" != "$message" ] || [ -s .before/out ]; then
    failed "$name: expected the message"; echo "$message"; echo "got:"; cat .before/out .before/err
  elif ! diff -r .before/target "$target"; then
    failed "$name: $target changed"
  elif ! ls -A | diff .before/listing -; then
    failed "$name: something was left beside $target"
  else
    pass "$name"
  fi
  rm -rf .before
}

# --------------------------------------------------------- what init writes

# the defaults: Dutch, the current year, a placeholder city
before=$(date +%Y)
"$kb" init defaults > init.out 2>&1 || { failed "init with the defaults"; cat init.out; }
after=$(date +%Y)
year=$(tr -d '\r' < defaults/dataset.csv | sed -n 's/^year;\([0-9]*\);$/\1/p')
if [ "$year" = "$before" ] || [ "$year" = "$after" ]; then
  pass "the year is the current year"
else
  failed "the year is '$year', expected $before"
fi
if grep -qx 'The home city is a placeholder: while the folder is unchanged, run init again with --city NAME.' init.out \
   && tr -d '\r' < defaults/nodes.csv | grep -qx 'voorbeeldstad;city;Voorbeeldstad;;;nederland;;'; then
  pass "a placeholder city, said so"
else
  failed "a placeholder city, said so"; cat init.out
fi
usable defaults defaults

"$kb" init den-haag --city "Den Haag" --year 2025 > init.out 2>&1 \
  || { failed "init Den Haag"; cat init.out; }
usable den-haag den-haag

"$kb" init english --lang en --city "Súdwest-Fryslân" --country "Kingdom of the Netherlands" \
  --year 2019 > init.out 2>&1 || { failed "init in English"; cat init.out; }
if tr -d '\r' < english/nodes.csv | grep -qx 'sudwest-fryslan,city,Súdwest-Fryslân,,,kingdom-of-the-netherlands,,'; then
  pass "English: the city in its country"
else
  failed "English: the city in its country"; cat english/nodes.csv
fi
usable english english --lang en
as_told english english README.txt en
# the report takes the dataset's language (language,en) when --lang is not given
rm -rf english-own.report
if "$kb" report english -o english-own.report > report.out 2>&1 \
   && grep -q '<html lang="en">' english-own.report/report.html; then
  pass "English: the report in the dataset's language"
else
  failed "English: the report in the dataset's language"; head -5 report.out
fi

"$kb" init "mijn netwerk" --city Zwolle > init.out 2>&1 || { failed "init mijn netwerk"; cat init.out; }
as_told "a folder name with a space" "mijn netwerk" LEESMIJ.txt nl

# the same starter as one workbook: its sheets, by the names the loader
# reads; the same data as the CSV files; its README's commands as written
"$kb" init book --city Deventer --year 2024 --xlsx > init.out 2>&1 || { failed "init --xlsx"; cat init.out; }
"$kb" init plain --city Deventer --year 2024 > init.out 2>&1 || { failed "init plain"; cat init.out; }
sheets=$(/usr/bin/python3 -c 'import re, sys, zipfile
print(" ".join(re.findall(r"<sheet name=\"([^\"]*)\"", zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())))' book/dataset.xlsx)
if [ "$sheets" = "dataset nodes relations questions" ] && [ "$(ls -A book | tr '\n' ' ')" = ".klaverblad LEESMIJ.txt dataset.xlsx " ]; then
  pass "--xlsx: dataset.xlsx with its four sheets, and the README"
else
  failed "--xlsx: dataset.xlsx with its four sheets, and the README"; echo "$sheets"; ls -A book
fi
"$kb" export book/dataset.xlsx --format csv -o book.csv > /dev/null 2>&1
"$kb" export plain --format csv -o plain.csv > /dev/null 2>&1
if [ -s book.csv/nodes.csv ] && diff -r book.csv plain.csv > /dev/null; then
  pass "--xlsx: the same data as the CSV files"
else
  failed "--xlsx: the same data as the CSV files"; diff -r book.csv plain.csv | head
fi
usable "--xlsx" book/dataset.xlsx
as_told "--xlsx" book LEESMIJ.txt nl
"$kb" init book-en --lang en --city Deventer --xlsx > init.out 2>&1 || { failed "init --xlsx --lang en"; cat init.out; }
as_told "--xlsx in English" book-en README.txt en

# ------------------------------------------------ folders init may not write

cp -R "$src/tests/cli/check-ok/data" dataset
refused "over a dataset of the user's" dataset \
  "klaverblad init: error: cannot write the folder 'dataset': it holds 'nodes.csv', which klaverblad did not write (the folder has no marker '.klaverblad', which klaverblad leaves in every folder it writes); $advice" \
  -- "$kb" init dataset --city Deventer
printf 'mine\n' > notes.txt
refused "over a file" notes.txt \
  "klaverblad init: error: cannot write the folder 'notes.txt': it is a file, not a folder; expected a folder or a new name" \
  -- "$kb" init notes.txt
refused "over a report" den-haag.report \
  "klaverblad init: error: cannot write the folder 'den-haag.report': it holds a report, not a dataset; choose another folder" \
  -- "$kb" init den-haag.report

# ----------------------------------------- its own folder, while unchanged

"$kb" init own --city Zwolle --year 2025 > init.out 2>&1 || { failed "init own"; cat init.out; }
if "$kb" init own --city Kampen --year 2025 > init.out 2>&1 \
   && tr -d '\r' < own/dataset.csv | grep -qx 'home;kampen;'; then
  pass "its own folder, unchanged, written again"
else
  failed "its own folder, unchanged, written again"; cat init.out
fi
# an organisation added in Excel: the folder is the user's now
printf 'saxion;organisation;Saxion;education;;;;\r\n' >> own/nodes.csv
refused "its own folder, edited" own \
  "klaverblad init: error: cannot write the folder 'own': 'nodes.csv' was changed after klaverblad wrote it; $advice" \
  -- "$kb" init own --city Kampen
"$kb" init added > init.out 2>&1 || { failed "init added"; cat init.out; }
printf 'mine\n' > added/contacts.csv
refused "its own folder, a file added" added \
  "klaverblad init: error: cannot write the folder 'added': it holds 'contacts.csv', which klaverblad did not write; $advice" \
  -- "$kb" init added

exit $fail
