// Render timings of the <sme-precheck> widget in headless Chromium (U's
// section of docs/benchmarks.md). Each figure is the duration of the
// synchronous event handler (wasm: read inputs, run the core, rebuild the
// step's DOM), measured in the page with performance.now(); median of N.
// Serve www/ at / and dist/ at /dist/, then:
//   BASE=http://127.0.0.1:8080 node docs/widget-render-bench.mjs
import { chromium } from 'playwright-core';

const base = process.env.BASE || 'http://127.0.0.1:8080';
const N = Number(process.env.N || 31);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
await page.goto(`${base}/index.html`);
const w = page.locator('sme-precheck');
await w.locator('[data-testid=sp-step-title]').waitFor();
await page.evaluate(() => localStorage.clear());
await page.reload();
await w.locator('[data-testid=sp-next]').click();
const sel = (id, v) => w.locator(`[data-testid=sp-field-${id}]`).selectOption(v);
const fill = (id, v) => w.locator(`[data-testid=sp-field-${id}]`).fill(v);
await sel('industry', 'software'); await fill('employees', '35'); await fill('monthsOperating', '40');
await sel('province', '44'); await fill('annualRevenue', '1,234万'); await fill('taxPaidLast24Months', '80万');
await sel('taxCreditRating', 'A'); await fill('legalRepAge', '42'); await fill('requestedAmount', '200万');

// Runs `action` (a string naming a step below) N times in the page; returns the median ms.
const timed = (action) => page.evaluate(({ action, N }) => {
  const root = document.querySelector('sme-precheck').shadowRoot;
  const q = (id) => root.querySelector(`[data-testid=${id}]`);
  const times = [];
  for (let i = 0; i < N; i++) {
    let t0;
    if (action === 'form-to-results') {
      t0 = performance.now();
      q('sp-step-form').requestSubmit();
      times.push(performance.now() - t0);
      q('sp-back').click();
    } else if (action === 'results-lang-switch') {
      const s = q('sp-lang');
      s.value = i % 2 ? 'en' : 'zh-Hant';
      t0 = performance.now();
      s.dispatchEvent(new Event('change', { bubbles: true }));
      times.push(performance.now() - t0);
    } else if (action === 'results-to-survey') {
      t0 = performance.now();
      q('sp-step-results').requestSubmit();
      times.push(performance.now() - t0);
      q('sp-back').click();
    }
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], min: times[0], max: times[times.length - 1] };
}, { action, N });

const fmt = (r) => `median ${r.median.toFixed(2)} ms (min ${r.min.toFixed(2)}, max ${r.max.toFixed(2)})`;
console.log(`form → results (validate, evaluate 6 products, render the six cards; schedules are built when opened): ${fmt(await timed('form-to-results'))}`);
await w.locator('[data-testid=sp-next]').click();
console.log(`results: switch language (re-evaluate, re-render): ${fmt(await timed('results-lang-switch'))}`);
console.log(`results → survey page 1 (engine + render): ${fmt(await timed('results-to-survey'))}`);
console.log(`N = ${N}, ${await browser.version()}`);
await browser.close();
