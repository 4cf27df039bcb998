import type { ServiceDeps } from '../deps.ts';
import { verifyPassword } from './passwords.ts';
import { userAttemptKey } from './sign-in-limiter.ts';

/**
 * A signed-in user's current password, asked before a change of password or email. Counted by the sign-in
 * limiter as a sign-in is (a stolen session must not become a way to guess the password): a user or address
 * locked out is refused with `too_many_sign_in_attempts` before scrypt runs.
 */
export async function verifyOwnPassword(
  deps: ServiceDeps,
  userId: number,
  clientAddress: string | undefined,
  password: string,
): Promise<boolean> {
  const attempt = { userKey: userAttemptKey(userId), clientAddress };
  await deps.signIns.begin(attempt);
  const stored = await deps.store.users.passwordHashOf(userId);
  if (stored === null || !(await verifyPassword(password, stored))) {
    deps.signIns.failed(attempt);
    return false;
  }
  deps.signIns.succeeded(attempt);
  return true;
}
