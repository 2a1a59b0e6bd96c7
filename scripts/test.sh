#!/usr/bin/env bash
# Installs what is missing and runs every test: formatting and lints, the Rust unit, property and
# integration tests (on SQLite, then on a PostgreSQL this script starts, with two Blixt processes
# behind nginx), then the Playwright browser tests in Debian's Chromium against the release
# build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh

# From Debian: Chromium for the browser tests (never Playwright's own download), PostgreSQL
# and nginx for the tests of several instances.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[test] installing Debian's ${missing[*]}"
  sudo_if_needed=""
  [ "$(id -u)" = 0 ] || sudo_if_needed="sudo"
  $sudo_if_needed apt-get update -qq
  # Installing must not start the packages' own services (a web server on port 80, a cluster).
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo_if_needed tee "$policy" >/dev/null
    $sudo_if_needed chmod +x "$policy"
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq "${missing[@]}" >/dev/null
  [ -z "$policy" ] || $sudo_if_needed rm -f "$policy"
fi
echo "[test] installing the browser test packages"
(cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)

echo "[test] formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

echo "[test] Rust unit, property and integration tests (SQLite)"
cargo test --workspace

echo "[test] starting PostgreSQL"
pg_dir="$(mktemp -d)"
# The first free port from 5544 (a PostgreSQL someone else runs may hold one).
pg_port="${BLIXT_TEST_PG_PORT:-5544}"
while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
root="$(pwd)"
# Stopped however the script ends, from wherever it is then (the browser tests run in end2end/).
stop_pg() { "$root/scripts/pg.sh" stop "$pg_dir" || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
pg_url="$(scripts/pg.sh start "$pg_dir" "$pg_port")"
# Each test makes a database of its own on this server.
export BLIXT_TEST_POSTGRES="${pg_url%/*}/postgres"

echo "[test] integration tests on PostgreSQL, and two instances behind nginx"
cargo test -p server --tests -- --include-ignored

echo "[test] release build for the browser tests"
scripts/build.sh

echo "[test] browser tests"
cd end2end
npx playwright test
