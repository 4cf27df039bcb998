import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect, sql } from 'kysely';
import { sqliteOnly } from '../../../../test/support/test-database.ts';
import { reusableInsert, reusableQuery } from './reusable-query.ts';
import type { Tables } from './tables.ts';

type Notes = { notes: { id: Generated<number>; title: string; size: number | null } };

async function scratch() {
  const db = new Kysely<Notes>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await sql`create table notes (id integer primary key, title text not null, size integer)`.execute(db);
  // The helpers are typed for the store's tables; this scratch table stands in for one of them.
  return { db, store: db as unknown as Kysely<Tables> };
}

const notesOf = (store: Kysely<Tables>) => store as unknown as Kysely<Notes>;

describe('reusable statements', sqliteOnly, () => {
  it('builds an insert once and runs it with each row, in the columns of the first', async () => {
    const { db, store } = await scratch();
    const insert = reusableInsert((on, values: { title: string; size: number | null }) =>
      notesOf(on).insertInto('notes').values(values).returning('id'),
    );
    const first = await insert(store, { title: 'one', size: 1 });
    const second = await insert(store, { title: 'two', size: null });
    assert.deepEqual([first, second], [{ id: 1 }, { id: 2 }]);
    const rows = await db.selectFrom('notes').select(['title', 'size']).orderBy('id').execute();
    assert.deepEqual(rows, [
      { title: 'one', size: 1 },
      { title: 'two', size: null },
    ]);
  });

  it('refuses a row whose columns differ from the built statement, before writing it', async () => {
    const { db, store } = await scratch();
    const insert = reusableInsert((on, values: Record<string, unknown>) =>
      notesOf(on)
        .insertInto('notes')
        .values(values as { title: string }),
    );
    await insert(store, { title: 'one', size: 1 });
    await assert.rejects(insert(store, { size: 2, title: 'swapped' }), /other columns/);
    // Kysely leaves an undefined value out, so such a row cannot line up with the statement either.
    const fresh = reusableInsert((on, values: Record<string, unknown>) =>
      notesOf(on)
        .insertInto('notes')
        .values(values as { title: string }),
    );
    await assert.rejects(fresh(store, { title: 'x', size: undefined }), /one parameter per column/);
    // The refused row did not become the statement: a complete one is built and written.
    await fresh(store, { title: 'two', size: 2 });
    assert.deepEqual(await db.selectFrom('notes').select('title').orderBy('id').execute(), [
      { title: 'one' },
      { title: 'two' },
    ]);
  });

  it('runs a query built once with the values it is given', async () => {
    const { db, store } = await scratch();
    await db
      .insertInto('notes')
      .values([{ title: 'a' }, { title: 'b' }])
      .execute();
    const byTitle = reusableQuery((on) =>
      notesOf(on).selectFrom('notes').select('id').where('title', '=', ''),
    );
    assert.deepEqual(await byTitle(store, 'b'), { id: 2 });
    assert.equal(await byTitle(store, 'c'), undefined);
  });

  it('builds once for a database and every transaction on it', async () => {
    // The store makes its repositories anew on each transaction's handle; a statement built per handle
    // would be built again for every upload.
    const { store } = await scratch();
    let queryBuilds = 0;
    let insertBuilds = 0;
    const byTitle = reusableQuery((on) => {
      queryBuilds += 1;
      return notesOf(on).selectFrom('notes').select('id').where('title', '=', '');
    });
    const insert = reusableInsert((on, values: { title: string }) => {
      insertBuilds += 1;
      return notesOf(on).insertInto('notes').values(values);
    });
    await insert(store, { title: 'outside' });
    for (const title of ['first', 'second']) {
      await store.transaction().execute(async (trx) => {
        await insert(trx, { title });
        assert.ok(await byTitle(trx, title), 'the transaction sees its own row');
      });
    }
    assert.deepEqual(await byTitle(store, 'second'), { id: 3 });
    assert.deepEqual([queryBuilds, insertBuilds], [1, 1]);
  });
});
