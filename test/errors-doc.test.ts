import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ErrorCode, ErrorParams } from '../src/domain/errors.ts';
import { wordedBy } from '../src/http/common/error-wording.ts';
import { v1Wording } from '../src/http/v1/errors.ts';
import { errorsDocUrl, renderErrorsDoc } from './support/errors-doc.ts';

describe('the error catalogue', () => {
  it('is documented in docs/errors.md exactly as the code defines it', () => {
    assert.equal(
      readFileSync(errorsDocUrl, 'utf8'),
      renderErrorsDoc(),
      'docs/errors.md is stale: run node --import tsx test/support/write-errors-doc.ts',
    );
  });

  it('keeps the surfaces’ wording out of the domain, the services and the adapters', () => {
    const below = ['domain', 'services', 'adapters'].flatMap((folder) =>
      readdirSync(new URL(`../src/${folder}`, import.meta.url), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
        .map((file) => ({
          file: `src/${folder}/${file}`,
          text: readFileSync(new URL(`../src/${folder}/${file}`, import.meta.url), 'utf8'),
        })),
    );
    const sentinel = new Proxy({}, { get: () => '\u0000' }) as ErrorParams[ErrorCode];
    for (const code of Object.keys(v1Wording) as ErrorCode[]) {
      // The fixed words before the first parameter: what a copy of the phrase would contain.
      const phrase = wordedBy(v1Wording, code, sentinel)?.split('\u0000')[0] ?? '';
      const holders = below.filter(({ text }) => phrase.length > 8 && text.includes(phrase));
      assert.deepEqual(
        holders.map(({ file }) => file),
        [],
        `${code}: "${phrase}" is worded below the HTTP edge`,
      );
    }
  });
});
