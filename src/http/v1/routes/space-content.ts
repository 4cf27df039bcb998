import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ContentType } from '../../../domain/content.ts';
import { badRequest } from '../../../domain/errors.ts';
import { parseExpansion } from '../../../domain/expansion.ts';
import { listContent } from '../../../services/content/list-content.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { emptySpaceTrash, listSpaceTrash } from '../../../services/trash/space-trash.ts';
import { typed } from '../../common/schemas.ts';
import { expansionAsked } from '../default-expansion.ts';
import { type WindowQuery, windowOf } from '../paging.ts';
import { presentV1SpaceContents, renderContentPage } from '../present/expanded-content.ts';
import { SpaceContentQuery, SpaceKeyParams, SpaceTypeParams } from '../schemas/content-tree.ts';

type SpaceQuery = WindowQuery & { expand?: string; depth?: string };

const contentRules = { defaultLimit: 25, maxLimit: 200 };
const spaceContentTypes: readonly ContentType[] = ['page', 'blogpost'];
// The DC spec's default for the trash listing.
const defaultTrashExpansion = 'ancestors,container,space,metadata';

const depthOf = (raw: string | undefined) => {
  if (raw === undefined || raw === '' || raw === 'all') return 'all';
  if (raw === 'root') return 'root';
  throw badRequest('depth must be all or root');
};

/** A space's pages and blog posts (`/space/{key}/content[/{type}]`) and its trash. */
export function v1SpaceContentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const typedPage = async (
      request: FastifyRequest,
      spaceKey: string,
      type: ContentType,
      query: SpaceQuery,
    ) => {
      const window = windowOf(query, contentRules);
      const slice = await listContent(
        deps,
        request.principal,
        {
          types: [type],
          statuses: ['current'],
          spaceKeys: [spaceKey],
          rootOnly: type === 'page' && depthOf(query.depth) === 'root',
        },
        window,
      );
      return renderContentPage(deps, request, slice, window, parseExpansion(query.expand));
    };

    app.get(
      '/space/:spaceKey/content',
      { schema: { params: SpaceKeyParams, querystring: SpaceContentQuery } },
      async (request) => {
        const { spaceKey } = request.params;
        const [page, blogpost] = await Promise.all(
          spaceContentTypes.map((type) => typedPage(request, spaceKey, type, request.query)),
        );
        return presentV1SpaceContents(page, blogpost, request.surface);
      },
    );

    app.get(
      '/space/:spaceKey/content/:type',
      { schema: { params: SpaceTypeParams, querystring: SpaceContentQuery } },
      async (request) => {
        const type = spaceContentTypes.find((candidate) => candidate === request.params.type);
        if (!type) throw badRequest(`Content type must be page or blogpost, not '${request.params.type}'`);
        return typedPage(request, request.params.spaceKey, type, request.query);
      },
    );

    app.get(
      '/space/:spaceKey/trash',
      { schema: { params: SpaceKeyParams, querystring: SpaceContentQuery } },
      async (request) => {
        const window = windowOf(request.query, contentRules);
        const slice = await listSpaceTrash(deps, request.principal, request.params.spaceKey, window);
        const tree = expansionAsked(request, defaultTrashExpansion);
        return renderContentPage(deps, request, slice, window, tree);
      },
    );

    app.delete('/space/:spaceKey/trash', { schema: { params: SpaceKeyParams } }, async (request, reply) => {
      await emptySpaceTrash(deps, request.principal, request.params.spaceKey);
      return reply.status(204).send();
    });
  };
}
