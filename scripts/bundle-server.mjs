/**
 * After `tsc`, bundles dist/main.js and what it imports from node_modules into dist/bundle/server/, which
 * bin/tributary.js starts (issue 21, start-up). Node 20 has no compile cache, and loading some 2,300
 * small modules (TypeBox alone is 680 files, Kysely 260) cost about two thirds of a start, in reading,
 * resolving, linking and compiling each one; the bundle is a few dozen files. Dynamic imports stay split
 * into chunks of their own, so what start-up does not need (the other commands, the webhook client,
 * file-type) still loads only when used.
 *
 * Left outside the bundle, and loaded from node_modules as before: better-sqlite3 (a native addon, which
 * the checkpoint thread also resolves by name), and the PostgreSQL driver and the AWS SDK (loaded only
 * when configured, and large).
 */
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

const outdir = 'dist/bundle/server';
// Chunk names change with their content: a previous build's chunks would pile up.
await rm(outdir, { recursive: true, force: true });

await build({
  entryPoints: ['dist/main.js'],
  // Two folders below dist/, as dist/http/web/web-interface.js is: it finds web/ three folders above
  // itself (`new URL('../../../web/', import.meta.url)`), and so does its bundled copy.
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  external: ['better-sqlite3', 'pg', 'pg-native', '@aws-sdk/*', '@smithy/*'],
  // Bundled CommonJS packages call require() for Node's own modules; an ES module has none of its own.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
