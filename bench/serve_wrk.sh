#!/usr/bin/env bash
# Load test of tokki serve: wrk (Debian package) with C concurrent clients posting a typical
# agreement to /api/check for D seconds, then the register checked: exactly one `checks` row
# per successful request and `PRAGMA integrity_check` ok. Prints checks per second, latency
# percentiles and errors. See bench/README.md.
#
#   bench/serve_wrk.sh [SECONDS=15] [CLIENTS=16] [TOKKI=<repo>/build/tokki]
#
# Environment: AGREEMENT (default tests/corpus/files/2023_outsourcing_itaku_compliant.docx),
# THREADS (wrk threads, default 2), TMPDIR.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${1:-15}
CLIENTS=${2:-16}
TOKKI=${3:-$ROOT/build/tokki}
AGREEMENT=${AGREEMENT:-$ROOT/tests/corpus/files/2023_outsourcing_itaku_compliant.docx}
THREADS=${THREADS:-2}

die() { echo "serve_wrk: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk missing (apt-get install wrk)"
[[ -x $TOKKI ]] || die "$TOKKI: no tokki binary"
[[ -f $AGREEMENT ]] || die "$AGREEMENT: no such file"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tokki-wrk.XXXXXX")
SERVER=
cleanup() {
  if [[ -n $SERVER ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
DB=$TMP/tokki.db
printf '%s\n' "bench-password-1" | "$TOKKI" users add bench --role reviewer --db "$DB" >/dev/null 2>&1
TOKEN=$("$TOKKI" users token bench --db "$DB")

"$TOKKI" --data "$ROOT" serve --listen 127.0.0.1:0 --db "$DB" 2>"$TMP/serve.log" &
SERVER=$!
for _ in $(seq 100); do
  PORT=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/serve.log" | head -1)
  [[ -n $PORT ]] && break
  sleep 0.1
done
[[ -n ${PORT:-} ]] || die "tokki serve did not start: $(cat "$TMP/serve.log")"
URL=http://127.0.0.1:$PORT

# The request: multipart with the agreement, checked against the 2023 outsourcing annex.
cat >"$TMP/check.lua" <<EOF
local f = assert(io.open("$AGREEMENT", "rb"))
local file = f:read("*a")
f:close()
local b = "tokkibenchboundary7c1d"
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. b
wrk.body = "--" .. b .. "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\noutsourcing\r\n" ..
  "--" .. b .. "\r\nContent-Disposition: form-data; name=\"date\"\r\n\r\n2023-04-01\r\n" ..
  "--" .. b .. "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"agreement.docx\"\r\n" ..
  "Content-Type: application/octet-stream\r\n\r\n" .. file .. "\r\n--" .. b .. "--\r\n"
local ok, bad = 0, 0
response = function(status, headers, body)
  if status == 200 then ok = ok + 1 else bad = bad + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "connect=%d read=%d write=%d status=%d timeout=%d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
EOF

# Warm-up (not counted in the table, counted in the register check).
wrk -t1 -c2 -d2s -s "$TMP/check.lua" "$URL/api/check" >/dev/null
wrk -t"$THREADS" -c"$CLIENTS" -d"${DURATION}s" --latency -s "$TMP/check.lua" "$URL/api/check" \
  >"$TMP/wrk.out"
RESULT=$(grep '^RESULT ' "$TMP/wrk.out") || die "wrk printed no result: $(cat "$TMP/wrk.out")"

# Stop the server gracefully, so that every answered request has its row, then count.
kill -TERM "$SERVER"
wait "$SERVER" || true
SERVER=
/usr/bin/python3 - "$DB" "$RESULT" "$DURATION" "$CLIENTS" <<'EOF'
import sqlite3, sys
db, result, duration, clients = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
r = dict(kv.split("=") for kv in result.split()[1:])
r = {k: int(v) for k, v in r.items()}
con = sqlite3.connect(db)
rows = con.execute("select count(*) from checks").fetchone()[0]
ok200 = con.execute("select count(*) from audit where path = '/api/check' and status = 200").fetchone()[0]
integrity = con.execute("pragma integrity_check").fetchone()[0]
errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
rate = r["requests"] / (r["duration_us"] / 1e6)
print(f"| clients | seconds | checks | checks/s | p50 ms | p90 ms | p99 ms | max ms | errors |")
print(f"|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
print(f"| {clients} | {duration} | {r['requests']} | {rate:.0f} | {r['p50_us']/1000:.1f} | "
      f"{r['p90_us']/1000:.1f} | {r['p99_us']/1000:.1f} | {r['max_us']/1000:.1f} | {errors} |")
print(f"\nregister: {rows} check rows for {ok200} answered 200 (warm-up included); "
      f"integrity_check: {integrity}")
verdict = lambda ok: "met" if ok else "NOT met"
print(f"target >= 200 checks/s:   {verdict(rate >= 200)} ({rate:.0f})")
print(f"target p99 < 100 ms:      {verdict(r['p99_us'] < 100000)} ({r['p99_us']/1000:.1f} ms)")
print(f"target zero errors:       {verdict(errors == 0)} ({errors})")
print(f"target one row a request: {verdict(rows == ok200 and integrity == 'ok')} ({rows} / {ok200})")
EOF
