#!/usr/bin/env bash
# Prints what a browser downloads for Blixt's front end: each file raw and as served with gzip
# and with brotli. Run after a release build (scripts/serve.sh or scripts/test.sh built one).
# Starts the release binary on a spare port with a throwaway database, asks it, stops it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -x target/release/blixt ] || { echo "no release build: run scripts/serve.sh or scripts/test.sh first" >&2; exit 1; }

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
# The server writes the best-ratio .br/.gz files in the background at start-up; wait for them.
for _ in $(seq 300); do
  [ -f target/site/pkg/blixt.wasm.br ] && [ -f target/site/pkg/blixt.wasm.gz ] && break
  sleep 0.1
done

printf '%-12s %10s %10s %10s\n' file raw gzip brotli
for file in blixt.wasm blixt.js blixt.css; do
  sizes=()
  for encoding in identity gzip br; do
    sizes+=("$(curl -s -H "accept-encoding: $encoding" "http://127.0.0.1:$port/pkg/$file" | wc -c)")
  done
  printf '%-12s %10s %10s %10s\n' "$file" "${sizes[@]}"
done
