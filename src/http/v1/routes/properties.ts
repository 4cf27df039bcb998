import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TObject, TString } from 'typebox';
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
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { expansionAsked } from '../default-expansion.ts';
import { pageOf, windowOf } from '../paging.ts';
import { renderContents } from '../present/expanded-content.ts';
import { presentV1Property } from '../present/property.ts';
import { presentV1Space } from '../present/space.ts';
import { newPropertyOf, propertyBodyRefusal, propertyUpdateOf } from '../property-input.ts';
import { ExpandQuery } from '../schemas/common.ts';
import {
  ContentParams,
  ContentPropertyParams,
  NewPropertyBody,
  PropertyListQuery,
  PropertyUpdateBody,
  PropertyValueBody,
  SpaceParams,
  SpacePropertyParams,
} from '../schemas/properties.ts';

// The specs default content and space property lists to 10.
const propertyListRules = { defaultLimit: 10, maxLimit: 100 };

/** Confluence expands `version` unless the client names its own expansions (the specs' default). */
const defaultExpansion = 'version';

const keysOf = (raw: string | string[] | undefined) => [raw ?? []].flat().filter((key) => key !== '');

// The owner's path parameters, by name; the router always fills the one its path names, so a missing
// one (`?? ''` below) cannot happen and is only there for the index's type.
type OwnerParams = Record<string, string>;

/** Where one owner's properties hang in the v1 tree. */
interface OwnerRoutes {
  /** `/content/:id` or `/space/:spaceKey`. */
  path: string;
  /** The owner's path parameters, and those with the property's `key`. */
  params: TObject<Record<string, TString>>;
  keyParams: TObject<{ key: TString }>;
  refOf: (params: OwnerParams) => PropertyOwnerRef;
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

function v1PropertyRoutes(deps: ServiceDeps, owner: OwnerRoutes) {
  const { path, refOf } = owner;
  const keyed = { params: owner.keyParams, querystring: ExpandQuery };
  const refused = bodyRefusedAs(propertyBodyRefusal);

  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const present = async (
      request: FastifyRequest & { query: { expand?: string | undefined } },
      found: OwnedProperty,
    ) => {
      const tree = expansionAsked(request, defaultExpansion);
      const rendered = await renderOwner(deps, request, found.owner, tree);
      return presentV1Property(found.property, found.owner, request.surface, tree, rendered);
    };

    app.get(
      `${path}/property`,
      { schema: { params: owner.params, querystring: PropertyListQuery } },
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

    app.post(
      `${path}/property`,
      {
        schema: { params: owner.params, querystring: ExpandQuery, body: NewPropertyBody },
        schemaErrorFormatter: refused,
      },
      async (request) => {
        const input = newPropertyOf(request.body);
        const found = await createProperty(deps, request.principal, refOf(request.params), input);
        return present(request, found);
      },
    );

    const valued = { schema: { ...keyed, body: PropertyValueBody }, schemaErrorFormatter: refused };
    app.post(`${path}/property/:key`, valued, async (request) => {
      const found = await createProperty(deps, request.principal, refOf(request.params), {
        key: request.params.key,
        value: request.body?.value,
      });
      return present(request, found);
    });

    app.get(`${path}/property/:key`, { schema: keyed }, async (request) => {
      const found = await getProperty(deps, request.principal, refOf(request.params), {
        key: request.params.key,
      });
      return present(request, found);
    });

    const updated = { schema: { ...keyed, body: PropertyUpdateBody }, schemaErrorFormatter: refused };
    app.put(`${path}/property/:key`, updated, async (request) => {
      const found = await updateProperty(
        deps,
        request.principal,
        refOf(request.params),
        { key: request.params.key },
        propertyUpdateOf(request.body),
      );
      return present(request, found);
    });

    app.delete(`${path}/property/:key`, { schema: { params: owner.keyParams } }, async (request, reply) => {
      await deleteProperty(deps, request.principal, refOf(request.params), { key: request.params.key });
      return reply.status(204).send();
    });
  };
}

/** Content properties, v1 and Data Center (api-reference.md §1.8). */
export function v1ContentPropertyRoutes(deps: ServiceDeps) {
  return v1PropertyRoutes(deps, {
    path: '/content/:id',
    params: ContentParams,
    keyParams: ContentPropertyParams,
    refOf: (params) => ({ content: { id: parseContentId(params.id ?? '') } }),
    listsByKey: true,
  });
}

/** Space properties, v1 and Data Center: the same routes under the space, named by its key. */
export function v1SpacePropertyRoutes(deps: ServiceDeps) {
  return v1PropertyRoutes(deps, {
    path: '/space/:spaceKey',
    params: SpaceParams,
    keyParams: SpacePropertyParams,
    refOf: (params) => ({ space: { key: params.spaceKey ?? '' } }),
    listsByKey: false,
  });
}
