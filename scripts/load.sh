#!/usr/bin/env bash
# Runs one load scenario (see README, "Measuring") against a fresh release server: builds the
# server and the load tool if missing, starts the server on a spare port with a throwaway
# SQLite database, runs blixt-load with --server-pid, stops the server.
#
#   scripts/load.sh fanout --phones 2000 --changes 20
#   scripts/load.sh burst --people 40 --notes 10 --dots 3
#   scripts/load.sh many-jams --jams 200 --phones 25 --seconds 20
#
# BLIXT_LOAD_REBUILD=1 rebuilds both first. The server's log is kept if the run fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ $# -lt 1 ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

target="${CARGO_TARGET_DIR:-target}"
if [ -n "${BLIXT_LOAD_REBUILD:-}" ] || [ ! -x "$target/release/blixt" ]; then
  cargo build --release -p server --bin blixt
fi
if [ -n "${BLIXT_LOAD_REBUILD:-}" ] || [ ! -x "$target/release/blixt-load" ]; then
  cargo build --release -p blixt-load
fi

# Thousands of live connections: one descriptor each on both sides.
ulimit -n "$(ulimit -Hn)"

data="$(mktemp -d)"
log="$data/server.log"
# Port 0: the server picks a free port and prints it.
BLIXT_ADDR="127.0.0.1:0" BLIXT_DATABASE_URL="sqlite://$data/blixt.db" \
  LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}" RUST_LOG="${RUST_LOG:-warn}" \
  "$target/release/blixt" >"$log" 2>&1 &
server=$!
keep_log=1
cleanup() {
  kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  if [ "$keep_log" = 1 ]; then
    echo "[load.sh] server log kept in $log" >&2
  else
    rm -rf "$data"
  fi
}
trap cleanup EXIT

base=""
for _ in $(seq 200); do
  base="$(sed -n 's/^Blixt is running at \(http:[^ ]*\).*/\1/p' "$log" | head -n1)"
  [ -n "$base" ] && curl -sf "$base/healthz" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "[load.sh] the server did not start" >&2; cat "$log" >&2; exit 1; }
echo "[load.sh] server pid $server at $base (database in $data)" >&2

"$target/release/blixt-load" "$@" --base "$base" --server-pid "$server"
keep_log=0
