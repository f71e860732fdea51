// The staff dashboard's long-term view in Chromium, on a database filled by
// `precheck-simulate` (3,000 randomized records over 6 weeks, two partners,
// the second with only a handful of records in the first week): the trend
// of one value is drawn as SVG with its interval band in zh-Hans, zh-Hant
// and en, partners side by side with the small week marked and not drawn,
// readable at 360 px without sideways scrolling, exported as CSV with the
// week column, a late answer to an earlier choice never drawn over the
// latest, and all of it under the strict CSP without an error and without
// an axe-core (WCAG 2.1 AA) violation in the trend panel.

import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, launchBrowser, recordingPage, startServer } from './harness.mjs';

const live = {};
let truth;

before(async () => {
  const bin = process.env.PRECHECK_SERVER_BIN ?? path.join(ROOT, 'target/debug/precheck-server');
  const dir = mkdtempSync(path.join(tmpdir(), 'sme-dashboard-'));
  const truthFile = path.join(dir, 'truth.json');
  const sim = spawnSync(path.join(path.dirname(bin), 'precheck-simulate'), [
    '--database-url', `sqlite:${path.join(dir, 'feedback.db')}`,
    '--records', '3000', '--weeks', '6', '--truth', truthFile,
  ], { encoding: 'utf8' });
  assert.equal(sim.status, 0, sim.stderr);
  truth = JSON.parse(readFileSync(truthFile, 'utf8'));
  live.server = await startServer({ dir, args: ['--min-count', '100'] });
  live.browser = await launchBrowser();
});

after(async () => {
  await live.browser?.close();
  await live.server?.stop();
});

/** The trend's heading line as drawn for the chosen field and value. */
async function chosenHeading(page) {
  const selected = (id) => page.$eval(id, (s) => s.selectedOptions[0].textContent);
  return `${await selected('#trend-field')} · ${await selected('#trend-value')} · `;
}

/** Waits until the trend drawn is the one for `heading`. */
async function trendDrawn(page, heading) {
  await page.waitForFunction(
    (h) => document.querySelector('#trend-chart .meta')?.textContent.startsWith(h),
    heading,
  );
}

async function openTrend(lang, viewport = { width: 1024, height: 900 }) {
  const rec = await recordingPage(live.browser, { viewport });
  // The dashboard refreshes every few seconds while the tab is visible,
  // redrawing the trend: the tests read one drawing, so the tab is hidden.
  await rec.context.addInitScript(() => Object.defineProperty(Document.prototype, 'hidden', { get: () => true }));
  await rec.page.goto(`${live.server.origin}/dashboard?lang=${lang}#token=${live.server.token}`);
  await rec.page.waitForSelector('svg.trend-chart .dot');
  await rec.page.selectOption('#trend-field', truth.field);
  await rec.page.selectOption('#trend-value', truth.value);
  // The chart first drawn is another question's (the first with a "yes"),
  // often with the same value label: wait for this field's and value's.
  await trendDrawn(rec.page, await chosenHeading(rec.page));
  return rec;
}

