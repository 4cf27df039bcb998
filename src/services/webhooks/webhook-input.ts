import { badRequest } from '../../domain/errors.ts';
import { isWebhookEventId, type NewWebhook, type Webhook, webhookEventIds } from '../../domain/webhook.ts';

const longestText = 255;
const longestUrl = 2000;

/**
 * A RestWebhook as sent: each field the body carries, already of its type. Creating needs a name, a URL and
 * at least one event; an update changes only the fields given (the rest keep their values), as DC's admin
 * screen sends the whole webhook anyway.
 */
export interface WebhookInput {
  name?: string;
  url?: string;
  /** Event ids as sent, unchecked. */
  events?: string[];
  active?: boolean;
  configuration?: Record<string, string>;
  /** `null` removes them. */
  credentials?: { username?: string; password: string } | null;
  sslVerificationRequired?: boolean;
}

/** The event list's rule, also the refusal of a list of anything but ids. */
export const webhookEventsRule = `events must list at least one of ${webhookEventIds.join(', ')}`;

function textOf(value: string | undefined, field: string, longest: number): string {
  if (value === undefined || value.trim() === '') throw badRequest(`${field} is required`, { field });
  if (value.length > longest) {
    throw badRequest(`${field} must be at most ${longest} characters`, { field });
  }
  return value.trim();
}

/** Webhooks are sent only over HTTP(S); anything else (file:, ftp:, javascript:) is refused when set. */
export function webhookUrlOf(value: string | undefined, field = 'url'): string {
  const text = textOf(value, field, longestUrl);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badRequest(`${field} must be an absolute http or https URL`, { field });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badRequest(`${field} must be an http or https URL, not ${url.protocol}`, { field });
  }
  return url.toString();
}

function eventsOf(ids: string[] | undefined): Webhook['events'] {
  if (ids === undefined || ids.length === 0) throw badRequest(webhookEventsRule, { field: 'events' });
  const events = new Set<Webhook['events'][number]>();
  for (const id of ids) {
    if (!isWebhookEventId(id)) throw badRequest(`Unknown webhook event '${id}'`, { field: 'events' });
    events.add(id);
  }
  return [...events].sort();
}

function configurationOf(configuration: Record<string, string>): Record<string, string> {
  if ((configuration.secret?.length ?? 0) > longestText) {
    throw badRequest(`configuration.secret must be at most ${longestText} characters`, {
      field: 'configuration',
    });
  }
  return configuration;
}

/** The webhook the input describes: on an update, the current one with the fields given replaced. */
export function webhookFromInput(input: WebhookInput, current?: Webhook): NewWebhook {
  return {
    name: input.name !== undefined || !current ? textOf(input.name, 'name', longestText) : current.name,
    url: input.url !== undefined || !current ? webhookUrlOf(input.url) : current.url,
    events: input.events !== undefined || !current ? eventsOf(input.events) : current.events,
    active: input.active ?? current?.active ?? true,
    configuration:
      input.configuration !== undefined
        ? configurationOf(input.configuration)
        : (current?.configuration ?? {}),
    credentials:
      input.credentials === undefined
        ? (current?.credentials ?? null)
        : input.credentials && {
            username: textOf(input.credentials.username, 'credentials.username', longestText),
            password: input.credentials.password,
          },
    sslVerificationRequired: input.sslVerificationRequired ?? current?.sslVerificationRequired ?? true,
  };
}

/** What the audit log shows of a webhook: never its secret or password. */
export function webhookAuditValues(webhook: NewWebhook | undefined) {
  return [
    { name: 'Name', value: webhook?.name },
    { name: 'URL', value: webhook?.url },
    { name: 'Events', value: webhook?.events.join(', ') },
    { name: 'Active', value: webhook?.active },
  ];
}
