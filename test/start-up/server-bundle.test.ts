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
});
