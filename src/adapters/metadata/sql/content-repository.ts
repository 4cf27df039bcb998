import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type {
  CommentLocation,
  Content,
  ContentStatus,
  ContentType,
  ContentVersion,
} from '../../../domain/content.ts';
import type { KeysetSlice } from '../../../domain/paging.ts';
import type {
  ContentFilter,
  ContentMove,
  ContentRepository,
  ContentSort,
  NewContent,
  NewVersion,
  TreeItem,
} from '../../../ports/content-store.ts';
import { afterKeyset, type KeysetOrder } from './keyset.ts';
import { reusableInsert, reusableQuery } from './reusable-query.ts';
import type { Tables } from './tables.ts';
import type { TextIndex } from './text-index.ts';
import { visibleContent } from './visibility.ts';

type Joined = Tables & { c: Tables['content']; v: Tables['content_versions'] };

const contentColumns = [
  'c.id',
  'c.type',
  'c.status',
  'c.title',
  'c.space_id',
  'c.parent_id',
  'c.container_id',
  'c.position',
  'c.comment_location',
  'c.creator_id',
  'c.created_at_ms',
  'c.updated_at_ms',
  'c.custom_type',
  'c.embed_url',
  // A tree item's parent may be a page, folder, whiteboard…; v2 names its type. A primary-key lookup.
  sql<string | null>`(SELECT p.type FROM content p WHERE p.id = c.parent_id)`.as('parent_type'),
  'v.number as v_number',
  'v.title as v_title',
  'v.author_id as v_author_id',
  'v.created_at_ms as v_created_at_ms',
  'v.message as v_message',
  'v.minor_edit as v_minor_edit',
  'v.body_representation as v_body_representation',
  'v.body_value as v_body_value',
  'v.blob_sha256 as v_blob_sha256',
  'v.size_bytes as v_size_bytes',
  'v.media_type as v_media_type',
  'v.file_id as v_file_id',
] as const;

type VersionRow = Tables['content_versions'];

function toVersion(row: VersionRow): ContentVersion {
  return {
    contentId: Number(row.content_id),
    number: Number(row.number),
    title: row.title,
    authorId: row.author_id === null ? null : Number(row.author_id),
    createdAtMs: Number(row.created_at_ms),
    message: row.message,
    minorEdit: Number(row.minor_edit) === 1,
    body:
      row.body_representation === null
        ? null
        : { representation: row.body_representation, value: row.body_value ?? '' },
    file:
      row.blob_sha256 === null
        ? null
        : {
            sha256: row.blob_sha256,
            sizeBytes: Number(row.size_bytes),
            mediaType: row.media_type ?? 'application/octet-stream',
            fileId: row.file_id ?? '',
          },
  };
}

interface JoinedRow {
  id: number;
  type: string;
  status: string;
  title: string;
  space_id: number | null;
  parent_id: number | null;
  container_id: number | null;
  position: number | null;
  comment_location: string | null;
  creator_id: number | null;
  created_at_ms: number;
  updated_at_ms: number;
  custom_type: string | null;
  embed_url: string | null;
  parent_type: string | null;
  v_number: number;
  v_title: string;
  v_author_id: number | null;
  v_created_at_ms: number;
  v_message: string;
  v_minor_edit: number;
  v_body_representation: string | null;
  v_body_value: string | null;
  v_blob_sha256: string | null;
  v_size_bytes: number | null;
  v_media_type: string | null;
  v_file_id: string | null;
}

const optionalId = (value: number | null) => (value === null ? null : Number(value));

