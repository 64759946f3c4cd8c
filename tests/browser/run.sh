#!/bin/sh
# The browser test of the report: writes Deventer's report in Dutch and
# English, a report of hostile labels and Regio Zwolle's (a regional
# network), then opens each in Debian's
# Chromium through playwright-core (no browser download).
#   run.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium"
  apt-get install -y -q --no-install-recommends chromium >/dev/null
fi
work=$build/browser
mkdir -p "$work"
cp "$src/tests/browser/package.json" "$src/tests/browser/package-lock.json" \
   "$src/tests/browser/report.test.mjs" "$work/"
if [ ! -d "$work/node_modules/playwright-core" ]; then
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
fi
rm -rf "$work/out"
mkdir -p "$work/out/artifacts"
"$build/klaverblad" report "$src/datasets/deventer" -o "$work/out/nl" >/dev/null
"$build/klaverblad" report --lang en "$src/datasets/deventer" -o "$work/out/en" >/dev/null
"$build/klaverblad" report --lang en "$src/tests/browser/xss" -o "$work/out/xss" >/dev/null
"$build/klaverblad" report "$src/datasets/zwolle" -o "$work/out/zwolle" >/dev/null
KB_REPORT_NL="$work/out/nl" KB_REPORT_EN="$work/out/en" KB_REPORT_XSS="$work/out/xss" \
KB_REPORT_ZWOLLE="$work/out/zwolle" \
KB_ARTIFACTS="$work/out/artifacts" node --test "$work/report.test.mjs"
