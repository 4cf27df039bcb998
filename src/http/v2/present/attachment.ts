import type { Content, ContentVersion } from '../../../domain/content.ts';
import { describeMediaType } from '../../../domain/media-type-descriptions.ts';
import type { KeysetSlice } from '../../../domain/paging.ts';
import type { AttachmentContext } from '../../../services/attachments/attachment-context.ts';
import type { AttachmentIncludes } from '../../../services/attachments/load-attachment-includes.ts';
import type { ContentOperation } from '../../../services/permissions/content-operations.ts';
import { attachmentWebuiOf, downloadPathOf } from '../../common/attachment-links.ts';
import type { Surface } from '../../common/surface.ts';
import { isoOf } from '../../common/time.ts';
import { encodeCursor } from '../paging.ts';
import { presentV2ContentProperty } from './content-property.ts';
import { presentV2Label } from './label.ts';
import { presentV2Operation, presentV2Operations } from './operations.ts';
import { presentV2Version } from './page.ts';

/** Cloud names attachments `att123` on every v2 path, the bare `/api/v2` mount included (§0.4). */
export const v2AttachmentIdOf = (id: number) => `att${id}`;

export interface V2AttachmentOptions {
  surface: Surface;
  context: AttachmentContext;
  /** `include-version`: true unless the caller turns it off. */
  includeVersion?: boolean;
  /** A single attachment (`GET /attachments/{id}`) names the site's base in its `_links`. */
  root?: boolean;
}

const viewOf = (options: Pick<V2AttachmentOptions, 'surface' | 'context'>) => ({
  surface: options.surface,
  relations: options.context.relations,
});

/**
 * `AttachmentBulk` (and the fields `AttachmentSingle` shares with it): the same id, version numbers,
 * times, file id and download link as v1 shows for the attachment, since both read the same content.
 */
export function presentV2Attachment(attachment: Content, options: V2AttachmentOptions) {
  const { surface, context } = options;
  const { version } = attachment;
  const containerId = attachment.containerId;
  const containerType = containerId === null ? undefined : context.containers.get(containerId)?.type;
  const mediaType = version.file?.mediaType ?? 'application/octet-stream';
  // Clients allow a null description (clients.md) but the spec types it as a string: leave it out instead.
  const mediaTypeDescription = describeMediaType(mediaType);
  const webuiLink = attachmentWebuiOf(attachment);
  const downloadLink = downloadPathOf(attachment, version, surface);
  return {
    id: v2AttachmentIdOf(attachment.id),
    status: context.statuses.get(attachment.id) ?? attachment.status,
    title: attachment.title,
    createdAt: isoOf(attachment.createdAtMs),
    ...(containerType === 'page' && { pageId: String(containerId) }),
    ...(containerType === 'blogpost' && { blogPostId: String(containerId) }),
    mediaType,
    ...(mediaTypeDescription !== null && { mediaTypeDescription }),
    comment: version.message,
    fileId: version.file?.fileId ?? '',
    fileSize: version.file?.sizeBytes ?? 0,
    webuiLink,
    downloadLink,
    ...(options.includeVersion !== false && { version: presentV2Version(version, viewOf(options)) }),
    _links: { webui: webuiLink, download: downloadLink, ...(options.root && { base: surface.base }) },
  };
}

/** `{results, meta, _links.self}`: the first page of a list endpoint, inlined by an `include-*` flag. */
export function included<T, R>(slice: KeysetSlice<T>, present: (item: T) => R, self: string) {
  const meta = { hasMore: slice.next !== undefined, ...(slice.next && { cursor: encodeCursor(slice.next) }) };
  return { results: slice.items.map(present), meta, _links: { self } };
}

const presentOperation = presentV2Operation('attachment');

/**
 * `AttachmentSingle`: the bulk fields plus what `include-*` asked for. The spec has no schema for
 * `collaborators` [unsure]; it is shown as a collection of `{accountId}` like the others, linking to the
 * versions, whose authors they are.
 */
export function presentV2AttachmentSingle(
  attachment: Content,
  includes: AttachmentIncludes,
  options: V2AttachmentOptions,
) {
  const { surface, context } = options;
  const self = (collection: string) =>
    `${surface.context}/api/v2/attachments/${v2AttachmentIdOf(attachment.id)}/${collection}`;
  const accountIdOf = (userId: number | null) =>
    userId === null ? undefined : context.relations.users.get(userId)?.accountId;
  const { labels, properties, operations, versions, collaborators } = includes;
  return {
    ...presentV2Attachment(attachment, { ...options, root: true }),
    ...(labels && { labels: included(labels, presentV2Label, self('labels')) }),
    ...(properties && {
      properties: included(
        properties,
        (property) => presentV2ContentProperty(property, accountIdOf(property.authorId)),
        self('properties'),
      ),
    }),
    ...(operations && {
      operations: included({ items: operations, next: undefined }, presentOperation, self('operations')),
    }),
    ...(versions && {
      versions: included(versions, (version) => presentV2Version(version, viewOf(options)), self('versions')),
    }),
    ...(collaborators && {
      collaborators: {
        results: collaborators.userIds.flatMap((userId) => {
          const accountId = accountIdOf(userId);
          return accountId === undefined ? [] : [{ accountId }];
        }),
        meta: { hasMore: collaborators.hasMore },
        _links: { self: self('versions') },
      },
    }),
  };
}

/** `AttachmentVersion`: the version and, under `attachment`, what it versions. */
export function presentV2AttachmentVersion(
  attachment: Content,
  version: ContentVersion,
  options: Pick<V2AttachmentOptions, 'surface' | 'context'>,
) {
  return {
    ...presentV2Version(version, viewOf(options)),
    attachment: { id: v2AttachmentIdOf(attachment.id), title: version.title },
  };
}

/** `PermittedOperationsResponse`. */
export function presentV2AttachmentOperations(operations: readonly ContentOperation[]) {
  return presentV2Operations(operations, 'attachment');
}
