import { type Kysely, sql } from 'kysely';
import { bodyText } from '../../../domain/body-text.ts';
import type { Tables } from './tables.ts';

/** Keeps the full-text row of a content item in step with its current version and labels. */
export interface TextIndex {
  reindex(contentId: number): Promise<void>;
}

/** SQLite FTS5 (`content_text`, migration 0003); rows are removed by a trigger when content goes. */
export function sqliteTextIndex(db: Kysely<Tables>): TextIndex {
  return {
    async reindex(contentId) {
      const row = await db
        .selectFrom('content as c')
        .innerJoin('content_versions as v', (join) =>
          join.onRef('v.content_id', '=', 'c.id').onRef('v.number', '=', 'c.current_version'),
        )
        .select(['c.title', 'c.type', 'v.body_representation', 'v.body_value'])
        .where('c.id', '=', contentId)
        .executeTakeFirst();
      await sql`DELETE FROM content_text WHERE rowid = ${contentId}`.execute(db);
      if (!row) return;
      const labels = await db
        .selectFrom('content_labels as cl')
        .innerJoin('labels as l', 'l.id', 'cl.label_id')
        .select('l.name')
        .where('cl.content_id', '=', contentId)
        .execute();
      const body =
        row.body_value === null ? '' : bodyText(row.body_representation ?? 'storage', row.body_value);
      const filename = row.type === 'attachment' ? row.title : '';
      await sql`INSERT INTO content_text (rowid, title, body, labels, filename)
        VALUES (${contentId}, ${row.title}, ${body}, ${labels.map((label) => label.name).join(' ')}, ${filename})`.execute(
        db,
      );
    },
  };
}
