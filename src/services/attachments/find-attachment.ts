import { hasThumbnail } from '../../domain/attachment-rules.ts';
import type { Content, ContentVersion } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';

export interface AttachmentFileVersion {
  attachment: Content;
  version: ContentVersion;
}

async function versionOf(deps: ServiceDeps, attachment: Content, versionNumber: number | undefined) {
  if (versionNumber === undefined || versionNumber === attachment.version.number) return attachment.version;
  const version = await deps.store.content.findVersion(attachment.id, versionNumber);
  if (!version?.file) {
    throw notFound(`No version ${versionNumber} of attachment ${attachment.id}`, {
      attachmentId: attachment.id,
    });
  }
  return version;
}

/** An attachment by id (optionally required to sit on `containerId`), and the asked version of its file. */
export async function findAttachmentVersion(
  deps: ServiceDeps,
  principal: Principal,
  attachmentId: number,
  options: { containerId?: number; versionNumber?: number | undefined },
): Promise<AttachmentFileVersion> {
  const attachment = await requireVisibleContent(deps, principal, attachmentId, ['current']);
  const onContainer = options.containerId === undefined || attachment.containerId === options.containerId;
  // Attachments go to the trash with their page: a trashed page's files are not served as current.
  const container =
    attachment.containerId === null ? undefined : await deps.store.content.findById(attachment.containerId);
  const containerLive = container?.status === 'current' || container?.status === 'draft';
  if (attachment.type !== 'attachment' || !onContainer || !containerLive) {
    throw notFound(`No attachment found with id : ${attachmentId}`, { attachmentId });
  }
  return { attachment, version: await versionOf(deps, attachment, options.versionNumber) };
}

/** `/download/attachments/{containerId}/{filename}`: the current attachment of that name on the container. */
export async function findAttachmentByName(
  deps: ServiceDeps,
  principal: Principal,
  containerId: number,
  filename: string,
  versionNumber: number | undefined,
): Promise<AttachmentFileVersion> {
  const container = await requireVisibleContent(deps, principal, containerId, ['current', 'draft']);
  const attachment = await deps.store.content.currentAttachmentNamed(container.id, filename.normalize('NFC'));
  if (!attachment) throw notFound(`No attachment named ${filename} on content ${containerId}`, { filename });
  return { attachment, version: await versionOf(deps, attachment, versionNumber) };
}

/** The file of an attachment that has a thumbnail: only images have one. */
export function requireThumbnail(found: AttachmentFileVersion): AttachmentFileVersion {
  if (!hasThumbnail(found.version.file?.mediaType ?? '')) {
    throw notFound(`Attachment ${found.attachment.id} is not an image and has no thumbnail`, {
      attachmentId: found.attachment.id,
    });
  }
  return found;
}
