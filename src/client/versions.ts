/**
 * An attachment's history: listed through the Extender on Data Center when it is there (it also gives
 * each version's size), v2 on Cloud and Tributary, and DC's `/rest/experimental` version list otherwise
 * (clients.md). Deleting a version follows the same split (api-reference.md §5.2): the Extender on DC,
 * DC's own attachment version delete without it, v1 `DELETE /content/{id}/version/{n}` elsewhere.
 */
import {
  type Attachment,
  type AttachmentVersion,
  attachmentVersionFrom,
  attachmentVersionFromExtender,
  jsonObject,
} from './attachment.ts';
import { type ClientContext, segment } from './context.ts';
import { UnexpectedResponseError } from './errors.ts';
import { extenderPrefix } from './flavour.ts';
import { v1Items, v2Items } from './paging.ts';

const usesExtender = (context: ClientContext) =>
  context.server.flavour === 'datacenter' && context.server.extender;

/** Every version of an attachment, newest first. */
export async function listVersions(
  context: ClientContext,
  attachment: Pick<Attachment, 'id'>,
  signal?: AbortSignal,
): Promise<AttachmentVersion[]> {
  const { http, server } = context;
  const id = segment(attachment.id);
  const versions: AttachmentVersion[] = [];
  if (usesExtender(context)) {
    const pageSize = 100;
    for (let startAt = 0; ; startAt += pageSize) {
      const path = `${extenderPrefix}/content/attachment/${id}/versions`;
      const body = jsonObject(
        await http.json('GET', path, { query: { startAt, maxResults: pageSize }, signal }),
      );
      if (!Array.isArray(body.versions))
        throw new UnexpectedResponseError(`GET ${path}`, 'no versions array');
      versions.push(...body.versions.map(attachmentVersionFromExtender));
      const total = typeof body.total === 'number' ? body.total : versions.length;
      if (body.versions.length === 0 || versions.length >= total) break;
    }
  } else {
    const items = server.v2
      ? v2Items(http, `${server.v2}/attachments/${id}/versions`, {
          query: { limit: 250, sort: '-modified-date' },
          signal,
        })
      : v1Items(http, `/rest/experimental/content/${id}/version`, server.context, {
          query: { limit: 200 },
          signal,
        });
    for await (const raw of items) versions.push(attachmentVersionFrom(raw));
  }
  return versions.sort((a, b) => b.number - a.number);
}

/** Deletes one historical version; the server refuses the current one (400). */
export async function deleteVersion(
  context: ClientContext,
  attachment: Pick<Attachment, 'id' | 'containerId'>,
  versionNumber: number,
  signal?: AbortSignal,
): Promise<void> {
  const { http, server } = context;
  const id = segment(attachment.id);
  const path = usesExtender(context)
    ? `${extenderPrefix}/content/attachment/${id}/delete/${versionNumber}`
    : server.flavour === 'datacenter'
      ? `${server.v1}/content/${segment(attachment.containerId)}/child/attachment/${id}/version/${versionNumber}`
      : `${server.v1}/content/${id}/version/${versionNumber}`;
  const response = await http.send('DELETE', path, { signal });
  await response.discard();
}
