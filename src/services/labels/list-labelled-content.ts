import type { Content, ContentStatus, ContentType } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import { ascending, type KeysetSlice, type KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentSort } from '../../ports/content-store.ts';
import { requireCursorOfSort } from '../content/list-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';

export interface LabelledContentQuery {
  type: ContentType;
  statuses: readonly ContentStatus[];
  /** Only content in these spaces; every space the caller sees when empty. */
  spaceIds?: readonly number[];
}

/**
 * v2 `GET /labels/{id}/pages`, `…/blogposts` and `…/attachments`: the content of one type carrying a
 * label, in spaces (and under restrictions) the caller may see; an unknown label is a 404.
 */
export async function listLabelledContent(
  deps: ServiceDeps,
  principal: Principal,
  labelId: number,
  query: LabelledContentQuery,
  window: KeysetWindow<ContentSort>,
): Promise<KeysetSlice<Content>> {
  requireCursorOfSort(window);
  const label = await deps.store.labels.list(
    { ids: [labelId] },
    { sort: ascending('id'), after: undefined, limit: 1 },
  );
  if (label.items.length === 0) throw notFound(`No label found with id : ${labelId}`, { labelId });
  const viewer = await viewerOf(deps, principal);
  return deps.store.content.listKeyset(
    {
      types: [query.type],
      statuses: query.statuses,
      ...(query.spaceIds !== undefined && query.spaceIds.length > 0 && { spaceIds: query.spaceIds }),
      labelId,
      viewer,
      // An attachment or comment in a trashed container is in the trash with it.
      trashedWithContainer: true,
    },
    window,
  );
}
