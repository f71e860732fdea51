// The quick check in real Chromium: the first per-product answer appears
// live on the quick-check step (no submit in between) after at most eight
// inputs; a keyboard-only visitor gets there in at most 30 key presses
// other than typed characters (counted from page load, host page links
// included); errors from the core land under the field they are about, in
// every language; the live answer is aria-busy while a typing pause runs;
// the what-if amount and term on the results recompute.
//
//   node --test tests/e2e/flow-quick.test.mjs

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recordingPage, serverAndBrowser } from './harness.mjs';
import { QUICK, Widget } from './flow.mjs';

const live = serverAndBrowser();

/** A keyboard that counts the presses of non-character keys (typing is not counted). */
function countingKeyboard(keyboard) {
  const counter = {
    presses: 0,
    press: async (key) => {
      counter.presses++;
      await keyboard.press(key);
    },
    type: (text) => keyboard.type(text),
  };
  return counter;
}

describe('quick check', () => {
  test('keyboard only: the first answer in at most 30 key presses and 8 inputs', async (t) => {
    const { context, page, errors } = await recordingPage(live.browser);
    try {
      await page.goto(`${live.server.origin}/index.html`);
      const keyboard = countingKeyboard(page.keyboard);
      const widget = new Widget(page, { mode: 'keyboard', keyboard });
      await widget.ready();
      await widget.next();
      await widget.expectStep('form');
      // The fields of the quick check: what a loan officer asks first.
      const fields = await page
        .locator('sme-precheck [data-testid="sp-step-form"] [data-testid^="sp-field-"]:is(input, select, fieldset)')
        .evaluateAll((els) => els.filter((e) => !e.closest('fieldset[data-testid^="sp-field-"]') || e.tagName === 'FIELDSET').map((e) => e.dataset.testid));
      assert.ok(fields.length <= 8, `at most 8 inputs on the quick check: ${fields}`);
      // Answer in order until the live answer appears.
      const order = Object.keys(QUICK);
      let inputs = 0;
      let products = [];
      for (const name of order) {
        await widget.set(`sp-field-${name}`, QUICK[name]);
        inputs++;
        // The live answer is recomputed when typing pauses: wait for it
        // once every required answer is in.
        if (name === 'creditProblems') {
          products = await widget.liveAnswer();
          break;
        }
      }
      assert.equal(await widget.step(), 'form', 'no submit between the form and the answer');
      assert.ok(products.length >= 6, JSON.stringify(products));
      assert.ok(inputs <= 8, `inputs before the first answer: ${inputs}`);
      assert.ok(keyboard.presses <= 30, `key presses before the first answer: ${keyboard.presses}`);
      t.diagnostic(`first answer after ${inputs} inputs and ${keyboard.presses} key presses (from page load)`);
      // The answer says what it assumed.
      assert.ok(await widget.$('sp-assumed').isVisible());
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  for (const lang of ['zh-Hans', 'zh-Hant', 'en']) {
    test(`${lang}: the core's errors land under their own field`, async () => {
      const { context, page, errors } = await recordingPage(live.browser);
      try {
        await page.goto(`${live.server.origin}/index.html`);
        const widget = new Widget(page);
        await widget.ready();
        await widget.set('sp-lang', lang);
        await widget.next();
        await widget.expectStep('form');
        // Construction is classified by total assets: the field appears and,
        // left empty, is where the error goes.
        await widget.fillForm({ ...QUICK, industry: 'construction' });
        await expectErrorOn(page, 'totalAssets', ['industry'], lang);
        await widget.set('sp-field-totalAssets', '3000万');
        await page.locator('sme-precheck [data-testid="sp-field-totalAssets"]:not([aria-invalid])').waitFor();
        // More overdues in 12 months than in 24: the error is on the 24.
        await widget.fillForm({ creditProblems: 'yes' });
        await widget.fillForm({ overduesLast12Months: '2', overduesLast24Months: '1' });
        await expectErrorOn(page, 'overduesLast24Months', ['overduesLast12Months'], lang);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test('switching language keeps every answer and the live answer', async () => {
    const { context, page, errors } = await recordingPage(live.browser);
    try {
      await page.goto(`${live.server.origin}/index.html`);
      const widget = new Widget(page);
      await widget.ready();
      await widget.next();
      await widget.expectStep('form');
      await widget.fillForm(QUICK);
      const before = await widget.liveAnswer();
      for (const lang of ['en', 'zh-Hant', 'zh-Hans']) {
        await widget.set('sp-lang', lang);
        await page.locator(`sme-precheck [data-testid="sp-root"][lang="${lang}"]`).waitFor();
        assert.equal(await widget.step(), 'form');
        for (const name of ['monthsOperating', 'annualRevenue', 'requestedAmount']) {
          assert.equal(await widget.$(`sp-field-${name}`).inputValue(), QUICK[name], `${name} in ${lang}`);
        }
        assert.equal(await widget.$('sp-field-industry').inputValue(), QUICK.industry);
        assert.ok(await widget.$('sp-field-creditProblems-no').isChecked());
        assert.deepEqual(await widget.liveAnswer(), before, `the same answer in ${lang}`);
        assert.equal(await widget.focused(), 'sp-lang', 'focus stays on the language select');
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('during a typing pause the live answer is aria-busy; then it answers what was typed', async () => {
    const { context, page, errors } = await recordingPage(live.browser);
    try {
      // Fake timers, paused after the form is answered: the pause timer
      // armed by the next keystroke fires only when the clock is run.
      await context.clock.install();
      await page.goto(`${live.server.origin}/index.html`);
      const widget = new Widget(page);
      await widget.ready();
      await widget.set('sp-lang', 'en');
      await widget.next();
      await widget.expectStep('form');
      await widget.fillForm(QUICK);
      await widget.liveAnswer();
      await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
      await widget.set('sp-field-annualRevenue', '800');
      const body = page.locator('sme-precheck #sp-live-body');
      assert.equal(await body.getAttribute('aria-busy'), 'true', 'busy while the pause runs');
      await page.clock.runFor(1_000);
      assert.equal(await body.getAttribute('aria-busy'), null, 'no longer busy once answered');
      // The answer is for revenue of 800 yuan: no product's limit reaches
      // the 1,000,000 asked for.
      const outcomes = await widget.liveAnswer();
      assert.ok(!outcomes.some(([, outcome]) => outcome === 'pre_qualified'), JSON.stringify(outcomes));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('what-if amount and term on the results recompute at once', async () => {
    const { context, page, errors } = await recordingPage(live.browser);
    try {
      await page.goto(`${live.server.origin}/index.html`);
      const widget = new Widget(page);
      await widget.ready();
      await widget.set('sp-lang', 'en');
      await widget.next();
      // A mortgage: the secured product gets instalment plans, which the term changes.
      await widget.toResults({ ...QUICK, collateral: 'property', collateralType: 'residential', collateralValue: '500万' });
      const payments = () => page.locator('sme-precheck [data-testid="sp-payment"]').allTextContents();
      const changed = (before) =>
        page.waitForFunction(
          (before) => {
            const cells = [...document.querySelector('sme-precheck').shadowRoot.querySelectorAll('[data-testid="sp-payment"]')];
            return cells.length && JSON.stringify(cells.map((c) => c.textContent)) !== before;
          },
          JSON.stringify(before),
        );
      const before = await payments();
      // Typed key by key: every keystroke recomputes, the input keeps focus.
      await widget.$('sp-whatif-amount').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('200000');
      await changed(before);
      assert.equal(await widget.focused(), 'sp-whatif-amount', 'the amount input is never replaced');
      assert.equal(await widget.$('sp-whatif-amount').inputValue(), '200000');
      const at200k = await payments();
      await widget.$('sp-whatif-term').fill('6');
      await changed(at200k);
      // The what-if values are the form's: back on the quick check they are there.
      await widget.press('sp-back');
      await widget.expectStep('form');
      assert.equal(await widget.$('sp-field-requestedAmount').inputValue(), '200000');
      assert.equal(await widget.$('sp-field-termMonths').inputValue(), '6');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

/**
 * Waits until `field` is invalid with a described message inside its row
 * (in the visitor's language: no JSON field names in Chinese), and `not`
 * fields are not.
 */
async function expectErrorOn(page, field, not, lang) {
  const control = page.locator(`sme-precheck [data-testid="sp-field-${field}"][aria-invalid="true"]`);
  await control.waitFor();
  const described = (await control.getAttribute('aria-describedby')).split(/\s+/);
  const message = page.locator(`sme-precheck [data-field="${field}"] .sp-error`);
  const id = await message.getAttribute('id');
  assert.ok(described.includes(id), `${field} is described by its message (${described})`);
  const text = (await message.textContent()).trim();
  assert.ok(text.length > 0);
  if (lang !== 'en') assert.ok(!/[A-Za-z]{4,}/.test(text), `${field}: ${text} is not in ${lang}`);
  for (const other of not) {
    assert.equal(
      await page.locator(`sme-precheck [data-testid="sp-field-${other}"]`).getAttribute('aria-invalid'),
      null,
      `${other} is not marked`,
    );
    assert.equal(await page.locator(`sme-precheck [data-field="${other}"] .sp-error`).count(), 0);
  }
}
