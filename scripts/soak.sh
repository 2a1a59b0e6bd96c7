#!/usr/bin/env bash
# Runs the server's integration tests again and again, with busy loops taking the CPU beside
# them, and keeps every slow step and request the server logged (see server/src/timing.rs and
# app/src/server/slow.rs) and every failure. For hunting stalls that show once in many runs.
#
#   scripts/soak.sh [RUNS] [BUSY_LOOPS]     (default 10 runs, 2 busy loops)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-10}"
busy="${2:-2}"
out="$(mktemp -d)"
cargo test -p server --tests --no-run -q 2>/dev/null || { echo "the tests do not build"; exit 1; }

hogs=()
stop_hogs() { [ ${#hogs[@]} -eq 0 ] || kill "${hogs[@]}" 2>/dev/null; }
trap stop_hogs EXIT
for _ in $(seq "$busy"); do (while :; do :; done) & hogs+=($!); done

failed=0
for run in $(seq "$runs"); do
  log="$out/run-$run.log"
  start=$(date +%s)
  if cargo test -p server --tests -q -- --nocapture >"$log" 2>&1; then result=passed; else result=FAILED; failed=$((failed + 1)); fi
  slow=$(grep -c -E 'slow (step|answer|response body)' "$log")
  echo "run $run: $result in $(( $(date +%s) - start )) s, $slow slow lines"
  grep -E 'slow (step|answer|response body)|panicked|FAILED|timed out' "$log" | head -20 | sed 's/^/    /'
done
echo "$failed of $runs runs failed; logs in $out"
[ "$failed" -eq 0 ]
