/**
 * Uploads through v1, the only API with uploads on every flavour (v2 has none, api-reference.md §2):
 * `POST /content/{id}/child/attachment` creates an attachment, `POST …/child/attachment/{id}/data` adds a
 * version to one. The file streams from disk inside a multipart body of known length.
 */
import { Readable } from 'node:stream';
import { type Attachment, attachmentFromV1, isJsonObject } from './attachment.ts';
import { type ClientContext, segment } from './context.ts';
import { UnexpectedResponseError } from './errors.ts';
import { multipartBody } from './multipart.ts';

export interface UploadInput {
  containerId: string;
  filePath: string;
  /** The file's size now; the request announces it, so a file that changes meanwhile fails the upload. */
  sizeBytes: number;
  /** The attachment's name (its title). */
  name: string;
  mediaType?: string;
  comment?: string;
  minorEdit?: boolean;
  /** Add a version to this attachment instead of creating a new one. */
  newVersionOf?: string;
  /** File bytes sent (negative when a retry starts the body over), for progress displays. */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
}

export async function uploadAttachment(context: ClientContext, input: UploadInput): Promise<Attachment> {
  const { http, server } = context;
  const fields: [string, string][] = [];
  if (input.comment !== undefined) fields.push(['comment', input.comment]);
  fields.push(['minorEdit', input.minorEdit === true ? 'true' : 'false']);
  const body = multipartBody(
    {
      path: input.filePath,
      sizeBytes: input.sizeBytes,
      name: input.name,
      mediaType: input.mediaType ?? 'application/octet-stream',
    },
    fields,
  );
  const container = segment(input.containerId);
  const path =
    input.newVersionOf === undefined
      ? `${server.v1}/content/${container}/child/attachment`
      : `${server.v1}/content/${container}/child/attachment/${segment(input.newVersionOf)}/data`;
  let sentBytes = 0;
  const answer = await http.json('POST', path, {
    query: { expand: 'version,container,history' },
    headers: {
      'content-type': body.contentType,
      'content-length': String(body.lengthBytes),
      // Atlassian's XSRF filter refuses multipart writes without it (api-reference.md §0.3).
      'x-atlassian-token': 'no-check',
    },
    body: () => {
      if (sentBytes > 0) input.onBytes?.(-sentBytes);
      sentBytes = 0;
      return Readable.from(
        body.open((bytes) => {
          sentBytes += bytes;
          input.onBytes?.(bytes);
        }),
      );
    },
    signal: input.signal,
  });
  // A create answers `{results:[…]}` even for one file; a new version answers the attachment itself.
  const raw = isJsonObject(answer) && Array.isArray(answer.results) ? answer.results[0] : answer;
  if (raw === undefined) throw new UnexpectedResponseError(`POST ${path}`, 'no attachment in the answer');
  return attachmentFromV1(raw, input.containerId);
}
