import { type Content, type ContentStatus, contentStatuses } from '../../domain/content.ts';
import type { CqlQuery, ValidCqlQuery } from '../../domain/cql/ast.ts';
import { parseCql, requireCqlContext } from '../../domain/cql/validate.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Viewer } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import type { CqlSearchContext } from '../../ports/content-search.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';

export interface SearchContentInput {
  cql: string | undefined;
  /** The `cqlcontext` parameter as sent: JSON `{"spaceKey", "contentId", "contentStatuses"}` (§4). */
  cqlContext: string | undefined;
}

export interface ContentSearchResult extends Slice<Content> {
  /** The validated query, for echoing as `cqlQuery`. */
  query: CqlQuery;
}

/** Runs a CQL query for the principal: only what they may see, in the statuses the context asks for. */
export async function searchContent(
  deps: ServiceDeps,
  principal: Principal,
  input: SearchContentInput,
  window: Window,
): Promise<ContentSearchResult> {
  const query = parseCql(requiredCql(input.cql));
  const context = searchContextOf(
    await viewerOf(deps, principal),
    query,
    input.cqlContext,
    deps.clock.nowMs(),
  );
  const slice = await deps.contentSearch.search(query, context, window);
  if (slice.items.length === 0) return { query, items: [], total: slice.total };
  const loaded = await deps.store.content.list({ ids: slice.items }, { start: 0, limit: slice.items.length });
  const byId = new Map(loaded.items.map((content) => [content.id, content]));
  // The search decided the order; the load only fetches the rows.
  const items = slice.items.flatMap((id) => {
    const content = byId.get(id);
    return content === undefined ? [] : [content];
  });
  return { query, items, total: slice.total };
}

export function requiredCql(cql: string | undefined): string {
  if (cql === undefined || cql.trim() === '') throw badRequest('CQL query parameter is required: pass cql=…');
  return cql;
}

/**
 * The search context from the caller and `cqlcontext`. Favourite and recently viewed spaces and content
 * are not recorded by Tributary yet, so those functions stand for empty sets (docs/cql-search.md).
 */
export function searchContextOf(
  viewer: Viewer,
  query: ValidCqlQuery,
  cqlContext: string | undefined,
  nowMs: number,
): CqlSearchContext {
  const parsed = parseContextJson(cqlContext);
  const spaceKey = parsed.spaceKey;
  if (spaceKey !== undefined && typeof spaceKey !== 'string') {
    throw badRequest('cqlcontext.spaceKey must be a string');
  }
  const statuses = statusesOf(parsed.contentStatuses);
  requireCqlContext(query, spaceKey);
  return {
    nowMs,
    viewer,
    statuses,
    ...(spaceKey !== undefined && { spaceKey }),
    favouriteSpaceIds: [],
    recentlyViewedSpaceIds: [],
    recentlyViewedContentIds: [],
  };
}

function parseContextJson(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(`cqlcontext is not valid JSON: ${text}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('cqlcontext must be a JSON object such as {"spaceKey":"DEV"}');
  }
  return value as Record<string, unknown>;
}

// Trashed and historical content only when asked for (issue 5, item 5).
function statusesOf(value: unknown): ContentStatus[] {
  if (value === undefined) return ['current'];
  if (!Array.isArray(value) || value.length === 0) {
    throw badRequest('cqlcontext.contentStatuses must be a non-empty list such as ["current","trashed"]');
  }
  return value.map((status) => {
    const known = contentStatuses.find((candidate) => candidate === status);
    if (known === undefined) {
      throw badRequest(`Unknown content status in cqlcontext.contentStatuses: ${String(status)}`);
    }
    return known;
  });
}
