import type { Kysely, Migration } from 'kysely';

/**
 * What lets several server processes share one site. A lease names a piece of background work (audit
 * pruning, a long task) and the process that may run it until a time; another process takes it over once
 * that time has passed, so work whose process died is picked up again. A long task may keep what another
 * process needs to finish it (`resume_json`). Blob pins protect bytes an upload on any process has stored
 * but not yet committed from a removal on another; `until_ms` frees the pins of a process that died.
 * Results of asynchronous body conversions are kept here, so that a poll may reach any process.
 * The same statements serve SQLite and PostgreSQL (text, bigint and integer mean the same in both here).
 */
export function leases(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('until_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('long_tasks').addColumn('resume_json', 'text').execute();
      await db.schema
        .createTable('blob_pins')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('until_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('body_conversions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_key', 'text', (c) => c.notNull())
        .addColumn('outcome_json', 'text', (c) => c.notNull())
        .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('body_conversions_expiry')
        .on('body_conversions')
        .column('expires_at_ms')
        .execute();
    },
  };
}
