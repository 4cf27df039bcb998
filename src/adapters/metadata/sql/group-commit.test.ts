import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { sqliteOnly } from '../../../../test/support/test-database.ts';
import { GroupCommit } from './group-commit.ts';
import type { Tables } from './tables.ts';

function scratchDatabase() {
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  return db;
}

const rowsOf = async (db: Kysely<Tables>) =>
  (await sql<{ n: number }>`select n from notes order by n`.execute(db)).rows.map((row) => row.n);

describe('group commit', sqliteOnly, () => {
  it('settles no unit before the commit is durable, and all of the batch together', async () => {
    const db = scratchDatabase();
    await sql`create table notes (n integer)`.execute(db);
    let makeDurable = () => {};
    let syncs = 0;
    const commits = new GroupCommit(db, () => {
      syncs += 1;
      return new Promise<void>((resolve) => (makeDurable = resolve));
    });
    const settled: number[] = [];
    const units = [1, 2, 3].map((n) =>
      commits
        .run(async (trx) => {
          await sql`insert into notes (n) values (${n})`.execute(trx);
          return n;
        })
        .then((value) => settled.push(value)),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(settled, [], 'nobody hears of a commit that is not yet durable');
    assert.deepEqual(await rowsOf(db), [1, 2, 3]);
    assert.equal(syncs, 1, 'the three units shared one commit');
    makeDurable();
    await Promise.all(units);
    assert.deepEqual(settled, [1, 2, 3]);
    await db.destroy();
  });

  it('commits together the units that arrive while the last commit is being made durable', async () => {
    const db = scratchDatabase();
    await sql`create table notes (n integer)`.execute(db);
    const pendingSyncs: (() => void)[] = [];
    const commits = new GroupCommit(db, () => new Promise<void>((resolve) => pendingSyncs.push(resolve)));
    const note = (n: number) => commits.run((trx) => sql`insert into notes (n) values (${n})`.execute(trx));
    const turn = () => new Promise((resolve) => setTimeout(resolve, 5));
    const first = note(1);
    await turn();
    // Each arrives in a turn of its own, while the first commit's sync is still under way.
    const later = [note(2)];
    await turn();
    later.push(note(3));
    await turn();
    assert.equal(pendingSyncs.length, 1, 'nothing else committed while the first sync ran');
    pendingSyncs.shift()?.();
    await first;
    await turn();
    assert.equal(pendingSyncs.length, 1, 'the two later units shared the next commit');
    assert.deepEqual(await rowsOf(db), [1, 2, 3]);
    pendingSyncs.shift()?.();
    await Promise.all(later);
    await db.destroy();
  });

  it('fails every unit of a batch whose commit could not be made durable', async () => {
    const db = scratchDatabase();
    await sql`create table notes (n integer)`.execute(db);
    const diskGone = new Error('disk gone');
    const commits = new GroupCommit(db, async () => {
      throw diskGone;
    });
    const outcomes = await Promise.allSettled(
      [1, 2].map((n) => commits.run((trx) => sql`insert into notes (n) values (${n})`.execute(trx))),
    );
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status === 'rejected' && outcome.reason),
      [diskGone, diskGone],
    );
    await db.destroy();
  });
});
