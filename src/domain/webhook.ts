/**
 * Webhooks as Confluence Data Center keeps them (`/rest/api/webhooks`, Confluence 7.13+): a name, a URL,
 * the events that trigger it, and an optional secret (`configuration.secret`) that signs each body.
 * Event ids are DC's (Managing webhooks, confluence.atlassian.com/doc/managing-webhooks-1021225606.html).
 */
export const webhookEventIds = [
  'attachment_created',
  'attachment_removed',
  'attachment_restored',
  'attachment_trashed',
  'attachment_updated',
  'blog_created',
  'blog_removed',
  'blog_restored',
  'blog_trashed',
  'blog_updated',
  'comment_created',
  'comment_removed',
  'comment_updated',
  'group_created',
  'group_removed',
  'label_added',
  'label_removed',
  'page_created',
  'page_removed',
  'page_restored',
  'page_trashed',
  'page_updated',
  'space_created',
  'space_permissions_updated',
  'space_removed',
  'space_updated',
  'user_created',
  'user_deactivated',
  'user_reactivated',
  'user_removed',
] as const;
export type WebhookEventId = (typeof webhookEventIds)[number];

export function isWebhookEventId(value: string): value is WebhookEventId {
  return (webhookEventIds as readonly string[]).includes(value);
}

/** The i18n key DC shows beside each event id. */
export const webhookEventI18nKey = (event: string) => `webhooks.event.${event.replaceAll('_', '.')}`;

export interface WebhookCredentials {
  username: string;
  password: string;
}

export interface Webhook {
  id: number;
  name: string;
  url: string;
  events: WebhookEventId[];
  active: boolean;
  /** Free-form settings; `secret` signs each body (X-Hub-Signature: sha256=HMAC). */
  configuration: Record<string, string>;
  credentials: WebhookCredentials | null;
  sslVerificationRequired: boolean;
  createdAtMs: number;
  updatedAtMs: number;
}

export type NewWebhook = Omit<Webhook, 'id' | 'createdAtMs' | 'updatedAtMs'>;

/**
 * As the Atlassian webhooks plugin counts them: SUCCESS is a 2xx answer, FAILURE any other answer, ERROR
 * no answer at all (refused, reset, timed out).
 */
export type InvocationOutcome = 'SUCCESS' | 'FAILURE' | 'ERROR';
export const invocationOutcomes: readonly InvocationOutcome[] = ['SUCCESS', 'FAILURE', 'ERROR'];

/** One attempt to deliver one event to one webhook. */
export interface WebhookInvocation {
  id: number;
  webhookId: number;
  event: string;
  url: string;
  requestBody: string;
  requestHeaders: Record<string, string>;
  startedAtMs: number;
  finishedAtMs: number;
  outcome: InvocationOutcome;
  /** The status line, or what went wrong when nothing answered. */
  description: string;
}

export type InvocationCounts = Record<InvocationOutcome, number>;

export interface InvocationHistory {
  lastSuccess: WebhookInvocation | undefined;
  lastFailure: WebhookInvocation | undefined;
  lastError: WebhookInvocation | undefined;
  counts: InvocationCounts;
}

/** An event waiting to reach a webhook: written with the change, sent after it commits. */
export interface PendingDelivery {
  id: number;
  webhookId: number;
  event: WebhookEventId;
  payload: string;
  /** Attempts made so far. */
  attempts: number;
  nextAttemptAtMs: number;
}

type ContentAction = 'created' | 'updated' | 'trashed' | 'removed' | 'restored';

const contentEventPrefix: Record<string, string> = {
  page: 'page',
  blogpost: 'blog',
  comment: 'comment',
  attachment: 'attachment',
};

/**
 * The event DC raises when content changes: `page_trashed` when a page goes to the trash, `page_removed`
 * when it is purged; comments are never trashed, so both are `comment_removed`. Undefined when DC has none.
 */
export function contentWebhookEvent(type: string, action: ContentAction): WebhookEventId | undefined {
  const prefix = contentEventPrefix[type];
  if (prefix === undefined) return undefined;
  const candidate = `${prefix}_${prefix === 'comment' && action === 'trashed' ? 'removed' : action}`;
  return isWebhookEventId(candidate) ? candidate : undefined;
}
