// The whole flow in real Chromium, in each language (zh-Hans, zh-Hant by
// mouse; en by keyboard only), with an axe-core audit of every step and
// survey page, the record sent and counted by the server (/v1/stats).
//
//   npm run build && cargo build -p sme-precheck-server &&
//   node --test tests/e2e/flow.test.mjs

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { recordingPage, serverAndBrowser } from './harness.mjs';
import { Widget } from './flow.mjs';

const live = serverAndBrowser();

/** axe-core on the page (open shadow roots included); returns violations. */
async function audit(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
}

// axe runs on every step in zh-Hans and en; zh-Hant shares their markup
// (only texts differ) and is audited once, on its results step, to keep the
// suite within its time budget.
const RUNS = [
  { lang: 'zh-Hans', mode: 'mouse', axe: () => true },
  { lang: 'zh-Hant', mode: 'mouse', axe: (step) => step === 'results' },
  { lang: 'en', mode: 'keyboard', axe: () => true },
];

describe('the whole flow', () => {
  for (const { lang, mode, axe } of RUNS) {
    test(`${lang}, ${mode === 'keyboard' ? 'keyboard only' : 'mouse'}: every step passes axe, the record is sent and counted`, async () => {
      // bypassCSP: axe injects an inline style that the demo page's strict
      // CSP would block (CSP is tested on its own in csp.test.mjs).
      const { context, page, requests, errors } = await recordingPage(live.browser, { bypassCSP: true });
      try {
        const before = (await live.server.stats()).records;
        await page.goto(`${live.server.origin}/index.html`);
        const widget = new Widget(page, { mode });
        await widget.ready();
        await widget.set('sp-lang', lang);
        assert.equal(await widget.lang(), lang);
        const violations = {};
        const seen = [];
        const record = await widget.toPreview({
          onStep: async (step) => {
            seen.push(step);
            if (!axe(step)) return;
            const v = await audit(page);
            if (v.length) violations[step] = v;
          },
        });
        assert.deepEqual(violations, {}, `axe violations:\n${JSON.stringify(violations, null, 2)}`);
        assert.ok(seen.includes('results') && seen.filter((s) => s.startsWith('survey:')).length >= 2, seen.join(','));

        // The preview shows exactly what is sent.
        const parsed = JSON.parse(record);
        assert.equal(parsed.partner, 'bank-site');
        const sent = page.waitForRequest((r) => r.url().endsWith('/v1/feedback') && r.method() === 'POST');
        await widget.finish(true);
        const request = await sent;
        assert.deepEqual(JSON.parse(request.postData()), parsed, 'the body is the previewed record');
        const response = await request.response();
        assert.equal(response?.status(), 202);
        assert.equal(await widget.$('sp-thanks').getAttribute('data-sent'), 'true');
        const thanksViolations = axe('thanks') ? await audit(page) : [];
        assert.deepEqual(thanksViolations, [], JSON.stringify(thanksViolations, null, 2));

        // The server counted it.
        const after = await pollRecords(live.server, before + 1);
        assert.equal(after, before + 1);
        assert.deepEqual(errors, []);
        assert.ok(requests.every((r) => r.url.startsWith(live.server.origin)), 'same origin only');
      } finally {
        await context.close();
      }
    });
  }
});

/** Polls /v1/stats until `records` reaches `want` (group commit is asynchronous to the client only until 202). */
async function pollRecords(srv, want, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let records;
  do {
    records = (await srv.stats()).records;
    if (records >= want) return records;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  return records;
}
