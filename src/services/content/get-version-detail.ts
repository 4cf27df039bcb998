import type { Content, ContentVersion } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { type ContentTarget, liveStatuses, requireContentOfType } from './require-content-of-type.ts';
import { versionsBeside } from './versions-beside.ts';

export interface VersionDetail {
  content: Content;
  version: ContentVersion;
  /** The neighbouring versions that still exist; undefined at either end of the history. */
  prevVersion: number | undefined;
  nextVersion: number | undefined;
}

/** v2 `GET /{type}/{id}/versions/{n}`: one version of an item, with the numbers of those beside it. */
export async function getVersionDetail(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  versionNumber: number,
): Promise<VersionDetail> {
  const content = await requireContentOfType(deps, principal, target, [...liveStatuses, 'trashed']);
  const version = await deps.store.content.findVersion(content.id, versionNumber);
  if (!version) {
    throw notFound(`Version ${versionNumber} of content ${content.id} does not exist`, {
      contentId: content.id,
      versionNumber,
    });
  }
  const isCurrent = versionNumber === content.version.number;
  const beside = await versionsBeside(deps.store.content, content.id, versionNumber, isCurrent);
  return { content, version, prevVersion: beside.previous?.number, nextVersion: beside.next?.number };
}
