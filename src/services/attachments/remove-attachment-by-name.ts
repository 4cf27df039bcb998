import type { Content } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { deleteAttachmentVersion } from './delete-attachment-version.ts';
import { findAttachmentByName } from './find-attachment.ts';
import { trashAttachment } from './trash-attachment.ts';

export interface RemoveByNameInput {
  containerId: number;
  filename: string;
  /** Only this version; without it the whole attachment goes to the trash. */
  versionNumber?: number | undefined;
}

export type RemoveByNameOutcome = 'trashed' | 'versionDeleted';

/**
 * The legacy `json/removeattachment.action` of older Server clients (clients.md): the current attachment
 * of that name on the page goes to the trash, or only the version named.
 */
export async function removeAttachmentByName(
  deps: ServiceDeps,
  principal: Principal,
  input: RemoveByNameInput,
): Promise<{ attachment: Content; outcome: RemoveByNameOutcome }> {
  requireWriter(principal);
  const { attachment } = await findAttachmentByName(
    deps,
    principal,
    input.containerId,
    input.filename,
    undefined,
  );
  if (input.versionNumber === undefined) {
    await trashAttachment(deps, principal, input.containerId, attachment.id);
    return { attachment, outcome: 'trashed' };
  }
  await deleteAttachmentVersion(deps, principal, {
    attachmentId: attachment.id,
    containerId: input.containerId,
    versionNumber: input.versionNumber,
  });
  return { attachment, outcome: 'versionDeleted' };
}
