// The hosting recipes of docs/widget.md, in Chromium:
// - the bank's asset host: a partner page on another origin loads the
//   widget from the feedback server's /dist/ (CORS) under exactly the CSP
//   lines the docs give; the record goes by default to /v1/feedback on the
//   origin that served the widget, and the `endpoint` attribute overrides it;
// - iframe mode across origins: the partner page frames the bank's
//   embed.html, which posts `ready` to the partner's origin only;
// - same origin, strict CSP: the first paint is styled (the shadow root has
//   adopted the stylesheet before its content exists, even with a slow
//   stylesheet), with no <link> and no CSP violation;
// - a .wasm that cannot load: a localized message in each element, the
//   `sme-precheck:error` event and a console error that say why.
//
//   node --test tests/e2e/package-hosting.test.mjs

import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, recordingPage, ROOT, startServer, staticServer } from './harness.mjs';
import { Widget } from './flow.mjs';

let dir;
let bank; // the feedback server: /dist/, /embed.html, /v1/feedback
let partner; // the partner's site on another origin
let browser;
const partnerHeaders = {};

/** The CSP a partner page needs to load the widget from the bank's host (docs/widget.md). */
function partnerCsp(bankOrigin) {
  return [
    "default-src 'self'",
    `script-src 'self' ${bankOrigin} 'wasm-unsafe-eval'`,
    `connect-src 'self' ${bankOrigin}`,
    `style-src 'self' ${bankOrigin}`,
    `frame-src ${bankOrigin}`,
  ].join('; ');
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sme-hosting-'));
  const site = path.join(dir, 'site');
  mkdirSync(site);
  partner = await staticServer(site, partnerHeaders);
  // The bank allows the partner's origin for its partner id, and lists it
  // as a parent origin of embed.html.
  const partners = path.join(dir, 'partners.json');
  writeFileSync(partners, JSON.stringify({ 'vc-portal-1': [partner.origin], 'bank-site': ['http://127.0.0.1:{port}'] }));
  const www = path.join(dir, 'www');
  cpSync(path.join(ROOT, 'www'), www, { recursive: true });
  const embedFile = path.join(www, 'embed.html');
  writeFileSync(
    embedFile,
    readFileSync(embedFile, 'utf8').replace(
      /<meta name="sme-precheck-parent-origins" content="[^"]*">/,
      `<meta name="sme-precheck-parent-origins" content="${partner.origin}">`,
    ),
  );
  bank = await startServer({ args: ['--partners', partners, '--www', www] });
  partnerHeaders['content-security-policy'] = partnerCsp(bank.origin);
  // The partner's pages, exactly as the recipes write them.
  const widget = `${bank.origin}/dist/sme-precheck.js`;
  const page = (name, body) =>
    writeFileSync(
      path.join(site, name),
      `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${name}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`,
    );
  page('asset-host.html', `<script type="module" src="${widget}"></script>\n<sme-precheck lang="en" partner="vc-portal-1"></sme-precheck>`);
  page(
    'asset-host-endpoint.html',
    `<script type="module" src="${widget}"></script>\n<sme-precheck lang="en" partner="vc-portal-1" endpoint="${bank.origin}/v1/feedback?via=attribute"></sme-precheck>`,
  );
  const embed = `${bank.origin}/embed.html?partner=vc-portal-1&amp;lang=en&amp;parentOrigin=${encodeURIComponent(partner.origin)}`;
  page('iframe.html', `<iframe src="${embed}" title="Loan pre-check" height="900"></iframe>`);
  page(
    'broken.html',
    `<script type="module" src="${widget}"></script>\n` +
      ['zh-Hans', 'zh-Hant', 'en'].map((l) => `<sme-precheck lang="${l}" data-lang="${l}" partner="vc-portal-1"></sme-precheck>`).join('\n'),
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await partner?.close();
  await bank?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Goes through the flow on `url` and returns the record POST's request and response. */
async function sendRecord(page, url) {
  await page.goto(url);
  const widget = new Widget(page);
  await widget.ready();
  await widget.toPreview();
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/v1/feedback'));
  await widget.finish(true);
  return response;
}

test('asset host: the widget from the bank origin runs on a partner page; records go to the bank by default', async () => {
  const { context, page, errors, violations, requests } = await recordingPage(browser);
  try {
    const response = await sendRecord(page, `${partner.origin}/asset-host.html`);
    assert.equal(response.url(), `${bank.origin}/v1/feedback`, 'default endpoint: the origin that served the widget');
    assert.equal(response.status(), 202);
    for (const file of ['sme-precheck.js', 'sme_precheck_wasm.js', 'sme_precheck_wasm_bg.wasm', 'sme-precheck.css']) {
      assert.ok(requests.some((r) => r.url === `${bank.origin}/dist/${file}`), `${file} from the bank's host`);
    }
    assert.deepEqual(violations, [], 'the documented CSP lines suffice');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('asset host: the endpoint attribute overrides the default', async () => {
  const { context, page, errors, violations } = await recordingPage(browser);
  try {
    const endpoint = `${bank.origin}/v1/feedback?via=attribute`;
    const response = await sendRecord(page, `${partner.origin}/asset-host-endpoint.html`);
    assert.equal(response.url(), endpoint);
    assert.equal(response.status(), 202);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('iframe across origins: embed.html from the bank posts ready to the partner page only', async () => {
  const { context, page, errors, violations } = await recordingPage(browser);
  const messages = [];
  try {
    await context.exposeBinding('__smeParentMessage', (source, m) => {
      if (source.frame === source.page.mainFrame()) messages.push(m);
    });
    await context.addInitScript(() => {
      if (window !== window.top) return;
      window.addEventListener('message', (event) => globalThis.__smeParentMessage({ origin: event.origin, data: event.data }));
    });
    await page.goto(`${partner.origin}/iframe.html`);
    const frame = await (await page.locator('iframe').elementHandle()).contentFrame();
    const widget = new Widget(frame);
    await widget.ready();
    assert.equal(await widget.lang(), 'en');
    const deadline = Date.now() + 10_000;
    while (!messages.some((m) => m.data?.type === 'ready') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const ready = messages.find((m) => m.data?.type === 'ready');
    assert.ok(ready, `ready received: ${JSON.stringify(messages)}`);
    assert.equal(ready.origin, bank.origin);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('iframe across origins: a .wasm that cannot load is reported as error, not ready', async () => {
  const { context, page } = await recordingPage(browser);
  const messages = [];
  try {
    await context.route('**/sme_precheck_wasm_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await context.exposeBinding('__smeFrameMessage', (source, m) => {
      if (source.frame === source.page.mainFrame() && m.data?.source === 'sme-precheck') messages.push(m);
    });
    await context.addInitScript(() => {
      if (window === window.top) window.addEventListener('message', (e) => globalThis.__smeFrameMessage({ origin: e.origin, data: e.data }));
    });
    await page.goto(`${partner.origin}/iframe.html`);
    const frame = await (await page.locator('iframe').elementHandle()).contentFrame();
    await frame.locator('sme-precheck [data-testid="sp-load-error"]').waitFor();
    const deadline = Date.now() + 10_000;
    while (!messages.some((m) => m.data.type === 'error') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      messages.filter((m) => m.data.type !== 'resize').map((m) => [m.origin, m.data.type, m.data.reason]),
      [[bank.origin, 'error', 'wasm']],
    );
  } finally {
    await context.close();
  }
});

test('same origin, strict CSP: the first paint is styled, from an adopted stylesheet', async () => {
  const { context, page, errors, violations } = await recordingPage(browser);
  try {
    // A slow stylesheet: with a <link> in the shadow root, the controls
    // would be painted unstyled until it arrives.
    await context.route('**/dist/sme-precheck.css', async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await context.addInitScript(() => {
      // At the first animation frame where the widget's root exists (before
      // that frame is painted), record how it is styled.
      const look = () => {
        const host = document.querySelector('sme-precheck');
        const root = host?.shadowRoot?.querySelector('[data-testid="sp-root"]');
        if (!root) {
          requestAnimationFrame(look);
          return;
        }
        const button = root.querySelector('[data-testid="sp-next"]');
        globalThis.__smeFirstPaint = {
          padding: getComputedStyle(root).paddingTop,
          buttonBackground: button ? getComputedStyle(button).backgroundColor : null,
          links: host.shadowRoot.querySelectorAll('link').length,
          adopted: host.shadowRoot.adoptedStyleSheets.length,
        };
      };
      requestAnimationFrame(look);
    });
    await page.goto(`${bank.origin}/csp.html`);
    await new Widget(page).ready();
    const first = await page.waitForFunction(() => globalThis.__smeFirstPaint).then((h) => h.jsonValue());
    assert.notEqual(first.padding, '0px', `styled at first paint: ${JSON.stringify(first)}`);
    assert.equal(first.links, 0, 'no <link> in the shadow root');
    assert.equal(first.adopted, 1, 'one adopted stylesheet');
    // Once settled, the same as at first paint (nothing arrived later).
    const settled = await page.evaluate(() => {
      const root = document.querySelector('sme-precheck').shadowRoot.querySelector('[data-testid="sp-root"]');
      return getComputedStyle(root).paddingTop;
    });
    assert.equal(settled, first.padding);
    assert.deepEqual(violations, [], 'constructable stylesheets pass style-src \'self\'');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a .wasm that cannot load: a localized message, the error event and a console error', async () => {
  const { context, page, errors, violations } = await recordingPage(browser);
  try {
    await context.route('**/sme_precheck_wasm_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await context.addInitScript(() => {
      globalThis.__smeErrors = [];
      document.addEventListener('sme-precheck:error', (e) => globalThis.__smeErrors.push({ lang: e.target.getAttribute('lang'), ...e.detail }));
    });
    await page.goto(`${partner.origin}/broken.html`);
    const message = (lang) => page.locator(`sme-precheck[data-lang="${lang}"] [data-testid="sp-load-error"]`);
    await message('en').waitFor();
    assert.equal(await message('en').textContent(), 'The pre-check could not be loaded. Please reload the page later.');
    assert.equal(await message('zh-Hant').textContent(), '預審工具暫時無法載入，請稍後重新整理頁面再試。');
    assert.equal(await message('zh-Hans').textContent(), '预审工具暂时无法加载，请稍后刷新页面重试。');
    assert.equal(await message('en').getAttribute('role'), 'alert');
    const events = await page.evaluate(() => globalThis.__smeErrors);
    assert.equal(events.length, 3, JSON.stringify(events));
    for (const e of events) {
      assert.equal(e.reason, 'wasm');
      assert.match(e.message, /HTTP 404 for .*sme_precheck_wasm_bg\.wasm/);
    }
    assert.ok(
      errors.some((e) => /^console: sme-precheck: the WebAssembly module could not be loaded: HTTP 404/.test(e)),
      JSON.stringify(errors),
    );
    assert.deepEqual(violations, []);
  } finally {
    await context.close();
  }
});
