// Where the wasm bytes go: code size per crate / top-level module and the
// largest functions, read from the name section of an unstripped build
// (legacy `_ZN…` names from stable Rust, v0 `_R…` names from the nightly
// the widget is built with). `npm run build` leaves one with names:
//
//   bash scripts/build.sh
//   node benches/wasm/tools/breakdown.mjs target/wasm32-unknown-unknown/wasm/sme_precheck_wasm.wasm [top=30]
//
// The sizes are before wasm-bindgen and wasm-opt (which remove roughly a
// tenth more), so read them as shares, not as shipped bytes.

import { readFileSync } from 'node:fs';

const file = process.argv[2];
const top = Number(process.argv[3] ?? 30);
if (!file) {
  console.error('usage: node benches/wasm/tools/breakdown.mjs FILE.wasm [top]');
  process.exit(2);
}
const bytes = readFileSync(file);

function leb(pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [result, pos];
  }
}

let pos = 8;
let importedFunctions = 0;
const bodies = [];
const names = new Map();
const sections = {};
let dataBytes = 0;
while (pos < bytes.length) {
  const id = bytes[pos++];
  const [size, start] = leb(pos);
  const end = start + size;
  sections[id] = (sections[id] ?? 0) + size;
  if (id === 2) {
    let [n, p] = leb(start);
    for (let i = 0; i < n; i++) {
      let len;
      [len, p] = leb(p);
      p += len;
      [len, p] = leb(p);
      p += len;
      const kind = bytes[p++];
      if (kind === 0) {
        importedFunctions++;
        [, p] = leb(p);
      } else if (kind === 1) {
        p++;
        const flags = bytes[p++];
        [, p] = leb(p);
        if (flags & 1) [, p] = leb(p);
      } else if (kind === 2) {
        const flags = bytes[p++];
        [, p] = leb(p);
        if (flags & 1) [, p] = leb(p);
      } else if (kind === 3) {
        p += 2;
      }
    }
  } else if (id === 10) {
    let [n, p] = leb(start);
    for (let i = 0; i < n; i++) {
      let len;
      [len, p] = leb(p);
      bodies.push(len);
      p += len;
    }
  } else if (id === 11) {
    dataBytes += size;
  } else if (id === 0) {
    let [len, p] = leb(start);
    const name = bytes.subarray(p, p + len).toString('utf8');
    p += len;
    if (name === 'name') {
      while (p < end) {
        const sub = bytes[p++];
        let subSize;
        [subSize, p] = leb(p);
        const subEnd = p + subSize;
        if (sub === 1) {
          let [count, q] = leb(p);
          for (let i = 0; i < count; i++) {
            let index;
            let l;
            [index, q] = leb(q);
            [l, q] = leb(q);
            names.set(index, bytes.subarray(q, q + l).toString('utf8'));
            q += l;
          }
        }
        p = subEnd;
      }
    }
  }
  pos = end;
}

/**
 * A v0-mangled name (`_RNv…`, the nightly the widget is built with) → the
 * first crate it names and the identifier after it, or null. Crates are
 * `C`, an optional disambiguator `s<base62>_`, then `<length><name>`.
 */
function v0CrateAndModule(name) {
  const crate = /C(?:s[0-9A-Za-z]*_)?(\d+)/g;
  let m;
  while ((m = crate.exec(name))) {
    const start = m.index + m[0].length;
    const id = name.slice(start, start + Number(m[1]));
    if (!/^[A-Za-z_]\w*$/.test(id)) continue;
    const next = /^(\d+)_?/.exec(name.slice(start + id.length));
    const module = next ? name.slice(start + id.length + next[0].length).slice(0, Number(next[1])) : '';
    return [id, module];
  }
  return null;
}

/** `_ZN12sme_precheck6survey…` / `_RNv…` / plain → "crate::module". */
function owner(name) {
  if (name.startsWith('_R')) {
    if (/WasmDescribe|describe_invoke|__wbindgen_describe/.test(name)) return '(wasm-bindgen descriptors, removed later)';
    const v0 = v0CrateAndModule(name);
    if (v0) return /^sme_precheck/.test(v0[0]) ? `${v0[0]}::${v0[1]}` : v0[0];
  }
  const parts = [];
  const m = /^_ZN(.*)E$/.exec(name);
  if (m) {
    let s = m[1];
    while (s.length) {
      const lm = /^(\d+)/.exec(s);
      if (!lm) break;
      const n = Number(lm[1]);
      parts.push(s.slice(lm[1].length, lm[1].length + n));
      s = s.slice(lm[1].length + n);
    }
  }
  const crates =
    /(sme_precheck_wasm|sme_precheck|serde_json|serde_path_to_error|rust_decimal|serde_core|serde|wasm_bindgen_futures|wasm_bindgen|js_sys|web_sys|dlmalloc|alloc|core|std)(?:\.\.|::|\d)(\w*)/;
  const crateOf = (text) => {
    const c = crates.exec(text);
    if (!c) return null;
    return /^sme_precheck/.test(c[1]) ? `${c[1]}::${c[2].replace(/^\d+/, '')}` : c[1];
  };
  if (parts.length) {
    // `<Type as Trait>::method`: the code belongs to the first crate named in the impl.
    if (/^_?\$LT\$/.test(parts[0])) return crateOf(parts[0]) ?? '(other)';
    if (/^sme_precheck/.test(parts[0])) return `${parts[0]}::${parts[1] ?? ''}`;
    return parts[0] === 'describe' || parts[0].startsWith('__wbindgen_describe') ? '(wasm-bindgen descriptors, removed later)' : parts[0];
  }
  if (/__wbindgen_describe|^describe/.test(name)) return '(wasm-bindgen descriptors, removed later)';
  return crateOf(name) ?? '(other)';
}

const byOwner = new Map();
const functions = bodies.map((size, i) => {
  const name = names.get(i + importedFunctions) ?? `func${i + importedFunctions}`;
  const o = owner(name);
  byOwner.set(o, (byOwner.get(o) ?? 0) + size);
  return [size, name];
});
const code = bodies.reduce((a, b) => a + b, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${file}: code ${kb(code)} in ${bodies.length} functions, data ${kb(dataBytes)}, names ${names.size ? 'present' : 'ABSENT (build with CARGO_PROFILE_WASM_STRIP=false)'}`);
console.log('\n| owner | code | share |\n| --- | ---: | ---: |');
for (const [o, size] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`| ${o} | ${kb(size)} | ${((100 * size) / code).toFixed(1)} % |`);
}
console.log(`\nlargest ${top} functions:`);
for (const [size, name] of functions.sort((a, b) => b[0] - a[0]).slice(0, top)) {
  console.log(`${String(size).padStart(7)}  ${name.slice(0, 140)}`);
}
