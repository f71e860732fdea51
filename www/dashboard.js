// Staff dashboard: reads /v1/stats with the admin bearer token and draws, per
// field, horizontal bars of the de-biased shares with 95 % interval whiskers
// (SVG built here, no chart library); suppressed slices are marked, not drawn.
// Filters: partner and week range; languages zh-Hans (default) and en (field
// and value labels come from the server in the chosen language).
// Refreshes every 5 seconds so the page fills as submissions arrive.

const SVG = 'http://www.w3.org/2000/svg';
const REFRESH_MS = 5000;

const TEXT = {
  'zh-Hans': {
    title: '需求反馈看板', token: '管理令牌', partner: '合作方', allPartners: '全部合作方',
    from: '起始周', to: '截止周', apply: '查询', export: '导出 CSV',
    method: '份额经随机响应去偏（f̂ = (c/n − q)/(p − q)），横线为 95% 置信区间；样本量低于阈值的切片不予显示。',
    records: '记录数', partners: '合作方数', weeks: '周数', minCount: '显示阈值',
    suppressed: (n, min) => `样本不足（n = ${n} < ${min}），已隐藏`,
    n: (n, eps) => `n = ${n} · ε = ${eps}`,
    needToken: '请输入管理令牌。', loading: '加载中…', updated: (t) => `已更新 ${t}`,
    unauthorized: '令牌无效（401）。', failed: (s) => `加载失败：${s}`,
    crossTab: '交叉表', empty: '暂无数据。',
  },
  en: {
    title: 'Demand feedback dashboard', token: 'Admin token', partner: 'Partner', allPartners: 'All partners',
    from: 'From week', to: 'To week', apply: 'Apply', export: 'Export CSV',
    method: 'Shares are de-biased for randomized response (f̂ = (c/n − q)/(p − q)); whiskers are 95 % intervals; slices below the minimum count are hidden.',
    records: 'Records', partners: 'Partners', weeks: 'Weeks', minCount: 'Minimum count',
    suppressed: (n, min) => `Too few records (n = ${n} < ${min}): suppressed`,
    n: (n, eps) => `n = ${n} · ε = ${eps}`,
    needToken: 'Enter the admin token.', loading: 'Loading…', updated: (t) => `Updated ${t}`,
    unauthorized: 'The token was refused (401).', failed: (s) => `Could not load: ${s}`,
    crossTab: 'Cross-tab', empty: 'No data yet.',
  },
};

let lang = localStorage.getItem('precheck.dashboard.lang') === 'en' ? 'en' : 'zh-Hans';
let timer = null;
const $ = (id) => document.getElementById(id);
const t = (key, ...args) => {
  const v = TEXT[lang][key];
  return typeof v === 'function' ? v(...args) : v;
};
const pct = (x) => `${(x * 100).toFixed(1)}%`;

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = `SME PreCheck · ${t('title')}`;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const b of document.querySelectorAll('.lang button')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  }
}

function query(withLang = false) {
  const p = new URLSearchParams();
  if (withLang) p.set('lang', lang);
  for (const k of ['partner', 'from', 'to']) {
    const v = $(k).value.trim();
    if (v) p.set(k, v);
  }
  return p.toString();
}

async function fetchAuthed(path) {
  const token = $('token').value.trim();
  if (!token) throw new Error(t('needToken'));
  const res = await fetch(path, {
    headers: { Authorization: `Bearer ${token}` },
    credentials: 'omit',
    cache: 'no-store',
  });
  if (res.status === 401) throw new Error(t('unauthorized'));
  if (!res.ok) {
    let msg = `HTTP ${res.status}`;
    try { msg = (await res.json()).error.message; } catch { /* not JSON */ }
    throw new Error(t('failed', msg));
  }
  return res;
}

function status(text, isError = false) {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('error', isError);
}

