/**
 * The typed Confluence client: Cloud (v2 reads, v1 uploads), Data Center (v1, with or without the
 * Extender plugin) and Tributary behind one interface. It depends on nothing in this repository outside
 * `src/client/` and reads no environment: callers pass everything in.
 */

export { ConcurrencyLimit } from '../domain/concurrency-limit.ts';
export type { Attachment, AttachmentStatus, AttachmentVersion } from './attachment.ts';
export { attachmentFromV1, attachmentFromV2 } from './attachment.ts';
export {
  type AttachmentComment,
  addAttachmentComment,
  listAttachmentComments,
} from './attachment-comments.ts';
export {
  type ConfluenceClient,
  type ConfluenceClientOptions,
  clientOf,
  openConfluenceClient,
} from './confluence-client.ts';
export {
  addLabels,
  type ContentProperty,
  type Label,
  listLabels,
  listProperties,
  setProperty,
} from './content-metadata.ts';
export type { ClientContext } from './context.ts';
export { authorizationOf, type Credentials, describeCredentials } from './credentials.ts';
export { sha256OfAttachment, sha256OfFile, statedSha256 } from './digest.ts';
export {
  type DownloadOptions,
  type DownloadResult,
  type DownloadSource,
  downloadAttachment,
  downloadPathOf,
  isDownloaded,
  syncDirectory,
} from './download.ts';
export {
  ConfluenceHttpError,
  ConfluenceNetworkError,
  DownloadChecksumError,
  IncompleteDownloadError,
  RetryAfterTooLongError,
  UnexpectedResponseError,
} from './errors.ts';
export { detectServer, type Flavour, flavours, profileOf, type ServerProfile } from './flavour.ts';
export { getAttachment } from './get-attachment.ts';
export {
  HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  type RequestOptions,
  type RetryEvent,
} from './http.ts';
export { listContainerAttachments } from './list-container-attachments.ts';
export { getStorageBody, type StorageBody } from './page-body.ts';
export {
  createPage,
  findPageByTitle,
  getPage,
  type NewPage,
  type PageFacts,
  type PageType,
} from './pages.ts';
export { v1Items, v2Items } from './paging.ts';
export { defaultRetryPolicy, type RetryPolicy } from './retry.ts';
export {
  type Container,
  cqlString,
  getContainer,
  type ListableStatus,
  type ListOptions,
  listAttachments,
  listContainers,
  type Selector,
  searchContent,
} from './selectors.ts';
export { purgeAttachment, restoreAttachment, trashAttachment } from './trash.ts';
export { type UploadInput, uploadAttachment } from './upload.ts';
export { deleteVersion, listVersions } from './versions.ts';
