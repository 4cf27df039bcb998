import type { RestrictionOperation } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { changeRestrictions } from './change-restrictions.ts';
import type { ContentRestrictions } from './describe-restrictions.ts';
import { resolveSubject, type SubjectRef } from './restriction-input.ts';

/**
 * `PUT …/byOperation/{operationKey}/user`, `…/group/{name}`, `…/byGroupId/{id}`: adds one user or group to
 * an operation's restriction; one already there changes nothing. Restricting an open operation to someone
 * else keeps the caller in as well (see changeRestrictions).
 */
export async function addRestrictionSubject(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
  operation: RestrictionOperation,
  ref: SubjectRef,
): Promise<ContentRestrictions> {
  return changeRestrictions(deps, principal, contentId, {
    summary: 'Content restriction added',
    whenCallerLocksOut: 'add-caller',
    async next(current, repositories) {
      return { ...current, [operation]: [...current[operation], await resolveSubject(repositories, ref)] };
    },
  });
}
