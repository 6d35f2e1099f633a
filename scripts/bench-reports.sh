#!/usr/bin/env bash
# Report and needs list benchmark (not a test): release build, SQLite, loopback, signed in as
# an entity focal point. Loads 193 States × 5 reports × 12 sections and NEEDS needs (default
# 20,000; try 2000000 to see that page 1 costs the same), then measures with wrk.
# Then holds 500 requests/s on each list page with oha (constant rate, latency corrected for
# coordinated omission: the issue's target is p99 under 25 ms at that rate).
# Needs curl, wrk and oha (`cargo install oha --locked`). Usage: bash scripts/bench-reports.sh [NEEDS]
set -euo pipefail
cd "$(dirname "$0")/.."
NEEDS=${1:-20000}
DIR=$(mktemp -d)
PORT=${PORT:-18282}
BASE="http://127.0.0.1:$PORT"
DB="sqlite://$DIR/portal.db"
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
# PORTAL_BIN names a binary built elsewhere (an A/B run against an older commit); else build.
BIN=${PORTAL_BIN:-target/release/portal}
[ -n "${PORTAL_BIN:-}" ] || cargo build --release --quiet
# The seeder is a bench target built with the release profile (`cargo bench` would rebuild
# everything under the separate bench profile).
# PORTAL_SEED names a seeder built elsewhere, with PORTAL_BIN.
if [ -n "${PORTAL_SEED:-}" ]; then SEED=$PORTAL_SEED; else
  cargo build --release --quiet --bench seed
  SEED=$(ls -t target/release/deps/seed-* | grep -v '\.d$' | head -n 1)
fi
"$SEED" "$DB" "$NEEDS"
PORTAL_DATA_DIR="$DIR" PORTAL_DATABASE_URL="$DB" PORTAL_BIND="127.0.0.1:$PORT" PORTAL_LOG=warn $BIN serve &
PID=$!
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# Sign in through the form like a browser, as the entity focal point.
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh
bench_sign_in "$BASE" "$DIR"
REPORT=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/reports?limit=1" | sed 's/.*"id":"\([^"]*\)".*/\1/')

run() {
  echo "== $1"
  shift
  wrk -t2 -c16 -d10s --latency "$@" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors' | sed 's/^/  /'
}
# Constant rate: 500 requests/s for 20 s over 32 connections.
rate() {
  if ! command -v oha >/dev/null; then echo "== $1 at 500 req/s: skipped (no oha)"; return; fi
  echo "== $1 at 500 req/s (oha)"
  shift
  oha -z 20s -q 500 -c 32 --latency-correction --no-tui --output-format json "$@" | python3 -c '
import json, sys
r = json.load(sys.stdin)
p = r["latencyPercentiles"]
codes = r.get("statusCodeDistribution", {})
print("  %.0f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, status %s" % (
    r["summary"]["requestsPerSec"], p["p50"] * 1000, p["p99"] * 1000,
    r["summary"]["slowest"] * 1000, codes))'
}
rate "HTML /reports (50 a page)" -H "$COOKIE" "$BASE/reports"
rate "HTML /needs (50 a page)" -H "$COOKIE" "$BASE/needs"

run "HTML /reports (50 a page)" -H "$COOKIE" "$BASE/reports"
run "HTML /needs (50 a page)" -H "$COOKIE" "$BASE/needs"
run "HTML /needs filtered by area" -H "$COOKIE" "$BASE/needs?thematic_area=Countering%20the%20financing%20of%20terrorism&priority=high"
run "HTML report page (each read audited)" -H "$COOKIE" "$BASE/reports/$REPORT"
run "API /api/v1/needs" -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/needs"
echo "RSS after load: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$PID/status)"
