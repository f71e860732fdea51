#!/usr/bin/env bash
# Builds the widget into dist/ (`npm run build`):
#   1. the wasm crate for wasm32-unknown-unknown with the size profile `wasm`
#      (opt-level z, LTO, panic = abort);
#   2. wasm-bindgen --target web  -> dist/sme_precheck_wasm.js + _bg.wasm;
#   3. wasm-opt -Oz --converge (binaryen from npm) with the features Rust 1.95
#      emits, dropping the producers and target_features custom sections
#      (nothing reads them at run time);
#   4. copies the loader, the stylesheet and the public TypeScript types
#      (the glue and the stylesheet without their comment blocks);
#   5. prints the gzip -9 size of every shipped file and their total.
#
# Needs what scripts/setup.sh installs: the wasm32 target, the wasm-bindgen
# CLI at exactly the crate's version, node_modules/.bin/wasm-opt.
# Environment: CARGO_TARGET_DIR (default ./target), DIST (default ./dist),
# SKIP_WASM_OPT=1 to skip step 3 (debugging only).
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

wasm_opt="$root/node_modules/.bin/wasm-opt"
if [ "${SKIP_WASM_OPT:-0}" != 1 ] && [ ! -x "$wasm_opt" ]; then
	die "node_modules/.bin/wasm-opt not found: run scripts/setup.sh (npm package binaryen)"
fi

echo "==> cargo build -p sme-precheck-wasm --target wasm32-unknown-unknown --profile wasm"
cargo build -p sme-precheck-wasm --target wasm32-unknown-unknown --profile wasm

raw="$target_dir/wasm32-unknown-unknown/wasm/sme_precheck_wasm.wasm"
[ -f "$raw" ] || die "expected $raw after cargo build"

# Build into a staging directory and swap it in, so a failed build never
# leaves a half-written dist/ behind for the server or the tests.
stage="$(mktemp -d "${TMPDIR:-/tmp}/sme-precheck-dist.XXXXXX")"
trap 'rm -rf "$stage"' EXIT

echo "==> wasm-bindgen --target web"
wasm-bindgen --target web --out-dir "$stage" --out-name sme_precheck_wasm "$raw"

if [ "${SKIP_WASM_OPT:-0}" != 1 ]; then
	echo "==> wasm-opt -Oz --converge"
	"$wasm_opt" -Oz --converge --strip-producers --strip-target-features \
		--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
		--enable-mutable-globals --enable-reference-types --enable-multivalue \
		"$stage/sme_precheck_wasm_bg.wasm" -o "$stage/sme_precheck_wasm_bg.opt.wasm"
	mv "$stage/sme_precheck_wasm_bg.opt.wasm" "$stage/sme_precheck_wasm_bg.wasm"
fi

echo "==> loader, stylesheet, types"
cp www/sme-precheck.js "$stage/sme-precheck.js"
cp www/sme-precheck.d.ts www/sme-precheck-react.d.ts www/sme-precheck-vue.d.ts "$stage/"
[ -f www/sme-precheck.css ] || die "www/sme-precheck.css is missing (the widget stylesheet)"

# Ship the glue and the stylesheet without their comment blocks (the glue's
# JSDoc is for editors; the public types are in the .d.ts files). Only whole
# lines from one starting with `/*` to one ending with `*/` are dropped, and
# every comment in both files has that shape; nothing else changes.
strip_comment_lines() {
	node -e '
const fs = require("fs");
const [src, dst] = process.argv.slice(1);
const out = [];
let inComment = false;
for (const line of fs.readFileSync(src, "utf8").split("\n")) {
  if (!inComment && /^\s*\/\*/.test(line)) inComment = true;
  if (!inComment) out.push(line);
  else if (/\*\/\s*$/.test(line)) inComment = false;
}
if (inComment) throw new Error(src + ": unterminated comment block");
fs.writeFileSync(dst, out.join("\n"));
' "$1" "$2"
}
strip_comment_lines "$stage/sme_precheck_wasm.js" "$stage/sme_precheck_wasm.min.js"
mv "$stage/sme_precheck_wasm.min.js" "$stage/sme_precheck_wasm.js"
strip_comment_lines www/sme-precheck.css "$stage/sme-precheck.css"

mkdir -p "$dist"
# Replace only the files this script produces; keep nothing stale.
find "$dist" -mindepth 1 -maxdepth 1 -type f \( -name 'sme_precheck_wasm*' -o -name 'sme-precheck*' \) -delete
cp "$stage"/* "$dist/"

echo "==> dist/ (bytes raw, bytes gzip -9)"
total_raw=0
total_gz=0
for f in sme_precheck_wasm_bg.wasm sme_precheck_wasm.js sme-precheck.js sme-precheck.css; do
	raw_size=$(wc -c <"$dist/$f")
	gz_size=$(gzip -9 -c "$dist/$f" | wc -c)
	total_raw=$((total_raw + raw_size))
	total_gz=$((total_gz + gz_size))
	printf '  %-28s %9d %9d\n' "$f" "$raw_size" "$gz_size"
done
printf '  %-28s %9d %9d  (everything the widget ships; budget 102400 gzip)\n' "total" "$total_raw" "$total_gz"
for f in sme-precheck.d.ts sme_precheck_wasm.d.ts; do
	[ -f "$dist/$f" ] && printf '  %-28s %9d  (types, not shipped to browsers)\n' "$f" "$(wc -c <"$dist/$f")"
done
exit 0
