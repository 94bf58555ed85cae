#!/usr/bin/env bash
# Runs every benchmark on small input so CI proves they still work end to end (seconds, not
# minutes). The full runs and their figures are in docs/benchmarks.md. Each benchmark prints its
# key=value summary as the last line; this script checks that the line is there.
set -euo pipefail
cd "$(dirname "$0")/../.."

run() {
  local name=$1; shift
  printf '\n--- bench:%s (smoke) ---\n' "$name"
  local out
  out=$(npm run --silent "bench:$name" -- "$@" 2>&1) || { printf '%s\n' "$out"; echo "bench:$name failed"; exit 1; }
  local last
  last=$(printf '%s\n' "$out" | tail -n 1)
  printf '%s\n' "$last"
  [[ "$last" =~ ^[a-z0-9_]+=[^[:space:]]+( [a-z0-9_]+=[^[:space:]]+)*$ ]] || { echo "bench:$name: last line is not a key=value summary"; exit 1; }
}

run nab --smoke
run cost --resources 300
run scan --resources 300 --rounds 1
run slo --slos 20 --days 2 --false-page-slos 5
run alerts --events 3000 --open-alerts 300 --skip-alertmanager --skip-deferred
run rca --seeds 1 --lines 20000
run mttr --only ec2-cpu-spike
run detection --runs 2
run slo-platform --minutes 30
echo
echo "benchmark smoke runs passed"
