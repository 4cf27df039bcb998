import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatCql } from '../../../domain/cql/format.ts';
import { badRequest } from '../../../domain/errors.ts';
import { type ExpansionTree, emptyExpansion, parseExpansion } from '../../../domain/expansion.ts';
import type { Window } from '../../../domain/paging.ts';
import { loadRelations } from '../../../services/content/load-relations.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { searchContent } from '../../../services/search/search-content.ts';
import { type SiteSearchResult, searchSite, searchUsers } from '../../../services/search/search-site.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, type WindowQuery, windowOf } from '../paging.ts';
import { presentV1Content } from '../present/content.ts';
import {
  type ExcerptMode,
  excerptModes,
  excerptOf,
  highlightWordsOfQuery,
  presentV1SearchResult,
  presentV1SpaceSearchResult,
  presentV1UserSearchResult,
} from '../present/search-result.ts';
import { presentV1Space } from '../present/space.ts';
import { presentV1User } from '../present/user.ts';
import { SearchQuery as SearchQuerySchema, UserSearchQuery } from '../schemas/search.ts';
import { renderContents } from './content.ts';

type SearchQuery = WindowQuery & {
  cql?: string;
  cqlcontext?: string;
  expand?: string;
  cursor?: string;
  excerpt?: string;
};

// api-reference.md §4: 25 by default; the cap is ours, as for the other v1 lists.
const searchRules = { defaultLimit: 25, maxLimit: 200 };

/**
 * Cloud pages searches by an opaque `cursor` in `_links.next` and ignores `start` (api-reference.md §0.5);
 * DC by `start`. Our cursor is the offset, encoded so clients treat it as opaque; both work everywhere.
 */
const encodeCursor = (start: number) => Buffer.from(`offset:${start}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^offset:([0-9]{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) throw badRequest(`Invalid cursor: ${cursor}`);
  return Number(match[1]);
}

function searchWindowOf(query: SearchQuery): Window {
  const window = windowOf(query, searchRules);
  return query.cursor ? { ...window, start: decodeCursor(query.cursor) } : window;
}

/** The v1 envelope, with `cursor=` added to `next` and `prev` so Cloud clients can follow them. */
function searchPageOf<T>(request: FastifyRequest, items: T[], total: number, window: Window) {
  const page = pageOf(request, { items, total }, window, (item) => item);
  const withCursor = (link: string | undefined) => {
    if (link === undefined) return undefined;
    const [path, search] = link.split('?');
    const params = new URLSearchParams(search);
    params.set('cursor', encodeCursor(Number(params.get('start') ?? 0)));
    return `${path}?${params.toString()}`;
  };
  const next = withCursor(page._links.next);
  const prev = withCursor(page._links.prev);
  return { ...page, _links: { ...page._links, ...(next && { next }), ...(prev && { prev }) } };
}

function excerptModeOf(text: string | undefined): ExcerptMode {
  if (text === undefined || text === '') return 'highlight';
  const mode = excerptModes.find((candidate) => candidate === text);
  if (mode === undefined) throw badRequest(`Unknown excerpt strategy: ${text}`);
  return mode;
}

export function v1SearchRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const schema = { querystring: SearchQuerySchema };
    app.get('/content/search', { schema }, async (request) => {
      const query = request.query;
      const window = searchWindowOf(query);
      const found = await searchContent(
        deps,
        request.principal,
        { cql: query.cql, cqlContext: query.cqlcontext },
        window,
      );
      const rendered = await renderContents(deps, request, found.items, parseExpansion(query.expand));
      return searchPageOf(request, rendered, found.total, window);
    });

    app.get('/search', { schema }, async (request) => {
      const startedMs = deps.clock.nowMs();
      const query = request.query;
      const window = searchWindowOf(query);
      const excerptMode = excerptModeOf(query.excerpt);
      const found = await searchSite(
        deps,
        request.principal,
        { cql: query.cql, cqlContext: query.cqlcontext },
        window,
      );
      const results = await presentHits(request, found, window, excerptMode, parseExpansion(query.expand));
      return searchAnswer(request, found, results, window, startedMs);
    });

    app.get('/search/user', { schema: { querystring: UserSearchQuery } }, async (request) => {
      const startedMs = deps.clock.nowMs();
      const query = request.query;
      const window = searchWindowOf(query);
      const found = await searchUsers(
        deps,
        request.principal,
        { cql: query.cql, sitePermissionTypeFilter: query.sitePermissionTypeFilter },
        window,
      );
      const results = await presentHits(request, found, window, 'highlight', emptyExpansion);
      return searchAnswer(request, found, results, window, startedMs);
    });

    /** The search envelope: the page, the normalised query and how long the search took. */
    const searchAnswer = <T>(
      request: FastifyRequest,
      found: SiteSearchResult,
      results: T[],
      window: Window,
      startedMs: number,
    ) => ({
      ...searchPageOf(request, results, found.total, window),
      cqlQuery: formatCql(found.query),
      searchDuration: deps.clock.nowMs() - startedMs,
    });

    /** Each hit as a SearchResult; `expand` names what to expand inside them: `content.space`, `space.icon`. */
    async function presentHits(
      request: FastifyRequest,
      found: SiteSearchResult,
      window: Window,
      excerptMode: ExcerptMode,
      expansion: ExpansionTree,
    ) {
      const contentTree = expansion.get('content') ?? emptyExpansion;
      const spaceTree = expansion.get('space') ?? emptyExpansion;
      const contents = found.items.flatMap((item) => (item.entity === 'content' ? [item.content] : []));
      const relations = await loadRelations(deps, request.principal, contents, contentTree);
      const nowMs = deps.clock.nowMs();
      const view = { surface: request.surface, relations, nowMs };
      const words = highlightWordsOfQuery(found.query.where);
      return found.items.map((item, index) => {
        // Results are not ranked by relevance (see sql-content-search.ts): earlier is better.
        const score = found.total - window.start - index;
        const hitView = { surface: request.surface, nowMs, excerptMode, score };
        if (item.entity === 'space') {
          const rendered = presentV1Space(item.space, request.surface, { expand: spaceTree });
          return presentV1SpaceSearchResult(item.space, rendered, hitView);
        }
        if (item.entity === 'user') {
          return presentV1UserSearchResult(item.user, presentV1User(item.user, request.surface), hitView);
        }
        const { content } = item;
        return presentV1SearchResult(
          content,
          presentV1Content(content, contentTree, view),
          content.spaceId === null ? undefined : relations.spaces.get(content.spaceId),
          { surface: request.surface, nowMs, excerpt: excerptOf(content, words, excerptMode), score },
        );
      });
    }
  };
}
