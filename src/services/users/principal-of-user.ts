import type { Principal } from '../../domain/principal.ts';
import { administratorsGroup, type User } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** The user as the policy sees them when they sign in: administrators are the administrators group. */
export async function principalOfUser(deps: Pick<ServiceDeps, 'store'>, user: User): Promise<UserPrincipal> {
  return {
    kind: 'user',
    user,
    isAdministrator: await deps.store.groups.isMember(user.id, administratorsGroup),
  };
}
