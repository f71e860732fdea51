#!/usr/bin/env bash
# Installs what the build and the tests need, and skips whatever is already
# present: the wasm32 target, the widget's pinned nightly toolchain with
# rust-src (scripts/widget-toolchain.sh), the wasm-bindgen CLI at exactly
# the version in Cargo.lock, the npm packages (binaryen's wasm-opt,
# esbuild, playwright-core, axe),
# and — with --browser — Debian's Chromium. PostgreSQL for the server suite
# is installed on demand by scripts/with-postgres.sh.
#
# usage: scripts/setup.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=no
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=yes ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# 1. The wasm target for the toolchain pinned in rust-toolchain.toml.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 1b. The widget's pinned nightly with rust-src, to rebuild the standard
# library for size. Offline, the build falls back to stable (a larger wasm).
. scripts/widget-toolchain.sh
if ! widget_toolchain_ready; then
  say "installing the widget's toolchain $widget_toolchain with rust-src (about 300 MB on disk, once)"
  rustup toolchain install "$widget_toolchain" --profile minimal --component rust-src ||
    say "could not install $widget_toolchain: the widget will be built with the stable toolchain (larger wasm)"
fi

# 2. wasm-bindgen CLI at exactly the crate's version (no --locked: one locked transitive version is missing from the registry mirror).
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$wb_version" ]; then
  echo "setup: cannot find the wasm-bindgen version in Cargo.lock" >&2
  exit 1
fi
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wb" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (found '${have_wb:-none}'; takes a few minutes once)"
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

# 3. npm packages, when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 4. Chromium for the real-browser tests (Debian's package; never a download by a test tool).
if [ "$want_browser" = yes ] && [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
exit 0
