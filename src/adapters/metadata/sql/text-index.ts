import { CompiledQuery, type Kysely, sql } from 'kysely';
import { bodyText } from '../../../domain/body-text.ts';
import type { ContentBody } from '../../../domain/content.ts';
import type { Tables } from './tables.ts';

/** What the index holds of one item; a new item has no labels yet. */
export interface IndexedText {
  contentId: number;
  type: string;
  title: string;
  body: ContentBody | null;
}

/** Keeps the full-text row of a content item in step with its current version and labels. */
export interface TextIndex {
  /** Indexes an item that was just created (it has no row yet, nor labels). */
  indexNew(item: IndexedText): Promise<void>;
  reindex(contentId: number): Promise<void>;
}

// Plain SQL, run as is: every new item is indexed, so building it with Kysely each time would show.
const insertRowSql = 'INSERT INTO content_text (rowid, title, body, labels, filename) VALUES (?, ?, ?, ?, ?)';

/** SQLite FTS5 (`content_text`, migration 0003); rows are removed by a trigger when content goes. */
export function sqliteTextIndex(db: Kysely<Tables>): TextIndex {
  const insert = async ({ contentId, type, title, body }: IndexedText, labels: readonly string[]) => {
    const text = body === null ? '' : bodyText(body.representation, body.value);
    const filename = type === 'attachment' ? title : '';
    await db.executeQuery(
      CompiledQuery.raw(insertRowSql, [contentId, title, text, labels.join(' '), filename]),
    );
  };
  return {
    indexNew: (item) => insert(item, []),

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
        row.body_value === null
          ? null
          : { representation: row.body_representation ?? 'storage', value: row.body_value };
      await insert(
        { contentId, type: row.type, title: row.title, body },
        labels.map((label) => label.name),
      );
    },
  };
}
