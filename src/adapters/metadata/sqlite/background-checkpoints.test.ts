import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { sqliteOnly } from '../../../../test/support/test-database.ts';
import { BackgroundCheckpoints } from './background-checkpoints.ts';
import { openSqliteStore } from './open-sqlite-store.ts';

/** Polls `check` until it holds, for at most five seconds. */
async function eventually(check: () => Promise<boolean> | boolean): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < 5_000; await sleep(20)) {
    if (await check()) return true;
  }
  return false;
}

const isTornCopy = (error: unknown) =>
  error instanceof Database.SqliteError &&
  (error.code === 'SQLITE_CORRUPT' || error.code === 'SQLITE_NOTADB');

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

describe('checkpoints on a thread of their own', sqliteOnly, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-checkpoints-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('copy a commit into the database file soon after it, and leave no log once the store closes', async () => {
    const file = path.join(dir, 'store.db');
    const { store } = await openSqliteStore(file);
    await store.transaction((repositories) => repositories.groups.insert('checkpointed', 1_700_000_000_000));
    // A copy of the database file alone, without its log, holds only what was checkpointed.
    const copy = path.join(dir, 'copy.db');
    const inCopy = async () => {
      await rm(`${copy}-wal`, { force: true });
      await copyFile(file, copy);
      const database = new Database(copy);
      try {
        // Until the migrations are copied, the copy has no tables at all.
        const hasGroups = database.prepare("select 1 from sqlite_master where name = 'groups'").get();
        return (
          hasGroups !== undefined &&
          database.prepare("select 1 from groups where name = 'checkpointed'").get() !== undefined
        );
      } catch (error) {
        // A copy taken while a checkpoint writes pages holds some old and some new: torn, not yet a
        // snapshot of anything. The next poll copies again.
        if (isTornCopy(error)) return false;
        throw error;
      } finally {
        database.close();
      }
    };
    assert.ok(await eventually(inCopy), 'the commit reached the database file without a further write');
    await store.close();
    assert.equal(await exists(`${file}-wal`), false, 'the store closed last and removed its log');
  });

  it('start the log over when it grows past the limit, though writes never pause', async () => {
    const file = path.join(dir, 'steady.db');
    const database = new Database(file);
    database.pragma('journal_mode = WAL');
    database.pragma('wal_autocheckpoint = 0');
    database.pragma('busy_timeout = 5000');
    database.exec('create table t (x blob)');
    const fallBack = () => assert.fail('no checkpoint fails');
    const checkpoints = new BackgroundCheckpoints(file, {
      minIntervalMs: 0,
      restartAboveFrames: 100,
      fallBack,
    });
    const insert = database.prepare('insert into t values (randomblob(100))');
    try {
      // The thread's start (some tens of milliseconds) is not what this measures.
      insert.run();
      checkpoints.committed();
      await sleep(500);
      // Every turn of the event loop commits: a passive checkpoint never finds the log wholly copied.
      for (let commit = 0; commit < 10_000; commit += 1) {
        insert.run();
        checkpoints.committed();
        await new Promise((resolve) => setImmediate(resolve));
      }
      const walBytes = (await stat(`${file}-wal`)).size;
      // Each commit writes a page (4 KiB and a header) at least: without restarts the log would keep all
      // 10,000. With them it holds what was committed while one checkpoint ran: a few hundred commits, some
      // thousands when other processes starve the thread of the CPU.
      assert.ok(walBytes < 7_500 * 4_120, `the log stayed small: ${walBytes} bytes`);
    } finally {
      await checkpoints.close();
      database.close();
    }
  });

  it('hand checkpoints back once one fails, and stop', async () => {
    let fellBack = 0;
    const checkpoints = new BackgroundCheckpoints(path.join(dir, 'missing', 'gone.db'), {
      minIntervalMs: 0,
      fallBack: () => {
        fellBack += 1;
      },
    });
    checkpoints.committed();
    assert.ok(await eventually(() => fellBack === 1), 'the caller was told');
    checkpoints.committed();
    await sleep(100);
    assert.equal(fellBack, 1, 'told once, and nothing ran after it');
    await checkpoints.close();
  });
});
