// Size of everything the widget ships (dist/: wasm + glue + loader + CSS),
// gzip -9, against SurveyJS's plain-JS build and Formbricks's renderer,
// measured the same way (gzip -9 of each file a page must load, summed).
//
//   npm run build && node benches/wasm/size.mjs
//
// SurveyJS comes from the npm packages survey-core + survey-js-ui
// (devDependencies). Formbricks (@formbricks/surveys + @formbricks/js) is
// looked up in node_modules or in FORMBRICKS_NODE_MODULES; it is skipped
// when absent. Prints a Markdown table (the one in docs/benchmarks.md).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NM = path.join(ROOT, 'node_modules');
const FB = process.env.FORMBRICKS_NODE_MODULES ?? NM;

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const raw = (file) => readFileSync(file).length;
const version = (dir) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;

const sets = [
  {
    name: 'SME PreCheck widget (dist/)',
    files: [
      'dist/sme_precheck_wasm_bg.wasm',
      'dist/sme_precheck_wasm.js',
      'dist/sme-precheck.js',
      'dist/sme-precheck.css',
    ].map((f) => path.join(ROOT, f)),
    budget: 100 * 1024,
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
  const missing = set.files.filter((f) => !existsSync(f));
  const name = missing.length ? (typeof set.name === 'string' ? set.name : '(not installed)') : typeof set.name === 'string' ? set.name : set.name();
  if (missing.length) {
    console.error(`skip ${name}: missing ${missing.map((f) => path.relative(ROOT, f)).join(', ')}`);
    continue;
  }
  const total = set.files.reduce((s, f) => s + gz(f), 0);
  const totalRaw = set.files.reduce((s, f) => s + raw(f), 0);
  rows.push({ name, files: set.files, total, totalRaw, budget: set.budget });
  console.error(`${name}:`);
  for (const f of set.files) console.error(`  ${path.relative(ROOT, f).padEnd(60)} ${String(raw(f)).padStart(9)} ${String(gz(f)).padStart(8)} gzip`);
}

console.log('| what | files | raw | gzip -9 |');
console.log('| --- | --- | ---: | ---: |');
for (const r of rows) {
  const budget = r.budget ? ` (budget ${kb(r.budget)}: ${r.total <= r.budget ? 'within' : 'OVER'})` : '';
  console.log(`| ${r.name} | ${r.files.length} | ${kb(r.totalRaw)} | **${kb(r.total)}**${budget} |`);
}
