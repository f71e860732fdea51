// "Nothing but the anonymized record leaves the page": sentinel values (an
// exact revenue and other exact amounts, a company name, an 18-character
// credit code, a phone number) are typed into every field that takes them;
// every request of the page is recorded; none may contain a sentinel, none
// may go to another origin, and the one POST is the previewed record, sent
// without cookies or referrer.
//
//   node --test tests/e2e/privacy.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordingPage, requestText, serverAndBrowser } from './harness.mjs';
import { FORM, SURVEY, Widget } from './flow.mjs';

const COMPANY = '深圳市哨兵科技有限公司 SENTINEL Robotics Ltd';
const CREDIT_CODE = '91440300MA5SENTNL7';
const PHONE = '13800138000';

const SENTINELS = [
  '12345678', // revenue 12345678.91 and the survey amount
  '876543', // tax paid 876543.21
  '1234567', // existing loans 1234567.89
  '2345678', // requested 2345678.90
  'SENTINEL',
  '哨兵',
  encodeURIComponent('哨兵'),
  CREDIT_CODE,
  PHONE,
];

const live = serverAndBrowser();

test('only the anonymized record leaves the page', async () => {
  const { context, page, requests, errors } = await recordingPage(live.browser);
  try {
    await page.goto(`${live.server.origin}/index.html`);
    const widget = new Widget(page);
    await widget.ready();
    const record = await widget.toPreview({
      form: {
        ...FORM,
        annualRevenue: '12345678.91',
        taxPaidLast24Months: '876543.21',
        existingBusinessLoans: '1234567.89',
        requestedAmount: '2345678.90',
        employees: '37',
      },
      answers: { ...SURVEY, amount: '12345678.91', comment: `${COMPANY} ${CREDIT_CODE} ${PHONE}` },
    });
    for (const s of SENTINELS) assert.ok(!record.includes(s), `the previewed record contains ${s}`);
    // Every request up to the record's delivery (the endpoint's answer).
    const delivered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/v1/feedback');
    await widget.finish(true);
    assert.equal((await delivered).status(), 202);

    const posts = requests.filter((r) => r.method !== 'GET');
    assert.equal(posts.length, 1, `one non-GET request: ${posts.map((r) => `${r.method} ${r.url}`)}`);
    const [post] = posts;
    assert.equal(new URL(post.url).pathname, '/v1/feedback');
    assert.deepEqual(JSON.parse(post.postData), JSON.parse(record), 'the body is exactly the previewed record');
    assert.equal(post.headers.cookie, undefined, 'no cookies');
    assert.ok(!post.headers.referer, 'no referrer');

    for (const request of requests) {
      assert.equal(new URL(request.url).origin, live.server.origin, `request to another origin: ${request.url}`);
      const text = requestText(request);
      for (const s of SENTINELS) assert.ok(!text.includes(s), `${request.method} ${request.url} carries ${s}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
