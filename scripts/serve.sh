#!/usr/bin/env bash
# Installs what is missing, builds the release build, and runs Blixt at http://127.0.0.1:3000
# (SQLite in ./data, created on first start). Settings: see README ("Configuration").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh

echo "[serve] building the release build"
scripts/build.sh
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
exec ./target/release/blixt
