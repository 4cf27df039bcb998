import { type Kysely, sql } from 'kysely';
import type {
  CommentLocation,
  Content,
  ContentStatus,
  ContentType,
  ContentVersion,
} from '../../../domain/content.ts';
import type { ContentMove, NewContent, NewVersion } from '../../../ports/content-store.ts';
import { reusableInsert, reusableQuery } from './reusable-query.ts';
import type { Tables } from './tables.ts';

/*
 * What every part of the content repository shares: the item-with-its-current-version join, its column
 * list, the mappers from rows to domain values and back, and the statements on every upload's path.
 */

export type Joined = Tables & { c: Tables['content']; v: Tables['content_versions'] };

export const contentColumns = [
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

export function toVersion(row: VersionRow): ContentVersion {
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

export interface JoinedRow {
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

export function toContent(row: JoinedRow): Content {
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

export function versionValues(contentId: number, number: number, version: NewVersion) {
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

/** The current version's sort keys kept on the content row (migration 0022), never NULL. */
export function currentVersionValues(version: NewVersion) {
  return {
    current_size_bytes: version.file?.sizeBytes ?? 0,
    current_media_type: version.file?.mediaType ?? '',
    current_author_id: version.authorId ?? 0,
  };
}

export function contentValues(content: NewContent, firstVersion: NewVersion) {
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
    ...currentVersionValues(firstVersion),
  };
}

export function moveValues(move: ContentMove) {
  return {
    ...(move.status !== undefined && { status: move.status }),
    ...(move.parentId !== undefined && { parent_id: move.parentId }),
    ...(move.spaceId !== undefined && { space_id: move.spaceId }),
    ...(move.containerId !== undefined && { container_id: move.containerId }),
  };
}

/** Each item with its current version. */
export function joinedOn(db: Kysely<Tables>) {
  return (db as unknown as Kysely<Joined>)
    .selectFrom('content as c')
    .innerJoin('content_versions as v', (join) =>
      join.onRef('v.content_id', '=', 'c.id').onRef('v.number', '=', 'c.current_version'),
    );
}

// The most frequent query of all (several per upload).
const contentById = reusableQuery((db) => joinedOn(db).select(contentColumns).where('c.id', '=', 0));
export const insertContent = reusableInsert((db, values: ReturnType<typeof contentValues>) =>
  db.insertInto('content').values(values).returning('id'),
);
export const insertVersion = reusableInsert((db, values: ReturnType<typeof versionValues>) =>
  db.insertInto('content_versions').values(values),
);
export async function findContentById(db: Kysely<Tables>, id: number): Promise<Content | undefined> {
  const row = await contentById(db, id);
  return row && toContent(row as JoinedRow);
}
