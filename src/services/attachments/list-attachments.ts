import type { Content, ContentStatus } from '../../domain/content.ts';
import type { KeysetSlice, KeysetSort, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentFilter, ContentSort } from '../../ports/content-store.ts';
import { requireCursorOfSort } from '../content/list-content.ts';
import { liveStatuses, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';

/** v2 sorts attachments by date; without a sort they come in id order, which is upload order. */
export type AttachmentSort = KeysetSort<Exclude<ContentSort['by'], 'title'>>;

export interface AttachmentQuery {
  /** From `current`, `archived`, `trashed`; empty: all three. */
  statuses: readonly ContentStatus[];
  mediaType?: string | undefined;
  filename?: string | undefined;
}

// The statuses a v2 attachment list can show (api-reference.md §0.4); drafts and history never are.
const listableStatuses: readonly ContentStatus[] = ['current', 'archived', 'trashed'];
const emptySlice: KeysetSlice<Content> = { items: [], next: undefined };

function filterOf(query: AttachmentQuery): ContentFilter & { statuses: readonly ContentStatus[] } {
  return {
    types: ['attachment'],
    statuses: query.statuses.length > 0 ? query.statuses : listableStatuses,
    ...(query.mediaType !== undefined && { mediaType: query.mediaType }),
    // Names are stored NFC (attachment-rules.ts), so a client's decomposed spelling still matches.
    ...(query.filename !== undefined && { title: query.filename.normalize('NFC') }),
  };
}

/** v2 `GET /attachments`: the attachments in every space the caller may see, by keyset. */
export async function listAttachments(
  deps: ServiceDeps,
  principal: Principal,
  query: AttachmentQuery,
  window: KeysetWindow<AttachmentSort>,
): Promise<KeysetSlice<Content>> {
  requireCursorOfSort(window);
  const viewer = await viewerOf(deps, principal);
  return deps.store.content.listKeyset({ ...filterOf(query), viewer, trashedWithContainer: true }, window);
}

/**
 * v2 `GET /pages/{id}/attachments` and the blog post one. A trashed page is still found (its attachments
 * are in the trash with it, so only a `trashed` list shows them); an unknown or invisible one is a 404.
 */
export async function listContainerAttachments(
  deps: ServiceDeps,
  principal: Principal,
  container: { id: number; type: 'page' | 'blogpost' | 'custom' },
  query: AttachmentQuery,
  window: KeysetWindow<AttachmentSort>,
): Promise<KeysetSlice<Content>> {
  requireCursorOfSort(window);
  const found = await requireContentOfType(deps, principal, { id: container.id, types: [container.type] }, [
    ...liveStatuses,
    'trashed',
  ]);
  const filter = { ...filterOf(query), containerId: found.id };
  // The container is known, so its trash is applied here rather than row by row in the query.
  if (found.status !== 'trashed') return deps.store.content.listKeyset(filter, window);
  if (!filter.statuses.includes('trashed')) return emptySlice;
  return deps.store.content.listKeyset({ ...filter, statuses: listableStatuses }, window);
}
