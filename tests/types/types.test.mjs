// The package as a consumer sees it, without a browser (against dist/), for
// both entries — `sme-precheck` (the widget loader: ready() and the outbox)
// and `sme-precheck/api` (the pre-check, survey and record API):
// - the entry exports exactly the functions and classes its .d.ts declares,
//   and every public export of its wasm-bindgen glue;
// - each declared function and SurveySession method takes the parameters the
//   glue's generated declarations give it: the same maximum count, and no
//   more required ones;
// - using the API before `ready()` throws an Error that says so; `ready()`
//   without an argument reads the .wasm next to the module in Node;
// - `require()` and `require.resolve` work (the exports map has a `default`
//   condition; Node ≥ 20.19 loads the ES modules synchronously);
// - `tsc --noEmit` over dom.ts + app.tsx (React 19 JSX) and `vue-tsc` over
//   App.vue, whose `@ts-expect-error` lines must each fail.
//
//   npm run build && node --test tests/types/

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const DIST = path.join(ROOT, 'dist');
const BIN = path.join(ROOT, 'node_modules/.bin');

/** The two entries: module, its declarations, the glue's generated ones, glue exports that are not API. */
const ENTRIES = [
  {
    name: 'sme-precheck',
    module: 'sme-precheck.js',
    dts: 'sme-precheck.d.ts',
    glue: 'sme_precheck_wasm.d.ts',
    // used by the loader itself or by its build, or run on instantiation (the start function)
    internal: ['__wbg_init', 'initSync', 'resume_on_load', 'define_element', 'mount', 'unmount', 'attributeChanged', 'savedStateKey', 'languageTags'],
  },
  {
    name: 'sme-precheck/api',
    module: 'api/sme-precheck-api.js',
    dts: 'api/sme-precheck-api.d.ts',
    glue: 'api/sme_precheck_api.d.ts',
    // the entry's own plumbing: the profile and the result cross through
    // reused buffers of the module (UTF-8 in, UTF-16 out)
    internal: ['__wbg_init', 'initSync', 'evaluateJsonUtf16', 'evaluateJsonUtf16Input', 'profileInput', 'utf16Result'],
  },
];

for (const e of ENTRIES) {
  if (!existsSync(path.join(DIST, e.glue))) throw new Error(`dist/${e.glue} not found: run \`npm run build\``);
}

/**
 * Exported functions and classes of a declaration file: name → parameter
 * counts `{ min, max }`; a class maps `new` and each method the same way.
 */
function declarations(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const arity = (params) => ({
    min: params.filter((p) => !p.questionToken && !p.initializer && !p.dotDotDotToken).length,
    max: params.length,
  });
  const exported = (node) => node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const out = new Map();
  for (const node of source.statements) {
    if (ts.isFunctionDeclaration(node) && exported(node) && node.name) {
      out.set(node.name.text, arity(node.parameters));
    } else if (ts.isClassDeclaration(node) && exported(node) && node.name) {
      const members = {};
      for (const m of node.members) {
        if (ts.isConstructorDeclaration(m)) members.new = arity(m.parameters);
        else if (ts.isMethodDeclaration(m) && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) {
          members[m.name.getText(source)] = arity(m.parameters);
        }
      }
      out.set(node.name.text, members);
    }
  }
  return out;
}

