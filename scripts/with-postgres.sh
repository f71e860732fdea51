#!/usr/bin/env bash
# with-postgres.sh CMD...: runs CMD with PRECHECK_TEST_POSTGRES_URL pointing at a
# throw-away PostgreSQL 15 cluster on a free loopback port, and always stops and
# removes the cluster afterwards (trap), whatever CMD's exit status.
#   Installs Debian's `postgresql` package when /usr/lib/postgresql/15/bin/initdb
#   is missing (needs root and apt). Example:
#     bash scripts/with-postgres.sh cargo test -p sme-precheck-server
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 CMD..." >&2; exit 2; }
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: installing Debian's postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir=$(mktemp -d /tmp/precheck-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $(( 20000 + RANDOM % 20000 )))
started=0
cleanup() {
  local status=$?
  if [ "$started" = 1 ]; then
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT INT TERM

as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# Durable like production (fsync on), sized for a test run.
as_pg "$bin/pg_ctl" -D "$dir/data" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" \
  -l "$dir/log" start >/dev/null || { cat "$dir/log" >&2; exit 1; }
started=1
export PRECHECK_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$port (data in $dir)" >&2
"$@"
