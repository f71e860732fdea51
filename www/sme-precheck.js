// SME PreCheck loader: the package's ES module entry (dist/sme-precheck.js).
//
// In a page, importing this module starts three fetches at once — the
// wasm-bindgen glue, the .wasm and the stylesheet, all next to this file —
// and, once they have arrived, defines the <sme-precheck> custom element.
// All rendering is done by Rust (docs/widget.md, "Loader contract"); a custom
// element class cannot be created from wasm without eval, so it is declared
// here and handed to Rust.
//
//   <script type="module" src="/dist/sme-precheck.js"></script>
//   <sme-precheck lang="en" partner="bank-site"></sme-precheck>
//
// - No top-level await: bundlers with an ES2020 target (Vite 5 and 6 by
//   default) take the module as it is. The outbox calls exported here are
//   usable once `ready()` has resolved; calling one earlier throws an Error
//   that says so. The pre-check, survey and record API is the separate
//   `sme-precheck/api` entry (its own, smaller module).
// - No flash of unstyled controls: the stylesheet is fetched once and every
//   shadow root adopts it as a constructable stylesheet before its first
//   render (no <link>, no inline style). Where constructable stylesheets are
//   missing, Rust links the stylesheet instead.
// - The feedback endpoint defaults to `/v1/feedback` on the origin that
//   served this module (the bank's), not the host page's; the `endpoint`
//   attribute overrides it.
// - The first screen comes before the .wasm: the build records the widget's
//   own drawing of its first step (introduction, privacy statement, language
//   switch, Start) in every language (scripts/first-screen.mjs) and puts it
//   in FIRST_SCREEN below. Every <sme-precheck> already in the document gets
//   that drawing as soon as the stylesheet is in; only then is the .wasm
//   requested. What the visitor does meanwhile (switching the language,
//   pressing Start) is kept and replayed on the widget once it has mounted,
//   and focus stays on the same control. Visitors with saved answers resume
//   at another step, so their elements wait for the widget instead.
// - A .wasm that cannot be loaded leaves a short localized message in each
//   element, fires `sme-precheck:error` on it and logs why on the console.
//
// No inline code, no eval: runs under
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.

const TAG = 'sme-precheck';
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
// Literal `new URL('./file', import.meta.url)`: the form bundlers (Vite,
// webpack, Rollup, esbuild, Parcel) recognise, emit and rewrite.
const WASM_URL = new URL('./sme_precheck_wasm_bg.wasm', import.meta.url);
const CSS_URL = new URL('./sme-precheck.css', import.meta.url);

/**
 * Where a sibling file of this module may be, most likely first. A dev
 * server that copies dependencies into a cache without their files (Vite's
 * `node_modules/.vite/deps/`, where it answers with a 404 or its index page)
 * leaves the .wasm and the stylesheet in the package: looked up there first.
 */
function candidates(url) {
  const cached = /^(.*\/)node_modules\/\.vite\/deps(?:_[^/]*)?\/[^/]*$/.exec(url.href.split('?')[0]);
  if (!cached) return [url];
  return [new URL(`node_modules/sme-precheck/dist/${url.pathname.split('/').pop()}`, cached[1]), url];
}

/** The default feedback endpoint: `/v1/feedback` on the origin that served this module. */
function defaultEndpoint() {
  const here = new URL(import.meta.url);
  return here.protocol === 'http:' || here.protocol === 'https:' ? new URL('/v1/feedback', here).href : '/v1/feedback';
}

// ------------------------------------------------------------- instantiation

/** The wasm-bindgen glue's namespace once loaded (null before). */
let glue = null;
/** The pending or settled instantiation (null: not started, or failed). */
let started = null;

/** A .wasm at `url`: a streaming-ready Response, or its bytes after checking them. */
async function fetchWasm(url) {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  if ((res.headers.get('content-type') ?? '').split(';')[0].trim() === 'application/wasm') return res;
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (!WASM_MAGIC.every((b, i) => bytes[i] === b)) {
    const type = res.headers.get('content-type') || 'no content type';
    throw new Error(`${url} is not WebAssembly (${type}); the server answered with another file`);
  }
  return bytes;
}

/** The default .wasm: next to this module (in Node, read from disk). */
async function defaultWasm() {
  if (WASM_URL.protocol === 'file:') {
    const fs = globalThis.process?.getBuiltinModule?.('node:fs');
    if (!fs) throw new Error(`cannot read ${WASM_URL} here: pass the .wasm's bytes to ready()`);
    return fs.promises.readFile(WASM_URL);
  }
  let firstError;
  for (const url of candidates(WASM_URL)) {
    try {
      return await fetchWasm(url);
    } catch (error) {
      firstError ??= error;
    }
  }
  throw firstError;
}

/**
 * Instantiates the wasm once; later calls return the same promise (after a
 * failure, the next call tries again).
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [wasm]
 *   the .wasm's URL, a Response, its bytes or compiled module (default: the
 *   file next to this module).
 * @returns {Promise<void>}
 */
