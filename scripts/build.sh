#!/usr/bin/env bash
# Builds the widget into dist/ (`npm run build`):
#   1. the two wasm crates for wasm32-unknown-unknown: the widget
#      (bindings/wasm) with the size profile `wasm` (opt-level z, LTO,
#      panic = abort) on the pinned nightly of scripts/widget-toolchain.sh,
#      which rebuilds the standard library for size; the JS API
#      (bindings/api, `sme-precheck/api`) with `wasm-speed` (the same at
#      opt-level 3, stable toolchain);
#   2. wasm-bindgen --target web  -> dist/sme_precheck_wasm.js + _bg.wasm,
#      dist/api/sme_precheck_api.js + _bg.wasm;
#   3. wasm-opt (binaryen from npm; -Os for the widget, -O3 for the API) with
#      the features Rust 1.95 emits, dropping the producers and
#      target_features custom sections (nothing reads them at run time);
#   4. copies the loader, the stylesheet, the API entry and the public
#      TypeScript types, writes the widget's first screen, drawn by the
#      built module in Node, into the loader (scripts/first-screen.mjs), and
#      minifies the JavaScript and the stylesheet (esbuild);
#   5. prints the gzip -9 size of every shipped file and the totals.
#
# Needs what scripts/setup.sh installs: the wasm32 target, the widget's
# nightly with rust-src (or falls back to stable, saying so), the wasm-bindgen
# CLI at exactly the crate's version, node_modules/.bin/wasm-opt and esbuild.
# Environment: CARGO_TARGET_DIR (default ./target), DIST (default ./dist),
# SKIP_WASM_OPT=1 to skip step 3 (debugging only); WASM_OPT_LEVEL and
# WASM_OPT_SPEED replace the widget's and the API's wasm-opt flags.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

dist="${DIST:-$root/dist}"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac

die() {
	echo "build.sh: $*" >&2
	exit 1
}

# The CLI must match the wasm-bindgen crate version in Cargo.lock exactly.
want_bindgen="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$want_bindgen" ] || die "cannot find the wasm-bindgen version in Cargo.lock"
command -v wasm-bindgen >/dev/null 2>&1 ||
	die "wasm-bindgen CLI not found: run scripts/setup.sh (cargo install wasm-bindgen-cli --version $want_bindgen)"
have_bindgen="$(wasm-bindgen --version | awk '{ print $2 }')"
[ "$have_bindgen" = "$want_bindgen" ] ||
	die "wasm-bindgen CLI is $have_bindgen but the crate is $want_bindgen: run scripts/setup.sh"

esbuild="$root/node_modules/.bin/esbuild"
[ -x "$esbuild" ] || die "node_modules/.bin/esbuild not found: run scripts/setup.sh (npm package esbuild)"
wasm_opt="$root/node_modules/.bin/wasm-opt"
if [ "${SKIP_WASM_OPT:-0}" != 1 ] && [ ! -x "$wasm_opt" ]; then
	die "node_modules/.bin/wasm-opt not found: run scripts/setup.sh (npm package binaryen)"
fi

# The widget with its pinned nightly and a size-built standard library
# (scripts/widget-toolchain.sh); with the stable toolchain when that nightly
# is not installed (offline set-up) or SME_WIDGET_TOOLCHAIN=stable.
. "$root/scripts/widget-toolchain.sh"
if [ "$widget_toolchain" != stable ] && ! widget_toolchain_ready; then
	echo "build.sh: $widget_toolchain with rust-src is not installed (scripts/setup.sh installs it);" >&2
	echo "build.sh: building the widget with the stable toolchain instead: a larger .wasm" >&2
	widget_toolchain=stable
fi
if [ "$widget_toolchain" = stable ]; then
	echo "==> cargo build -p sme-precheck-wasm --target wasm32-unknown-unknown --profile wasm (stable)"
	cargo build -p sme-precheck-wasm --target wasm32-unknown-unknown --profile wasm
else
	echo "==> cargo +$widget_toolchain build -p sme-precheck-wasm --target wasm32-unknown-unknown --profile wasm ${widget_cargo_z[*]}"
	RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }$widget_rustflags" \
		cargo "+$widget_toolchain" build -p sme-precheck-wasm --target wasm32-unknown-unknown --profile wasm "${widget_cargo_z[@]}"
fi
echo "==> cargo build -p sme-precheck-api --target wasm32-unknown-unknown --profile wasm-speed"
cargo build -p sme-precheck-api --target wasm32-unknown-unknown --profile wasm-speed

# Build into a staging directory and swap it in, so a failed build never
# leaves a half-written dist/ behind for the server or the tests.
stage="$(mktemp -d "${TMPDIR:-/tmp}/sme-precheck-dist.XXXXXX")"
trap 'rm -rf "$stage"' EXIT

# -Os rather than -Oz: smaller after gzip here. --low-memory-unused: the
# first 1 KiB of linear memory is the far end of the stack (Rust's wasm
# layout puts the 1 MiB stack first), never addressed unless the stack has
# already overflowed, so binaryen may fold constant offsets into loads.
wasm_opt_level="${WASM_OPT_LEVEL:--Os --converge --low-memory-unused}"

