// Pre-check of the whole default catalogue for one profile
// (tests/fixtures/precheck/profiles/growth_software.json, the profile of the
// native criterion bench) through the wasm build in Node, side by side with
// json-rules-engine running 12 rules over the same facts in the same process,
// and with the native figures of the same entry point.
//
//   npm run build && node benches/wasm/evaluate.mjs
//
// json-rules-engine comes from benches/node/ (`npm install --prefix
// benches/node`, done by scripts/bench.sh); the row is skipped when absent.
// Native: criterion's estimates.json under $CARGO_TARGET_DIR/criterion (or
// CRITERION_DIR), written by `cargo bench --bench precheck`.
//
// Method: 2,000 warm-up calls each, then 31 rounds; in every round each
// variant runs one sample of N calls (N sized to ≈ 10 ms), so the variants
// see the same machine load. Per variant: the median wall time per call,
// min–max, and the median process CPU time per call (process.cpuUsage,
// user + system), which is the better measure on a shared machine.
// Writes the figures as JSON to $BENCH_OUT/evaluate.json when BENCH_OUT is set.
//
// A/B: SME_DIST_BASE=<another dist> adds that build's summary call as one
// more interleaved variant, and prints the ratio of the two.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.resolve(process.env.SME_DIST ?? path.join(ROOT, 'dist'));
const PROFILE_TEXT = readFileSync(path.join(ROOT, 'tests/fixtures/precheck/profiles/growth_software.json'), 'utf8');
const PROFILE = JSON.parse(PROFILE_TEXT);
const ROUNDS = 31;

/** The JS API: its own entry under dist/api/ when built that way, else the package entry. */
async function loadApi(dist = DIST) {
  const api = path.join(dist, 'api/sme-precheck-api.js');
  if (existsSync(api)) {
    const mod = await import(pathToFileURL(api).href);
    await mod.ready(readFileSync(path.join(dist, 'api/sme_precheck_api_bg.wasm')));
    return { mod, entry: 'dist/api/sme-precheck-api.js' };
  }
  const mod = await import(pathToFileURL(path.join(dist, 'sme-precheck.js')).href);
  await mod.ready(readFileSync(path.join(dist, 'sme_precheck_wasm_bg.wasm')));
  return { mod, entry: 'dist/sme-precheck.js' };
}

/**
 * 12 json-rules-engine rules over the same profile: the eligibility checks a
 * rule engine would express for this catalogue (age band, months operating,
 * overdues, non-performing, inquiries, abnormal operation, dishonest
 * executee, consumption restriction, tax rating, revenue, requested amount
 * within the credit cap, term). Facts are the profile object itself.
 */
function rulesEngine() {
  const require = createRequire(path.join(ROOT, 'benches/node/package.json'));
  let Engine;
  try {
    ({ Engine } = require('json-rules-engine'));
  } catch {
    return null;
  }
  const rule = (name, all) => ({ name, conditions: { all }, event: { type: name } });
  const fact = (f, operator, value) => ({ fact: f, operator, value });
  const engine = new Engine(
    [
      rule('age_min', [fact('legalRepAge', 'greaterThanInclusive', 18)]),
      rule('age_max', [fact('legalRepAge', 'lessThanInclusive', 65)]),
      rule('months_operating', [fact('monthsOperating', 'greaterThanInclusive', 12)]),
      rule('no_current_overdue', [fact('overdueCurrent', 'equal', false)]),
      rule('overdues_12m', [fact('overduesLast12Months', 'lessThanInclusive', 0)]),
      rule('overdues_24m', [fact('overduesLast24Months', 'lessThanInclusive', 1)]),
      rule('not_non_performing', [fact('nonPerforming', 'equal', false)]),
      rule('inquiries', [fact('creditInquiriesLast6Months', 'lessThan', 6)]),
      rule('clean_record', [
        fact('abnormalOperation', 'equal', false),
        fact('dishonestExecutee', 'equal', false),
        fact('consumptionRestricted', 'equal', false),
      ]),
      rule('tax_rating', [fact('taxCreditRating', 'notIn', ['C', 'D'])]),
      rule('amount_within_cap', [{ fact: 'requestedAmountNumber', operator: 'lessThanInclusive', value: 3_000_000 }]),
      rule('term', [fact('termMonths', 'lessThanInclusive', 36), fact('termMonths', 'greaterThanInclusive', 1)]),
    ],
    { allowUndefinedFacts: true },
  );
  return engine;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A variant: a name and a sync or async call. */
async function calibrate(fn) {
  for (let i = 0; i < 2_000; i++) await fn();
  let n = 1;
  for (;;) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    if (Number(process.hrtime.bigint() - t) > 10e6) return n;
    n *= 2;
  }
}

async function sample(fn, n, isAsync) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  if (isAsync) for (let i = 0; i < n; i++) await fn();
  else for (let i = 0; i < n; i++) fn();
  const ns = Number(process.hrtime.bigint() - t0);
  const c = process.cpuUsage(c0);
  return { wall: ns / n / 1e3, cpu: (c.user + c.system) / n };
}

/** Runs the variants round-robin; returns per-variant medians (µs per call). */
async function benchAll(variants) {
  for (const v of variants) v.n = await calibrate(v.fn);
  for (const v of variants) v.samples = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const v of variants) v.samples.push(await sample(v.fn, v.n, v.async));
  }
  return variants.map((v) => {
    const wall = v.samples.map((s) => s.wall);
    return {
      key: v.key,
      name: v.name,
      calls: v.n * ROUNDS,
      median: median(wall),
      min: Math.min(...wall),
      max: Math.max(...wall),
      cpu: median(v.samples.map((s) => s.cpu)),
    };
  });
}

