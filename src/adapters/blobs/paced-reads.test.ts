import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { chunkReadsUnderWay, pacedReadStream } from './paced-reads.ts';

describe('paced reads of a blob file', () => {
  let dir: string;
  let file: string;
  const bytes = Buffer.alloc(3 * 1024 * 1024 + 5);
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = (index * 31) % 251;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-paced-'));
    file = path.join(dir, 'blob');
    await writeFile(file, bytes);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads the whole file, or a range of it, and closes it at the end', async () => {
    const whole = await open(file, 'r');
    assert.deepEqual(await buffer(pacedReadStream(whole)), bytes);
    assert.equal(whole.fd, -1, 'closed');
    const part = await open(file, 'r');
    assert.deepEqual(
      await buffer(pacedReadStream(part, { start: 1_000_000, end: 2_500_000 })),
      bytes.subarray(1_000_000, 2_500_001),
    );
    assert.equal(part.fd, -1, 'closed');
  });

  it('closes the file when the stream is destroyed part-way', async () => {
    const handle = await open(file, 'r');
    const stream = pacedReadStream(handle);
    await once(stream, 'data');
    stream.destroy();
    await once(stream, 'close');
    assert.equal(handle.fd, -1);
  });

  it('has at most four chunk reads under way over all its streams', async () => {
    let most = 0;
    const streams = await Promise.all(
      Array.from({ length: 12 }, async () => pacedReadStream(await open(file, 'r'))),
    );
    const sampling = setInterval(() => {
      most = Math.max(most, chunkReadsUnderWay());
    }, 0);
    const read = await Promise.all(
      streams.map(async (stream) => {
        const chunks: Buffer[] = [];
        for await (const chunk of stream) {
          most = Math.max(most, chunkReadsUnderWay());
          chunks.push(chunk as Buffer);
        }
        return Buffer.concat(chunks);
      }),
    );
    clearInterval(sampling);
    for (const whole of read) assert.deepEqual(whole, bytes);
    assert.ok(most >= 2 && most <= 4, `at most four at once, and more than one (saw ${most})`);
    assert.equal(chunkReadsUnderWay(), 0);
  });
});
