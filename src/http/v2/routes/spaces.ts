import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import type { KeysetWindow } from '../../../domain/paging.ts';
import type { SpaceSort } from '../../../ports/content-store.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { listSpaceOperations } from '../../../services/permissions/list-space-operations.ts';
import { listSpacePermissionsById } from '../../../services/permissions/list-space-permissions.ts';
import { applyRoleChanges, resolveRoleChanges } from '../../../services/space-roles/role-assignments.ts';
import { createSpace } from '../../../services/spaces/create-space.ts';
import { getSpaceById } from '../../../services/spaces/get-space.ts';
import { listSpacesByKeyset, type SpaceListFilter } from '../../../services/spaces/list-spaces.ts';
import { spaceAuthorAccountIds } from '../../../services/spaces/space-authors.ts';
import { type JsonObject, jsonObjectOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2FlagOf, v2IdOf } from '../path-ids.ts';
import { presentV2Space, type SpaceDescriptionFormat } from '../present/space.ts';
import {
  isV2SpacePermission,
  presentV2SpaceOperations,
  presentV2SpacePermission,
} from '../present/space-permission.ts';

export type SpacesQuery = {
  ids?: string | string[];
  keys?: string | string[];
  type?: string;
  status?: string;
  sort?: string;
  cursor?: string;
  limit?: string;
  'description-format'?: string;
  'include-icon'?: string;
};

const spaceSorts: readonly SpaceSort[] = ['id', '-id', 'key', '-key', 'name', '-name'];
// The spec caps `ids` and `keys` at 250 entries each.
const maxFilterValues = 250;

/** `ids=1,2&ids=3`: comma-separated and repeated alike. */
function listOf(raw: string | string[] | undefined, name: string): string[] {
  const values = [raw ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (values.length > maxFilterValues) throw badRequest(`${name} takes at most ${maxFilterValues} values`);
  return values;
}

/** The filter and window of a space list (`GET /spaces`, `GET /data-policies/spaces`). */
export function spaceListOf(query: SpacesQuery): {
  filter: SpaceListFilter;
  window: KeysetWindow<SpaceSort>;
} {
  const sort = spaceSorts.find((candidate) => candidate === (query.sort || 'id'));
  if (!sort) throw badRequest(`sort must be one of ${spaceSorts.join(', ')}`, { field: 'sort' });
  return {
    filter: {
      ids: listOf(query.ids, 'ids').map((id) => v2IdOf(id, 'ids')),
      keys: listOf(query.keys, 'keys'),
      type: query.type || undefined,
      status: query.status || undefined,
    },
    window: { sort, after: decodeCursor(query.cursor), limit: limitOf(query.limit) },
  };
}

function descriptionFormatOf(raw: string | undefined): SpaceDescriptionFormat | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'plain' || raw === 'view') return raw;
  throw badRequest(`description-format must be plain or view, not '${raw}'`, { field: 'description-format' });
}

/**
 * v2's `description` is `{value, representation}` with only `plain` supported (the spec says so); v1's
 * space service reads `{plain: {value}}`.
 */
function v1DescriptionOf(raw: unknown): { plain: { value: unknown } } | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw badRequest('description must be an object with value and representation', { field: 'description' });
  }
  const { value, representation } = raw as JsonObject;
  if (representation !== undefined && representation !== 'plain') {
    throw badRequest(
      `Only the plain representation is supported for description, not '${String(representation)}'`,
      {
        field: 'description',
      },
    );
  }
  return { plain: { value } };
}

/**
 * The creation options that ask for a template or another space's access: Tributary has neither, so rather
 * than quietly give a different space it refuses.
 */
function refuseUnsupportedCreateOptions(body: JsonObject): void {
  for (const field of ['copySpaceAccessConfiguration', 'templateKey']) {
    if (body[field] !== undefined && body[field] !== null) {
      throw badRequest(`${field} is not supported`, { field });
    }
  }
}

