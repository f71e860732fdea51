// SME PreCheck loader: the package's ES module entry (dist/sme-precheck.js).
//
// In a page, importing this module instantiates the wasm
// (sme_precheck_wasm_bg.wasm, next to this file) and defines the
// <sme-precheck> custom element; all rendering is done by Rust (see
// docs/widget.md for the loader contract). A custom element class cannot be
// created from wasm without eval, so it is declared here and handed to Rust.
//
//   <script type="module" src="/dist/sme-precheck.js"></script>
//   <sme-precheck lang="en" partner="bank-site"></sme-precheck>
//
// The JS API (evaluate, survey and record calls; docs/widget-package.md) is
// re-exported from the wasm-bindgen glue. In a page it is ready once this
// module has loaded; elsewhere call `await ready(wasmBytesOrUrl)` first.
//
// No inline code, no eval: runs under
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.

import init, * as glue from './sme_precheck_wasm.js';

export * from './sme_precheck_wasm.js';

let started = null;

/**
 * Instantiates the wasm once (later calls return the same promise).
 * @param {RequestInfo | URL | BufferSource | WebAssembly.Module} [wasm]
 *   the .wasm's URL, bytes or compiled module (default: next to this file).
 * @returns {Promise<void>}
 */
export function ready(wasm) {
  if (started === null) {
    const moduleOrPath = wasm ?? new URL('./sme_precheck_wasm_bg.wasm', import.meta.url);
    started = init({ module_or_path: moduleOrPath }).then(() => undefined);
  }
  return started;
}

if (globalThis.document && globalThis.customElements && globalThis.HTMLElement) {
  await ready();

  class SmePrecheck extends HTMLElement {
    static observedAttributes = ['lang', 'partner', 'endpoint', 'theme', 'catalogue', 'partner-name'];
    connectedCallback() {
      glue.mount(this);
    }
    disconnectedCallback() {
      glue.unmount(this);
    }
    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue !== newValue) glue.attributeChanged(this, name, oldValue, newValue);
    }
  }

  glue.define_element(SmePrecheck, new URL('./sme-precheck.css', import.meta.url).href);
}
