// Loads the built package from dist/ in Node, the way a consumer would: the
// ES module entry (dist/sme-precheck.js) with the .wasm bytes handed to
// `ready()` (Node's fetch cannot read file: URLs). No DOM, so the custom
// element is not defined; the JS API is.

import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** dist/ directory under test (override with SME_DIST). */
export const DIST = path.resolve(process.env.SME_DIST ?? path.join(ROOT, 'dist'));

/** The package's module, initialised. */
export async function loadPackage() {
  const entry = path.join(DIST, 'sme-precheck.js');
  if (!existsSync(entry)) {
    throw new Error(`${entry} not found: run \`npm run build\` first`);
  }
  const mod = await import(pathToFileURL(entry).href);
  await mod.ready(readFileSync(path.join(DIST, 'sme_precheck_wasm_bg.wasm')));
  return mod;
}
