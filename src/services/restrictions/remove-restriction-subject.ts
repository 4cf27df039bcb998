import { notFound } from '../../domain/errors.ts';
import { type RestrictionOperation, subjectKey } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { changeRestrictions } from './change-restrictions.ts';
import type { ContentRestrictions } from './describe-restrictions.ts';
import { type RestrictionSubject, resolveSubject, type SubjectRef } from './restriction-input.ts';

/**
 * `DELETE …/byOperation/{operationKey}/user`, `…/group/{name}`, `…/byGroupId/{id}`: takes one user or
 * group out of an operation's restriction; removing the last one opens the operation. A subject the
 * restriction does not name is a 404, as Cloud answers. Removing a group the caller passes through gets
 * the caller added by name; removing themselves, when nothing else lets them through, is refused (400).
 */
export async function removeRestrictionSubject(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
  operation: RestrictionOperation,
  ref: SubjectRef,
): Promise<ContentRestrictions> {
  let removed: RestrictionSubject | undefined;
  const removesCaller = () =>
    removed?.kind === 'user' && principal.kind === 'user' && removed.userId === principal.user.id;
  return changeRestrictions(deps, principal, contentId, {
    summary: 'Content restriction removed',
    whenCallerLocksOut: () => (removesCaller() ? 'refuse' : 'add-caller'),
    async next(current, repositories) {
      removed = await resolveSubject(repositories, ref);
      const key = subjectKey(removed);
      const remaining = current[operation].filter((subject) => subjectKey(subject) !== key);
      if (remaining.length === current[operation].length) {
        throw notFound(`The ${operation} restriction of content ${contentId} does not name ${ref.value}`, {
          contentId,
        });
      }
      return { ...current, [operation]: remaining };
    },
  });
}
