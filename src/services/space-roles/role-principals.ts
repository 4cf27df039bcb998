import { badRequest, notFound } from '../../domain/errors.ts';
import type { PermissionSubject } from '../../domain/permissions.ts';
import type { ServiceDeps } from '../deps.ts';

/** v2's `Principal` of a role assignment. */
export interface RolePrincipal {
  principalType: 'USER' | 'GROUP' | 'ACCESS_CLASS';
  principalId: string;
}

// Cloud's access class for people who are not signed in; Tributary has no other access classes.
export const anonymousAccessClass = 'anonymous-users';

/** The subject a principal names: a user by account id, a group by id, anonymous by its access class. */
export async function subjectOfPrincipal(
  deps: ServiceDeps,
  principal: RolePrincipal,
): Promise<PermissionSubject> {
  if (principal.principalType === 'ACCESS_CLASS') {
    if (principal.principalId !== anonymousAccessClass) {
      throw badRequest(
        `Unsupported access class: ${principal.principalId}; only ${anonymousAccessClass} is known`,
      );
    }
    return { kind: 'anonymous' };
  }
  if (principal.principalType === 'GROUP') {
    const group = /^\d+$/.test(principal.principalId)
      ? await deps.store.groups.findById(Number(principal.principalId))
      : undefined;
    if (!group) throw notFound(`No group with id ${principal.principalId}`);
    return { kind: 'group', groupId: group.id };
  }
  const user = await deps.store.users.findByAccountId(principal.principalId);
  if (!user) throw notFound(`No user with account id ${principal.principalId}`);
  return { kind: 'user', userId: user.id };
}

/** The principal a subject is shown as; undefined for a user or group that is gone. */
export async function principalOfSubject(
  deps: ServiceDeps,
  subject: PermissionSubject,
): Promise<RolePrincipal | undefined> {
  if (subject.kind === 'anonymous')
    return { principalType: 'ACCESS_CLASS', principalId: anonymousAccessClass };
  if (subject.kind === 'group') {
    const group = await deps.store.groups.findById(subject.groupId);
    return group && { principalType: 'GROUP', principalId: String(group.id) };
  }
  const user = await deps.store.users.findById(subject.userId);
  return user && { principalType: 'USER', principalId: user.accountId };
}
