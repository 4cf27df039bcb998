import type { CommentLocation, Content, ContentVersion } from '../../domain/content.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { VersionSort } from '../../ports/content-store.ts';
import { type VersionDetail, versionDetailOf } from '../content/content-versions.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireCommentAt } from './footer-comment.ts';

/** v2 `GET /footer-comments/{id}/versions` and the inline one: a comment's edits, by keyset. */
export async function listCommentVersions(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  location: CommentLocation,
  window: KeysetWindow<VersionSort>,
): Promise<{ comment: Content; versions: KeysetSlice<ContentVersion> }> {
  const comment = await requireCommentAt(deps, principal, id, location);
  return { comment, versions: await deps.store.content.listVersionsKeyset(id, window) };
}

/** v2 `GET /footer-comments/{id}/versions/{n}` and the inline one, with the numbers beside it. */
export async function getCommentVersion(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  location: CommentLocation,
  versionNumber: number,
): Promise<VersionDetail> {
  return versionDetailOf(deps, await requireCommentAt(deps, principal, id, location), versionNumber);
}
