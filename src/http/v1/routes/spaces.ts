import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Space } from '../../../domain/content.ts';
import { badRequest } from '../../../domain/errors.ts';
import { type ExpansionTree, parseExpansion } from '../../../domain/expansion.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { listSpaceLabels } from '../../../services/labels/list-space-labels.ts';
import { createSpace } from '../../../services/spaces/create-space.ts';
import { deleteSpace } from '../../../services/spaces/delete-space.ts';
import { getSpace, getSpaceHomepage } from '../../../services/spaces/get-space.ts';
import { listSpaces } from '../../../services/spaces/list-spaces.ts';
import { updateSpace } from '../../../services/spaces/update-space.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { renderContents } from '../present/expanded-content.ts';
import { presentV1LongTaskSubmission } from '../present/long-task.ts';
import { presentV1Space, spaceLabelsInlined } from '../present/space.ts';
import { joinedValue } from '../query-values.ts';
import {
  SpaceCreateBody,
  SpaceGetQuery,
  SpaceKeyParams,
  SpaceListQuery,
  SpaceUpdateBody,
} from '../schemas/spaces.ts';
import { createSpaceInputOf, spaceBodyRefusal, updateSpaceInputOf } from '../space-input.ts';

// Data Center spec: `GET /space` defaults to 25; DC caps space lists at 500.
const spaceListRules = { defaultLimit: 25, maxLimit: 500 };

/** Repeated (`spaceKey=A&spaceKey=B`) and comma-separated (`spaceKeys=A,B`) forms alike. */
const listOf = (...raw: (string | string[] | undefined)[]) =>
  raw
    .flat()
    .flatMap((value) => (value ?? '').split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');

const expansionOf = (raw: string | string[] | undefined) => parseExpansion(listOf(raw).join(','));

function spaceIdsOf(raw: string[]): number[] {
  return raw.map((text) => {
    if (!/^\d{1,15}$/.test(text))
      throw badRequest(`spaceId must be a space id, not '${text}'`, { field: 'spaceId' });
    return Number(text);
  });
}

/** A space with what `expand` asks for; the home page is rendered by the content presenter. */
async function renderSpace(
  deps: ServiceDeps,
  request: FastifyRequest,
  space: Space,
  tree: ExpansionTree,
  root: boolean,
) {
  const homepageTree = tree.get('homepage');
  let homepage: unknown;
  if (homepageTree) {
    const found = await getSpaceHomepage(deps, request.principal, space);
    if (found) [homepage] = await renderContents(deps, request, [found], homepageTree);
  }
  const labels = tree.get('metadata')?.has('labels')
    ? await listSpaceLabels(deps, request.principal, space.key, undefined, {
        start: 0,
        limit: spaceLabelsInlined,
      })
    : undefined;
  return presentV1Space(space, request.surface, { expand: tree, homepage, root, ...(labels && { labels }) });
}

/** Spaces on the v1 and Data Center paths. */
export function v1SpaceRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/space', { schema: { querystring: SpaceListQuery } }, async (request) => {
      const query = request.query;
      const window = windowOf(query, spaceListRules);
      const tree = expansionOf(query.expand);
      const slice = await listSpaces(
        deps,
        request.principal,
        {
          keys: listOf(query.spaceKey, query.spaceKeys),
          ids: spaceIdsOf(listOf(query.spaceId, query.spaceIds)),
          type: query.type || undefined,
          status: joinedValue(query.status) || undefined,
          labels: listOf(query.label),
        },
        window,
      );
      const rendered: unknown[] = [];
      for (const space of slice.items) rendered.push(await renderSpace(deps, request, space, tree, false));
      return pageOf(request, { items: rendered, total: slice.total }, window, (item) => item);
    });

    for (const [path, isPrivate] of [
      ['/space', false],
      ['/space/_private', true],
    ] as const) {
      const createSchema = { body: SpaceCreateBody };
      const refused = bodyRefusedAs(spaceBodyRefusal);
      app.post(path, { schema: createSchema, schemaErrorFormatter: refused }, async (request) => {
        const input = createSpaceInputOf(request.body, isPrivate);
        const space = await createSpace(deps, request.principal, input);
        return renderSpace(deps, request, space, parseExpansion('description.plain'), true);
      });
    }

    const getSchema = { params: SpaceKeyParams, querystring: SpaceGetQuery };
    app.get('/space/:spaceKey', { schema: getSchema }, async (request) => {
      const space = await getSpace(deps, request.principal, request.params.spaceKey);
      return renderSpace(deps, request, space, expansionOf(request.query.expand), true);
    });

    const updateSchema = { params: SpaceKeyParams, body: SpaceUpdateBody };
    const updateRefused = bodyRefusedAs(spaceBodyRefusal);
    app.put(
      '/space/:spaceKey',
      { schema: updateSchema, schemaErrorFormatter: updateRefused },
      async (request) => {
        const input = updateSpaceInputOf(request.body);
        const space = await updateSpace(deps, request.principal, request.params.spaceKey, input);
        return renderSpace(deps, request, space, parseExpansion('description.plain'), true);
      },
    );

    app.delete('/space/:spaceKey', { schema: { params: SpaceKeyParams } }, async (request, reply) => {
      const { task } = await deleteSpace(deps, request.principal, request.params.spaceKey);
      return reply.status(202).send(presentV1LongTaskSubmission(task, request.surface));
    });
  };
}
