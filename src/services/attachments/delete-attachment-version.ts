import type { Content } from '../../domain/content.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { deleteVersion } from '../content/delete-version.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { requireAttachment, requireAttachmentOn } from './require-attachment.ts';

export interface AttachmentVersionTarget {
  attachmentId: number;
  /** DC paths name the container; the attachment must sit on it (404 otherwise). */
  containerId?: number | undefined;
  versionNumber: number;
}

/**
 * Deletes one historical version of an attachment (DC `…/child/attachment/{attachmentId}/version/{n}`,
 * the Extender's `…/delete/{version}`, the legacy remove action). The current version can never go
 * (api-reference.md §5.2); the bytes go when no other version uses them.
 */
export async function deleteAttachmentVersion(
  deps: ServiceDeps,
  principal: Principal,
  target: AttachmentVersionTarget,
): Promise<Content> {
  requireWriter(principal);
  const { attachmentId, containerId, versionNumber } = target;
  const attachment =
    containerId === undefined
      ? await requireAttachment(deps, principal, attachmentId, ['current', 'trashed'])
      : (await requireAttachmentOn(deps, principal, containerId, attachmentId, ['current'])).attachment;
  // Before any word about the versions: who may not remove history learns nothing more than that.
  await requireRight(deps, principal, attachment, 'purge');
  if (versionNumber === attachment.version.number) {
    throw badRequest(
      `Version ${versionNumber} is the current version of attachment '${attachment.title}' and cannot be deleted`,
      { attachmentId, versionNumber },
    );
  }
  if (!(await deps.store.content.findVersion(attachmentId, versionNumber))) {
    throw notFound(`Version ${versionNumber} of attachment with id '${attachmentId}' does not exist`, {
      attachmentId,
      versionNumber,
    });
  }
  await deleteVersion(deps, principal, attachmentId, versionNumber);
  return attachment;
}
