import type { Content } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { describeRestrictions, type OperationRestrictions } from './describe-restrictions.ts';

/** One item on the way up that has a read restriction, and who it lets through. */
export interface ViewRestrictionOf {
  content: Content;
  read: OperationRestrictions;
}

/**
 * `GET /content/{id}/restriction/relevantViewRestrictions` (Data Center): every read restriction that
 * decides who sees the item, its own first, then its parent pages' and its container's, nearest first.
 * A viewer must pass all of them. Only someone who sees the item may ask, and such a caller passes every
 * restriction listed, so the items named are ones they may see.
 */
export async function getRelevantViewRestrictions(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
): Promise<{ content: Content; restrictions: ViewRestrictionOf[] }> {
  const content = await requireContentOfType(deps, principal, { id: contentId });
  const rows = await deps.store.permissions.restrictionsAbove(content.id, 'read');
  const itemIds = [...new Set(rows.map((row) => row.contentId))];
  const restrictions: ViewRestrictionOf[] = [];
  for (const itemId of itemIds) {
    const item = itemId === content.id ? content : await deps.store.content.findById(itemId);
    if (!item) continue;
    const own = rows.filter((row) => row.contentId === itemId);
    const [read] = await describeRestrictions(deps.store, own, ['read']);
    if (read) restrictions.push({ content: item, read });
  }
  return { content, restrictions };
}
