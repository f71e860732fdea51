// The package's JS API in Node, against dist/: shapes, money as strings,
// errors as JS Errors carrying the core's message, survey session and
// anonymized record building. Fixture-driven equality with the native core
// is in precheck.test.mjs and survey.test.mjs.
//
//   npm run build && node --test tests/wasm/api.test.mjs

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadPackage } from './load.mjs';

/** A profile using every documented field (money as strings). */
export const PROFILE = {
  monthsOperating: 30,
  industry: 'software',
  employees: 25,
  annualRevenue: '8000000',
  taxPaidLast24Months: '400000',
  taxCreditRating: 'B',
  legalRepAge: 42,
  overdueCurrent: false,
  overduesLast12Months: 0,
  overduesLast24Months: 0,
  nonPerforming: false,
  creditInquiriesLast6Months: 1,
  abnormalOperation: false,
  dishonestExecutee: false,
  consumptionRestricted: false,
  tags: ['high_tech'],
  existingBusinessLoans: '500000',
  requestedAmount: '1000000',
  termMonths: 12,
  collateral: 'none',
  lifecycleStage: 'growth',
  province: '44',
};

const OUTCOMES = new Set([
  'pre_qualified',
  'pre_qualified_with_review',
  'needs_collateral',
  'needs_collateral_or_lower_amount',
  'refer_to_branch',
  'not_eligible',
  'not_small_or_micro',
]);
const PRODUCT_IDS = [
  'jingying_kuaidai',
  'wangdaitong',
  'digital_supply_chain',
  'settlement_loan',
  'tax_loan',
  'payroll_loan',
  'customs_trade_loan',
  'electricity_loan',
  'logistics_loan',
  'regional_example',
];
const MONEY = /^-?\d+(\.\d+)?$/;

let sp;
before(async () => {
  sp = await loadPackage();
});

/** Every value under `value` that is a JS number, with its path. */
function numbersIn(value, path = '$', out = []) {
  if (typeof value === 'number') out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => numbersIn(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) numbersIn(v, `${path}.${k}`, out);
  }
  return out;
}

describe('evaluate', () => {
  test('returns one result per default product with known outcomes', () => {
    const result = sp.evaluate(PROFILE);
    assert.deepEqual(
      result.products.map((p) => p.id),
      PRODUCT_IDS,
    );
    for (const product of result.products) {
      assert.ok(OUTCOMES.has(product.outcome), `${product.id}: ${product.outcome}`);
      assert.ok(Array.isArray(product.reasons));
      assert.ok(Array.isArray(product.changes));
      for (const r of [...product.reasons, ...product.changes]) {
        assert.equal(typeof r.code, 'string');
        assert.equal(typeof r.message, 'string');
      }
    }
    assert.equal(result.lang, 'zh-Hans');
    assert.ok(['micro', 'small', 'medium', 'large'].includes(result.sizeClass));
    assert.equal(typeof result.notice, 'string');
  });

  test('money and rates are decimal strings, never JS numbers', () => {
    const result = sp.evaluate(PROFILE);
    for (const product of result.products) {
      for (const range of [product.limit, product.rate]) {
        if (range === null) continue;
        assert.match(range.low, MONEY);
        assert.match(range.high, MONEY);
      }
    }
    assert.match(result.lpr, MONEY);
    // Counts may be numbers; no money-looking key may be one.
    const moneyKeys = /amount|principal|interest|payment|total|low|high|lpr|balance/i;
    const offenders = numbersIn(result).filter((p) => moneyKeys.test(p.split('.').pop()));
    assert.deepEqual(offenders, []);
  });

  test('evaluate is JSON.parse(evaluateJson) for objects and JSON strings alike', () => {
    const text = sp.evaluateJson(PROFILE);
    assert.equal(typeof text, 'string');
    assert.deepEqual(sp.evaluate(PROFILE), JSON.parse(text));
    assert.equal(sp.evaluateJson(JSON.stringify(PROFILE)), text);
    assert.equal(sp.evaluateJson(PROFILE, null, 'zh-Hans'), text);
    assert.equal(sp.evaluateJson(PROFILE, undefined, undefined, false), text);
  });

  test('languages: zh-Hans default, zh-Hant and en differ only in texts', () => {
    const zh = sp.evaluate(PROFILE);
    const hant = sp.evaluate(PROFILE, null, 'zh-Hant');
    const en = sp.evaluate(PROFILE, null, 'en');
    assert.equal(hant.lang, 'zh-Hant');
    assert.equal(en.lang, 'en');
    assert.notEqual(en.notice, zh.notice);
    assert.deepEqual(
      en.products.map((p) => [p.id, p.outcome, p.limit, p.rate, p.reasons.map((r) => r.code)]),
      zh.products.map((p) => [p.id, p.outcome, p.limit, p.rate, p.reasons.map((r) => r.code)]),
    );
    assert.deepEqual(sp.languages(), ['zh-Hans', 'zh-Hant', 'en']);
  });

  test('summary leaves out schedules but keeps the same outcomes', () => {
    const full = sp.evaluateJson(PROFILE);
    const summary = sp.evaluateJson(PROFILE, null, 'en', true);
    assert.ok(summary.length < full.length, 'summary is shorter');
    assert.deepEqual(
      JSON.parse(summary).products.map((p) => p.outcome),
      JSON.parse(full).products.map((p) => p.outcome),
    );
  });

  test('bad input throws an Error naming the field', () => {
    const cases = [
      [{ ...PROFILE, legalRepAge: 300 }, /legalRepAge/],
      [{ ...PROFILE, annualRevenue: 8000000 }, /annualRevenue/],
      [{ ...PROFILE, annualRevenue: '-5' }, /annualRevenue/],
      [{ ...PROFILE, termMonths: -1 }, /termMonths/],
      [{ ...PROFILE, surprise: true }, /surprise/],
      ['{"monthsOperating": ', /./],
    ];
    for (const [profile, message] of cases) {
      assert.throws(
        () => sp.evaluate(profile),
        (error) => error instanceof Error && message.test(error.message),
        `expected an Error matching ${message} for ${JSON.stringify(profile).slice(0, 60)}`,
      );
    }
    assert.throws(() => sp.evaluate(PROFILE, null, 'fr'), /unknown language/);
    assert.throws(() => sp.evaluate(undefined), /profile/);
  });
});

