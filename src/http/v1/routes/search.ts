import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { emptyExpansion, parseExpansion } from '../../../domain/expansion.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { searchContent } from '../../../services/search/search-content.ts';
import { searchSite, searchUsers } from '../../../services/search/search-site.ts';
import { typed } from '../../common/schemas.ts';
import { cursorWindowOf } from '../paging.ts';
import { renderContentSearchPage, renderSearchPage, type SearchPageView } from '../present/search-page.ts';
import { type ExcerptMode, excerptModes } from '../present/search-result.ts';
import { SearchQuery, UserSearchQuery } from '../schemas/search.ts';

// api-reference.md §4: 25 by default; the cap is ours, as for the other v1 lists.
const searchRules = { defaultLimit: 25, maxLimit: 200 };

function excerptModeOf(text: string | undefined): ExcerptMode {
  if (text === undefined || text === '') return 'highlight';
  const mode = excerptModes.find((candidate) => candidate === text);
  if (mode === undefined) throw badRequest(`Unknown excerpt strategy: ${text}`);
  return mode;
}

export function v1SearchRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const schema = { querystring: SearchQuery };
    app.get('/content/search', { schema }, async (request) => {
      const query = request.query;
      const window = cursorWindowOf(query, searchRules);
      const found = await searchContent(
        deps,
        request.principal,
        { cql: query.cql, cqlContext: query.cqlcontext },
        window,
      );
      return renderContentSearchPage(deps, request, found, window, parseExpansion(query.expand));
    });

    app.get('/search', { schema }, async (request) => {
      const startedMs = deps.clock.nowMs();
      const query = request.query;
      const window = cursorWindowOf(query, searchRules);
      const excerptMode = excerptModeOf(query.excerpt);
      const found = await searchSite(
        deps,
        request.principal,
        { cql: query.cql, cqlContext: query.cqlcontext },
        window,
      );
      const expansion = parseExpansion(query.expand);
      return renderSearchPage(deps, request, found, window, { excerptMode, expansion, startedMs });
    });

    app.get('/search/user', { schema: { querystring: UserSearchQuery } }, async (request) => {
      const startedMs = deps.clock.nowMs();
      const query = request.query;
      const window = cursorWindowOf(query, searchRules);
      const found = await searchUsers(
        deps,
        request.principal,
        { cql: query.cql, sitePermissionTypeFilter: query.sitePermissionTypeFilter },
        window,
      );
      const view: SearchPageView = { excerptMode: 'highlight', expansion: emptyExpansion, startedMs };
      return renderSearchPage(deps, request, found, window, view);
    });
  };
}
