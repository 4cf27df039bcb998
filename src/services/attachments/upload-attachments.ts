import {
  checkCommentLength,
  checkFileType,
  commentTooLong,
  maxCommentBytes,
  normaliseMediaType,
} from '../../domain/attachment-rules.ts';
import { booleanFromText } from '../../domain/boolean-text.ts';
import type { Content } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { unlabelledText } from '../../domain/unlabelled-text.ts';
import { removeUnusedBlob } from '../blobs/remove-unused-blob.ts';
import type { ContentRelations } from '../content/load-relations.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireCreate } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { commitAttachments, type StagedAttachment, type UploadMode } from './commit-attachments.ts';
import { type StagedFile, stageUpload } from './stage-upload.ts';

/** One part of a multipart upload, whatever parsed it. */
export type UploadPart =
  | {
      kind: 'file';
      fieldName: string;
      filename: string;
      mediaType: string | undefined;
      bytes: AsyncIterable<Uint8Array>;
    }
  | { kind: 'field'; name: string; value: string };

export interface UploadFields {
  comments: string[];
  minorEdits: boolean[];
  /** Clients that send a `contentType` field mean it as the media type to store (clients.md). */
  contentTypes: string[];
}

// Parts named like fields are fields even when a client sends them as files (clients.md); they are short.
const textFieldNames = new Set(['comment', 'minorEdit', 'contentType']);

async function textOf(name: string, bytes: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of bytes) {
    size += chunk.length;
    if (size > maxCommentBytes) throw commentTooLong(name);
    chunks.push(Buffer.from(chunk));
  }
  return unlabelledText(Buffer.concat(chunks));
}

/** Every text field, however it came, has the limit a comment has everywhere else. */
function addField(fields: UploadFields, name: string, value: string) {
  checkCommentLength(value, name);
  if (name === 'comment') fields.comments.push(value);
  else if (name === 'minorEdit') fields.minorEdits.push(booleanFromText(value) === true);
  else if (name === 'contentType') fields.contentTypes.push(value.trim());
}

/** Stages every `file` part in order and gathers the text fields; anything staged is released on failure. */
export async function receiveUpload(
  deps: ServiceDeps,
  parts: AsyncIterable<UploadPart>,
  signal?: AbortSignal,
): Promise<{ files: StagedFile[]; fields: UploadFields }> {
  const files: StagedFile[] = [];
  const fields: UploadFields = { comments: [], minorEdits: [], contentTypes: [] };
  try {
    for await (const part of parts) {
      if (part.kind === 'field' && part.name === 'file') {
        throw badRequest("The 'file' part has no file name", { field: 'file' });
      }
      if (part.kind === 'field') addField(fields, part.name, part.value);
      else if (textFieldNames.has(part.fieldName))
        addField(fields, part.fieldName, await textOf(part.fieldName, part.bytes));
      else if (part.fieldName === 'file') {
        files.push(
          await stageUpload(
            deps,
            { filename: part.filename, declaredMediaType: part.mediaType, bytes: part.bytes },
            signal,
          ),
        );
      } else {
        // Unknown file fields are drained and dropped, never stored.
        for await (const _chunk of part.bytes);
      }
    }
    if (files.length === 0) throw badRequest("The request has no file part named 'file'", { field: 'file' });
    return { files, fields };
  } catch (error) {
    await releaseStaged(deps, files);
    throw error;
  }
}

/** Unpins staged bytes and, when nothing committed them, removes them. */
export async function releaseStaged(deps: ServiceDeps, files: readonly StagedFile[], committed = false) {
  for (const file of files) await deps.blobPins.unpin(file.sha256);
  if (!committed) for (const file of files) await removeUnusedBlob(deps, file.sha256);
}

/**
 * Pairs the n-th comment, minorEdit and contentType with the n-th file, as clients send them; a lone
 * minorEdit is the specs' single field and speaks for every file. A named content type must be a media
 * type and pass the site's file-type rules like a detected one.
 */
export function pairFields(
  deps: ServiceDeps,
  files: readonly StagedFile[],
  fields: UploadFields,
): StagedAttachment[] {
  const policy = { allowed: deps.limits.attachmentTypesAllowed, denied: deps.limits.attachmentTypesDenied };
  return files.map((file, index) => {
    const named = fields.contentTypes[index];
    const mediaType = named ? normaliseMediaType(named, 'contentType') : file.mediaType;
    if (named) checkFileType(policy, file.filename, [mediaType]);
    return {
      file: { ...file, mediaType },
      comment: fields.comments[index] ?? '',
      minorEdit: (fields.minorEdits.length === 1 ? fields.minorEdits[0] : fields.minorEdits[index]) ?? false,
    };
  });
}

/** The page, blog post or comment attachments are uploaded to, checked before any byte is read. */
export async function requireAttachmentContainer(
  deps: ServiceDeps,
  principal: Principal,
  containerId: number,
) {
  requireWriter(principal);
  const container = await requireVisibleContent(deps, principal, containerId, ['current', 'draft']);
  if (container.type === 'attachment') {
    throw badRequest(`Content ${containerId} is an attachment and cannot hold attachments`);
  }
  if (container.spaceId === null) {
    throw badRequest(`Content ${containerId} is in no space and cannot hold attachments`);
  }
  await requireCreate(deps, principal, container.spaceId, { type: 'attachment' }, container);
  return container;
}

/**
 * `POST|PUT /content/{id}/child/attachment`: every file is stored durably first, then all are committed
 * in one transaction, so a request leaves either all its attachments or none (and no orphan bytes).
 * `related` receives the container, space and author the commit read, for the presenter.
 */
export async function uploadAttachments(
  deps: ServiceDeps,
  principal: Principal,
  containerId: number,
  parts: AsyncIterable<UploadPart>,
  mode: UploadMode,
  signal?: AbortSignal,
  related?: ContentRelations,
): Promise<Content[]> {
  const container = await requireAttachmentContainer(deps, principal, containerId);
  const { files, fields } = await receiveUpload(deps, parts, signal);
  let committed = false;
  try {
    const attachments = await commitAttachments(
      deps,
      principal,
      container,
      pairFields(deps, files, fields),
      mode,
      related,
    );
    committed = true;
    return attachments;
  } finally {
    await releaseStaged(deps, files, committed);
  }
}
