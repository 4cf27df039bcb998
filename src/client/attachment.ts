/**
 * One shape for an attachment whatever the flavour, read from v1 (`Content`, api-reference.md §1.9) or
 * v2 (`AttachmentBulk`, §2) JSON. Ids stay as the server wrote them (`att123` on Cloud-shaped paths,
 * `123` on Data Center), since each server accepts its own form back.
 */
import { UnexpectedResponseError } from './errors.ts';

export type AttachmentStatus = 'current' | 'trashed' | 'archived' | 'historical' | 'draft' | 'deleted';

export interface Attachment {
  id: string;
  /** The file name. */
  title: string;
  status: AttachmentStatus;
  /** The page, blog post or comment it is attached to. */
  containerId: string;
  containerType: 'page' | 'blogpost' | 'comment' | 'unknown';
  mediaType: string;
  sizeBytes: number;
  /** The current version's comment. */
  comment: string;
  versionNumber: number;
  minorEdit: boolean;
  /** When the attachment was first uploaded. */
  createdAtMs: number;
  /** When its current version was uploaded. */
  modifiedAtMs: number;
  /** Cloud's media file id, where the server has one. */
  fileId: string | undefined;
  /** The servlet link as the server gave it, relative to the site's context (`/download/attachments/…`). */
  downloadLink: string | undefined;
}

/** One entry of an attachment's history, newest first when listed. */
export interface AttachmentVersion {
  number: number;
  createdAtMs: number;
  message: string;
  minorEdit: boolean;
  /** Known when the server lists it with the history (the Extender does); otherwise undefined. */
  sizeBytes: number | undefined;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const objectAt = (value: unknown): Json => (isObject(value) ? value : {});
const stringAt = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
// A Cloud event payload once carried `fileSize` as a string (api-reference.md §1.9).
const numberAt = (value: unknown): number | undefined => {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
};
const timeAt = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

const statuses: readonly AttachmentStatus[] = [
  'current',
  'trashed',
  'archived',
  'historical',
  'draft',
  'deleted',
];
const statusOf = (value: unknown): AttachmentStatus =>
  statuses.find((status) => status === value) ?? 'current';

const containerTypeOf = (value: unknown): Attachment['containerType'] =>
  value === 'page' || value === 'blogpost' || value === 'comment' ? value : 'unknown';

/** The container id from a servlet link, for answers that do not expand `container`. */
const containerIdOfLink = (link: string | undefined) =>
  /\/download\/attachments\/(\d+)\//.exec(link ?? '')?.[1];

function required<T>(value: T | undefined, what: string, field: string): T {
  if (value === undefined) throw new UnexpectedResponseError(what, `an attachment without ${field}`);
  return value;
}

/** A v1/DC attachment `Content`. `containerId` fills in when the answer names no container. */
export function attachmentFromV1(raw: unknown, containerId?: string): Attachment {
  const what = 'a v1 attachment';
  if (!isObject(raw)) throw new UnexpectedResponseError(what, 'not an object');
  const extensions = objectAt(raw.extensions);
  const metadata = objectAt(raw.metadata);
  const version = objectAt(raw.version);
  const container = objectAt(raw.container);
  const links = objectAt(raw._links);
  const downloadLink = stringAt(links.download);
  const modifiedAtMs = timeAt(version.when) ?? 0;
  return {
    id: required(stringAt(raw.id), what, 'id'),
    title: required(stringAt(raw.title), what, 'title'),
    status: statusOf(raw.status),
    containerId: required(
      stringAt(container.id) ?? containerIdOfLink(downloadLink) ?? containerId,
      what,
      'container',
    ),
    containerType: containerTypeOf(container.type),
    mediaType: stringAt(extensions.mediaType) ?? stringAt(metadata.mediaType) ?? 'application/octet-stream',
    sizeBytes: required(numberAt(extensions.fileSize), what, 'extensions.fileSize'),
    comment: stringAt(extensions.comment) ?? stringAt(metadata.comment) ?? stringAt(version.message) ?? '',
    versionNumber: required(numberAt(version.number), what, 'version.number'),
    minorEdit: version.minorEdit === true,
    createdAtMs: timeAt(objectAt(raw.history).createdDate) ?? modifiedAtMs,
    modifiedAtMs,
    fileId: stringAt(extensions.fileId),
    downloadLink,
  };
}

/** A v2 `AttachmentBulk` or `AttachmentSingle`. */
export function attachmentFromV2(raw: unknown): Attachment {
  const what = 'a v2 attachment';
  if (!isObject(raw)) throw new UnexpectedResponseError(what, 'not an object');
  const version = objectAt(raw.version);
  const createdAtMs = timeAt(raw.createdAt) ?? 0;
  const pageId = stringAt(raw.pageId);
  const blogPostId = stringAt(raw.blogPostId);
  const downloadLink = stringAt(raw.downloadLink) ?? stringAt(objectAt(raw._links).download);
  return {
    id: required(stringAt(raw.id), what, 'id'),
    title: required(stringAt(raw.title), what, 'title'),
    status: statusOf(raw.status),
    containerId: required(
      pageId ?? blogPostId ?? stringAt(raw.customContentId) ?? containerIdOfLink(downloadLink),
      what,
      'pageId',
    ),
    containerType: pageId ? 'page' : blogPostId ? 'blogpost' : 'unknown',
    mediaType: stringAt(raw.mediaType) ?? 'application/octet-stream',
    sizeBytes: required(numberAt(raw.fileSize), what, 'fileSize'),
    comment: stringAt(raw.comment) ?? stringAt(version.message) ?? '',
    versionNumber: required(numberAt(version.number), what, 'version.number'),
    minorEdit: version.minorEdit === true,
    createdAtMs,
    modifiedAtMs: timeAt(version.createdAt) ?? createdAtMs,
    fileId: stringAt(raw.fileId) || undefined,
    downloadLink,
  };
}

/** A v2 `Version` or v1 `Version` of an attachment's history. */
export function attachmentVersionFrom(raw: unknown): AttachmentVersion {
  const what = 'an attachment version';
  if (!isObject(raw)) throw new UnexpectedResponseError(what, 'not an object');
  return {
    number: required(numberAt(raw.number), what, 'number'),
    createdAtMs: timeAt(raw.createdAt) ?? timeAt(raw.when) ?? 0,
    message: stringAt(raw.message) ?? '',
    minorEdit: raw.minorEdit === true,
    sizeBytes: undefined,
  };
}

/** One entry of the Extender's `versions` list (api-reference.md §6). */
export function attachmentVersionFromExtender(raw: unknown): AttachmentVersion {
  const what = 'an Extender attachment version';
  if (!isObject(raw)) throw new UnexpectedResponseError(what, 'not an object');
  return {
    number: required(numberAt(raw.version), what, 'version'),
    createdAtMs: numberAt(raw.creationDate) ?? 0,
    message: stringAt(raw.comment) ?? '',
    minorEdit: false,
    sizeBytes: numberAt(raw.fileSize),
  };
}

export const jsonObject = objectAt;
export const isJsonObject = isObject;
