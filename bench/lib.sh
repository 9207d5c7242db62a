# Shared by bench/run, assemble_vs_python_docx.sh and check_vs_python_docx.sh: sourced, not run.
# shellcheck shell=bash

# The machine, for the header of every table.
bench_machine_lines() {
  echo "date:     $(date '+%Y-%m-%d %H:%M:%S %z')"
  echo "machine:  nproc $(nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
    "$(awk '/MemTotal/{printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
  echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before timing)"
}

# bench_make_profiles N FILE: N assemble profiles (JSONL) cycling over the four types and the dates
# of the three editions (2017-09-13, 2020-02-01, 2023-04-01, 令和6年4月1日); subcontract only from
# 2023-04-01 on, with a subcontractor. name, contractor and contract_title differ on every line.
bench_make_profiles() {
  local n=$1 file=$2 i k d name line
  local types=(outsourcing system-development service-operation subcontract)
  local titles=(窓口業務委託 システム開発業務委託 システム運用保守業務委託 データ入力業務再委託)
  local dates=(2017-09-13 2020-02-01 2023-04-01 令和6年4月1日)
  for ((i = 1; i <= n; i++)); do
    k=$(((i - 1) % 4))
    d=$((((i - 1) / 4) % 4))
    # subcontract exists only from the 2023 edition (2023-04-01).
    if [[ ${types[k]} == subcontract ]] && ((d < 2)); then d=$((d + 2)); fi
    printf -v name 'c%04d' "$i"
    line="{\"type\":\"${types[k]}\",\"date\":\"${dates[d]}\",\"name\":\"$name\""
    line+=",\"contractor\":\"株式会社サンプル$i\",\"contract_title\":\"${titles[k]}（案件$i）\""
    if [[ ${types[k]} == subcontract ]]; then line+=",\"subcontractor\":\"有限会社協力$i\""; fi
    echo "$line}"
  done >"$file"
}

# bench_make_corpus PYTHON OUT_DIR START COUNT SEED CLAUSES_DIR SUMMARY: agreements START+1 ..
# START+COUNT (OUT_DIR/agreement-NNNNN.docx) by make_check_corpus.py in nproc processes. File i
# depends only on the seed and i, so a corpus can be grown later. SUMMARY gets one line per file
# (name, layout, party words, provisions, characters), merged with the lines it already has and
# sorted. Returns 1 on failure.
bench_make_corpus() {
  local py=$1 out=$2 start=$3 count=$4 seed=$5 clauses=$6 summary=$7
  local nproc per w s c p status=0 pids=()
  nproc=$(nproc)
  per=$(((count + nproc - 1) / nproc))
  for ((w = 0; w < nproc; w++)); do
    s=$((start + w * per))
    c=$((start + count - s < per ? start + count - s : per))
    ((c > 0)) || continue
    "$py" "$(dirname "${BASH_SOURCE[0]}")/make_check_corpus.py" "$out" --start "$s" --count "$c" \
      --seed "$seed" --clauses "$clauses" --summary "$summary.part$w" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || status=1; done
  if ((status == 0)); then
    cat "$summary".part* "$summary" 2>/dev/null | sort -u >"$summary.new"
    mv "$summary.new" "$summary"
  fi
  rm -f "$summary".part*
  return "$status"
}

# bench_count_docx DIR: the .docx files directly in DIR.
bench_count_docx() { find "$1" -maxdepth 1 -type f -name '*.docx' | wc -l; }

# bench_wait_load MAX_SECONDS: waits until the 1-minute load average is below 1.0 (or gives up).
bench_wait_load() {
  local i
  for ((i = 0; i < $1; i += 5)); do
    awk '{ exit !($1 < 1.0) }' /proc/loadavg && return 0
    sleep 5
  done
  return 0
}
