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
    // Amount and term came from the pre-check (not asked again); answer two others.
    await widget.choose('sp-q-purpose', 'equipment');
    await widget.choose('sp-q-urgency', 'm3_6');
    await page.waitForFunction((key) => (localStorage.getItem(key) ?? '').includes('m3_6'), KEY);
    await page.reload();
    widget = new Widget(page);
    await widget.ready();
    await widget.expectStep('survey');
    await page.locator('sme-precheck [data-testid="sp-page-financing"]').waitFor();
    assert.ok(await widget.$('sp-q-purpose-equipment').isChecked());
    assert.ok(await widget.$('sp-q-urgency-m3_6').isChecked());
    // Earlier pages were kept too.
    await widget.press('sp-back');
    await page.locator('sme-precheck [data-testid="sp-page-about"]').waitFor();
    assert.ok(await widget.$(`sp-q-industry-${SURVEY.industry}`).isChecked());

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
