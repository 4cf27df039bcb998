import { type Kysely, sql } from 'kysely';
import type { ContentType } from '../../../domain/content.ts';
import type { ContentRepository } from '../../../ports/content-store.ts';
import { countOf, filteredItems, offsetPage } from './content-filters.ts';
import {
  contentColumns,
  contentValues,
  findContentById,
  insertContent,
  insertVersion,
  type JoinedRow,
  joinedOn,
  moveValues,
  toContent,
  toVersion,
  versionValues,
} from './content-rows.ts';
import type { SqlDialect } from './dialect.ts';
import { reusableQuery } from './reusable-query.ts';
import type { Tables } from './tables.ts';
import type { TextIndex } from './text-index.ts';

export type ContentRowsRepository = Pick<
  ContentRepository,
  | 'insert'
  | 'reserveIdsThrough'
  | 'findById'
  | 'currentAttachmentNamed'
  | 'attachmentsWhoseVersionWasNamed'
  | 'setPlace'
  | 'remove'
  | 'list'
  | 'blobsInSpace'
  | 'removeSpaceContentBatch'
>;

// Uploads of 1 KiB files look up the name they would take on every commit.
const currentAttachmentRow = reusableQuery((db) =>
  joinedOn(db)
    .select(contentColumns)
    .where('c.container_id', '=', 0)
    .where('c.type', '=', sql.lit('attachment'))
    .where('c.status', '=', sql.lit('current'))
    .where('c.title', '=', '')
    .orderBy('c.id')
    .limit(sql.lit(1)),
);

