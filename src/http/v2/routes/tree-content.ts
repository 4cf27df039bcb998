import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { createTreeContent } from '../../../services/content/create-tree-content.ts';
import { deleteContent } from '../../../services/content/delete-content.ts';
import { getContent } from '../../../services/content/get-content.ts';
import { listContentOperations } from '../../../services/content/list-content-operations.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { oneOf, v2BodyIdOf, v2ViewOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { v2FlagOf, v2IdOf } from '../path-ids.ts';
import { presentV2Operations } from '../present/operations.ts';
import { presentV2TreeContent } from '../present/tree-content.ts';
import { TreeContentCreateBody, TreeContentCreateQuery, TreeContentQuery } from '../schemas/page-tree.ts';

const treeCollections = [
  ['folders', 'folder'],
  ['whiteboards', 'whiteboard'],
  ['databases', 'database'],
  ['embeds', 'embed'],
] as const;

// Flags of `GET /{type}s/{id}` that ask for fields the spec's response has no place for; checked, then
// answered with the item alone, as the schema shows it.
const singleFlags = [
  'include-collaborators',
  'include-direct-children',
  'include-operations',
  'include-properties',
] as const;

/**
 * Cloud v2 folders, whiteboards, databases and Smart Links (`/embeds`): create, read, delete (to the trash,
 * from where v1 restores or purges them, as for pages) and `operations`. Their properties are
 * properties.ts's, their place in the tree page-tree.ts's.
 */
export function v2TreeContentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    for (const [collection, type] of treeCollections) {
      const types = [type];

      // `private` (whiteboards, databases) asks for Cloud's private content, which we do not have; it is
      // checked and ignored. A whiteboard's `templateKey` draws Cloud's template, which is not kept here.
      const create = { schema: { querystring: TreeContentCreateQuery, body: TreeContentCreateBody } };
      app.post(`/${collection}`, create, async (request) => {
        v2FlagOf(oneOf(request.query.private), 'private', false);
        const { body } = request;
        const spaceId = v2BodyIdOf(body.spaceId, 'spaceId');
        if (spaceId === undefined) throw badRequest('spaceId is required', { field: 'spaceId' });
        const content = await createTreeContent(deps, request.principal, {
          type,
          spaceId,
          title: body.title ?? undefined,
          parentId: v2BodyIdOf(body.parentId, 'parentId'),
          embedUrl: body.embedUrl ?? undefined,
        });
        return presentV2TreeContent(content, await v2ViewOf(deps, request, [content], { root: true }));
      });

      const single = { schema: { params: IdParams, querystring: TreeContentQuery } };
      app.get(`/${collection}/:id`, single, async (request) => {
        for (const flag of singleFlags) v2FlagOf(oneOf(request.query[flag]), flag, false);
        // A trashed item is still shown, with its status, as Cloud does for pages.
        const content = await getContent(deps, request.principal, v2IdOf(request.params.id), {
          types,
          statuses: ['current', 'archived', 'trashed'],
        });
        return presentV2TreeContent(content, await v2ViewOf(deps, request, [content], { root: true }));
      });

      // The spec has no `purge` here: deleting moves the item to the trash, and a trashed one is gone.
      app.delete(`/${collection}/:id`, { schema: { params: IdParams } }, async (request, reply) => {
        await deniedAsMissing(
          deleteContent(deps, request.principal, v2IdOf(request.params.id), { types, purge: false }),
        );
        return reply.status(204).send();
      });

      app.get(`/${collection}/:id/operations`, { schema: { params: IdParams } }, async (request) =>
        presentV2Operations(
          await listContentOperations(deps, request.principal, v2IdOf(request.params.id), types),
          type,
        ),
      );
    }
  };
}
