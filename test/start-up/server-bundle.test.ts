import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bundle = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../dist/bundle/server/main.cjs',
);

describe('the server bundle that bin/tributary.js starts (scripts/bundle-server.mjs)', () => {
  // One character outside ASCII makes V8 hold the whole source as a two-byte string: slower to read.
  it('is pure ASCII', { skip: !existsSync(bundle) && 'needs npm run build' }, async () => {
    const source = await readFile(bundle);
    const outside = source.findIndex((byte) => byte > 0x7f);
    assert.equal(
      outside,
      -1,
      `a byte outside ASCII at ${outside}: …${source.subarray(outside - 40, outside + 20)}…`,
    );
  });

  // On Node 20 it is compiled from a code cache, and such a script has no import(): the launcher's server
  // would fail on the first use of anything it imports late (the PostgreSQL driver, a webhook's client).
  it('calls no dynamic import()', { skip: !existsSync(bundle) && 'needs npm run build' }, async () => {
    const calls = (await readFile(bundle, 'utf8'))
      .split('\n')
      .filter((line) => /(^|[^\w.{$])import\(/.test(line) && !/^\s*(\*|\/\/)/.test(line));
    assert.deepEqual(calls, []);
  });
});
