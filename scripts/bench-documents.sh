#!/usr/bin/env bash
# Memory while a 25 MiB document uploads and downloads (not a test): release build, SQLite.
# Samples the server's resident memory every 50 ms during each transfer.
# Usage: bash scripts/bench-documents.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# PORTAL_BIN names a binary built elsewhere (an A/B run against an older commit); else build.
BIN=${PORTAL_BIN:-target/release/portal}
[ -n "${PORTAL_BIN:-}" ] || cargo build --release --quiet
DIR=$(mktemp -d)
PORT=${PORT:-18383}
BASE="http://127.0.0.1:$PORT"
PASSWORD='bench password long enough'
export PORTAL_DATA_DIR="$DIR" PORTAL_BIND="127.0.0.1:$PORT" PORTAL_LOG=warn
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
echo "$PASSWORD" | $BIN user create --email docs@unodc.example.org --name Docs --org UNODC --role focal_point --password-stdin >/dev/null
$BIN serve & PID=$!
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -s -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"docs@unodc.example.org\",\"password\":\"$PASSWORD\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/')
FILE="$DIR/big.pdf"
{ printf '%%PDF-1.7\n'; head -c $((25 * 1024 * 1024 - 9)) /dev/urandom; } > "$FILE"
rss() { awk '/VmRSS/ {print $2}' /proc/$PID/status; }
sample() { local peak=0; while kill -0 "$1" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.05; done; echo "$peak"; }
echo "RSS before: $(( $(rss) / 1024 )) MiB"
curl -s -o "$DIR/up.json" -w '%{http_code} %{time_total}s\n' -H "Authorization: Bearer $TOKEN" \
  -F "title=Big file" -F classification=restricted -F "file=@$FILE;filename=big.pdf" "$BASE/api/v1/documents" > "$DIR/up.txt" &
UP=$!
PEAK_UP=$(sample $UP)
echo "upload of 25 MiB: $(cat "$DIR/up.txt"), peak RSS $(( PEAK_UP / 1024 )) MiB"
ID=$(sed 's/.*"id":"\([^"]*\)".*/\1/' "$DIR/up.json" | head -c 36)
curl -s -o "$DIR/down.pdf" -w '%{http_code} %{time_total}s\n' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/documents/$ID/content" > "$DIR/down.txt" &
DOWN=$!
PEAK_DOWN=$(sample $DOWN)
echo "download of 25 MiB: $(cat "$DIR/down.txt"), peak RSS $(( PEAK_DOWN / 1024 )) MiB"
cmp -s "$FILE" "$DIR/down.pdf" && echo "downloaded bytes identical" || echo "DOWNLOAD DIFFERS"
echo "RSS after: $(( $(rss) / 1024 )) MiB"
