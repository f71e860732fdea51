// SME PreCheck iframe page (www/embed.html?partner=…&lang=…&theme=…&parentOrigin=…).
//
// Creates <sme-precheck> from the query parameters, then reports to the
// embedding page with window.parent.postMessage:
//   { source: 'sme-precheck', type: 'ready' }
//   { source: 'sme-precheck', type: 'resize', height }        (CSS pixels)
//   { source: 'sme-precheck', type: 'completed', outcomeClass } (never answers)
//   { source: 'sme-precheck', type: 'error', reason }          (instead of ready:
//     the widget could not start, e.g. reason 'wasm')
// Messages go only to ONE target origin: `parentOrigin` if it is on the
// allowlist (this page's own origin plus the origins listed in
// <meta name="sme-precheck-parent-origins">), else the embedding origin that
// the browser reports (location.ancestorOrigins) if allowlisted; otherwise
// nothing is posted at all. Never '*'.
// Inbound: only from that same origin and from window.parent;
//   { source: 'sme-precheck-host', type: 'set-lang', lang: 'zh-Hans'|'zh-Hant'|'en' }
// Everything else is ignored. See docs/widget.md.

const params = new URLSearchParams(location.search);
const allowed = new Set([location.origin]);
const meta = document.querySelector('meta[name="sme-precheck-parent-origins"]');
for (const o of (meta?.content ?? '').split(/\s+/)) {
  if (o) {
    try { allowed.add(new URL(o).origin); } catch { /* not an origin: skip */ }
  }
}

function pickTarget() {
  const candidates = [params.get('parentOrigin'), location.ancestorOrigins?.[0]];
  for (const c of candidates) {
    if (!c) continue;
    let origin;
    try { origin = new URL(c).origin; } catch { continue; }
    if (allowed.has(origin)) return origin;
  }
  return null;
}

const embedded = window.parent !== window;
const target = embedded ? pickTarget() : null;

function post(type, extra = {}) {
  if (target) window.parent.postMessage({ source: 'sme-precheck', type, ...extra }, target);
}

const LANGS = ['zh-Hans', 'zh-Hant', 'en'];
const el = document.createElement('sme-precheck');
const lang = params.get('lang');
if (LANGS.includes(lang)) {
  el.setAttribute('lang', lang);
  document.documentElement.lang = lang;
}
const partner = params.get('partner');
if (partner && /^[a-z0-9][a-z0-9._-]{0,63}$/i.test(partner)) el.setAttribute('partner', partner);
const theme = params.get('theme');
if (theme === 'light' || theme === 'dark') el.setAttribute('theme', theme);
el.dataset.testid = 'embed-widget';
document.getElementById('embed-root').append(el);

// Fired while the element is being defined, before whenDefined resolves.
let failure = null;
el.addEventListener('sme-precheck:error', (e) => {
  failure = String(e.detail?.reason ?? 'unknown');
});

el.addEventListener('sme-precheck:completed', (e) => {
  post('completed', { outcomeClass: String(e.detail?.outcomeClass ?? '') });
});

window.addEventListener('message', (e) => {
  if (!target || e.origin !== target || e.source !== window.parent) return;
  const m = e.data;
  if (!m || typeof m !== 'object' || m.source !== 'sme-precheck-host') return;
  if (m.type === 'set-lang' && LANGS.includes(m.lang)) el.setAttribute('lang', m.lang);
});

await import('./dist/sme-precheck.js');
await customElements.whenDefined('sme-precheck');
if (failure) post('error', { reason: failure });
else post('ready');

let lastHeight = 0;
const report = () => {
  // The content's own height (not the viewport's), so the frame can shrink.
  const h = Math.ceil(document.body.getBoundingClientRect().height);
  if (h !== lastHeight) {
    lastHeight = h;
    post('resize', { height: h });
  }
};
new ResizeObserver(report).observe(document.body);
report();
