import type { FastifyRequest } from 'fastify';
import type { Content } from '../../../domain/content.ts';
import { formatCql } from '../../../domain/cql/format.ts';
import { type ExpansionTree, emptyExpansion } from '../../../domain/expansion.ts';
import type { Slice, Window } from '../../../domain/paging.ts';
import { loadRelations } from '../../../services/content/load-relations.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { SiteSearchResult } from '../../../services/search/search-site.ts';
import { cursorPageOf } from '../paging.ts';
import { presentV1Content } from './content.ts';
import { renderContents } from './expanded-content.ts';
import {
  type ExcerptMode,
  excerptOf,
  highlightWordsOfQuery,
  presentV1SearchResult,
  presentV1SpaceSearchResult,
  presentV1UserSearchResult,
} from './search-result.ts';
import { presentV1Space } from './space.ts';
import { presentV1User } from './user.ts';

/** `GET /content/search`: the contents found, in the v1 envelope with cursor links. */
export async function renderContentSearchPage(
  deps: ServiceDeps,
  request: FastifyRequest,
  found: Slice<Content>,
  window: Window,
  tree: ExpansionTree,
) {
  const rendered = await renderContents(deps, request, found.items, tree);
  return cursorPageOf(request, { items: rendered, total: found.total }, window);
}

export interface SearchPageView {
  excerptMode: ExcerptMode;
  /** What to expand inside each hit: `content.space`, `space.icon`. */
  expansion: ExpansionTree;
  /** When the search began, for `searchDuration`. */
  startedMs: number;
}

/**
 * `GET /search` and `/search/user`: each hit as a SearchResult in the v1 envelope with cursor links, with
 * the normalised query and how long the search took (api-reference.md §4, SearchPageResponseSearchResult).
 */
export async function renderSearchPage(
  deps: ServiceDeps,
  request: FastifyRequest,
  found: SiteSearchResult,
  window: Window,
  view: SearchPageView,
) {
  const results = await renderHits(deps, request, found, window, view);
  return {
    ...cursorPageOf(request, { items: results, total: found.total }, window),
    cqlQuery: formatCql(found.query),
    searchDuration: deps.clock.nowMs() - view.startedMs,
  };
}

async function renderHits(
  deps: ServiceDeps,
  request: FastifyRequest,
  found: SiteSearchResult,
  window: Window,
  { excerptMode, expansion }: SearchPageView,
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
