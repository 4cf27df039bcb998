import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * `TRIBUTARY_TEST_POSTGRES_URL` runs the suites on PostgreSQL: each test server (and scratch store) gets a
 * database of its own on that cluster, created before it starts and dropped when it is disposed. Unset,
 * tests run on SQLite files as always.
 */
const clusterUrl = process.env.TRIBUTARY_TEST_POSTGRES_URL;

export const onPostgres = clusterUrl !== undefined && clusterUrl !== '';

/** For tests about SQLite itself, or that read its file beside the server: `it(name, sqliteOnly, …)`. */
export const sqliteOnly = {
  skip: onPostgres ? 'reads the SQLite file or tests SQLite itself; not on PostgreSQL' : false,
};

/** For tests of PostgreSQL itself: `it(name, postgresOnly, …)`. */
export const postgresOnly = { skip: onPostgres ? false : 'needs TRIBUTARY_TEST_POSTGRES_URL' };

export interface TestDatabase {
  /** What to add to the server's environment; empty on SQLite. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function onCluster(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * The database for the site kept in `key` (a data dir): the same key finds the same database again, so a
 * test that restarts a server on its data dir finds its data.
 */
export async function testDatabaseFor(key: string): Promise<TestDatabase> {
  if (!onPostgres || !clusterUrl) return { env: {}, drop: async () => {} };
  const name = `tributary_test_${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
  try {
    await onCluster(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  } catch (error) {
    // 42P04: it exists, made by an earlier start on this data dir.
    if (!(error instanceof Error && 'code' in error && error.code === '42P04')) throw error;
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return {
    env: { TRIBUTARY_DATABASE_URL: url.toString() },
    drop: () => onCluster(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
