import { createHash } from 'node:crypto';
import type { Content } from '../../../domain/content.ts';
import type { Window } from '../../../domain/paging.ts';
import type { RestrictionOperation } from '../../../domain/permissions.ts';
import type {
  ContentRestrictions,
  OperationRestrictions,
} from '../../../services/restrictions/describe-restrictions.ts';
import type { ViewRestrictionOf } from '../../../services/restrictions/get-relevant-view-restrictions.ts';
import { wireContentId } from '../../common/content-ids.ts';
import type { Surface } from '../../common/surface.ts';
import { presentV1Group } from './group.ts';
import { presentV1User } from './user.ts';

/**
 * Content restrictions as v1 and Data Center show them (`ContentRestriction`, `ContentRestrictionArray`
 * in the Cloud v1 spec, `OperationRestriction` in Data Center's). `start`/`limit` page the users and the
 * groups inside each restriction, as both specs describe.
 */

function windowed<T, R>(items: readonly T[], window: Window, present: (item: T) => R) {
  const results = items.slice(window.start, window.start + window.limit).map(present);
  return { results, start: window.start, limit: window.limit, size: results.length };
}

const restrictionBase = (content: Content, surface: Surface) =>
  `/rest/api/content/${wireContentId(content, surface)}/restriction`;

export function presentV1ContentRestriction(
  content: Content,
  restriction: OperationRestrictions,
  window: Window,
  surface: Surface,
) {
  return {
    operation: restriction.operation,
    restrictions: {
      user: windowed(restriction.users, window, (user) => presentV1User(user, surface)),
      group: windowed(restriction.groups, window, (group) => presentV1Group(group, surface)),
    },
    _expandable: { content: `/rest/api/content/${wireContentId(content, surface)}` },
    _links: {
      self: `${surface.base}${restrictionBase(content, surface)}/byOperation/${restriction.operation}`,
    },
  };
}

/** Changes whenever who is in any restriction changes; Cloud's UI compares it to spot edits. */
function restrictionsHashOf(restrictions: ContentRestrictions): string {
  const listing = restrictions.operations.map(({ operation, users, groups }) => [
    operation,
    users.map((user) => user.id).sort((a, b) => a - b),
    groups.map((group) => group.id).sort((a, b) => a - b),
  ]);
  return createHash('sha256').update(JSON.stringify(listing)).digest('hex');
}

/** `GET|PUT|POST|DELETE /content/{id}/restriction`: one entry per operation. */
export function presentV1RestrictionArray(
  restrictions: ContentRestrictions,
  window: Window,
  surface: Surface,
) {
  const { content } = restrictions;
  return {
    results: restrictions.operations.map((restriction) =>
      presentV1ContentRestriction(content, restriction, window, surface),
    ),
    start: window.start,
    limit: window.limit,
    size: restrictions.operations.length,
    ...(surface.cloud && { restrictionsHash: restrictionsHashOf(restrictions) }),
    _links: {
      base: surface.base,
      context: surface.context,
      self: surface.base + restrictionBase(content, surface),
    },
  };
}

/** `GET /content/{id}/restriction/byOperation`: the operations are the keys of the answer. */
export function presentV1RestrictionsByOperation(
  restrictions: ContentRestrictions,
  window: Window,
  surface: Surface,
) {
  const byOperation: Record<string, unknown> = {};
  for (const restriction of restrictions.operations) {
    byOperation[restriction.operation] = presentV1ContentRestriction(
      restrictions.content,
      restriction,
      window,
      surface,
    );
  }
  return { ...byOperation, _links: { base: surface.base, context: surface.context } };
}

/** `GET /content/{id}/restriction/byOperation/{operationKey}`. */
export function presentV1OperationRestriction(
  restrictions: ContentRestrictions,
  operation: RestrictionOperation,
  window: Window,
  surface: Surface,
) {
  const restriction = restrictions.operations.find((candidate) => candidate.operation === operation) ?? {
    operation,
    users: [],
    groups: [],
  };
  const presented = presentV1ContentRestriction(restrictions.content, restriction, window, surface);
  return { ...presented, _links: { ...presented._links, base: surface.base, context: surface.context } };
}

function presentContentReference(content: Content, surface: Surface) {
  const wireId = wireContentId(content, surface);
  return {
    id: wireId,
    type: content.type,
    status: content.status,
    title: content.title,
    _links: { self: `${surface.base}/rest/api/content/${wireId}` },
  };
}

/**
 * `GET /content/{id}/restriction/relevantViewRestrictions`. Data Center's spec gives only a placeholder
 * schema (`MockRestrictionsResponse`); the shape below is what Data Center clients read
 * (`viewContentRestrictions.results[].restrictions.user.results`), each entry naming the item it is on so
 * that inherited restrictions can be told from the item's own. `start`/`limit` page the entries.
 */
export function presentV1RelevantViewRestrictions(
  content: Content,
  restrictions: readonly ViewRestrictionOf[],
  window: Window,
  memberWindow: Window,
  surface: Surface,
) {
  const entries = windowed(restrictions, window, ({ content: item, read }) => ({
    ...presentV1ContentRestriction(item, read, memberWindow, surface),
    content: presentContentReference(item, surface),
    _expandable: {},
  }));
  return {
    viewContentRestrictions: entries,
    _links: {
      base: surface.base,
      context: surface.context,
      self: `${surface.base}${restrictionBase(content, surface)}/relevantViewRestrictions`,
    },
  };
}
