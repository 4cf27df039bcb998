import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect, sql } from 'kysely';
import { reusableInsert, reusableQuery } from './reusable-query.ts';
import type { Tables } from './tables.ts';

type Notes = { notes: { id: Generated<number>; title: string; size: number | null } };

async function scratch() {
  const db = new Kysely<Notes>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await sql`create table notes (id integer primary key, title text not null, size integer)`.execute(db);
  // The helpers are typed for the store's tables; this scratch table stands in for one of them.
  return { db, store: db as unknown as Kysely<Tables> };
}

describe('reusable statements', () => {
  it('builds an insert once and runs it with each row, in the columns of the first', async () => {
    const { db, store } = await scratch();
    const insert = reusableInsert(store, (values: { title: string; size: number | null }) =>
      db.insertInto('notes').values(values).returning('id'),
    );
    const first = await insert({ title: 'one', size: 1 });
    const second = await insert({ title: 'two', size: null });
    assert.deepEqual([first, second], [{ id: 1 }, { id: 2 }]);
    const rows = await db.selectFrom('notes').select(['title', 'size']).orderBy('id').execute();
    assert.deepEqual(rows, [
      { title: 'one', size: 1 },
      { title: 'two', size: null },
    ]);
  });

  it('refuses a row whose columns differ from the built statement, before writing it', async () => {
    const { db, store } = await scratch();
    const insert = reusableInsert(store, (values: Record<string, unknown>) =>
      db.insertInto('notes').values(values as { title: string }),
    );
    await insert({ title: 'one', size: 1 });
    await assert.rejects(insert({ size: 2, title: 'swapped' }), /other columns/);
    // Kysely leaves an undefined value out, so such a row cannot line up with the statement either.
    await assert.rejects(
      reusableInsert(store, (values: Record<string, unknown>) =>
        db.insertInto('notes').values(values as { title: string }),
      )({ title: 'x', size: undefined }),
      /one parameter per column/,
    );
    assert.equal((await db.selectFrom('notes').select('title').execute()).length, 1);
  });

  it('runs a query built once with the values it is given', async () => {
    const { db, store } = await scratch();
    await db
      .insertInto('notes')
      .values([{ title: 'a' }, { title: 'b' }])
      .execute();
    const byTitle = reusableQuery(store, () => db.selectFrom('notes').select('id').where('title', '=', ''));
    assert.deepEqual(await byTitle('b'), { id: 2 });
    assert.equal(await byTitle('c'), undefined);
  });
});
