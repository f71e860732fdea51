#!/usr/bin/env bash
# load.sh: measures the feedback server on this machine (127.0.0.1 only) with
# the Rust load generator `precheck-load` (server/src/bin/precheck-load.rs):
#   1. SQLite and the same server with storage switched off (none:), measured
#      side by side in alternating rounds: durable submissions/s (closed loop)
#      and p50/p99 latency at an open-loop 2,000/s;
#   2. the same with PostgreSQL (a throw-away cluster via scripts/with-postgres.sh),
#      again side by side with none:.
# Knobs: DURATION (seconds per measurement, 10), ROUNDS (3), CONCURRENCY (256),
# RATE (2000), SKIP_POSTGRES=1.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release -q -p sme-precheck-server --bins
dir=$(mktemp -d /tmp/precheck-load.XXXXXX)
trap 'rm -rf "$dir"' EXIT
args=(--server-bin "$target/release/precheck-server"
      --duration "${DURATION:-10}" --rounds "${ROUNDS:-3}"
      --concurrency "${CONCURRENCY:-256}" --rate "${RATE:-2000}")
echo "== feedback server: SQLite vs no storage ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$target/release/precheck-load" "${args[@]}" --databases "sqlite:$dir/feedback.db,none:"
if [ "${SKIP_POSTGRES:-0}" != 1 ]; then
  echo
  echo "== feedback server: PostgreSQL vs no storage"
  bash scripts/with-postgres.sh bash -c \
    '"$0" "${@:1}" --databases "$PRECHECK_TEST_POSTGRES_URL,none:"' \
    "$target/release/precheck-load" "${args[@]}"
fi
