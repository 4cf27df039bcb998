import { hasThumbnail } from '../../domain/attachment-rules.ts';
import type { Content, ContentStatus, ContentVersion } from '../../domain/content.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';

export interface AttachmentFileVersion {
  attachment: Content;
  version: ContentVersion;
}

/** How a version the attachment does not have is answered: 404, or the v1 REST download's 400. */
type MissingVersion = 'not_found' | 'bad_request';

async function versionOf(
  deps: ServiceDeps,
  attachment: Content,
  versionNumber: number | undefined,
  missing: MissingVersion = 'not_found',
) {
  if (versionNumber === undefined || versionNumber === attachment.version.number) return attachment.version;
  const version = await deps.store.content.findVersion(attachment.id, versionNumber);
  if (!version?.file) {
    const error = missing === 'bad_request' ? badRequest : notFound;
    throw error(`No version ${versionNumber} of attachment ${attachment.id}`, {
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
  options: {
    containerId?: number;
    versionNumber?: number | undefined;
    /** The statuses the attachment may have; current only, unless the caller asks for the trash too. */
    statuses?: readonly ContentStatus[];
    missingVersion?: MissingVersion;
  },
): Promise<AttachmentFileVersion> {
  const statuses = options.statuses ?? ['current'];
  const attachment = await requireVisibleContent(deps, principal, attachmentId, statuses);
  const onContainer = options.containerId === undefined || attachment.containerId === options.containerId;
  // Attachments go to the trash with their page: a trashed page's files are served only from the trash.
  const container =
    attachment.containerId === null ? undefined : await deps.store.content.findById(attachment.containerId);
  const containerLive =
    container?.status === 'current' || container?.status === 'draft' || statuses.includes('trashed');
  if (attachment.type !== 'attachment' || !onContainer || !containerLive) {
    throw notFound(`No attachment found with id : ${attachmentId}`, { attachmentId });
  }
  return {
    attachment,
    version: await versionOf(deps, attachment, options.versionNumber, options.missingVersion),
  };
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
