import type { CommentLocation, Content, ContentVersion } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { VersionSort } from '../../ports/content-store.ts';
import { type VersionWithNeighbours, versionWithNeighbours } from '../content/versions-beside.ts';
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

export interface CommentVersionDetail extends VersionWithNeighbours {
  comment: Content;
}

/** v2 `GET /footer-comments/{id}/versions/{n}` and the inline one, with the numbers beside it. */
export async function getCommentVersion(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  location: CommentLocation,
  versionNumber: number,
): Promise<CommentVersionDetail> {
  const comment = await requireCommentAt(deps, principal, id, location);
  const found = await versionWithNeighbours(deps.store.content, comment, versionNumber);
  if (!found) {
    throw notFound(`No version ${versionNumber} of comment ${id}`, { contentId: id, versionNumber });
  }
  return { comment, ...found };
}
