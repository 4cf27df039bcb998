import type { Content } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { liveStatuses, requireContentOfType } from './require-content-of-type.ts';

/** v2 `GET /pages/{id}/ancestors`: the pages above a page, root first, ending with its parent. */
export async function listAncestors(
  deps: ServiceDeps,
  principal: Principal,
  pageId: number,
): Promise<Content[]> {
  const page = await requireContentOfType(deps, principal, { id: pageId, types: ['page'] }, [
    ...liveStatuses,
    'trashed',
  ]);
  return deps.store.content.ancestors(page.id);
}
