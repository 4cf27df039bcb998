import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * The full-text index CQL's `~` searches (cql.md §1): one FTS5 row per content item, keyed by its id,
 * over title, body text, labels and attachment file name. Diacritics are folded so "cafe" finds "café".
 * On PostgreSQL the row is a tsvector (text-index-postgres.ts builds it), searched through a GIN index; and
 * `instr`, which CQL's body searches call, is defined as SQLite has it.
 */
export function textIndex(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') {
        await db.schema
          .createTable('content_text')
          .addColumn('content_id', 'bigint', (c) =>
            c.primaryKey().references('content.id').onDelete('cascade'),
          )
          .addColumn('document', sql`tsvector`, (c) => c.notNull())
          .execute();
        await sql`CREATE INDEX content_text_document ON content_text USING gin (document)`.execute(db);
        await sql`CREATE FUNCTION instr(haystack text, needle text) RETURNS integer
          LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN strpos(haystack, needle)`.execute(db);
      } else {
        await sql`CREATE VIRTUAL TABLE content_text USING fts5(
        title, body, labels, filename, tokenize = 'unicode61 remove_diacritics 2'
      )`.execute(db);
        // Purges cascade through foreign keys; the trigger keeps the index from holding rows of gone content.
        await sql`CREATE TRIGGER content_text_forget AFTER DELETE ON content BEGIN
        DELETE FROM content_text WHERE rowid = old.id;
      END`.execute(db);
      }
      await db.schema
        .createIndex('content_updated')
        .on('content')
        .columns(['space_id', 'type', 'updated_at_ms'])
        .execute();
      await db.schema
        .createIndex('content_created')
        .on('content')
        .columns(['space_id', 'type', 'created_at_ms'])
        .execute();
      await db.schema
        .createIndex('content_type_updated')
        .on('content')
        .columns(['type', 'updated_at_ms'])
        .execute();
    },
  };
}
