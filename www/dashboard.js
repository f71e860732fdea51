// Staff dashboard: reads /v1/stats with the admin bearer token and draws, per
// field, horizontal bars of the de-biased shares with 95 % interval whiskers
// (SVG built here, no chart library); suppressed slices are marked, not drawn.
// Filters: partner and week range; languages zh-Hans (default) and en.
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

// Display names of the pre-check fields and values; anything else shows its id.
const LABELS = {
  'zh-Hans': {
    outcomeClass: '预审结果', revenueBand: '营业收入区间', industryGroup: '行业', regionGroup: '地区', sizeClass: '企业规模',
    pre_qualified: '预审通过', pre_qualified_with_review: '通过待复核', needs_collateral: '需担保/抵押',
    needs_collateral_or_lower_amount: '需担保或降额', refer_to_branch: '转网点', not_eligible: '不符合条件',
    not_small_or_micro: '非小微', none: '未填', micro: '微型', small: '小型', medium: '中型', large: '大型',
  },
  en: {
    outcomeClass: 'Pre-check outcome', revenueBand: 'Revenue band', industryGroup: 'Industry', regionGroup: 'Region', sizeClass: 'Size class',
    pre_qualified: 'Pre-qualified', pre_qualified_with_review: 'Pre-qualified, review', needs_collateral: 'Needs collateral',
    needs_collateral_or_lower_amount: 'Collateral or lower amount', refer_to_branch: 'Refer to branch', not_eligible: 'Not eligible',
    not_small_or_micro: 'Not small/micro', none: 'Not given', micro: 'Micro', small: 'Small', medium: 'Medium', large: 'Large',
  },
};

let lang = localStorage.getItem('precheck.dashboard.lang') === 'en' ? 'en' : 'zh-Hans';
let timer = null;
const $ = (id) => document.getElementById(id);
const t = (key, ...args) => {
  const v = TEXT[lang][key];
  return typeof v === 'function' ? v(...args) : v;
};
const label = (id) => LABELS[lang][id] ?? id;
const pct = (x) => `${(x * 100).toFixed(1)}%`;

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = `SME PreCheck · ${t('title')}`;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const b of document.querySelectorAll('.lang button')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  }
}

function query() {
  const p = new URLSearchParams();
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

// One horizontal bar per value: the share as a bar, the 95 % interval as a
// whisker with caps, the figures as text.
function barChart(title, rows, suppressedText) {
  const rowH = 22, labelW = 150, barW = 170, textW = 110, top = 4;
  const width = labelW + barW + textW;
  const height = top + rows.length * rowH + 4;
  const svg = el('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  const x = (v) => labelW + Math.max(0, Math.min(1, v)) * barW;
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    svg.append(el('text', { class: 'label', x: 0, y: y + 15 }, r.label));
    svg.append(el('rect', { class: 'track', x: labelW, y: y + 4, width: barW, height: 14 }));
    if (suppressedText) {
      svg.append(el('rect', { class: 'hatch', x: labelW, y: y + 4, width: barW, height: 14, 'data-suppressed': 'true' }));
      return;
    }
    svg.append(el('rect', { class: 'bar', x: labelW, y: y + 4, width: x(r.share) - labelW, height: 14 }));
    const lo = x(r.low), hi = x(r.high), mid = y + 11;
    svg.append(el('line', { class: 'whisker', x1: lo, x2: hi, y1: mid, y2: mid }));
    svg.append(el('line', { class: 'whisker', x1: lo, x2: lo, y1: mid - 5, y2: mid + 5 }));
    svg.append(el('line', { class: 'whisker', x1: hi, x2: hi, y1: mid - 5, y2: mid + 5 }));
    svg.append(el('text', { class: 'value', x: labelW + barW + 6, y: y + 15 },
      `${pct(r.share)} [${pct(Math.max(0, r.low))}, ${pct(Math.min(1, r.high))}]`));
  });
  if (suppressedText) {
    svg.append(el('text', { class: 'suppressed-text', x: labelW + 4, y: height / 2 + 4 }, suppressedText));
  }
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
    card.append(html('h2', {}, label(f.field)));
    card.append(html('p', { class: 'meta' }, t('n', f.n, f.epsilon)));
    const rows = f.values.map((v) => ({ label: label(v.value), share: v.share, low: v.low, high: v.high }));
    card.append(barChart(label(f.field), rows, f.suppressed ? t('suppressed', f.n, s.minCount) : null));
    box.append(card);
  }
}

function renderCrossTabs(s) {
  const box = $('crosstabs');
  box.replaceChildren();
  for (const x of s.crossTabs) {
    const card = html('article', { class: `card${x.suppressed ? ' suppressed' : ''}`, 'data-crosstab': `${x.fieldA}×${x.fieldB}`, 'data-suppressed': String(x.suppressed) });
    card.append(html('h2', {}, `${t('crossTab')}: ${label(x.fieldA)} × ${label(x.fieldB)}`));
    card.append(html('p', { class: 'meta' }, `n = ${x.n}`));
    if (x.suppressed) {
      card.append(html('p', { class: 'suppressed-text' }, t('suppressed', x.n, s.minCount)));
      box.append(card);
      continue;
    }
    const as = [...new Set(x.cells.map((c) => c.valueA))];
    const bs = [...new Set(x.cells.map((c) => c.valueB))];
    const table = html('table', { class: 'xt' });
    const head = html('tr');
    head.append(html('th', { scope: 'col' }, ''));
    for (const b of bs) head.append(html('th', { scope: 'col' }, label(b)));
    table.append(head);
    for (const a of as) {
      const tr = html('tr');
      tr.append(html('th', { scope: 'row' }, label(a)));
      for (const b of bs) {
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
    const res = await fetchAuthed(`/v1/stats?${query()}`);
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
