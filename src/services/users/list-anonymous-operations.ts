import type { GlobalOperation } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * The global permissions anonymous visitors hold (`GET /user/anonymous?expand=operations`). Anyone who
 * reached the site may ask: the hook has already turned away anonymous callers when anonymous access is off.
 */
export async function listAnonymousOperations(
  deps: ServiceDeps,
  _principal: Principal,
): Promise<GlobalOperation[]> {
  return deps.store.permissions.globalOperationsOf(null);
}
