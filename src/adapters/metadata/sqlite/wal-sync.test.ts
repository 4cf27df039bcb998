import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sqliteOnly } from '../../../../test/support/test-database.ts';
import { WalSync } from './wal-sync.ts';

describe('syncing the write-ahead log', sqliteOnly, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-wal-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('lets concurrent callers share syncs, each resolving after one that started after its call', async () => {
    const database = path.join(dir, 'shared.db');
    await writeFile(`${database}-wal`, 'frames');
    const wal = new WalSync(database);
    const first = wal.sync();
    const [second, third] = [wal.sync(), wal.sync()];
    assert.notEqual(second, first, 'a caller arriving during a sync waits for the next one');
    assert.equal(third, second, 'callers arriving during the same sync share the next one');
    await Promise.all([first, second, third]);
    await wal.close();
  });

  it('fails while the log is missing and recovers once it exists', async () => {
    const database = path.join(dir, 'late.db');
    const wal = new WalSync(database);
    await assert.rejects(wal.sync(), { code: 'ENOENT' });
    await writeFile(`${database}-wal`, 'frames');
    await wal.sync();
    await wal.close();
  });
});
