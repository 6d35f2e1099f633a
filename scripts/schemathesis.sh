#!/usr/bin/env bash
# Keeps the OpenAPI document the API: schemathesis generates requests from
# /api/v1/openapi.json (valid and invalid ones) and runs every check (`--checks all`) against a
# freshly started portal: the debug build (`cargo build` first), SQLite in a temporary
# directory, a free port, signed in as a focal point without two-factor. Any failure fails.
#
# Needs python3 with schemathesis 4 (`python3 -m pip install 'schemathesis>=4.32,<5'`; .ci/run
# installs it). PORTAL_BIN overrides the binary; ST_MAX_EXAMPLES (default 50) bounds the
# examples per operation.
set -euo pipefail
cd "$(dirname "$0")/.."

PORTAL_BIN="${PORTAL_BIN:-target/debug/portal}"
[ -x "$PORTAL_BIN" ] || { echo "no $PORTAL_BIN: run cargo build first" >&2; exit 1; }
python3 -c 'import schemathesis' 2>/dev/null || {
  echo "schemathesis is not installed: python3 -m pip install 'schemathesis>=4.32,<5'" >&2
  exit 1
}

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
export PORTAL_DATA_DIR="$work/data"
export PORTAL_DATABASE_URL="sqlite://$work/data/portal.db"
export PORTAL_BIND="127.0.0.1:$port"
export PORTAL_PUBLIC_URL="$base"
export PORTAL_LOG="${PORTAL_LOG:-warn}"
unset PORTAL_SMTP_URL PORTAL_JWT_SECRET RUST_LOG
mkdir -p "$PORTAL_DATA_DIR"

email="schemathesis.focal@example.org"
password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
"$PORTAL_BIN" migrate >/dev/null
printf '%s\n' "$password" | "$PORTAL_BIN" user create --email "$email" --name "Schemathesis" \
  --org KEN --role focal_point --password-stdin >/dev/null

"$PORTAL_BIN" serve >"$work/server.log" 2>&1 &
server_pid=$!

# Waits (up to 30 s) for the server, then signs in through the API for a bearer token.
token="$(EMAIL="$email" PASSWORD="$password" BASE="$base" python3 - <<'PY'
import json, os, sys, time, urllib.request

base = os.environ["BASE"]
deadline = time.time() + 30
while True:
    try:
        with urllib.request.urlopen(base + "/readyz", timeout=2) as r:
            if r.status == 200:
                break
    except OSError:
        pass
    if time.time() > deadline:
        sys.exit("the portal did not become ready within 30 s")
    time.sleep(0.2)
body = json.dumps({"email": os.environ["EMAIL"], "password": os.environ["PASSWORD"]}).encode()
req = urllib.request.Request(base + "/api/v1/auth/login", data=body,
                             headers={"content-type": "application/json"})
with urllib.request.urlopen(req, timeout=30) as r:
    print(json.load(r)["token"])
PY
)" || { cat "$work/server.log" >&2; exit 1; }

# Excluded, because their side effects end the run's session: signing out, changing the
# password, ending sessions (the run's own among them).
status=0
config="$PWD/scripts/schemathesis.toml"
# From the temporary directory: schemathesis leaves its cache (.schemathesis/) there.
(cd "$work" && python3 -m schemathesis.cli --config-file "$config" run "$base/api/v1/openapi.json" \
  --checks all \
  --header "Authorization: Bearer $token" \
  --exclude-path /api/v1/auth/logout \
  --exclude-path /api/v1/account/password \
  --exclude-path '/api/v1/account/sessions/{id}' \
  --max-examples "${ST_MAX_EXAMPLES:-50}" \
  --workers 1 \
  --seed "${ST_SEED:-20261201}" \
  --generation-database none \
  --no-color) \
  || status=$?
if [ "$status" -ne 0 ]; then
  echo "schemathesis failed (exit $status); server log:" >&2
  tail -n 50 "$work/server.log" >&2
fi
exit "$status"
