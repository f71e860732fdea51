// Start-up and update speed of the widget in headless Chromium, side by side
// with SurveyJS in the same browser run:
// - navigation → first interactive control: a bare page with one
//   <sme-precheck> (the loader's <script type="module"> and the element, as
//   docs/widget.md shows) against a page that loads SurveyJS's plain-JS build
//   and renders the default survey (src/survey/default.json converted below,
//   zh-Hans texts). Time = performance.now() (ms since navigation start) when
//   the first enabled button/input/select/textarea exists in the widget's
//   shadow root / the survey container, seen by a MutationObserver (so it is
//   exact to the microtask, not to a frame). Every run is a fresh browser
//   context (cold HTTP cache); the three pages alternate.
//   A static page with one <button> in the same loop gives the floor (what
//   navigation itself costs here): printed as its own ratio to SurveyJS (no
//   page can do better), and the widget's time above it as
//   (widget − floor) / (SurveyJS − floor). The widget page also reports when
//   the widget itself runs (`customElements.whenDefined`: wasm instantiated
//   and mounted), which comes after the first control when the loader draws
//   the first screen ahead of the wasm.
// - dist/ bytes requested before that moment: the network log of the widget
//   page (playwright request events up to the in-page signal), each dist/
//   file gzip -9 from disk, summed (files fetched later, e.g. a lazily
//   loaded module, do not count).
// - update after a keystroke on the results: from `keydown` in an input of
//   the results step to the end of the DOM update it causes (a
//   MutationObserver callback outside the input), median of N keystrokes.
//   Without such an input (no live results) it measures form → results
//   instead (the form's requestSubmit handler), and says so.
//
//   npm run build && node benches/wasm/startup.mjs [runs=11]
//
// SME_DIST_COMPARE=DIR adds a page loading another build of dist/ (e.g. the
// commit before a change) to the same alternating loop, for before/after
// figures measured side by side. SME_STARTUP_PRELOAD=1 adds the bare page
// with the hints a host may add to start the widget sooner (modulepreload
// of the glue, preload of the .wasm), with the dist/ bytes it requested
// before its first control.
//
// Writes the figures as JSON to $BENCH_OUT/startup.json when BENCH_OUT is set.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, staticServer } from '../../tests/e2e/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.resolve(process.env.SME_DIST ?? path.join(ROOT, 'dist'));
/** Another build of dist/ to time in the same loop (e.g. the commit before a change), or null. */
const COMPARE = process.env.SME_DIST_COMPARE ? path.resolve(process.env.SME_DIST_COMPARE) : null;
const PRELOAD = process.env.SME_STARTUP_PRELOAD === '1';
const RUNS = Number(process.argv[2] ?? 11);
const KEYSTROKES = 31;

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

