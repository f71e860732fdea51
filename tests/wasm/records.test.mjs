// The shared record fixtures (tests/fixtures/records/) against the wasm
// build in Node, as tests/anonymize_record.rs runs them natively:
// - `inputs/<name>.json` (seed, date, partner, profile|profileCase,
//   answers): `buildRecordSeeded` must rebuild `valid/<name>.json` exactly
//   (same randomized values, same UUID), so the randomized response in wasm
//   is the native one, bit for bit;
// - every `valid/*.json` validates;
// - `cases.json` (the server's bad-record table): `validateRecord` gives the
//   same error class (`error.code`) and HTTP status (`error.status`);
// - no sentinel of an input reaches its record.
//
//   npm run build && node --test tests/wasm/records.test.mjs

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { loadPackage, ROOT } from './load.mjs';

const FIXTURES = path.join(ROOT, 'tests/fixtures/records');
const json = (file) => JSON.parse(readFileSync(file, 'utf8'));
const list = (dir) =>
  existsSync(path.join(FIXTURES, dir))
    ? readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith('.json')).sort()
    : [];

/** Profile keys that identify a company; stripped before the pre-check, as natively. */
const IDENTITY_KEYS = ['companyName', 'creditCode', 'phone', 'contactName', 'address'];

let sp;
before(async () => {
  sp = await loadPackage();
});

describe('record fixtures: rebuilt from inputs', () => {
  test('there are input fixtures', () => assert.ok(list('inputs').length >= 4));
  for (const file of list('inputs')) {
    test(file, () => {
      const input = json(path.join(FIXTURES, 'inputs', file));
      let profile = input.profile;
      if (!profile && input.profileCase) {
        profile = json(path.join(ROOT, 'tests/fixtures/precheck/cases', `${input.profileCase}.profile.json`));
      }
      let result;
      if (profile) {
        const forPrecheck = { ...profile };
        for (const key of IDENTITY_KEYS) delete forPrecheck[key];
        result = sp.evaluate(forPrecheck, null, 'en');
      }
      const record = sp.buildRecordSeeded(input.seed, input.date, input.partner, input.answers, profile, result);
      const expectedText = readFileSync(path.join(FIXTURES, 'valid', file), 'utf8');
      assert.equal(JSON.stringify(record, null, 2) + '\n', expectedText, 'same record, byte for byte');
      sp.validateRecord(record);
      const sent = JSON.stringify(record);
      for (const sentinel of input.sentinels ?? []) {
        assert.ok(!sent.includes(sentinel), `record contains the sentinel ${sentinel}`);
      }
    });
  }
});

describe('record fixtures: stored records validate', () => {
  for (const file of list('valid')) {
    test(file, () => {
      sp.validateRecord(readFileSync(path.join(FIXTURES, 'valid', file), 'utf8'));
    });
  }
});

describe('record fixtures: the bad-record table', () => {
  const file = path.join(FIXTURES, 'cases.json');
  const cases = existsSync(file) ? json(file) : [];
  test('there are cases', () => assert.ok(cases.length > 0));
  for (const c of cases) {
    test(`${c.name}: ${c.code} (${c.status})`, () => {
      const body = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
      if (c.code === 'ok') {
        sp.validateRecord(body);
        return;
      }
      assert.throws(
        () => sp.validateRecord(body),
        (error) => {
          assert.ok(error instanceof Error);
          assert.equal(error.code, c.code, error.message);
          assert.equal(error.status, c.status);
          return true;
        },
      );
    });
  }
});
