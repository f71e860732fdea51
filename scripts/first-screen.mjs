// The widget's first screen, drawn ahead of the WebAssembly (`npm run build`
// step; writes the loader that ships).
//
// A visitor should see and use the widget's first screen (the introduction,
// the privacy statement, the language switch and the Start button) before
// the .wasm has arrived. So that this screen is not a second, hand-written
// copy of the widget, it is drawn by the widget itself: this script runs the
// built module in Node against a DOM (happy-dom), mounts one <sme-precheck>
// per language (with and without a `partner-name`), and records the shadow
// root it renders as a compact tree — `[tag, {attributes}, ...children]`,
// text as plain strings. The loader (www/sme-precheck.js) builds that tree
// with createElement/setAttribute/createTextNode (never HTML parsing) into
// every <sme-precheck> already on the page, then fetches the .wasm; the
// widget replaces the drawing when it mounts, and the loader replays what
// the visitor did meanwhile.
//
//   node scripts/first-screen.mjs DIST_DIR LOADER_IN LOADER_OUT
//
// LOADER_IN must contain the line `const FIRST_SCREEN = null;`, which is
// replaced by the recorded data. Fails (exit 1, saying why) when the widget
// does not render an intro step with an enabled control in every language,
// so a stale or broken drawing never ships.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Window } from 'happy-dom';

const [distDir, loaderIn, loaderOut] = process.argv.slice(2);
if (!distDir || !loaderIn || !loaderOut) {
  console.error('usage: node scripts/first-screen.mjs DIST_DIR LOADER_IN LOADER_OUT');
  process.exit(2);
}
const fail = (message) => {
  console.error(`first-screen.mjs: ${message}`);
  process.exit(1);
};

/** Stand-ins for the visitor's `partner-name` and `theme`, filled in by the loader. */
const PARTNER_NAME = '\uE000';
const THEME = '\uE001';
/** The languages the widget speaks, as its `lang` attribute names them. */
const LANGS = ['zh-Hans', 'zh-Hant', 'en'];

// A page for the widget: happy-dom's window, its classes and objects made
// global the way a browser has them, and the global object recognised as a
// Window (wasm-bindgen's `web_sys::window()` checks `instanceof Window`).
const window = new Window({ url: 'https://first-screen.invalid/' });
for (const name of [
  'document', 'customElements', 'localStorage', 'navigator', 'HTMLElement', 'HTMLInputElement',
  'HTMLSelectElement', 'HTMLTextAreaElement', 'Element', 'Node', 'Text', 'ShadowRoot', 'Event',
  'CustomEvent', 'KeyboardEvent',
]) {
  Object.defineProperty(globalThis, name, { value: window[name], configurable: true, writable: true });
}
globalThis.Window = class {
  static [Symbol.hasInstance](value) {
    return value === globalThis || value === window;
  }
};
globalThis.window = globalThis;
globalThis.addEventListener = window.addEventListener.bind(window);
globalThis.removeEventListener = window.removeEventListener.bind(window);

const glue = await import(pathToFileURL(path.resolve(distDir, 'sme_precheck_wasm.js')).href);
await glue.default({ module_or_path: readFileSync(path.resolve(distDir, 'sme_precheck_wasm_bg.wasm')) });

/** A DOM node as `[tag, {attributes}, ...children]` or its text. */
function record(node) {
  if (node.nodeType === 3) return node.data;
  if (node.nodeType !== 1) return null;
  const attrs = {};
  for (const a of node.attributes) attrs[a.name] = a.value;
  const out = [node.localName, attrs];
  for (const c of node.childNodes) {
    const r = record(c);
    if (r !== null) out.push(r);
  }
  return out;
}

class Probe extends window.HTMLElement {
  connectedCallback() {
    glue.mount(this);
  }
}
glue.define_element(Probe, undefined, '/v1/feedback');

/** The shadow root the widget draws for one language, with or without a partner name. */
function draw(lang, partnerName) {
  const host = window.document.createElement('sme-precheck');
  host.setAttribute('lang', lang);
  host.setAttribute('theme', THEME);
  if (partnerName) host.setAttribute('partner-name', PARTNER_NAME);
  window.document.body.appendChild(host);
  const root = host.shadowRoot;
  if (!root) fail(`no shadow root for lang=${lang}`);
  const tree = [...root.childNodes].map(record).filter((r) => r !== null);
  const step = root.querySelector('[data-step]')?.getAttribute('data-step');
  if (step !== 'intro') fail(`lang=${lang}: the widget drew step ${step ?? '(none)'}, not intro`);
  if (!root.querySelector('button:not([disabled]), select:not([disabled])')) fail(`lang=${lang}: no enabled control`);
  if (partnerName && !JSON.stringify(tree).includes(PARTNER_NAME)) fail(`lang=${lang}: partner-name is not shown`);
  host.remove();
  return tree;
}

const screens = Object.fromEntries(LANGS.map((lang) => [lang, [draw(lang, false), draw(lang, true)]]));
const [tagPairs, englishPrefix] = glue.languageTags().split(';');
const data = {
  // How the widget reads a `lang` attribute: these tags as they are (lower
  // case, trimmed), any other tag with the prefix is English, the rest the
  // default language.
  langTags: Object.fromEntries(tagPairs.split(',').map((pair) => pair.split('='))),
  englishPrefix,
  // Saved answers make the widget resume at another step: no drawing then.
  savedKey: glue.savedStateKey(undefined),
  savedKeyPrefix: glue.savedStateKey('\u0000').slice(0, -1),
  partnerName: PARTNER_NAME,
  theme: THEME,
  screens,
};

const marker = 'const FIRST_SCREEN = null;';
const loader = readFileSync(loaderIn, 'utf8');
if (loader.split(marker).length !== 2) fail(`${loaderIn} must contain the line \`${marker}\` exactly once`);
writeFileSync(loaderOut, loader.replace(marker, `const FIRST_SCREEN = ${JSON.stringify(data)};`));
await window.happyDOM.close();
