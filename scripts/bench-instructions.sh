#!/usr/bin/env bash
# Instructions per request (not a test): the pages of scripts/bench-reports.sh served by a
# release build under valgrind's callgrind, which counts instructions, not seconds. The count
# is the same from run to run whatever else the machine does, so two builds (an A/B of a
# change) can be compared on a busy machine where wrk's figures move by ±10 %.
# For each page: 20 requests to warm up, the counters zeroed, N requests (default 100) one
# after the other, the counters dumped; prints instructions per request (every thread: the
# workers, the blocking pool, SQLite).
# Needs curl and valgrind. Usage:
#   bash scripts/bench-instructions.sh [NEEDS] [N]
#   PORTAL_BIN=/tmp/old/portal PORTAL_SEED=/tmp/old/seed bash scripts/bench-instructions.sh
#   CARGO_PROFILE=profiling (default release): the profile of Cargo.toml to build and run.
#   SEEDED_DB=FILE starts from a copy of a database the seed wrote (`seed sqlite://FILE 20000`)
#   instead of seeding anew, so an A/B counts the same rows.
#   KEEP_PROFILES=DIR keeps each page's callgrind files there (DIR/<page>.<pid>.<n>), for
#   `callgrind_annotate --inclusive=yes DIR/reports.*` (a build with debug lines names lines).
set -euo pipefail
cd "$(dirname "$0")/.."
NEEDS=${1:-20000}
N=${2:-100}
DIR=$(mktemp -d)
PORT=${PORT:-18284}
BASE="http://127.0.0.1:$PORT"
DB="sqlite://$DIR/portal.db"
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
PID=
TARGET=${CARGO_TARGET_DIR:-target}
PROFILE=${CARGO_PROFILE:-release}
BIN=${PORTAL_BIN:-$TARGET/$PROFILE/portal}
[ -n "${PORTAL_BIN:-}" ] || cargo build --profile "$PROFILE" --quiet --bin portal
if [ -n "${SEEDED_DB:-}" ]; then
  # The same rows for both builds of an A/B: the seed's ids are random, so two seedings order
  # and show different rows, and the counts differ by a few per cent.
  cp "$SEEDED_DB" "$DIR/portal.db"
else
  if [ -n "${PORTAL_SEED:-}" ]; then SEED=$PORTAL_SEED; else
    cargo build --profile "$PROFILE" --quiet --bench seed
    SEED=$(ls -t "$TARGET/$PROFILE"/deps/seed-* | grep -v '\.d$' | head -n 1)
  fi
  "$SEED" "$DB" "$NEEDS" >/dev/null
fi
# One worker: the count is of the work, and a single worker keeps the threads few.
PORTAL_DATA_DIR="$DIR" PORTAL_DATABASE_URL="$DB" PORTAL_BIND="127.0.0.1:$PORT" PORTAL_LOG=warn \
  PORTAL_WORKERS=1 valgrind --tool=callgrind --callgrind-out-file="$DIR/cg.%p" \
  "$BIN" serve 2>"$DIR/valgrind.log" &
PID=$!
for _ in $(seq 1 600); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh
bench_sign_in "$BASE" "$DIR"
REPORT=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/reports?limit=1" | sed 's/.*"id":"\([^"]*\)".*/\1/')

count() {
  local name=$1
  shift
  for _ in $(seq 1 20); do curl -s -o /dev/null "$@"; done
  callgrind_control -z "$PID" >/dev/null
  local status
  status=$(for _ in $(seq 1 "$N"); do curl -s -o /dev/null -w '%{http_code}\n' "$@"; done | sort | uniq -c | tr -s ' ' | tr '\n' ' ')
  rm -f "$DIR"/cg.*.*
  callgrind_control -d "$PID" >/dev/null
  if [ -n "${KEEP_PROFILES:-}" ]; then
    mkdir -p "$KEEP_PROFILES"
    local file
    for file in "$DIR"/cg.*.*; do
      cp "$file" "$KEEP_PROFILES/$(tr -c 'a-zA-Z0-9\n' '_' <<<"$name" | tr -d '\n')${file#"$DIR"/cg}"
    done
  fi
  local total
  # One file a thread; each says its count once as `summary:` (older valgrinds: `totals:`).
  total=$(for f in "$DIR"/cg.*.*; do
    awk '/^summary:/ {s = $2} /^totals:/ && !s {t = $2} END {print (s ? s : t) + 0}' "$f"
  done | awk '{s += $1} END {print s}')
  printf '%-40s %12d instructions/request  (status:%s)\n' "$name" $((total / N)) "$status"
}
count "HTML /reports" -H "$COOKIE" "$BASE/reports"
count "HTML /needs" -H "$COOKIE" "$BASE/needs"
count "HTML /needs by area" -H "$COOKIE" "$BASE/needs?thematic_area=Countering%20the%20financing%20of%20terrorism&priority=high"
count "HTML report page" -H "$COOKIE" "$BASE/reports/$REPORT"
count "HTML /projects" -H "$COOKIE" "$BASE/projects"
count "HTML /documents" -H "$COOKIE" "$BASE/documents"
count "API /api/v1/reports" -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/reports"
count "API /api/v1/needs" -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/needs"
count "API coordination matrix" -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/coordination/matrix"
count "API /api/v1/me" -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/me"
count "HTML / (dashboard)" -H "$COOKIE" "$BASE/"
