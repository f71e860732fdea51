// The shared survey fixtures (tests/fixtures/survey/) against the wasm build
// in Node, exactly as tests/survey_fixtures.rs runs them natively:
// - every `<dir>/*.json` case with `answers` + `expected` (the `survey-run`
//   JSON) → `surveyRun(survey, answers, lang)` must deep-equal `expected`;
// - every case with `definition` + `error` → `validateSurvey(definition)`
//   must throw an Error whose message is exactly `error`.
// Data-driven: new fixture files are picked up without touching this file.
//
//   npm run build && node --test tests/wasm/survey.test.mjs

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { loadPackage, ROOT } from './load.mjs';

const FIXTURES = path.join(ROOT, 'tests/fixtures/survey');

/** Every *.json under dir (sorted, recursive), as [relative path, parsed]. */
function cases(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json')) out.push([path.relative(FIXTURES, full), JSON.parse(readFileSync(full, 'utf8'))]);
    }
  };
  walk(dir);
  return out;
}

/** A fixture's `survey`: "default" or a definition file next to the fixtures. */
function surveyArg(name) {
  if (name === undefined || name === 'default') return 'default';
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

const all = cases(FIXTURES);
const runs = all.filter(([, c]) => c && typeof c === 'object' && 'answers' in c && 'expected' in c);
const invalid = all.filter(([, c]) => c && typeof c === 'object' && 'definition' in c && 'error' in c);

let sp;
before(async () => {
  sp = await loadPackage();
});

describe('survey fixtures: runs', () => {
  test('there are run fixtures', () => assert.ok(runs.length > 0, `no run fixtures under ${FIXTURES}`));
  for (const [name, c] of runs) {
    test(name, () => {
      const got = sp.surveyRun(surveyArg(c.survey), c.answers, c.lang);
      assert.deepStrictEqual(got, c.expected);
      // The JSON text is the native serialization of the same value.
      assert.deepStrictEqual(JSON.parse(sp.surveyRunJson(surveyArg(c.survey), JSON.stringify(c.answers), c.lang)), c.expected);
    });
  }
});

describe('survey fixtures: invalid definitions', () => {
  test('there are invalid-definition fixtures', () => assert.ok(invalid.length > 0));
  for (const [name, c] of invalid) {
    test(name, () => {
      assert.throws(
        () => sp.validateSurvey(c.definition),
        (error) => {
          assert.ok(error instanceof Error, 'a JS Error');
          assert.equal(error.message, c.error);
          return true;
        },
      );
    });
  }
});
