import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * Webhooks (issue 17): each webhook and the events it listens to; the deliveries waiting to be sent (written
 * in the transaction of the change that caused them, so an event is sent once per committed change and
 * survives a restart); and each attempt's outcome, for `latest` and `statistics`.
 * Backup and restore jobs (issue 17): queued, run in the background, their state and archive file kept.
 */
export function webhooksAndBackupJobs(dialect: SqlDialect): Migration {
  const id = (c: ColumnDefinitionBuilder) =>
    dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey();
  const idType = dialect === 'sqlite' ? 'integer' : 'bigserial';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhooks')
        .addColumn('id', idType, id)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('configuration_json', 'text', (c) => c.notNull())
        .addColumn('credentials_json', 'text')
        .addColumn('ssl_verification_required', 'integer', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('webhook_events')
        .addColumn('webhook_id', 'bigint', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
        .addColumn('event', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('webhook_events_pk', ['webhook_id', 'event'])
        .execute();
      await db.schema.createIndex('webhook_events_event').on('webhook_events').column('event').execute();

      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', idType, id)
        .addColumn('webhook_id', 'bigint', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_due')
        .on('webhook_deliveries')
        .columns(['next_attempt_at_ms', 'id'])
        .execute();

      await db.schema
        .createTable('webhook_invocations')
        .addColumn('id', idType, id)
        .addColumn('webhook_id', 'bigint', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('request_body', 'text', (c) => c.notNull())
        .addColumn('request_headers_json', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('started_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('finished_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await sql`CREATE INDEX webhook_invocations_latest ON webhook_invocations (webhook_id, id DESC)`.execute(
        db,
      );

      await db.schema
        .createTable('backup_jobs')
        .addColumn('id', idType, id)
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('space_keys', 'text', (c) => c.notNull())
        .addColumn('settings_json', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text')
        .addColumn('error_message', 'text')
        .addColumn('cancelled_by_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('statistics_json', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('started_at_ms', 'bigint')
        .addColumn('finished_at_ms', 'bigint')
        .addColumn('cancelled_at_ms', 'bigint')
        .execute();
      await db.schema.createIndex('backup_jobs_state').on('backup_jobs').columns(['state', 'id']).execute();
    },
  };
}
