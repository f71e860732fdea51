# The toolchain and flags the widget's wasm (bindings/wasm) is built with,
# sourced by scripts/setup.sh (which installs the toolchain) and
# scripts/build.sh (which uses it). Everything else — the core, the JS API,
# the server, clippy and the tests — builds with the stable toolchain in
# rust-toolchain.toml.
#
# A nightly pinned to one date, so every machine builds the same bytes. It
# rebuilds the standard library for the widget (-Z build-std, needs the
# rust-src component) with:
#   - panics as an immediate trap (-C panic=immediate-abort): the widget has
#     no panic hook, so on wasm32-unknown-unknown a panic's message was
#     formatted and then dropped anyway; now neither the formatting code nor
#     the messages ship;
#   - no file/line/column strings in the binary (-Z location-detail=none),
#     which only a panic message would print;
#   - the standard library's size-optimised code paths (optimize_for_size:
#     smaller sort, formatting and string routines).
# Together −13 KB of the widget's wasm, gzip -9 (docs/benchmarks.md).
#
# SME_WIDGET_TOOLCHAIN=stable builds the widget with rust-toolchain.toml's
# stable toolchain and none of the flags (for comparison). Without the pinned
# nightly (offline set-up) build.sh does the same and says so.
widget_toolchain="${SME_WIDGET_TOOLCHAIN:-nightly-2026-05-20}"
widget_rustflags="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
widget_cargo_z=(-Z build-std=std,panic_abort -Z build-std-features=optimize_for_size)

# Succeeds when the widget's toolchain can build: stable, or the pinned
# nightly with its rust-src component.
widget_toolchain_ready() {
  [ "$widget_toolchain" = stable ] && return 0
  local sysroot
  sysroot=$(rustup run "$widget_toolchain" rustc --print sysroot 2>/dev/null) || return 1
  [ -d "$sysroot/lib/rustlib/src/rust/library" ]
}
