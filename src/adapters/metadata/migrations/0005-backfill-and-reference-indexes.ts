import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';
import type { Tables } from '../sql/tables.ts';
import { sqliteTextIndex } from '../sql/text-index.ts';

const backfillBatch = 500;

/**
 * Content written before 0003 has no full-text row: fill them in. And index the columns that cascades and
 * searches filter on, so purging a big tree or deleting a user does not scan whole tables, and CQL's
 * case-insensitive `title =` can use an index.
 */
export function backfillAndReferenceIndexes(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('watches_content').on('watches').column('content_id').execute();
      await db.schema.createIndex('watches_space').on('watches').column('space_id').execute();
      await db.schema.createIndex('content_creator').on('content').column('creator_id').execute();
      await db.schema
        .createIndex('content_versions_author')
        .on('content_versions')
        .column('author_id')
        .execute();
      await db.schema
        .createIndex('content_title_nocase')
        .on('content')
        .expression(sql`lower(title)`)
        .execute();
      if (dialect !== 'sqlite') return;
      const tables = db as unknown as Kysely<Tables>;
      const text = sqliteTextIndex(tables);
      for (let after = 0; ; ) {
        const { rows } = await sql<{ id: number }>`
          SELECT id FROM content WHERE id > ${after}
            AND NOT EXISTS (SELECT 1 FROM content_text WHERE rowid = content.id)
          ORDER BY id LIMIT ${backfillBatch}`.execute(tables);
        for (const row of rows) await text.reindex(Number(row.id));
        const last = rows.at(-1);
        if (!last || rows.length < backfillBatch) return;
        after = Number(last.id);
      }
    },
  };
}
