import type { Content, ContentStatus } from '../../domain/content.ts';
import { ascending } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';

// Whatever a reader can still open by id: live content and the trash, not drafts (their author's alone).
const findableStatuses: readonly ContentStatus[] = ['current', 'archived', 'trashed'];

/**
 * The content among `ids` the caller may see, by id, in one query (v2 `POST /content/convert-ids-to-types`);
 * an id missing from the answer is unknown or hidden, which the caller cannot tell apart.
 */
export async function findVisibleContents(
  deps: ServiceDeps,
  principal: Principal,
  ids: readonly number[],
): Promise<Map<number, Content>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const viewer = await viewerOf(deps, principal);
  const slice = await deps.store.content.listKeyset(
    { ids: unique, statuses: findableStatuses, viewer, trashedWithContainer: true },
    { sort: ascending('id'), after: undefined, limit: unique.length },
  );
  return new Map(slice.items.map((content) => [content.id, content]));
}
