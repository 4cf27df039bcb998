import type { FastifyInstance } from 'fastify';
import { type ContentType, contentTypes } from '../../../domain/content.ts';
import { badRequest } from '../../../domain/errors.ts';
import { parseExpansion } from '../../../domain/expansion.ts';
import { getContent } from '../../../services/content/get-content.ts';
import { listChildren, listDescendants } from '../../../services/content/list-children.ts';
import { loadRelations } from '../../../services/content/load-relations.ts';
import { renderBody } from '../../../services/content/render-body.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { commentLocationOf } from '../comment-location.ts';
import { objectOf } from '../content-input.ts';
import { windowOf } from '../paging.ts';
import { presentV1Content } from '../present/content.ts';
import { presentV1ConvertedBody } from '../present/content-body.ts';
import { renderContentPage } from '../present/expanded-content.ts';
import {
  ChildQuery,
  ChildTypeParams,
  ConvertBody,
  ConvertParams,
  IdParams,
} from '../schemas/content-tree.ts';

const childRules = { defaultLimit: 25, maxLimit: 200 };

const typeOf = (raw: string): ContentType => {
  const type = contentTypes.find((candidate) => candidate === raw);
  if (!type) throw badRequest(`Unknown content type: ${raw}`);
  return type;
};

export function v1ContentChildrenRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    // `/child` and `/descendant` answer a ContentChildren object: each type expandable on request.
    for (const relation of ['child', 'descendant'] as const) {
      app.get(
        `/content/:id/${relation}`,
        { schema: { params: IdParams, querystring: ChildQuery } },
        async (request) => {
          const content = await getContent(deps, request.principal, parseContentId(request.params.id), {
            statuses: ['current', 'draft', 'trashed'],
          });
          const name = relation === 'child' ? 'children' : 'descendants';
          const tree = new Map([[name, parseExpansion(request.query.expand)]]);
          const relations = await loadRelations(deps, request.principal, [content], tree);
          const rendered = presentV1Content(content, tree, {
            surface: request.surface,
            relations,
            nowMs: deps.clock.nowMs(),
          }) as Record<string, unknown>;
          return rendered[name];
        },
      );
    }

    app.get(
      '/content/:id/child/:type',
      { schema: { params: ChildTypeParams, querystring: ChildQuery } },
      async (request) => {
        const window = windowOf(request.query, childRules);
        const { depth, location } = request.query;
        if (depth !== undefined && depth !== '' && depth !== 'all' && depth !== 'root') {
          throw badRequest('depth must be all or root');
        }
        const locations = commentLocationOf(location);
        const listed = await listChildren(
          deps,
          request.principal,
          parseContentId(request.params.id),
          typeOf(request.params.type),
          window,
          {
            depth: depth === 'all' ? 'all' : 'root',
            ...(locations.location && { location: locations.location }),
          },
        );
        const slice = locations.none ? { items: [], total: 0 } : listed;
        const tree = parseExpansion(request.query.expand);
        return renderContentPage(deps, request, slice, window, tree);
      },
    );

    app.get(
      '/content/:id/descendant/:type',
      { schema: { params: ChildTypeParams, querystring: ChildQuery } },
      async (request) => {
        const window = windowOf(request.query, childRules);
        const slice = await listDescendants(
          deps,
          request.principal,
          parseContentId(request.params.id),
          typeOf(request.params.type),
          window,
        );
        const tree = parseExpansion(request.query.expand);
        return renderContentPage(deps, request, slice, window, tree);
      },
    );

    app.post(
      '/contentbody/convert/:to',
      { schema: { params: ConvertParams, body: ConvertBody } },
      async (request) => {
        const body = objectOf(request.body);
        if (typeof body.value !== 'string') throw badRequest('value must be a string');
        const from = typeof body.representation === 'string' ? body.representation : 'storage';
        if (from !== 'storage') throw badRequest('Only storage can be converted');
        const converted = renderBody({ representation: 'storage', value: body.value }, request.params.to, {
          context: request.surface.context,
          contentId: null,
        });
        return presentV1ConvertedBody(converted);
      },
    );
  };
}
