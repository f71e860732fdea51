// The browser outbox (bindings/wasm/src/delivery.rs) in real Chromium against
// a scripted feedback endpoint: 503 + Retry-After then 202; 422 dropped; a
// malformed record refused; offline → stored in IndexedDB → delivered once on
// the next load; pagehide → keepalive text/plain; back online → sent at once
// (fake timers, so only the online event can send);
// no IndexedDB → localStorage fallback; a page with an empty outbox creates
// no storage. No cookie and no Referer ever reach the endpoint.
//
// The endpoint is a small Node server of this file (the real server cannot
// be told to answer 503 once), serving the built package from dist/.
//
//   npm run build && node --test tests/e2e/delivery-outbox.test.mjs

import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, launchBrowser, outboxDrained } from './harness.mjs';

const DIST = path.join(ROOT, 'dist');
const PAGES = {
  '/': ['text/html', '<!doctype html><meta charset="utf-8"><title>outbox</title><script type="module" src="/main.js"></script>'],
  '/main.js': ['text/javascript', `import init, * as w from '/pkg/sme_precheck_wasm.js';
window.ready = init().then(() => { window.w = w; return true; });
// Records in the outbox's IndexedDB store (-1 when there is no database).
window.stored = () => new Promise((res) => {
  const q = indexedDB.open('sme-precheck');
  q.onsuccess = () => {
    const t = q.result.transaction('outbox').objectStore('outbox').count();
    t.onsuccess = () => res(t.result);
  };
  q.onerror = () => res(-1);
});
`],
};

/** Per record id: posts received and whether one was accepted. */
const seen = new Map();
/** Every POST: url, id, content type, cookie, referer. */
const log = [];
/** Waiters for POSTs: [predicate, resolve]. */
let waiters = [];
/**
 * `flaky`: the first POST of each id answers 503 + Retry-After: 1.
 * `ok`: every POST answers 202.
 * `down`: the endpoint is unreachable: every POST is logged, then its
 * connection is reset without an answer (the page sees a network error).
 */
let mode = 'flaky';
let server;
let origin;
let browser;

/** Resolves with the first logged POST (past or future) that satisfies `pred`. */
function posted(pred, timeout = 10_000) {
  const hit = log.find(pred);
  if (hit) return Promise.resolve(hit);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching POST arrived')), timeout);
    waiters.push([pred, (entry) => { clearTimeout(timer); resolve(entry); }]);
  });
}

