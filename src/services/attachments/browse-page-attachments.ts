import type { Content } from '../../domain/content.ts';
import type { Keyset } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import type { AttachmentBrowseFilter, AttachmentBrowseSort } from '../../ports/content-store.ts';
import { liveStatuses, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';

export interface AttachmentBrowseRequest {
  pageId: number;
  filter: Omit<AttachmentBrowseFilter, 'containerId'>;
  sort: AttachmentBrowseSort;
  /** Where the page of rows starts: after this key, or (`backwards`) before it. */
  from: { key: Keyset; backwards: boolean } | undefined;
  limit: number;
}

export interface AttachmentBrowsePage {
  container: Content;
  attachments: Content[];
  /** The authors of the shown versions, by id. */
  authors: ReadonlyMap<number, User>;
  /** How many attachments match the filter, in every page. */
  total: number;
  /** Where the next and the previous page start; undefined at either end. */
  next: Keyset | undefined;
  previous: Keyset | undefined;
}

/**
 * The attachments screen: one page's (or blog post's) current attachments in any order, a page of rows at
 * a time by keyset, so the 1,000th page of a page with 100,000 attachments costs what the first does. An
 * unknown container, or one the caller may not view, is a 404 as everywhere.
 */
export async function browsePageAttachments(
  deps: ServiceDeps,
  principal: Principal,
  request: AttachmentBrowseRequest,
): Promise<AttachmentBrowsePage> {
  const container = await requireContentOfType(
    deps,
    principal,
    { id: request.pageId, types: ['page', 'blogpost'] },
    liveStatuses,
  );
  const filter = { ...request.filter, containerId: container.id };
  const backwards = request.from?.backwards ?? false;
  const [slice, total] = await Promise.all([
    deps.store.content.browseAttachments(filter, {
      sort: request.sort,
      after: request.from?.key,
      limit: request.limit,
      backwards,
    }),
    deps.store.content.countAttachments(filter),
  ]);
  const cameFrom = request.from !== undefined && slice.items.length > 0;
  const next = backwards ? (cameFrom ? slice.last : undefined) : slice.more ? slice.last : undefined;
  const previous = backwards ? (slice.more ? slice.first : undefined) : cameFrom ? slice.first : undefined;
  const authorIds = [...new Set(slice.items.map((item) => item.version.authorId))].filter(
    (id): id is number => id !== null,
  );
  const users = await Promise.all(authorIds.map((id) => deps.store.users.findById(id)));
  const authors = new Map(
    users.filter((user): user is User => user !== undefined).map((user) => [user.id, user]),
  );
  return { container, attachments: slice.items, authors, total, next, previous };
}
