#!/bin/sh
# Outputs that must not destroy data: folders klaverblad did not write,
# its own folders changed since, the dataset being read, devices, FIFOs,
# sockets, links; a renderer child that is slow, killed with its parent,
# silent or failing. Every refusal must leave every file that was there
# byte for byte as it was (diff -r against a copy made before).
#   outputs.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 src=$2
kb="$build/klaverblad"
renderer="$build/klaverblad-render"
limit=${KB_TIMEOUT:-120}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail=0
. "$src/tests/adversarial/killed.sh"
data="$src/tests/cli/check-ok/data"
# expect NAME STATUS PATTERN -- COMMAND...: the status, and PATTERN (unless empty)
# in what it printed
expect() {
  name=$1 want=$2 pattern=$3
  shift 4
  out=$(timeout "$limit" "$@" 2>&1)
  got=$?
  if [ $got -ne "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; echo "$out" | head -5; fail=1
  elif [ -n "$pattern" ] && ! printf '%s' "$out" | grep -q -F -- "$pattern"; then
    echo "FAIL $name: no '$pattern' in:"; echo "$out" | head -5; fail=1
  else
    echo "ok   $name"
  fi
}
# refused NAME TARGET MESSAGE -- COMMAND...: COMMAND must exit with 1 and
# print exactly MESSAGE on standard error and nothing on standard output,
# and TARGET (a file or folder) and everything beside it must be as before
refused() {
  name=$1 target=$2 message=$3
  shift 4
  rm -rf "$work/.before" && mkdir "$work/.before"
  # only files and folders are compared; a device, FIFO or socket is
  # checked for its type by the caller
  if [ -f "$target" ] || [ -d "$target" ]; then cp -a "$target" "$work/.before/target"; fi
  ls -A "$work" > "$work/.before/listing"
  timeout "$limit" "$@" > "$work/.before/out" 2> "$work/.before/err"
  got=$?
  if [ $got -ne 1 ]; then
    echo "FAIL $name: exit $got, expected 1"; head -5 "$work/.before/err"; fail=1
  elif [ "$(cat "$work/.before/err")" != "$message" ] || [ -s "$work/.before/out" ]; then
    echo "FAIL $name: expected the message"; echo "$message"; echo "got:"
    cat "$work/.before/out" "$work/.before/err"; fail=1
  elif [ -e "$work/.before/target" ] && ! diff -r "$work/.before/target" "$target"; then
    echo "FAIL $name: $target changed"; fail=1
  elif ! ls -A "$work" | diff "$work/.before/listing" -; then
    echo "FAIL $name: something was left beside $target"; fail=1
  else
    echo "ok   $name"
  fi
}
# running PID: whether PID runs (a zombie, dead but not yet reaped by an
# init that is slow to reap, does not)
running() {
  [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null)" != Z ]
}
# gone NAME PID: PID must end within a second
gone() {
  i=0
  while running "$2" && [ $i -lt 100 ]; do sleep 0.01; i=$((i + 1)); done
  if running "$2"; then
    echo "FAIL $1: process $2 still runs a second after its parent was killed"; fail=1
    kill -9 "$2" 2>/dev/null
  else
    echo "ok   $1"
  fi
}
# dies_with NAME -- COMMAND...: runs COMMAND, whose stand-in renderer
# writes its pid to renderer.pid, and kills it with SIGKILL once the
# renderer runs: the renderer must end within a second
dies_with() {
  name=$1
  shift 2
  rm -f renderer.pid
  "$@" >/dev/null 2>&1 &
  pid=$!
  while kill -0 $pid 2>/dev/null && [ ! -s renderer.pid ]; do sleep 0.01; done
  kill -9 $pid
  wait $pid
  if [ -s renderer.pid ]; then gone "$name-renderer-gone" "$(cat renderer.pid)"
  else echo "FAIL $name: the renderer never ran"; fail=1; fi
}
advice="klaverblad replaces the whole folder, so choose another folder or move the files away"
nomarker="(the folder has no marker '.klaverblad', which klaverblad leaves in every folder it writes)"

# ------------------------------------------------------------- folders

cp -r "$data" data

refused report-into-dataset data \
  "klaverblad report: error: cannot write the folder 'data': it is the dataset being read; choose another folder" \
  -- "$kb" report data -o data

mkdir mine
printf 'post,amount\nsubsidies,120000\n' > mine/budget-2024.csv
printf 'name,phone\nA. de Vries,0570 123456\n' > mine/contacts.csv
refused report-into-users-folder mine \
  "klaverblad report: error: cannot write the folder 'mine': it holds 'budget-2024.csv', which klaverblad did not write $nomarker; $advice" \
  -- "$kb" report data -o mine

refused kumu-into-dataset data \
  "klaverblad export: error: cannot write the folder 'data': it is the dataset being read; choose another folder" \
  -- "$kb" export data --format kumu -o data
cp -r "$data" other
refused kumu-into-other-dataset other \
  "klaverblad export: error: cannot write the folder 'other': it holds 'nodes.csv', which klaverblad did not write $nomarker; $advice" \
  -- "$kb" export data --format kumu -o other
refused import-into-dataset data \
  "klaverblad import: error: cannot write the folder 'data': it is the dataset being read; choose another folder" \
  -- "$kb" import data -o data

# the input a file inside the folder: a JSON export beside nothing else
mkdir holder
"$kb" export data --format json -o holder/data.json || fail=1
refused export-into-folder-of-input holder \
  "klaverblad export: error: cannot write the folder 'holder': it holds the dataset being read, 'holder/data.json'; choose another folder" \
  -- "$kb" export holder/data.json --format csv -o holder

"$kb" report --lang en data -o report >/dev/null || fail=1
[ -f report/.klaverblad ] && head -2 report/.klaverblad | tail -1 | grep -qx 'kind report' \
  || { echo "FAIL: the report has no marker of its kind"; fail=1; }
# the marker lists every file with its SHA-256, as sha256sum writes them
(cd report && grep -v '^#' .klaverblad | tail -n +2 | sha256sum -c --quiet) \
  || { echo "FAIL: the marker's checksums are not the files'"; fail=1; }
[ "$(grep -v '^#' report/.klaverblad | tail -n +2 | sed 's/^.\{66\}//')" = "$(ls report)" ] \
  || { echo "FAIL: the marker does not list exactly the files of the report"; fail=1; }

refused csv-into-report report \
  "klaverblad export: error: cannot write the folder 'report': it holds a report, not a dataset; choose another folder" \
  -- "$kb" export data --format csv -o report

printf 'more\n' >> report/brokers.csv
refused report-over-edited-report report \
  "klaverblad report: error: cannot write the folder 'report': 'brokers.csv' was changed after klaverblad wrote it; $advice" \
  -- "$kb" report data -o report
rm -rf report && "$kb" report --lang en data -o report >/dev/null || fail=1

printf 'call the city on Monday\n' > report/notes.txt
refused report-over-notes report \
  "klaverblad report: error: cannot write the folder 'report': it holds 'notes.txt', which klaverblad did not write; $advice" \
  -- "$kb" report data -o report
rm report/notes.txt

mkdir report/drafts
refused report-over-subfolder report \
  "klaverblad report: error: cannot write the folder 'report': it holds 'drafts', a folder, which klaverblad did not write; $advice" \
  -- "$kb" report data -o report
rmdir report/drafts

# its own untouched output: replaced, marker and all
expect report-over-report 0 "report/report.html" -- "$kb" report data -o report
grep -q '<html lang="nl">' report/report.html || { echo "FAIL: the report was not replaced"; fail=1; }
(cd report && grep -v '^#' .klaverblad | tail -n +2 | sha256sum -c --quiet) \
  || { echo "FAIL: the new marker's checksums are not the files'"; fail=1; }
[ -z "$(ls -A | grep klaverblad-)" ] || { echo "FAIL: a temporary was left"; ls -A; fail=1; }

# the marker deleted, as by hand or in a folder from before markers
cp -a report nomarker && rm nomarker/.klaverblad
refused report-over-unmarked nomarker \
  "klaverblad report: error: cannot write the folder 'nomarker': it holds 'brokers.csv', which klaverblad did not write $nomarker; $advice" \
  -- "$kb" report data -o nomarker
# a marker that lies about the kind, or is damaged
cp -a report forged && sed -i 's/^kind report$/kind dataset/' forged/.klaverblad
refused report-over-other-kind forged \
  "klaverblad report: error: cannot write the folder 'forged': it holds a dataset, not a report; choose another folder" \
  -- "$kb" report data -o forged
cp -a report damaged && printf 'nonsense\n' >> damaged/.klaverblad
line=$(wc -l < damaged/.klaverblad)
refused report-over-damaged-marker damaged \
  "klaverblad report: error: cannot write the folder 'damaged': its marker '.klaverblad' is damaged (line $line: expected a SHA-256 in hex, two spaces and a file name), so what klaverblad wrote there is not known; $advice" \
  -- "$kb" report data -o damaged

# a file of the user's that appears while the report is written (here the
# renderer adds it): the report is not put in place, the file stays
cat > adding-renderer <<EOF
#!/bin/sh
printf 'mine\n' > "$work/report/late.txt"
exec "$renderer" "\$@"
EOF
chmod +x adding-renderer
cp -a report report.before
KLAVERBLAD_RENDER="$work/adding-renderer" expect report-changed-meanwhile 1 \
  "klaverblad report: error: cannot write the folder 'report': it changed while klaverblad was writing it, so it was left as it is; run again to check it anew" \
  -- "$kb" report --lang en data -o report
[ "$(cat report/late.txt 2>/dev/null)" = mine ] || { echo "FAIL: the file added meanwhile is gone"; fail=1; }
rm -f report/late.txt
diff -r report.before report || { echo "FAIL: the report changed"; fail=1; }
[ -z "$(ls -A | grep klaverblad-)" ] || { echo "FAIL: a temporary was left"; ls -A; fail=1; }
rm -rf report.before

# ------------------------------------------------------------- generate

# generate: not over a dataset of the user's, over its own output yes
refused generate-over-dataset other \
  "klaverblad generate: error: cannot write the folder 'other': it holds 'nodes.csv', which klaverblad did not write $nomarker; $advice" \
  -- "$kb" generate --orgs 10 -o other
refused generate-over-report report \
  "klaverblad generate: error: cannot write the folder 'report': it holds a report, not a dataset; choose another folder" \
  -- "$kb" generate --orgs 10 -o report
expect generate 0 "" -- "$kb" generate --orgs 10 -o gen
head -2 gen/.klaverblad | tail -1 | grep -qx 'kind dataset' || { echo "FAIL: generate left no dataset marker"; fail=1; }
expect generate-over-generated 0 "" -- "$kb" generate --orgs 20 -o gen
grep -q '^org-19,' gen/nodes.csv || { echo "FAIL: the generated folder was not replaced"; fail=1; }
expect csv-over-generated 0 "" -- "$kb" export data --format csv -o gen
"$kb" export data --format csv -o fresh || fail=1
diff -r fresh gen || { echo "FAIL: the export did not replace the generated folder"; fail=1; }
rm -rf fresh
expect generate-over-export 0 "" -- "$kb" generate --orgs 20 -o gen

# generate killed as soon as its temporary folder appears: the earlier
# output whole, then replaced whole by the next run, no temporary left
cp -a gen gen.before
killed generate-killed gen.before gen 'ls -d .gen.klaverblad-* >/dev/null 2>&1' \
  -- "$kb" generate --orgs 1000000 -o gen
expect generate-after-kill 0 "" -- "$kb" generate --orgs 30 -o gen
grep -q '^org-29,' gen/nodes.csv || { echo "FAIL: generate after a kill did not replace"; fail=1; }
[ -z "$(ls -A | grep klaverblad-)" ] || { echo "FAIL: a temporary was left"; ls -A; fail=1; }
rm -rf gen.before

# ---------------------------------------------------- devices, FIFOs, links

"$kb" index data --format csv -o index.csv || fail=1
mkfifo fifo
# the reader gives up after a while, should the FIFO never get a writer
timeout 20 cat fifo > from-fifo &
reader=$!
expect fifo-with-reader 0 "" -- "$kb" index data --format csv -o fifo
wait $reader
cmp -s from-fifo index.csv || { echo "FAIL: the FIFO's reader did not get the output"; fail=1; }
[ -p fifo ] || { echo "FAIL: the FIFO was replaced"; fail=1; rm -f fifo; mkfifo fifo; }
timeout 20 cat fifo > from-fifo &
reader=$!
expect render-to-fifo 0 "" -- "$kb" render data -o fifo
wait $reader
grep -q '<svg' from-fifo || { echo "FAIL: the FIFO's reader did not get the map"; fail=1; }
[ -p fifo ] || { echo "FAIL: the FIFO was replaced by render"; fail=1; }

if [ "$(id -u)" -eq 0 ]; then
  mknod null c 1 3
  expect char-device 0 "" -- "$kb" index data --format csv -o null
  expect render-to-char-device 0 "" -- "$kb" render data -o null
  [ -c null ] || { echo "FAIL: the character device was replaced"; fail=1; }
  refused report-into-char-device null \
    "klaverblad report: error: cannot write the folder 'null': it is a character device, not a folder; expected a folder or a new name" \
    -- "$kb" report data -o null
  mknod block b 7 200
  refused block-device block \
    "klaverblad index: error: cannot write 'block': it is a block device, which klaverblad does not write to; expected a file, a character device, a FIFO or a new name" \
    -- "$kb" index data -o block
  [ -b block ] || { echo "FAIL: the block device was replaced"; fail=1; }
  rm null block
else
  echo "skip character and block devices: mknod needs root"
fi
python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("socket")'
refused socket socket \
  "klaverblad index: error: cannot write 'socket': it is a socket, which klaverblad does not write to; expected a file, a character device, a FIFO or a new name" \
  -- "$kb" index data -o socket
refused render-to-socket socket \
  "klaverblad render: error: cannot write 'socket': it is a socket, which klaverblad does not write to; expected a file, a character device, a FIFO or a new name" \
  -- "$kb" render data -o socket
[ -S socket ] || { echo "FAIL: the socket was replaced"; fail=1; }
refused file-onto-folder mine \
  "klaverblad index: error: cannot write 'mine': it is a folder; expected a file name" \
  -- "$kb" index data -o mine

# a link to a file: the file gets the output, the link stays
mkdir kept && printf 'old\n' > kept/real.csv && ln -s kept/real.csv link.csv
expect link-to-file 0 "" -- "$kb" index data --format csv -o link.csv
[ -L link.csv ] && cmp -s kept/real.csv index.csv || { echo "FAIL: the link was replaced or its file not written"; fail=1; }
ln -s nowhere.csv dangling.csv
refused dangling-link dangling.csv \
  "klaverblad index: error: cannot write 'dangling.csv': it is a symbolic link to 'nowhere.csv', which does not exist; expected a file or a new name" \
  -- "$kb" index data -o dangling.csv
# standard output as /dev/stdout names it (a link made here, never the real
# one, through /proc/self/fd/1): appended to where the shell appends to a
# file, not replaced behind the shell's back; and a pipe gets the output
ln -s /proc/self/fd/1 stdout
printf 'kept\n' > appended.csv
"$kb" index data --format csv -o stdout >> appended.csv || fail=1
{ printf 'kept\n'; cat index.csv; } | cmp -s - appended.csv \
  || { echo "FAIL: -o onto standard output replaced the file the shell appends to"; fail=1; }
[ "$("$kb" index data --format csv -o stdout | cat)" = "$(cat index.csv)" ] \
  || { echo "FAIL: -o onto standard output did not reach the pipe"; fail=1; }
printf 'kept\n' > appended.csv
"$kb" index data --format csv -o /proc/self/fd/1 >> appended.csv || fail=1
{ printf 'kept\n'; cat index.csv; } | cmp -s - appended.csv \
  || { echo "FAIL: -o /proc/self/fd/1 replaced the file the shell appends to"; fail=1; }
[ -L stdout ] || { echo "FAIL: the link to standard output was replaced"; fail=1; }
rm -rf fifo from-fifo socket kept link.csv dangling.csv stdout appended.csv

# ------------------------------------------------------ the renderer child

# killed with its parent: a slow renderer that would write after a while
cat > slow-renderer <<EOF
#!/bin/sh
echo \$\$ > "$work/renderer.pid"
out=""
while [ \$# -gt 0 ]; do [ "\$1" = "-o" ] && out=\$2; shift; done
sleep 3
printf '<svg>late</svg>\n' > "\$out"
EOF
chmod +x slow-renderer
KLAVERBLAD_RENDER="$work/slow-renderer" dies_with render-killed -- "$kb" render data -o map.svg
expect render-after-kill 0 "" -- "$kb" render data -o map.svg
cp map.svg map.second
sleep 3.5
cmp -s map.svg map.second || { echo "FAIL: the killed run's renderer replaced the newer map"; fail=1; }
[ -z "$(ls -A | grep klaverblad-)" ] || { echo "FAIL: a temporary was left"; ls -A; fail=1; }

# a renderer that ends without reading its input or writing a map: an
# error, never SIGPIPE (exit 141); the synergy view of Deventer is a
# description larger than a pipe holds
printf '#!/bin/sh\nexit 0\n' > quiet-renderer
chmod +x quiet-renderer
KLAVERBLAD_RENDER="$work/quiet-renderer" refused renderer-writes-nothing map.svg \
  "klaverblad render: error: the renderer '$work/quiet-renderer' ended without writing the map" \
  -- "$kb" render "$src/datasets/deventer" --view synergy --top 200 -o map.svg
printf '#!/bin/sh\necho "klaverblad-render: error: out of paper" >&2\nexit 3\n' > failing-renderer
chmod +x failing-renderer
KLAVERBLAD_RENDER="$work/failing-renderer" refused renderer-fails map.svg \
  "klaverblad render: error: the renderer '$work/failing-renderer' failed with exit status 3: klaverblad-render: error: out of paper" \
  -- "$kb" render data -o map.svg
rm -f map.svg map.second

# a report killed while its renderer runs leaves no renderer running
printf '#!/bin/sh\necho $$ > "%s/renderer.pid"\nexec sleep 30\n' "$work" > sleeping-renderer
chmod +x sleeping-renderer
"$kb" report data -o report >/dev/null || fail=1
cp -a report report.before
KLAVERBLAD_RENDER="$work/sleeping-renderer" dies_with report-killed -- "$kb" report data -o report
diff -r report.before report || { echo "FAIL: the killed report changed the report"; fail=1; }

[ $fail -eq 0 ] && echo "adversarial outputs: nothing lost"
exit $fail