before(async () => {
  if (!fs.existsSync(path.join(DIST, 'sme_precheck_wasm.js'))) throw new Error('dist/ is not built: run `npm run build`');
  server = http.createServer((req, res) => {
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        let rec = {};
        try { rec = JSON.parse(body); } catch {}
        const s = seen.get(rec.id) ?? { posts: 0, accepted: 0 };
        s.posts++;
        seen.set(rec.id, s);
        const entry = { url: req.url, id: rec.id, ct: req.headers['content-type'], cookie: req.headers.cookie ?? null, referer: req.headers.referer ?? null, n: s.posts };
        if (mode === 'down') {
          entry.status = 'reset';
          log.push(entry);
          req.socket.destroy();
          return;
        }
        if (req.url === '/bad') {
          res.writeHead(422);
          res.end('{}');
        } else if (mode === 'flaky' && s.posts === 1) {
          res.writeHead(503, { 'Retry-After': '1' });
          res.end('{}');
        } else {
          s.accepted = 1;
          res.writeHead(202);
          res.end('{}');
        }
        entry.status = res.statusCode;
        log.push(entry);
        const ready = waiters.filter(([pred]) => pred(entry));
        waiters = waiters.filter(([pred]) => !pred(entry));
        for (const [, resolve] of ready) resolve(entry);
      });
      return;
    }
    if (PAGES[req.url]) {
      res.writeHead(200, { 'Content-Type': PAGES[req.url][0], 'Set-Cookie': 'tracker=1; Path=/' });
      res.end(PAGES[req.url][1]);
      return;
    }
    const file = path.join(DIST, req.url.replace(/^\/pkg\//, ''));
    if (!req.url.startsWith('/pkg/') || !file.startsWith(DIST) || !fs.existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    res.writeHead(200, { 'Content-Type': type, 'Set-Cookie': 'tracker=1; Path=/' });
    fs.createReadStream(file).pipe(res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

const rec = (id) => JSON.stringify({ v: 1, id, week: '2026-W48', partner: 'bank-site', survey: 'default@1', fields: { stage: 'growth' } });
const uuid = (digit) => `${digit.repeat(8)}-${digit.repeat(4)}-4${digit.repeat(3)}-8${digit.repeat(3)}-${digit.repeat(12)}`;

async function openPage(context) {
  const page = await context.newPage();
  await page.goto(origin + '/');
  await page.evaluate(() => window.ready);
  return page;
}

const idbCount = (page) => page.evaluate(() => window.stored());

test('503 + Retry-After: stored first, retried after the delay, accepted once; no cookie, no referrer', async () => {
  const context = await browser.newContext();
  try {
    const page = await openPage(context);
    const id = uuid('1');
    // Counted in the same task as the answer: the retry is due 1 s later.
    const [r, stored] = await page.evaluate(
      async (body) => [await w.enqueue('/v1/feedback', body), await window.stored()],
      rec(id),
    );
    assert.deepEqual(r, { sent: 0, pending: 1, dropped: 0 }, 'first send answered 503');
    assert.equal(stored, 1, 'the record is stored in IndexedDB before delivery');
    const first = log.find((l) => l.id === id);
    const second = await posted((l) => l.id === id && l.n === 2);
    await page.waitForFunction(() => w.pendingCount() === 0, null, { timeout: 10_000 });
    assert.ok(second.status === 202 && seen.get(id).accepted === 1, JSON.stringify(seen.get(id)));
    assert.equal(first.status, 503);
    assert.equal(first.ct, 'application/json');
    assert.equal(first.cookie, null, 'no cookie');
    assert.equal(first.referer, null, 'no referrer');
  } finally {
    await context.close();
  }
});

test('the retry waits for Retry-After (≥ 1 s)', async () => {
  const context = await browser.newContext();
  try {
    const page = await openPage(context);
    const id = uuid('7');
    const t0 = Date.now();
    await page.evaluate((body) => w.enqueue('/v1/feedback', body), rec(id));
    await posted((l) => l.id === id && l.n === 2);
    assert.ok(Date.now() - t0 >= 900, `retried after ${Date.now() - t0} ms`);
  } finally {
    await context.close();
  }
});

test('422 is dropped and counted; a malformed record is refused before storing', async () => {
  const context = await browser.newContext();
  try {
    const page = await openPage(context);
    const r = await page.evaluate((body) => w.enqueue('/bad', body), rec(uuid('2')));
    assert.equal(r.dropped, 1);
    assert.equal(r.pending, 0);
    assert.equal(await page.evaluate(() => w.droppedCount()), 1);
    const refused = await page.evaluate(() => w.enqueue('/v1/feedback', '{"v":1').then(() => 'resolved', (e) => String(e.message)));
    assert.match(refused, /^malformed/);
  } finally {
    await context.close();
  }
});

test('offline: stored, not sent; the next load resends it by itself, once', async () => {
  const context = await browser.newContext();
  try {
    mode = 'ok';
    const page = await openPage(context);
    const id = uuid('3');
    // Offline as the page sees it (navigator.onLine, failing fetches), and
    // the endpoint unreachable behind it: while a page navigates away,
    // Chromium's offline emulation lets some requests of the old document
    // through (the pagehide keepalive beacon, and a retry timer's fetch that
    // fires during the navigation), which a real outage would not.
    mode = 'down';
    await context.setOffline(true);
    const r = await page.evaluate((body) => w.enqueue('/v1/feedback', body), rec(id));
    assert.equal(r.pending, 1);
    assert.equal(r.sent, 0);
    assert.equal(await idbCount(page), 1, 'stored in IndexedDB before the page goes away');
    // Leave the page by navigating away: after the navigation commits,
    // nothing of the old document runs (a closed page's renderer can
    // outlive close() for a moment and see the `online` event below).
    await page.goto('about:blank');
    // Back online; nothing calls flush(): the module resends on instantiation.
    mode = 'ok';
    await context.setOffline(false);
    const sinceOnline = log.length;
    await page.goto(origin + '/');
    await page.evaluate(() => window.ready);
    await posted((l) => l.id === id && l.ct === 'application/json' && l.status === 202);
    await page.waitForFunction(() => w.pendingCount() === 0, null, { timeout: 10_000 });
    assert.equal(await idbCount(page), 0);
    // The new page's sends (fetch, JSON); a keepalive beacon of the old
    // page (text/plain) that reached the endpoint late is not one of them.
    const resends = log.slice(sinceOnline).filter((l) => l.id === id && l.ct === 'application/json');
    assert.equal(resends.length, 1, JSON.stringify(resends));
  } finally {
    await context.close();
  }
});

test('pagehide: a pending record goes out with keepalive as text/plain', async () => {
  mode = 'flaky';
  const context = await browser.newContext();
  try {
    const page = await openPage(context);
    const id = uuid('4');
    const r = await page.evaluate((body) => w.enqueue('/v1/feedback', body), rec(id));
    assert.equal(r.pending, 1, 'pending before pagehide');
    await page.goto('about:blank');
    const flushed = await posted((l) => l.id === id && l.n === 2);
    assert.ok(flushed.ct.startsWith('text/plain'), flushed.ct);
    assert.equal(flushed.cookie, null);
  } finally {
    await context.close();
  }
});

test('back online: the online event sends at once, not the retry timer', async () => {
  mode = 'ok';
  const context = await browser.newContext();
  try {
    // Fake timers, paused: the outbox's retry timer cannot fire, so a send
    // after going online can only come from the `online` event.
    await context.clock.install();
    const page = await openPage(context);
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
    const id = uuid('6');
    await context.setOffline(true);
    const r = await page.evaluate((body) => w.enqueue('/v1/feedback', body), rec(id));
    assert.deepEqual(r, { sent: 0, pending: 1, dropped: 0 }, 'the offline send failed');
    await context.setOffline(false);
    await posted((l) => l.id === id && l.status === 202);
    // Polled from Node: waitForFunction polls on the page's (paused) timers.
    await outboxDrained(page, { timeout: 10_000, pendingCount: () => w.pendingCount() });
  } finally {
    await context.close();
  }
});

test('no IndexedDB: the localStorage fallback keeps the record across loads', async () => {
  mode = 'ok';
  const context = await browser.newContext();
  try {
    await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
    const page = await openPage(context);
    const id = uuid('5');
    await context.setOffline(true);
    const r = await page.evaluate((body) => w.enqueue('/v1/feedback', body), rec(id));
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sme-precheck-outbox:')));
    assert.equal(r.pending, 1);
    assert.deepEqual(keys, [`sme-precheck-outbox:${id}`]);
    await page.close();
    await context.setOffline(false);
    const next = await openPage(context);
    await next.evaluate(() => w.flush());
    await next.waitForFunction(() => w.pendingCount() === 0, null, { timeout: 10_000 });
    const left = await next.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sme-precheck-outbox:')).length);
    assert.equal(seen.get(id)?.accepted, 1);
    assert.equal(left, 0, 'removed once delivered');
  } finally {
    await context.close();
  }
});

test('a visit that never sends creates no IndexedDB database and no storage key', async () => {
  const context = await browser.newContext();
  try {
    // Note when the module's start-up check (does an outbox exist?) has its answer.
    await context.addInitScript(() => {
      const databases = IDBFactory.prototype.databases;
      IDBFactory.prototype.databases = function () {
        const answer = databases.call(this);
        window.startupChecked = answer.then((list) => new Promise((res) => setTimeout(() => res(list), 0)));
        return answer;
      };
    });
    const page = await openPage(context);
    await page.waitForFunction(() => window.startupChecked !== undefined);
    await page.evaluate(() => window.startupChecked);
    const dbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    const keys = await page.evaluate(() => Object.keys(localStorage));
    assert.ok(!dbs.includes('sme-precheck'), JSON.stringify(dbs));
    assert.deepEqual(keys, []);
  } finally {
    await context.close();
  }
});
