import { hasThumbnail } from '../../domain/attachment-rules.ts';
import type { Content, ContentStatus, ContentVersion } from '../../domain/content.ts';
import { badRequest, type ErrorCode, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { seenStatusOf } from './attachment-context.ts';

export interface AttachmentFileVersion {
  attachment: Content;
  version: ContentVersion;
}

/** How a version the attachment does not have is refused: as missing, or as the v1 REST download's bad request. */
type MissingVersion = Extract<ErrorCode, 'not_found' | 'invalid_request'>;

/** The attachment's version of that number, if it has one with a file. */
async function fileVersionOf(deps: ServiceDeps, attachment: Content, versionNumber: number) {
  if (versionNumber === attachment.version.number) return attachment.version;
  const version = await deps.store.content.findVersion(attachment.id, versionNumber);
  return version?.file ? version : undefined;
}

async function versionOf(
  deps: ServiceDeps,
  attachment: Content,
  versionNumber: number | undefined,
  missing: MissingVersion = 'not_found',
) {
  if (versionNumber === undefined) return attachment.version;
  const version = await fileVersionOf(deps, attachment, versionNumber);
  if (!version) {
    const error = missing === 'invalid_request' ? badRequest : notFound;
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
  // A current attachment on a trashed page is seen as trashed (`seenStatusOf`): it is served only from
  // the trash, and as one of it.
  const stored: readonly ContentStatus[] = statuses.includes('trashed')
    ? [...statuses, 'current', 'archived']
    : statuses;
  const attachment = await requireVisibleContent(deps, principal, attachmentId, stored);
  const onContainer = options.containerId === undefined || attachment.containerId === options.containerId;
  const container =
    attachment.containerId === null ? undefined : await deps.store.content.findById(attachment.containerId);
  const seen = seenStatusOf(attachment, container);
  // Files are served from a live page (or a draft), or from the trash when asked; not from an archive.
  const served = container?.status === 'current' || container?.status === 'draft' || seen === 'trashed';
  if (attachment.type !== 'attachment' || !onContainer || !statuses.includes(seen) || !served) {
    throw notFound(`No attachment found with id : ${attachmentId}`, { attachmentId });
  }
  return {
    attachment,
    version: await versionOf(deps, attachment, options.versionNumber, options.missingVersion),
  };
}

/**
 * `/download/attachments/{containerId}/{filename}`: the current attachment of that name on the container.
 * A link to an older version names the file as that version did, and since then the attachment may have
 * been renamed, or the name given to another file: when the named attachment's version was not made at
 * the link's `modificationDate`, the attachment whose version of that number bore the name, made then, is
 * meant (or, with no date, the first such).
 */
export async function findAttachmentByName(
  deps: ServiceDeps,
  principal: Principal,
  containerId: number,
  filename: string,
  versionNumber: number | undefined,
  versionCreatedAtMs?: number,
): Promise<AttachmentFileVersion> {
  const container = await requireVisibleContent(deps, principal, containerId, ['current', 'draft']);
  const name = filename.normalize('NFC');
  const named = await deps.store.content.currentAttachmentNamed(container.id, name);
  if (named && versionNumber === undefined) return { attachment: named, version: named.version };
  if (versionNumber !== undefined) {
    const version = named && (await fileVersionOf(deps, named, versionNumber));
    if (version && (versionCreatedAtMs === undefined || version.createdAtMs === versionCreatedAtMs)) {
      return { attachment: named, version };
    }
    const wereNamed = await deps.store.content.attachmentsWhoseVersionWasNamed(
      container.id,
      name,
      versionNumber,
    );
    const madeThen = wereNamed.find((former) => former.versionCreatedAtMs === versionCreatedAtMs);
    // The named attachment's own version of that number beats a former one made at another time.
    const meant = madeThen ?? (version ? undefined : wereNamed[0]);
    const former = meant && (await deps.store.content.findById(meant.id));
    if (former) return { attachment: former, version: await versionOf(deps, former, versionNumber) };
    if (named)
      return { attachment: named, version: version ?? (await versionOf(deps, named, versionNumber)) };
  }
  throw notFound(`No attachment named ${filename} on content ${containerId}`, { filename });
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
