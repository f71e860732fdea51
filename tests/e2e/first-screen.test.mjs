// The first screen before the .wasm: the loader draws the widget's own
// recorded first step into every <sme-precheck> on the page, and only then
// requests the .wasm. Each test holds the .wasm back at the network until it
// has checked what the visitor sees and done something, then lets it through
// and waits for the widget to take over.
//
//   node --test tests/e2e/first-screen.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordingPage, serverAndBrowser, STRICT_CSP } from './harness.mjs';
import { Widget } from './flow.mjs';

const live = serverAndBrowser();

/** A bare page on the server's origin (under the strict CSP) with one element carrying `attrs`. */
function barePage(attrs = '') {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first screen</title>' +
    '<script type="module" src="/dist/sme-precheck.js"></script></head>' +
    `<body><button type="button">host page</button><sme-precheck ${attrs}></sme-precheck></body></html>`
  );
}

/**
 * Opens the bare page with the .wasm held back. Resolves once the .wasm has
 * been requested, with `release()` to let it through.
 */
async function openHeld(page, attrs) {
  let release;
  const released = new Promise((r) => (release = r));
  let requested;
  const wasmRequested = new Promise((r) => (requested = r));
  await page.route('**/sme_precheck_wasm_bg.wasm', async (route) => {
    requested();
    await released;
    await route.continue();
  });
  await page.route('**/first-screen.html', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': STRICT_CSP },
      body: barePage(attrs),
    }),
  );
  await page.goto(`${live.server.origin}/first-screen.html`);
  let timer;
  await Promise.race([
    wasmRequested,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the .wasm was never requested')), 15_000))),
  ]).finally(() => clearTimeout(timer));
  return release;
}

/** The element's shadow root as HTML, and whether the widget is defined yet. */
const snapshot = (page) =>
  page.evaluate(() => ({
    html: document.querySelector('sme-precheck').shadowRoot?.innerHTML ?? null,
    defined: Boolean(customElements.get('sme-precheck')),
  }));

const definedNow = (page) => page.evaluate(() => customElements.whenDefined('sme-precheck').then(() => true));

test('the first screen is up, with enabled controls, before the .wasm is requested', async () => {
  const { context, page, violations, errors } = await recordingPage(live.browser);
  try {
    const release = await openHeld(page, 'partner="bench"');
    const shown = await snapshot(page);
    assert.equal(shown.defined, false, 'the widget is not running yet');
    assert.match(shown.html, /data-step="intro"/);
    const w = new Widget(page);
    assert.equal(await w.$('sp-next').isEnabled(), true);
    assert.equal(await w.$('sp-lang').isEnabled(), true);
    release();
    await definedNow(page);
    await w.expectStep('intro');
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the drawing is the widget’s own: the same DOM before and after it mounts', async () => {
  const cases = [
    '',
    'lang="zh-Hant"',
    'lang="en-GB" partner-name="Lab &amp; Co. <VC>" theme="dark"',
    'lang="zh_TW"', // not a tag the core accepts: the default language, before and after
    'lang="ZH-tw" partner-name="  创新工场  "',
    'lang="fr" theme="  "',
    'lang=" zh-HK "',
    'lang="EN-us"',
    'lang="constructor"',
  ];
  for (const attrs of cases) {
    const { context, page } = await recordingPage(live.browser);
    try {
      const release = await openHeld(page, attrs);
      const before = await snapshot(page);
      assert.ok(before.html, `${attrs}: drawn`);
      release();
      await definedNow(page);
      const after = await snapshot(page);
      assert.equal(before.html, after.html, `${attrs}: the widget redrew a different first screen`);
    } finally {
      await context.close();
    }
  }
});

test('a language switch and Start pressed before the .wasm arrives are carried out, and focus stays', async () => {
  const { context, page, errors } = await recordingPage(live.browser);
  try {
    const release = await openHeld(page, 'partner="bench"');
    const w = new Widget(page);
    await w.$('sp-lang').selectOption('en');
    // Drawn again at once, in English, without the widget.
    await page.locator('sme-precheck [data-testid="sp-root"][lang="en"]').waitFor();
    assert.equal((await snapshot(page)).defined, false);
    assert.equal(await w.focused(), 'sp-lang', 'focus stays on the language switch');
    await w.$('sp-next').focus();
    await page.keyboard.press('Enter');
    release();
    await w.expectStep('form');
    assert.equal(await w.lang(), 'en');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('focus on a control of the first screen is still there when the widget takes over', async () => {
  const { context, page } = await recordingPage(live.browser);
  try {
    const release = await openHeld(page, '');
    const w = new Widget(page);
    await w.tabTo('sp-clear');
    release();
    await definedNow(page);
    await w.expectStep('intro');
    assert.equal(await w.focused(), 'sp-clear');
  } finally {
    await context.close();
  }
});

test('saved answers: no first screen; the widget resumes where the visitor was', async () => {
  const { context, page } = await recordingPage(live.browser);
  try {
    // A first visit that reaches the form saves the answers.
    await page.route('**/first-screen.html', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: barePage('partner="resume"') }),
    );
    await page.goto(`${live.server.origin}/first-screen.html`);
    const w = new Widget(page);
    await w.ready();
    await page.evaluate(() => customElements.whenDefined('sme-precheck'));
    await w.next();
    await w.expectStep('form');
    await page.unrouteAll();
    // The next visit: nothing drawn while the .wasm is held, then the form.
    const release = await openHeld(page, 'partner="resume"');
    assert.equal((await snapshot(page)).html, null, 'no intro drawn over saved answers');
    release();
    await w.expectStep('form');
  } finally {
    await context.close();
  }
});

test('a first screen that cannot be drawn costs only the drawing: the widget still loads and renders', async () => {
  const { context, page } = await recordingPage(live.browser);
  const logged = [];
  page.on('console', (m) => m.type() === 'error' && logged.push(m.text()));
  try {
    // The first <progress> created on the page fails (the loader's drawing
    // makes it before the widget exists); later ones work.
    await page.addInitScript(() => {
      const create = Document.prototype.createElement;
      let failed = false;
      Document.prototype.createElement = function (tag, ...rest) {
        if (!failed && String(tag).toLowerCase() === 'progress') {
          failed = true;
          throw new Error('no progress element here');
        }
        return create.call(this, tag, ...rest);
      };
    });
    const release = await openHeld(page, '');
    assert.equal((await snapshot(page)).html, '', 'the half-drawn screen is cleared');
    release();
    await definedNow(page);
    const w = new Widget(page);
    await w.expectStep('intro');
    assert.ok(logged.some((t) => t.includes('the first screen could not be drawn: no progress element here')), logged.join('\n'));
  } finally {
    await context.close();
  }
});
