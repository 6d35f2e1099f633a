# Shared by the bench scripts (sourced, not run): sign in as the seeded entity focal point.
# After `bench_sign_in BASE DIR`: COOKIE (a browser's session, as a header) and TOKEN (bearer).
bench_sign_in() {
  local base=$1 jar="$2/jar" csrf
  csrf=$(curl -s -c "$jar" "$base/login" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -s -b "$jar" -c "$jar" -o /dev/null -X POST "$base/login" \
    --data-urlencode "csrf_token=$csrf" --data-urlencode "email=entity@bench.example.org" \
    --data-urlencode "password=bench password long enough"
  COOKIE="Cookie: $(awk '$6 ~ /^(__Host-)?portal_/ {printf "%s=%s; ", $6, $7}' "$jar")"
  TOKEN=$(curl -s -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"entity@bench.example.org","password":"bench password long enough"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
}
