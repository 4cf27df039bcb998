import type { Content } from '../../domain/content.ts';
import { badRequest, conflict, duplicateFilename, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { versionFileOf } from './commit-attachments.ts';
import {
  pairFields,
  receiveUpload,
  releaseStaged,
  requireAttachmentContainer,
  type UploadPart,
} from './upload-attachments.ts';

/**
 * `POST /content/{id}/child/attachment/{attachmentId}/data`: new bytes as the next version; the part's
 * name and type replace the old ones (a rename, unless another attachment has that name).
 */
export async function uploadNewVersion(
  deps: ServiceDeps,
  principal: Principal,
  containerId: number,
  attachmentId: number,
  parts: AsyncIterable<UploadPart>,
  signal?: AbortSignal,
): Promise<Content> {
  const container = await requireAttachmentContainer(deps, principal, containerId);
  const attachment = await deps.store.content.findById(attachmentId);
  // One in the trash is not there to take a version (the spec's 404), and its bytes are not read.
  if (
    attachment?.type !== 'attachment' ||
    attachment.status !== 'current' ||
    attachment.containerId !== container.id
  ) {
    throw notFound(`No attachment ${attachmentId} on content ${containerId}`, { attachmentId });
  }
  await requireRight(deps, principal, attachment, 'update');
  const { files, fields } = await receiveUpload(deps, parts, signal);
  let committed = false;
  try {
    if (files.length !== 1) throw badRequest('A new version takes exactly one file part');
    const [staged] = pairFields(deps, files, fields);
    if (!staged) throw badRequest('A new version takes exactly one file part');
    const updated = await deps.store.transaction(async (repositories) => {
      const current = await repositories.content.findById(attachmentId);
      if (current?.status !== 'current') throw conflict(`Attachment ${attachmentId} is no longer current`);
      if (current.containerId !== container.id)
        throw conflict(`Attachment ${attachmentId} was moved meanwhile`);
      const clash = await repositories.content.currentAttachmentNamed(container.id, staged.file.filename);
      if (clash && clash.id !== attachmentId) throw duplicateFilename(staged.file.filename);
      const next = await repositories.content.appendVersion(attachmentId, {
        title: staged.file.filename,
        authorId: principal.kind === 'user' ? principal.user.id : null,
        createdAtMs: deps.clock.nowMs(),
        message: staged.comment,
        minorEdit: staged.minorEdit,
        body: null,
        file: await versionFileOf(deps, repositories, staged.file),
      });
      await recordAudit(repositories, deps.clock, principal, {
        category: 'Attachments',
        summary: 'Attachment version added',
        content: next,
        webhookEvent: 'attachment_updated',
        changes: [
          { name: 'Title', before: current.title, after: next.title },
          { name: 'Version', before: current.version.number, after: next.version.number },
          {
            name: 'Size (bytes)',
            before: current.version.file?.sizeBytes,
            after: next.version.file?.sizeBytes,
          },
          {
            name: 'Media type',
            before: current.version.file?.mediaType,
            after: next.version.file?.mediaType,
          },
        ],
        details: { sha256: staged.file.sha256 },
      });
      return next;
    });
    committed = true;
    return updated;
  } finally {
    await releaseStaged(deps, files, committed);
  }
}
