import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest, notFound } from '../../../domain/errors.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { addRestrictionSubject } from '../../../services/restrictions/add-restriction-subject.ts';
import { addRestrictions } from '../../../services/restrictions/add-restrictions.ts';
import { checkRestrictionSubject } from '../../../services/restrictions/check-restriction-subject.ts';
import { deleteRestrictions } from '../../../services/restrictions/delete-restrictions.ts';
import { getRelevantViewRestrictions } from '../../../services/restrictions/get-relevant-view-restrictions.ts';
import { getRestrictions } from '../../../services/restrictions/get-restrictions.ts';
import { removeRestrictionSubject } from '../../../services/restrictions/remove-restriction-subject.ts';
import {
  type RestrictionUpdate,
  replaceRestrictions,
} from '../../../services/restrictions/replace-restrictions.ts';
import {
  type GroupRef,
  parseRestrictionOperation,
  type SubjectRef,
  type UserRef,
} from '../../../services/restrictions/restriction-input.ts';
import { parseContentId } from '../../common/content-ids.ts';
import type { Surface } from '../../common/surface.ts';
import { type WindowQuery, type WindowRules, windowOf } from '../paging.ts';
import {
  presentV1OperationRestriction,
  presentV1RelevantViewRestrictions,
  presentV1RestrictionArray,
  presentV1RestrictionsByOperation,
} from '../present/restriction.ts';

// Both specs default the users and groups of a restriction to 100 per page; Data Center's byOperation
// answers with 200, and relevantViewRestrictions pages its entries 50 at most.
const memberRules: WindowRules = { defaultLimit: 100, maxLimit: 200 };
const byOperationRules: WindowRules = { defaultLimit: 200, maxLimit: 200 };
const relevantRules: WindowRules = { defaultLimit: 50, maxLimit: 50 };
const allMembers = { start: 0, limit: memberRules.maxLimit };

type Json = Record<string, unknown>;
type IdParams = { Params: { id: string } };
type OperationParams = { Params: { id: string; operationKey: string } };
type UserQuery = { accountId?: string; key?: string | string[]; username?: string };
type SubjectRoute = {
  Params: { id: string; operationKey: string; groupName?: string; groupId?: string };
  Querystring: UserQuery;
};
type SubjectRequest = FastifyRequest<SubjectRoute>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * A user in a body: on Data Center by `userKey` or `username`, on Cloud by `accountId` (Cloud no longer
 * takes the other two, and Data Center has no account ids).
 */
function userRefOf(item: unknown, surface: Surface): UserRef {
  if (!isObject(item)) throw badRequest('Each user of a restriction must be an object', { field: 'user' });
  if (surface.cloud) {
    if (nonEmptyString(item.accountId)) return { kind: 'user', by: 'accountId', value: item.accountId };
    throw badRequest('Each user of a restriction needs an accountId', { field: 'user' });
  }
  if (nonEmptyString(item.userKey)) return { kind: 'user', by: 'userKey', value: item.userKey };
  if (nonEmptyString(item.username)) return { kind: 'user', by: 'username', value: item.username };
  throw badRequest('Each user of a restriction needs a username or userKey', { field: 'user' });
}

/** A group in a body: by `name`, or on Cloud by `id` (the current Cloud spec's form). */
function groupRefOf(item: unknown, surface: Surface): GroupRef {
  if (!isObject(item)) throw badRequest('Each group of a restriction must be an object', { field: 'group' });
  if (surface.cloud && nonEmptyString(item.id)) return { kind: 'group', by: 'id', value: item.id };
  if (nonEmptyString(item.name)) return { kind: 'group', by: 'name', value: item.name };
  throw badRequest(`Each group of a restriction needs a name${surface.cloud ? ' or an id' : ''}`, {
    field: 'group',
  });
}

/** `[…]`, or the `{results:[…]}` that GET answers with (both specs let a client send that back). */
function listOf(value: unknown, field: string): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.results)) return value.results;
  throw badRequest(`restrictions.${field} must be a list`, { field });
}

/** A list of restrictions, Cloud's `{results: […]}`, or (leniently) one restriction on its own. */
function updatesOf(body: unknown, surface: Surface): RestrictionUpdate[] {
  const items = Array.isArray(body)
    ? body
    : isObject(body) && Array.isArray(body.results)
      ? body.results
      : isObject(body) && 'operation' in body
        ? [body]
        : undefined;
  if (!items) {
    throw badRequest(
      'The body must be a list of restrictions: [{"operation":"read","restrictions":{"user":[…],"group":[…]}}]',
    );
  }
  return items.map((item): RestrictionUpdate => {
    if (!isObject(item)) throw badRequest('Each restriction must be an object with an operation');
    const operation = parseRestrictionOperation(item.operation);
    const { restrictions } = item;
    if (!isObject(restrictions)) {
      throw badRequest(`The ${operation} restriction needs "restrictions": {"user": […], "group": […]}`, {
        field: 'restrictions',
      });
    }
    return {
      operation,
      users: listOf(restrictions.user, 'user')?.map((user) => userRefOf(user, surface)),
      groups: listOf(restrictions.group, 'group')?.map((group) => groupRefOf(group, surface)),
    };
  });
}

