// The budget table: every budget of the widget next to what this run
// measured, read from the JSON that size.mjs, evaluate.mjs and startup.mjs
// wrote to $BENCH_OUT (scripts/bench.sh runs them in one go, then this).
//
//   BENCH_OUT=target/bench node benches/wasm/budgets.mjs

import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';

const OUT = process.env.BENCH_OUT ?? 'target/bench';
const read = (name) => {
  const file = path.join(OUT, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
};
const size = read('size');
const evaluate = read('evaluate');
const startup = read('startup');

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const x = (r) => (r === null || r === undefined ? '—' : `${r.toFixed(2)}×`);
const verdict = (ok) => (ok === null ? 'not measured' : ok ? 'met' : '**not met**');
const rows = [];

const firstScreen = startup?.firstScreen?.bytes ?? null;
rows.push([
  'dist/ files a page has requested when the first control becomes interactive, gzip -9',
  firstScreen === null ? '—' : `${kb(firstScreen)} (${startup.firstScreen.files.map((f) => path.basename(f.file)).join(', ')})`,
  '≤ 100 KB',
  verdict(firstScreen === null ? null : firstScreen <= 100 * 1024),
]);
const widget = size?.find((r) => r.key === 'widget');
rows.push([
  'everything the widget puts in dist/ (wasm + js + css), gzip -9, not dist/api/',
  widget ? `${kb(widget.total)} (${widget.files.length} files)` : '—',
  '≤ 200 KB (aim 150 KB)',
  verdict(widget ? widget.total <= 200 * 1024 : null),
]);
const api = size?.find((r) => r.key === 'api');
if (api) rows.push(['the JS API entry, dist/api/ (own line, no budget)', kb(api.total), '—', '—']);
if (evaluate) {
  const us = evaluate.wasmSummaryCpu;
  const ok = us <= 60 && (evaluate.ratioJreCpu ?? Infinity) <= 0.4 && (evaluate.ratioNativeCpu ?? Infinity) <= 3;
  rows.push([
    'wasm pre-check of the whole default catalogue, summary, in Node (CPU per call; wall median)',
    `${us.toFixed(1)} µs CPU (${evaluate.wasmSummaryMedian.toFixed(1)} µs wall); ${x(evaluate.ratioJreCpu)} json-rules-engine (${evaluate.jreCpu?.toFixed(1) ?? '—'} µs CPU); ${x(evaluate.ratioNativeCpu)} native (${evaluate.nativeSummaryCpu?.toFixed(1) ?? '—'} µs CPU)`,
    '≤ 60 µs, ≤ 0.4× json-rules-engine (12 rules), ≤ 3× native',
    verdict(ok),
  ]);
} else {
  rows.push(['wasm pre-check of the whole default catalogue, summary, in Node', '—', '≤ 60 µs, ≤ 0.4×, ≤ 3×', verdict(null)]);
}
if (startup) {
  rows.push([
    'navigation → first interactive control, bare page, headless Chromium, cold (median)',
    `${startup.widgetMedian.toFixed(1)} ms vs SurveyJS ${startup.surveyjsMedian.toFixed(1)} ms: ${x(startup.ratioMedian)} (a static page with one button: ${startup.plainMedian.toFixed(1)} ms, ${x(startup.floorRatioMedian)}; above that floor ${x(startup.aboveFloorRatioMedian)}; the widget running at ${startup.runningMedian.toFixed(1)} ms)`,
    '≤ 0.1× SurveyJS',
    verdict(startup.ratioMedian <= 0.1),
  ]);
  rows.push([
    `update after a keystroke on the results (${startup.update.kind}), median`,
    `${startup.update.median.toFixed(2)} ms (n = ${startup.update.n})`,
    '≤ 16 ms',
    verdict(startup.update.kind.startsWith('keystroke') ? startup.update.median <= 16 : null),
  ]);
} else {
  rows.push(['navigation → first interactive control', '—', '≤ 0.1× SurveyJS', verdict(null)]);
  rows.push(['update after a keystroke on the results', '—', '≤ 16 ms', verdict(null)]);
}

console.log(`Budgets (load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end of the run)`);
console.log('| measure | this run | budget | |');
console.log('| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
