// Public TypeScript types of the `sme-precheck` package's main entry
// (dist/sme-precheck.d.ts): the <sme-precheck> element, its attributes and
// events, `ready()` and the delivery outbox. The pre-check, survey and record
// API is the `sme-precheck/api` entry (api/sme-precheck-api.d.ts). The
// wasm-bindgen glue's own declarations are in sme_precheck_wasm.d.ts; a test
// (tests/types/) checks that the loader exports exactly what is declared
// here. The element's JSX typings are separate: `sme-precheck/react` and
// `sme-precheck/vue` (import them as types).

import type { Lang, Outcome } from './api/sme-precheck-api.js';

export type { Lang, Outcome };

/**
 * Instantiates the widget's wasm once (later calls return the same promise;
 * after a failure the next call tries again). In a page the loader starts it
 * on import and defines the element once it has resolved; the outbox
 * functions throw until then.
 */
export function ready(wasm?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;

// ----------------------------------------------------------- delivery outbox

/** Counts after a delivery attempt. */
export interface DeliveryCounts {
  sent: number;
  pending: number;
  dropped: number;
}

/** Stores the record (IndexedDB / localStorage) and sends it; retried until a 2xx. */
export function enqueue(endpoint: string, recordJson: string): Promise<DeliveryCounts>;

/** Sends every stored record again. */
export function flush(): Promise<DeliveryCounts>;

/** Records stored and not yet delivered. */
export function pendingCount(): number;

/** Records given up (400/413/422 or too old) since the page loaded. */
export function droppedCount(): number;

// ---------------------------------------------------------- the element

/** Attributes of `<sme-precheck>` (docs/widget.md). */
export interface SmePrecheckAttributes {
  /** `zh-Hans` (default), `zh-Hant` or `en`; aliases such as `zh-TW`, `en-GB` are accepted. */
  lang?: Lang | (string & {});
  /** Partner id put in the record; the server rejects unknown partners. */
  partner?: string;
  /** Where records are POSTed (default: `/v1/feedback` on the origin that served the widget). */
  endpoint?: string;
  /** `light` (default), `dark`, or `auto` (follows `prefers-color-scheme`). */
  theme?: 'light' | 'dark' | 'auto';
  /** URL of a catalogue JSON (default: the built-in catalogue). */
  catalogue?: string;
  /** Shown as "Offered with …" in the header, as text. */
  'partner-name'?: string;
}

/** The best pre-check outcome across products, or `none` (no pre-check result). */
export type OutcomeClass = Outcome | 'none';

/** `event.detail` of `sme-precheck:completed`: the outcome class only, never an answer. */
export interface SmePrecheckCompletedDetail {
  outcomeClass: OutcomeClass;
}

/** Fired on the element (bubbles, composed) when the visitor reaches the thanks step. */
export type SmePrecheckCompletedEvent = CustomEvent<SmePrecheckCompletedDetail>;

/** `event.detail` of `sme-precheck:error`. */
export interface SmePrecheckErrorDetail {
  /** `wasm`: the WebAssembly module could not be fetched or instantiated. */
  reason: 'wasm';
  /** Why, in English (URL, HTTP status or the browser's message). */
  message: string;
}

/** Fired on the element (bubbles, composed) when the widget cannot start. */
export type SmePrecheckErrorEvent = CustomEvent<SmePrecheckErrorDetail>;

/** Events of `<sme-precheck>`, by name. */
export interface SmePrecheckEventMap {
  'sme-precheck:completed': SmePrecheckCompletedEvent;
  'sme-precheck:error': SmePrecheckErrorEvent;
}

/** The `<sme-precheck>` element (an `HTMLElement` with an open shadow root). */
export interface SmePrecheckElement extends HTMLElement {
  addEventListener<K extends keyof SmePrecheckEventMap>(
    type: K,
    listener: (this: SmePrecheckElement, ev: SmePrecheckEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: SmePrecheckElement, ev: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SmePrecheckEventMap>(
    type: K,
    listener: (this: SmePrecheckElement, ev: SmePrecheckEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: SmePrecheckElement, ev: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'sme-precheck': SmePrecheckElement;
  }
  // The events bubble and are composed: typed on every element, the document and the window.
  interface HTMLElementEventMap extends SmePrecheckEventMap {}
  interface DocumentEventMap extends SmePrecheckEventMap {}
  interface WindowEventMap extends SmePrecheckEventMap {}
}