# bindgen CRATE PROFILE OUT_DIR WASM_OPT_FLAGS: wasm-bindgen and wasm-opt of
# one crate's module into OUT_DIR/CRATE.js + CRATE_bg.wasm.
bindgen() {
	local crate=$1 profile=$2 out=$3 flags=$4
	local raw="$target_dir/wasm32-unknown-unknown/$profile/$crate.wasm"
	[ -f "$raw" ] || die "expected $raw after cargo build"
	echo "==> wasm-bindgen --target web ($crate)"
	mkdir -p "$out"
	wasm-bindgen --target web --out-dir "$out" --out-name "$crate" "$raw"
	if [ "${SKIP_WASM_OPT:-0}" != 1 ]; then
		echo "==> wasm-opt $flags ($crate)"
		# shellcheck disable=SC2086
		"$wasm_opt" $flags --strip-producers --strip-target-features \
			--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
			--enable-mutable-globals --enable-reference-types --enable-multivalue \
			"$out/${crate}_bg.wasm" -o "$out/${crate}_bg.opt.wasm"
		mv "$out/${crate}_bg.opt.wasm" "$out/${crate}_bg.wasm"
	fi
}
bindgen sme_precheck_wasm wasm "$stage" "$wasm_opt_level"
bindgen sme_precheck_api wasm-speed "$stage/api" "${WASM_OPT_SPEED:--O3 --low-memory-unused}"

echo "==> loader, stylesheet, types"
cp www/sme-precheck.js "$stage/sme-precheck.js"
cp www/sme-precheck.d.ts www/sme-precheck-react.d.ts www/sme-precheck-vue.d.ts "$stage/"
[ -f www/sme-precheck.css ] || die "www/sme-precheck.css is missing (the widget stylesheet)"
cp www/sme-precheck.css "$stage/sme-precheck.css"

# The loader ships with the widget's first screen drawn ahead of the wasm:
# the built module draws it in Node, in every language, and the drawing is
# written into the loader's FIRST_SCREEN (scripts/first-screen.mjs).
echo "==> first screen (drawn by the built widget) into the loader"
node scripts/first-screen.mjs "$stage" www/sme-precheck.js "$stage/sme-precheck.js"
cp bindings/api/js/sme-precheck-api.js "$stage/api/sme-precheck-api.js"

# Minify what ships (esbuild from npm): comments and whitespace go, local
# names get short. The readable sources stay in www/ and bindings/api/js/;
# exported names, `import.meta.url` and the `new URL('…_bg.wasm',
# import.meta.url)` pattern that bundlers follow are kept as they are.
echo "==> esbuild --minify (loader, glue, stylesheet, API entry)"
for js in sme-precheck.js sme_precheck_wasm.js api/sme_precheck_api.js api/sme-precheck-api.js; do
	"$esbuild" --minify --format=esm --target=es2020 --log-level=warning "$stage/$js" --outfile="$stage/$js.min"
	mv "$stage/$js.min" "$stage/$js"
done
"$esbuild" --minify --log-level=warning "$stage/sme-precheck.css" --outfile="$stage/sme-precheck.min.css"
mv "$stage/sme-precheck.min.css" "$stage/sme-precheck.css"
if [ -f www/api/sme-precheck-api.d.ts ]; then cp www/api/sme-precheck-api.d.ts "$stage/api/"; fi

mkdir -p "$dist"
# Replace only the files this script produces; keep nothing stale.
find "$dist" -mindepth 1 -maxdepth 1 -type f \( -name 'sme_precheck_wasm*' -o -name 'sme-precheck*' \) -delete
rm -rf "$dist/api"
cp -r "$stage"/* "$dist/"

# sizes TITLE BUDGET FILE...: raw and gzip -9 bytes of each file and the total.
sizes() {
	local title=$1 budget=$2 f raw_size gz_size total_raw=0 total_gz=0
	shift 2
	echo "==> $title (bytes raw, bytes gzip -9)"
	for f in "$@"; do
		raw_size=$(wc -c <"$dist/$f")
		gz_size=$(gzip -9 -c "$dist/$f" | wc -c)
		total_raw=$((total_raw + raw_size))
		total_gz=$((total_gz + gz_size))
		printf '  %-34s %9d %9d\n' "$f" "$raw_size" "$gz_size"
	done
	printf '  %-34s %9d %9d  %s\n' "total" "$total_raw" "$total_gz" "$budget"
}
# Every .wasm/.js/.css of the widget (dist/ without dist/api/).
mapfile -t widget_files < <(cd "$dist" && find . -path ./api -prune -o -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -print | sed 's|^\./||' | sort)
sizes "dist/: the widget" "(everything the widget ships; budget 204800 gzip)" "${widget_files[@]}"
sizes "dist/api/: the JS API entry (sme-precheck/api)" "" api/sme_precheck_api_bg.wasm api/sme_precheck_api.js api/sme-precheck-api.js
for f in sme-precheck.d.ts sme_precheck_wasm.d.ts; do
	[ -f "$dist/$f" ] && printf '  %-34s %9d  (types, not shipped to browsers)\n' "$f" "$(wc -c <"$dist/$f")"
done
exit 0