/** Spaces on Cloud v2: `GET /spaces` by cursor, `POST /spaces` and `GET /spaces/{id}`. */
export function v2SpaceRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: SpacesQuery }>('/spaces', async (request, reply) => {
      const query = request.query;
      const options = {
        descriptionFormat: descriptionFormatOf(query['description-format']),
        includeIcon: v2FlagOf(query['include-icon'], 'include-icon', false),
      };
      const { filter, window } = spaceListOf(query);
      const slice = await listSpacesByKeyset(deps, request.principal, filter, window);
      const authors = await spaceAuthorAccountIds(deps, slice.items);
      return keysetPage(request, reply, slice, window.limit, (space) =>
        presentV2Space(space, request.surface, {
          ...options,
          authorAccountId: space.creatorId === null ? undefined : authors.get(space.creatorId),
        }),
      );
    });

    // The same space v1 creates (home page, creator's and users' permissions, audit); a caller who may
    // not create spaces gets the spec's 404.
    app.post<{ Body: unknown }>('/spaces', async (request, reply) => {
      const body = jsonObjectOf(request.body);
      refuseUnsupportedCreateOptions(body);
      const roles = body.roleAssignments;
      // Resolved before the space is made, so that a bad assignment refuses the whole request.
      const roleChanges =
        roles === undefined || roles === null || (Array.isArray(roles) && roles.length === 0)
          ? []
          : await resolveRoleChanges(deps, roles);
      const createPrivateSpace = body.createPrivateSpace ?? false;
      if (typeof createPrivateSpace !== 'boolean') {
        throw badRequest('createPrivateSpace must be true or false', { field: 'createPrivateSpace' });
      }
      const space = await deniedAsMissing(
        createSpace(deps, request.principal, {
          // Cloud takes the alias when no key is given; here the alias must then be a valid key.
          key: body.key ?? body.alias,
          name: body.name,
          description: v1DescriptionOf(body.description),
          private: createPrivateSpace,
        }),
      );
      if (roleChanges.length > 0) await applyRoleChanges(deps, request.principal, space, roleChanges);
      const authors = await spaceAuthorAccountIds(deps, [space]);
      reply.status(201);
      return presentV2Space(space, request.surface, {
        authorAccountId: space.creatorId === null ? undefined : authors.get(space.creatorId),
        descriptionFormat: 'plain',
        root: true,
      });
    });

    // The whole list is small (a few grants per user or group), so it is paged in memory by permission id.
    app.get<{ Params: { id: string }; Querystring: SpacesQuery & { cursor?: string; limit?: string } }>(
      '/spaces/:id/permissions',
      async (request, reply) => {
        const limit = limitOf(request.query.limit);
        const after = decodeCursor(request.query.cursor)?.id ?? 0;
        const { permissions } = await listSpacePermissionsById(
          deps,
          request.principal,
          v2IdOf(request.params.id),
        );
        const remaining = permissions
          .filter((permission) => isV2SpacePermission(permission) && permission.id > after)
          .sort((a, b) => a.id - b.id);
        const items = remaining.slice(0, limit);
        const last = items.at(-1);
        const next = remaining.length > limit && last ? { sortValue: last.id, id: last.id } : undefined;
        return keysetPage(request, reply, { items, next }, limit, presentV2SpacePermission);
      },
    );

    app.get<{ Params: { id: string } }>('/spaces/:id/operations', async (request) =>
      presentV2SpaceOperations(await listSpaceOperations(deps, request.principal, v2IdOf(request.params.id))),
    );

    app.get<{ Params: { id: string }; Querystring: SpacesQuery }>('/spaces/:id', async (request) => {
      const space = await getSpaceById(deps, request.principal, v2IdOf(request.params.id));
      const authors = await spaceAuthorAccountIds(deps, [space]);
      return presentV2Space(space, request.surface, {
        authorAccountId: space.creatorId === null ? undefined : authors.get(space.creatorId),
        descriptionFormat: descriptionFormatOf(request.query['description-format']),
        includeIcon: v2FlagOf(request.query['include-icon'], 'include-icon', false),
        root: true,
      });
    });
  };
}
