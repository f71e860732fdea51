// The results views in real Chromium: the comparison list fits a 1280×800
// screen (every product's outcome and limit visible without scrolling) and
// a 360 px / 320 px phone (no horizontal scroll); the repayment chart is an
// SVG with an accessible name and no CSP violation under the strict policy;
// axe finds nothing on the results with a product open; the print view
// hides the controls and shows every product; the print button sends
// nothing; a typing pause that ends after Next redraws nothing.
//
//   bash scripts/build.sh && cargo build --bin precheck-server &&
//   node --test tests/e2e/results.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { recordingPage, serverAndBrowser } from './harness.mjs';
import { FORM, QUICK, Widget } from './flow.mjs';

const live = serverAndBrowser();

/** Opens `page` on `path` and walks to the results step. */
async function toResults(page, { path = '/index.html', lang = 'zh-Hans', form = FORM } = {}) {
  await page.goto(`${live.server.origin}${path}`);
  const widget = new Widget(page);
  await widget.ready();
  if ((await widget.lang()) !== lang) await widget.set('sp-lang', lang);
  if ((await widget.step()) === 'intro') await widget.next();
  if (typeof widget.toResults === 'function') {
    await widget.toResults(form);
  } else {
    await widget.expectStep('form');
    await widget.fillForm(form);
    await widget.next();
    await widget.expectStep('results');
  }
  await widget.$('sp-compare').waitFor();
  return widget;
}

/** Opens the product `id` (clicks its row) and waits for its chart. */
async function openProduct(widget, id) {
  const row = widget.$(`sp-product-${id}`);
  await row.locator('summary').click();
  await row.locator('[data-testid="sp-chart"]').waitFor();
  return row;
}

/** Ids of the products in the comparison, in display order. */
async function productIds(widget) {
  return widget
    .$('sp-compare')
    .locator('[data-testid^="sp-product-"]')
    .evaluateAll((els) => els.map((e) => e.dataset.testid.slice('sp-product-'.length)));
}

/** The deeply focused element (through the shadow root): [id, data-method]. */
async function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return [a?.id ?? '', a?.dataset?.method ?? ''];
  });
}

/** The first product in the list with instalment plans (a chart to draw). */
async function instalmentProduct(widget) {
  const id = await widget
    .$('sp-compare')
    .locator('details:has(input[data-action="choose-method"])')
    .first()
    .getAttribute('data-testid');
  return id.slice('sp-product-'.length);
}

/** Horizontal overflow of the page and of the widget's root, in px. */
async function overflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const root = document.querySelector('sme-precheck').shadowRoot.querySelector('[data-testid="sp-root"]');
    return {
      page: doc.scrollWidth - doc.clientWidth,
      widget: root.scrollWidth - root.clientWidth,
    };
  });
}

/** Height of the results step's body and of the page, in CSS px. */
async function heights(widget) {
  const step = await widget.$('sp-step-results').evaluate((e) => Math.round(e.getBoundingClientRect().height));
  const page = await widget.scope.evaluate(() => document.documentElement.scrollHeight);
  return { step, page };
}

