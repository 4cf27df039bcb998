import type { Content, ContentVersion } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { KeysetSlice, KeysetWindow, Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { VersionSort } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { type ContentTarget, liveStatuses, requireContentOfType } from './require-content-of-type.ts';

/** The history of an item, newest first. */
export async function listVersions(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  window: Window,
): Promise<{ content: Content; versions: Slice<ContentVersion> }> {
  const content = await requireVisibleContent(deps, principal, id, ['current', 'draft', 'trashed']);
  return { content, versions: await deps.store.content.listVersions(id, window) };
}

export async function getVersion(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  versionNumber: number,
): Promise<{ content: Content; version: ContentVersion }> {
  const content = await requireVisibleContent(deps, principal, id, ['current', 'draft', 'trashed']);
  const version = await deps.store.content.findVersion(id, versionNumber);
  if (!version) throw notFound(`No version ${versionNumber} of content ${id}`, { contentId: id });
  return { content, version };
}

/** v2 `/pages/{id}/versions`: the history by keyset, for trashed items too (their history is kept). */
export async function listVersionsByKeyset(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  window: KeysetWindow<VersionSort>,
): Promise<{ content: Content; versions: KeysetSlice<ContentVersion> }> {
  const content = await requireContentOfType(deps, principal, target, [...liveStatuses, 'trashed']);
  return { content, versions: await deps.store.content.listVersionsKeyset(content.id, window) };
}