export function ready(wasm) {
  if (started === null) {
    const attempt = Promise.all([import('./sme_precheck_wasm.js'), wasm ?? defaultWasm()]).then(async ([mod, source]) => {
      await mod.default({ module_or_path: source });
      glue = mod;
    });
    started = attempt;
    attempt.catch(() => {
      if (started === attempt) started = null;
    });
  }
  return started;
}

/** The glue, or a clear error when the wasm is not instantiated yet. */
function instance(name) {
  if (glue === null) {
    throw new Error(
      `sme-precheck: ${name} was used before the WebAssembly module was instantiated; \`await ready()\` first`,
    );
  }
  return glue;
}

/** A function of the glue that checks the wasm is instantiated first. */
function api(name) {
  const call = (...args) => instance(`${name}()`)[name](...args);
  Object.defineProperty(call, 'name', { value: name });
  return call;
}

// The delivery outbox (docs/widget-package.md); the pre-check, survey and
// record API is the `sme-precheck/api` entry.
export const enqueue = api('enqueue');
export const flush = api('flush');
export const pendingCount = api('pendingCount');
export const droppedCount = api('droppedCount');

// ------------------------------------------------------------ in a page

/** Texts shown in the element when the .wasm cannot be loaded. */
const LOAD_FAILED = {
  'zh-Hans': '预审工具暂时无法加载，请稍后刷新页面重试。',
  'zh-Hant': '預審工具暫時無法載入，請稍後重新整理頁面再試。',
  en: 'The pre-check could not be loaded. Please reload the page later.',
};

/**
 * The widget's language for a `lang` attribute, read as the widget reads it
 * (the tags the build wrote into FIRST_SCREEN; anything else is the
 * default, zh-Hans), so that the first screen and the load-failure message
 * speak the language the widget will. Without those tables (the loader as
 * it is in the source tree): `en…` is English, the rest zh-Hans.
 */
function langOf(tag) {
  const t = (tag ?? '').trim().toLowerCase();
  if (!FIRST_SCREEN) return t.startsWith('en') ? 'en' : 'zh-Hans';
  if (Object.hasOwn(FIRST_SCREEN.langTags, t)) return FIRST_SCREEN.langTags[t];
  return t.startsWith(FIRST_SCREEN.englishPrefix) ? 'en' : 'zh-Hans';
}

/** The shipped stylesheet as a constructable stylesheet, or null (then Rust links it). */
async function loadSheet() {
  if (typeof CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in ShadowRoot.prototype)) return null;
  for (const url of candidates(CSS_URL)) {
    try {
      // `Accept: text/css` (CORS-safelisted): dev servers that turn CSS into
      // JS modules (Vite) then answer with the stylesheet itself.
      const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/css' } });
      const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
      if (!res.ok || type !== 'text/css') continue;
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(await res.text());
      return sheet;
    } catch {
      // next candidate
    }
  }
  return null;
}

function definePage() {
  let sheet = null;
  let failure = null;

  class SmePrecheck extends HTMLElement {
    static observedAttributes = ['lang', 'partner', 'endpoint', 'theme', 'catalogue', 'partner-name'];
    connectedCallback() {
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      const drawn = firstScreens.get(this);
      firstScreens.delete(this);
      drawn?.stop();
      if (failure) {
        showFailure(this, root, failure);
      } else {
        glue.mount(this);
        drawn?.handOver();
      }
    }
    disconnectedCallback() {
      if (!failure) glue.unmount(this);
    }
    attributeChangedCallback(name, oldValue, newValue) {
      if (failure) {
        if (name === 'lang' && this.shadowRoot) showFailure(this, this.shadowRoot, failure, false);
      } else if (oldValue !== newValue) {
        glue.attributeChanged(this, name, oldValue, newValue);
      }
    }
  }

  // Defined once the wasm and the stylesheet have settled, so that
  // `customElements.whenDefined('sme-precheck')` means "rendered". With
  // elements to draw the first screen into, the .wasm is requested once
  // they show it; otherwise at once, alongside the stylesheet.
  queueMicrotask(() => {
    const hosts = FIRST_SCREEN ? [...document.querySelectorAll(TAG)].filter(wantsFirstScreen) : [];
    const sheetLoad = loadSheet();
    const drawn = hosts.length === 0 ? null : sheetLoad.then((s) => s && hosts.forEach((h) => drawSafely(h, s)));
    const wasmLoad = drawn ? drawn.then(() => ready()) : ready();
    Promise.allSettled([wasmLoad, sheetLoad]).then(([wasm, css]) => {
      sheet = css.status === 'fulfilled' ? css.value : null;
      if (wasm.status === 'rejected') {
        failure = wasm.reason instanceof Error ? wasm.reason : new Error(String(wasm.reason));
        console.error(`sme-precheck: the WebAssembly module could not be loaded: ${failure.message}`);
        if (!customElements.get(TAG)) customElements.define(TAG, SmePrecheck);
        return;
      }
      glue.define_element(SmePrecheck, sheet ? undefined : CSS_URL.href, defaultEndpoint());
    });
  });
}

// ------------------------------------------------------------ first screen

