#!/usr/bin/env bash
# `npm start`: set-up if needed, build the widget and the server, then serve the
# demo pages, the widget, the dashboard and the feedback API on 127.0.0.1.
#   PORT (default 8080), DATABASE_URL (default sqlite:./data/feedback.db),
#   PRECHECK_ADMIN_TOKEN (default: a fresh random token, printed below),
#   PRECHECK_MIN_COUNT (default 5 for this demo, so the dashboard fills as demo
#   submissions arrive; the server's own default, for real use, is 100).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh
cargo build --release -p sme-precheck-server

port=${PORT:-8080}
database_url=${DATABASE_URL:-sqlite:./data/feedback.db}
token=${PRECHECK_ADMIN_TOKEN:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
min_count=${PRECHECK_MIN_COUNT:-5}
mkdir -p data

cat <<INFO

  SME PreCheck is starting on http://127.0.0.1:$port/
    bank website demo   http://127.0.0.1:$port/
    VC portal (iframe)  http://127.0.0.1:$port/vc-portal.html
    staff dashboard     http://127.0.0.1:$port/dashboard#token=$token
                        (cells with fewer than $min_count records are suppressed)
    database            $database_url
    try:  curl -s http://127.0.0.1:$port/healthz
          curl -s -H 'Authorization: Bearer $token' http://127.0.0.1:$port/v1/stats

INFO
exec ./target/release/precheck-server \
  --port "$port" \
  --database-url "$database_url" \
  --admin-token "$token" \
  --partners www/partners.demo.json \
  --min-count "$min_count"