/** The default survey definition → SurveyJS JSON. */
export function toSurveyJs(def, lang = 'zh-Hans') {
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
    locale: 'zh-cn',
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

// A classic script in <head>, before anything else: reports the first
// enabled control inside the widget's shadow root (attachShadow is wrapped
// to observe the root as soon as it exists) or inside #survey.
const PROBE = `(() => {
  const CONTROL = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled])';
  let done = false;
  const found = (root) => {
    if (done || !root.querySelector(CONTROL)) return;
    done = true;
    const t = performance.now();
    window.__interactive = t;
    if (window.__spInteractive) window.__spInteractive(t);
  };
  const watch = (root) => {
    new MutationObserver(() => found(root)).observe(root, { childList: true, subtree: true, attributes: true });
    found(root);
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (this.localName === 'sme-precheck') watch(root);
    return root;
  };
  document.addEventListener('DOMContentLoaded', () => {
    const root = document.querySelector('[data-probe]');
    if (root) watch(root);
  });
  // When the widget itself runs (its wasm instantiated and mounted): later
  // than the first interactive control when the loader draws the first
  // screen ahead of the wasm.
  customElements.whenDefined('sme-precheck').then(() => (window.__spDefined = performance.now()));
})();`;

function pages(dir, surveyJson) {
  writeFileSync(path.join(dir, 'probe.js'), PROBE);
  writeFileSync(
    path.join(dir, 'widget.html'),
    '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>widget</title>' +
      '<script src="probe.js"></script><script type="module" src="dist/sme-precheck.js"></script></head>' +
      '<body><sme-precheck partner="bench"></sme-precheck></body></html>',
  );
  writeFileSync(
    path.join(dir, 'compare.html'),
    '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>widget</title>' +
      '<script src="probe.js"></script><script type="module" src="dist-compare/sme-precheck.js"></script></head>' +
      '<body><sme-precheck partner="bench"></sme-precheck></body></html>',
  );
  writeFileSync(
    path.join(dir, 'preload.html'),
    '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>widget</title>' +
      '<script src="probe.js"></script><link rel="modulepreload" href="dist/sme_precheck_wasm.js">' +
      '<link rel="preload" as="fetch" crossorigin href="dist/sme_precheck_wasm_bg.wasm">' +
      '<script type="module" src="dist/sme-precheck.js"></script></head>' +
      '<body><sme-precheck partner="bench"></sme-precheck></body></html>',
  );
  writeFileSync(
    path.join(dir, 'plain.html'),
    '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>plain</title>' +
      '<script src="probe.js"></script></head><body><div data-probe><button type="button">开始</button></div></body></html>',
  );
  writeFileSync(
    path.join(dir, 'surveyjs.html'),
    '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>surveyjs</title>' +
      '<script src="probe.js"></script><link rel="stylesheet" href="survey-core/survey-core.min.css">' +
      '<script src="survey-core/survey.core.min.js"></script><script src="survey-core/i18n/simplified-chinese.min.js"></script>' +
      '<script src="survey-js-ui/survey-js-ui.min.js"></script></head>' +
      '<body><div id="survey" data-probe></div><script src="surveyjs.js"></script></body></html>',
  );
  writeFileSync(
    path.join(dir, 'surveyjs.js'),
    `SurveyUI.renderSurvey(new Survey.Model(${JSON.stringify(surveyJson)}), document.getElementById('survey'));\n`,
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** `gzip -9 -c FILE | wc -c`, the measure the budgets use. */
const gz = (file) => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 64 << 20 }).length;

/** One cold navigation; returns { interactive ms, requested dist/ files }. */
async function coldRun(browser, origin, page) {
  const context = await browser.newContext();
  const requested = [];
  let signalled = false;
  let resolve;
  const interactive = new Promise((r) => (resolve = r));
  await context.exposeBinding('__spInteractive', (_source, t) => {
    signalled = true;
    resolve(t);
  });
  const p = await context.newPage();
  p.on('request', (req) => {
    if (!signalled) requested.push(new URL(req.url()).pathname);
  });
  await p.goto(`${origin}/${page}`);
  const t = await Promise.race([
    interactive,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${page}: no interactive control within 30 s`)), 30_000)),
  ]);
  const running = page !== 'surveyjs.html' && page !== 'plain.html' ? await (await p.waitForFunction(() => window.__spDefined, null, { timeout: 30_000 })).jsonValue() : null;
  await context.close();
  return { t, requested, running };
}

/** dist/ files among `paths` (URL paths), with their gzip -9 sizes. */
function distFiles(paths) {
  const files = [...new Set(paths.filter((p) => p.startsWith('/dist/')))];
  return files.map((p) => ({ file: p.slice(1), gzip: gz(path.join(DIST, p.slice('/dist/'.length))) }));
}

/** Median time of a keystroke on the results (or form → results when there is no live input). */
async function keystroke(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/widget.html`);
    const { Widget } = await import('../../tests/e2e/flow.mjs');
    const w = new Widget(page);
    await w.ready();
    await w.next();
    await w.expectStep('form');
    await w.fillForm();
    await w.next();
    await w.expectStep('results');
    const field = await page.evaluate(() => {
      const step = document.querySelector('sme-precheck').shadowRoot.querySelector('[data-testid="sp-root"]');
      const input =
        step.querySelector('input[data-testid="sp-whatif-amount"]') ??
        step.querySelector('input[data-testid^="sp-field-"]:not([type=checkbox]):not([type=radio])');
      return input ? input.getAttribute('data-testid') : null;
    });
    if (field) {
      const times = [];
      await page.evaluate(() => {
        const root = document.querySelector('sme-precheck').shadowRoot;
        window.__keys = [];
        let t0 = null;
        root.addEventListener('keydown', () => (t0 = performance.now()), true);
        new MutationObserver((records) => {
          if (t0 === null) return;
          if (records.some((r) => !(r.target instanceof HTMLInputElement))) {
            window.__keys.push(performance.now() - t0);
            t0 = null;
          }
        }).observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
      });
      const input = page.locator(`sme-precheck [data-testid="${field}"]`);
      await input.focus();
      for (let i = 0; i < KEYSTROKES; i++) {
        const before = await page.evaluate(() => window.__keys.length);
        // Alternately append and delete a digit: the amount changes every time.
        await page.keyboard.press(i % 2 ? 'Backspace' : 'End');
        if (i % 2 === 0) await page.keyboard.type('1');
        await page.waitForFunction((n) => window.__keys.length > n, before, { timeout: 5_000 }).catch(() => {});
      }
      times.push(...(await page.evaluate(() => window.__keys)));
      return { kind: `keystroke in ${field} on the results`, median: median(times), min: Math.min(...times), n: times.length };
    }
    // Fallback: the form's submit handler (validate, evaluate, render the results).
    await w.press('sp-back');
    await w.expectStep('form');
    const r = await page.evaluate((n) => {
      const root = document.querySelector('sme-precheck').shadowRoot;
      const q = (id) => root.querySelector(`[data-testid=${id}]`);
      const times = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        q('sp-step-form').requestSubmit();
        times.push(performance.now() - t0);
        q('sp-back').click();
      }
      times.sort((a, b) => a - b);
      return { median: times[times.length >> 1], min: times[0], n: times.length };
    }, KEYSTROKES);
    return { kind: 'form → results (no live input on the results yet)', ...r };
  } finally {
    await context.close();
  }
}