function toContent(row: JoinedRow): Content {
  const id = Number(row.id);
  return {
    id,
    type: row.type as ContentType,
    status: row.status as ContentStatus,
    title: row.title,
    spaceId: optionalId(row.space_id),
    parentId: optionalId(row.parent_id),
    parentType: row.parent_type as ContentType | null,
    containerId: optionalId(row.container_id),
    customType: row.custom_type,
    embedUrl: row.embed_url,
    position: optionalId(row.position),
    commentLocation: row.comment_location as CommentLocation | null,
    creatorId: optionalId(row.creator_id),
    createdAtMs: Number(row.created_at_ms),
    version: toVersion({
      content_id: id,
      number: row.v_number,
      title: row.v_title,
      author_id: row.v_author_id,
      created_at_ms: row.v_created_at_ms,
      message: row.v_message,
      minor_edit: row.v_minor_edit,
      body_representation: row.v_body_representation,
      body_value: row.v_body_value,
      blob_sha256: row.v_blob_sha256,
      size_bytes: row.v_size_bytes,
      media_type: row.v_media_type,
      file_id: row.v_file_id,
    }),
  };
}

const sortColumns: Record<ContentSort['by'], string> = {
  id: 'c.id',
  created: 'c.created_at_ms',
  modified: 'c.updated_at_ms',
  title: 'c.title',
};

function orderOf(sort: ContentSort): KeysetOrder {
  return { column: sortColumns[sort.by], idColumn: 'c.id', descending: sort.direction === 'desc' };
}

function sortValueOf(content: Content, row: JoinedRow, sort: ContentSort): string | number {
  switch (sort.by) {
    case 'created':
      return content.createdAtMs;
    case 'modified':
      // The column itself: trashing moves `updated_at_ms` without a new version.
      return Number(row.updated_at_ms);
    case 'title':
      return content.title;
    default:
      return content.id;
  }
}

function versionValues(contentId: number, number: number, version: NewVersion) {
  return {
    content_id: contentId,
    number,
    title: version.title,
    author_id: version.authorId,
    created_at_ms: version.createdAtMs,
    message: version.message,
    minor_edit: version.minorEdit ? 1 : 0,
    body_representation: version.body?.representation ?? null,
    body_value: version.body?.value ?? null,
    blob_sha256: version.file?.sha256 ?? null,
    size_bytes: version.file?.sizeBytes ?? null,
    media_type: version.file?.mediaType ?? null,
    file_id: version.file?.fileId ?? null,
  };
}

function contentValues(content: NewContent, firstVersion: NewVersion) {
  return {
    type: content.type,
    status: content.status,
    title: firstVersion.title,
    space_id: content.spaceId,
    parent_id: content.parentId,
    container_id: content.containerId,
    position: null,
    current_version: 1,
    comment_location: content.commentLocation,
    creator_id: content.creatorId,
    custom_type: content.customType ?? null,
    embed_url: content.embedUrl ?? null,
    created_at_ms: firstVersion.createdAtMs,
    updated_at_ms: firstVersion.createdAtMs,
  };
}

function moveValues(move: ContentMove) {
  return {
    ...(move.status !== undefined && { status: move.status }),
    ...(move.parentId !== undefined && { parent_id: move.parentId }),
    ...(move.spaceId !== undefined && { space_id: move.spaceId }),
    ...(move.containerId !== undefined && { container_id: move.containerId }),
  };
}

/** `statuses` for items that share their container's trash (`ContentFilter.trashedWithContainer`). */
function statusWithContainer(
  eb: ExpressionBuilder<Joined, 'c' | 'v'>,
  statuses: readonly ContentStatus[],
): Expression<SqlBool> {
  const containerTrashed = eb.exists(
    eb
      .selectFrom('content as container')
      .select('container.id')
      .whereRef('container.id', '=', 'c.container_id')
      .where('container.status', '=', 'trashed'),
  );
  const own = statuses.filter((status) => status !== 'trashed');
  return eb.or([
    ...(own.length > 0 ? [eb.and([eb('c.status', 'in', own), eb.not(containerTrashed)])] : []),
    ...(statuses.includes('trashed') ? [eb.or([eb('c.status', '=', 'trashed'), containerTrashed])] : []),
  ]);
}

/** Each item with its current version. */
function joinedOn(db: Kysely<Tables>) {
  return (db as unknown as Kysely<Joined>)
    .selectFrom('content as c')
    .innerJoin('content_versions as v', (join) =>
      join.onRef('v.content_id', '=', 'c.id').onRef('v.number', '=', 'c.current_version'),
    );
}

