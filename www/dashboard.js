// Staff dashboard: reads /v1/stats with the admin bearer token and draws, per
// field, horizontal bars of the de-biased shares with 95 % interval whiskers
// (SVG built here, no chart library); suppressed slices are marked, not drawn.
// The trend panel reads /v1/trends for one field value and draws its share
// week by week with the 95 % interval as a band, one line per partner or
// survey version when asked; weeks with too few records are marked with ×
// and left out of the line. Filters: partner and week range; languages
// zh-Hans (default), zh-Hant and en (field and value labels come from the
// server in the chosen language). Refreshes every 5 seconds so the page
// fills as submissions arrive. No inline style anywhere (strict CSP).

const SVG = 'http://www.w3.org/2000/svg';
const REFRESH_MS = 5000;

const TEXT = {
  'zh-Hans': {
    title: '需求反馈看板', token: '管理令牌', partner: '合作方', allPartners: '全部合作方',
    from: '起始周', to: '截止周', apply: '查询', export: '导出 CSV',
    method: '份额经随机响应去偏（f̂ = (c/n − q)/(p − q)）并保证各选项份额非负、合计为 100%；横线与阴影为 95% 置信区间；样本量低于阈值的切片不予显示。',
    records: '记录数', partners: '合作方数', weeks: '周数', minCount: '显示阈值',
    suppressed: (n, min) => `样本不足（n = ${n} < ${min}），已隐藏`,
    n: (n, eps) => `n = ${n} · ε = ${eps}`,
    needToken: '请输入管理令牌。', loading: '加载中…', updated: (t) => `已更新 ${t}`,
    unauthorized: '令牌无效（401）。', failed: (s) => `加载失败：${s}`,
    crossTab: '交叉表', empty: '暂无数据。',
    trendTitle: '长期趋势', field: '问题', value: '选项', by: '对比',
    byTotal: '合计', byPartner: '按合作方', bySurvey: '按问卷版本', byField: '按选项对比', exportTrend: '导出趋势 CSV',
    trendAria: (f, v) => `${f}：“${v}”的份额按周变化`,
    band: '阴影：95% 置信区间', gap: (min) => `×：该周记录少于 ${min} 条，未绘制`,
    week: '周', share: '份额', interval: '95% 区间', noTrend: '所选范围内暂无数据。',
    tooFew: (n) => `样本不足（n = ${n}）`,
  },
  'zh-Hant': {
    title: '需求反饋看板', token: '管理令牌', partner: '合作方', allPartners: '全部合作方',
    from: '起始週', to: '截止週', apply: '查詢', export: '導出 CSV',
    method: '份額經隨機響應去偏（f̂ = (c/n − q)/(p − q)）並保證各選項份額非負、合計為 100%；橫線與陰影為 95% 置信區間；樣本量低於閾值的切片不予顯示。',
    records: '記錄數', partners: '合作方數', weeks: '週數', minCount: '顯示閾值',
    suppressed: (n, min) => `樣本不足（n = ${n} < ${min}），已隱藏`,
    n: (n, eps) => `n = ${n} · ε = ${eps}`,
    needToken: '請輸入管理令牌。', loading: '加載中…', updated: (t) => `已更新 ${t}`,
    unauthorized: '令牌無效（401）。', failed: (s) => `加載失敗：${s}`,
    crossTab: '交叉表', empty: '暫無數據。',
    trendTitle: '長期趨勢', field: '問題', value: '選項', by: '對比',
    byTotal: '合計', byPartner: '按合作方', bySurvey: '按問卷版本', byField: '按選項對比', exportTrend: '導出趨勢 CSV',
    trendAria: (f, v) => `${f}：“${v}”的份額按週變化`,
    band: '陰影：95% 置信區間', gap: (min) => `×：該週記錄少於 ${min} 條，未繪製`,
    week: '週', share: '份額', interval: '95% 區間', noTrend: '所選範圍內暫無數據。',
    tooFew: (n) => `樣本不足（n = ${n}）`,
  },
  en: {
    title: 'Demand feedback dashboard', token: 'Admin token', partner: 'Partner', allPartners: 'All partners',
    from: 'From week', to: 'To week', apply: 'Apply', export: 'Export CSV',
    method: 'Shares are de-biased for randomized response (f̂ = (c/n − q)/(p − q)) and made consistent (no negative share, 100 % in total); whiskers and bands are 95 % intervals; slices below the minimum count are hidden.',
    records: 'Records', partners: 'Partners', weeks: 'Weeks', minCount: 'Minimum count',
    suppressed: (n, min) => `Too few records (n = ${n} < ${min}): suppressed`,
    n: (n, eps) => `n = ${n} · ε = ${eps}`,
    needToken: 'Enter the admin token.', loading: 'Loading…', updated: (t) => `Updated ${t}`,
    unauthorized: 'The token was refused (401).', failed: (s) => `Could not load: ${s}`,
    crossTab: 'Cross-tab', empty: 'No data yet.',
    trendTitle: 'Long-term trend', field: 'Question', value: 'Value', by: 'Compare',
    byTotal: 'Total', byPartner: 'By partner', bySurvey: 'By survey version', byField: 'Options side by side', exportTrend: 'Export trend CSV',
    trendAria: (f, v) => `${f}: weekly share of “${v}”`,
    band: 'Band: 95 % interval', gap: (min) => `×: fewer than ${min} records that week, not drawn`,
    week: 'Week', share: 'Share', interval: '95 % interval', noTrend: 'No data in the selected range.',
    tooFew: (n) => `Too few records (n = ${n})`,
  },
};
const LANGS = Object.keys(TEXT);

