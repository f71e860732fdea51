// Loads the built package's JS API from dist/ in Node, the way a consumer
// would: the `sme-precheck/api` entry (dist/api/sme-precheck-api.js) with
// the .wasm bytes handed to `ready()`.

import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** dist/ directory under test (override with SME_DIST). */
export const DIST = path.resolve(process.env.SME_DIST ?? path.join(ROOT, 'dist'));

/** The package's JS API module, initialised. */
export async function loadPackage() {
  const entry = path.join(DIST, 'api/sme-precheck-api.js');
  if (!existsSync(entry)) {
    throw new Error(`${entry} not found: run \`npm run build\` first`);
  }
  const mod = await import(pathToFileURL(entry).href);
  await mod.ready(readFileSync(path.join(DIST, 'api/sme_precheck_api_bg.wasm')));
  return mod;
}
