import type { Attachment } from '../../client/index.ts';
import { isoOf } from './format.ts';

/** An attachment as the toolkit prints it in JSON and CSV: the client's shape with ISO times. */
export function attachmentRecord(attachment: Attachment) {
  return {
    id: attachment.id,
    title: attachment.title,
    status: attachment.status,
    containerId: attachment.containerId,
    containerType: attachment.containerType,
    mediaType: attachment.mediaType,
    sizeBytes: attachment.sizeBytes,
    versionNumber: attachment.versionNumber,
    comment: attachment.comment,
    minorEdit: attachment.minorEdit,
    createdAt: isoOf(attachment.createdAtMs),
    modifiedAt: isoOf(attachment.modifiedAtMs),
    fileId: attachment.fileId ?? null,
    downloadLink: attachment.downloadLink ?? null,
  };
}
