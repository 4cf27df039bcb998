import type { Content, ContentType } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { liveStatuses, requireContentOfType } from './require-content-of-type.ts';

/**
 * v2 `GET /{pages|folders|whiteboards|databases|embeds}/{id}/ancestors`: the items above one in the page
 * tree, root first, ending with its parent.
 */
export async function listAncestors(
  deps: ServiceDeps,
  principal: Principal,
  target: { id: number; type: ContentType },
): Promise<Content[]> {
  const item = await requireContentOfType(deps, principal, { id: target.id, types: [target.type] }, [
    ...liveStatuses,
    'trashed',
  ]);
  return deps.store.content.ancestors(item.id);
}
