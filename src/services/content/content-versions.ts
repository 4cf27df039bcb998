import type { Content, ContentVersion } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { KeysetSlice, KeysetWindow, Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { VersionSort } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { type ContentTarget, liveStatuses, requireContentOfType } from './require-content-of-type.ts';
import { versionsBeside } from './versions-beside.ts';

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

/** One version of an item with the numbers of the versions that still exist beside it (v2 `DetailedVersion`). */
export interface VersionDetail {
  content: Content;
  version: ContentVersion;
  /** Undefined at either end of the history. */
  prevVersion: number | undefined;
  nextVersion: number | undefined;
}

/** Version `versionNumber` of content the caller has already been allowed to see. */
export async function versionDetailOf(
  deps: ServiceDeps,
  content: Content,
  versionNumber: number,
): Promise<VersionDetail> {
  const version = await deps.store.content.findVersion(content.id, versionNumber);
  if (!version) {
    throw notFound(`Version ${versionNumber} of ${content.type} with id '${content.id}' does not exist`, {
      contentId: content.id,
      versionNumber,
    });
  }
  const isCurrent = versionNumber === content.version.number;
  const beside = await versionsBeside(deps.store.content, content.id, versionNumber, isCurrent);
  return { content, version, prevVersion: beside.previous?.number, nextVersion: beside.next?.number };
}

/** v2 `GET /pages/{id}/versions/{n}` and the blog post one; trashed items keep their history. */
export async function getVersionDetail(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  versionNumber: number,
): Promise<VersionDetail> {
  const content = await requireContentOfType(deps, principal, target, [...liveStatuses, 'trashed']);
  return versionDetailOf(deps, content, versionNumber);
}
