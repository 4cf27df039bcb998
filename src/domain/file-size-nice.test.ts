import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { niceFileSize } from './file-size-nice.ts';

describe('niceFileSize', () => {
  it('prints the Extender example, 10342 bytes, as 10 kB', () => {
    assert.equal(niceFileSize(10342), '10 kB');
  });

  it('prints a kB with one decimal up to 1 KiB, as Confluence does', () => {
    assert.equal(niceFileSize(0), '0.0 kB');
    assert.equal(niceFileSize(512), '0.5 kB');
    assert.equal(niceFileSize(1024), '1.0 kB');
  });

  it('rounds to whole kB up to 1 MiB and prints MB with two decimals above', () => {
    assert.equal(niceFileSize(2048), '2 kB');
    assert.equal(niceFileSize(1024 * 1024), '1024 kB');
    assert.equal(niceFileSize(Math.round(1.2 * 1024 * 1024)), '1.20 MB');
    assert.equal(niceFileSize(2048 * 1024 * 1024), '2,048.00 MB');
  });
});
