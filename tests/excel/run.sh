#!/bin/sh
# Excel both ways: workbooks and Excel's CSV written (check_write.py) and
# workbooks read (check_read.py), each checked with Python's standard
# library only.
#   run.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
for t in write read; do
  [ -f "$src/tests/excel/check_$t.py" ] || continue
  mkdir "$work/$t"
  /usr/bin/python3 "$src/tests/excel/check_$t.py" "$build/klaverblad" "$src" "$work/$t" || fail=1
done
exit $fail
