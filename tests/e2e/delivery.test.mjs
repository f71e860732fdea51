// Delivery through the browser outbox against the real server (a
// browser test): Send → the record is counted in /v1/stats; offline → Send
// → reload → online → counted exactly once.
// "Offline" is the server being unreachable (stopped, then restarted on the
// same port with the same SQLite file): everything fails like a real outage,
// including the pagehide keepalive flush, which Chromium's offline emulation
// and Playwright's routing do not intercept.
//
//   node --test tests/e2e/delivery.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outboxDrained, recordingPage, serverAndBrowser, startServer } from './harness.mjs';
import { Widget } from './flow.mjs';

const live = serverAndBrowser();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function records() {
  return (await live.server.stats()).records;
}

async function waitForRecords(want, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let n = await records();
  while (n < want && Date.now() < deadline) {
    await sleep(100);
    n = await records();
  }
  return n;
}

test('offline → send → reload → online: counted once', async () => {
  const { context, page } = await recordingPage(live.browser);
  try {
    const start = await records();
    await page.goto(`${live.server.origin}/index.html`);
    const widget = new Widget(page);
    await widget.ready();
    await widget.toPreview();

    // Offline: the server is unreachable (stopped; its SQLite file kept).
    await live.server.stop({ keepDir: true });
    // The outbox tries to send, and the attempt fails.
    const attempt = page.waitForEvent('requestfailed', (r) => r.url().endsWith('/v1/feedback'));
    await widget.finish(true);
    await attempt;

    // Reload while offline: the page cannot load, its pagehide flush fails.
    // (Chromium reports no event for an unloading page's keepalive request.)
    await page.reload().catch(() => {});
    await sleep(300);

    // Online again (same address, same database): the next visit resends.
    live.server = await startServer({ port: live.server.port, dir: live.server.dir });
    assert.equal(await records(), start, 'nothing arrived while offline');
    await page.goto(`${live.server.origin}/index.html`);
    await new Widget(page).ready();
    assert.equal(await waitForRecords(start + 1), start + 1, 'delivered');
    // The server counts the record before the page has read its answer.
    await outboxDrained(page);

    // Another reload and an `online` event must not count it twice.
    await page.reload();
    await new Widget(page).ready();
    // A flush after the event's own reads the stored outbox again: nothing
    // is left to send, so nothing can arrive later.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const after = await page.evaluate(async () => (await import('/dist/sme-precheck.js')).flush());
    assert.deepEqual(after, { sent: 0, pending: 0, dropped: 0 }, 'the outbox is empty');
    assert.equal(await records(), start + 1, 'counted exactly once');
  } finally {
    await context.close();
  }
});

test('online: Send is counted in /v1/stats at once', async () => {
  const { context, page, errors } = await recordingPage(live.browser);
  try {
    const start = await records();
    await page.goto(`${live.server.origin}/index.html`);
    const widget = new Widget(page);
    await widget.ready();
    await widget.toPreview();
    await widget.finish(true);
    assert.equal(await waitForRecords(start + 1), start + 1);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
