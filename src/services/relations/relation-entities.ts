import type { Content, ContentStatus, Space } from '../../domain/content.ts';
import { contentStatuses } from '../../domain/content.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { RelationEntityType } from '../../domain/relation.ts';
import type { User } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';
import { canViewContent, canViewSpace } from '../permissions/policy.ts';

/** One end of a relation, found and visible to the caller; `key` is how it is stored. */
export type RelationEntity =
  | { type: 'user'; key: string; user: User }
  | { type: 'content'; key: string; content: Content }
  | { type: 'space'; key: string; space: Space };

/** Content a relation names is live unless the caller asks for another status. */
const defaultStatuses: readonly ContentStatus[] = ['current', 'draft', 'archived'];

export function relationStatusesOf(raw: string | undefined, field: string): readonly ContentStatus[] {
  if (raw === undefined || raw === '') return defaultStatuses;
  const status = contentStatuses.find((candidate) => candidate === raw);
  if (!status) throw badRequest(`${field} must be one of ${contentStatuses.join(', ')}`, { field });
  return [status];
}

/**
 * The entity a path names: a user by `current`, user key, account id or username; content by id; a space
 * by key. One the caller may not see is missing (404), as Confluence reports it.
 */
export async function requireRelationEntity(
  deps: ServiceDeps,
  principal: Principal,
  type: RelationEntityType,
  rawKey: string,
  statuses: readonly ContentStatus[] = defaultStatuses,
): Promise<RelationEntity> {
  const missing = () => notFound(`No ${type} found with key: ${rawKey}`, { type, key: rawKey });
  if (type === 'user') {
    const user =
      rawKey === 'current'
        ? principal.kind === 'user'
          ? principal.user
          : undefined
        : ((await deps.store.users.findByAccountId(rawKey)) ??
          (await deps.store.users.findByUserKey(rawKey)) ??
          (await deps.store.users.findByUsername(rawKey)));
    if (!user) throw missing();
    return { type, key: user.accountId, user };
  }
  if (type === 'content') {
    const match = /^(?:att)?(\d{1,15})$/.exec(rawKey);
    const content = match?.[1] ? await deps.store.content.findById(Number(match[1])) : undefined;
    if (!content || !statuses.includes(content.status) || !(await canViewContent(deps, principal, content))) {
      throw missing();
    }
    return { type, key: String(content.id), content };
  }
  const space = await deps.store.spaces.findByKey(rawKey);
  if (!space || !(await canViewSpace(deps, principal, space))) throw missing();
  return { type, key: space.key, space };
}

/** The entity a stored relation names, or undefined when it is gone or hidden from the caller. */
export async function visibleRelationEntity(
  deps: ServiceDeps,
  principal: Principal,
  type: RelationEntityType,
  key: string,
  statuses: readonly ContentStatus[],
): Promise<RelationEntity | undefined> {
  try {
    return await requireRelationEntity(deps, principal, type, key, statuses);
  } catch {
    return undefined;
  }
}
