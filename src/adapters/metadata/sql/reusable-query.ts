import { type Compilable, CompiledQuery, type DialectAdapter, type Kysely } from 'kysely';
import type { Tables } from './tables.ts';

/**
 * A statement's SQL, built the first time it runs on each dialect. The cache belongs to the statement,
 * not to the database handle it runs on: the store makes new repositories on every transaction's handle,
 * and a cache per handle was rebuilt for every upload. A transaction shares its database's adapter.
 */
function builtPerDialect<Args extends unknown[], Built>(build: (db: Kysely<Tables>, ...args: Args) => Built) {
  const built = new WeakMap<DialectAdapter, Built>();
  return (db: Kysely<Tables>, ...args: Args): Built => {
    const adapter = db.getExecutor().adapter;
    let statement = built.get(adapter);
    if (statement === undefined) {
      statement = build(db, ...args);
      built.set(adapter, statement);
    }
    return statement;
  };
}

/**
 * A query whose shape never changes, defined once (at module level, with placeholder values) and then
 * run on any handle with the real values, in the order the built query takes them. Building a Kysely
 * query costs more than SQLite takes to answer a lookup by key, and the hottest paths (every upload,
 * every request's sign-in) make several.
 */
export function reusableQuery<Row>(build: (db: Kysely<Tables>) => Compilable<Row>) {
  const sqlOn = builtPerDialect((db) => build(db).compile().sql);
  return async (db: Kysely<Tables>, ...parameters: unknown[]): Promise<Row | undefined> => {
    const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(sqlOn(db), parameters));
    return rows[0];
  };
}

/**
 * An insert of rows that always have the same columns in the same order (made by one function), built
 * from the first row it is given and run with each row's values after that. Rows hold no `undefined`:
 * Kysely would leave such a column out, and the values would no longer line up with the statement.
 */
export function reusableInsert<Values extends Record<string, unknown>, Row>(
  build: (db: Kysely<Tables>, values: Values) => Compilable<Row>,
) {
  const statementOn = builtPerDialect((db, values: Values) => {
    const { sql, parameters } = build(db, values).compile();
    if (parameters.length !== Object.keys(values).length) {
      throw new Error(`A reusable insert takes one parameter per column: ${sql}`);
    }
    return { sql, columns: Object.keys(values).join() };
  });
  return async (db: Kysely<Tables>, values: Values): Promise<Row | undefined> => {
    const statement = statementOn(db, values);
    const columns = Object.keys(values).join();
    if (statement.columns !== columns) {
      throw new Error(`A reusable insert was given other columns: ${columns}`);
    }
    const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(statement.sql, Object.values(values)));
    return rows[0];
  };
}
