#!/usr/bin/env bash
# Times `tokki check DIR` (--jobs 1 and --jobs 2) over N agreements written by python-docx
# against python3-docx + Python re doing the same check, whole processes, wall clock, side by
# side in one run; then the peak RSS of `tokki check --jobs 1` on 100, 1000 and 3000 files.
# See bench/README.md.
#
#   bench/check_vs_python_docx.sh [N=1000] [REPETITIONS=5] [TOKKI=<repo>/build/tokki]
#
# FLOOR (default: docx_floor next to TOKKI's build, build/bench/docx_floor) is the floor program.
# Environment: PYTHON (default /usr/bin/python3, which must have python3-docx), TMPDIR,
# MEM_SIZES (default "100 1000 3000"), SEED (corpus seed, default 20231), ALLOW_DIFF=1 (time
# even if the two sides' reports differ; by default the script stops).
# Needs bash, coreutils, GNU time (/usr/bin/time; Debian package `time`) and that python.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
N=${1:-1000}
REPS=${2:-5}
TOKKI_ARG=${3:-$ROOT/build/tokki}
PY=${PYTHON:-/usr/bin/python3}
FLOOR_ARG=${FLOOR:-$(dirname "$TOKKI_ARG")/bench/docx_floor}
MEM_SIZES=${MEM_SIZES:-100 1000 3000}
SEED=${SEED:-20231}
DATE=2023-04-01

die() { echo "check_vs_python_docx: $*" >&2; exit 1; }

