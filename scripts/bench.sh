#!/usr/bin/env bash
# `npm run bench`: every benchmark, then the budget table (each budget next
# to what this run measured). The figures in docs/benchmarks.md come from
# these commands.
#   1. the widget build (`npm run build`) and the peer library for the
#      pre-check comparison (json-rules-engine, installed into benches/node/)
#   2. criterion: the whole default catalogue for one profile, native
#   3. sizes (gzip -9) of what the widget and the JS API put in dist/,
#      against SurveyJS (and Formbricks when installed)
#   4. the same pre-check in wasm under Node, with json-rules-engine in the
#      same process and the native figures of step 2
#   5. headless Chromium: navigation → first interactive control vs SurveyJS,
#      the dist/ bytes requested before it, the update after a keystroke
#   6. the budget table
#   7. the feedback server (BENCH_SERVER=0 skips it): durable submissions/s
#      on SQLite vs no storage, p99 at an open-loop 2,000/s, and PostgreSQL
# Environment: STARTUP_RUNS (default 11), BENCH_OUT (default target/bench),
# CRITERION_FILTER (default: every criterion benchmark).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
bash scripts/build.sh

if [ ! -d benches/node/node_modules/json-rules-engine ]; then
  echo "== installing the peer library for the pre-check comparison (benches/node)"
  npm install --prefix benches/node --no-audit --no-fund --loglevel=error
fi

export BENCH_OUT="${BENCH_OUT:-$PWD/target/bench}"
mkdir -p "$BENCH_OUT"
rm -f "$BENCH_OUT"/*.json
echo "== load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== native pre-check (criterion)"
# shellcheck disable=SC2086
cargo bench --bench precheck -- --noplot ${CRITERION_FILTER:-}

echo "== sizes"
node benches/wasm/size.mjs
echo "== pre-check in wasm under Node, json-rules-engine, native"
node benches/wasm/evaluate.mjs
echo "== start-up and update in headless Chromium, SurveyJS in the same run"
node benches/wasm/startup.mjs "${STARTUP_RUNS:-11}"

echo "== budgets"
node benches/wasm/budgets.mjs

if [ "${BENCH_SERVER:-1}" != 0 ] && [ -f scripts/load.sh ]; then
  echo "== feedback server load"
  bash scripts/load.sh
fi
