#!/usr/bin/env bash
# Installs what is missing and runs every test: formatting and lints, the Rust unit, property and
# integration tests, then the Playwright browser tests in Debian's Chromium against the release
# build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh

# Chromium from Debian for the browser tests (never Playwright's own download).
if [ ! -x /usr/bin/chromium ]; then
  echo "[test] installing Debian's chromium"
  sudo_if_needed=""
  [ "$(id -u)" = 0 ] || sudo_if_needed="sudo"
  $sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq chromium >/dev/null
fi
echo "[test] installing the browser test packages"
(cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)

echo "[test] formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

echo "[test] Rust unit, property and integration tests"
cargo test --workspace

echo "[test] release build for the browser tests"
cargo leptos build --release

echo "[test] browser tests"
cd end2end
npx playwright test
