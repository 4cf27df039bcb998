import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { changeRestrictions } from './change-restrictions.ts';
import type { ContentRestrictions } from './describe-restrictions.ts';
import { type RestrictionUpdate, requireDistinctOperations } from './replace-restrictions.ts';
import { resolveSubjects } from './restriction-input.ts';

/**
 * `POST /content/{id}/restriction`: adds the users and groups given to each operation's restriction and
 * keeps those already there. Restricting an open operation closes it to everyone else, so the caller is
 * kept in (see changeRestrictions).
 */
export async function addRestrictions(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
  updates: readonly RestrictionUpdate[],
): Promise<ContentRestrictions> {
  requireDistinctOperations(updates);
  return changeRestrictions(deps, principal, contentId, {
    summary: 'Content restrictions added',
    whenCallerLocksOut: 'add-caller',
    async next(current, repositories) {
      const next = { ...current };
      for (const { operation, users, groups } of updates) {
        next[operation] = [
          ...current[operation],
          ...(await resolveSubjects(repositories, users ?? [])),
          ...(await resolveSubjects(repositories, groups ?? [])),
        ];
      }
      return next;
    },
  });
}