for (const width of [360, 320]) {
  test(`${width} px: the results have no horizontal scroll, with a product open`, async (t) => {
    const { context, page, errors } = await recordingPage(live.browser, { viewport: { width, height: 800 } });
    try {
      const widget = await toResults(page);
      assert.deepEqual(await overflow(page), { page: 0, widget: 0 }, 'closed list');
      const h = await heights(widget);
      t.diagnostic(`results step ${h.step} px tall at ${width} px (page ${h.page} px)`);
      const first = await instalmentProduct(widget);
      await openProduct(widget, first);
      assert.deepEqual(await overflow(page), { page: 0, widget: 0 }, 'a product open with its chart');
      // Stacked layout: the column header row is gone and each row shows
      // its own labels.
      assert.equal(await widget.$('sp-step-results').locator('.sp-compare-head').isVisible(), false);
      assert.equal(await widget.$(`sp-product-${first}`).locator('.sp-c-limit .sp-cell-label').isVisible(), true);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('1280×800: every outcome and limit is on the first screen', async (t) => {
  const { context, page, errors } = await recordingPage(live.browser, { viewport: { width: 1280, height: 800 } });
  try {
    const widget = await toResults(page);
    const ids = await productIds(widget);
    assert.ok(ids.length >= 6, `all products listed (${ids.join(', ')})`);
    // Where the visitor lands: the step heading has focus and is in view.
    const cells = await widget
      .$('sp-compare')
      .locator('[data-testid="sp-outcome"], [data-testid="sp-limit"]')
      .evaluateAll((els) => els.map((e) => {
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom };
      }));
    assert.equal(cells.length, ids.length * 2);
    const last = Math.max(...cells.map((c) => c.bottom));
    const first = Math.min(...cells.map((c) => c.top));
    assert.ok(first >= 0 && last <= 800, `outcomes and limits span ${first}–${last} px of an 800 px screen`);
    const h = await heights(widget);
    const scrollY = await page.evaluate(() => window.scrollY);
    t.diagnostic(`outcomes and limits between y=${Math.round(first)} and y=${Math.round(last)} of 800 (page scrolled ${scrollY} px); results step ${h.step} px tall`);
    // What to do next: the documents every listed product needs.
    assert.ok((await widget.$('sp-docs-common').locator('li').count()) >= 1, 'common documents listed');
    // One line per product at this width.
    const rowHeights = await widget.$('sp-compare').locator('summary').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    assert.ok(Math.max(...rowHeights) < 48, `row heights ${rowHeights.join(', ')}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the chart is an SVG image with an accessible name; axe finds nothing on the results', async () => {
  const { context, page, errors } = await recordingPage(live.browser, { bypassCSP: true });
  try {
    const widget = await toResults(page, { lang: 'en' });
    const first = await instalmentProduct(widget);
    const row = await openProduct(widget, first);
    const svg = row.locator('svg[data-testid="sp-chart"]');
    assert.equal(await svg.getAttribute('role'), 'img');
    const name = await svg.evaluate((el) => {
      const root = el.getRootNode();
      return el
        .getAttribute('aria-labelledby')
        .split(/\s+/)
        .map((id) => root.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    });
    assert.match(name, /payment per month/);
    assert.match(name, /Total interest|total interest/);
    // Playwright's own accessible-name computation finds it by role and name.
    await widget.scope.getByRole('img', { name: /payment per month/ }).first().waitFor();
    // One bar pair per month of the schedule.
    const months = await row.locator('[data-testid="sp-schedule"] tbody tr').count();
    assert.ok(months >= 1);
    assert.equal(await svg.locator('rect.sp-bar-p').count(), months);
    // No inline style anywhere in the widget.
    const styled = await page.evaluate(() =>
      document.querySelector('sme-precheck').shadowRoot.querySelectorAll('[style]').length);
    assert.equal(styled, 0);

    // Choosing another method redraws the chart for it.
    await row.locator('input[data-method="interest_first"]').check();
    await row.locator('svg[data-testid="sp-chart"][data-method="interest_first"]').waitFor();

    await row.locator('[data-testid="sp-schedule-toggle"]').click();
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const violations = results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a typing pause that ends after Next leaves the open product and its chart in place', async () => {
  const { context, page, errors } = await recordingPage(live.browser, { bypassCSP: true });
  try {
    // Fake timers: the quick check is answered with the clock running
    // (its live answer appears after the typing pause); the clock is
    // paused before the refine step is answered, so the pause timer armed
    // by its last keystroke cannot fire until the clock is run below,
    // after Next and after a product is opened.
    await context.clock.install();
    await page.goto(`${live.server.origin}/index.html`);
    const widget = new Widget(page);
    await widget.ready();
    if ((await widget.step()) === 'intro') await widget.next();
    await widget.expectStep('form');
    await widget.fillForm(QUICK);
    await widget.liveAnswer();
    await widget.press('sp-refine');
    await widget.expectStep('refine');
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
    await widget.fillForm(FORM);
    await widget.next();
    await widget.expectStep('results');
    const row = await openProduct(widget, await instalmentProduct(widget));
    const chart = await row.locator('svg[data-testid="sp-chart"]').elementHandle();
    await page.clock.runFor(2_000);
    assert.equal(await chart.evaluate((el) => el.isConnected), true, 'the chart was redrawn under the visitor');
    assert.equal(await row.getAttribute('open'), '');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('strict CSP: the results with the chart report no violation', async () => {
  const { context, page, errors, violations } = await recordingPage(live.browser);
  try {
    const widget = await toResults(page, { path: '/csp.html' });
    const first = await instalmentProduct(widget);
    await openProduct(widget, first);
    // Violations are reported asynchronously: wait for one more frame
    // after the chart is in the DOM and painted.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    assert.equal((await page.locator('[data-testid="csp-count"]').textContent()).trim(), '0');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('print view: controls hidden, every product with its details; printing sends nothing', async () => {
  const { context, page, requests, errors } = await recordingPage(live.browser);
  try {
    await context.addInitScript(() => {
      window.__printed = 0;
      window.print = () => {
        window.__printed += 1;
      };
    });
    const widget = await toResults(page);
    const ids = await productIds(widget);
    const before = requests.length;
    await widget.$('sp-print').click();
    await page.waitForFunction(() => window.__printed === 1);
    assert.equal(requests.length, before, 'the print button makes no request');

    await page.emulateMedia({ media: 'print' });
    for (const id of ['sp-next', 'sp-print', 'sp-lang', 'sp-progress']) {
      assert.equal(await widget.$(id).isVisible(), false, `${id} hidden in print`);
    }
    assert.equal(await widget.$('sp-next-steps').isVisible(), true);
    // Every product's panel prints, open or not.
    for (const id of ids) {
      const panel = widget.$(`sp-product-${id}`).locator('.sp-panel');
      assert.equal(await panel.isVisible(), true, `${id}'s details print`);
    }
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await widget.$('sp-print').isVisible(), true);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('keyboard: Enter on a product row opens it with its chart; focus stays on the row', async () => {
  const { context, page, errors } = await recordingPage(live.browser);
  try {
    const widget = await toResults(page);
    const id = await instalmentProduct(widget);
    // Let the last debounced recompute of the form land first: wait until
    // the shadow root has had no DOM change for 400 ms.
    await page.evaluate(() => new Promise((resolve) => {
      const root = document.querySelector('sme-precheck').shadowRoot;
      let timer = setTimeout(done, 400);
      const observer = new MutationObserver(() => {
        clearTimeout(timer);
        timer = setTimeout(done, 400);
      });
      function done() {
        observer.disconnect();
        resolve();
      }
      observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    }));
    await widget.$(`sp-product-${id}`).locator('summary').focus();
    await page.keyboard.press('Enter');
    await widget.$(`sp-product-${id}`).locator('[data-testid="sp-chart"]').waitFor();
    assert.equal((await focused(page))[0], `sp-sum-${id}`);
    // The method radios are the next stop after the row: Tab, then an
    // arrow key picks the next method and the chart is redrawn for it.
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))[1], 'equal_instalment');
    await page.keyboard.press('ArrowDown');
    await widget.$(`sp-product-${id}`).locator('svg[data-testid="sp-chart"][data-method="equal_principal"]').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
