import type { Content } from '../../domain/content.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentSort } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireCursorOfSort } from './list-content.ts';
import { liveStatuses, requireContentOfType } from './require-content-of-type.ts';

/** v2 `GET /pages/{id}/children`: the current child pages of a page, by keyset. */
export async function listChildPagesByKeyset(
  deps: ServiceDeps,
  principal: Principal,
  pageId: number,
  window: KeysetWindow<ContentSort>,
): Promise<KeysetSlice<Content>> {
  requireCursorOfSort(window);
  const parent = await requireContentOfType(deps, principal, { id: pageId, types: ['page'] }, [
    ...liveStatuses,
    'trashed',
  ]);
  return deps.store.content.listKeyset(
    {
      types: ['page'],
      parentId: parent.id,
      statuses: ['current', 'archived'],
      viewer: await viewerOf(deps, principal),
    },
    window,
  );
}