test('the API used before ready() throws an Error that says to await ready()', async () => {
  // Fresh module instances: the URL's query makes them different modules.
  const widget = await import(`${pathToFileURL(path.join(DIST, 'sme-precheck.js')).href}?before-ready`);
  assert.throws(() => widget.pendingCount(), /^Error: sme-precheck: pendingCount\(\) was used before the WebAssembly module was instantiated; `await ready\(\)` first/);
  const api = await import(`${pathToFileURL(path.join(DIST, 'api/sme-precheck-api.js')).href}?before-ready`);
  assert.throws(() => api.version(), /sme-precheck\/api: version\(\) was used before the WebAssembly module was instantiated; `await ready\(\)` first/);
  assert.throws(() => api.evaluate({}), /evaluate\(\) was used before .*await ready\(\)/);
  assert.throws(() => new api.SurveySession('default'), /new SurveySession\(\) was used before .*await ready\(\)/);
  // Without an argument, in Node: the .wasm next to the module, read from disk.
  await Promise.all([widget.ready(), api.ready()]);
  assert.equal(widget.pendingCount(), 0);
  assert.equal(api.version(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  const session = new api.SurveySession('default');
  assert.ok(session instanceof api.SurveySession);
  assert.equal(typeof session.pageId(), 'string');
  assert.equal(api.ready(), api.ready(), 'one instantiation');
});

for (const entry of ENTRIES) {
  const published = declarations(path.join(DIST, entry.dts));
  const generated = declarations(path.join(DIST, entry.glue));
  for (const name of entry.internal) generated.delete(name);

  test(`${entry.name}: exports exactly what its .d.ts declares and every public glue export`, async () => {
    const mod = await import(pathToFileURL(path.join(DIST, entry.module)).href);
    assert.deepEqual(Object.keys(mod).sort(), [...published.keys()].sort(), `exports of ${entry.module} = declarations of ${entry.dts}`);
    assert.deepEqual(
      [...generated.keys()].filter((name) => !published.has(name)),
      [],
      `exported by the wasm but missing from ${entry.module} and ${entry.dts}`,
    );
  });

  test(`${entry.name}: every declared function takes the parameters the generated glue declarations give it`, () => {
    const problems = [];
    const compare = (what, mine, glue) => {
      if (mine.max !== glue.max) problems.push(`${what}: ${mine.max} parameters declared, the glue takes ${glue.max}`);
      if (mine.min > glue.min) problems.push(`${what}: ${mine.min} required, the glue requires ${glue.min}`);
    };
    for (const [name, glue] of generated) {
      const mine = published.get(name);
      if (!mine) continue; // reported by the test above
      if ('max' in glue) {
        compare(`${name}()`, mine, glue);
      } else {
        for (const [member, g] of Object.entries(glue)) {
          if (member === 'free' || member.startsWith('[')) continue;
          if (!(member in mine)) problems.push(`${name}.${member}: not declared`);
          else compare(`${name}.${member}`, mine[member], g);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('CommonJS: require.resolve and require load the ES module entries', () => {
  const require = createRequire(path.join(ROOT, 'tests/types/cjs.cjs'));
  assert.equal(require.resolve('sme-precheck'), path.join(DIST, 'sme-precheck.js'));
  assert.equal(require.resolve('sme-precheck/api'), path.join(DIST, 'api/sme-precheck-api.js'));
  const out = execFileSync(
    process.execPath,
    ['-e', "const p = require('sme-precheck/api'); p.ready().then(() => console.log(p.version(), typeof require('sme-precheck').ready))"],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  assert.match(out, /^\d+\.\d+\.\d+ function\n$/);
});

/** Runs a type checker; its diagnostics become the failure message. */
function typeCheck(bin, config) {
  try {
    execFileSync(path.join(BIN, bin), ['-p', path.join(HERE, config)], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    throw new Error(`${bin} -p tests/types/${config} failed:\n${error.stdout}${error.stderr}`);
  }
}

test('tsc: the DOM and React 19 JSX typings (dom.ts, app.tsx)', () => typeCheck('tsc', 'tsconfig.json'));

test('vue-tsc: the Vue template typings (App.vue)', () => typeCheck('vue-tsc', 'tsconfig.vue.json'));

test('the loader excerpt in docs/widget.md is verbatim in the loader source the build minifies', () => {
  const docs = readFileSync(path.join(ROOT, 'docs/widget.md'), 'utf8');
  const at = docs.indexOf('The element part of the loader, verbatim');
  assert.ok(at > 0, 'docs/widget.md shows the element part of the loader');
  const excerpt = /```js\n([\s\S]*?)```/.exec(docs.slice(at))[1];
  const source = readFileSync(path.join(ROOT, 'www/sme-precheck.js'), 'utf8');
  assert.ok(excerpt.split('\n').length > 10, 'a real excerpt');
  assert.ok(source.includes(excerpt), 'the excerpt differs from www/sme-precheck.js');
});
