#!/usr/bin/env bash
# Foundation benchmark (not a test): release build, SQLite, loopback.
#   idle memory of `portal serve`, sign-in wall time, 20 concurrent sign-ins vs /healthz,
#   and authenticated GET /api/v1/me throughput with wrk.
# Needs curl and wrk (apt-get install wrk). Usage: bash scripts/bench-foundation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# PORTAL_BIN names a binary built elsewhere (an A/B run against an older commit); else build.
BIN=${PORTAL_BIN:-target/release/portal}
[ -n "${PORTAL_BIN:-}" ] || cargo build --release --quiet
DIR=$(mktemp -d)
PORT=${PORT:-18181}
BASE="http://127.0.0.1:$PORT"
PASSWORD='bench password long enough'
export PORTAL_DATA_DIR="$DIR" PORTAL_BIND="127.0.0.1:$PORT" PORTAL_LOG=warn
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT

echo "$PASSWORD" | $BIN user create --email bench@unodc.example.org --name Bench --org UNODC --role focal_point --password-stdin >/dev/null
$BIN serve & PID=$!
for _ in $(seq 1 50); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
sleep 3
echo "idle RSS of portal serve: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$PID/status)"

login() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$BASE/api/v1/auth/login" \
  -H 'content-type: application/json' -d "{\"email\":\"bench@unodc.example.org\",\"password\":\"$PASSWORD\"}"; }
export -f login; export BASE PASSWORD
echo "sign-in wall time, 20 sequential (s):"
for _ in $(seq 1 20); do login; done | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {printf "  min %.3f  median %.3f  max %.3f\n", a[1], a[int((NR+1)/2)], a[NR]}'

echo "burst of 20 concurrent sign-ins while polling /healthz:"
( for _ in $(seq 1 40); do curl -s -o /dev/null -w '%{time_total}\n' "$BASE/healthz"; sleep 0.02; done ) > "$DIR/health.txt" &
HP=$!
start=$(date +%s.%N)
seq 1 20 | xargs -P 20 -I{} bash -c login > "$DIR/burst.txt"
end=$(date +%s.%N)
wait $HP
echo "  20 sign-ins: $(grep -c '^200' "$DIR/burst.txt") answered 200 in $(echo "$end - $start" | bc) s"
sort -n "$DIR/health.txt" | awk '{a[NR]=$1} END {printf "  /healthz during the burst: median %.4f s, max %.4f s (%d probes)\n", a[int((NR+1)/2)], a[NR], NR}'

TOKEN=$(curl -s -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"bench@unodc.example.org\",\"password\":\"$PASSWORD\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/')
echo "GET /api/v1/me with wrk (2 threads, 32 connections, 10 s):"
wrk -t2 -c32 -d10s --latency -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/me" | sed 's/^/  /'
echo "RSS after load: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$PID/status)"
