#!/usr/bin/env bash
# The release build: the server, and the browser bundle split so that a phone downloads only
# the join page and its own screen (`--split`), with a brotli and a gzip copy of every file
# (`--precompress`). cargo-leptos writes its gzip copies with libflate, about 17 % larger than
# gzip's best; they are rewritten with `gzip -9`, which old browsers without brotli then get.
# Expects the tools on PATH (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo leptos build --release --precompress --split
find target/site -type f ! -name '*.gz' ! -name '*.br' -print0 | while IFS= read -r -d '' file; do
  if [ -f "$file.gz" ]; then
    gzip -9 -n -c "$file" >"$file.gz.new" && mv "$file.gz.new" "$file.gz"
  fi
done
