// Shared harness of the real-browser suite (tests/e2e/*.test.mjs):
// - spawns the feedback server binary (PRECHECK_SERVER_BIN, default
//   target/debug/precheck-server) on a free port with a temp SQLite file and
//   the demo partners, serving www/ and dist/;
// - launches Debian's Chromium through playwright-core with the flags of
//   the flags below (CHROMIUM_BIN overrides /usr/bin/chromium);
// - records every request a page makes, console errors, page errors and CSP
//   violations, so tests can assert on what left the page;
// - serverAndBrowser(): the before/after hooks every test file shares;
// - a tiny static file server for the packed-tarball test.
//
// Nothing here knows the widget's markup; see flow.mjs for that.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The strict CSP the widget must run under. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** Chromium flags that work as root on a Linux host (headless, no sandbox, no background networking). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the feedback server. Returns { origin, port, token, dir, logs(),
 * stats(), stop({ keepDir }) }. `port` and `dir` restart a stopped server
 * on the same address and SQLite file.
 * @param {{ args?: string[], env?: Record<string,string>, port?: number, dir?: string }} [options]
 */
export async function startServer(options = {}) {
  const bin = process.env.PRECHECK_SERVER_BIN ?? path.join(ROOT, 'target/debug/precheck-server');
  if (!existsSync(bin)) {
    throw new Error(`server binary ${bin} not found: run \`cargo build -p sme-precheck-server\` or set PRECHECK_SERVER_BIN`);
  }
  if (!existsSync(path.join(ROOT, 'dist/sme-precheck.js'))) {
    throw new Error('dist/ is not built: run `npm run build`');
  }
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'sme-e2e-'));
  const port = options.port ?? (await freePort());
  const token = 'e2e-admin-token';
  const args = [
    '--host', '127.0.0.1',
    '--port', String(port),
    '--database-url', `sqlite:${path.join(dir, 'feedback.db')}`,
    '--admin-token', token,
    '--partners', path.join(ROOT, 'www/partners.demo.json'),
    '--www', path.join(ROOT, 'www'),
    '--dist', path.join(ROOT, 'dist'),
    ...(options.args ?? []),
  ];
  const child = spawn(bin, args, {
    cwd: dir,
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn', ...(options.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exited) {
      throw new Error(`server exited early (${JSON.stringify(exited)}):\n${output}`);
    }
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /healthz within 15 s:\n${output}`);
    }
    await sleep(50);
  }

  return {
    origin,
    port,
    token,
    dir,
    logs: () => output,
    /** GET /v1/stats with the admin token, parsed. */
    async stats(query = '') {
      const res = await fetch(`${origin}/v1/stats${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`/v1/stats: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async stop({ keepDir = false } = {}) {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await once(child, 'exit').catch(() => {});
        clearTimeout(timer);
      }
      if (!keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium (Debian's) through playwright-core. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Registers `before`/`after` hooks that start the feedback server and Chromium
 * before a test file's tests and stop both after them. Returns the live
 * handles `{ server, browser }`; a test that restarts the server assigns the
 * new one to `live.server`, so that one is stopped at the end.
 * @param {Parameters<typeof startServer>[0]} [serverOptions]
 */
export function serverAndBrowser(serverOptions) {
  const live = { server: undefined, browser: undefined };
  before(async () => {
    live.server = await startServer(serverOptions);
    live.browser = await launchBrowser();
  });
  after(async () => {
    await live.browser?.close();
    await live.server?.stop();
  });
  return live;
}

/**
 * A new page in a fresh context that records what it does:
 * `requests` (every request: url, method, headers, postData),
 * `errors` (console errors and uncaught exceptions), `violations`
 * (securitypolicyviolation events, collected in every frame).
 * @param {import('playwright-core').Browser} browser
 * @param {import('playwright-core').BrowserContextOptions} [contextOptions]
 */
export async function recordingPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  const violations = [];
  context.on('request', (request) => {
    requests.push({
      url: request.url(),
      method: request.method(),
      headers: request.headers(),
      postData: request.postData() ?? '',
      frameUrl: safeFrameUrl(request),
    });
  });
  page.on('console', (message) => {
    // Failed loads are recorded with their URL by the response listener.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  context.on('response', (response) => {
    const url = new URL(response.url());
    // Browsers ask for /favicon.ico on their own; the demo pages have none.
    if (response.status() >= 400 && url.pathname !== '/favicon.ico' && !expectedFailure(response)) {
      errors.push(`http ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await context.exposeBinding('__smeCspViolation', (_source, v) => violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      globalThis.__smeCspViolation({
        directive: event.violatedDirective,
        blockedURI: event.blockedURI,
        sample: event.sample,
        source: event.sourceFile,
        line: event.lineNumber,
      });
    });
  });
  return { context, page, requests, errors, violations };
}

/** Feedback POSTs may be refused on purpose in delivery tests. */
function expectedFailure(response) {
  return response.url().endsWith('/v1/feedback') && response.status() !== 404;
}

function safeFrameUrl(request) {
  try {
    return request.frame().url();
  } catch {
    return '';
  }
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` on a free 127.0.0.1 port. `headers` are added to every
 * response (e.g. a CSP). Returns { origin, close() }.
 */
export async function staticServer(dir, headers = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...headers,
    });
    createReadStream(file).pipe(res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Waits until the widget's outbox on `page` has nothing left to send: the
 * page has read the endpoint's answer to every record (the server counts a
 * record before the page has read the answer). Polled from Node, so it also
 * works on a page whose timers are paused. `pendingCount` is the page
 * function that reads the outbox (by default through the loader in dist/).
 */
export async function outboxDrained(
  page,
  { timeout = 15_000, pendingCount = async () => (await import('/dist/sme-precheck.js')).pendingCount() } = {},
) {
  const pending = () => page.evaluate(pendingCount);
  const deadline = Date.now() + timeout;
  let n = await pending();
  while (n !== 0 && Date.now() < deadline) {
    await sleep(20);
    n = await pending();
  }
  if (n !== 0) throw new Error(`${n} record(s) still pending in the outbox after ${timeout} ms`);
}

/** Request bodies, URLs and headers joined, for sentinel searches. */
export function requestText(request) {
  return [request.url, decodeURIComponentSafe(request.url), JSON.stringify(request.headers), request.postData].join('\n');
}

function decodeURIComponentSafe(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
