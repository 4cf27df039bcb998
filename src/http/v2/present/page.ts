import type { Content, ContentVersion } from '../../../domain/content.ts';
import { convertBody } from '../../../services/content/convert-body.ts';
import { type ContentRelations, emptyRelations } from '../../../services/content/load-relations.ts';
import type { Surface } from '../../common/surface.ts';
import { isoOf } from '../../common/time.ts';

/** `body-format` values: lists take the primary two (and `view`), a single page any rendering. */
export const bulkBodyFormats = ['storage', 'atlas_doc_format', 'view'] as const;
export const singleBodyFormats = [
  'storage',
  'atlas_doc_format',
  'view',
  'export_view',
  'anonymous_export_view',
  'styled_view',
  'editor',
] as const;
export type V2BodyFormat = (typeof singleBodyFormats)[number];

export interface V2ContentView {
  surface: Surface;
  /** Users (for account ids) and spaces (for web links), as `loadRelations` finds them. */
  relations: ContentRelations;
  /** The body is shown only when a format is asked for. */
  bodyFormat?: V2BodyFormat | undefined;
  /** `include-version`: true unless the caller turns it off. */
  includeVersion?: boolean;
  /** A single item (`GET /pages/{id}`, POST, PUT) names the site's base in its `_links`. */
  root?: boolean;
}

export const emptyV2View = (surface: Surface): V2ContentView => ({ surface, relations: emptyRelations() });

const accountIdOf = (userId: number | null, view: V2ContentView) =>
  userId === null ? undefined : view.relations.users.get(userId)?.accountId;

/**
 * Confluence's tiny link: the id's little-endian bytes without trailing zeros, in URL-safe base64
 * (`/x/AYAB`). Clients only follow it; the web UI answers it.
 */
function tinyCodeOf(id: number): string {
  const bytes: number[] = [];
  for (let rest = BigInt(id); rest > 0n; rest >>= 8n) bytes.push(Number(rest & 0xffn));
  return Buffer.from(bytes).toString('base64url');
}

function webuiOf(content: Content, view: V2ContentView): string {
  const key = content.spaceId === null ? '' : (view.relations.spaces.get(content.spaceId)?.key ?? '');
  const slug = encodeURIComponent(content.title).replace(/%20/g, '+');
  if (content.type === 'blogpost') {
    const day = isoOf(content.createdAtMs).slice(0, 10).replace(/-/g, '/');
    return `/spaces/${key}/blog/${day}/${content.id}/${slug}`;
  }
  return `/spaces/${key}/pages/${content.id}/${slug}`;
}

/** `BodyBulk` / `BodySingle`: only the asked representation, rendered from what is stored. */
function bodyOf(content: Content, version: ContentVersion, format: V2BodyFormat, surface: Surface) {
  const stored = version.body ?? { representation: 'storage', value: '' };
  const rendered = convertBody(stored, format, { context: surface.context, contentId: content.id });
  return { [format]: { representation: rendered.representation, value: rendered.value } };
}

/** The v2 `Version`; `authorId` is left out when the author is unknown or deleted. */
export function presentV2Version(version: ContentVersion, view: V2ContentView) {
  const authorId = accountIdOf(version.authorId, view);
  return {
    createdAt: isoOf(version.createdAtMs),
    message: version.message,
    number: version.number,
    minorEdit: version.minorEdit,
    ...(authorId !== undefined && { authorId }),
  };
}

/**
 * `DetailedVersion`. Each version here is one author's save, so its only collaborator is its author; the
 * content type never changes.
 */
export function presentV2VersionDetail(
  detail: { version: ContentVersion; prevVersion: number | undefined; nextVersion: number | undefined },
  view: V2ContentView,
) {
  const { version, prevVersion, nextVersion } = detail;
  const { authorId } = presentV2Version(version, view);
  return {
    number: version.number,
    ...(authorId !== undefined && { authorId }),
    message: version.message,
    createdAt: isoOf(version.createdAtMs),
    minorEdit: version.minorEdit,
    contentTypeModified: false,
    collaborators: authorId === undefined ? [] : [authorId],
    ...(prevVersion !== undefined && { prevVersion }),
    ...(nextVersion !== undefined && { nextVersion }),
  };
}

/**
 * `PageBulk`/`PageSingle` and `BlogPostBulk`/`BlogPostSingle`: ids are strings, times ISO, users account
 * ids. The same content, version numbers and times as v1 shows, since both read the same services.
 */
export function presentV2Content(content: Content, view: V2ContentView) {
  const authorId = accountIdOf(content.creatorId, view);
  const isPage = content.type === 'page';
  return {
    id: String(content.id),
    status: content.status,
    title: content.title,
    spaceId: String(content.spaceId ?? ''),
    ...(isPage && content.parentId !== null && { parentId: String(content.parentId), parentType: 'page' }),
    ...(isPage && { position: content.position }),
    ...(authorId !== undefined && { authorId }),
    // Ownership is not transferable yet, so the creator owns the page and nobody owned it before.
    ...(isPage && { ownerId: authorId ?? null, lastOwnerId: null }),
    createdAt: isoOf(content.createdAtMs),
    ...(view.includeVersion !== false && { version: presentV2Version(content.version, view) }),
    ...(view.bodyFormat && { body: bodyOf(content, content.version, view.bodyFormat, view.surface) }),
    _links: {
      webui: webuiOf(content, view),
      editui: `/pages/resumedraft.action?draftId=${content.id}`,
      tinyui: `/x/${tinyCodeOf(content.id)}`,
      ...(view.root && { base: view.surface.base }),
    },
  };
}

/** `PageVersion` / `BlogPostVersion`: the version and, under the type's name, what it versions. */
export function presentV2ContentVersion(content: Content, version: ContentVersion, view: V2ContentView) {
  const entity = {
    id: String(content.id),
    title: version.title,
    ...(view.bodyFormat && { body: bodyOf(content, version, view.bodyFormat, view.surface) }),
  };
  return { ...presentV2Version(version, view), [content.type === 'blogpost' ? 'blogpost' : 'page']: entity };
}

/** `ChildPage`: positions are not kept yet, so `childPosition` is null and children come in id order. */
export function presentV2ChildPage(content: Content) {
  return {
    id: String(content.id),
    status: content.status,
    title: content.title,
    spaceId: String(content.spaceId ?? ''),
    childPosition: content.position,
  };
}

/** `Ancestor`: only pages have pages above them here. */
export function presentV2Ancestor(content: Content) {
  return { id: String(content.id), type: 'page' as const };
}
