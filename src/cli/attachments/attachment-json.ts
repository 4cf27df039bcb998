import type { Attachment } from '../../client/index.ts';
import { isoOf } from '../toolkit/format.ts';

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

/** The fields of `attachmentRecord`, in order: the CSV header. */
export const attachmentColumns = Object.keys(
  attachmentRecord({
    id: '',
    title: '',
    status: 'current',
    containerId: '',
    containerType: 'page',
    mediaType: '',
    sizeBytes: 0,
    versionNumber: 1,
    comment: '',
    minorEdit: false,
    createdAtMs: 0,
    modifiedAtMs: 0,
    fileId: undefined,
    downloadLink: undefined,
  }),
);
