import type { Content, Space } from '../../domain/content.ts';
import type { CqlExpression, CqlQuery, ValidCqlQuery } from '../../domain/cql/ast.ts';
import { entitiesNamedBy, type SearchEntity } from '../../domain/cql/entities.ts';
import { parseCql } from '../../domain/cql/validate.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import type { SearchHit } from '../../ports/content-search.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requiredCql, type SearchContentInput, searchContextOf } from './search-content.ts';

export type SiteSearchItem =
  | { entity: 'content'; content: Content }
  | { entity: 'space'; space: Space }
  | { entity: 'user'; user: User };

export interface SiteSearchResult {
  query: CqlQuery;
  items: SiteSearchItem[];
  total: number;
}

/**
 * `GET /rest/api/search`: content, and the spaces and people the query names by type (`type = space AND
 * title ~ "eng"`, `type IN (page, space, user)`), in one ordered page. Only what the caller may see is
 * found and counted: spaces they may view, people when signed in (cql.md §2; docs/cql-search.md).
 */
export async function searchSite(
  deps: ServiceDeps,
  principal: Principal,
  input: SearchContentInput,
  window: Window,
): Promise<SiteSearchResult> {
  const query = parseCql(requiredCql(input.cql));
  return runSearch(deps, principal, query, input.cqlContext, window, entitiesNamedBy(query.where));
}

/** The fields `/rest/api/search/user` takes: Cloud answers a query on any other with a 400. */
const userSearchFields = new Set(['type', 'user', 'user.fullname', 'user.accountid', 'user.userkey']);

export interface SearchUsersInput {
  cql: string | undefined;
  /** `none` (licensed users, the default) or `all`; `externalCollaborator` finds none here. */
  sitePermissionTypeFilter: string | undefined;
}

/** `GET /wiki/rest/api/search/user`: people by `user`, `user.fullname`, `user.accountid`, `type = user`. */
export async function searchUsers(
  deps: ServiceDeps,
  principal: Principal,
  input: SearchUsersInput,
  window: Window,
): Promise<SiteSearchResult> {
  const query = parseCql(requiredCql(input.cql), 'user');
  const other = fieldsOf(query.where).find((field) => !userSearchFields.has(field));
  if (other !== undefined) {
    throw badRequest(
      `The user search takes only the user fields (user, user.fullname, user.accountid, user.userkey) and type, not "${other}"`,
    );
  }
  const filter = input.sitePermissionTypeFilter ?? 'none';
  if (!['all', 'externalCollaborator', 'none'].includes(filter)) {
    throw badRequest(`sitePermissionTypeFilter must be all, externalCollaborator or none, not ${filter}`);
  }
  // Every account here is a licensed user; there are no external collaborators.
  if (filter === 'externalCollaborator') return { query, items: [], total: 0 };
  return runSearch(deps, principal, query, undefined, window, ['user']);
}

function fieldsOf(expression: CqlExpression): string[] {
  switch (expression.kind) {
    case 'clause':
      return [expression.field];
    case 'not':
      return fieldsOf(expression.operand);
    case 'and':
    case 'or':
      return expression.operands.flatMap(fieldsOf);
  }
}

async function runSearch(
  deps: ServiceDeps,
  principal: Principal,
  query: ValidCqlQuery,
  cqlContext: string | undefined,
  window: Window,
  entities: readonly SearchEntity[],
): Promise<SiteSearchResult> {
  const context = searchContextOf(await viewerOf(deps, principal), query, cqlContext, deps.clock.nowMs());
  const slice =
    entities.length === 1 && entities[0] === 'content'
      ? await deps.contentSearch.search(query, context, window).then(({ items, total }) => ({
          items: items.map((id): SearchHit => ({ entity: 'content', id })),
          total,
        }))
      : await deps.contentSearch.searchEntities(query, context, window, entities);
  return { query, items: await loadHits(deps, slice.items), total: slice.total };
}

/** The search decided the order; these reads only fetch the rows. */
async function loadHits(deps: ServiceDeps, hits: readonly SearchHit[]): Promise<SiteSearchItem[]> {
  const contentIds = hits.flatMap((hit) => (hit.entity === 'content' ? [hit.id] : []));
  const contents =
    contentIds.length === 0
      ? []
      : (await deps.store.content.list({ ids: contentIds }, { start: 0, limit: contentIds.length })).items;
  const byId = new Map(contents.map((content) => [content.id, content]));
  const loaded = await Promise.all(
    hits.map(async (hit): Promise<SiteSearchItem | undefined> => {
      if (hit.entity === 'content') {
        const content = byId.get(hit.id);
        return content && { entity: 'content', content };
      }
      if (hit.entity === 'space') {
        const space = await deps.store.spaces.findById(hit.id);
        return space && { entity: 'space', space };
      }
      const user = await deps.store.users.findById(hit.id);
      return user && { entity: 'user', user };
    }),
  );
  return loaded.flatMap((item) => (item === undefined ? [] : [item]));
}
