import type { Space } from '../../domain/content.ts';
import { conflict, forbidden } from '../../domain/errors.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';
import { holdsGlobal } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { requireUserByUsername } from '../users/find-user.ts';
import { storeNewSpace } from './create-space.ts';

/** `PersonalSpaceDetailsForCreation`: a description, and `isPrivate` (or `private`). */
export interface PersonalSpaceInput {
  /** The plain text of the space's description. */
  description?: string;
  isPrivate?: boolean;
  private?: boolean;
}

/** The key Confluence gives a user's personal space. */
export const personalSpaceKeyOf = (user: Pick<User, 'username'>) => `~${user.username}`;

async function createFor(deps: ServiceDeps, principal: Principal, user: User, input: PersonalSpaceInput) {
  const description = input.description ?? '';
  // Either name asks for privacy: Cloud's clients send `isPrivate`, older ones `private`.
  const isPrivate = input.isPrivate === true || input.private === true;
  const key = personalSpaceKeyOf(user);
  // One personal space per user, as in Confluence: a second is a 409 (both specs).
  if (await deps.store.spaces.findByKey(key)) {
    throw conflict(`${user.username} already has a personal space`, { spaceKey: key });
  }
  return storeNewSpace(deps, principal, {
    key,
    name: user.displayName,
    description,
    type: 'personal',
    private: isPrivate,
    ownerId: user.id,
  });
}

/** Data Center `POST /space/personal`: the caller's own personal space, `~username`. */
export async function createOwnPersonalSpace(
  deps: ServiceDeps,
  principal: Principal,
  input: PersonalSpaceInput,
): Promise<Space> {
  requireWriter(principal);
  if (principal.kind !== 'user') throw forbidden('Only a user can have a personal space');
  if (!(await holdsGlobal(deps, principal, 'personal_space:create'))) {
    throw forbidden('You are not permitted to create a personal space');
  }
  return createFor(deps, principal, principal.user, input);
}

/** Data Center `POST /admin/space/personal/{username}`: for administrators, on a user's behalf. */
export async function createPersonalSpaceFor(
  deps: ServiceDeps,
  principal: Principal,
  username: string,
  input: PersonalSpaceInput,
): Promise<Space> {
  requireWriter(principal);
  if (!isAdministrator(principal))
    throw forbidden('Only administrators may create personal spaces for others');
  const user = await requireUserByUsername(deps.store.users, username);
  return createFor(deps, principal, user, input);
}
