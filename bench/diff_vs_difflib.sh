#!/usr/bin/env bash
# Times tokki's text diff (DiffText, engine/diff/char_diff.cc, run by build/bench/diff_pairs)
# against Python's difflib.SequenceMatcher on the same pairs of texts. See bench/README.md.
#
#   bench/diff_vs_difflib.sh [REPETITIONS=5] [BUILD=<repo>/build]
#
# Environment: PYTHON (default /usr/bin/python3), MIN_TIME (default 0.3: each timed run
# repeats its diff until this many seconds have passed, and reports seconds per diff),
# LONG=1 to add the three 100-page pairs (difflib needs minutes for each, so it runs them once
# per script run, not REPETITIONS times), TMPDIR.
# BUILD must hold tokki and bench/diff_pairs (configured with TOKKI_BUILD_BENCH=ON).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPS=${1:-5}
BUILD=${2:-$ROOT/build}
PY=${PYTHON:-/usr/bin/python3}
MIN_TIME=${MIN_TIME:-0.3}
LONG=${LONG:-0}

die() { echo "diff_vs_difflib: $*" >&2; exit 1; }

[[ $REPS =~ ^[1-9][0-9]*$ ]] || die "REPETITIONS must be a positive integer, not '$REPS'"
[[ -x $BUILD/tokki ]] || die "$BUILD/tokki: no tokki binary (build it first)"
[[ -x $BUILD/bench/diff_pairs ]] || die "$BUILD/bench/diff_pairs: not built (TOKKI_BUILD_BENCH=ON)"
"$PY" -c 'import difflib' || die "$PY cannot import difflib"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tokki-diff-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# Time a copy: the build tree may be relinked by someone else while this runs.
cp "$BUILD/bench/diff_pairs" "$TMP/diff_pairs"
DIFF_PAIRS=$TMP/diff_pairs

# --- Pairs (untimed). -------------------------------------------------------------------------
# annex: the outsourcing annex of the 2017 and of the 2023 edition as text; the others are
# generated from the seed documents by bench/diff_texts.h (same texts on every run).
annex() {
  "$BUILD/tokki" --data "$ROOT" assemble --type outsourcing --date "$1" \
    --set contractor=株式会社サンプル --set contract_title=窓口業務委託 --format txt -o "$2"
}
annex 2017-09-13 "$TMP/annex.old.txt" || die "tokki assemble failed"
annex 2023-04-01 "$TMP/annex.new.txt" || die "tokki assemble failed"
"$DIFF_PAIRS" --make-corpus "$TMP" || die "diff_pairs --make-corpus failed"
pairs=(annex agreement10 agreement30)
long_pairs=(agreement100 unrelated100 shuffled100)
if [[ $LONG == 1 ]]; then pairs+=("${long_pairs[@]}"); fi
is_long() { [[ " ${long_pairs[*]} " == *" $1 "* ]]; }
chars() { "$PY" -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read()))' "$1"; }

# --- Header. ----------------------------------------------------------------------------------
echo "date:     $(date '+%Y-%m-%d %H:%M:%S %z')"
echo "machine:  nproc $(nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before timing)"
echo "tokki:    $BUILD/bench/diff_pairs (sha256 $(sha256sum "$DIFF_PAIRS" | cut -c1-12))"
echo "python:   $PY $("$PY" -c 'import sys; print(sys.version.split()[0])')"
echo "timed:    diff_pairs [--exact] --min-time $MIN_TIME OLD NEW      (DiffText, in process)"
echo "          $(basename "$PY") bench/difflib_baseline.py --min-time $MIN_TIME OLD NEW" \
  "(SequenceMatcher(None, old, new, autojunk=False).get_opcodes())"
for p in "${pairs[@]}"; do
  printf 'pair:     %-13s %7d → %7d characters\n' "$p" "$(chars "$TMP/$p.old.txt")" \
    "$(chars "$TMP/$p.new.txt")"
done

# The longest common subsequence by DiffText (--exact --cleanup 0, untimed): what the minimal
# diff keeps equal, to set against what difflib (which does not promise a minimal diff) finds.
: >"$TMP/lcs.tsv"
for p in "${pairs[@]}"; do
  "$DIFF_PAIRS" --exact --cleanup 0 "$TMP/$p.old.txt" "$TMP/$p.new.txt" |
    awk -v p="$p" -F'\t' '$1 != "total" { print p "\t" $7 }' >>"$TMP/lcs.tsv"
done

