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
