#!/usr/bin/env bash
# The packed package built by Vite 5, 6, 7, 8 (build and dev server) and
# webpack 5, each app loaded in Chromium (tests/bundlers/run.mjs). Needs the
# npm registry and a built dist/ (`npm run build`).
#   bash scripts/bundlers.sh                 # every bundler
#   bash scripts/bundlers.sh vite6 webpack5  # some
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/sme-precheck.js ] || { echo "bundlers.sh: dist/ is not built: run npm run build" >&2; exit 1; }
exec node tests/bundlers/run.mjs "$@"
