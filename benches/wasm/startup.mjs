// Widget start-up in headless Chromium (budget: interactive ≤ 50 ms after
// the module starts loading), and SurveyJS's plain-JS build rendering the
// same default survey in the same browser run.
//
//   npm run build && node benches/wasm/startup.mjs [runs=15]
//
// Pages are served from 127.0.0.1 by a small static server; every run is a
// fresh browser context (cold HTTP cache). Timings come from
// performance.now() inside the page:
// - widget, intro: `import('./dist/sme-precheck.js')` starts → module, wasm
//   and element ready (the loader's top-level await) → `<sme-precheck>`
//   appended → its Start button is in the shadow DOM (interactive);
// - widget, survey page 1: the same, resuming a saved state that is on the
//   survey's first page (so the first render is the default survey itself);
// - SurveyJS: loading survey.core.min.js + survey-js-ui.min.js starts →
//   libraries ready → `new Survey.Model(json)` + `SurveyUI.renderSurvey` →
//   the first page's inputs are in the DOM. The JSON is the default survey
//   (src/survey/default.json) converted below, in English.
// Medians over the runs are printed as a Markdown table; ".wasm fetched
// at" is the Resource Timing responseEnd of the .wasm (from t0), so
// "load + init" minus it is compiling and instantiating plus defining.

import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, staticServer } from '../../tests/e2e/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.argv[2] ?? 15);

/** The survey condition language → SurveyJS expressions (`{id}` for question ids). */
function toSurveyJsExpression(expr) {
  if (!expr) return undefined;
  const keywords = new Set(['and', 'or', 'not', 'true', 'false', 'contains', 'answered', 'count']);
  return expr
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) =>
      i % 2 === 1
        ? `'${part.slice(1, -1)}'`
        : part
            .replace(/answered\((\w+)\)/g, '{$1} notempty')
            .replace(/count\((\w+)\)/g, 'count({$1})')
            .replace(/\b([A-Za-z_]\w*)\b(?![({])/g, (m) => (keywords.has(m) ? m : `{${m}}`)),
    )
    .join('');
}

/** the default survey definition → SurveyJS JSON (English texts). */
export function toSurveyJs(def, lang = 'en') {
  const t = (x) => (x ? x[lang] ?? x['zh-Hans'] ?? '' : undefined);
  const question = (q) => {
    const base = { name: q.id, title: t(q.text), isRequired: Boolean(q.required) };
    const visibleIf = toSurveyJsExpression(q.showIf);
    if (visibleIf) base.visibleIf = visibleIf;
    const choices = (q.options ?? []).map((o) => ({ value: o.id, text: t(o.text) }));
    switch (q.type) {
      case 'single':
        return { ...base, type: 'radiogroup', choices };
      case 'multi':
        return { ...base, type: 'checkbox', choices };
      case 'ranking':
        return { ...base, type: 'ranking', choices };
      case 'yesno':
        return { ...base, type: 'boolean' };
      case 'rating':
        return { ...base, type: 'rating', rateMax: q.scale ?? 5 };
      case 'number':
      case 'amount':
        return { ...base, type: 'text', inputType: 'number', min: q.min, max: q.max };
      case 'text':
        return { ...base, type: 'comment', maxLength: q.maxLength };
      default:
        throw new Error(`unknown question type ${q.type}`);
    }
  };
  return {
    title: t(def.title),
    description: t(def.description),
    showProgressBar: 'top',
    pages: def.pages.map((p) => ({
      name: p.id,
      title: t(p.title),
      ...(p.showIf ? { visibleIf: toSurveyJsExpression(p.showIf) } : {}),
      elements: p.questions.map(question),
    })),
  };
}

const WAIT_FOR = `(test) => new Promise((resolve) => {
  const poll = () => (test() ? resolve(performance.now()) : requestAnimationFrame(poll));
  if (test()) resolve(performance.now()); else queueMicrotask(poll);
})`;

