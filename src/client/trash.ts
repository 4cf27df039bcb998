/**
 * Trash, purge and restore (api-reference.md §1.6, §2, §5.3). Purging takes two steps, as Confluence
 * requires: an attachment must be in the trash before it can be purged.
 */
import { type Attachment, attachmentFromV1 } from './attachment.ts';
import { type ClientContext, segment } from './context.ts';

/** Moves a current attachment to the trash. */
export async function trashAttachment(
  context: ClientContext,
  attachment: Pick<Attachment, 'id'>,
  signal?: AbortSignal,
): Promise<void> {
  const { http, server } = context;
  const path = server.v2
    ? `${server.v2}/attachments/${segment(attachment.id)}`
    : `${server.v1}/content/${segment(attachment.id)}`;
  await (await http.send('DELETE', path, { signal })).discard();
}

/** Removes a trashed attachment for good, with every version. */
export async function purgeAttachment(
  context: ClientContext,
  attachment: Pick<Attachment, 'id'>,
  signal?: AbortSignal,
): Promise<void> {
  const { http, server } = context;
  const response = server.v2
    ? await http.send('DELETE', `${server.v2}/attachments/${segment(attachment.id)}`, {
        query: { purge: true },
        signal,
      })
    : await http.send('DELETE', `${server.v1}/content/${segment(attachment.id)}`, {
        query: { status: 'trashed' },
        signal,
      });
  await response.discard();
}

/**
 * Brings a trashed attachment back: a content update to `current` with the next version number, the
 * generic v1 restore (api-reference.md §1.6). Answers the restored attachment.
 */
export async function restoreAttachment(
  context: ClientContext,
  attachment: Pick<Attachment, 'id' | 'title' | 'versionNumber'>,
  signal?: AbortSignal,
): Promise<Attachment> {
  const { http, server } = context;
  const raw = await http.json('PUT', `${server.v1}/content/${segment(attachment.id)}`, {
    query: { expand: 'version,container,history' },
    json: {
      id: attachment.id,
      type: 'attachment',
      status: 'current',
      title: attachment.title,
      version: { number: attachment.versionNumber + 1 },
    },
    signal,
  });
  return attachmentFromV1(raw);
}