let lang = LANGS.includes(localStorage.getItem('precheck.dashboard.lang')) ? localStorage.getItem('precheck.dashboard.lang') : 'zh-Hans';
let timer = null;
let lastStats = null;
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

// ---- Long-term trend ------------------------------------------------------

// Keeps the field and value pickers in step with the fields of /v1/stats
// (labels in the current language), preserving the current choice.
function renderTrendPickers(s) {
  const fieldSel = $('trend-field');
  const keep = fieldSel.value || (s.fields.find((f) => f.values.some((v) => v.value === 'yes')) ?? s.fields[0])?.field;
  fieldSel.replaceChildren(...s.fields.map((f) => html('option', { value: f.field }, f.label)));
  if (keep && s.fields.some((f) => f.field === keep)) fieldSel.value = keep;
  renderValuePicker(s);
}

function renderValuePicker(s) {
  const f = s.fields.find((x) => x.field === $('trend-field').value);
  const valueSel = $('trend-value');
  const keep = valueSel.value;
  valueSel.replaceChildren(...(f?.values ?? []).map((v) => html('option', { value: v.value }, v.label)));
  if (f?.values.some((v) => v.value === keep)) valueSel.value = keep;
  else if (f?.values.some((v) => v.value === 'yes')) valueSel.value = 'yes';
}

// The fields of one line each: with "options side by side", every option of
// the chosen field's question (`channel.*`); otherwise the chosen field.
function trendFields() {
  const field = $('trend-field').value;
  const dot = field.indexOf('.');
  if ($('trend-by').value !== 'field' || dot < 0 || !lastStats) return field;
  const prefix = field.slice(0, dot + 1);
  return lastStats.fields.filter((f) => f.field.startsWith(prefix)).map((f) => f.field).join(',');
}

function trendQuery(withLang = true) {
  const p = new URLSearchParams(query(withLang));
  p.set('field', trendFields());
  p.set('value', $('trend-value').value);
  p.set('by', $('trend-by').value);
  return p.toString();
}

// The trend as SVG: per series a band (95 % interval) and a line through
// the weekly shares, broken where a week has too few records (marked ×).
function trendChart(tr) {
  const W = 340, H = 210, left = 36, right = 14, top = 10, bottom = 34;
  const weeks = tr.weeks;
  const nW = weeks.length;
  const x = (i) => left + (nW <= 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (nW - 1));
  const shown = tr.series.flatMap((s) => s.points.filter((p) => !p.suppressed));
  const top95 = Math.max(0.1, ...shown.map((p) => p.high));
  const yMax = Math.min(1, Math.ceil(top95 * 10) / 10);
  const y = (v) => top + (1 - v / yMax) * (H - top - bottom);
  const svg = el('svg', {
    class: 'trend-chart', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': t('trendAria', tr.fieldLabel, tr.valueLabel),
  });
  for (const g of [0, yMax / 2, yMax]) {
    svg.append(el('line', { class: 'grid', x1: left, x2: W - right, y1: y(g), y2: y(g) }));
    svg.append(el('text', { class: 'axis', x: left - 4, y: y(g) + 4, 'text-anchor': 'end' }, `${Math.round(g * 100)}%`));
  }
  const step = Math.max(1, Math.ceil(nW / 6));
  weeks.forEach((w, i) => {
    // Every step-th week and the last, unless the last would crowd the one before.
    if (i !== nW - 1 ? i % step !== 0 : (nW - 1) % step !== 0 && (nW - 1) % step <= step / 2) return;
    svg.append(el('line', { class: 'tick', x1: x(i), x2: x(i), y1: H - bottom, y2: H - bottom + 4 }));
    const anchor = i === nW - 1 && nW > 1 ? 'end' : i === 0 && nW > 1 ? 'start' : 'middle';
    svg.append(el('text', { class: 'axis', x: x(i), y: H - bottom + 16, 'text-anchor': anchor }, w.slice(5)));
  });
  tr.series.forEach((s, si) => {
    const g = el('g', { class: `series s${si % 6}`, 'data-series': s.key });
    // Runs of consecutive drawn weeks.
    const runs = [];
    let run = [];
    s.points.forEach((p, i) => {
      if (p.suppressed) {
        if (run.length) runs.push(run);
        run = [];
        const mark = el('text', { class: 'gap', x: x(i), y: H - bottom - 3, 'text-anchor': 'middle', 'data-week': p.week }, '×');
        mark.append(el('title', {}, `${s.label} · ${p.week}: ${t('tooFew', p.n)}`));
        g.append(mark);
      } else {
        run.push([i, p]);
      }
    });
    if (run.length) runs.push(run);
    for (const r of runs) {
      const upper = r.map(([i, p]) => `${x(i).toFixed(1)},${y(p.high).toFixed(1)}`);
      const lower = r.slice().reverse().map(([i, p]) => `${x(i).toFixed(1)},${y(p.low).toFixed(1)}`);
      if (r.length > 1) {
        g.append(el('polygon', { class: 'band', points: [...upper, ...lower].join(' ') }));
        g.append(el('polyline', { class: 'line', points: r.map(([i, p]) => `${x(i).toFixed(1)},${y(p.share).toFixed(1)}`).join(' ') }));
      } else {
        const [i, p] = r[0];
        g.append(el('line', { class: 'whisker', x1: x(i), x2: x(i), y1: y(p.low), y2: y(p.high) }));
      }
      for (const [i, p] of r) {
        const dot = el('circle', { class: 'dot', cx: x(i), cy: y(p.share), r: 2.5, 'data-week': p.week });
        dot.append(el('title', {}, `${s.label} · ${p.week}: ${pct(p.share)} [${pct(p.low)}, ${pct(p.high)}], n = ${p.n}`));
        g.append(dot);
      }
    }
    svg.append(g);
  });
  return svg;
}

