import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';
import { administersSite } from '../permissions/policy.ts';

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** The user as the policy sees them when they sign in: administrators are the administrators group (or hold a live admin key). */
export async function principalOfUser(deps: ServiceDeps, user: User): Promise<UserPrincipal> {
  return { kind: 'user', user, isAdministrator: await administersSite(deps, user) };
}
