import { badRequest } from '../../domain/errors.ts';
import type { RestrictionOperation } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { changeRestrictions } from './change-restrictions.ts';
import type { ContentRestrictions } from './describe-restrictions.ts';
import { type GroupRef, resolveSubjects, type UserRef } from './restriction-input.ts';

/** One operation's restriction in a request; a list left out (undefined) is not changed. */
export interface RestrictionUpdate {
  operation: RestrictionOperation;
  users?: readonly UserRef[] | undefined;
  groups?: readonly GroupRef[] | undefined;
}

export function requireDistinctOperations(updates: readonly RestrictionUpdate[]): void {
  const seen = new Set<RestrictionOperation>();
  for (const { operation } of updates) {
    if (seen.has(operation)) {
      throw badRequest(`The ${operation} restriction is given more than once`, { field: 'operation' });
    }
    seen.add(operation);
  }
}

/**
 * `PUT /content/{id}/restriction`, by Data Center's documented rules (Cloud's description says no more):
 * each operation given has its users and its groups replaced; an operation, or a user or group list, that
 * is left out stays as it is; an empty list removes. The caller is kept in (see changeRestrictions).
 */
export async function replaceRestrictions(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
  updates: readonly RestrictionUpdate[],
): Promise<ContentRestrictions> {
  requireDistinctOperations(updates);
  return changeRestrictions(deps, principal, contentId, {
    summary: 'Content restrictions updated',
    whenCallerLocksOut: 'add-caller',
    async next(current, repositories) {
      const next = { ...current };
      for (const { operation, users, groups } of updates) {
        const present = current[operation];
        next[operation] = [
          ...(users === undefined
            ? present.filter((subject) => subject.kind === 'user')
            : await resolveSubjects(repositories, users)),
          ...(groups === undefined
            ? present.filter((subject) => subject.kind === 'group')
            : await resolveSubjects(repositories, groups)),
        ];
      }
      return next;
    },
  });
}
