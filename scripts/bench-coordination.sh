#!/usr/bin/env bash
# Who-does-what-where benchmark (not a test): release build, SQLite, loopback. Loads the
# list benchmark's data (scripts/bench-reports.sh: 193 States × 5 reports and NEEDS needs,
# default 2,000,000) and PROJECTS projects (default 20,000) with their matches, then asks for
# the full matrix (193 States × every thematic area) with wrk, signed in as an entity focal
# point (published sections, every project) and as a State focal point (its own needs,
# platform projects), and prints the query plans of the matrix's two grouped queries.
# The issue's target: p99 under 100 ms.
# Needs curl, wrk and sqlite3. Usage: bash scripts/bench-coordination.sh [NEEDS] [PROJECTS]
# KEEP_DB=DIR reuses a database seeded there before (by this script or by
# scripts/bench-suggestions.sh, whose seed has the same sizes): seeding 2,000,000 needs is
# the slow part.
set -euo pipefail
cd "$(dirname "$0")/.."
NEEDS=${1:-2000000}
PROJECTS=${2:-20000}
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
PID=
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${PORTAL_BIN:-$TARGET/release/portal}
[ -n "${PORTAL_BIN:-}" ] || cargo build --release --quiet
cargo build --release --quiet --bench seed --bench seed_coordination
SEED=$(ls -t "$TARGET"/release/deps/seed-* | grep -v '\.d$' | head -n 1)
SEED_COORD=$(ls -t "$TARGET"/release/deps/seed_coordination-* | grep -v '\.d$' | head -n 1)
if [ ! -s "$DIR/seeded" ]; then
  time "$SEED" "$DB" "$NEEDS"
  time "$SEED_COORD" "$DB" "$PROJECTS"
  echo "$NEEDS needs, $PROJECTS projects" > "$DIR/seeded"
fi
sqlite3 "$DIR/portal.db" 'ANALYZE;'
PORTAL_DATA_DIR="$DIR" PORTAL_DATABASE_URL="$DB" PORTAL_BIND="127.0.0.1:$PORT" PORTAL_LOG=warn $BIN serve &
PID=$!
for _ in $(seq 1 300); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

token() {
  curl -s -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"bench password long enough\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/'
}
ENTITY=$(token entity@bench.example.org)
STATE=$(token state@bench.example.org)

echo "== sizes"
sqlite3 "$DIR/portal.db" "SELECT 'needs', COUNT(*) FROM needs UNION ALL SELECT 'need_cells', COUNT(*) FROM need_cells UNION ALL SELECT 'projects', COUNT(*) FROM projects UNION ALL SELECT 'project_states', COUNT(*) FROM project_states UNION ALL SELECT 'project_areas', COUNT(*) FROM project_areas UNION ALL SELECT 'matches', COUNT(*) FROM matches;" | sed 's/^/  /'
echo "== the counts agree with the needs themselves (uncovered open needs, published)"
sqlite3 "$DIR/portal.db" "SELECT (SELECT SUM(need_count) FROM need_cells WHERE status = 'open' AND NOT covered AND visibility = 'published'), (SELECT COUNT(*) FROM needs n WHERE n.status = 'open' AND n.visibility = 'published' AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.need_id = n.id AND m.status IN ('accepted', 'completed')));" | sed 's/^/  /'

