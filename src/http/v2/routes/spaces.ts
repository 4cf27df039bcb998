import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
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
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { oneOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2FlagOf, v2IdOf } from '../path-ids.ts';
import { presentV2Space, type SpaceDescriptionFormat } from '../present/space.ts';
import {
  isV2SpacePermission,
  presentV2SpaceOperations,
  presentV2SpacePermission,
} from '../present/space-permission.ts';
import {
  type DataPolicySpaceListQuery,
  SpaceCreateBody,
  SpaceListQuery,
  SpacePermissionListQuery,
  SpaceQuery,
} from '../schemas/spaces.ts';
import { spaceSorts } from '../sorts.ts';
import { createSpaceInputOf, spaceCreateBodyRefusal } from '../space-input.ts';
import { roleAssignmentEntriesOf } from '../space-role-input.ts';

/** What a space list reads: `GET /spaces`, and `GET /data-policies/spaces` without the display options. */
export type SpacesQuery = Static<typeof DataPolicySpaceListQuery>;

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
  const sort = spaceSorts.get(oneOf(query.sort) || 'id');
  if (!sort) throw badRequest(`sort must be one of ${[...spaceSorts.keys()].join(', ')}`, { field: 'sort' });
  return {
    filter: {
      ids: listOf(query.ids, 'ids').map((id) => v2IdOf(id, 'ids')),
      keys: listOf(query.keys, 'keys'),
      type: oneOf(query.type) || undefined,
      status: oneOf(query.status) || undefined,
    },
    window: { sort, after: decodeCursor(oneOf(query.cursor)), limit: limitOf(oneOf(query.limit)) },
  };
}

function descriptionFormatOf(raw: string | undefined): SpaceDescriptionFormat | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'plain' || raw === 'view') return raw;
  throw badRequest(`description-format must be plain or view, not '${raw}'`, { field: 'description-format' });
}

/** Spaces on Cloud v2: `GET /spaces` by cursor, `POST /spaces` and `GET /spaces/{id}`. */
export function v2SpaceRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/spaces', { schema: { querystring: SpaceListQuery } }, async (request, reply) => {
      const query = request.query;
      const options = {
        descriptionFormat: descriptionFormatOf(oneOf(query['description-format'])),
        includeIcon: v2FlagOf(oneOf(query['include-icon']), 'include-icon', false),
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
    const createRefused = bodyRefusedAs(spaceCreateBodyRefusal);
    app.post(
      '/spaces',
      { schema: { body: SpaceCreateBody }, schemaErrorFormatter: createRefused },
      async (request, reply) => {
        const { body } = request;
        const input = createSpaceInputOf(body);
        const roles = body.roleAssignments;
        // Resolved before the space is made, so that a bad assignment refuses the whole request.
        const roleChanges =
          roles === undefined || roles === null || (Array.isArray(roles) && roles.length === 0)
            ? []
            : await resolveRoleChanges(deps, roleAssignmentEntriesOf(roles));
        const space = await deniedAsMissing(createSpace(deps, request.principal, input));
        if (roleChanges.length > 0) await applyRoleChanges(deps, request.principal, space, roleChanges);
        const authors = await spaceAuthorAccountIds(deps, [space]);
        reply.status(201);
        return presentV2Space(space, request.surface, {
          authorAccountId: space.creatorId === null ? undefined : authors.get(space.creatorId),
          descriptionFormat: 'plain',
          root: true,
        });
      },
    );

    // The whole list is small (a few grants per user or group), so it is paged in memory by permission id.
    app.get(
      '/spaces/:id/permissions',
      { schema: { params: IdParams, querystring: SpacePermissionListQuery } },
      async (request, reply) => {
        const limit = limitOf(oneOf(request.query.limit));
        const after = decodeCursor(oneOf(request.query.cursor))?.id ?? 0;
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

    app.get('/spaces/:id/operations', { schema: { params: IdParams } }, async (request) =>
      presentV2SpaceOperations(await listSpaceOperations(deps, request.principal, v2IdOf(request.params.id))),
    );

    app.get('/spaces/:id', { schema: { params: IdParams, querystring: SpaceQuery } }, async (request) => {
      const space = await getSpaceById(deps, request.principal, v2IdOf(request.params.id));
      const authors = await spaceAuthorAccountIds(deps, [space]);
      return presentV2Space(space, request.surface, {
        authorAccountId: space.creatorId === null ? undefined : authors.get(space.creatorId),
        descriptionFormat: descriptionFormatOf(oneOf(request.query['description-format'])),
        includeIcon: v2FlagOf(oneOf(request.query['include-icon']), 'include-icon', false),
        root: true,
      });
    });
  };
}