describe('money and catalogue', () => {
  test('parseMoney accepts what a visitor types', () => {
    assert.equal(sp.parseMoney('2,000,000'), '2000000');
    assert.equal(sp.parseMoney('200万'), '2000000');
    assert.equal(sp.parseMoney('1.5亿'), '150000000');
    assert.equal(sp.parseMoney('2000000.50'), '2000000.5');
    assert.throws(() => sp.parseMoney('abc'), Error);
  });

  test('the default catalogue round-trips and validates', () => {
    const catalogue = sp.defaultCatalogue();
    assert.equal(typeof catalogue, 'object');
    sp.validateCatalogue(catalogue);
    assert.deepEqual(sp.evaluate(PROFILE, catalogue), sp.evaluate(PROFILE));
  });

  test('a broken catalogue throws, naming the JSON path', () => {
    const wrongType = { ...sp.defaultCatalogue(), products: 5 };
    assert.throws(() => sp.validateCatalogue(wrongType), (e) => e instanceof Error && /^products: /.test(e.message));
    const noCap = sp.defaultCatalogue();
    delete noCap.products[2].caps;
    assert.throws(() => sp.validateCatalogue(noCap), (e) => e instanceof Error && /products\[2\]/.test(e.message));
    assert.throws(() => sp.validateCatalogue('{"products": 5}'), (e) => e instanceof Error && /missing field `version`/.test(e.message));
    assert.throws(() => sp.evaluate(PROFILE, '{'), Error);
  });
});

describe('survey', () => {
  const answers = {
    stage: 'growth',
    industry: 'ai',
    needFinancing: true,
    amount: '2000000',
    term: 'y1_3',
    purpose: 'rd',
    urgency: 'm1_3',
    products: ['jingying_kuaidai', 'tax_loan'],
    enablement: ['policy_briefing'],
    channels: ['online'],
    satisfaction: 4,
    comment: 'ACME secret text',
  };

  test('surveyRun over the default survey: complete answers', () => {
    const run = sp.surveyRun('default', answers, 'en');
    assert.equal(run.complete, true, JSON.stringify(run.errors));
    assert.deepEqual(run.errors, []);
    assert.ok(run.visible.includes('amount'));
    assert.ok(Array.isArray(run.recommendations));
    assert.deepEqual(JSON.parse(sp.surveyRunJson(undefined, JSON.stringify(answers), 'en')), run);
  });

  test('surveyRun: conditions hide questions and missing answers are errors', () => {
    const run = sp.surveyRun('default', { stage: 'startup', needFinancing: false }, 'en');
    assert.equal(run.complete, false);
    assert.ok(!run.visible.includes('amount'), 'amount is hidden without a financing need');
    assert.ok(run.errors.some((e) => e.question === 'industry'));
  });

  test('SurveySession pages, state and resume', () => {
    const session = new sp.SurveySession('default');
    const first = session.pageId();
    assert.equal(session.next(), false, 'cannot leave a page with errors');
    session.setAnswer('stage', 'growth');
    session.setAnswer('industry', 'ai');
    session.setAnswer('needFinancing', true);
    assert.equal(session.next(), true);
    assert.notEqual(session.pageId(), first);
    assert.ok(session.pageQuestions().includes('amount'));
    const state = session.state();
    const resumed = new sp.SurveySession('default', state);
    assert.equal(resumed.pageId(), session.pageId());
    assert.deepEqual(resumed.answers(), session.answers());
    assert.equal(resumed.previous(), true);
    assert.equal(resumed.pageId(), first);
    session.setAnswer('needFinancing', false);
    assert.ok(!session.visible().includes('amount'));
    assert.throws(() => session.setAnswer('nope', 1), /nope/);
    const progress = session.progress();
    assert.ok(progress.answered <= progress.visible);
  });

  test('a broken survey definition throws, naming the path', () => {
    assert.throws(() => sp.validateSurvey('{"id": "x"}'), Error);
    assert.throws(() => new sp.SurveySession('default', '{"v": 999}'), /state/);
  });
});

