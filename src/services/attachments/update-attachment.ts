import {
  attachmentTitleOf,
  checkCommentLength,
  checkFileType,
  normaliseMediaType,
} from '../../domain/attachment-rules.ts';
import type { Content } from '../../domain/content.ts';
import {
  badRequest,
  conflict,
  contentNotFound,
  duplicateFilename,
  forbidden,
  notFound,
  staleVersion,
} from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentMove } from '../../ports/content-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireCreate, requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { requireAttachmentOn } from './require-attachment.ts';

export interface UpdateAttachmentInput {
  /**
   * The number the new version gets, which must be the current one plus one (409 otherwise); `next` for
   * DC's `move`, which carries no version.
   */
  version: { number: number | undefined } | 'next';
  /** The new file name. */
  title?: string | undefined;
  mediaType?: string | undefined;
  /** Publishers keep a content hash here: stored as given. */
  comment?: string | undefined;
  /** The page or blog post to move the attachment to. */
  containerId?: number | undefined;
}

// RFC 6838 restricted names; parameters (`; charset=…`) are dropped as on upload.
function changedMediaTypeOf(raw: string | undefined): string | undefined {
  return raw === undefined ? undefined : normaliseMediaType(raw, 'metadata.mediaType');
}

function commentOf(raw: string | undefined): string | undefined {
  return raw === undefined ? undefined : checkCommentLength(raw, 'metadata.comment');
}

function versionNumberOf(version: UpdateAttachmentInput['version']): number | 'next' {
  if (version === 'next') return version;
  const number = version.number;
  // A missing or malformed number is a 400 (DC spec); a well-formed but stale one is the 409 below.
  if (number === undefined || !Number.isInteger(number) || number < 1) {
    throw badRequest('version.number must be the current version number plus one', {
      field: 'version.number',
    });
  }
  return number;
}

/** The page or blog post an attachment moves to; anything else is refused as the spec words it (403). */
async function requireNewContainer(deps: ServiceDeps, principal: Principal, containerId: number) {
  const container = await requireVisibleContent(deps, principal, containerId, ['current', 'draft']);
  if ((container.type !== 'page' && container.type !== 'blogpost') || container.spaceId === null) {
    throw forbidden(`Attachments can only be moved to a page or a blog post, not to a ${container.type}`, {
      containerId,
    });
  }
  await requireCreate(deps, principal, container.spaceId, { type: 'attachment' }, container);
  return container;
}

/**
 * `PUT /content/{id}/child/attachment/{attachmentId}` and DC's `…/move`: renames the attachment, changes its
 * media type or comment, or moves it to another page or blog post. The change is a new version that keeps
 * the same bytes, so the file, its download links by version and its history all stay.
 */
export async function updateAttachment(
  deps: ServiceDeps,
  principal: Principal,
  containerId: number,
  attachmentId: number,
  input: UpdateAttachmentInput,
): Promise<Content> {
  const authorId = requireWriter(principal);
  const wanted = versionNumberOf(input.version);
  const { attachment } = await requireAttachmentOn(deps, principal, containerId, attachmentId, ['current']);
  await requireRight(deps, principal, attachment, 'update');
  const newTitle = input.title === undefined ? undefined : attachmentTitleOf(input.title);
  const newMediaType = changedMediaTypeOf(input.mediaType);
  const newComment = commentOf(input.comment);
  const target =
    input.containerId !== undefined && input.containerId !== attachment.containerId
      ? await requireNewContainer(deps, principal, input.containerId)
      : undefined;

  return deps.store.transaction(async (repositories) => {
    const current = await repositories.content.findById(attachmentId);
    if (current?.status !== 'current' || current.containerId !== attachment.containerId) {
      throw conflict(`Attachment ${attachmentId} changed while being updated; read it again`);
    }
    if (wanted !== 'next' && wanted !== current.version.number + 1) {
      throw staleVersion(current.version.number);
    }
    const file = current.version.file;
    if (!file) throw notFound(`No attachment ${attachmentId} on content ${containerId}`, { attachmentId });
    const title = newTitle ?? current.title;
    const mediaType = newMediaType ?? file.mediaType;
    // A new name or type must pass the site's file-type rules, or a rename would get round a deny list.
    if (title !== current.title || mediaType !== file.mediaType) {
      checkFileType(
        { allowed: deps.limits.attachmentTypesAllowed, denied: deps.limits.attachmentTypesDenied },
        title,
        [mediaType],
      );
    }
    const move: ContentMove = {};
    if (target) {
      const live = await repositories.content.findById(target.id);
      if (live?.status !== 'current' && live?.status !== 'draft') {
        throw contentNotFound(target.id);
      }
      move.containerId = target.id;
      move.spaceId = target.spaceId;
    }
    const destinationId = target?.id ?? current.containerId;
    if (destinationId !== null && (target || title !== current.title)) {
      const clash = await repositories.content.currentAttachmentNamed(destinationId, title);
      if (clash && clash.id !== attachmentId) throw duplicateFilename(title);
    }
    const updated = await repositories.content.appendVersion(
      attachmentId,
      {
        title,
        authorId,
        createdAtMs: deps.clock.nowMs(),
        // The comment belongs to the file and carries over unless replaced (publishers keep a hash in it).
        message: newComment ?? current.version.message,
        minorEdit: false,
        body: null,
        // Same bytes, same media file: only the facts about the file change.
        file: { ...file, mediaType },
      },
      move,
    );
    // Comments on the file follow it, or a move into a private space would leave them readable outside.
    if (target && target.spaceId !== current.spaceId) {
      await repositories.content.moveTreeToSpace(attachmentId, target.spaceId);
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Attachments',
      summary: target ? 'Attachment moved' : 'Attachment updated',
      content: updated,
      webhookEvent: 'attachment_updated',
      changes: [
        { name: 'Title', before: current.title, after: updated.title },
        { name: 'Version', before: current.version.number, after: updated.version.number },
        { name: 'Media type', before: file.mediaType, after: mediaType },
        { name: 'Comment', before: current.version.message, after: updated.version.message },
        { name: 'Container', before: current.containerId, after: updated.containerId },
        { name: 'Space', before: current.spaceId, after: updated.spaceId },
      ],
    });
    return updated;
  });
}
