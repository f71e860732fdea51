// Permanent randomized response and one record per week, watched on the
// network (a browser test against the real server):
// 1. a first Send is held by the network (503, Retry-After 10 min): it waits
//    in the outbox;
// 2. the same answers again, in the same browser: the preview says this
//    week's response is waiting and offers to replace it; the POSTed record
//    carries exactly the first POST's field values (the memoized reports)
//    under a new id; the server counts one record, the first never arrives;
// 3. after a reload, a third run: the preview says this week's response is
//    in, offers no Send, and shows the same field values again.
//
//   node --test tests/e2e/delivery-memo.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outboxDrained, recordingPage, serverAndBrowser } from './harness.mjs';
import { Widget } from './flow.mjs';

const live = serverAndBrowser();

const feedbackPosts = (requests) =>
  requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/v1/feedback').map((r) => JSON.parse(r.postData));

async function until(what, check, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a resubmission reuses the memoized reports and replaces the waiting record', async () => {
  const { context, page, requests, errors } = await recordingPage(live.browser);
  try {
    const start = (await live.server.stats()).records;
    let hold = true;
    await page.route('**/v1/feedback', (route) =>
      hold ? route.fulfill({ status: 503, headers: { 'Retry-After': '600' }, body: '{}' }) : route.continue(),
    );
    await page.goto(`${live.server.origin}/index.html`);
    let widget = new Widget(page);
    await widget.ready();

    // 1. First run: sent, held by the network.
    const first = JSON.parse(await widget.toPreview());
    assert.equal(await widget.$('sp-week-notice').getAttribute('data-week-status'), 'open');
    await widget.finish(true);
    const [firstPost] = await until('the first POST', () => feedbackPosts(requests).length >= 1 && feedbackPosts(requests));
    assert.equal(firstPost.id, first.id);
    assert.deepEqual(firstPost.fields, first.fields, 'the POST is the previewed record');

    // 2. Same answers again, same browser, same week.
    await widget.press('sp-restart');
    const second = JSON.parse(await widget.toPreview());
    assert.equal(await widget.$('sp-week-notice').getAttribute('data-week-status'), 'queued');
    assert.match(await widget.$('sp-send').textContent(), /替换|替換|Replace/);
    hold = false;
    await widget.finish(true);
    const posts = await until('the second POST', () => {
      const p = feedbackPosts(requests);
      return p.some((r) => r.id === second.id) && p;
    });
    const secondPost = posts.find((r) => r.id === second.id);
    assert.notEqual(secondPost.id, firstPost.id, 'a new record id');
    assert.deepEqual(secondPost.fields, firstPost.fields, 'every field repeats the memoized report');
    assert.equal(await until('the server to count it', async () => (await live.server.stats()).records === start + 1), true);
    await outboxDrained(page);

    // 3. Reload (the first record would be resent now if it were still queued), run again.
    await page.reload();
    widget = new Widget(page);
    await widget.ready();
    const third = JSON.parse(await widget.toPreview());
    assert.equal(await widget.$('sp-week-notice').getAttribute('data-week-status'), 'delivered');
    assert.equal(await widget.$('sp-send').count(), 0, 'no Send button once this week is in');
    assert.deepEqual(third.fields, firstPost.fields);
    await widget.finish(false);

    assert.ok(!feedbackPosts(requests).slice(posts.indexOf(secondPost) + 1).some((r) => r.id === firstPost.id), 'the replaced record is never sent again');
    assert.equal((await live.server.stats()).records, start + 1, 'one record this week');
    const storage = await page.evaluate(() => Object.keys(localStorage).sort());
    assert.ok(storage.includes('sme-precheck-rr') && storage.includes('sme-precheck-sent'), JSON.stringify(storage));
    const memo = await page.evaluate(() => localStorage.getItem('sme-precheck-rr'));
    for (const value of ['growth', 'ai', 'rd']) {
      assert.ok(!memo.includes(`"${value}"`), 'the memo stores value indices, not answers');
    }
    assert.deepEqual(errors.filter((e) => !e.includes('/v1/feedback')), []);
  } finally {
    await context.close();
  }
});
