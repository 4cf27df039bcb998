import type { Content } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireCommentAt } from '../comments/footer-comment.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';

/** What may be liked, as v2 paths name it: a page, a blog post, or a footer or inline comment. */
export type LikeTarget = { id: number; kind: 'page' | 'blogpost' | 'footer-comment' | 'inline-comment' };

/** The current item the caller may see; anything else is the v2 404. */
export function requireLikeable(
  deps: ServiceDeps,
  principal: Principal,
  target: LikeTarget,
): Promise<Content> {
  if (target.kind === 'page' || target.kind === 'blogpost') {
    return requireContentOfType(deps, principal, { id: target.id, types: [target.kind] }, ['current']);
  }
  const location = target.kind === 'footer-comment' ? 'footer' : 'inline';
  return requireCommentAt(deps, principal, target.id, location, ['current']);
}
