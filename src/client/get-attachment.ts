import { type Attachment, attachmentFromV1, attachmentFromV2 } from './attachment.ts';
import { type ClientContext, segment } from './context.ts';

/**
 * One attachment by id, current or trashed; with `versionNumber`, that version's facts (its title, size
 * and media type then). v2 where the server has it, v1 `GET /content/{id}` otherwise.
 */
export async function getAttachment(
  context: ClientContext,
  id: string,
  options: { versionNumber?: number; signal?: AbortSignal } = {},
): Promise<Attachment> {
  const { http, server } = context;
  const { versionNumber, signal } = options;
  if (server.v2) {
    const raw = await http.json('GET', `${server.v2}/attachments/${segment(id)}`, {
      query: { version: versionNumber },
      signal,
    });
    return attachmentFromV2(raw);
  }
  const raw = await http.json('GET', `${server.v1}/content/${segment(id)}`, {
    // `any` finds it in the trash too; a version number reads that version of current content.
    query: {
      expand: 'version,container,history',
      ...(versionNumber === undefined ? { status: 'any' } : { version: versionNumber }),
    },
    signal,
  });
  return attachmentFromV1(raw);
}
