import { type RestrictionOperation, subjectKey } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { resolveSubject, type SubjectRef } from './restriction-input.ts';

/**
 * `GET …/byOperation/{operationKey}/user` and `…/group/{name}`, `…/byGroupId/{id}`: whether the item's own
 * restriction of `operation` names the user or group. As Cloud documents, inherited restrictions, group
 * membership and space permissions are not considered: it answers what the restriction lists.
 */
export async function checkRestrictionSubject(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
  operation: RestrictionOperation,
  ref: SubjectRef,
): Promise<boolean> {
  const content = await requireContentOfType(deps, principal, { id: contentId });
  const key = subjectKey(await resolveSubject(deps.store, ref));
  const restrictions = await deps.store.permissions.restrictionsOf(content.id);
  return restrictions.some(
    (restriction) => restriction.operation === operation && subjectKey(restriction.subject) === key,
  );
}
