#!/usr/bin/env bash
# Times `tokki assemble --batch` of N annexes against python3-docx writing the same N .docx,
# whole processes, wall clock, side by side in one run. See bench/README.md.
#
#   bench/assemble_vs_python_docx.sh [N=500] [REPETITIONS=5] [TOKKI=<repo>/build/tokki]
#
# Environment: PYTHON (default /usr/bin/python3, which must have python3-docx), TMPDIR.
# Needs only bash, coreutils, date and that python; no hyperfine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
N=${1:-500}
REPS=${2:-5}
TOKKI_ARG=${3:-$ROOT/build/tokki}
PY=${PYTHON:-/usr/bin/python3}
PY_SCRIPT=$ROOT/bench/python_docx_annex.py

die() { echo "assemble_vs_python_docx: $*" >&2; exit 1; }

[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer, not '$N'"
[[ $REPS =~ ^[1-9][0-9]*$ ]] || die "REPETITIONS must be a positive integer, not '$REPS'"
[[ -f $TOKKI_ARG && -x $TOKKI_ARG ]] || die "$TOKKI_ARG: no tokki binary (build it first)"
"$PY" -c 'import docx' 2>/dev/null || die "$PY has no python-docx (use Debian's /usr/bin/python3)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tokki-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# Time a copy: build/tokki may be relinked by someone else while this runs.
cp "$TOKKI_ARG" "$TMP/tokki"
TOKKI=$TMP/tokki
NPROC=$(nproc)

# --- Profiles: N lines cycling over the four types and the dates of the three editions. -------
bench_make_profiles "$N" "$TMP/profiles.jsonl"

count_docx() { bench_count_docx "$1"; }

# --- Untimed preparation. ---------------------------------------------------------------------
# The annex content python-docx gets: tokki's JSON of every profile, and the parameter labels.
"$TOKKI" --data "$ROOT" clauses list --format json >"$TMP/library.json"
sed 's/}$/,"format":"json"}/' "$TMP/profiles.jsonl" >"$TMP/profiles-json.jsonl"
"$TOKKI" --data "$ROOT" assemble --batch "$TMP/profiles-json.jsonl" -o "$TMP/json" 2>/dev/null ||
  die "tokki could not assemble the profiles as JSON"
[[ $(find "$TMP/json" -maxdepth 1 -name '*.json' | wc -l) -eq $N ]] || die "tokki wrote no $N JSON"

# The two commands timed, writing into the directory given.
tokki_batch() { "$TOKKI" --data "$ROOT" assemble --batch "$TMP/profiles.jsonl" -o "$@"; }
python_docx() {
  "$PY" "$PY_SCRIPT" build --profiles "$TMP/profiles.jsonl" --json-dir "$TMP/json" \
    --library-json "$TMP/library.json" --out "$1"
}

# Warm-up run of each, and a check that both write the same documents (paragraph texts).
tokki_batch "$TMP/check-tokki" 2>/dev/null || die "tokki assemble --batch failed"
python_docx "$TMP/check-py" || die "python-docx failed"
[[ $(count_docx "$TMP/check-tokki") -eq $N && $(count_docx "$TMP/check-py") -eq $N ]] ||
  die "warm-up did not produce $N .docx on each side"
"$PY" "$PY_SCRIPT" verify --profiles "$TMP/profiles.jsonl" --out "$TMP/check-py" \
  --tokki-dir "$TMP/check-tokki" || die "python-docx and tokki documents differ"
DOCX_KB_TOKKI=$(du -sk "$TMP/check-tokki" | cut -f1)
DOCX_KB_PY=$(du -sk "$TMP/check-py" | cut -f1)
rm -rf "$TMP/check-tokki" "$TMP/check-py"

# --- Header. ----------------------------------------------------------------------------------
echo "date:     $(date '+%Y-%m-%d %H:%M:%S %z')"
echo "machine:  nproc $NPROC, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before timing)"
echo "tokki:    $TOKKI_ARG (sha256 $(sha256sum "$TOKKI" | cut -c1-12))"
echo "python:   $PY $("$PY" -c 'import sys; print(sys.version.split()[0])'), python-docx" \
  "$("$PY" -c 'import docx, importlib.metadata as m; print(m.version("python-docx"))' 2>/dev/null || echo '?')"
echo "workload: $N annexes, $REPS repetitions, output on $(df -P "$TMP" | awk 'NR==2{print $1}')" \
  "(tokki $DOCX_KB_TOKKI KiB, python-docx $DOCX_KB_PY KiB in all)"
echo "timed:    tokki assemble --batch profiles.jsonl -o out [--jobs 1]"
echo "          $(basename "$PY") bench/python_docx_annex.py build --profiles profiles.jsonl" \
  "--json-dir json --library-json library.json --out out"

# --- Timed runs, alternating. -----------------------------------------------------------------
# Each run writes into a new directory on a settled disk. Removing the previous run's 500
# files (ext4 here is mounted with discard) and writing back its dirty pages both go on in the
# background for a while; a run that starts right after them paid ~0.4 s for the other's I/O.
# So the previous output is removed, then sync and a pause (all untimed): tokki flushes what it
# writes (one syncfs per batch), python-docx does not, and neither run pays for the other.
: >"$TMP/times.tsv"
run() {
  local label=$1
  shift
  rm -rf "$TMP/out"
  sync
  sleep 2
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>"$TMP/stderr" || { cat "$TMP/stderr" >&2; die "$label failed"; }
  t1=$(date +%s%N)
  local n ms
  n=$(count_docx "$TMP/out")
  [[ $n -eq $N ]] || die "$label wrote $n .docx, not $N"
  printf '%s\t%d\n' "$label" $((t1 - t0)) >>"$TMP/times.tsv"
  ms=$(((t1 - t0) / 1000000))
  printf '  rep %d  %-14s %4d.%03d s  (%d .docx)\n' "$rep" "$label" $((ms / 1000)) $((ms % 1000)) "$n"
}
for ((rep = 1; rep <= REPS; rep++)); do
  run tokki-jobs1 tokki_batch "$TMP/out" --jobs 1
  run python-docx python_docx "$TMP/out"
  run tokki-default tokki_batch "$TMP/out"
done >&2
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (after timing)"
echo

# --- Table. -----------------------------------------------------------------------------------
"$PY" - "$TMP/times.tsv" "$N" "$REPS" "$NPROC" <<'EOF'
import statistics, sys
path, n, reps, nproc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
runs = {}
for line in open(path):
    label, ns = line.split("\t")
    runs.setdefault(label, []).append(int(ns) / 1e9)
py = statistics.median(runs["python-docx"])
rows = [("tokki --jobs 1", "tokki-jobs1"),
        (f"tokki (default --jobs = {nproc})", "tokki-default"),
        ("python3-docx (1 process)", "python-docx")]
print(f"| {'':32} | median s | min s  | max s  | annexes/s | python/tokki |")
print(f"|{'-' * 34}|---------:|-------:|-------:|----------:|-------------:|")
for title, label in rows:
    t = runs[label]
    med = statistics.median(t)
    ratio = "1" if label == "python-docx" else f"{py / med:.1f}×"
    print(f"| {title:32} | {med:8.3f} | {min(t):6.3f} | {max(t):6.3f} | {n / med:9.0f} | {ratio:>12} |")
best = statistics.median(runs["tokki-default"])
verdict = "met" if py / best >= 50 else "NOT met"
print(f"\nmedians of {reps} runs, {n} annexes each; target tokki ≥ 50× python3-docx "
      f"(default --jobs): {verdict} ({py / best:.1f}×)")
EOF
