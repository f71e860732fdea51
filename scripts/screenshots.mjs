// Screenshots of every step of the widget in real Chromium, written to
// docs/screenshots/:
//   - zh-Hans at 360 px and 1280 px: every step (the results twice: the
//     first screen, then a product opened with its chart), the results'
//     print view, and the 1280×800 first screen of the page as a visitor
//     sees it;
//   - zh-Hant and en at 1280 px: the results with a product opened;
//   - the VC portal embedding the widget by iframe.
//
//   bash scripts/build.sh && cargo build -p sme-precheck-server && node scripts/screenshots.mjs
//
// Needs Debian's chromium and, for Chinese text, fonts-noto-cjk
// (`apt-get install chromium fonts-noto-cjk`); CHROMIUM_BIN overrides
// /usr/bin/chromium, PRECHECK_SERVER_BIN the server binary. Uses the
// browser suite's server harness and flow driver, so it walks the same
// flow the tests do. This script's older files are removed first.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, ROOT, startServer } from '../tests/e2e/harness.mjs';
import { Widget } from '../tests/e2e/flow.mjs';

const OUT = path.join(ROOT, 'docs/screenshots');

function checkFonts() {
  let zh = '';
  try {
    zh = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  } catch {
    // fc-list missing: no fontconfig, so no CJK fonts either.
  }
  if (!zh.trim()) {
    console.error('screenshots: no Chinese font found (fc-list :lang=zh is empty).');
    console.error('Install Debian\'s fonts-noto-cjk first: apt-get install fonts-noto-cjk');
    process.exit(1);
  }
}

/** Step names in file names, in flow order. */
const STEP_NO = { intro: 1, form: 2, refine: 3, results: 4, survey: 5, recommendations: 6, preview: 7, thanks: 8 };

async function session(browser, server, { lang, width, full }) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${server.origin}/index.html`);
  const widget = new Widget(page);
  await widget.ready();
  await widget.set('sp-lang', lang);
  const host = page.locator('sme-precheck');
  const name = (step, suffix = '') => path.join(OUT, `${lang}-${width}-${STEP_NO[step]}-${step}${suffix}.png`);
  const shot = async (step, suffix = '') => {
    // Let fonts and layout settle (one frame after the step rendered).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await host.screenshot({ path: name(step, suffix) });
  };
  await widget.toPreview({
    onStep: async (step) => {
      if (step === 'results') {
        if (full) {
          await shot('results');
          if (width === 1280) await page.screenshot({ path: name('results', '-first-screen') });
        }
        // The first product with instalments (a chart to show).
        const first = widget.$('sp-compare').locator('details:has(input[data-action="choose-method"]) > summary').first();
        if (!(await first.count())) return;
        await first.click();
        await widget.$('sp-chart').waitFor();
        await shot('results', '-product');
        if (full) {
          await page.emulateMedia({ media: 'print' });
          await shot('results', '-print');
          await page.emulateMedia({ media: 'screen' });
        }
        // Close it again so the flow goes on from the same place.
        await first.click();
      } else if (full && step.startsWith('survey:')) {
        if (step === 'survey:0') await shot('survey');
      } else if (full) {
        // e.g. `form:answered`: the quick check with its live answer.
        const [base, sub] = step.split(':');
        await shot(base, sub ? `-${sub}` : '');
      }
    },
  });
  if (full) {
    await widget.finish(false);
    await shot('thanks');
  }
  await context.close();
}

checkFonts();
mkdirSync(OUT, { recursive: true });
// Only this script's files (language-width-step, the VC portal); other
// screenshots in the folder (the dashboard's) stay.
const OURS = /^((zh-Hans|zh-Hant|en)-\d+-.+|vc-portal-iframe)\.png$/;
for (const f of readdirSync(OUT)) {
  if (OURS.test(f)) rmSync(path.join(OUT, f));
}
const server = await startServer();
const browser = await launchBrowser();
try {
  for (const width of [360, 1280]) {
    await session(browser, server, { lang: 'zh-Hans', width, full: true });
  }
  for (const lang of ['zh-Hant', 'en']) {
    await session(browser, server, { lang, width: 1280, full: false });
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${server.origin}/vc-portal.html`);
  await page.waitForSelector('#vc-messages li[data-type=resize]');
  await page.screenshot({ path: path.join(OUT, 'vc-portal-iframe.png') });
  await context.close();
  const files = readdirSync(OUT).filter((f) => OURS.test(f)).sort();
  console.log(`${files.length} screenshots in docs/screenshots/:\n  ${files.join('\n  ')}`);
} finally {
  await browser.close();
  await server.stop();
}
