// Iframe mode: the VC-portal demo (www/vc-portal.html) embeds
// embed.html?partner=vc-portal-1&lang=zh-Hant; the parent must receive
// `ready`, `resize` (a height) and, after the visitor finishes inside the
// frame, `completed` with the outcome class only — from the frame's origin.
//
//   node --test tests/e2e/iframe.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordingPage, serverAndBrowser } from './harness.mjs';
import { Widget } from './flow.mjs';

const OUTCOME_CLASSES = [
  'pre_qualified',
  'pre_qualified_with_review',
  'needs_collateral',
  'needs_collateral_or_lower_amount',
  'refer_to_branch',
  'not_eligible',
  'not_small_or_micro',
  'none',
];

const live = serverAndBrowser();

test('the parent receives ready, resize and completed', async () => {
  const { context, page, errors } = await recordingPage(live.browser);
  const messages = [];
  try {
    await context.exposeBinding('__smeParentMessage', (source, m) => {
      if (source.frame === source.page.mainFrame()) messages.push(m);
    });
    await context.addInitScript(() => {
      if (window !== window.top) return;
      window.addEventListener('message', (event) => {
        globalThis.__smeParentMessage({ origin: event.origin, data: event.data });
      });
    });
    await page.goto(`${live.server.origin}/vc-portal.html`);
    const frameElement = await page.locator('iframe[data-testid="vc-frame"]').elementHandle();
    const frame = await frameElement.contentFrame();
    const widget = new Widget(frame);
    await widget.ready();
    assert.equal(await widget.lang(), 'zh-Hant');

    const types = () => messages.filter((m) => m.data?.source === 'sme-precheck').map((m) => m.data.type);
    await waitFor(() => types().includes('ready') && types().includes('resize'));
    const record = JSON.parse(await widget.toPreview());
    assert.equal(record.partner, 'vc-portal-1');
    await widget.finish(false);
    await waitFor(() => types().includes('completed'));

    for (const m of messages.filter((x) => x.data?.source === 'sme-precheck')) {
      assert.equal(m.origin, live.server.origin, 'posted by the embed page origin');
    }
    const resize = messages.find((m) => m.data?.type === 'resize');
    assert.ok(Number.isInteger(resize.data.height) && resize.data.height > 0, JSON.stringify(resize.data));
    const completed = messages.find((m) => m.data?.type === 'completed');
    assert.deepEqual(Object.keys(completed.data).sort(), ['outcomeClass', 'source', 'type']);
    assert.ok(OUTCOME_CLASSES.includes(completed.data.outcomeClass), completed.data.outcomeClass);
    // The demo page logs what it accepted.
    for (const type of ['ready', 'resize', 'completed']) {
      assert.ok(await page.locator(`[data-testid="vc-messages"] li[data-type="${type}"]`).count(), `logged ${type}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

async function waitFor(predicate, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for parent messages');
    await new Promise((r) => setTimeout(r, 50));
  }
}
