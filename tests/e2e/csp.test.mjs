// The strict-CSP page (www/csp.html: default-src 'self'; script-src 'self'
// 'wasm-unsafe-eval'; style-src 'self') runs the whole flow, Send included,
// with zero `securitypolicyviolation` events (listened to from before the
// first script runs, in every frame) and none counted by the page itself.
//
//   node --test tests/e2e/csp.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordingPage, serverAndBrowser, STRICT_CSP } from './harness.mjs';
import { Widget } from './flow.mjs';

const live = serverAndBrowser();

test('the whole flow under the strict CSP reports no violation', async () => {
  const { context, page, violations, errors } = await recordingPage(live.browser);
  try {
    const response = await page.goto(`${live.server.origin}/csp.html`);
    assert.ok(response.ok());
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.equal(policy, STRICT_CSP, 'the page carries the strict policy');
    const widget = new Widget(page);
    await widget.ready();
    await widget.$('sp-lang').selectOption('en');
    await widget.toPreview();
    await widget.$('sp-record-json-toggle').click();
    // Wait for the outbox's POST to be answered: the last thing the page does.
    const delivered = page.waitForResponse((r) => r.url().endsWith('/v1/feedback') && r.request().method() === 'POST');
    await widget.finish(true);
    assert.equal((await delivered).status(), 202);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    assert.equal((await page.locator('[data-testid="csp-count"]').textContent()).trim(), '0');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
