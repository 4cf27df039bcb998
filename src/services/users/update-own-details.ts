import { badRequest, forbidden } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import { emailRule, normaliseDisplayName, normaliseEmail } from '../../domain/user-rules.ts';
import { verifyOwnPassword } from '../auth/verify-own-password.ts';
import type { ServiceDeps } from '../deps.ts';
import { storeUserDetails } from './update-user.ts';

export interface OwnDetailsChanges {
  fullName?: string | undefined;
  /** Null or empty is refused: a signed-in user keeps an email. */
  email?: string | null | undefined;
  currentPassword?: string | undefined;
}

/**
 * DC `PUT /rest/api/user/current`: the caller's own full name and email. A full name may not be blank nor
 * hold `<` or `>`; a new email needs the current password (400 without it, 403 when it is wrong).
 */
export async function updateOwnDetails(
  deps: ServiceDeps,
  principal: Principal,
  changes: OwnDetailsChanges,
): Promise<User> {
  if (principal.kind !== 'user') throw forbidden('Only a signed-in user can change their details');
  const { user } = principal;
  if (changes.fullName === undefined && changes.email === undefined) {
    throw badRequest('Give a fullName or an email to change');
  }
  const displayName = changes.fullName === undefined ? undefined : normaliseDisplayName(changes.fullName);
  if (displayName !== undefined && /[<>]/.test(displayName)) {
    throw badRequest('Full name cannot contain < or >', { field: 'fullName' });
  }
  const email = changes.email === undefined ? undefined : normaliseEmail(changes.email);
  if (email === null) throw badRequest(emailRule, { field: 'email' });
  if (email !== undefined && email !== user.email) {
    if (changes.currentPassword === undefined || changes.currentPassword === '') {
      throw badRequest('The current password is needed to change the email address', {
        field: 'currentPassword',
      });
    }
    if (!(await verifyOwnPassword(deps, user.id, principal.remoteAddress, changes.currentPassword))) {
      throw forbidden('The current password is incorrect');
    }
  }
  return storeUserDetails(deps, principal, user.username, { displayName, email });
}
