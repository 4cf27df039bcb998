import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import { requireAdministrator, requireSignedIn } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

export async function listUsers(
  deps: ServiceDeps,
  principal: Principal,
  window: Window,
): Promise<Slice<User>> {
  requireSignedIn(principal);
  return deps.store.users.list(window);
}

/** `GET /rest/api/admin/users/list/active`: administrators only, disabled users left out. */
export async function listActiveUsers(
  deps: ServiceDeps,
  principal: Principal,
  window: Window,
): Promise<Slice<User>> {
  requireAdministrator(principal);
  return deps.store.users.list(window, { activeOnly: true });
}
