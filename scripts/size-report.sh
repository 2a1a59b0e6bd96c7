#!/usr/bin/env bash
# What a browser downloads for Blixt's front end, as the server sends it: first each file in
# /pkg raw, gzip and brotli; then, per kind of page (start page, projector, join page, phone's
# jam screen), the files that page really loads in Chromium (wasm, JS, CSS and any split chunk)
# and their sum. Run after a release build (scripts/serve.sh or scripts/test.sh built one).
# Starts the release binary on a spare port with a throwaway database, asks it, stops it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -x target/release/blixt ] || { echo "no release build: run scripts/serve.sh or scripts/test.sh first" >&2; exit 1; }
[ -d end2end/node_modules ] || (cd end2end && npm ci --no-audit --no-fund >/dev/null)

port="${BLIXT_SIZE_PORT:-3190}"
data="$(mktemp -d)"
BLIXT_ADDR="127.0.0.1:$port" BLIXT_DATABASE_URL="sqlite://$data/size.db" LEPTOS_SITE_ROOT=target/site \
  RUST_LOG=warn ./target/release/blixt >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done

size() { # path encoding
  curl -sf -H "accept-encoding: $2" "http://127.0.0.1:$port$1" | wc -c
}

printf '%-44s %10s %10s %10s\n' file raw gzip brotli
for path in $(cd target/site && find pkg -type f ! -name '*.gz' ! -name '*.br' ! -name '*.d.ts' ! -name '*.json' | sort); do
  printf '%-44s %10s %10s %10s\n' "/$path" "$(size "/$path" identity)" "$(size "/$path" gzip)" "$(size "/$path" br)"
done

echo
printf '%-10s %10s %10s %10s  %s\n' page raw gzip brotli files
pages="$(node end2end/measure/page-files.mjs "http://127.0.0.1:$port")"
for page in start projector join phone; do
  raw=0 gz=0 br=0 count=0
  for path in $(awk -v p="$page" '$1 == p { print $2 }' <<<"$pages"); do
    raw=$((raw + $(size "$path" identity)))
    gz=$((gz + $(size "$path" gzip)))
    br=$((br + $(size "$path" br)))
    count=$((count + 1))
  done
  printf '%-10s %10s %10s %10s  %s\n' "$page" "$raw" "$gz" "$br" "$count"
done
