/**
 * After `tsc`, bundles dist/main.js and what it imports from node_modules into one CommonJS file,
 * dist/bundle/server/main.cjs, which bin/tributary.js starts (issue 21, start-up). Loading some 2,300
 * small modules (TypeBox alone is 680 files, Kysely 260) cost about two thirds of a start, in reading,
 * resolving, linking and compiling each one. One CommonJS file, rather than ES modules split into chunks,
 * is what a code cache can hold whole: Node 22 and later cache it themselves, and on Node 20
 * bin/load-with-code-cache.js does. What start-up does not need (the other commands, the webhook client,
 * file-type) is in the file but still runs only when used: esbuild keeps each dynamically imported module
 * behind a function called on its first import.
 *
 * Left outside the bundle, and loaded from node_modules as before: better-sqlite3 (a native addon, which
 * the checkpoint thread also resolves by name), the PostgreSQL driver and the AWS SDK (loaded only when
 * configured, and large), and undici (imported only when a webhook is sent or the toolkit's client
 * runs): a start reads every byte of the bundle, used or not.
 *
 * The bundle is made pure ASCII. One character outside it (a `…` in a comment or a template) makes V8
 * hold the whole 6 MB source as a two-byte string, which cost a start ~60 ms in reading and decoding.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const outdir = 'dist/bundle/server';
// A previous build's files (the chunks of the ES module bundle it once was) would pile up.
await rm(outdir, { recursive: true, force: true });

await build({
  entryPoints: ['dist/main.js'],
  // Two folders below dist/, as dist/http/web/web-interface.js is: it finds web/ three folders above
  // itself (`new URL('../../../web/', import.meta.url)`), and so does its bundled copy.
  outfile: `${outdir}/main.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  external: ['better-sqlite3', 'pg', 'pg-native', '@aws-sdk/*', '@smithy/*', 'undici'],
  // Node 20 loads the bundle through vm.Script with a code cache, and a script compiled from a cache
  // loses its dynamic import() (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). An import() of a package left
  // outside becomes require(): each of them has a CommonJS entry; the ES-module-only ones (file-type)
  // stay inside, where esbuild resolves their imports itself.
  supported: { 'dynamic-import': false },
  // CommonJS has no import.meta: each module's URL becomes the bundle's, which sits where they expect.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// esbuild escapes what it can, but not comments, regular expressions or tagged templates. A \u escape
// means the same character in all of those, except in a template's raw strings, which none of the
// bundled code reads (String.raw or `.raw`): checked, so that a dependency that starts to is noticed.
const bundle = `${outdir}/main.cjs`;
const source = await readFile(bundle, 'utf8');
if (/String\.raw|\.raw\s*\[/.test(source)) throw new Error(`${bundle} reads a template's raw strings`);
const unicodeEscape = (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
await writeFile(bundle, source.replace(/[\u0080-\uffff]/g, unicodeEscape));
