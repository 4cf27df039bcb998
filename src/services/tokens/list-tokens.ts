import { forbidden } from '../../domain/errors.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { ApiToken } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireUserByUsername } from '../users/find-user.ts';

export async function listTokens(
  deps: ServiceDeps,
  principal: Principal,
  username: string,
): Promise<ApiToken[]> {
  const owner = await requireUserByUsername(deps.store.users, username);
  const own = principal.kind === 'user' && principal.user.id === owner.id;
  if (!own && !isAdministrator(principal)) throw forbidden('You may only list your own tokens');
  return deps.store.tokens.listForUser(owner.id);
}
