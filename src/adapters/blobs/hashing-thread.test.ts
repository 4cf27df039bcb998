import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { HashingThread } from './hashing-thread.ts';

const shared = (bytes: Buffer) => {
  const buffer = Buffer.from(new SharedArrayBuffer(bytes.length));
  bytes.copy(buffer);
  return buffer;
};
const sha256Of = (...parts: Buffer[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

describe('hashing thread', () => {
  it('keeps interleaved sessions apart and hashes only the given length of each buffer', async () => {
    const thread = new HashingThread();
    const [a1, a2, b1] = [randomBytes(1000), randomBytes(500), randomBytes(700)];
    const a = thread.open();
    const b = thread.open();
    await Promise.all([a.update(shared(a1), 1000), b.update(shared(b1), 300), a.update(shared(a2), 500)]);
    assert.equal(await a.digest(), sha256Of(a1, a2));
    assert.equal(await b.digest(), sha256Of(b1.subarray(0, 300)));
  });

  it('digests an empty session, and refuses a session once it is discarded or digested', async () => {
    const thread = new HashingThread();
    const empty = thread.open();
    assert.equal(await empty.digest(), sha256Of());
    await assert.rejects(empty.update(shared(randomBytes(4)), 4), /closed/);
    const dropped = thread.open();
    const pending = dropped.update(shared(randomBytes(4)), 4);
    dropped.discard();
    await assert.rejects(pending, /closed/);
    await assert.rejects(dropped.digest(), /closed/);
  });

  it('stops its worker after a while without sessions, and starts another for the next', async () => {
    const thread = new HashingThread({ idleMs: 10 });
    const before = randomBytes(64);
    const first = thread.open();
    await first.update(shared(before), 64);
    assert.equal(await first.digest(), sha256Of(before));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = randomBytes(64);
    const second = thread.open();
    await second.update(shared(after), 64);
    assert.equal(await second.digest(), sha256Of(after));
  });

  it('reads only shared memory', async () => {
    const session = new HashingThread().open();
    await assert.rejects(session.update(randomBytes(16), 16), /shared buffers/);
    session.discard();
  });
});
