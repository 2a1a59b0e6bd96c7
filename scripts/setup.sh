#!/usr/bin/env bash
# Installs what building Blixt needs and is missing; a quick no-op when everything is there.
# Sourced by serve.sh and test.sh (it changes PATH). Only package registries are used:
# crates.io, npm and Debian's. Tools that cargo-leptos would otherwise download from GitHub are
# put on PATH first, so it never tries.
#
#   BLIXT_TOOLS   where npm-installed tools go (default ~/.cache/blixt-tools)

set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${BLIXT_TOOLS:-$HOME/.cache/blixt-tools}"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# The Rust toolchain comes with the machine (rustup); make sure it is on PATH.
if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos 0.3.10: the newest that builds on rustc 1.95 (with --locked).
if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "0.3.10" ]; then
  say "installing cargo-leptos 0.3.10 (about 13 minutes on 2 cores)"
  cargo install cargo-leptos --version 0.3.10 --locked
fi

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wbg_version="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' "$repo_root/Cargo.lock")"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg_version" ]; then
  say "installing wasm-bindgen-cli $wbg_version (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$wbg_version"
fi

# wasm-opt for release builds, from npm's binaryen (Debian's is too old: its output fails to
# hydrate).
binaryen_version=132.0.0
if [ "$("$tools/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" != "132" ]; then
  command -v npm >/dev/null || { echo "npm is missing: install Node.js first" >&2; exit 1; }
  say "installing wasm-opt (npm binaryen@$binaryen_version) into $tools"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --no-save "binaryen@$binaryen_version" >/dev/null
fi
export PATH="$tools/node_modules/.bin:$PATH"