/** The user of the per-user sub-resource, from the query, by the surface's kind of id. */
function userRefOfQuery(query: UserQuery, surface: Surface): UserRef {
  if (surface.cloud) {
    if (nonEmptyString(query.accountId)) return { kind: 'user', by: 'accountId', value: query.accountId };
    throw badRequest('accountId is required', { field: 'accountId' });
  }
  // `key` may repeat on other v1 paths, so it can arrive as a list (query-values.ts).
  const keys = query.key === undefined ? [] : [query.key].flat().filter(nonEmptyString);
  const given: UserRef[] = [
    ...keys.map((value): UserRef => ({ kind: 'user', by: 'userKey', value })),
    ...(nonEmptyString(query.username)
      ? [{ kind: 'user', by: 'username', value: query.username } as const]
      : []),
  ];
  const [ref] = given;
  if (!ref || given.length > 1)
    throw badRequest('Exactly one of key or username is required', { field: 'key' });
  return ref;
}

const idOf = (request: { params: { id: string } }) => parseContentId(request.params.id);

/**
 * `/content/{id}/restriction` and its sub-resources (v1 and Data Center): reading needs sight of the
 * content; changing needs the right to restrict it. The same paths answer on `/rest/api` with Data Center
 * user ids and on `/wiki/rest/api` with Cloud account ids.
 */
export function v1RestrictionRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    const base = '/content/:id/restriction';

    app.get<IdParams & { Querystring: WindowQuery }>(base, async (request) => {
      const restrictions = await getRestrictions(deps, request.principal, idOf(request));
      return presentV1RestrictionArray(restrictions, windowOf(request.query, memberRules), request.surface);
    });

    for (const [method, change] of [
      ['PUT', replaceRestrictions],
      ['POST', addRestrictions],
    ] as const) {
      app.route<IdParams & { Body: unknown; Querystring: WindowQuery }>({
        method,
        url: base,
        handler: async (request) => {
          const updates = updatesOf(request.body, request.surface);
          const restrictions = await change(deps, request.principal, idOf(request), updates);
          return presentV1RestrictionArray(
            restrictions,
            windowOf(request.query, memberRules),
            request.surface,
          );
        },
      });
    }

    app.get<IdParams & { Querystring: WindowQuery }>(`${base}/byOperation`, async (request) => {
      const restrictions = await getRestrictions(deps, request.principal, idOf(request));
      const window = windowOf(request.query, byOperationRules);
      return presentV1RestrictionsByOperation(restrictions, window, request.surface);
    });

    app.get<OperationParams & { Querystring: WindowQuery }>(
      `${base}/byOperation/:operationKey`,
      async (request) => {
        const operation = parseRestrictionOperation(request.params.operationKey);
        const restrictions = await getRestrictions(deps, request.principal, idOf(request), [operation]);
        const window = windowOf(request.query, memberRules);
        return presentV1OperationRestriction(restrictions, operation, window, request.surface);
      },
    );

    app.get<IdParams & { Querystring: WindowQuery }>(`${base}/relevantViewRestrictions`, async (request) => {
      const { content, restrictions } = await getRelevantViewRestrictions(
        deps,
        request.principal,
        idOf(request),
      );
      const window = windowOf(request.query, relevantRules);
      return presentV1RelevantViewRestrictions(content, restrictions, window, allMembers, request.surface);
    });

    app.delete<IdParams & { Querystring: WindowQuery }>(base, async (request) => {
      const restrictions = await deleteRestrictions(deps, request.principal, idOf(request));
      return presentV1RestrictionArray(restrictions, windowOf(request.query, memberRules), request.surface);
    });

    const subjectRoutes: [string, (request: SubjectRequest) => SubjectRef][] = [
      [`${base}/byOperation/:operationKey/user`, (request) => userRefOfQuery(request.query, request.surface)],
      [
        `${base}/byOperation/:operationKey/group/:groupName`,
        (request) => ({ kind: 'group', by: 'name', value: request.params.groupName ?? '' }),
      ],
      [
        `${base}/byOperation/:operationKey/byGroupId/:groupId`,
        (request) => ({ kind: 'group', by: 'id', value: request.params.groupId ?? '' }),
      ],
    ];
    for (const [url, refOf] of subjectRoutes) {
      // Cloud answers these with an empty body: 200 when the restriction names the user or group.
      app.get<SubjectRoute>(url, async (request, reply) => {
        const operation = parseRestrictionOperation(request.params.operationKey);
        const ref = refOf(request);
        if (!(await checkRestrictionSubject(deps, request.principal, idOf(request), operation, ref))) {
          throw notFound(
            `The ${operation} restriction of content ${request.params.id} does not name ${ref.value}`,
          );
        }
        return reply.status(200).send();
      });
      app.put<SubjectRoute>(url, async (request, reply) => {
        const operation = parseRestrictionOperation(request.params.operationKey);
        await addRestrictionSubject(deps, request.principal, idOf(request), operation, refOf(request));
        return reply.status(200).send();
      });
      app.delete<SubjectRoute>(url, async (request, reply) => {
        const operation = parseRestrictionOperation(request.params.operationKey);
        await removeRestrictionSubject(deps, request.principal, idOf(request), operation, refOf(request));
        return reply.status(200).send();
      });
    }
  };
}
