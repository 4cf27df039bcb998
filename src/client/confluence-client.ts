/**
 * The client in one object: open it with a URL and credentials, it asks the server which flavour it is,
 * and each method then takes the right API. Every module's function also works alone with a
 * `ClientContext`, which this object is.
 */
import type { Attachment, AttachmentVersion } from './attachment.ts';
import type { ClientContext } from './context.ts';
import { sha256OfAttachment, statedSha256 } from './digest.ts';
import {
  type DownloadOptions,
  type DownloadResult,
  type DownloadSource,
  downloadAttachment,
} from './download.ts';
import { UnexpectedResponseError } from './errors.ts';
import { detectServer, type Flavour, type ServerProfile } from './flavour.ts';
import { getAttachment } from './get-attachment.ts';
import { HttpClient, type HttpClientOptions } from './http.ts';
import {
  type Container,
  type ListOptions,
  listAttachments,
  listContainers,
  type Selector,
} from './selectors.ts';
import { purgeAttachment, restoreAttachment, trashAttachment } from './trash.ts';
import { type UploadInput, uploadAttachment } from './upload.ts';
import { deleteVersion, listVersions } from './versions.ts';

export interface ConfluenceClientOptions extends Omit<HttpClientOptions, 'siteUrl'> {
  /** The site as users type it: `https://x.atlassian.net` (a trailing `/wiki` is fine), `https://host/confluence`. */
  url: string;
  /** Skip detection and use this flavour. */
  flavour?: Flavour;
  /** Data Center only: whether the Extender plugin is there; undefined asks the server. */
  extender?: boolean;
}

export interface ConfluenceClient extends ClientContext {
  listAttachments(selector: Selector, options?: ListOptions): AsyncGenerator<Attachment>;
  listContainers(
    selector: Exclude<Selector, { kind: 'cql' }>,
    signal?: AbortSignal,
  ): AsyncGenerator<Container>;
  getAttachment(id: string, options?: { versionNumber?: number; signal?: AbortSignal }): Promise<Attachment>;
  download(source: DownloadSource, filePath: string, options?: DownloadOptions): Promise<DownloadResult>;
  upload(input: UploadInput): Promise<Attachment>;
  listVersions(attachment: Pick<Attachment, 'id'>, signal?: AbortSignal): Promise<AttachmentVersion[]>;
  deleteVersion(
    attachment: Pick<Attachment, 'id' | 'containerId'>,
    versionNumber: number,
    signal?: AbortSignal,
  ): Promise<void>;
  trash(attachment: Pick<Attachment, 'id'>, signal?: AbortSignal): Promise<void>;
  purge(attachment: Pick<Attachment, 'id'>, signal?: AbortSignal): Promise<void>;
  restore(
    attachment: Pick<Attachment, 'id' | 'title' | 'versionNumber'>,
    signal?: AbortSignal,
  ): Promise<Attachment>;
  /** The SHA-256 of a version: stated by Tributary, otherwise computed from the streamed bytes. */
  sha256Of(source: DownloadSource, versionNumber?: number, signal?: AbortSignal): Promise<string>;
  /** The SHA-256 the server states without sending the bytes (Tributary only), or undefined. */
  statedSha256(
    source: DownloadSource,
    versionNumber?: number,
    signal?: AbortSignal,
  ): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Cloud users often give the site with `/wiki`; the client adds `/wiki` itself where Cloud needs it. */
const withoutWiki = (url: string) => url.replace(/\/+$/, '').replace(/\/wiki$/, '');

/** Opens a client: detects the flavour (unless given) with a few GETs; `close()` it when done. */
export async function openConfluenceClient(options: ConfluenceClientOptions): Promise<ConfluenceClient> {
  const { url, flavour, extender, ...httpOptions } = options;
  const given = url.replace(/\/+$/, '');
  const candidates = withoutWiki(given) === given ? [given] : [withoutWiki(given), given];
  for (const [index, siteUrl] of candidates.entries()) {
    const http = new HttpClient({ ...httpOptions, siteUrl });
    try {
      return clientOf(http, await detectServer(http, { flavour, extender }));
    } catch (error) {
      await http.close();
      // A Data Center may itself live under `/wiki`: try the URL exactly as given before giving up.
      const last = index === candidates.length - 1;
      if (last || !(error instanceof UnexpectedResponseError)) throw error;
    }
  }
  throw new Error('unreachable: the last candidate either answers or throws');
}

/** A client over an HTTP client and a known server profile (no detection). */
export function clientOf(http: HttpClient, server: ServerProfile): ConfluenceClient {
  const context: ClientContext = { http, server };
  return {
    http,
    server,
    listAttachments: (selector, options) => listAttachments(context, selector, options),
    listContainers: (selector, signal) => listContainers(context, selector, signal),
    getAttachment: (id, options) => getAttachment(context, id, options),
    download: (source, filePath, options) => downloadAttachment(context, source, filePath, options),
    upload: (input) => uploadAttachment(context, input),
    listVersions: (attachment, signal) => listVersions(context, attachment, signal),
    deleteVersion: (attachment, versionNumber, signal) =>
      deleteVersion(context, attachment, versionNumber, signal),
    trash: (attachment, signal) => trashAttachment(context, attachment, signal),
    purge: (attachment, signal) => purgeAttachment(context, attachment, signal),
    restore: (attachment, signal) => restoreAttachment(context, attachment, signal),
    sha256Of: (source, versionNumber, signal) => sha256OfAttachment(context, source, versionNumber, signal),
    statedSha256: (source, versionNumber, signal) => statedSha256(context, source, versionNumber, signal),
    close: () => http.close(),
  };
}
