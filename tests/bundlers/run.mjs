// The packed package in the bundlers partners use: `npm pack`, then for each
// bundler a tiny app (tests/bundlers/app/) in its own temporary directory
// with its own package.json, installed from the npm registry plus the
// tarball, built with no configuration of its own (webpack: entry and output
// only), served under the strict CSP and loaded in Chromium; Vite apps are
// also loaded from the dev server (dependency pre-bundling on, as by
// default). A check passes when the widget has rendered (its root in the
// shadow DOM, the stylesheet applied) and the JS API answered after
// `ready()`, with no page error and no CSP violation.
//
//   npm run build && bash scripts/bundlers.sh [vite5 vite6 vite7 vite8 webpack5]
//
// Prints a Markdown table (bundler, version installed, build, dev, seconds)
// and exits non-zero if any check failed. KEEP=1 keeps the temp directory.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launchBrowser, recordingPage, ROOT, staticServer, STRICT_CSP } from '../e2e/harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The bundlers checked: npm dependencies, build command, output directory, dev command. */
const TARGETS = {
  vite5: { deps: { vite: '^5' }, build: ['vite', 'build'], out: 'dist', dev: true },
  vite6: { deps: { vite: '^6' }, build: ['vite', 'build'], out: 'dist', dev: true },
  vite7: { deps: { vite: '^7' }, build: ['vite', 'build'], out: 'dist', dev: true },
  vite8: { deps: { vite: '^8' }, build: ['vite', 'build'], out: 'dist', dev: true },
  webpack5: {
    deps: { webpack: '^5', 'webpack-cli': '^6' },
    build: ['webpack', '--config', 'webpack.config.cjs'],
    out: 'dist',
    dev: false,
  },
};

/** Runs a command; resolves with its output, rejects with it on a non-zero exit. */
function run(cmd, args, cwd, { timeout = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${output.slice(-4000)}`));
    });
  });
}

/** Loads `url` and waits for the widget and the API; returns problems found (empty: passed). */
async function check(browser, url, { csp }) {
  const { context, page, errors, violations } = await recordingPage(browser);
  try {
    await page.goto(url);
    await page.locator('sme-precheck [data-testid="sp-root"]').waitFor({ timeout: 30_000 });
    await page.locator('#result').filter({ hasText: /products|failed/ }).waitFor({ timeout: 30_000 });
    const problems = [];
    const result = await page.locator('#result').textContent();
    if (!/^\d+\.\d+\.\d+ \d+ products$/.test(result)) problems.push(`API: ${result}`);
    // The stylesheet applied: the root has the widget's padding.
    const padding = await page.evaluate(
      () => getComputedStyle(document.querySelector('sme-precheck').shadowRoot.querySelector('[data-testid="sp-root"]')).paddingTop,
    );
    if (padding === '0px') problems.push('stylesheet not applied');
    if (csp && violations.length) problems.push(`CSP: ${JSON.stringify(violations)}`);
    problems.push(...errors);
    return problems;
  } catch (error) {
    return [`${error.message.split('\n')[0]}; page errors: ${JSON.stringify(errors)}`];
  } finally {
    await context.close();
  }
}

/** Starts `vite` (dev) on a free port; resolves once it answers. */
async function viteDev(dir) {
  const port = await freePort();
  const child = spawn(path.join(dir, 'node_modules/.bin/vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite dev exited:\n${output}`);
    try {
      if ((await fetch(origin)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`vite dev did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    origin,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const closed = once(child, 'close');
      child.kill('SIGTERM');
      await closed;
    },
  };
}

async function main() {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(TARGETS);
  for (const n of names) if (!TARGETS[n]) throw new Error(`unknown target ${n} (one of ${Object.keys(TARGETS).join(', ')})`);
  if (!existsSync(path.join(ROOT, 'dist/sme-precheck.js'))) throw new Error('dist/ is not built: run `npm run build`');

  const started = Date.now();
  const work = mkdtempSync(path.join(tmpdir(), 'sme-bundlers-'));
  const packed = JSON.parse(await run('npm', ['pack', '--json', '--pack-destination', work], ROOT))[0];
  const tarball = path.join(work, packed.filename);
  const browser = await launchBrowser();
  const rows = [];
  let failed = false;
  try {
    for (const name of names) {
      const target = TARGETS[name];
      const t0 = Date.now();
      const dir = path.join(work, name);
      cpSync(path.join(HERE, 'app'), dir, { recursive: true });
      if (name.startsWith('webpack')) cpSync(path.join(HERE, 'webpack.config.cjs'), path.join(dir, 'webpack.config.cjs'));
      writeFileSync(
        path.join(dir, 'package.json'),
        JSON.stringify({ name: `check-${name}`, private: true, type: 'module', dependencies: { 'sme-precheck': `file:${tarball}` }, devDependencies: target.deps }, null, 2),
      );
      const row = { name, version: '?', build: 'not run', dev: target.dev ? 'not run' : '—', seconds: 0 };
      rows.push(row);
      const step = (what) => console.error(`${name}: ${what} (${Math.round((Date.now() - t0) / 1000)} s)`);
      try {
        step('npm install');
        await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], dir);
        const bundler = Object.keys(target.deps)[0];
        row.version = JSON.parse(readFileSync(path.join(dir, 'node_modules', bundler, 'package.json'), 'utf8')).version;
        // Build, then serve the output under the strict CSP.
        try {
          step('build');
          await run(path.join(dir, 'node_modules/.bin', target.build[0]), target.build.slice(1), dir);
          step('load the build');
          const out = path.join(dir, target.out);
          if (name.startsWith('webpack')) writeFileSync(path.join(out, 'index.html'), readFileSync(path.join(dir, 'index.html'), 'utf8'));
          const server = await staticServer(out, { 'content-security-policy': STRICT_CSP });
          try {
            const problems = await check(browser, `${server.origin}/index.html`, { csp: true });
            row.build = problems.length ? `FAIL: ${problems.join('; ')}` : 'pass';
          } finally {
            await server.close();
          }
        } catch (error) {
          row.build = `FAIL: ${error.message}`;
        }
        if (target.dev) {
          let dev;
          try {
            step('dev server');
            dev = await viteDev(dir);
            const problems = await check(browser, `${dev.origin}/index.html`, { csp: false });
            row.dev = problems.length ? `FAIL: ${problems.join('; ')}` : 'pass';
          } catch (error) {
            row.dev = `FAIL: ${error.message}`;
          } finally {
            await dev?.stop();
          }
        }
      } catch (error) {
        row.build = `FAIL: ${error.message}`;
      }
      row.seconds = Math.round((Date.now() - t0) / 1000);
      if (row.build.startsWith('FAIL') || row.dev.startsWith('FAIL')) failed = true;
      console.error(`${name}: build ${row.build.split('\n')[0]}, dev ${row.dev.split('\n')[0]} (${row.seconds} s)`);
    }
  } finally {
    await browser.close();
    if (process.env.KEEP === '1') console.error(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  console.log('| bundler | version | build (strict CSP) | dev server | seconds |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const cell = (s) => s.replace(/\n/g, ' ').replace(/\|/g, '\\|').slice(0, 300);
    console.log(`| ${r.name} | ${r.version} | ${cell(r.build)} | ${cell(r.dev)} | ${r.seconds} |`);
  }
  console.log(`\ntotal ${Math.round((Date.now() - started) / 1000)} s`);
  const passedCount = rows.filter((r) => !r.build.startsWith('FAIL') && !r.dev.startsWith('FAIL')).length;
  console.log(`${passedCount} passed, ${rows.length - passedCount} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
