import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { changeRestrictions } from './change-restrictions.ts';
import type { ContentRestrictions } from './describe-restrictions.ts';

/** `DELETE /content/{id}/restriction`: removes the read and update restrictions; the item is open again. */
export async function deleteRestrictions(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
): Promise<ContentRestrictions> {
  return changeRestrictions(deps, principal, contentId, {
    summary: 'Content restrictions removed',
    whenCallerLocksOut: 'add-caller',
    next: async () => ({ read: [], update: [] }),
  });
}
