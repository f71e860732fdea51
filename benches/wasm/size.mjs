// Size of everything the widget puts in dist/ (every .wasm, .js and .css
// file, lazily loaded ones included; not the types, not dist/api/), gzip -9,
// and on its own line the JS API entry under dist/api/ for partners who call
// the pre-check themselves; against SurveyJS's plain-JS build and
// Formbricks's renderer, measured the same way (gzip -9 of each file a page
// must load, summed). What a page needs before its first control works is
// measured from the network log by startup.mjs.
//
//   npm run build && node benches/wasm/size.mjs
//
// Writes the figures as JSON to $BENCH_OUT/size.json when BENCH_OUT is set.
//
// SurveyJS comes from the npm packages survey-core + survey-js-ui
// (devDependencies). Formbricks (@formbricks/surveys + @formbricks/js) is
// looked up in node_modules or in FORMBRICKS_NODE_MODULES; it is skipped
// when absent. Prints a Markdown table (the one in docs/benchmarks.md).

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NM = path.join(ROOT, 'node_modules');
const FB = process.env.FORMBRICKS_NODE_MODULES ?? NM;

/** `gzip -9 -c FILE | wc -c`, the measure the budgets use. */
const gz = (file) => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 64 << 20 }).length;
const raw = (file) => readFileSync(file).length;
const version = (dir) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;

const DIST = path.resolve(process.env.SME_DIST ?? path.join(ROOT, 'dist'));
/** Shipped files (.wasm, .js, .css) in `dir`, recursively, except the subdirectories named in `skip`. */
function shipped(dir, skip = []) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return skip.includes(e.name) ? [] : shipped(p);
    return /\.(wasm|js|css)$/.test(e.name) ? [p] : [];
  }).sort();
}

const sets = [
  {
    key: 'widget',
    name: 'SME PreCheck widget: everything in dist/ but dist/api/',
    files: shipped(DIST, ['api']),
    budget: 200 * 1024,
  },
  {
    key: 'api',
    name: 'SME PreCheck JS API entry (dist/api/, `sme-precheck/api`)',
    files: shipped(path.join(DIST, 'api')),
  },
  {
    name: () => `SurveyJS ${version(path.join(NM, 'survey-core'))} plain JS (survey-core + survey-js-ui + CSS)`,
    files: [
      path.join(NM, 'survey-core/survey.core.min.js'),
      path.join(NM, 'survey-js-ui/survey-js-ui.min.js'),
      path.join(NM, 'survey-core/survey-core.min.css'),
    ],
  },
  {
    name: () =>
      `Formbricks surveys ${version(path.join(FB, '@formbricks/surveys'))} + js ${version(path.join(FB, '@formbricks/js'))} (renderer incl. CSS, lazy date question, loader)`,
    files: [
      path.join(FB, '@formbricks/surveys/dist/index.umd.js'),
      path.join(FB, '@formbricks/surveys/dist/question-date.umd.js'),
      path.join(FB, '@formbricks/js/dist/index.js'),
    ],
  },
];

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [];
for (const set of sets) {
  if (set.files.length === 0) continue;
  const missing = set.files.filter((f) => !existsSync(f));
  const name = missing.length ? (typeof set.name === 'string' ? set.name : '(not installed)') : typeof set.name === 'string' ? set.name : set.name();
  if (missing.length) {
    console.error(`skip ${name}: missing ${missing.map((f) => path.relative(ROOT, f)).join(', ')}`);
    continue;
  }
  const total = set.files.reduce((s, f) => s + gz(f), 0);
  const totalRaw = set.files.reduce((s, f) => s + raw(f), 0);
  rows.push({ key: set.key, name, files: set.files, total, totalRaw, budget: set.budget });
  console.error(`${name}:`);
  for (const f of set.files) console.error(`  ${path.relative(ROOT, f).padEnd(60)} ${String(raw(f)).padStart(9)} ${String(gz(f)).padStart(8)} gzip`);
}

console.log('| what | files | raw | gzip -9 |');
console.log('| --- | --- | ---: | ---: |');
for (const r of rows) {
  const budget = r.budget ? ` (budget ${kb(r.budget)}: ${r.total <= r.budget ? 'within' : 'OVER'})` : '';
  console.log(`| ${r.name} | ${r.files.length} | ${kb(r.totalRaw)} | **${kb(r.total)}**${budget} |`);
}
if (process.env.BENCH_OUT) {
  mkdirSync(process.env.BENCH_OUT, { recursive: true });
  const out = rows.map((r) => ({ ...r, files: r.files.map((f) => ({ file: path.relative(ROOT, f), raw: raw(f), gzip: gz(f) })) }));
  writeFileSync(path.join(process.env.BENCH_OUT, 'size.json'), JSON.stringify(out, null, 2));
}
