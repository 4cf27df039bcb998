import { forbidden } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { type LikeTarget, requireLikeable } from './likeable-content.ts';

/** Takes back the caller's like; false when they had not liked it (nothing changes then). */
export async function unlikeContent(
  deps: ServiceDeps,
  principal: Principal,
  target: LikeTarget,
): Promise<boolean> {
  if (principal.kind !== 'user') throw forbidden('Only a signed-in user can unlike content');
  const content = await requireLikeable(deps, principal, target);
  const userId = principal.user.id;
  return deps.store.transaction((repositories) => repositories.likes.remove(content.id, userId));
}