// The most frequent query of all (several per upload).
const contentById = reusableQuery((db) => joinedOn(db).select(contentColumns).where('c.id', '=', 0));
const insertContent = reusableInsert((db, values: ReturnType<typeof contentValues>) =>
  db.insertInto('content').values(values).returning('id'),
);
const insertVersion = reusableInsert((db, values: ReturnType<typeof versionValues>) =>
  db.insertInto('content_versions').values(values),
);
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

export function sqlContentRepository(db: Kysely<Tables>, text: TextIndex): ContentRepository {
  const joined = () => joinedOn(db);

  type Query = ReturnType<typeof joined>;

  /** Every item below `id`, through page parents and containers, at any depth. */
  const treeBelow = (id: number) =>
    (db as unknown as Kysely<Joined & { tree: { id: number } }>).withRecursive('tree(id)', (qb) =>
      qb
        .selectFrom('content')
        .select('content.id')
        .where((eb) => eb.or([eb('content.parent_id', '=', id), eb('content.container_id', '=', id)]))
        .union(
          qb
            .selectFrom('content')
            .innerJoin('tree', (join) =>
              join.on((eb) =>
                eb.or([
                  eb('content.parent_id', '=', eb.ref('tree.id')),
                  eb('content.container_id', '=', eb.ref('tree.id')),
                ]),
              ),
            )
            .select('content.id'),
        ),
    );
  const filtered = <Q extends SelectQueryBuilder<Joined, 'c' | 'v', object>>(
    query: Q,
    filter: ContentFilter,
  ): Q => {
    let q = query as SelectQueryBuilder<Joined, 'c' | 'v', object>;
    if (filter.types?.length) q = q.where('c.type', 'in', [...filter.types]);
    if (filter.statuses?.length) {
      const statuses = filter.statuses;
      q = filter.trashedWithContainer
        ? q.where((eb) => statusWithContainer(eb, statuses))
        : q.where('c.status', 'in', [...statuses]);
    }
    if (filter.labelId !== undefined) {
      const labelId = filter.labelId;
      q = q.where('c.id', 'in', (eb) =>
        eb
          .selectFrom('content_labels')
          .select('content_labels.content_id')
          .where('content_labels.label_id', '=', labelId),
      );
    }
    if (filter.spaceIds?.length) q = q.where('c.space_id', 'in', [...filter.spaceIds]);
    if (filter.viewer) q = q.where(visibleContent(filter.viewer));
    if (filter.ids?.length) q = q.where('c.id', 'in', [...filter.ids]);
    if (filter.title !== undefined) q = q.where('c.title', '=', filter.title);
    if (filter.parentId === null) q = q.where('c.parent_id', 'is', null);
    else if (filter.parentId !== undefined) q = q.where('c.parent_id', '=', filter.parentId);
    if (filter.containerId !== undefined) q = q.where('c.container_id', '=', filter.containerId);
    if (filter.commentLocation) q = q.where('c.comment_location', '=', filter.commentLocation);
    if (filter.customType !== undefined) q = q.where('c.custom_type', '=', filter.customType);
    const resolutions = filter.resolutionStatuses;
    if (resolutions?.length) {
      q = q.where('c.id', 'in', (eb) =>
        eb
          .selectFrom('inline_comments')
          .select('inline_comments.content_id')
          .where('inline_comments.resolution_status', 'in', [...resolutions]),
      );
    }
    if (filter.mediaType !== undefined) q = q.where('v.media_type', '=', filter.mediaType);
    if (filter.createdBetweenMs) {
      q = q
        .where('c.created_at_ms', '>=', filter.createdBetweenMs.fromMs)
        .where('c.created_at_ms', '<', filter.createdBetweenMs.toMs);
    }
    return q as Q;
  };

  const countOf = async (query: Query) => {
    const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  };

  const typeOf = async (id: number) => {
    const row = await db.selectFrom('content').select('type').where('id', '=', id).executeTakeFirst();
    return row ? (row.type as ContentType) : null;
  };
  const findById = async (id: number) => {
    const row = await contentById(db, id);
    return row && toContent(row as JoinedRow);
  };

  return {
    async insert(content, firstVersion) {
      const values = contentValues(content, firstVersion);
      const inserted = await insertContent(db, values);
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

    findById,

    async findVersion(id, versionNumber) {
      const row = await db
        .selectFrom('content_versions')
        .selectAll()
        .where('content_id', '=', id)
        .where('number', '=', versionNumber)
        .executeTakeFirst();
      return row && toVersion(row);
    },

    async listVersions(id, window) {
      const versions = db.selectFrom('content_versions').where('content_id', '=', id);
      const [rows, total] = await Promise.all([
        versions.selectAll().orderBy('number', 'desc').limit(window.limit).offset(window.start).execute(),
        versions.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toVersion), total: Number(total.n) };
    },

    async listVersionsKeyset(id, window) {
      const descending = window.sort.direction === 'desc';
      let query = db.selectFrom('content_versions').where('content_id', '=', id);
      const after = window.after;
      if (after) query = query.where('number', descending ? '<' : '>', after.id);
      const rows = await query
        .selectAll()
        .orderBy('number', descending ? 'desc' : 'asc')
        .limit(window.limit + 1)
        .execute();
      const items = rows.slice(0, window.limit).map(toVersion);
      const last = items.at(-1);
      return {
        items,
        next: rows.length > window.limit && last ? { sortValue: last.number, id: last.number } : undefined,
      };
    },

    async appendVersion(id, version, move = {}) {
      const current = await db
        .selectFrom('content_versions')
        .select((eb) => eb.fn.max('number').as('latest'))
        .where('content_id', '=', id)
        .executeTakeFirstOrThrow();
      const number = Number(current.latest ?? 0) + 1;
      await insertVersion(db, versionValues(id, number, version));
      await db
        .updateTable('content')
        .set({
          current_version: number,
          title: version.title,
          updated_at_ms: version.createdAtMs,
          ...moveValues(move),
        })
        .where('id', '=', id)
        .execute();
      await text.reindex(id);
      const updated = await findById(id);
      if (!updated) throw new Error(`content ${id} vanished while being versioned`);
      return updated;
    },

    async setSiblingOrder(ids) {
      for (const [position, id] of ids.entries()) {
        await db
          .updateTable('content')
          .set({ position })
          .where('id', '=', id)
          .where((eb) => eb.or([eb('position', 'is', null), eb('position', '!=', position)]))
          .execute();
      }
    },

    async setPlace(id, move, updatedAtMs) {
      await db
        .updateTable('content')
        .set({ ...moveValues(move), updated_at_ms: updatedAtMs })
        .where('id', '=', id)
        .execute();
    },

    async removeVersion(id, versionNumber) {
      await db
        .deleteFrom('content_versions')
        .where('content_id', '=', id)
        .where('number', '=', versionNumber)
        .execute();
    },

    async remove(id) {
      await db.deleteFrom('content').where('id', '=', id).execute();
    },

    async list(filter, window) {
      const query = filtered(joined(), filter);
      // Children follow their sibling positions (set by moves); those never placed follow, oldest first.
      const ordered =
        filter.parentId === undefined
          ? query.select(contentColumns)
          : query.select(contentColumns).orderBy(sql`c.position is null`).orderBy('c.position');
      const [rows, total] = await Promise.all([
        ordered.orderBy('c.id').limit(window.limit).offset(window.start).execute(),
        countOf(query),
      ]);
      return { items: rows.map((row) => toContent(row as JoinedRow)), total };
    },

    async listKeyset(filter, window): Promise<KeysetSlice<Content>> {
      const order = orderOf(window.sort);
      let query = filtered(joined(), filter);
      const after = window.after;
      if (after) query = query.where((eb) => afterKeyset(eb, order, after));
      const direction = order.descending ? 'desc' : 'asc';
      const rows = await query
        .select(contentColumns)
        .orderBy(order.column as 'c.id', direction)
        .orderBy('c.id', direction)
        .limit(window.limit + 1)
        .execute();
      const items = rows.slice(0, window.limit).map((row) => toContent(row as JoinedRow));
      const last = items.at(-1);
      const lastRow = rows[window.limit - 1] as JoinedRow | undefined;
      const next =
        rows.length > window.limit && last && lastRow
          ? { sortValue: sortValueOf(last, lastRow, window.sort), id: last.id }
          : undefined;
      return { items, next };
    },

    async descendants(id, filter, window) {
      const tree = treeBelow(id)
        .selectFrom('content as c')
        .innerJoin('content_versions as v', (join) =>
          join.onRef('v.content_id', '=', 'c.id').onRef('v.number', '=', 'c.current_version'),
        )
        .where('c.id', 'in', (eb) => eb.selectFrom('tree').select('tree.id'));
      const query = filtered(tree as unknown as Query, filter);
      const [rows, total] = await Promise.all([
        query.select(contentColumns).orderBy('c.id').limit(window.limit).offset(window.start).execute(),
        countOf(query),
      ]);
      return { items: rows.map((row) => toContent(row as JoinedRow)), total };
    },

    async treeDescendants(id, filter, window) {
      const types = [...filter.types];
      const statuses = [...filter.statuses];
      const after = window.after;
      const rows = await sql<{ id: number; depth: number }>`WITH RECURSIVE tree(id, depth) AS (
          SELECT c.id, 1 FROM content c
            WHERE c.parent_id = ${id} AND c.type IN (${sql.join(types)}) AND c.status IN (${sql.join(statuses)})
          UNION ALL
          SELECT c.id, t.depth + 1 FROM content c JOIN tree t ON c.parent_id = t.id
            WHERE t.depth < ${filter.maxDepth} AND c.type IN (${sql.join(types)})
              AND c.status IN (${sql.join(statuses)})
        )
        SELECT c.id AS id, tree.depth AS depth FROM tree JOIN content c ON c.id = tree.id
        WHERE ${filter.viewer ? visibleContent(filter.viewer) : sql<SqlBool>`1 = 1`}
          ${after ? sql`AND (tree.depth > ${Number(after.sortValue)} OR (tree.depth = ${Number(after.sortValue)} AND c.id > ${after.id}))` : sql``}
        ORDER BY tree.depth, c.id LIMIT ${window.limit + 1}`.execute(db);
      const page = rows.rows.slice(0, window.limit);
      const found =
        page.length === 0
          ? []
          : await joined()
              .select(contentColumns)
              .where(
                'c.id',
                'in',
                page.map((row) => Number(row.id)),
              )
              .execute();
      const byId = new Map(found.map((row) => [Number(row.id), toContent(row as JoinedRow)]));
      const items = page.flatMap((row): TreeItem[] => {
        const content = byId.get(Number(row.id));
        return content ? [{ content, depth: Number(row.depth) }] : [];
      });
      const last = page.at(-1);
      return {
        items,
        next:
          rows.rows.length > window.limit && last
            ? { sortValue: Number(last.depth), id: Number(last.id) }
            : undefined,
      };
    },

    async moveTreeToSpace(id, spaceId) {
      await treeBelow(id)
        .updateTable('content')
        .set({ space_id: spaceId })
        .where('content.id', 'in', (eb) => eb.selectFrom('tree').select('tree.id'))
        .execute();
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

    async blobsUnder(id) {
      const rows = await treeBelow(id)
        .selectFrom('content_versions')
        .select('content_versions.blob_sha256')
        .distinct()
        .where('content_versions.blob_sha256', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('content_versions.content_id', '=', id),
            eb('content_versions.content_id', 'in', eb.selectFrom('tree').select('tree.id')),
          ]),
        )
        .execute();
      return rows.flatMap((row) => (row.blob_sha256 === null ? [] : [row.blob_sha256]));
    },

    async ancestors(id) {
      const chain: Content[] = [];
      let current = await findById(id);
      const seen = new Set<number>([id]);
      while (current?.parentId != null && !seen.has(current.parentId)) {
        seen.add(current.parentId);
        const parent = await findById(current.parentId);
        if (!parent) break;
        chain.unshift(parent);
        current = parent;
      }
      return chain;
    },
  };
}
