// The shared pre-check fixtures (tests/fixtures/precheck/) against the wasm
// build in Node, the same files tests/precheck_fixtures.rs runs natively:
// - `index.json` `cases`: `{name, profile, catalogue|null, lang, expected}`
//   (paths relative to the fixture dir). The wasm's `evaluateJson` must be
//   byte-identical to the compact form of `expected`, and `evaluate` must
//   deep-equal it.
// - `invalid/index.json` `invalid`: `{name, profile, catalogue|null, lang,
//   hint, error}`: `evaluate` throws an Error whose message is exactly
//   `error` (and names `hint`).
// Optionally (PRECHECK_CLI_BIN=path/to/precheck) every case is also run
// through the native CLI and its stdout compared byte for byte.
//
//   npm run build && node --test tests/wasm/precheck.test.mjs

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { loadPackage, ROOT } from './load.mjs';

const FIXTURES = path.join(ROOT, 'tests/fixtures/precheck');
const read = (rel) => readFileSync(path.join(FIXTURES, rel), 'utf8');
const readIndex = (rel, key) => {
  const file = path.join(FIXTURES, rel);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8'))[key] ?? [] : [];
};

const cases = readIndex('index.json', 'cases');
const invalid = readIndex('invalid/index.json', 'invalid');
const cli = process.env.PRECHECK_CLI_BIN;

let sp;
before(async () => {
  sp = await loadPackage();
});

describe('pre-check fixtures: results', () => {
  test('at least 30 cases are listed', () => assert.ok(cases.length >= 30, `${cases.length} cases in index.json`));

  const outcomes = new Set();
  for (const c of cases) {
    test(c.name, () => {
      const profile = read(c.profile);
      const catalogue = c.catalogue ? read(c.catalogue) : null;
      const expectedText = JSON.stringify(JSON.parse(read(c.expected)));
      const got = sp.evaluateJson(profile, catalogue, c.lang);
      assert.equal(got, expectedText, 'evaluateJson is byte-identical to the native compact result');
      // The object API gives the same value, from objects as well as strings.
      const result = sp.evaluate(JSON.parse(profile), catalogue === null ? undefined : JSON.parse(catalogue), c.lang);
      assert.deepStrictEqual(result, JSON.parse(expectedText));
      for (const p of result.products) outcomes.add(p.outcome);
      if (cli) {
        const args = ['evaluate', path.join(FIXTURES, c.profile), '--lang', c.lang];
        if (c.catalogue) args.push('--catalogue', path.join(FIXTURES, c.catalogue));
        const stdout = execFileSync(cli, args, { encoding: 'utf8' });
        assert.equal(stdout.replace(/\n$/, ''), got, 'native CLI and wasm print the same bytes');
      }
    });
  }

  test('the cases cover every outcome', () => {
    const all = [
      'pre_qualified',
      'pre_qualified_with_review',
      'needs_collateral',
      'needs_collateral_or_lower_amount',
      'refer_to_branch',
      'not_eligible',
      'not_small_or_micro',
    ];
    assert.deepEqual(all.filter((o) => !outcomes.has(o)), []);
  });
});

describe('pre-check fixtures: invalid input', () => {
  test('there are invalid-input cases', () => assert.ok(invalid.length > 0));
  for (const c of invalid) {
    test(c.name, () => {
      const profile = read(c.profile);
      const catalogue = c.catalogue ? read(c.catalogue) : null;
      assert.throws(
        () => sp.evaluateJson(profile, catalogue, c.lang),
        (error) => {
          assert.ok(error instanceof Error, 'a JS Error');
          assert.equal(error.message, c.error);
          assert.ok(error.message.includes(c.hint), `names ${c.hint}`);
          return true;
        },
      );
    });
  }
});

// The loan officer's cases (tests/fixtures/precheck/officer/index.json): the
// hand-written answers, checked against the wasm result exactly as
// tests/precheck_officer.rs checks the native one; with PRECHECK_CLI_BIN the
// CLI must print the same bytes as the wasm API.
describe('pre-check: the loan officer cases', () => {
  const officer = readIndex('officer/index.json', 'cases');
  test('at least 15 officer cases', () => assert.ok(officer.length >= 15, `${officer.length} cases`));
  const codes = (notes) => (notes ?? []).map((n) => n.code);
  const subset = (want, got, at, errors) => {
    if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
      for (const [k, v] of Object.entries(want)) {
        if (got === null || typeof got !== 'object' || !(k in got)) errors.push(`${at}.${k}: missing`);
        else subset(v, got[k], `${at}.${k}`, errors);
      }
    } else if (JSON.stringify(want) !== JSON.stringify(got)) {
      errors.push(`${at}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  };
  for (const c of officer) {
    test(c.name, () => {
      const profile = read(`officer/${c.profile}`);
      const text = sp.evaluateJson(profile, null, c.lang);
      const result = JSON.parse(text);
      const errors = [];
      for (const p of result.products) {
        for (const n of [...p.reasons, ...p.changes]) {
          for (const bad of c.forbidden) if (n.message.includes(bad)) errors.push(`${p.id}: ${n.message} contains ${bad}`);
        }
      }
      for (const [id, want] of Object.entries(c.expect)) {
        const got = result.products.find((p) => p.id === id);
        if (!got) {
          errors.push(`no product ${id}`);
          continue;
        }
        if (want.outcome && got.outcome !== want.outcome) errors.push(`${id}: outcome ${got.outcome}, officer ${want.outcome}`);
        for (const key of ['limit', 'rate']) {
          if (want[key] && (got[key]?.low !== want[key][0] || got[key]?.high !== want[key][1])) {
            errors.push(`${id}: ${key} ${JSON.stringify(got[key])}, officer ${want[key].join(' – ')}`);
          }
        }
        const reasons = codes(got.reasons);
        const changes = codes(got.changes);
        for (const code of want.reasons ?? []) if (!reasons.includes(code)) errors.push(`${id}: no reason ${code}`);
        for (const code of want.changes ?? []) if (!changes.includes(code)) errors.push(`${id}: no change ${code}`);
        for (const code of want.notReasons ?? []) if (reasons.includes(code)) errors.push(`${id}: reason ${code} should not be there`);
        for (const [code, texts] of Object.entries(want.messages ?? {})) {
          const mine = [...got.reasons, ...got.changes].filter((n) => n.code === code).map((n) => n.message);
          for (const t of texts) if (!mine.some((m) => m.includes(t))) errors.push(`${id}: no ${code} message contains ${t}`);
        }
        for (const key of ['referral', 'repayment']) if (want[key]) subset(want[key], got[key], `${id}.${key}`, errors);
      }
      assert.deepEqual(errors, []);
      if (cli) {
        const stdout = execFileSync(cli, ['evaluate', path.join(FIXTURES, 'officer', c.profile), '--lang', c.lang], {
          encoding: 'utf8',
        });
        assert.equal(stdout.replace(/\n$/, ''), text, 'native CLI and wasm print the same bytes');
      }
    });
  }
});
