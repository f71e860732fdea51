#!/usr/bin/env bash
# `npm run bench`: every benchmark; results go to the console, and the figures
# quoted in docs/benchmarks.md come from these commands.
#   1. criterion: the whole default catalogue for one profile, native
#   2. the same evaluation in wasm under Node, side by side with native numbers
#   3. sizes (gzip -9) of what the widget ships, against SurveyJS and Formbricks,
#      and module-load-to-interactive in headless Chromium vs SurveyJS
#   4. the feedback server: durable submissions/s on SQLite vs no storage, p99
#      at an open-loop 2,000/s, and the same on PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
bash scripts/build.sh

echo "== native pre-check (criterion)"
cargo bench --bench precheck -- --noplot

for script in benches/wasm/*.mjs; do
  [ -f "$script" ] || continue
  echo "== $script"
  node "$script"
done

if [ -f scripts/load.sh ]; then
  echo "== feedback server load"
  bash scripts/load.sh
fi