// The same figures as a table (screen readers, copying).
function trendTable(tr) {
  const details = html('details', { class: 'trend-table' });
  details.append(html('summary', {}, `${t('week')} · ${t('share')} · ${t('interval')}`));
  const table = html('table', { class: 'xt' });
  const head = html('tr');
  head.append(html('th', { scope: 'col' }, t('week')));
  for (const s of tr.series) head.append(html('th', { scope: 'col' }, s.label));
  table.append(head);
  tr.weeks.forEach((w, i) => {
    const row = html('tr');
    row.append(html('th', { scope: 'row' }, w));
    for (const s of tr.series) {
      const p = s.points[i];
      row.append(p.suppressed
        ? html('td', { class: 'suppressed' }, t('tooFew', p.n))
        : html('td', {}, `${pct(p.share)} [${pct(p.low)}, ${pct(p.high)}] · n = ${p.n}`));
    }
    table.append(row);
  });
  details.append(table);
  return details;
}

function renderTrend(tr) {
  const box = $('trend-chart');
  box.replaceChildren();
  if (!tr.weeks.length) {
    box.append(html('p', { class: 'status' }, t('noTrend')));
    return;
  }
  box.append(html('p', { class: 'meta' }, `${tr.fieldLabel} · ${tr.valueLabel} · ${tr.weeks[0]} – ${tr.weeks[tr.weeks.length - 1]}`));
  box.append(trendChart(tr));
  const legend = html('ul', { class: 'legend' });
  tr.series.forEach((s, si) => {
    const item = html('li', { class: `s${si % 6}` });
    item.append(html('span', { class: 'swatch', 'aria-hidden': 'true' }), document.createTextNode(s.label));
    legend.append(item);
  });
  legend.append(html('li', { class: 'note' }, t('band')));
  legend.append(html('li', { class: 'note' }, t('gap', tr.minCount)));
  box.append(legend, trendTable(tr));
}

// Answers can arrive out of order when the pickers change quickly: only the
// answer to the latest question is drawn.
let trendAsked = 0;

async function loadTrend() {
  if (!$('trend-field').value || !$('trend-value').value) return;
  const asked = ++trendAsked;
  const res = await fetchAuthed(`/v1/trends?${trendQuery()}`);
  const tr = await res.json();
  if (asked === trendAsked) renderTrend(tr);
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
    lastStats = s;
    renderTrendPickers(s);
    await loadTrend();
    status(t('updated', new Date().toLocaleTimeString(lang)));
  } catch (e) {
    status(e.message, true);
  }
}

async function download(path, filename) {
  try {
    const res = await fetchAuthed(path);
    const url = URL.createObjectURL(await res.blob());
    const a = html('a', { href: url, download: filename });
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
  if (LANGS.includes(params.get('lang'))) lang = params.get('lang');
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
  $('export').addEventListener('click', () => download(`/v1/export.csv?${query()}`, 'precheck-feedback.csv'));
  $('trend-export').addEventListener('click', () => download(`/v1/trends.csv?${trendQuery(false)}`, 'precheck-trends.csv'));
  $('trend-field').addEventListener('change', () => {
    if (lastStats) renderValuePicker(lastStats);
    loadTrend().catch((e) => status(e.message, true));
  });
  for (const id of ['trend-value', 'trend-by']) {
    $(id).addEventListener('change', () => loadTrend().catch((e) => status(e.message, true)));
  }
  if ($('token').value) {
    sessionStorage.setItem('precheck.dashboard.token', $('token').value.trim());
    load();
  } else {
    status(t('needToken'));
  }
  schedule();
});
