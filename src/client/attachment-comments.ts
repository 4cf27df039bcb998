/**
 * Comments on an attachment (the discussion under it, not a version's comment): v1 lists them as the
 * attachment's `child/comment` and creates one as comment content whose container is the attachment, on
 * Cloud, Data Center and Tributary alike (v2 lists them but creates none, api-reference.md §2).
 */
import { jsonObject } from './attachment.ts';
import { type ClientContext, segment } from './context.ts';
import { v1Items } from './paging.ts';

export interface AttachmentComment {
  /** The comment in storage format. */
  bodyStorage: string;
}

/** v1 wants the numeric id; Cloud-shaped answers name attachments `att123`. */
const v1Id = (id: string) => segment(id.replace(/^att/, ''));

/** The attachment's comments, oldest first. */
export async function listAttachmentComments(
  context: ClientContext,
  attachmentId: string,
  signal?: AbortSignal,
): Promise<AttachmentComment[]> {
  const comments: AttachmentComment[] = [];
  for await (const raw of v1Items(
    context.http,
    `${context.server.v1}/content/${v1Id(attachmentId)}/child/comment`,
    context.server.context,
    { query: { expand: 'body.storage', limit: 100 }, signal },
  )) {
    const value = jsonObject(jsonObject(jsonObject(raw).body).storage).value;
    comments.push({ bodyStorage: typeof value === 'string' ? value : '' });
  }
  return comments;
}

/** Adds a comment; POST is never retried, so a comment is never posted twice by this call. */
export async function addAttachmentComment(
  context: ClientContext,
  attachmentId: string,
  comment: AttachmentComment,
  signal?: AbortSignal,
): Promise<void> {
  await context.http.json('POST', `${context.server.v1}/content`, {
    json: {
      type: 'comment',
      container: { id: attachmentId.replace(/^att/, ''), type: 'attachment' },
      body: { storage: { value: comment.bodyStorage, representation: 'storage' } },
    },
    signal,
  });
}