describe('anonymized record', () => {
  const answers = {
    stage: 'growth',
    industry: 'ai',
    needFinancing: true,
    amount: '12345678.91',
    term: 'y1_3',
    purpose: 'rd',
    urgency: 'm1_3',
    products: ['jingying_kuaidai'],
    channels: ['online'],
    comment: 'ACME Robotics 91440300MA5F000001 13800138000',
  };

  test('buildRecord gives a valid record without any raw input', () => {
    const result = sp.evaluate({ ...PROFILE, annualRevenue: '12345678.91' });
    const record = sp.buildRecord('bank-site', answers, { ...PROFILE, annualRevenue: '12345678.91' }, result);
    assert.equal(record.v, 1);
    assert.equal(record.partner, 'bank-site');
    assert.equal(record.survey, 'default@2');
    assert.match(record.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(record.week, /^\d{4}-W\d{2}$/);
    sp.validateRecord(record);
    sp.validateRecord(JSON.stringify(record), 'default');
    const text = JSON.stringify(record);
    for (const sentinel of ['12345678', 'ACME', '91440300MA5F000001', '13800138000', '8000000']) {
      assert.ok(!text.includes(sentinel), `record contains ${sentinel}`);
    }
    for (const value of Object.values(record.fields)) assert.equal(typeof value, 'string');
  });

  test('records are randomized: ids differ, fields vary across many builds', () => {
    const ids = new Set();
    const stages = new Set();
    for (let i = 0; i < 200; i++) {
      const record = sp.buildRecord('bank-site', answers);
      ids.add(record.id);
      stages.add(record.fields.stage);
    }
    assert.equal(ids.size, 200);
    assert.ok(stages.size > 1, 'randomized response changes some values');
  });

  test('validateRecord rejects tampering; buildRecord rejects a bad partner', () => {
    const record = sp.buildRecord('bank-site', answers);
    assert.throws(() => sp.validateRecord({ ...record, fields: { ...record.fields, extra: 'x' } }), /extra/);
    assert.throws(() => sp.validateRecord({ ...record, fields: { ...record.fields, stage: 'unicorn' } }), /stage/);
    assert.throws(() => sp.buildRecord('<script>', answers), /partner/);
    assert.throws(() => sp.buildRecord('bank-site', { stage: 'unicorn' }), /stage/);
  });
});

describe('public types', () => {
  test('dist/sme-precheck.d.ts and dist/api/sme-precheck-api.d.ts declare exactly the public exports', async () => {
    const { readFileSync } = await import('node:fs');
    const { DIST } = await import('./load.mjs');
    // The widget entry's declarations and the API entry's, together.
    const dts = readFileSync(`${DIST}/sme-precheck.d.ts`, 'utf8') + readFileSync(`${DIST}/api/sme-precheck-api.d.ts`, 'utf8');
    const declared = new Set([...dts.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]));
    // Called by the loader or by wasm-bindgen itself, not part of the API.
    const internal = new Set(['define_element', 'mount', 'unmount', 'attributeChanged', 'initSync', 'resume_on_load']);
    // The JS API entry (dist/api/) and the widget loader (the outbox calls) together.
    const { pathToFileURL } = await import('node:url');
    const widget = await import(pathToFileURL(`${DIST}/sme-precheck.js`).href);
    const all = { ...widget, ...sp };
    const exported = Object.keys(all).filter((k) => !internal.has(k));
    assert.deepEqual(exported.filter((k) => !declared.has(k)), [], 'exported but not declared');
    assert.deepEqual([...declared].filter((k) => !(k in all)), [], 'declared but not exported');
  });
});
