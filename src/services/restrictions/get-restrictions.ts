import type { RestrictionOperation } from '../../domain/permissions.ts';
import { restrictionOperations } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { type ContentRestrictions, describeRestrictions } from './describe-restrictions.ts';

/**
 * `GET /content/{id}/restriction` and its `byOperation` forms: the item's own restrictions (not those it
 * inherits; see getRelevantViewRestrictions). Anyone who may see the item may read them; to anyone else
 * the item does not exist.
 */
export async function getRestrictions(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
  operations: readonly RestrictionOperation[] = restrictionOperations,
): Promise<ContentRestrictions> {
  const content = await requireContentOfType(deps, principal, { id: contentId });
  const restrictions = await deps.store.permissions.restrictionsOf(content.id);
  return { content, operations: await describeRestrictions(deps.store, restrictions, operations) };
}