/** Native medians (µs) from criterion's output, when present. */
function native(group, id) {
  const dir = process.env.CRITERION_DIR ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'criterion');
  const file = path.join(dir, group, id.replaceAll('/', '_'), 'new/estimates.json');
  if (!existsSync(file)) return null;
  const e = JSON.parse(readFileSync(file, 'utf8'));
  return e.median.point_estimate / 1e3;
}

async function main() {
  const { mod: sp, entry } = await loadApi();
  // The summary call must really evaluate: check it once.
  const once = JSON.parse(sp.evaluateJson(PROFILE_TEXT, null, undefined, true));
  const products = sp.defaultCatalogue().products.length;
  if (!Array.isArray(once.products) || once.products.length !== products) throw new Error('unexpected evaluateJson result');

  const variants = [
    { key: 'summary', name: 'evaluateJson(profile text, summary) → JSON text', fn: () => sp.evaluateJson(PROFILE_TEXT, null, undefined, true), native: 'evaluate_json/summary_only' },
    { key: 'full', name: 'evaluateJson(profile text) → JSON text, full schedules', fn: () => sp.evaluateJson(PROFILE_TEXT), native: 'evaluate_json/with_schedules' },
    { key: 'object_summary', name: 'evaluate(profile object, summary) → object', fn: () => sp.evaluate(PROFILE, null, undefined, true) },
  ];
  if (process.env.SME_DIST_BASE) {
    const { mod: base } = await loadApi(path.resolve(process.env.SME_DIST_BASE));
    if (base.evaluateJson(PROFILE_TEXT, null, undefined, true) !== sp.evaluateJson(PROFILE_TEXT, null, undefined, true)) {
      throw new Error('SME_DIST_BASE: the two builds give different results');
    }
    variants.push({ key: 'base', name: `evaluateJson(profile text, summary), SME_DIST_BASE`, fn: () => base.evaluateJson(PROFILE_TEXT, null, undefined, true) });
  }
  const engine = rulesEngine();
  if (engine) {
    const facts = { ...PROFILE, requestedAmountNumber: Number(PROFILE.requestedAmount) };
    const check = await engine.run(facts);
    if (check.events.length + check.failureEvents.length !== 12) throw new Error('json-rules-engine: expected 12 rules to run');
    variants.push({ key: 'jre', name: 'json-rules-engine 7.3: `engine.run(facts)`, 12 rules', fn: () => engine.run(facts), async: true });
  } else {
    console.error('json-rules-engine not installed (npm install --prefix benches/node): its row is skipped');
  }

  const rows = await benchAll(variants);
  const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
  const fmt = (x) => (x === null || x === undefined ? '—' : x.toFixed(1));
  console.log(`Node ${process.version}, wasm from ${entry}; ${ROUNDS} rounds, variants interleaved; µs per call`);
  console.log('| call | median µs | min–max µs | CPU µs | native, same entry point: wall / CPU µs |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const v = variants.find((x) => x.key === r.key);
    const nat = v.native ? `${fmt(native('precheck', v.native))} / ${fmt(native('precheck_cpu', v.native))}` : '—';
    console.log(`| ${r.name} | **${fmt(r.median)}** | ${fmt(r.min)}–${fmt(r.max)} | ${fmt(r.cpu)} | ${nat} |`);
  }
  const s = byKey.summary;
  const result = {
    entry,
    node: process.version,
    rows,
    wasmSummaryMedian: s.median,
    wasmSummaryCpu: s.cpu,
    jreMedian: byKey.jre?.median ?? null,
    jreCpu: byKey.jre?.cpu ?? null,
    nativeSummaryWall: native('precheck', 'evaluate_json/summary_only'),
    nativeSummaryCpu: native('precheck_cpu', 'evaluate_json/summary_only'),
  };
  result.ratioJreCpu = result.jreCpu ? s.cpu / result.jreCpu : null;
  result.ratioJreWall = result.jreMedian ? s.median / result.jreMedian : null;
  result.ratioNativeCpu = result.nativeSummaryCpu ? s.cpu / result.nativeSummaryCpu : null;
  result.ratioNativeWall = result.nativeSummaryWall ? s.median / result.nativeSummaryWall : null;
  console.log(
    `summary pre-check: ${fmt(s.median)} µs median (${fmt(s.cpu)} µs CPU); ` +
      `vs json-rules-engine ${result.ratioJreCpu?.toFixed(2) ?? '—'}× (CPU), ${result.ratioJreWall?.toFixed(2) ?? '—'}× (wall); ` +
      `vs native ${result.ratioNativeCpu?.toFixed(2) ?? '—'}× (CPU), ${result.ratioNativeWall?.toFixed(2) ?? '—'}× (wall)`,
  );
  if (byKey.base) {
    console.log(`summary vs SME_DIST_BASE: ${(s.cpu / byKey.base.cpu).toFixed(2)}× (CPU), ${(s.median / byKey.base.median).toFixed(2)}× (wall)`);
  }
  if (process.env.BENCH_OUT) {
    mkdirSync(process.env.BENCH_OUT, { recursive: true });
    writeFileSync(path.join(process.env.BENCH_OUT, 'evaluate.json'), JSON.stringify(result, null, 2));
  }
}

await main();