for (const [lang, title] of [['zh-Hans', '长期趋势'], ['zh-Hant', '長期趨勢'], ['en', 'Long-term trend']]) {
  test(`the trend is drawn with its band in ${lang}`, async () => {
    const { page, context, errors, violations } = await openTrend(lang);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.textContent('#trend-title'), title);
    const weeks = truth.weeks.length;
    assert.equal(await page.locator('svg.trend-chart .series').count(), 1);
    assert.equal(await page.locator('svg.trend-chart .series .dot').count(), weeks);
    assert.equal(await page.locator('svg.trend-chart .series .band').count(), 1);
    assert.equal(await page.getAttribute('svg.trend-chart', 'role'), 'img');
    // Each point's tooltip carries the share and interval, which contain the truth
    // in most weeks (95 % intervals; a miss or two is chance).
    const titles = await page.locator('svg.trend-chart .dot title').allTextContents();
    let covered = 0;
    titles.forEach((text, i) => {
      const [share, low, high] = [...text.matchAll(/([0-9.]+)%/g)].map((m) => Number(m[1]) / 100);
      assert.ok(low <= share && share <= high, text);
      const f = truth.weeks[i].truth;
      if (low <= f && f <= high) covered += 1;
    });
    assert.ok(covered >= weeks - 2, `${covered} of ${weeks} weeks cover the truth`);
    assert.deepEqual(errors, []);
    assert.deepEqual(violations, []);
    assert.equal(await page.locator('[style]').count(), 0, 'no inline style attributes');
    const axe = await new AxeBuilder({ page })
      .include('#trend')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3)}`), []);
    await context.close();
  });
}

test('partners and options side by side: the small first week is marked, not drawn', async () => {
  const { page, context, errors, violations } = await openTrend('en');
  await page.selectOption('#trend-by', 'partner');
  await page.waitForFunction(() => document.querySelectorAll('svg.trend-chart .series').length === 2);
  const vc = page.locator('svg.trend-chart .series[data-series="vc-portal-1"]');
  assert.equal(await vc.locator('.gap').count(), 1);
  assert.equal(await vc.locator('.gap').getAttribute('data-week'), truth.weeks[0].week);
  assert.equal(await vc.locator('.dot').count(), truth.weeks.length - 1);
  assert.match(await vc.locator('.gap title').textContent(), /Too few records \(n = \d+\)/);
  // The options of the same question side by side: one line per option.
  const prefix = truth.field.split('.')[0];
  const options = await page.$$eval('#trend-field option', (os, p) => os.filter((o) => o.value.startsWith(`${p}.`)).length, prefix);
  assert.ok(options >= 2, `${options} options of ${prefix}`);
  await page.selectOption('#trend-by', 'field');
  await page.waitForFunction((n) => document.querySelectorAll('svg.trend-chart .series').length === n, options);
  assert.equal(await page.locator(`svg.trend-chart .series[data-series="${truth.field}"]`).count(), 1);
  assert.deepEqual(errors, []);
  assert.deepEqual(violations, []);
  await context.close();
});

test('a late answer to an earlier choice is not drawn over the latest one', async () => {
  const { page, context, errors } = await openTrend('en');
  const heading = await chosenHeading(page);
  const other = await page.$$eval('#trend-field option', (os, f) => os.map((o) => o.value).find((v) => v !== f), truth.field);
  // Records, once the page has read a trend answer (a task after the
  // dashboard's own continuation), which field it was for.
  await page.evaluate(() => {
    const real = window.fetch;
    window.trendsRead = [];
    window.fetch = async (...args) => {
      const res = await real(...args);
      const url = new URL(res.url);
      if (url.pathname === '/v1/trends') {
        const json = res.json.bind(res);
        res.json = () => {
          const body = json();
          body.then(() => setTimeout(() => window.trendsRead.push(url.searchParams.get('field')), 0));
          return body;
        };
      }
      return res;
    };
  });
  // The answer to the first choice is held until the second is drawn.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let holding = true;
  await page.route((url) => url.pathname === '/v1/trends', async (route) => {
    if (holding) {
      holding = false;
      await held;
    }
    await route.continue();
  });
  await page.selectOption('#trend-field', other);
  await page.selectOption('#trend-field', truth.field);
  // The chart shows this heading already: wait until the second answer is read.
  await page.waitForFunction((f) => window.trendsRead.includes(f), truth.field);
  await trendDrawn(page, heading);
  release();
  await page.waitForFunction((f) => window.trendsRead.includes(f), other);
  assert.ok(
    (await page.textContent('#trend-chart .meta')).startsWith(heading),
    `the late answer for ${other} replaced the chart`,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('readable at 360 px and exported as CSV with the week column', async () => {
  const { page, context, errors, violations } = await openTrend('zh-Hant', { width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow} px`);
  const box = await page.locator('svg.trend-chart').boundingBox();
  assert.ok(box.width <= 360 && box.width >= 300, `chart ${box.width} px wide`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#trend-export')]);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\n');
  assert.match(lines[0], /^week,series,survey,partner,field,value,n,count,share,low,high,suppressed$/);
  assert.equal(lines.length, 1 + truth.weeks.length);
  assert.ok(lines[1].startsWith(`${truth.weeks[0].week},all,`), lines[1]);
  assert.deepEqual(errors, []);
  assert.deepEqual(violations, []);
  await context.close();
});
