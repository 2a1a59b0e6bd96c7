#!/usr/bin/env bash
# What the browser bundle's code is made of, by crate: reads the browser module as the
# compiler left it (before wasm-bindgen and wasm-opt, so function names are still there; the
# sizes are larger than what is sent, the proportions are what matter) with `twiggy`, and
# sums each function's own size by the crate its name starts with. Run after a release build
# (scripts/build.sh). Installs twiggy (crates.io, ~3 min) when it is missing.
#
#   scripts/wasm-breakdown.sh [ROWS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
module=target/front/wasm32-unknown-unknown/wasm-release/app.wasm
[ -f "$module" ] || { echo "no browser module: run scripts/build.sh first" >&2; exit 1; }
command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0 --locked
rows="${1:-25}"
table="$(mktemp)"
trap 'rm -f "$table"' EXIT
twiggy top -n 1000000 -f csv "$module" >"$table"
python3 - "$table" "$rows" <<'PY'
import collections, csv, re, sys
table, rows = sys.argv[1], int(sys.argv[2])
by_crate, total = collections.Counter(), 0
for row in csv.DictReader(open(table)):
    name, size = row["Name"], int(row["ShallowSize"])
    # Linking and name sections and wasm-bindgen's descriptor functions are gone from what
    # the browser gets.
    if name.startswith("custom section") or "subsection" in name or "__wbindgen_describe" in name:
        continue
    total += size
    bare = re.sub(r"^[<&\s]*(mut\s+)?(dyn\s+)?", "", name)
    if "any_view::IntoAny" in name:
        # With erase_components every child of an element is a type-erased view, and each
        # one brings its own build, rebuild and (async) hydration functions.
        crate = "(type-erased views: tachys AnyView, one set per view type)"
    elif "serde_json" in name:
        crate = "serde_json"
    elif bare.startswith("data segment"):
        crate = "(data: texts, tables)"
    elif bare.startswith("T as "):
        crate = "(other generic code: <T as …>)"
    elif bare.startswith("export ") or bare.startswith("import "):
        crate = "(exports and imports)"
    else:
        match = re.match(r"[A-Za-z_][A-Za-z0-9_]*", bare)
        crate = match.group(0) if match else bare[:30]
    by_crate[crate] += size
print(f"{'bytes':>10} {'share':>6}  crate (code and data of the browser module, {total:,} bytes)")
for crate, size in by_crate.most_common(rows):
    print(f"{size:>10,} {100 * size / total:5.1f}%  {crate}")
PY
