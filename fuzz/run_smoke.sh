#!/usr/bin/env bash
# Runs every libFuzzer target in fuzz/ for a while (FUZZ_SECONDS, default 60) from seed corpora
# built out of the repository's test files, and fails if any target finds a crash, a leak, a
# timeout or runs out of memory. `make fuzz-smoke` builds the targets and calls this.
#
#   fuzz/run_smoke.sh BUILD_DIR          (BUILD_DIR configured with -DTOKKI_FUZZ=ON)
#
# Environment: FUZZ_SECONDS, FUZZ_TARGETS (default: all), FUZZ_OUT (default BUILD_DIR/fuzz-out:
# seeds, working corpora and, for each finding, the input that caused it: crash-*, leak-*,
# timeout-*, oom-*). A finding is reproduced with `BUILD_DIR/fuzz/fuzz_T FILE`, and becomes a
# regression test (tests/hostile/ or a unit test) when fixed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:?usage: run_smoke.sh BUILD_DIR}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-zip docx text pdf date diff data_files}
OUT=${FUZZ_OUT:-$BUILD/fuzz-out}

die() { echo "fuzz-smoke: $*" >&2; exit 1; }
[[ $SECONDS_EACH =~ ^[1-9][0-9]*$ ]] || die "FUZZ_SECONDS must be a positive integer"

# --- Seeds: real files of each kind, small enough for libFuzzer's -max_len. ------------------
rm -rf "$OUT"
mkdir -p "$OUT"
seed_dir() { mkdir -p "$OUT/seeds/$1" && echo "$OUT/seeds/$1"; }
files=$ROOT/tests/corpus/files
d=$(seed_dir zip); cp "$files"/*.docx "$d/"
d=$(seed_dir docx); cp "$files"/*.docx "$d/"
d=$(seed_dir pdf); cp "$files"/*.pdf "$d/"
d=$(seed_dir text); cp "$files"/*.txt "$d/"
d=$(seed_dir data_files); cp "$ROOT"/clauses/modules/*.xml "$ROOT"/rules/rules.xml "$d/"
d=$(seed_dir date)
i=0
for s in 2023-04-01 令和5年4月1日 R5.4.1 平成29年9月13日 平成二十九年九月十三日 令和元年5月1日 \
  H31.4.30 '令和 5 年 4 月 1 日' ２０２３－０４－０１ 昭和64年1月7日; do
  printf '%s' "$s" >"$d/$((i++))"
done
# diff: two versions joined by a NUL byte, from the seed texts of the corpus.
d=$(seed_dir diff)
txts=("$files"/*.txt)
for ((k = 0; k + 1 < ${#txts[@]}; k++)); do
  { head -c 3000 "${txts[k]}"; printf '\0'; head -c 3000 "${txts[k + 1]}"; } >"$d/pair$k"
done

# --- Runs. -----------------------------------------------------------------------------------
declare -A MAX_LEN=([zip]=262144 [docx]=262144 [pdf]=262144 [text]=65536 [data_files]=65536
  [date]=256 [diff]=4096)
failed=()
for t in $TARGETS; do
  bin=$BUILD/fuzz/fuzz_$t
  [[ -x $bin ]] || die "$bin: not built (configure with -DTOKKI_FUZZ=ON)"
  mkdir -p "$OUT/work/$t" "$OUT/findings/$t"
  echo "fuzz-smoke: $t for ${SECONDS_EACH} s" >&2
  st=0
  # ASan: the allocator returns null instead of aborting on a huge request, as the engine's own
  # limits expect; LeakSanitizer on (libFuzzer reports leaks as findings).
  ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    TOKKI_SOURCE_DIR=$ROOT \
    "$bin" "$OUT/work/$t" "$OUT/seeds/$t" -max_total_time="$SECONDS_EACH" \
    -max_len="${MAX_LEN[$t]}" -timeout=25 -rss_limit_mb=2560 -print_final_stats=1 \
    -artifact_prefix="$OUT/findings/$t/" >"$OUT/$t.log" 2>&1 || st=$?
  tail -n 12 "$OUT/$t.log" | grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' | \
    sed "s/^/fuzz-smoke: $t: /" >&2 || true
  if ((st != 0)) || compgen -G "$OUT/findings/$t/*" >/dev/null; then
    failed+=("$t")
    echo "fuzz-smoke: $t FAILED (exit $st); log $OUT/$t.log, inputs in $OUT/findings/$t/" >&2
    grep -m 5 -E 'ERROR|SUMMARY|runtime error' "$OUT/$t.log" >&2 || true
  fi
done
if ((${#failed[@]})); then
  die "findings in: ${failed[*]}"
fi
echo "fuzz-smoke: all targets ran ${SECONDS_EACH} s without a finding" >&2
