#!/bin/sh
# Runs one golden case of the command-line tool and compares what it prints.
#
#   run-case.sh KLAVERBLAD CASEDIR
#
# CASEDIR holds:
#   args     the arguments, one per line (the command runs inside CASEDIR)
#   stdout   what it must print on standard output (exactly)
#   stderr   what it must print on standard error (exactly; absent: nothing)
#   status   its exit status (absent: 0)
#   written/ what it must write: an argument holding @OUT@ names a path in a
#            fresh empty folder, which must end up holding exactly the files
#            of written/, byte for byte; @OUT@ also stands for that folder in
#            what is printed (no written/: nothing may be written there)
#   partial  present: the files of written/ must be there, byte for byte,
#            and others may be there beside them (for a report, whose page
#            and map belong to other cases); KB_UPDATE_GOLDEN then refreshes
#            only the files written/ already holds
# Set KB_UPDATE_GOLDEN=1 to write the files from the current output instead
# (then review every change by hand before committing it). Set KB_VALGRIND
# to a program that runs the tool under a checker (tests/valgrind/vg).
set -u
bin=$1
dir=$2
cd "$dir" || exit 2
out=$(mktemp) err=$(mktemp) wrote=$(mktemp -d)
trap 'rm -f "$out" "$err"; rm -rf "$wrote"' EXIT
# One argument per line; an empty file means no argument.
set --
while IFS= read -r a || [ -n "$a" ]; do
  case $a in *@OUT@*) a=$(printf '%s\n' "$a" | sed "s|@OUT@|$wrote|g") ;; esac
  set -- "$@" "$a"
done < args
${KB_VALGRIND:+"$KB_VALGRIND"} "$bin" "$@" >"$out" 2>"$err"
status=$?
sed -i "s|$wrote|@OUT@|g" "$out" "$err"
if [ "${KB_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$out" stdout
  if [ -s "$err" ]; then cp "$err" stderr; else rm -f stderr; fi
  if [ $status -ne 0 ]; then echo $status > status; else rm -f status; fi
  if grep -q @OUT@ args; then
    if [ -f partial ]; then
      (cd written && find . -type f) | while IFS= read -r f; do cp "$wrote/$f" "written/$f"; done
    else
      rm -rf written; [ -z "$(ls -A "$wrote")" ] || cp -R "$wrote" written
    fi
  fi
  exit 0
fi
want_status=0
[ -f status ] && want_status=$(cat status)
fail=0
if [ "$status" != "$want_status" ]; then
  echo "exit status $status, expected $want_status"; fail=1
fi
if ! diff -u stdout "$out"; then echo "standard output differs"; fail=1; fi
if [ -f stderr ]; then
  if ! diff -u stderr "$err"; then echo "standard error differs"; fail=1; fi
elif [ -s "$err" ]; then
  echo "unexpected standard error:"; cat "$err"; fail=1
fi
if grep -q @OUT@ args; then
  if [ -f partial ]; then
    for f in $(cd written && find . -type f | sort); do
      cmp -s "written/$f" "$wrote/$f" || { diff -u "written/$f" "$wrote/$f"; echo "$f differs or is missing"; fail=1; }
    done
  elif [ -d written ]; then
    diff -r written "$wrote" || { echo "the files written differ"; fail=1; }
  elif [ -n "$(ls -A "$wrote")" ]; then
    echo "files written, expected none:"; ls -A "$wrote"; fail=1
  fi
fi
exit $fail
