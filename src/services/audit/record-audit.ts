import {
  type AuditAuthor,
  type AuditChange,
  type AuditObject,
  type AuditRecord,
  auditNoun,
} from '../../domain/audit.ts';
import type { Content, Space } from '../../domain/content.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { WebhookEventId } from '../../domain/webhook.ts';
import type { Clock } from '../../ports/clock.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { webhookPayload } from '../webhooks/webhook-payload.ts';

// Call sites word their summaries with it: `${auditNoun(content.type)} moved to trash`.
export { auditNoun };

/** A value before and after the change; unchanged values are left out of the record. */
export interface AuditChangeInput {
  name: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  /** Confluence's event types: 'Content', 'Attachments', 'Spaces', 'Users and groups', 'Permissions'... */
  category: string;
  summary: string;
  /** Written from the object, content and space when not given. */
  description?: string;
  /** What changed; the content when not given, else the space. */
  objectType?: string;
  objectId?: string;
  /** How a reader knows the object (a title, a name); the id when not given. */
  objectName?: string;
  /** The space of the change; found from `content` when not given. */
  space?: Pick<Space, 'id' | 'key' | 'name'> | null | undefined;
  /** The content changed, or the content the change was made on (its container is found and named). */
  content?:
    | (Pick<Content, 'id' | 'type' | 'title'> & Partial<Pick<Content, 'spaceId' | 'containerId'>>)
    | null;
  /** The content's container, when the caller has it at hand (else it is looked up). */
  container?: Pick<Content, 'id' | 'type' | 'title'> | undefined;
  changes?: AuditChangeInput[];
  /** Further objects the change concerns (the member added to a group). */
  associated?: AuditObject[];
  /** Kept with the record but not shown: anything else worth knowing later. */
  details?: Record<string, unknown>;
  /** The DC webhook event the change raises: queued with the record, sent once it commits. */
  webhookEvent?: WebhookEventId | undefined;
}

// A value is for a reader, not a backup: a long property value is cut.
const longestValue = 1000;

export function auditValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > longestValue ? `${text.slice(0, longestValue - 1)}…` : text;
}

function authorOf(principal: Principal): AuditAuthor {
  if (principal.kind === 'user') {
    const { user } = principal;
    return {
      userId: user.id,
      username: user.username,
      userKey: user.userKey,
      accountId: user.accountId,
      displayName: user.displayName,
    };
  }
  const displayName = principal.kind === 'system' ? 'System' : 'Anonymous';
  return { userId: null, username: null, userKey: null, accountId: null, displayName };
}

/** A change made with an app's token names the app: the user acted, through it. */
function appOf(principal: Principal): AuditObject[] {
  if (principal.kind !== 'user' || !principal.app) return [];
  return [{ type: 'app', name: principal.app.name, id: String(principal.app.id) }];
}

function describe(
  object: AuditObject | null,
  container: AuditObject | undefined,
  spaceKey: string | undefined,
  app: AuditObject | undefined,
) {
  const parts: string[] = [];
  if (object) {
    parts.push(`${auditNoun(object.type)} '${object.name}'`);
    if (object.id !== null && object.id !== object.name) parts.push(`(${object.id})`);
  }
  if (container)
    parts.push(`on ${auditNoun(container.type).toLowerCase()} '${container.name}' (${container.id})`);
  if (spaceKey) parts.push(`in space ${spaceKey}`);
  if (app) parts.push(`through app '${app.name}'`);
  return parts.join(' ');
}

/**
 * Written inside the caller's transaction, so a change and its audit record land together (or neither).
 * Give it the content or the space the change was made in; it names the author as they are at the
 * time (records outlive users), the space, the content's container, and the values that changed.
 */
export async function recordAudit(
  repositories: MetadataRepositories,
  clock: Clock,
  principal: Principal,
  entry: AuditEntry,
): Promise<AuditRecord> {
  const { content } = entry;
  const space =
    entry.space ?? (content?.spaceId ? await repositories.spaces.findById(content.spaceId) : undefined);
  const containerContent =
    content?.containerId && content.containerId !== content.id
      ? entry.container?.id === content.containerId
        ? entry.container
        : await repositories.content.findById(content.containerId)
      : undefined;
  const container: AuditObject | undefined = containerContent && {
    type: containerContent.type,
    name: containerContent.title,
    id: String(containerContent.id),
  };

  let object: AuditObject | null = null;
  if (entry.objectType !== undefined) {
    const id = entry.objectId ?? null;
    object = { type: entry.objectType, id, name: entry.objectName ?? id ?? '' };
  } else if (content) {
    object = { type: content.type, id: String(content.id), name: content.title };
  } else if (space) {
    object = { type: 'space', id: space.key, name: space.name };
  }

  const changes: AuditChange[] = (entry.changes ?? [])
    .map((change) => ({
      name: change.name,
      before: auditValue(change.before),
      after: auditValue(change.after),
    }))
    .filter((change) => change.before !== change.after);

  const apps = appOf(principal);
  const nowMs = clock.nowMs();
  if (entry.webhookEvent) {
    const payload = webhookPayload(entry.webhookEvent, principal, nowMs, {
      content,
      space,
      objectName: object?.id ?? undefined,
      labels: changes.map((change) => change.after || change.before),
    });
    await repositories.webhooks.enqueue(entry.webhookEvent, JSON.stringify(payload), nowMs);
  }
  return repositories.audit.insert({
    createdAtMs: nowMs,
    author: authorOf(principal),
    remoteAddress: principal.kind === 'system' ? '' : (principal.remoteAddress ?? ''),
    category: entry.category,
    summary: entry.summary,
    description: entry.description ?? describe(object, container, space?.key, apps[0]),
    sysAdmin: isAdministrator(principal),
    object,
    space: space ? { id: space.id, key: space.key, name: space.name } : null,
    content: content ? { id: content.id, type: content.type, title: content.title } : null,
    changes,
    associated: [...(container ? [container] : []), ...(entry.associated ?? []), ...apps],
    details: entry.details ?? {},
  });
}