echo "== query plans (SQLite EXPLAIN QUERY PLAN), as an entity"
echo "-- needs: grouped need_cells"
sqlite3 "$DIR/portal.db" "EXPLAIN QUERY PLAN SELECT member_state_id, thematic_area, CAST(SUM(need_count) AS BIGINT), CAST(SUM(CASE WHEN covered THEN 0 ELSE need_count END) AS BIGINT) FROM need_cells WHERE status = 'open' AND visibility = 'published' GROUP BY member_state_id, thematic_area;" | sed 's/^/  /'
echo "-- projects: grouped project_cells"
sqlite3 "$DIR/portal.db" "EXPLAIN QUERY PLAN SELECT state_id, thematic_area, CAST(SUM(project_count) AS BIGINT), COUNT(DISTINCT owner_org_id) FROM project_cells WHERE status <> 'cancelled' AND project_count > 0 GROUP BY state_id, thematic_area;" | sed 's/^/  /'
echo "-- projects, as a State (platform or its own)"
sqlite3 "$DIR/portal.db" "EXPLAIN QUERY PLAN SELECT state_id, thematic_area, CAST(SUM(project_count) AS BIGINT), COUNT(DISTINCT owner_org_id) FROM project_cells WHERE status <> 'cancelled' AND project_count > 0 AND (visibility = 'platform' OR owner_org_id = 'x') GROUP BY state_id, thematic_area;" | sed 's/^/  /'
echo "== sizes of the kept counts"
sqlite3 "$DIR/portal.db" "SELECT 'project_cells', COUNT(*) FROM project_cells;" | sed 's/^/  /'
echo "== the project counts agree with the projects themselves (placements not cancelled)"
sqlite3 "$DIR/portal.db" "SELECT (SELECT SUM(project_count) FROM project_cells WHERE status <> 'cancelled'), (SELECT COUNT(*) FROM project_states ps JOIN projects p ON p.id = ps.project_id JOIN project_areas pa ON pa.project_id = ps.project_id WHERE p.status <> 'cancelled');" | sed 's/^/  /'
echo "-- one query's time in the sqlite3 shell (projects, then needs)"
sqlite3 "$DIR/portal.db" ".timer on" "SELECT COUNT(*) FROM (SELECT state_id, thematic_area, SUM(project_count), COUNT(DISTINCT owner_org_id) FROM project_cells WHERE status <> 'cancelled' AND project_count > 0 GROUP BY state_id, thematic_area);" "SELECT COUNT(*) FROM (SELECT member_state_id, thematic_area, SUM(need_count) FROM need_cells WHERE status = 'open' AND visibility = 'published' GROUP BY member_state_id, thematic_area);" | sed 's/^/  /'

run() {
  echo "== $1"
  shift
  wrk -t1 -c1 -d15s --latency "$@" | grep -E 'Requests/sec|50%|90%|99%|Non-2xx|Socket errors' | sed 's/^/  /'
}
run4() {
  echo "== $1 (4 connections)"
  shift
  wrk -t2 -c4 -d15s --latency "$@" | grep -E 'Requests/sec|50%|90%|99%|Non-2xx|Socket errors' | sed 's/^/  /'
}
curl -s -H "Authorization: Bearer $ENTITY" "$BASE/api/v1/coordination/matrix" | head -c 300 || true; echo
run "API /api/v1/coordination/matrix, entity" -H "Authorization: Bearer $ENTITY" "$BASE/api/v1/coordination/matrix"
case "$STATE" in
  '' | *'{'*) echo "== State: no state@bench.example.org here (a database seeded by bench-suggestions.sh); skipped" ;;
  *) run "API /api/v1/coordination/matrix, State" -H "Authorization: Bearer $STATE" "$BASE/api/v1/coordination/matrix" ;;
esac
run4 "API /api/v1/coordination/matrix, entity" -H "Authorization: Bearer $ENTITY" "$BASE/api/v1/coordination/matrix"
run "API matrix, one region" -H "Authorization: Bearer $ENTITY" "$BASE/api/v1/coordination/matrix?region=African"
echo "== one-off timings (curl, total seconds)"
for path in /api/v1/coordination/3w.csv "/api/v1/coordination/overlaps?limit=50" "/api/v1/coordination/overlaps?member_state=KEN"; do
  printf '  %s: ' "$path"
  curl -s -o /dev/null -w '%{time_total}s, %{size_download} bytes\n' -H "Authorization: Bearer $ENTITY" "$BASE$path"
done
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh
bench_sign_in "$BASE" "$DIR"
for path in /coordination /coordination/overlaps; do
  printf '  page %s: ' "$path"
  curl -s -o /dev/null -w '%{http_code} %{time_total}s, %{size_download} bytes\n' -H "$COOKIE" "$BASE$path"
done
echo "RSS after load: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$PID/status)"
