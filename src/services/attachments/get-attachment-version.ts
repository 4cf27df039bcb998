import type { Content, ContentVersion } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { versionWithNeighbours } from '../content/versions-beside.ts';
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

/** v2 `GET /attachments/{id}/versions/{n}`, with the numbers of the versions beside it. */
export async function getAttachmentVersion(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  versionNumber: number,
): Promise<AttachmentVersionDetail> {
  const attachment = await requireAttachment(deps, principal, id, readableAttachmentStatuses);
  const found = await versionWithNeighbours(deps.store.content, attachment, versionNumber);
  if (!found) {
    throw notFound(`Version ${versionNumber} of attachment with id '${id}' does not exist`, {
      attachmentId: id,
      versionNumber,
    });
  }
  return { attachment, ...found };
}
