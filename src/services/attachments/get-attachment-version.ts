import type { Content, ContentVersion } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { VersionSort } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { readableAttachmentStatuses } from './get-attachment.ts';
import { requireAttachment } from './require-attachment.ts';

export interface AttachmentVersionDetail {
  attachment: Content;
  version: ContentVersion;
  /** The neighbouring versions that still exist; undefined at either end of the history. */
  prevVersion: number | undefined;
  nextVersion: number | undefined;
}

/**
 * v2 `GET /attachments/{id}/versions/{n}`. Historical versions can be deleted, so the neighbours are the
 * nearest numbers still kept, not simply n - 1 and n + 1.
 */
export async function getAttachmentVersion(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  versionNumber: number,
): Promise<AttachmentVersionDetail> {
  const attachment = await requireAttachment(deps, principal, id, readableAttachmentStatuses);
  const version = await deps.store.content.findVersion(id, versionNumber);
  if (!version) {
    throw notFound(`Version ${versionNumber} of attachment with id '${id}' does not exist`, {
      attachmentId: id,
      versionNumber,
    });
  }
  const neighbour = async (sort: VersionSort) => {
    const after = { sortValue: versionNumber, id: versionNumber };
    const slice = await deps.store.content.listVersionsKeyset(id, { sort, after, limit: 1 });
    return slice.items[0]?.number;
  };
  return {
    attachment,
    version,
    prevVersion: await neighbour('-modified-date'),
    nextVersion: await neighbour('modified-date'),
  };
}
