import { badRequest } from '../../domain/errors.ts';
import {
  isWebhookEventId,
  type NewWebhook,
  type Webhook,
  type WebhookCredentials,
  webhookEventIds,
} from '../../domain/webhook.ts';

const longestText = 255;
const longestUrl = 2000;

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function textOf(value: unknown, field: string, longest: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${field} is required`, { field });
  if (value.length > longest) {
    throw badRequest(`${field} must be at most ${longest} characters`, { field });
  }
  return value.trim();
}

function booleanOf(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw badRequest(`${field} must be true or false`, { field });
  return value;
}

/** Webhooks are sent only over HTTP(S); anything else (file:, ftp:, javascript:) is refused when set. */
export function webhookUrlOf(value: unknown, field = 'url'): string {
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

function eventsOf(value: unknown): Webhook['events'] {
  if (!Array.isArray(value) || value.length === 0) {
    throw badRequest(`events must list at least one of ${webhookEventIds.join(', ')}`, { field: 'events' });
  }
  const events = new Set<Webhook['events'][number]>();
  for (const item of value) {
    // DC answers with `{id, i18nKey}` objects; a client echoing one back sends the same shape.
    const id = isObject(item) ? item.id : item;
    if (typeof id !== 'string' || !isWebhookEventId(id)) {
      throw badRequest(`Unknown webhook event '${String(id)}'`, { field: 'events' });
    }
    events.add(id);
  }
  return [...events].sort();
}

function configurationOf(value: unknown): Record<string, string> {
  if (!isObject(value)) throw badRequest('configuration must be an object', { field: 'configuration' });
  const configuration: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue;
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      throw badRequest(`configuration.${key} must be a string`, { field: 'configuration' });
    }
    configuration[key] = String(item);
  }
  if ((configuration.secret?.length ?? 0) > longestText) {
    throw badRequest(`configuration.secret must be at most ${longestText} characters`, {
      field: 'configuration',
    });
  }
  return configuration;
}

function credentialsOf(value: unknown): WebhookCredentials | null {
  if (value === null) return null;
  if (!isObject(value)) throw badRequest('credentials must be an object', { field: 'credentials' });
  const username = textOf(value.username, 'credentials.username', longestText);
  const password = typeof value.password === 'string' ? value.password : '';
  return { username, password };
}

/**
 * A RestWebhook body. Creating needs a name, a URL and at least one event; an update changes only the
 * fields it carries (the rest keep their values), as DC's admin screen sends the whole webhook anyway.
 */
export function webhookFromInput(body: unknown, current?: Webhook): NewWebhook {
  if (!isObject(body)) throw badRequest('The body must be a JSON object describing the webhook');
  // Absent and without a current value or a default, the field is parsed anyway: and refused as missing.
  const field = <T>(name: string, parse: (value: unknown) => T, kept: T | undefined, fallback?: T): T =>
    body[name] !== undefined ? parse(body[name]) : (kept ?? fallback ?? parse(undefined));
  return {
    name: field('name', (value) => textOf(value, 'name', longestText), current?.name),
    url: field('url', (value) => webhookUrlOf(value), current?.url),
    events: field('events', eventsOf, current?.events),
    active: field('active', (value) => booleanOf(value, 'active'), current?.active, true),
    configuration: field('configuration', configurationOf, current?.configuration, {}),
    credentials:
      body.credentials !== undefined ? credentialsOf(body.credentials) : (current?.credentials ?? null),
    sslVerificationRequired: field(
      'sslVerificationRequired',
      (value) => booleanOf(value, 'sslVerificationRequired'),
      current?.sslVerificationRequired,
      true,
    ),
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
