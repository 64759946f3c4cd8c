#!/bin/sh
# Runs one golden case of klaverblad-render and compares what it prints.
#
#   run-case.sh RENDER CASEDIR
#
# CASEDIR holds:
#   args     the arguments, one per line; @OUT@ stands for the output file
#            (the command runs inside CASEDIR)
#   input    its standard input (absent: empty)
#   stdout   what it must print on standard output (absent: nothing)
#   stderr   what it must print on standard error (absent: nothing)
#   status   its exit status (absent: 0)
# The output file exists before the run, holding "old map". When the run
# fails it must be left exactly so: a failed run never touches it; when it
# succeeds, the file must have been written.
# Set KB_UPDATE_GOLDEN=1 to write stdout, stderr and status from the current
# run instead (then review every change by hand before committing it).
set -u
bin=$1
dir=$2
cd "$dir" || exit 2
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/map.out
echo "old map" > "$out"
# One argument per line; an empty file means no argument.
set --
while IFS= read -r a || [ -n "$a" ]; do
  [ "$a" = "@OUT@" ] && a=$out
  set -- "$@" "$a"
done < args
input=/dev/null
[ -f input ] && input=input
"$bin" "$@" < "$input" > "$tmp/stdout" 2> "$tmp/stderr"
status=$?
if [ "${KB_UPDATE_GOLDEN:-}" = 1 ]; then
  if [ -s "$tmp/stdout" ]; then cp "$tmp/stdout" stdout; else rm -f stdout; fi
  if [ -s "$tmp/stderr" ]; then cp "$tmp/stderr" stderr; else rm -f stderr; fi
  if [ $status -ne 0 ]; then echo $status > status; else rm -f status; fi
  exit 0
fi
want_status=0
[ -f status ] && want_status=$(cat status)
fail=0
if [ "$status" != "$want_status" ]; then
  echo "exit status $status, expected $want_status"; fail=1
fi
for stream in stdout stderr; do
  if [ -f $stream ]; then
    if ! diff -u $stream "$tmp/$stream"; then echo "standard $stream differs"; fail=1; fi
  elif [ -s "$tmp/$stream" ]; then
    echo "unexpected standard $stream:"; cat "$tmp/$stream"; fail=1
  fi
done
if [ "$status" -ne 0 ] && [ "$(cat "$out")" != "old map" ]; then
  echo "the run failed but changed the output file"; fail=1
fi
if [ "$status" -eq 0 ] && grep -q '@OUT@' args && [ "$(cat "$out")" = "old map" ]; then
  echo "the run succeeded but did not write the output file"; fail=1
fi
exit $fail
