// SME PreCheck JS API: the package's `sme-precheck/api` entry
// (dist/api/sme-precheck-api.js), for hosts that call the pre-check, the
// survey engine and the record builder themselves. Its own WebAssembly
// module (sme_precheck_api_bg.wasm, next to this file): a page that only
// embeds the <sme-precheck> widget never loads it.
//
//   import { ready, evaluate } from 'sme-precheck/api';
//   await ready();            // browsers: fetches the .wasm next to this file;
//                             // Node: reads it from disk (or pass bytes/URL)
//   evaluate(profile, null, 'en');
//
// No top-level await; a call before `ready()` has resolved throws an Error
// that says so. No inline code, no eval: runs under
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`.

import init, * as glue from './sme_precheck_api.js';

// A literal `new URL('./file', import.meta.url)`: the form bundlers (Vite,
// webpack, Rollup, esbuild) recognise, emit and rewrite.
const WASM_URL = new URL('./sme_precheck_api_bg.wasm', import.meta.url);

/** The instance's exports (its memory), once instantiated. */
let exportsOfWasm = null;
/** Set once the wasm is instantiated. */
let instantiated = false;
/** The pending or settled instantiation (null: not started, or failed). */
let started = null;

/**
 * The default .wasm: next to this module (read from disk under Node). A dev
 * server that copies dependencies into a cache without their files (Vite's
 * `node_modules/.vite/deps/`, where it answers with its index page) leaves
 * the .wasm in the package: it is taken from there.
 */
async function defaultWasm() {
  const url = WASM_URL;
  if (url.protocol === 'file:') {
    const fs = globalThis.process?.getBuiltinModule?.('node:fs');
    if (!fs) throw new Error(`sme-precheck/api: cannot read ${url} here; pass the .wasm's bytes to ready()`);
    return fs.promises.readFile(url);
  }
  const cache = /^(.*\/)node_modules\/\.vite\/deps(?:_[^/]*)?\/[^/]*$/.exec(url.href);
  return cache ? new URL('node_modules/sme-precheck/dist/api/sme_precheck_api_bg.wasm', cache[1]) : url;
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
    const attempt = Promise.resolve(wasm ?? defaultWasm()).then(async (source) => {
      exportsOfWasm = await init({ module_or_path: source });
      instantiated = true;
    });
    started = attempt;
    attempt.catch(() => {
      if (started === attempt) started = null;
    });
  }
  return started;
}

/** Throws a clear error when the wasm is not instantiated yet. */
function check(name) {
  if (!instantiated) {
    throw new Error(`sme-precheck/api: ${name} was used before the WebAssembly module was instantiated; \`await ready()\` first`);
  }
}

/**
 * A string from UTF-16 code units in the module's memory. Node's Buffer
 * copies them straight into a string; TextDecoder elsewhere. (UTF-8 with
 * Chinese text decodes several times slower in Node 20: ~14 µs for one
 * pre-check result, against ~1 µs this way.)
 */
const nodeBuffer = globalThis.process?.getBuiltinModule?.('node:buffer')?.Buffer;
const utf16Decoder = new TextDecoder('utf-16le');
function utf16Text(address, units) {
  const buffer = exportsOfWasm.memory.buffer;
  return nodeBuffer
    ? nodeBuffer.from(buffer, address, units * 2).toString('utf16le')
    : utf16Decoder.decode(new Uint16Array(buffer, address, units));
}

const utf8Encoder = new TextEncoder();

/**
 * The pre-check's result JSON, through the module's UTF-16 result buffer.
 * A profile given as text is encoded straight into the module's memory.
 */
function resultText(name, args) {
  check(`${name}()`);
  const [profile, ...rest] = args;
  let units;
  if (typeof profile === 'string') {
    const room = profile.length * 3;
    const address = glue.profileInput(room);
    const target = new Uint8Array(exportsOfWasm.memory.buffer, address, room);
    units = glue.evaluateJsonUtf16Input(utf8Encoder.encodeInto(profile, target).written, ...rest);
  } else {
    units = glue.evaluateJsonUtf16(...args);
  }
  return utf16Text(glue.utf16Result(), units);
}

/** `call`, named `name` (as the glue's functions are). */
function named(name, call) {
  Object.defineProperty(call, 'name', { value: name });
  return call;
}

/** A function of the glue that checks the wasm is instantiated first. */
function api(name) {
  return named(name, (...args) => {
    check(`${name}()`);
    return glue[name](...args);
  });
}

// The JS API (docs/widget-package.md).
export const evaluate = named('evaluate', (...args) => JSON.parse(resultText('evaluate', args)));
export const evaluateJson = named('evaluateJson', (...args) => resultText('evaluateJson', args));
export const parseMoney = api('parseMoney');
export const validateCatalogue = api('validateCatalogue');
export const defaultCatalogue = api('defaultCatalogue');
export const languages = api('languages');
export const version = api('version');
export const defaultSurvey = api('defaultSurvey');
export const validateSurvey = api('validateSurvey');
export const surveyRun = api('surveyRun');
export const surveyRunJson = api('surveyRunJson');
export const buildRecord = api('buildRecord');
export const buildRecordSeeded = api('buildRecordSeeded');
export const validateRecord = api('validateRecord');

/** A survey being answered page by page (see the glue's SurveySession). */
export class SurveySession extends glue.SurveySession {
  constructor(...args) {
    check('new SurveySession()');
    super(...args);
  }
}