async function main() {
  const def = JSON.parse(readFileSync(path.join(ROOT, 'src/survey/default.json'), 'utf8'));
  const dir = mkdtempSync(path.join(tmpdir(), 'sme-startup-'));
  symlinkSync(DIST, path.join(dir, 'dist'));
  if (COMPARE) symlinkSync(COMPARE, path.join(dir, 'dist-compare'));
  symlinkSync(path.join(ROOT, 'node_modules/survey-core'), path.join(dir, 'survey-core'));
  symlinkSync(path.join(ROOT, 'node_modules/survey-js-ui'), path.join(dir, 'survey-js-ui'));
  pages(dir, toSurveyJs(def));
  const server = await staticServer(dir);
  const browser = await launchBrowser();
  try {
    const widget = [];
    const surveyjs = [];
    const plain = [];
    const ratios = [];
    const aboveFloor = [];
    const floorRatios = [];
    const running = [];
    const compare = { t: [], running: [], ratios: [] };
    const preload = { t: [], running: [], bytes: 0 };
    let firstScreen = null;
    for (let i = 0; i < RUNS; i++) {
      const a = await coldRun(browser, server.origin, 'widget.html');
      const b = await coldRun(browser, server.origin, 'surveyjs.html');
      plain.push((await coldRun(browser, server.origin, 'plain.html')).t);
      widget.push(a.t);
      surveyjs.push(b.t);
      ratios.push(a.t / b.t);
      floorRatios.push(plain.at(-1) / b.t);
      aboveFloor.push((a.t - plain.at(-1)) / (b.t - plain.at(-1)));
      running.push(a.running);
      if (COMPARE) {
        const c = await coldRun(browser, server.origin, 'compare.html');
        compare.t.push(c.t);
        compare.running.push(c.running);
        compare.ratios.push(c.t / b.t);
      }
      if (PRELOAD) {
        const d = await coldRun(browser, server.origin, 'preload.html');
        preload.t.push(d.t);
        preload.running.push(d.running);
        preload.bytes = Math.max(preload.bytes, distFiles(d.requested).reduce((s, f) => s + f.gzip, 0));
      }
      const files = distFiles(a.requested);
      const bytes = files.reduce((s, f) => s + f.gzip, 0);
      if (firstScreen === null || bytes > firstScreen.bytes) firstScreen = { bytes, files };
    }
    const update = await keystroke(browser, server.origin);
    const result = {
      chromium: browser.version(),
      runs: RUNS,
      widgetMedian: median(widget),
      widgetMin: Math.min(...widget),
      surveyjsMedian: median(surveyjs),
      surveyjsMin: Math.min(...surveyjs),
      ratioMedian: median(ratios),
      plainMedian: median(plain),
      floorRatioMedian: median(floorRatios),
      aboveFloorRatioMedian: median(aboveFloor),
      runningMedian: median(running),
      compare: COMPARE
        ? { dist: COMPARE, median: median(compare.t), runningMedian: median(compare.running), ratioMedian: median(compare.ratios) }
        : null,
      preload: PRELOAD
        ? { median: median(preload.t), runningMedian: median(preload.running), firstScreenBytes: preload.bytes }
        : null,
      firstScreen,
      update,
    };
    console.log(`Chromium ${result.chromium} headless, ${RUNS} cold runs each (alternating); ms since navigation start`);
    console.log('| page | first interactive control: median | min |');
    console.log('| --- | ---: | ---: |');
    console.log(`| bare page, one <sme-precheck> | **${result.widgetMedian.toFixed(1)}** | ${result.widgetMin.toFixed(1)} |`);
    console.log(`| SurveyJS plain JS, the default survey (zh-Hans) | **${result.surveyjsMedian.toFixed(1)}** | ${result.surveyjsMin.toFixed(1)} |`);
    console.log(`| the floor: a static page with one <button> | ${result.plainMedian.toFixed(1)} | ${Math.min(...plain).toFixed(1)} |`);
    console.log(`| the widget running (wasm instantiated and mounted) | ${result.runningMedian.toFixed(1)} | ${Math.min(...running).toFixed(1)} |`);
    if (result.compare) {
      console.log(`| the other build (${result.compare.dist}): first interactive control | ${result.compare.median.toFixed(1)} | ${Math.min(...compare.t).toFixed(1)} |`);
      console.log(`| the other build: running | ${result.compare.runningMedian.toFixed(1)} | ${Math.min(...compare.running).toFixed(1)} |`);
    }
    if (result.preload) {
      console.log(`| with the host's preload hints: first interactive control (${result.preload.firstScreenBytes} B of dist/ requested before it) | ${result.preload.median.toFixed(1)} | ${Math.min(...preload.t).toFixed(1)} |`);
      console.log(`| with the host's preload hints: running | ${result.preload.runningMedian.toFixed(1)} | ${Math.min(...preload.running).toFixed(1)} |`);
    }
    console.log(`widget / SurveyJS, median of per-run ratios: ${result.ratioMedian.toFixed(3)}`);
    if (result.compare) console.log(`the other build / SurveyJS, median of per-run ratios: ${result.compare.ratioMedian.toFixed(3)}`);
    console.log(`the floor / SurveyJS (no page can go lower here): ${result.floorRatioMedian.toFixed(3)}`);
    console.log(`above the floor, (widget − floor) / (SurveyJS − floor): ${result.aboveFloorRatioMedian.toFixed(3)}`);
    console.log(`dist/ files requested before the first control was interactive (gzip -9): ${firstScreen.bytes} B`);
    for (const f of firstScreen.files) console.log(`  ${f.file.padEnd(40)} ${String(f.gzip).padStart(8)}`);
    console.log(`update: ${update.kind}: median ${update.median.toFixed(2)} ms (min ${update.min.toFixed(2)}, n = ${update.n})`);
    if (process.env.BENCH_OUT) {
      mkdirSync(process.env.BENCH_OUT, { recursive: true });
      writeFileSync(path.join(process.env.BENCH_OUT, 'startup.json'), JSON.stringify(result, null, 2));
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