function el(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function html(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// Shortens a label to about `units` Latin-character widths (CJK counts 2).
function fit(text, units) {
  let used = 0;
  let out = '';
  for (const ch of text) {
    used += ch.codePointAt(0) > 0x2e80 ? 2 : 1;
    if (used > units) return `${out}…`;
    out += ch;
  }
  return out;
}

// One horizontal bar per value: the share as a bar, the 95 % interval as a
// whisker with caps, the figures as text.
function barChart(title, rows, suppressedText) {
  const rowH = 22, labelW = 130, barW = 150, textW = 150, top = 4;
  const width = labelW + barW + textW;
  const height = top + rows.length * rowH + 4;
  const svg = el('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  const x = (v) => labelW + Math.max(0, Math.min(1, v)) * barW;
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const name = el('text', { class: 'label', x: 0, y: y + 15 }, fit(r.label, 22));
    name.append(el('title', {}, r.label));
    svg.append(name);
    svg.append(el('rect', { class: 'track', x: labelW, y: y + 4, width: barW, height: 14 }));
    if (suppressedText) {
      svg.append(el('rect', { class: 'hatch', x: labelW, y: y + 4, width: barW, height: 14 }));
      svg.append(el('text', { class: 'suppressed-text', x: labelW + barW + 6, y: y + 15 }, '—'));
      return;
    }
    svg.append(el('rect', { class: 'bar', x: labelW, y: y + 4, width: x(r.share) - labelW, height: 14 }));
    const lo = x(r.low), hi = x(r.high), mid = y + 11;
    svg.append(el('line', { class: 'whisker', x1: lo, x2: hi, y1: mid, y2: mid }));
    svg.append(el('line', { class: 'whisker', x1: lo, x2: lo, y1: mid - 5, y2: mid + 5 }));
    svg.append(el('line', { class: 'whisker', x1: hi, x2: hi, y1: mid - 5, y2: mid + 5 }));
    const figures = el('text', { class: 'value', x: labelW + barW + 6, y: y + 15 },
      `${pct(r.share)} [${pct(Math.max(0, r.low))}, ${pct(Math.min(1, r.high))}]`);
    figures.append(el('title', {}, `${r.label}: ${pct(r.share)}, 95% [${pct(r.low)}, ${pct(r.high)}]`));
    svg.append(figures);
  });
  return svg;
}

function renderSummary(s) {
  const box = $('summary');
  box.replaceChildren();
  for (const [k, v] of [['records', s.records], ['partners', s.partners.length], ['weeks', s.weeks.length], ['minCount', s.minCount]]) {
    const m = html('div', { class: 'metric', 'data-testid': `metric-${k}` });
    m.append(html('b', {}, String(v)), document.createTextNode(t(k)));
    box.append(m);
  }
}

function renderFilters(s) {
  const sel = $('partner');
  const current = sel.value;
  const known = new Set([...sel.options].map((o) => o.value));
  for (const p of s.partners) {
    if (!known.has(p)) sel.append(html('option', { value: p }, p));
  }
  sel.value = current;
}

function renderFields(s) {
  const box = $('charts');
  box.replaceChildren();
  if (s.records === 0) {
    box.append(html('p', { class: 'status' }, t('empty')));
  }
  for (const f of s.fields) {
    const card = html('article', { class: `card${f.suppressed ? ' suppressed' : ''}`, 'data-field': f.field, 'data-suppressed': String(f.suppressed) });
    card.append(html('h2', {}, f.label));
    card.append(html('p', { class: 'meta' }, t('n', f.n, f.epsilon)));
    if (f.suppressed) {
      card.append(html('p', { class: 'suppressed-text', 'data-testid': 'suppressed' }, t('suppressed', f.n, s.minCount)));
    }
    const rows = f.values.map((v) => ({ label: v.label, share: v.share, low: v.low, high: v.high }));
    card.append(barChart(f.label, rows, f.suppressed));
    box.append(card);
  }
}

function renderCrossTabs(s) {
  const box = $('crosstabs');
  box.replaceChildren();
  for (const x of s.crossTabs) {
    const card = html('article', { class: `card${x.suppressed ? ' suppressed' : ''}`, 'data-crosstab': `${x.fieldA}×${x.fieldB}`, 'data-suppressed': String(x.suppressed) });
    card.append(html('h2', {}, `${t('crossTab')}: ${x.labelA} × ${x.labelB}`));
    card.append(html('p', { class: 'meta' }, `n = ${x.n}`));
    if (x.suppressed) {
      card.append(html('p', { class: 'suppressed-text', 'data-testid': 'suppressed' }, t('suppressed', x.n, s.minCount)));
      box.append(card);
      continue;
    }
    const as = [...new Map(x.cells.map((c) => [c.valueA, c.labelA]))];
    const bs = [...new Map(x.cells.map((c) => [c.valueB, c.labelB]))];
    const table = html('table', { class: 'xt' });
    const head = html('tr');
    head.append(html('th', { scope: 'col' }, ''));
    for (const [, b] of bs) head.append(html('th', { scope: 'col' }, b));
    table.append(head);
    for (const [a, aLabel] of as) {
      const tr = html('tr');
      tr.append(html('th', { scope: 'row' }, aLabel));
      for (const [b] of bs) {
        const c = x.cells.find((cell) => cell.valueA === a && cell.valueB === b);
        tr.append(html('td', { title: `[${pct(Math.max(0, c.low))}, ${pct(Math.min(1, c.high))}]` }, pct(c.share)));
      }
      table.append(tr);
    }
    card.append(table);
    box.append(card);
  }
}

async function load() {
  if (!$('token').value.trim()) {
    status(t('needToken'));
    return;
  }
  try {
    const res = await fetchAuthed(`/v1/stats?${query(true)}`);
    const s = await res.json();
    renderSummary(s);
    renderFilters(s);
    renderFields(s);
    renderCrossTabs(s);
    status(t('updated', new Date().toLocaleTimeString(lang)));
  } catch (e) {
    status(e.message, true);
  }
}

async function exportCsv() {
  try {
    const res = await fetchAuthed(`/v1/export.csv?${query()}`);
    const url = URL.createObjectURL(await res.blob());
    const a = html('a', { href: url, download: 'precheck-feedback.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch (e) {
    status(e.message, true);
  }
}

function schedule() {
  clearInterval(timer);
  timer = setInterval(() => { if (!document.hidden) load(); }, REFRESH_MS);
}

document.addEventListener('DOMContentLoaded', () => {
  const params = new URLSearchParams(location.search);
  if (params.get('lang') === 'en' || params.get('lang') === 'zh-Hans') lang = params.get('lang');
  $('token').value = sessionStorage.getItem('precheck.dashboard.token') ?? '';
  // A token in the fragment (#token=…) is taken once and removed from the address bar.
  const frag = new URLSearchParams(location.hash.slice(1)).get('token');
  if (frag) {
    $('token').value = frag;
    history.replaceState(null, '', location.pathname + location.search);
  }
  applyLanguage();
  for (const b of document.querySelectorAll('.lang button')) {
    b.addEventListener('click', () => {
      lang = b.dataset.lang;
      localStorage.setItem('precheck.dashboard.lang', lang);
      applyLanguage();
      load();
    });
  }
  $('filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    sessionStorage.setItem('precheck.dashboard.token', $('token').value.trim());
    status(t('loading'));
    load();
  });
  $('export').addEventListener('click', exportCsv);
  if ($('token').value) {
    sessionStorage.setItem('precheck.dashboard.token', $('token').value.trim());
    load();
  } else {
    status(t('needToken'));
  }
  schedule();
});
