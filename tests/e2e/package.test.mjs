// Test what we ship: `npm pack` the package, check the tarball holds only
// the package files and dist/ (ES module loader, wasm-bindgen glue, wasm,
// CSS, types), install it into a fresh directory, and use it from a plain
// HTML page served from there — under the strict CSP — in Chromium: the
// element renders and the JS API evaluates a profile.
//
//   npm run build && node --test tests/e2e/package.test.mjs

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, recordingPage, ROOT, staticServer, STRICT_CSP } from './harness.mjs';

const SHIPPED = [
  'dist/sme-precheck.js',
  'dist/sme_precheck_wasm.js',
  'dist/sme_precheck_wasm_bg.wasm',
  'dist/sme-precheck.css',
  'dist/sme-precheck.d.ts',
  'dist/sme-precheck-react.d.ts',
  'dist/sme-precheck-vue.d.ts',
  'dist/sme_precheck_wasm.d.ts',
  'dist/api/sme-precheck-api.js',
  'dist/api/sme_precheck_api.js',
  'dist/api/sme_precheck_api_bg.wasm',
  'dist/api/sme-precheck-api.d.ts',
  'LICENSE',
  'CHANGELOG.md',
];

let dir;
let browser;
let tarball;
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sme-pack-'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  [tarball] = JSON.parse(out);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds dist/ and package metadata only', () => {
  const files = tarball.files.map((f) => f.path).sort();
  for (const f of SHIPPED) assert.ok(files.includes(f), `${f} is packed`);
  const unexpected = files.filter((f) => !f.startsWith('dist/') && !/^(package\.json|README(\.md)?|LICENSE|CHANGELOG\.md)$/i.test(f));
  assert.deepEqual(unexpected, []);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.type, 'module');
  // types first, then import, then a default every resolver understands.
  assert.deepEqual(pkg.exports['.'], {
    types: './dist/sme-precheck.d.ts',
    import: './dist/sme-precheck.js',
    default: './dist/sme-precheck.js',
  });
  for (const target of Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)))) {
    assert.ok(target === './package.json' || files.includes(target.slice(2)), `${target} is packed`);
  }
  assert.equal(pkg.license, 'Apache-2.0');
  const license = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
  assert.match(license, /Apache License\s+Version 2\.0, January 2004/);
  assert.match(license, /END OF TERMS AND CONDITIONS/);
});

test('a plain page using the installed tarball works under the strict CSP', async () => {
  const site = path.join(dir, 'site');
  execFileSync('mkdir', ['-p', site]);
  writeFileSync(path.join(site, 'package.json'), JSON.stringify({ name: 'plain-site', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--no-package-lock', path.join(dir, tarball.filename)], {
    cwd: site,
    encoding: 'utf8',
  });
  const base = './node_modules/sme-precheck/dist';
  writeFileSync(
    path.join(site, 'index.html'),
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Plain page</title>
<script type="module" src="${base}/sme-precheck.js"></script>
<script type="module" src="./app.js"></script>
</head>
<body>
<main>
<h1>Plain page</h1>
<sme-precheck lang="en" partner="bank-site" partner-name="Plain &lt;b&gt;Partner&lt;/b&gt;"></sme-precheck>
<output id="result"></output>
</main>
</body>
</html>
`,
  );
  writeFileSync(
    path.join(site, 'app.js'),
    `import { defaultCatalogue, ready, evaluate, version } from '${base}/api/sme-precheck-api.js';
await ready();
const result = evaluate({
  monthsOperating: 30, industry: 'software', employees: 25, annualRevenue: '8000000',
  taxPaidLast24Months: '400000', taxCreditRating: 'B', legalRepAge: 42, requestedAmount: '1000000',
}, null, 'en');
document.getElementById('result').textContent = version() + ' ' + result.products.map((p) => p.id + ':' + p.outcome).join(' ');
document.getElementById('result').dataset.catalogue = defaultCatalogue().products.map((p) => p.id).join(' ');
`,
  );
  const server = await staticServer(site, { 'content-security-policy': STRICT_CSP });
  const { context, page, violations, errors, requests } = await recordingPage(browser);
  try {
    await page.goto(`${server.origin}/index.html`);
    await page.locator('sme-precheck [data-testid="sp-root"]').waitFor({ timeout: 15_000 });
    await page.evaluate(() => customElements.whenDefined('sme-precheck'));
    await page.locator('#result').filter({ hasText: 'jingying_kuaidai:' }).waitFor();
    const text = await page.locator('#result').textContent();
    assert.match(text, /^0\.1\.0 /);
    // Every product of the stable contract is evaluated (the catalogue may hold more).
    for (const id of ['jingying_kuaidai', 'wangdaitong', 'digital_supply_chain', 'settlement_loan', 'tax_loan', 'payroll_loan']) {
      assert.match(text, new RegExp(` ${id}:[a-z_]+`), text);
    }
    // One result per product of the default catalogue, in its order.
    const ids = (await page.locator('#result').getAttribute('data-catalogue')).split(' ');
    assert.ok(ids.includes('jingying_kuaidai') && ids.length >= 6, ids.join(' '));
    assert.deepEqual(text.split(' ').slice(1).map((p) => p.split(':')[0]), ids, text);
    // The partner name is text, never markup.
    const partnerName = page.locator('sme-precheck [data-testid="sp-partner-name"]');
    if (await partnerName.count()) {
      assert.match(await partnerName.textContent(), /<b>Partner<\/b>/);
      assert.equal(await partnerName.locator('b').count(), 0);
    }
    // The stylesheet came from the package.
    assert.ok(requests.some((r) => r.url.endsWith('/dist/sme-precheck.css')), 'CSS loaded from the package');
    assert.ok(requests.some((r) => r.url.endsWith('/dist/sme_precheck_wasm_bg.wasm')), 'wasm loaded from the package');
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('Node: the installed package through import and require, the API guarded until ready()', () => {
  const site = path.join(dir, 'site'); // installed by the test above
  const script = `
const assert = require('node:assert/strict');
const p = require('sme-precheck/api');
const dist = require('node:path').join(process.cwd(), 'node_modules/sme-precheck/dist');
assert.equal(require.resolve('sme-precheck'), dist + '/sme-precheck.js');
assert.equal(require.resolve('sme-precheck/api'), dist + '/api/sme-precheck-api.js');
assert.throws(() => p.version(), /await ready\\(\\)/);
p.ready()
  .then(() => import('sme-precheck/api'))
  .then((esm) => {
    assert.equal(esm.version, p.version, 'one module instance');
    console.log(p.version());
  });
`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: site, encoding: 'utf8' });
  assert.equal(out.trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
});
