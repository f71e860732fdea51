// Regenerates the widget screenshots in docs/screenshots/ with real Chromium.
// Serve www/ at / and dist/ at /dist/ (e.g. `npm start`, or the server's
// --www/--dist flags), then:
//   BASE=http://127.0.0.1:8080 node docs/screenshots/capture.mjs
// Needs the Debian packages chromium and fonts-noto-cjk (for Chinese).
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const base = process.env.BASE || 'http://127.0.0.1:8080';
const out = path.dirname(fileURLToPath(import.meta.url));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function session(width, lang, shots) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await page.goto(`${base}/index.html`);
  const w = page.locator('sme-precheck');
  await w.locator('[data-testid=sp-step-title]').waitFor();
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await w.locator('[data-testid=sp-lang]').selectOption(lang);
  const snap = async (step, name) => {
    if (shots.includes(step)) await w.screenshot({ path: path.join(out, `${name}.png`) });
  };
  const tag = `${lang}-${width}`;
  await snap('intro', `${tag}-1-intro`);
  await w.locator('[data-testid=sp-next]').click();
  await w.locator('[data-testid=sp-next]').click(); // empty: shows the errors
  await snap('form-errors', `${tag}-2-form-errors`);
  const sel = (id, v) => w.locator(`[data-testid=sp-field-${id}]`).selectOption(v);
  const fill = (id, v) => w.locator(`[data-testid=sp-field-${id}]`).fill(v);
  await sel('industry', 'software'); await fill('employees', '35'); await fill('monthsOperating', '40');
  await sel('province', '44'); await sel('lifecycleStage', 'growth');
  await w.locator('[data-testid=sp-field-tags-high_tech]').check();
  await fill('annualRevenue', '1,234万'); await fill('taxPaidLast24Months', '80万');
  await sel('taxCreditRating', 'A'); await fill('legalRepAge', '42'); await fill('requestedAmount', '200万');
  await w.locator('[data-testid=sp-next]').click();
  const card = w.locator('[data-testid=sp-product-jingying_kuaidai]');
  await card.locator('[data-testid=sp-schedule-toggle]').first().click();
  if (shots.includes('results')) await card.screenshot({ path: path.join(out, `${tag}-3-result-card.png`) });
  await w.locator('[data-testid=sp-next]').click();
  let page1 = true;
  while ((await w.locator('[data-testid=sp-root]').getAttribute('data-step')) === 'survey') {
    const qs = w.locator('fieldset.sp-question');
    for (let k = 0, n = await qs.count(); k < n; k++) {
      const q = qs.nth(k);
      const type = await q.getAttribute('data-type');
      if (['single', 'rating', 'yesno', 'multi'].includes(type)) await q.locator('input').first().check();
      else if (type === 'number' || type === 'amount') await q.locator('input').first().fill('150万');
      else if (type === 'ranking') { const s = q.locator('select'); for (let j = 0, c = await s.count(); j < c; j++) await s.nth(j).selectOption(String(j + 1)); }
    }
    if (page1) await snap('survey', `${tag}-4-survey`);
    page1 = false;
    await w.locator('[data-testid=sp-next]').click();
  }
  await snap('recommendations', `${tag}-5-recommendations`);
  await w.locator('[data-testid=sp-next]').click();
  await w.locator('[data-testid=sp-record-json-toggle]').click();
  await snap('preview', `${tag}-6-preview`);
  await w.locator('[data-testid=sp-dont-send]').click();
  await snap('thanks', `${tag}-7-thanks`);
  await ctx.close();
}

await session(1000, 'en', ['intro', 'form-errors', 'results', 'survey', 'recommendations', 'preview', 'thanks']);
await session(1000, 'zh-Hans', ['intro', 'results', 'survey', 'preview']);
await session(1000, 'zh-Hant', ['results', 'recommendations']);
await session(320, 'zh-Hans', ['intro', 'form-errors', 'results', 'survey']);

// The VC portal embedding the iframe page.
const ctx = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
const page = await ctx.newPage();
await page.goto(`${base}/vc-portal.html`);
await page.waitForSelector('#vc-messages li[data-type=resize]');
await page.screenshot({ path: path.join(out, 'vc-portal-iframe.png') });
await browser.close();
console.log(`screenshots written to ${out}`);
