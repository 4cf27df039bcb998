import { forbidden } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { type LikeTarget, requireLikeable } from './likeable-content.ts';

/**
 * The caller likes a page, blog post or comment they can see; liking it again changes nothing. Neither
 * spec has an operation for this (Confluence's web UI likes through private endpoints): this is how the
 * web UI and tests add likes. Anonymous callers cannot like.
 */
export async function likeContent(
  deps: ServiceDeps,
  principal: Principal,
  target: LikeTarget,
): Promise<boolean> {
  if (principal.kind !== 'user') throw forbidden('Only a signed-in user can like content');
  const content = await requireLikeable(deps, principal, target);
  const userId = principal.user.id;
  return deps.store.transaction((repositories) =>
    repositories.likes.add(content.id, userId, deps.clock.nowMs()),
  );
}
