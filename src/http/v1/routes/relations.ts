import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { parseExpansion } from '../../../domain/expansion.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  createRelation,
  deleteRelation,
  getRelation,
  type RelationPath,
  type RelationView,
} from '../../../services/relations/change-relation.ts';
import { listRelations } from '../../../services/relations/list-relations.ts';
import type { RelationEntity } from '../../../services/relations/relation-entities.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { renderContent } from '../present/expanded-content.ts';
import { presentV1Relation } from '../present/relation.ts';
import { presentV1Space } from '../present/space.ts';
import { presentV1User } from '../present/user.ts';
import { FromSourceParams, RelationParams, RelationQuery, ToTargetParams } from '../schemas/relations.ts';

const listRules = { defaultLimit: 25, maxLimit: 200 };
const relationPath = '/relation/:relationName/from/:sourceType/:sourceKey/to/:targetType/:targetKey';

const pathOf = (
  params: Static<typeof RelationParams>,
  query: Static<typeof RelationQuery>,
): RelationPath => ({
  name: params.relationName,
  sourceType: params.sourceType,
  sourceKey: params.sourceKey,
  targetType: params.targetType,
  targetKey: params.targetKey,
  sourceStatus: query.sourceStatus,
  targetStatus: query.targetStatus,
});

/** `/relation/{name}/…`: relations such as `favourite` between users, content and spaces. */
export function v1RelationRoutes(deps: ServiceDeps) {
  const renderEntity = async (request: FastifyRequest, entity: RelationEntity) => {
    if (entity.type === 'user') return presentV1User(entity.user, request.surface);
    if (entity.type === 'space') return presentV1Space(entity.space, request.surface);
    return renderContent(deps, request, entity.content, parseExpansion('space,version'));
  };
  const present = async (request: FastifyRequest, view: RelationView, expand: string | undefined) => {
    const tree = parseExpansion(expand);
    const creatorId = view.relation.creatorId;
    return presentV1Relation(
      view,
      request.surface,
      {
        relationData: tree.has('relationData'),
        ...(tree.has('source') && { source: await renderEntity(request, view.source) }),
        ...(tree.has('target') && { target: await renderEntity(request, view.target) }),
        creator:
          tree.has('relationData') && creatorId !== null
            ? await deps.store.users.findById(creatorId)
            : undefined,
      },
      deps.clock.nowMs(),
    );
  };

  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      relationPath,
      { schema: { params: RelationParams, querystring: RelationQuery } },
      async (request) =>
        present(
          request,
          await getRelation(deps, request.principal, pathOf(request.params, request.query)),
          request.query.expand,
        ),
    );

    app.put(
      relationPath,
      { schema: { params: RelationParams, querystring: RelationQuery } },
      async (request) =>
        present(
          request,
          await createRelation(deps, request.principal, pathOf(request.params, request.query)),
          request.query.expand,
        ),
    );

    app.delete(
      relationPath,
      { schema: { params: RelationParams, querystring: RelationQuery } },
      async (request, reply) => {
        await deleteRelation(deps, request.principal, pathOf(request.params, request.query));
        return reply.status(204).send();
      },
    );

    const list = async (
      request: FastifyRequest & { query: Static<typeof RelationQuery> },
      listing: Parameters<typeof listRelations>[2],
    ) => {
      const window = windowOf(request.query, listRules);
      const slice = await listRelations(deps, request.principal, listing, window);
      const results = [];
      for (const view of slice.items) results.push(await present(request, view, request.query.expand));
      const page = pageOf(request, { items: results, total: slice.total }, window, (item) => item);
      return page;
    };

    app.get(
      '/relation/:relationName/from/:sourceType/:sourceKey/to/:targetType',
      { schema: { params: FromSourceParams, querystring: RelationQuery } },
      (request) =>
        list(request, {
          name: request.params.relationName,
          fixedEnd: 'source',
          fixed: {
            type: request.params.sourceType,
            key: request.params.sourceKey,
            status: request.query.sourceStatus,
          },
          otherType: request.params.targetType,
          otherStatus: request.query.targetStatus,
        }),
    );

    app.get(
      '/relation/:relationName/to/:targetType/:targetKey/from/:sourceType',
      { schema: { params: ToTargetParams, querystring: RelationQuery } },
      (request) =>
        list(request, {
          name: request.params.relationName,
          fixedEnd: 'target',
          fixed: {
            type: request.params.targetType,
            key: request.params.targetKey,
            status: request.query.targetStatus,
          },
          otherType: request.params.sourceType,
          otherStatus: request.query.sourceStatus,
        }),
    );
  };
}
