#!/usr/bin/env bash
# Suggestions benchmark (not a test): release build, SQLite, loopback, signed in as an entity
# focal point (who sees every project and the published needs). Seeds 193 States × 5 reports
# and 20,000 needs with the `seed` bench, then PROJECTS projects with the `seed_suggestions`
# bench (default 20,000), which also grows the needs to NEEDS (default 2,000,000) by copies
# inside SQLite (one by one through diesel would take an hour), and measures `GET /api/v1/needs/{id}/suggestions`
# for one need: REQUESTS sequential requests timed by curl (p50, p99, max), then wrk's latency
# report when wrk is installed. The issue's target is p99 under 50 ms.
# Usage: bash scripts/bench-suggestions.sh [NEEDS] [PROJECTS] [REQUESTS]
# Set KEEP_DB=DIR to seed once into DIR and reuse it on later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
NEEDS=${1:-2000000}
PROJECTS=${2:-20000}
REQUESTS=${3:-1000}
DIR=${KEEP_DB:-$(mktemp -d)}
mkdir -p "$DIR"
PORT=${PORT:-18283}
BASE="http://127.0.0.1:$PORT"
DB="sqlite://$DIR/portal.db"
cleanup() {
  kill "${PID:-}" 2>/dev/null || true
  [ -n "${KEEP_DB:-}" ] || rm -rf "$DIR"
}
trap cleanup EXIT
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${PORTAL_BIN:-$TARGET/release/portal}
[ -n "${PORTAL_BIN:-}" ] || cargo build --release --quiet
# The seeders are bench targets built with the release profile.
cargo build --release --quiet --bench seed --bench seed_suggestions
SEED=$(ls -t "$TARGET"/release/deps/seed-* | grep -v '\.d$' | head -n 1)
SEED_PROJECTS=$(ls -t "$TARGET"/release/deps/seed_suggestions-* | grep -v '\.d$' | head -n 1)
if [ ! -s "$DIR/seeded" ]; then
  time "$SEED" "$DB" 20000
  time "$SEED_PROJECTS" "$DB" "$PROJECTS" "$NEEDS"
  echo "$NEEDS needs, $PROJECTS projects" > "$DIR/seeded"
fi
echo "database: $(cat "$DIR/seeded"), $(du -sh "$DIR" | cut -f1)"
PORTAL_DATA_DIR="$DIR" PORTAL_DATABASE_URL="$DB" PORTAL_BIND="127.0.0.1:$PORT" PORTAL_LOG=warn $BIN serve &
PID=$!
for _ in $(seq 1 300); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

TOKEN=$(curl -s -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"entity@bench.example.org","password":"bench password long enough"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
NEED=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/needs?limit=1" | sed 's/.*"items":\[{"id":"\([^"]*\)".*/\1/')
URL="$BASE/api/v1/needs/$NEED/suggestions"
echo "need $NEED: $(curl -s -H "Authorization: Bearer $TOKEN" "$URL" | grep -o '"project_id"' | wc -l) suggestions shown"
curl -s -H "Authorization: Bearer $TOKEN" "$URL" | head -c 600; echo

# Warm up, then time each request (curl's time_total: connect to last byte).
for _ in $(seq 1 20); do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL"; done
TIMES="$DIR/times"
for _ in $(seq 1 "$REQUESTS"); do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $TOKEN" "$URL"
done > "$TIMES"
echo "== sequential, $REQUESTS requests (curl)"
awk '$1 != 200 {bad++} END {print "  non-200: " bad+0}' "$TIMES"
cut -d' ' -f2 "$TIMES" | sort -n | awk '{t[NR] = $1 * 1000} END {
  printf "  p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    t[int(NR * 0.50)], t[int(NR * 0.90)], t[int(NR * 0.99)], t[NR]}'
if command -v wrk >/dev/null; then
  echo "== wrk -t2 -c4 -d15s --latency"
  wrk -t2 -c4 -d15s --latency -H "Authorization: Bearer $TOKEN" "$URL" \
    | grep -E 'Requests/sec|50%|90%|99%|Non-2xx|Socket errors' | sed 's/^/  /'
fi
echo "RSS after load: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$PID/status)"
