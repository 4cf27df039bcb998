import type { Content, Space } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { WebhookEventId } from '../../domain/webhook.ts';

export interface WebhookSubject {
  content?: (Pick<Content, 'id' | 'type' | 'title'> & Partial<Content>) | null | undefined;
  space?: Pick<Space, 'id' | 'key' | 'name'> | null | undefined;
  /** The user or group created or removed, by name. */
  objectName?: string | undefined;
  /** The labels added or removed. */
  labels?: readonly string[] | undefined;
}

const contentKey: Record<string, string> = {
  page: 'page',
  blogpost: 'blog',
  comment: 'comment',
  attachment: 'attachment',
};

/**
 * The JSON body of one event, shaped as DC's webhook bodies are: the event id, the time, who acted, and the
 * object under its own key (`page`, `blog`, `attachment`, `space`, `label`...).
 */
export function webhookPayload(
  event: WebhookEventId,
  principal: Principal,
  nowMs: number,
  subject: WebhookSubject,
): Record<string, unknown> {
  const user = principal.kind === 'user' ? principal.user : undefined;
  const payload: Record<string, unknown> = {
    event,
    timestamp: nowMs,
    userKey: user?.userKey ?? null,
    user: user?.username ?? null,
    userAccountId: user?.accountId ?? null,
  };
  const { content, space } = subject;
  if (content) {
    payload[contentKey[content.type] ?? 'content'] = {
      id: content.id,
      title: content.title,
      contentType: content.type,
      spaceKey: space?.key ?? null,
      ...(content.version && {
        version: content.version.number,
        modificationDate: content.version.createdAtMs,
      }),
      ...(content.createdAtMs !== undefined && { creationDate: content.createdAtMs }),
      ...(content.containerId && content.containerId !== content.id && { containerId: content.containerId }),
    };
  }
  if (space) payload.space = { id: space.id, key: space.key, name: space.name };
  const [prefix] = event.split('_');
  if (subject.objectName !== undefined && (prefix === 'user' || prefix === 'group')) {
    payload[prefix] = { name: subject.objectName };
  }
  if (prefix === 'label' && subject.labels) {
    payload.labels = subject.labels.map((name) => ({ name }));
    if (subject.labels[0] !== undefined) payload.label = { name: subject.labels[0] };
  }
  return payload;
}
