// Pre-check of the whole default catalogue for one profile
// (tests/fixtures/precheck/profiles/growth_software.json, the profile of the
// native criterion bench), through the wasm build in Node — budget ≤ 60 µs —
// side by side with the native figures when criterion has run
// (`cargo bench --bench precheck` writes target/criterion/…/estimates.json).
//
//   npm run build && node benches/wasm/evaluate.mjs
//
// Each variant: 2,000 warm-up calls, then 31 samples of N calls each timed
// with process.hrtime.bigint(); the median per-call time of the samples is
// reported, plus min and max. Also the thread's CPU time per call
// (process.cpuUsage, user+system) because the machine is shared.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.resolve(process.env.SME_DIST ?? path.join(ROOT, 'dist'));
const PROFILE_TEXT = readFileSync(path.join(ROOT, 'tests/fixtures/precheck/profiles/growth_software.json'), 'utf8');
const PROFILE = JSON.parse(PROFILE_TEXT);

const sp = await import(pathToFileURL(path.join(DIST, 'sme-precheck.js')).href);
await sp.ready(readFileSync(path.join(DIST, 'sme_precheck_wasm_bg.wasm')));

const SAMPLES = 31;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function bench(name, fn) {
  for (let i = 0; i < 2_000; i++) fn();
  // Calls per sample so that a sample takes ≈ 20 ms.
  let n = 1;
  for (;;) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    if (Number(process.hrtime.bigint() - t) > 20e6) break;
    n *= 2;
  }
  const wall = [];
  const cpu = [];
  for (let s = 0; s < SAMPLES; s++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    const ns = Number(process.hrtime.bigint() - t0);
    const c = process.cpuUsage(c0);
    wall.push(ns / n / 1e3);
    cpu.push((c.user + c.system) / n);
  }
  return { name, calls: n * SAMPLES, median: median(wall), min: Math.min(...wall), max: Math.max(...wall), cpu: median(cpu) };
}

/** Native medians (µs) from criterion's output, when present. */
function native(group, id) {
  const dir = process.env.CRITERION_DIR ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'criterion');
  const file = path.join(dir, group, id.replaceAll('/', '_'), 'new/estimates.json');
  if (!existsSync(file)) return null;
  const e = JSON.parse(readFileSync(file, 'utf8'));
  return e.median.point_estimate / 1e3;
}

const rows = [
  [bench('evaluateJson(profile text) → JSON text, full schedules', () => sp.evaluateJson(PROFILE_TEXT)), 'evaluate_json/with_schedules'],
  [bench('evaluateJson(profile text) → JSON text, summary only', () => sp.evaluateJson(PROFILE_TEXT, null, undefined, true)), 'evaluate_json/summary_only'],
  [bench('evaluate(profile object) → object, full schedules', () => sp.evaluate(PROFILE)), null],
  [bench('evaluate(profile object) → object, summary only', () => sp.evaluate(PROFILE, null, undefined, true)), null],
];

const fmt = (x) => (x === null ? '—' : x.toFixed(1));
console.log(`Node ${process.version}, ${SAMPLES} samples; µs per call`);
console.log('| call (wasm in Node) | median µs | min–max µs | CPU µs | native median µs (criterion wall / cpu) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [r, id] of rows) {
  const nat = id ? `${fmt(native('precheck', id))} / ${fmt(native('precheck_cpu', id))}` : '—';
  console.log(`| ${r.name} | **${fmt(r.median)}** | ${fmt(r.min)}–${fmt(r.max)} | ${fmt(r.cpu)} | ${nat} |`);
}
