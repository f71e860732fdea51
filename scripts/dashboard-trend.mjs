// dashboard-trend.mjs: fills a fresh SQLite file with `precheck-simulate`
// (20,000 randomized records over 12 weeks, a known shift), starts the
// feedback server on it, opens the staff dashboard in Chromium, picks the
// simulated value, compares partners side by side, checks the page for CSP
// violations and console errors, and writes screenshots:
//   docs/screenshots/dashboard-trend.png         (1000 px wide, by partner)
//   docs/screenshots/dashboard-trend-360.png     (360 px wide, zh-Hant)
// Usage: node scripts/dashboard-trend.mjs [--bin-dir target/release]
// (build first: cargo build --release -p sme-precheck-server --bins)

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argi = process.argv.indexOf('--bin-dir');
const binDir = path.resolve(ROOT, argi > 0 ? process.argv[argi + 1] : 'target/release');
const TOKEN = 'dashboard-trend';

async function freePort() {
  const s = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

const dir = mkdtempSync(path.join(tmpdir(), 'precheck-trend-'));
const db = `sqlite:${path.join(dir, 'feedback.db')}`;
const sim = spawnSync(path.join(binDir, 'precheck-simulate'),
  ['--database-url', db, '--truth', path.join(dir, 'truth.json')], { encoding: 'utf8' });
if (sim.status !== 0) throw new Error(`precheck-simulate failed: ${sim.stderr}`);
process.stdout.write(sim.stdout);
const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'));

const port = await freePort();
const server = spawn(path.join(binDir, 'precheck-server'), [
  '--port', String(port), '--database-url', db, '--admin-token', TOKEN,
  '--partners', path.join(ROOT, 'www/partners.demo.json'), '--www', path.join(ROOT, 'www'),
  '--min-count', '100',
], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => { if (String(d).includes('listening')) resolve(); });
  server.once('exit', (c) => reject(new Error(`server exited ${c}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const problems = [];
try {
  const shots = path.join(ROOT, 'docs/screenshots');
  mkdirSync(shots, { recursive: true });
  for (const [width, lang, by, file] of [
    [1000, 'zh-Hans', 'partner', 'dashboard-trend.png'],
    [360, 'zh-Hant', 'total', 'dashboard-trend-360.png'],
  ]) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${file}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${file}: ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/dashboard?lang=${lang}#token=${TOKEN}`);
    await page.waitForSelector('svg.trend-chart .dot');
    await page.selectOption('#trend-field', truth.field);
    await page.selectOption('#trend-value', truth.value);
    await page.selectOption('#trend-by', by);
    await page.waitForFunction((n) => document.querySelectorAll('svg.trend-chart .series').length === n,
      by === 'partner' ? 2 : 1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) problems.push(`${file}: page scrolls sideways by ${overflow} px`);
    const trend = await page.$('#trend');
    await trend.screenshot({ path: path.join(shots, file) });
    console.log(`wrote docs/screenshots/${file}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
