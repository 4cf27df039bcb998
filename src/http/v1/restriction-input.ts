import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import type { RestrictionUpdate } from '../../services/restrictions/replace-restrictions.ts';
import {
  type GroupRef,
  parseRestrictionOperation,
  type UserRef,
} from '../../services/restrictions/restriction-input.ts';
import type { Surface } from '../common/surface.ts';
import type { Restriction, RestrictionsBody, SubjectQuery } from './schemas/restrictions.ts';

type Members = NonNullable<Static<typeof Restriction>['restrictions']>;
type UserItem = Extract<NonNullable<Members['user']>, unknown[]>[number];
type GroupItem = Extract<NonNullable<Members['group']>, unknown[]>[number];

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * A user in a body: on Data Center by `userKey` or `username`, on Cloud by `accountId` (Cloud no longer
 * takes the other two, and Data Center has no account ids).
 */
function userRefOf(item: UserItem, surface: Surface): UserRef {
  if (surface.cloud) {
    if (nonEmptyString(item.accountId)) return { kind: 'user', by: 'accountId', value: item.accountId };
    throw badRequest('Each user of a restriction needs an accountId', { field: 'user' });
  }
  if (nonEmptyString(item.userKey)) return { kind: 'user', by: 'userKey', value: item.userKey };
  if (nonEmptyString(item.username)) return { kind: 'user', by: 'username', value: item.username };
  throw badRequest('Each user of a restriction needs a username or userKey', { field: 'user' });
}

/** A group in a body: by `name`, or on Cloud by `id` (the current Cloud spec's form). */
function groupRefOf(item: GroupItem, surface: Surface): GroupRef {
  if (surface.cloud && nonEmptyString(item.id)) return { kind: 'group', by: 'id', value: item.id };
  if (nonEmptyString(item.name)) return { kind: 'group', by: 'name', value: item.name };
  throw badRequest(`Each group of a restriction needs a name${surface.cloud ? ' or an id' : ''}`, {
    field: 'group',
  });
}

/** A refused body in the words clients know: which member list is no list, else what the body must be. */
export function restrictionsBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const paths = errors.map((error) => error.instancePath);
  const field = ['user', 'group'].find((name) =>
    paths.some((path) => path.endsWith(`/restrictions/${name}`)),
  );
  if (field) return badRequest(`restrictions.${field} must be a list`, { field });
  return badRequest(
    'The body must be a list of restrictions: [{"operation":"read","restrictions":{"user":[…],"group":[…]}}]',
  );
}

const itemsOf = <Item>(list: Item[] | { results: Item[] } | undefined) =>
  list === undefined ? undefined : Array.isArray(list) ? list : list.results;

/** The restrictions a PUT or POST body asks for, with each user and group named as the surface names them. */
export function restrictionUpdatesOf(
  body: Static<typeof RestrictionsBody>,
  surface: Surface,
): RestrictionUpdate[] {
  const items = Array.isArray(body) ? body : 'results' in body ? body.results : [body];
  return items.map((item): RestrictionUpdate => {
    const operation = parseRestrictionOperation(item.operation);
    const { restrictions } = item;
    if (!restrictions) {
      throw badRequest(`The ${operation} restriction needs "restrictions": {"user": […], "group": […]}`, {
        field: 'restrictions',
      });
    }
    return {
      operation,
      users: itemsOf(restrictions.user)?.map((user) => userRefOf(user, surface)),
      groups: itemsOf(restrictions.group)?.map((group) => groupRefOf(group, surface)),
    };
  });
}

/** The user of the per-user sub-resource, from the query, by the surface's kind of id. */
export function userRefOfQuery(query: Static<typeof SubjectQuery>, surface: Surface): UserRef {
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
