#!/usr/bin/env bash
# Server CPU time and context switches per request (not a test): a build serves a copy of a
# seeded database; for each path, wrk -t2 -c16 runs 2 s to warm up, then 6 s while
# `perf stat -e task-clock,context-switches -p <server>` counts; prints req/s, microseconds of
# the server's CPU per request and switches per request, then the server's resident size.
# Steadier than wrk's req/s on a busy machine (wrk shares the cores), so it suits an A/B:
#   target/release/deps/seed-* sqlite:///tmp/seeded/portal.db 20000   (once)
#   SEEDED_DB=/tmp/seeded/portal.db bash scripts/bench-cpu.sh BIN PATH...
# A path under /api/ is asked with the bench user's bearer token, any other with its session
# cookie; REPORT in a path stands for a report's id. Needs curl, wrk and perf.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$1
shift
PORT=${PORT:-18290}
BASE="http://127.0.0.1:$PORT"
DIR=$(mktemp -d)
cp "${SEEDED_DB:?a database the seed wrote}" "$DIR/portal.db"
PORTAL_DATA_DIR="$DIR" PORTAL_DATABASE_URL="sqlite://$DIR/portal.db" PORTAL_BIND="127.0.0.1:$PORT" \
  PORTAL_LOG=warn "$BIN" serve >"$DIR/log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 200); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh
bench_sign_in "$BASE" "$DIR"
REPORT=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/reports?limit=1" | sed 's/.*"id":"\([^"]*\)".*/\1/')
for path in "$@"; do
  path=${path//REPORT/$REPORT}
  if [[ $path == /api/* ]]; then header="Authorization: Bearer $TOKEN"; else header="$COOKIE"; fi
  wrk -t2 -c16 -d2s -H "$header" "$BASE$path" >/dev/null
  perf stat -x, -e task-clock,context-switches -p "$PID" -o "$DIR/stat" -- sleep 6 &
  STAT=$!
  out=$(wrk -t2 -c16 -d6s -H "$header" "$BASE$path")
  wait $STAT
  awk -v path="$path" -v out="$out" -F, '
    /task-clock/ {clock = $1} /context-switches/ {switches = $1}
    END {
      split(out, lines, "\n")
      for (i in lines) {
        if (lines[i] ~ /requests in/) { split(lines[i], f, " "); n = f[1] }
        if (lines[i] ~ /Requests\/sec/) { split(lines[i], f, " "); rps = f[2] }
      }
      printf "%-50s %9s req/s %7.1f us CPU/req %5.2f switches/req\n", path, rps, clock * 1000 / n, switches / n
    }' "$DIR/stat"
done
awk '/VmRSS/ {printf "resident: %.1f MiB", $2/1024} /RssFile/ {printf " (files mapped: %.1f MiB)\n", $2/1024}' "/proc/$PID/status"
