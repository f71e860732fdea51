// Save and resume: a reload on the form and in the middle of the survey
// comes back to the same step, page and answers; "Clear my answers" removes
// them (storage key and screen).
//
//   node --test tests/e2e/resume.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordingPage, serverAndBrowser } from './harness.mjs';
import { FORM, SURVEY, Widget } from './flow.mjs';

const KEY = 'sme-precheck:v1:bank-site';

const live = serverAndBrowser();

test('reload mid-survey resumes; clear clears', async () => {
  const { context, page, errors } = await recordingPage(live.browser);
  try {
    await page.goto(`${live.server.origin}/index.html`);
    let widget = new Widget(page);
    await widget.ready();
    await widget.next();
    await widget.expectStep('form');
    await widget.fillForm({ ...FORM, annualRevenue: '9,876,500' });

    // Reload on the form: the typed values come back.
    await page.reload();
    widget = new Widget(page);
    await widget.ready();
    await widget.expectStep('form');
    assert.equal(await widget.$('sp-field-annualRevenue').inputValue(), '9,876,500');
    assert.equal(await widget.$('sp-field-industry').inputValue(), FORM.industry);

    // On to the second survey page, answer part of it, reload.
    await widget.next();
    await widget.expectStep('results');
    await widget.next();
    await widget.expectStep('survey');
    await widget.answerPage(SURVEY);
    await widget.next();
    await page.locator('sme-precheck [data-testid="sp-page-financing"]').waitFor();
    await widget.set('sp-q-amount-input', '3,000,000');
    await widget.choose('sp-q-term', 'y1_3');
    await page.waitForFunction((key) => (localStorage.getItem(key) ?? '').includes('y1_3'), KEY);
    await page.reload();
    widget = new Widget(page);
    await widget.ready();
    await widget.expectStep('survey');
    await page.locator('sme-precheck [data-testid="sp-page-financing"]').waitFor();
    assert.equal((await widget.$('sp-q-amount-input').inputValue()).replace(/,/g, ''), '3000000');
    assert.ok(await widget.$('sp-q-term-y1_3').isChecked());
    // Earlier pages were kept too.
    await widget.press('sp-back');
    await page.locator('sme-precheck [data-testid="sp-page-about"]').waitFor();
    assert.ok(await widget.$(`sp-q-stage-${SURVEY.stage}`).isChecked());

    // Clear: back to the intro, storage gone, and still gone after a reload.
    await widget.press('sp-clear');
    await widget.expectStep('intro');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), null);
    await page.reload();
    widget = new Widget(page);
    assert.equal(await widget.ready(), 'intro');
    await widget.next();
    await widget.expectStep('form');
    assert.equal(await widget.$('sp-field-annualRevenue').inputValue(), '');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
