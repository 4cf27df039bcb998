import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type ExpansionTree, emptyExpansion } from '../../../domain/expansion.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createProperty } from '../../../services/properties/create-property.ts';
import { deleteProperty } from '../../../services/properties/delete-property.ts';
import { getProperty } from '../../../services/properties/get-property.ts';
import { listProperties } from '../../../services/properties/list-properties.ts';
import type {
  FoundOwner,
  OwnedProperty,
  PropertyOwnerRef,
} from '../../../services/properties/property-owner.ts';
import { updateProperty } from '../../../services/properties/update-property.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { objectOf } from '../content-input.ts';
import { expansionAsked } from '../default-expansion.ts';
import { pageOf, type WindowQuery, windowOf } from '../paging.ts';
import { renderContents } from '../present/expanded-content.ts';
import { presentV1Property } from '../present/property.ts';
import { presentV1Space } from '../present/space.ts';

// The specs default content and space property lists to 10.
const propertyListRules = { defaultLimit: 10, maxLimit: 100 };

/** Confluence expands `version` unless the client names its own expansions (the specs' default). */
const defaultExpansion = 'version';

type ExpandQuery = { expand?: string | string[] };

const keysOf = (raw: string | string[] | undefined) => [raw ?? []].flat().filter((key) => key !== '');

/** Where one owner's properties hang in the v1 tree. */
interface OwnerRoutes<Params> {
  /** `/content/:id` or `/space/:spaceKey`. */
  path: string;
  refOf: (params: Params) => PropertyOwnerRef;
  /** Whether the list takes `key=` to list only some keys (content properties do; space properties do not). */
  listsByKey: boolean;
}

/** The owner rendered by its own presenter when the tree expands it (`content` or `space`), else nothing. */
async function renderOwner(
  deps: ServiceDeps,
  request: FastifyRequest,
  owner: FoundOwner,
  tree: ExpansionTree,
) {
  if ('space' in owner) {
    const spaceTree = tree.get('space');
    return spaceTree && presentV1Space(owner.space, request.surface, { expand: spaceTree });
  }
  if (!tree.has('content')) return undefined;
  const [content] = await renderContents(deps, request, [owner.content], emptyExpansion);
  return content;
}

function v1PropertyRoutes<Params extends Record<string, string>>(
  deps: ServiceDeps,
  owner: OwnerRoutes<Params>,
) {
  type PropertyParams = { Params: { key: string } };
  const { path } = owner;
  // The route's path names the owner's parameters; Fastify types params only for a concrete route type.
  const refOf = (params: unknown) => owner.refOf(params as Params);

  return async (app: FastifyInstance) => {
    const present = async (request: FastifyRequest<{ Querystring: ExpandQuery }>, found: OwnedProperty) => {
      const tree = expansionAsked(request, defaultExpansion);
      const rendered = await renderOwner(deps, request, found.owner, tree);
      return presentV1Property(found.property, found.owner, request.surface, tree, rendered);
    };

    app.get<{ Querystring: WindowQuery & ExpandQuery & { key?: string | string[] } }>(
      `${path}/property`,
      async (request) => {
        const window = windowOf(request.query, propertyListRules);
        const tree = expansionAsked(request, defaultExpansion);
        const filter = owner.listsByKey ? { keys: keysOf(request.query.key) } : {};
        const found = await listProperties(deps, request.principal, refOf(request.params), filter, window);
        const rendered = await renderOwner(deps, request, found.owner, tree);
        return pageOf(request, found.properties, window, (property) =>
          presentV1Property(property, found.owner, request.surface, tree, rendered),
        );
      },
    );

    app.post<{ Body: unknown; Querystring: ExpandQuery }>(`${path}/property`, async (request) => {
      const body = objectOf(request.body);
      const found = await createProperty(deps, request.principal, refOf(request.params), {
        key: body.key,
        value: body.value,
      });
      return present(request, found);
    });

    app.post<PropertyParams & { Body: unknown; Querystring: ExpandQuery }>(
      `${path}/property/:key`,
      async (request) => {
        const found = await createProperty(deps, request.principal, refOf(request.params), {
          key: request.params.key,
          value: objectOf(request.body).value,
        });
        return present(request, found);
      },
    );

    app.get<PropertyParams & { Querystring: ExpandQuery }>(`${path}/property/:key`, async (request) => {
      const found = await getProperty(deps, request.principal, refOf(request.params), {
        key: request.params.key,
      });
      return present(request, found);
    });

    app.put<PropertyParams & { Body: unknown; Querystring: ExpandQuery }>(
      `${path}/property/:key`,
      async (request) => {
        const body = objectOf(request.body);
        const found = await updateProperty(
          deps,
          request.principal,
          refOf(request.params),
          { key: request.params.key },
          { key: body.key, value: body.value, version: body.version },
        );
        return present(request, found);
      },
    );

    app.delete<PropertyParams>(`${path}/property/:key`, async (request, reply) => {
      await deleteProperty(deps, request.principal, refOf(request.params), { key: request.params.key });
      return reply.status(204).send();
    });
  };
}

/** Content properties, v1 and Data Center (api-reference.md §1.8). */
export function v1ContentPropertyRoutes(deps: ServiceDeps) {
  return v1PropertyRoutes<{ id: string }>(deps, {
    path: '/content/:id',
    refOf: (params) => ({ content: { id: parseContentId(params.id) } }),
    listsByKey: true,
  });
}

/** Space properties, v1 and Data Center: the same routes under the space, named by its key. */
export function v1SpacePropertyRoutes(deps: ServiceDeps) {
  return v1PropertyRoutes<{ spaceKey: string }>(deps, {
    path: '/space/:spaceKey',
    refOf: (params) => ({ space: { key: params.spaceKey } }),
    listsByKey: false,
  });
}
