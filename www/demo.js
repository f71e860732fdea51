// Demo pages' own script (no inline code anywhere, strict CSP).
// - Counts `securitypolicyviolation` events into #csp-count / #csp-violations.
// - Shows the `sme-precheck:completed` event (outcome class only).
// - On the VC portal: receives the iframe's postMessage events, checking the
//   sender's origin and window, resizes the iframe and logs each message.

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  violations.push(`${e.violatedDirective} ${e.blockedURI}`);
  const count = document.getElementById('csp-count');
  if (count) count.textContent = String(violations.length);
  const list = document.getElementById('csp-violations');
  if (list) {
    const li = document.createElement('li');
    li.textContent = `${e.violatedDirective}: ${e.blockedURI || '(inline)'}`;
    list.append(li);
  }
});

document.addEventListener('sme-precheck:completed', (e) => {
  const out = document.getElementById('demo-event');
  if (out) {
    out.textContent = `sme-precheck:completed — outcomeClass: ${e.detail?.outcomeClass}`;
    out.dataset.outcome = String(e.detail?.outcomeClass ?? '');
  }
});

const frame = document.getElementById('precheck-frame');
if (frame) {
  const frameOrigin = new URL(frame.src, location.href).origin;
  const log = document.getElementById('vc-messages');
  window.addEventListener('message', (e) => {
    if (e.origin !== frameOrigin || e.source !== frame.contentWindow) return;
    const m = e.data;
    if (!m || typeof m !== 'object' || m.source !== 'sme-precheck') return;
    // One entry per resize burst: update the last one instead of flooding.
    const last = log?.lastElementChild;
    const li = m.type === 'resize' && last?.dataset.type === 'resize' ? last : document.createElement('li');
    li.dataset.type = String(m.type);
    if (m.type === 'resize' && Number.isFinite(m.height)) {
      const h = Math.max(300, Math.min(5000, Math.round(m.height)));
      frame.height = String(h);
      li.textContent = `resize — ${h}px`;
    } else if (m.type === 'completed') {
      li.textContent = `completed — ${String(m.outcomeClass)}`;
      li.dataset.outcome = String(m.outcomeClass);
    } else if (m.type === 'ready') {
      li.textContent = 'ready';
    } else {
      return;
    }
    log?.append(li);
  });
}