# --- Timed runs, alternating. -----------------------------------------------------------------
# Each line of times.tsv: side, pair, seconds per diff, runs (ops or opcodes), equal chars.
: >"$TMP/times.tsv"
run() {
  local side=$1 pair=$2
  shift 2
  local out
  out=$("$@" "$TMP/$pair.old.txt" "$TMP/$pair.new.txt" 2>"$TMP/stderr") ||
    { cat "$TMP/stderr" >&2; die "$side $pair failed"; }
  echo "$out" | awk -v s="$side" -v p="$pair" -F'\t' \
    '$1 != "total" { printf "%s\t%s\t%s\t%s\t%s\n", s, p, $5, $6, $7 }' >>"$TMP/times.tsv"
  printf '  rep %d  %-13s %-12s %s s/diff\n' "$rep" "$pair" "$side" \
    "$(echo "$out" | awk -F'\t' '$1 != "total" { print $5 }')"
}
# The command itself, as a whole process: `tokki diff OLD NEW` (reading both texts,
# segmenting them into provisions, aligning, diffing every pair, writing JSON), wall clock.
cp "$BUILD/tokki" "$TMP/tokki"
run_cli() {
  local pair=$1 start end
  start=$(date +%s%N)
  "$TMP/tokki" --data "$ROOT" diff "$TMP/$pair.old.txt" "$TMP/$pair.new.txt" --format json \
    -o "$TMP/cli.json" 2>"$TMP/stderr" || { cat "$TMP/stderr" >&2; die "tokki diff $pair failed"; }
  end=$(date +%s%N)
  local sec
  sec=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
  printf 'tokki-cli\t%s\t%s\t0\t0\n' "$pair" "$sec" >>"$TMP/times.tsv"
  printf '  rep %d  %-13s %-12s %s s/process\n' "$rep" "$pair" "tokki-cli" "$sec"
}
# And difflib as a whole process too: interpreter start, reading both texts, one diff.
run_py_cli() {
  local pair=$1 start end
  start=$(date +%s%N)
  "$PY" -c 'import difflib, sys
a, b = (open(f, encoding="utf-8").read() for f in sys.argv[1:3])
difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()' \
    "$TMP/$pair.old.txt" "$TMP/$pair.new.txt" || die "python difflib $pair failed"
  end=$(date +%s%N)
  local sec
  sec=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
  printf 'difflib-cli\t%s\t%s\t0\t0\n' "$pair" "$sec" >>"$TMP/times.tsv"
  printf '  rep %d  %-13s %-12s %s s/process\n' "$rep" "$pair" "difflib-cli" "$sec"
}
for ((rep = 1; rep <= REPS; rep++)); do
  for p in "${pairs[@]}"; do
    run_cli "$p"
    is_long "$p" || run_py_cli "$p"
    run tokki "$p" "$DIFF_PAIRS" --min-time "$MIN_TIME"
    run tokki-exact "$p" "$DIFF_PAIRS" --exact --min-time "$MIN_TIME"
    if is_long "$p"; then
      if ((rep == 1)); then run difflib "$p" "$PY" "$ROOT/bench/difflib_baseline.py"; fi
    else
      run difflib "$p" "$PY" "$ROOT/bench/difflib_baseline.py" --min-time "$MIN_TIME"
    fi
  done
done >&2
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (after timing)"
echo

# --- Table. -----------------------------------------------------------------------------------
"$PY" - "$TMP/times.tsv" "$TMP/lcs.tsv" "$REPS" "${pairs[@]}" <<'EOF'
import statistics, sys
path, lcs_path, reps, pairs = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
lcs = dict(line.rstrip("\n").split("\t") for line in open(lcs_path))
runs = {}
for line in open(path):
    side, pair, sec, nruns, equal = line.rstrip("\n").split("\t")
    runs.setdefault((side, pair), []).append((float(sec), int(nruns), int(equal)))
def med(side, pair):
    return statistics.median(r[0] for r in runs[(side, pair)])
def ms(s):
    return f"{s * 1000:.2f} ms" if s < 1 else f"{s:.2f} s"
print("| pair | DiffText | DiffText --exact | difflib | difflib / DiffText "
      "| tokki diff (process) | difflib (process) | processes: difflib / tokki diff "
      "| equal chars: minimal / difflib | difflib runs |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for p in pairs:
    c, t, te, d = med("tokki-cli", p), med("tokki", p), med("tokki-exact", p), med("difflib", p)
    dc = med("difflib-cli", p) if ("difflib-cli", p) in runs else None
    eq_t = lcs[p]
    eq_d = runs[("difflib", p)][0][2]
    proc = (ms(dc), f"{dc / c:,.1f}×") if dc is not None else ("—", "—")
    print(f"| {p} | {ms(t)} | {ms(te)} | {ms(d)} | {d / t:,.0f}× | {ms(c)} | {proc[0]} | {proc[1]} "
          f"| {eq_t} / {eq_d} | {len(runs[('difflib', p)])} |")
print(f"\nDiffText and difflib: the diff alone, in process (neither start-up nor reading timed); "
      "tokki diff and difflib (process): whole processes, start-up and reading included, wall "
      "clock (tokki diff also segments, aligns and writes JSON; difflib only diffs); "
      f"Medians of seconds per diff over {reps} runs (difflib on the 100-page pairs: 1 run); "
      "equal chars: characters kept equal by DiffText --exact --cleanup 0 (a longest common "
      "subsequence unless the work bound stopped it) and by difflib's 'equal' opcodes")
EOF