function pages(dir, surveyJson) {
  writeFileSync(
    path.join(dir, 'widget.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widget</title><script type="module" src="widget.js"></script></head><body></body></html>',
  );
  writeFileSync(
    path.join(dir, 'widget.js'),
    `const waitFor = ${WAIT_FOR};
const t0 = performance.now();
await import('./dist/sme-precheck.js');
const t1 = performance.now();
const el = document.createElement('sme-precheck');
el.setAttribute('lang', 'en');
el.setAttribute('partner', 'bench');
document.body.append(el);
const want = new URLSearchParams(location.search).get('want') ?? 'sp-next';
const t2 = await waitFor(() => el.shadowRoot?.querySelector('[data-testid="' + want + '"]'));
const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
window.__timing = { ready: t1 - t0, render: t2 - t1, total: t2 - t0, wasmFetched: wasm ? wasm.responseEnd - t0 : NaN };
`,
  );
  writeFileSync(
    path.join(dir, 'surveyjs.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>surveyjs</title><link rel="stylesheet" href="survey-core/survey-core.min.css"><script type="module" src="surveyjs.js"></script></head><body><div id="survey"></div></body></html>',
  );
  writeFileSync(
    path.join(dir, 'surveyjs.js'),
    `const waitFor = ${WAIT_FOR};
const load = (src) => new Promise((resolve, reject) => {
  const s = document.createElement('script'); s.src = src; s.onload = resolve; s.onerror = reject; document.head.append(s);
});
const json = ${JSON.stringify(surveyJson)};
const t0 = performance.now();
await load('survey-core/survey.core.min.js');
await load('survey-js-ui/survey-js-ui.min.js');
const t1 = performance.now();
const el = document.getElementById('survey');
const model = new Survey.Model(json);
SurveyUI.renderSurvey(model, el);
const t2 = await waitFor(() => el.querySelectorAll('input').length >= 3);
window.__timing = { ready: t1 - t0, render: t2 - t1, total: t2 - t0 };
`,
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const def = JSON.parse(readFileSync(path.join(ROOT, 'src/survey/default.json'), 'utf8'));
  const dir = mkdtempSync(path.join(tmpdir(), 'sme-startup-'));
  symlinkSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'));
  symlinkSync(path.join(ROOT, 'node_modules/survey-core'), path.join(dir, 'survey-core'));
  symlinkSync(path.join(ROOT, 'node_modules/survey-js-ui'), path.join(dir, 'survey-js-ui'));
  pages(dir, toSurveyJs(def));
  const server = await staticServer(dir);
  const browser = await launchBrowser();
  try {
    // A saved state on the survey's first page, made by walking the widget there once.
    const setup = await browser.newContext();
    const page = await setup.newPage();
    await page.goto(`${server.origin}/widget.html`);
    await page.waitForFunction(() => window.__timing);
    const { Widget } = await import('../../tests/e2e/flow.mjs');
    const w = new Widget(page);
    await w.ready();
    await w.next();
    await w.expectStep('form');
    await w.fillForm();
    await w.next();
    await w.expectStep('results');
    await w.next();
    await w.expectStep('survey');
    const saved = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('sme-precheck:')));
    await setup.close();

    const results = { intro: [], survey: [], surveyjs: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const kind of ['intro', 'survey', 'surveyjs']) {
        const context = await browser.newContext();
        if (kind === 'survey') {
          await context.addInitScript((entries) => {
            for (const [k, v] of entries) localStorage.setItem(k, v);
          }, saved);
        }
        const p = await context.newPage();
        const url =
          kind === 'surveyjs'
            ? `${server.origin}/surveyjs.html`
            : `${server.origin}/widget.html${kind === 'survey' ? '?want=sp-page-about' : ''}`;
        await p.goto(url);
        await p.waitForFunction(() => window.__timing, null, { timeout: 30_000 });
        results[kind].push(await p.evaluate(() => window.__timing));
        await context.close();
      }
    }
    console.log(`Chromium ${browser.version()} headless, ${RUNS} cold runs each; medians in ms`);
    console.log('| what | .wasm fetched at | load + init | first render | module load → interactive |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    const row = (name, xs) => {
      const fetched = median(xs.map((x) => x.wasmFetched ?? NaN));
      console.log(
        `| ${name} | ${Number.isNaN(fetched) ? '—' : fetched.toFixed(1)} | ${median(xs.map((x) => x.ready)).toFixed(1)} | ${median(xs.map((x) => x.render)).toFixed(1)} | **${median(xs.map((x) => x.total)).toFixed(1)}** |`,
      );
    };
    row('SME PreCheck widget: intro (Start button)', results.intro);
    row('SME PreCheck widget: default survey, page 1 (resumed)', results.survey);
    row('SurveyJS 2.5 plain JS: the same default survey, page 1', results.surveyjs);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
