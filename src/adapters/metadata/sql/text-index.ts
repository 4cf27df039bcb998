import { CompiledQuery, type Kysely, sql } from 'kysely';
import { bodyText } from '../../../domain/body-text.ts';
import type { ContentBody } from '../../../domain/content.ts';
import { foldedText, textWeights } from './postgres-text.ts';
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
  /** Whether the item's row holds what `reindex` would write (no row, when the item has no current version). */
  isCurrent(contentId: number): Promise<boolean>;
}

// Plain SQL, run as is: every new item is indexed, so building it with Kysely each time would show.
const insertRowSql = 'INSERT INTO content_text (rowid, title, body, labels, filename) VALUES (?, ?, ?, ?, ?)';

/** How one dialect writes and removes an item's row; the reading of what to index is shared. */
interface TextRows {
  insert(item: IndexedText, labels: readonly string[]): Promise<void>;
  remove(contentId: number): Promise<void>;
  /** Whether the stored row is what `insert` would write; false when there is none. */
  holds(item: IndexedText, labels: readonly string[]): Promise<boolean>;
  exists(contentId: number): Promise<boolean>;
}

function textIndexOver(db: Kysely<Tables>, rows: TextRows): TextIndex {
  /** What the item's row should hold: its current version's title and body, and its labels. */
  const wantedRow = async (contentId: number) => {
    const row = await db
      .selectFrom('content as c')
      .innerJoin('content_versions as v', (join) =>
        join.onRef('v.content_id', '=', 'c.id').onRef('v.number', '=', 'c.current_version'),
      )
      .select(['c.title', 'c.type', 'v.body_representation', 'v.body_value'])
      .where('c.id', '=', contentId)
      .executeTakeFirst();
    if (!row) return undefined;
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
    return {
      item: { contentId, type: row.type, title: row.title, body },
      labels: labels.map((label) => label.name),
    };
  };
  return {
    indexNew: (item) => rows.insert(item, []),

    async reindex(contentId) {
      const wanted = await wantedRow(contentId);
      await rows.remove(contentId);
      if (wanted) await rows.insert(wanted.item, wanted.labels);
    },

    async isCurrent(contentId) {
      const wanted = await wantedRow(contentId);
      return wanted ? rows.holds(wanted.item, wanted.labels) : !(await rows.exists(contentId));
    },
  };
}

const plainTextOf = (body: ContentBody | null) =>
  body === null ? '' : bodyText(body.representation, body.value);
const filenameOf = ({ type, title }: IndexedText) => (type === 'attachment' ? title : '');
const sameWords = (stored: string, labels: readonly string[]) =>
  stored.split(' ').filter(Boolean).sort().join(' ') === [...labels].sort().join(' ');

/** SQLite FTS5 (`content_text`, migration 0003); rows are removed by a trigger when content goes. */
export function sqliteTextIndex(db: Kysely<Tables>): TextIndex {
  return textIndexOver(db, {
    async insert(item, labels) {
      await db.executeQuery(
        CompiledQuery.raw(insertRowSql, [
          item.contentId,
          item.title,
          plainTextOf(item.body),
          labels.join(' '),
          filenameOf(item),
        ]),
      );
    },
    async remove(contentId) {
      await sql`DELETE FROM content_text WHERE rowid = ${contentId}`.execute(db);
    },
    async holds(item, labels) {
      const { rows: found } = await sql<{ title: string; body: string; labels: string; filename: string }>`
        SELECT title, body, labels, filename FROM content_text WHERE rowid = ${item.contentId}`.execute(db);
      const row = found[0];
      // FTS5 keeps labels in the order they were read; the same set in another order is the same index.
      return (
        found.length === 1 &&
        row !== undefined &&
        row.title === item.title &&
        row.body === plainTextOf(item.body) &&
        sameWords(row.labels, labels) &&
        row.filename === filenameOf(item)
      );
    },
    async exists(contentId) {
      const { rows: found } = await sql`SELECT rowid FROM content_text WHERE rowid = ${contentId}`.execute(
        db,
      );
      return found.length > 0;
    },
  });
}

/**
 * PostgreSQL: one tsvector per item (`content_text`, migration 0003), each field under its own weight so
 * `title ~` and `filename ~` can ask for theirs. Words are cut and folded here as SQLite's unicode61 does
 * (postgres-text.ts), so both find the same words; rows go with their content by a foreign key.
 */
export function postgresTextIndex(db: Kysely<Tables>): TextIndex {
  const vector = (text: string, weight: string) =>
    sql`setweight(to_tsvector('simple', ${foldedText(text)}), ${weight})`;
  const documentOf = (item: IndexedText, labels: readonly string[]) =>
    sql`${vector(item.title, textWeights.title)} || ${vector(filenameOf(item), textWeights.filename)}
        || ${vector(labels.join(' '), textWeights.labels)} || ${vector(plainTextOf(item.body), textWeights.body)}`;
  return textIndexOver(db, {
    async insert(item, labels) {
      await sql`INSERT INTO content_text (content_id, document) VALUES (${item.contentId}, ${documentOf(item, labels)})`.execute(
        db,
      );
    },
    async holds(item, labels) {
      // tsvectors are sorted lexeme sets: equal documents compare equal whatever order labels came in.
      const { rows: found } = await sql<{ same: boolean }>`
        SELECT document = (${documentOf(item, labels)}) AS same FROM content_text
        WHERE content_id = ${item.contentId}`.execute(db);
      return found[0]?.same === true;
    },
    async exists(contentId) {
      const { rows: found } = await sql`SELECT 1 FROM content_text WHERE content_id = ${contentId}`.execute(
        db,
      );
      return found.length > 0;
    },
    async remove(contentId) {
      await sql`DELETE FROM content_text WHERE content_id = ${contentId}`.execute(db);
    },
  });
}
