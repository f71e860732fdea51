#!/usr/bin/env bash
# `npm test`: every suite, from a fresh clone.
#   1. set-up (wasm target, wasm-bindgen CLI, npm packages, Chromium) when missing
#   2. rustfmt and clippy (-D warnings) over the whole workspace
#   3. Rust tests: core, CLI, wasm crate (native parts), server on SQLite
#   4. the widget build (`npm run build`), the wasm suite in Node and the
#      package's typings check against dist/
#   5. the server suite again on a throw-away PostgreSQL
#   6. the real-browser suite in Chromium
#   7. the packed package built by Vite 5-8 and webpack 5, loaded in Chromium
# Every step runs even when an earlier one failed (so one run shows every
# failure); the exit status is non-zero if any step failed. Each runner's
# closing lines are printed again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
summary="$logs/summary"
: > "$summary"
started=$(date +%s)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - started ))s"; }
# run NAME CMD...: runs CMD with its output shown and kept, then files its closing lines.
run() {
  local name=$1; shift
  local log="$logs/$name.log" status=0
  "$@" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
  {
    echo "--- $name (exit $status, at $(elapsed))"
    grep -E '^(test result:|(#|ℹ) (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) |error(\[|:)|not ok|✖|\| |[0-9]+ passed, [0-9]+ failed$)' "$log" | tail -n 40 || true
  } >> "$summary"
  if [ "$status" -ne 0 ]; then failed+=("$name"); fi
}
failed=()
# A run from a fresh clone writes about 4.5 GB (target/ 3.9 GB,
# node_modules/, then the bundler apps and a PostgreSQL cluster under the
# temporary directory); a full disk shows up as unrelated failures (npm's
# ENOSPC, a database that cannot commit), so say so before and after.
need_kb=$(( 6 * 1024 * 1024 ))
low_disk() {
  local dir kb
  for dir in . "${TMPDIR:-/tmp}"; do
    kb=$(df -Pk "$dir" 2>/dev/null | awk 'NR == 2 { print $4 }') || kb=
    if [ -n "$kb" ] && [ "$kb" -lt "$need_kb" ]; then
      echo "npm test: only $(( kb / 1024 )) MB free on the disk of $dir (df -Pk $dir); a run from a fresh clone writes about 4.5 GB, and a full disk fails steps with 'No space left on device'"
    fi
  done
}
finish() {
  local status=$?
  if [ "$status" -eq 0 ] && [ ${#failed[@]} -gt 0 ]; then status=1; fi
  printf '\n\033[1m== closing lines of every runner (total %s)\033[0m\n' "$(elapsed)"
  cat "$summary"
  low_disk
  if [ "$status" -eq 0 ]; then
    echo "npm test: all suites passed"
  else
    echo "npm test: FAILED (${failed[*]:-set-up})"
  fi
  exit "$status"
}
trap finish EXIT

low_disk >&2
step "set-up"
bash scripts/setup.sh --browser

step "format and lints"
run fmt cargo fmt --all --check
run clippy cargo clippy --workspace --all-targets --quiet -- -D warnings

step "Rust tests (core, CLI, server on SQLite)"
run cargo-test cargo test --workspace --exclude sme-precheck-server
# The server alone, exactly as the PostgreSQL run below builds it, so that run
# reuses this build (features unify differently for a single package).
run server-sqlite cargo test -p sme-precheck-server

step "widget build and the wasm suite in Node"
run build bash scripts/build.sh
cargo build --quiet --bin precheck
PRECHECK_CLI_BIN="$PWD/target/debug/precheck" run node-wasm node --test --test-reporter=spec tests/wasm/
# The package's exports and typings against dist/ (tsc, vue-tsc; under a minute)
run types node --test --test-reporter=spec tests/types/

step "server suite on PostgreSQL"
run server-postgres bash scripts/with-postgres.sh cargo test -p sme-precheck-server

step "real-browser suite (Chromium)"
export PRECHECK_SERVER_BIN="$PWD/target/debug/precheck-server"
run e2e node --test --test-concurrency=1 --test-reporter=spec tests/e2e/

step "the packed package in Vite 5-8 and webpack 5 (npm registry; about 2-3 min)"
run bundlers bash scripts/bundlers.sh
