import type { KeysetSlice, KeysetSort, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';
import { type LikeTarget, requireLikeable } from './likeable-content.ts';

/** v2 `GET /pages/{id}/likes/count` and the blog post and comment ones. */
export async function countLikes(
  deps: ServiceDeps,
  principal: Principal,
  target: LikeTarget,
): Promise<number> {
  const content = await requireLikeable(deps, principal, target);
  return deps.store.likes.count(content.id);
}

/** v2 `GET /pages/{id}/likes/users` and the others: who liked it, first liker first. */
export async function listLikers(
  deps: ServiceDeps,
  principal: Principal,
  target: LikeTarget,
  window: KeysetWindow<KeysetSort<'created'>>,
): Promise<KeysetSlice<User>> {
  const content = await requireLikeable(deps, principal, target);
  return likersOf(deps, content.id, window);
}

/** The users who liked an item the caller has been shown already. */
export async function likersOf(
  deps: ServiceDeps,
  contentId: number,
  window: KeysetWindow<KeysetSort<'created'>>,
): Promise<KeysetSlice<User>> {
  const likes = await deps.store.likes.list(contentId, window);
  const users: User[] = [];
  for (const like of likes.items) {
    const user = await deps.store.users.findById(like.userId);
    if (user) users.push(user);
  }
  return { items: users, next: likes.next };
}