[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer, not '$N'"
[[ $REPS =~ ^[1-9][0-9]*$ ]] || die "REPETITIONS must be a positive integer, not '$REPS'"
[[ -f $TOKKI_ARG && -x $TOKKI_ARG ]] || die "$TOKKI_ARG: no tokki binary (build it first)"
"$PY" -c 'import docx' 2>/dev/null || die "$PY has no python-docx (use Debian's /usr/bin/python3)"
[[ -f $FLOOR_ARG && -x $FLOOR_ARG ]] || die "$FLOOR_ARG: no floor program (build target docx_floor)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (apt-get install time)"
for m in $MEM_SIZES; do [[ $m =~ ^[1-9][0-9]*$ ]] || die "MEM_SIZES: '$m' is not a count"; done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tokki-check-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'echo "check_vs_python_docx: failed at line $LINENO" >&2' ERR
# Time a copy: build/tokki may be relinked by someone else while this runs. The data (rules,
# clause library) is copied too, so that both sides read the same rules throughout.
cp "$TOKKI_ARG" "$TMP/tokki"
TOKKI=$TMP/tokki
cp "$FLOOR_ARG" "$TMP/docx_floor"
mkdir "$TMP/data"
cp -r "$ROOT/clauses" "$ROOT/rules" "$ROOT/docx-templates" "$TMP/data/"
DATA=$TMP/data
NPROC=$(nproc)

# --- Corpus (untimed): the largest size needed, written once, in NPROC processes. ------------
TOTAL=$N
for m in $MEM_SIZES; do if ((m > TOTAL)); then TOTAL=$m; fi; done
gen_start=$(date +%s)
bench_make_corpus "$PY" "$TMP/all" 0 "$TOTAL" "$SEED" "$DATA/clauses" "$TMP/summary.tsv" ||
  die "make_check_corpus.py failed"
GEN_S=$(($(date +%s) - gen_start))
# A directory of the first K agreements (hard links): the corpus of K is a prefix of any larger one.
subset() {
  local k=$1 dir=$TMP/corpus-$1
  [[ -d $dir ]] && return 0
  mkdir "$dir"
  # awk, not head: head would close the pipe early and pipefail would stop the script.
  find "$TMP/all" -maxdepth 1 -name 'agreement-*.docx' | sort | awk -v k="$k" 'NR <= k' |
    xargs -d '\n' ln -t "$dir"
  [[ $(find "$dir" -maxdepth 1 -name '*.docx' | wc -l) -eq $k ]] || die "corpus of $k incomplete"
}
subset "$N"
for m in $MEM_SIZES; do subset "$m"; done
CORPUS=$TMP/corpus-$N

# The reference annex the Python side reads (tokki assembles it per file inside check).
"$TOKKI" --data "$DATA" assemble --type outsourcing --date "$DATE" --set contractor=乙 \
  --set 'contract_title=（契約件名）' --set subcontractor=丙 --format json -o "$TMP/annex.json" ||
  die "tokki could not assemble the reference annex"

# The three commands timed; each writes one JSON file. Exit status 1 = findings, which the
# corpus has on purpose; 2 or more is a failure.
tokki_check() {
  local jobs=$1 out=$2 dir=${3:-$CORPUS}
  "$TOKKI" --data "$DATA" check "$dir" --jobs "$jobs" --date "$DATE" --format json -o "$out"
}
python_check() {
  "$PY" "$ROOT/bench/python_check_baseline.py" "$CORPUS" --date "$DATE" --annex "$TMP/annex.json" \
    --rules "$DATA/rules/rules.xml" --library "$DATA/clauses/library.xml" -o "$1"
}
ok_status() { [[ $1 -eq 0 || $1 -eq 1 ]]; }
# Number of reports in a JSON output, distinct files only.
count_reports() {
  "$PY" -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d = d if isinstance(d, list) else [d]
print(len({r["file"] for r in d}))' "$1"
}

# --- Warm-up, and a check that both sides report the same. -----------------------------------
st=0; tokki_check 1 "$TMP/check-tokki.json" 2>"$TMP/stderr" || st=$?
ok_status $st || { cat "$TMP/stderr" >&2; die "tokki check failed (exit $st)"; }
st=0; python_check "$TMP/check-py.json" || st=$?
ok_status $st || die "python_check_baseline.py failed (exit $st)"
"$PY" "$ROOT/bench/compare_check_reports.py" "$TMP/check-tokki.json" "$TMP/check-py.json" "$N" \
  >"$TMP/compare.txt" ||
  if [[ ${ALLOW_DIFF:-0} == 1 ]]; then
    echo "check_vs_python_docx: warning: $(cat "$TMP/compare.txt") (ALLOW_DIFF=1: timing anyway)" >&2
  else
    die "tokki and python_check_baseline.py report differently: $(cat "$TMP/compare.txt")" \
      "(the baseline follows engine/check/ by hand; ALLOW_DIFF=1 times anyway)"
  fi
OUT_KB=$(du -k "$TMP/check-tokki.json" | cut -f1)
rm -f "$TMP/check-tokki.json" "$TMP/check-py.json"

# The corpus was written in NPROC processes: give the 1-minute load average up to 2 minutes to
# fall below 1.0 again before timing (it is printed below either way).
for ((i = 0; i < 24; i++)); do
  awk '{ exit !($1 < 1.0) }' /proc/loadavg && break
  sleep 5
done

# --- Header. ----------------------------------------------------------------------------------
CORPUS_KB=$(du -skL "$CORPUS" | cut -f1)
echo "date:     $(date '+%Y-%m-%d %H:%M:%S %z')"
echo "machine:  nproc $NPROC, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
  "$(awk '/MemTotal/{printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before timing)"
echo "tokki:    $TOKKI_ARG (sha256 $(sha256sum "$TOKKI" | cut -c1-12)), rules.xml sha256" \
  "$(sha256sum "$DATA/rules/rules.xml" | cut -c1-12)"
echo "python:   $PY $("$PY" -c 'import sys; print(sys.version.split()[0])'), python-docx" \
  "$("$PY" -c 'import importlib.metadata as m; print(m.version("python-docx"))' 2>/dev/null || echo '?')"
echo "corpus:   $N agreements by make_check_corpus.py (seed $SEED; $TOTAL written in ${GEN_S} s)," \
  "$((CORPUS_KB / 1024)) MiB of .docx, $(awk -F'\t' -v n="$N" 'NR<=n{c+=$6} END{printf "%.0f", c/n}' \
    "$TMP/summary.tsv") characters per agreement on average, on $(df -P "$TMP" | awk 'NR==2{print $1}')"
echo "agree:    $(cat "$TMP/compare.txt"); JSON output $((OUT_KB / 1024)) MiB"
echo "timed:    tokki check DIR --jobs 1|2 --date $DATE --format json -o out.json"
echo "          $(basename "$PY") bench/python_check_baseline.py DIR --date $DATE --annex annex.json -o out.json"

# --- Timed runs, alternating. -----------------------------------------------------------------
: >"$TMP/times.tsv"
run() {
  local label=$1
  shift
  rm -f "$TMP/out.json"
  sync
  sleep 2
  local t0 t1 st=0
  t0=$(date +%s%N)
  "$@" "$TMP/out.json" >/dev/null 2>"$TMP/stderr" || st=$?
  t1=$(date +%s%N)
  ok_status $st || { cat "$TMP/stderr" >&2; die "$label failed (exit $st)"; }
  local n ms
  n=$(count_reports "$TMP/out.json")
  [[ $n -eq $N ]] || die "$label reported on $n files, not $N"
  printf '%s\t%d\n' "$label" $((t1 - t0)) >>"$TMP/times.tsv"
  ms=$(((t1 - t0) / 1000000))
  printf '  rep %d  %-14s %4d.%03d s  (%d files)\n' "$rep" "$label" $((ms / 1000)) $((ms % 1000)) "$n"
}
# The floor prints "files N ..." instead of writing a report.
run_floor() {
  sync
  sleep 2
  local t0 t1 ms out
  t0=$(date +%s%N)
  out=$("$TMP/docx_floor" "$CORPUS") || die "docx_floor failed: $out"
  t1=$(date +%s%N)
  [[ $out == "files $N "* ]] || die "docx_floor read other than $N files: $out"
  printf 'floor\t%d\n' $((t1 - t0)) >>"$TMP/times.tsv"
  ms=$(((t1 - t0) / 1000000))
  printf '  rep %d  %-14s %4d.%03d s  (%s)\n' "$rep" floor $((ms / 1000)) $((ms % 1000)) "$out"
}
for ((rep = 1; rep <= REPS; rep++)); do
  run tokki-jobs1 tokki_check 1
  run python python_check
  run tokki-jobs2 tokki_check 2
  run_floor
done >&2
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (after timing)"

# --- Peak RSS of tokki check --jobs 1 as the number of files grows. --------------------------
: >"$TMP/rss.tsv"
for m in $MEM_SIZES; do
  rm -f "$TMP/out.json"
  sync
  sleep 2
  st=0
  /usr/bin/time -f '%M %e' -o "$TMP/rss" "$TOKKI" --data "$DATA" check "$TMP/corpus-$m" --jobs 1 \
    --date "$DATE" --format json -o "$TMP/out.json" >/dev/null 2>"$TMP/stderr" || st=$?
  ok_status $st || { cat "$TMP/stderr" >&2; die "tokki check of $m files failed (exit $st)"; }
  n=$(count_reports "$TMP/out.json")
  [[ $n -eq $m ]] || die "tokki check reported on $n files, not $m"
  printf '%d\t%s\t%s\t%d\n' "$m" $(tail -1 "$TMP/rss") "$(du -k "$TMP/out.json" | cut -f1)" >>"$TMP/rss.tsv"
done
echo

# --- Tables. ----------------------------------------------------------------------------------
"$PY" - "$TMP/times.tsv" "$TMP/rss.tsv" "$N" "$REPS" <<'EOF'
import statistics, sys
path, rss_path, n, reps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
runs = {}
for line in open(path):
    label, ns = line.split("\t")
    runs.setdefault(label, []).append(int(ns) / 1e9)
med = {k: statistics.median(v) for k, v in runs.items()}
py, j1, j2, fl = med["python"], med["tokki-jobs1"], med["tokki-jobs2"], med["floor"]
rows = [("tokki check --jobs 1", "tokki-jobs1"), ("tokki check --jobs 2", "tokki-jobs2"),
        ("python-docx + re (1 process)", "python"), ("C floor (docx_floor, 1 core)", "floor")]
print(f"| {'':28} | median s | min s   | max s   | files/s | python/tokki |")
print(f"|{'-' * 30}|---------:|--------:|--------:|--------:|-------------:|")
for title, label in rows:
    t = runs[label]
    ratio = "1" if label == "python" else f"{py / med[label]:.1f}×"
    print(f"| {title:28} | {med[label]:8.3f} | {min(t):7.3f} | {max(t):7.3f} | {n / med[label]:7.0f} | {ratio:>12} |")
print(f"\nmedians of {reps} runs, {n} files each; --jobs 2 over --jobs 1: {j1 / j2:.2f}×;"
      f" tokki --jobs 1 runs at {fl / j1:.0%} of the C floor's files per second")
print()
print("| files | peak RSS (MiB) | wall s | JSON out (MiB) |")
print("|------:|---------------:|-------:|---------------:|")
rss = []
for line in open(rss_path):
    m, kib, wall, out_kib = line.split("\t")
    rss.append((int(m), int(kib)))
    print(f"| {int(m):5} | {int(kib) / 1024:14.1f} | {float(wall):6.2f} | {int(out_kib) / 1024:14.1f} |")
(m0, r0), (m1, r1) = rss[0], rss[-1]
per_1000 = (r1 - r0) / (m1 - m0) * 1000 / 1024
flat = r1 <= 1.2 * r0
print(f"\npeak RSS grows {per_1000:.1f} MiB per 1000 files ({m0} → {m1} files: {r1 / r0:.1f}×)")
print()
verdict = lambda ok: "met" if ok else "NOT met"
print(f"target ≥ 40× python with --jobs 1:   {verdict(py / j1 >= 40)} ({py / j1:.1f}×)")
print(f"target ≥ 50% of the C floor, 1 job:  {verdict(fl / j1 >= 0.5)} ({fl / j1:.0%})")
print(f"target --jobs 2 ≥ 1.8× --jobs 1:     {verdict(j1 / j2 >= 1.8)} ({j1 / j2:.2f}×)")
print(f"target flat memory (≤ +20% at {m1}): {verdict(flat)} ({r0 / 1024:.0f} → {r1 / 1024:.0f} MiB)")
EOF