// Written by the build (scripts/first-screen.mjs): the widget's drawing of
// its first step per language, without and with a partner name, as
// `[tag, {attributes}, ...children]` trees, plus the saved-answers key.
// null in the source tree: elements then simply wait for the widget.
const FIRST_SCREEN = null;

/** Elements showing the first screen → { stop, handOver } (see drawFirstScreen). */
const firstScreens = new WeakMap();

/** An element gets the first screen: not drawn by anything yet, no saved answers to resume. */
function wantsFirstScreen(host) {
  if (host.shadowRoot || customElements.get(TAG)) return false;
  const partner = (host.getAttribute('partner') ?? '').trim();
  const key = partner ? FIRST_SCREEN.savedKeyPrefix + partner : FIRST_SCREEN.savedKey;
  try {
    return globalThis.localStorage?.getItem(key) == null;
  } catch {
    return true; // storage blocked: nothing can have been saved
  }
}

/** How a control is found again in the widget's own drawing: its test id, or its id. */
const keyOf = (el) => (el?.getAttribute ? { testid: el.getAttribute('data-testid'), id: el.id } : null);
function find(root, key) {
  if (!key) return null;
  return (
    (key.testid && root.querySelector(`[data-testid="${CSS.escape(key.testid)}"]`)) ||
    (key.id && root.getElementById(key.id)) ||
    null
  );
}

/** One recorded tree → DOM (elements, attributes, text nodes), with the host's partner name and theme filled in. */
function build(node, host) {
  const partnerName = (host.getAttribute('partner-name') ?? '').trim();
  const theme = (host.getAttribute('theme') ?? '').trim();
  const fill = (text) => text.replaceAll(FIRST_SCREEN.partnerName, partnerName);
  const make = (n) => {
    if (typeof n === 'string') return document.createTextNode(fill(n));
    const [tag, attrs, ...children] = n;
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value !== FIRST_SCREEN.theme) el.setAttribute(name, fill(value));
      else if (theme) el.setAttribute(name, theme);
    }
    el.append(...children.map(make));
    return el;
  };
  return make(node);
}

/** drawFirstScreen, where a failure only costs the drawing: the widget still loads and renders. */
function drawSafely(host, css) {
  try {
    drawFirstScreen(host, css);
  } catch (error) {
    firstScreens.get(host)?.stop();
    firstScreens.delete(host);
    host.shadowRoot?.replaceChildren();
    console.error(`sme-precheck: the first screen could not be drawn: ${error?.message ?? error}`);
  }
}

/**
 * Draws the first screen into `host` (attaching its open shadow root) and
 * listens to the visitor until the widget mounts: a language switch redraws
 * at once; switches, button presses and Start are kept and replayed on the
 * widget's own controls by `handOver`, after focus is put back where it was.
 */
function drawFirstScreen(host, css) {
  if (!host.isConnected || !wantsFirstScreen(host)) return;
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [css];
  const named = Boolean((host.getAttribute('partner-name') ?? '').trim());
  const draw = (lang) => root.replaceChildren(...FIRST_SCREEN.screens[lang][named ? 1 : 0].map((n) => build(n, host)));
  draw(langOf(host.getAttribute('lang')));
  const kept = [];
  const listeners = {
    submit(ev) {
      ev.preventDefault();
      kept.push({ kind: 'submit', key: keyOf(ev.target) });
    },
    click(ev) {
      const button = ev.target.closest?.('button[type="button"]');
      if (button) kept.push({ kind: 'click', key: keyOf(button) });
    },
    change(ev) {
      const select = ev.target;
      if (select.localName !== 'select') return;
      const key = keyOf(select);
      kept.push({ kind: 'change', key, value: select.value });
      if (select.getAttribute('data-action') === 'lang' && FIRST_SCREEN.screens[select.value]) {
        draw(select.value);
        find(root, key)?.focus();
      }
    },
  };
  for (const [kind, fn] of Object.entries(listeners)) root.addEventListener(kind, fn);
  let focusKey = null;
  firstScreens.set(host, {
    stop() {
      for (const [kind, fn] of Object.entries(listeners)) root.removeEventListener(kind, fn);
      focusKey = root.activeElement ? keyOf(root.activeElement) : null;
    },
    handOver() {
      find(root, focusKey)?.focus();
      for (const { kind, key, value } of kept) {
        const el = find(root, key);
        if (!el) continue;
        if (kind === 'submit') el.requestSubmit?.();
        else if (kind === 'click') el.click();
        else {
          el.value = value;
          el.dispatchEvent(new Event('change', { bubbles: true }));
        }
      }
    },
  });
}

/** Shows the load failure in the element (as text) and, once, tells the page why. */
function showFailure(host, root, error, announce = true) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.setAttribute('part', 'load-error');
  p.dataset.testid = 'sp-load-error';
  p.textContent = LOAD_FAILED[langOf(host.getAttribute('lang'))];
  root.replaceChildren(p);
  if (announce) {
    host.dispatchEvent(
      new CustomEvent('sme-precheck:error', {
        bubbles: true,
        composed: true,
        detail: { reason: 'wasm', message: error.message },
      }),
    );
  }
}

if (globalThis.document && globalThis.customElements && globalThis.HTMLElement) definePage();