/** Items one at a time and by filter: insert, look up, place, purge. */
export function sqlContentRowsRepository(
  db: Kysely<Tables>,
  text: TextIndex,
  dialect: SqlDialect,
): ContentRowsRepository {
  const typeOf = async (id: number) => {
    const row = await db.selectFrom('content').select('type').where('id', '=', id).executeTakeFirst();
    return row ? (row.type as ContentType) : null;
  };

  return {
    async insert(content, firstVersion) {
      const values = contentValues(content, firstVersion);
      // A stated id is rare (fixtures): a statement of its own, leaving the reusable one to uploads.
      const inserted =
        content.id === undefined
          ? await insertContent(db, values)
          : await db
              .insertInto('content')
              .values({ ...values, id: content.id })
              .returning('id')
              .executeTakeFirst();
      if (!inserted) throw new Error('the content insert returned no id');
      const id = Number(inserted.id);
      const version = versionValues(id, 1, firstVersion);
      await insertVersion(db, version);
      await text.indexNew({
        contentId: id,
        type: content.type,
        title: firstVersion.title,
        body: firstVersion.body,
      });
      // Built from what was written rather than read back: this is on every upload's path.
      return {
        id,
        type: content.type,
        status: content.status,
        title: values.title,
        spaceId: content.spaceId,
        parentId: content.parentId,
        parentType: content.parentId === null ? null : await typeOf(content.parentId),
        containerId: content.containerId,
        customType: values.custom_type,
        embedUrl: values.embed_url,
        position: values.position,
        commentLocation: content.commentLocation,
        creatorId: content.creatorId,
        createdAtMs: values.created_at_ms,
        version: toVersion(version),
      };
    },

    async currentAttachmentNamed(containerId, title) {
      const row = await currentAttachmentRow(db, containerId, title);
      return row && toContent(row as JoinedRow);
    },

    async attachmentsWhoseVersionWasNamed(containerId, title, versionNumber) {
      const rows = await db
        .selectFrom('content as c')
        .innerJoin('content_versions as v', 'v.content_id', 'c.id')
        .select(['c.id', 'v.created_at_ms'])
        .where('c.container_id', '=', containerId)
        .where('c.type', '=', 'attachment')
        .where('c.status', '=', 'current')
        .where('v.number', '=', versionNumber)
        .where('v.title', '=', title)
        .orderBy('c.id')
        .execute();
      return rows.map((row) => ({ id: row.id, versionCreatedAtMs: Number(row.created_at_ms) }));
    },

    async reserveIdsThrough(id) {
      if (dialect === 'sqlite') {
        // AUTOINCREMENT takes the next id past both the largest row and `sqlite_sequence` (which the
        // test-mode snapshot copies like any table).
        await sql`insert into sqlite_sequence (name, seq) select 'content', 0 where not exists (select 1 from sqlite_sequence where name = 'content')`.execute(
          db,
        );
        await sql`update sqlite_sequence set seq = max(seq, ${id}) where name = 'content'`.execute(db);
        return;
      }
      // A sequence never goes back: only ever moved forward.
      await sql`select setval(s, greatest(${id}::bigint, coalesce(pg_sequence_last_value(s), 0))) from (select pg_get_serial_sequence('content', 'id')::regclass as s) as q`.execute(
        db,
      );
    },
    findById: (id) => findContentById(db, id),

    async setPlace(id, move, updatedAtMs) {
      await db
        .updateTable('content')
        .set({ ...moveValues(move), updated_at_ms: updatedAtMs })
        .where('id', '=', id)
        .execute();
    },

    async remove(id) {
      await db.deleteFrom('content').where('id', '=', id).execute();
    },

    async list(filter, window) {
      const items = filteredItems(db, filter);
      // Children follow their sibling positions (set by moves); those never placed follow, oldest first.
      const ordered =
        filter.parentId === undefined
          ? items.select('c.id')
          : items.select('c.id').orderBy(sql`c.position is null`).orderBy('c.position');
      const [page, total] = await Promise.all([
        offsetPage(db, ordered.orderBy('c.id'), window),
        countOf(items),
      ]);
      return { items: page, total };
    },

    async blobsInSpace(spaceId) {
      const rows = await db
        .selectFrom('content_versions as v')
        .innerJoin('content as c', 'c.id', 'v.content_id')
        .select('v.blob_sha256')
        .distinct()
        .where('c.space_id', '=', spaceId)
        .where('v.blob_sha256', 'is not', null)
        .execute();
      return rows.flatMap((row) => (row.blob_sha256 === null ? [] : [row.blob_sha256]));
    },

    async removeSpaceContentBatch(spaceId, limit) {
      // Last changed first: children are usually newer than their parents, so fewer are left lifted
      // meanwhile. In that order the space's index yields them as they are; `id` made SQLite sort every
      // item left in the space for each batch, which a space of a million items made quadratic.
      const picked = await db
        .selectFrom('content')
        .select('id')
        .where('space_id', '=', spaceId)
        .orderBy('updated_at_ms', 'desc')
        .limit(limit)
        .execute();
      const ids = picked.map((row) => Number(row.id));
      if (ids.length === 0) return { removed: 0, blobs: [] };
      const containedIn = (containers: readonly number[]) =>
        db.selectFrom('content as inner').select('inner.id').where('inner.container_id', 'in', containers);
      const containedTwiceIn = (containers: readonly number[]) =>
        db
          .selectFrom('content as deeper')
          .select('deeper.id')
          .where('deeper.container_id', 'in', containedIn(containers));
      // What goes by cascade with them: what they contain (attachments, comments) and what those contain.
      const blobRows = await db
        .selectFrom('content_versions as v')
        .select('v.blob_sha256')
        .distinct()
        .where('v.blob_sha256', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('v.content_id', 'in', ids),
            eb('v.content_id', 'in', containedIn(ids)),
            eb('v.content_id', 'in', containedTwiceIn(ids)),
          ]),
        )
        .execute();
      // Children are lifted first, those in the batch too: SQLite cascading a delete down a chain of
      // parents costs minutes for a few hundred levels, a lift costs milliseconds.
      await db.updateTable('content').set({ parent_id: null }).where('parent_id', 'in', ids).execute();
      await db.deleteFrom('content').where('id', 'in', ids).execute();
      return {
        removed: ids.length,
        blobs: blobRows.flatMap((row) => (row.blob_sha256 === null ? [] : [row.blob_sha256])),
      };
    },
  };
}
