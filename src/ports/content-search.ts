import type { ContentStatus } from '../domain/content.ts';
import type { ValidCqlQuery } from '../domain/cql/ast.ts';
import type { SearchEntity } from '../domain/cql/entities.ts';
import type { Slice, Window } from '../domain/paging.ts';
import type { Viewer } from '../domain/permissions.ts';

/** Who is searching and from where; everything a CQL function or the visibility rule needs. */
export interface CqlSearchContext {
  nowMs: number;
  /** `userId` null: anonymous (or the system), for whom `currentUser()` matches nobody. */
  viewer: Viewer;
  /** Content statuses to search (`cqlcontext.contentStatuses`); never empty. */
  statuses: readonly ContentStatus[];
  /** `cqlcontext.spaceKey`, which `currentSpace()` stands for. */
  spaceKey?: string;
  /** The viewer's favourite spaces and recently viewed spaces and content (none are recorded yet). */
  favouriteSpaceIds: readonly number[];
  recentlyViewedSpaceIds: readonly number[];
  recentlyViewedContentIds: readonly number[];
}

/** Runs a validated CQL query inside the metadata store; results are content ids in the query's order. */
export interface ContentSearch extends EntitySearch {
  search(query: ValidCqlQuery, context: CqlSearchContext, window: Window): Promise<Slice<number>>;
}

/** One `/rest/api/search` hit: a content item, a space or a person, by id. */
export interface SearchHit {
  entity: SearchEntity;
  id: number;
}

/**
 * Runs a validated CQL query over the entities named (cql.md §2: `type in (page, space, user)`): one
 * ordered, paged list of what the viewer may see, content as `search` finds it.
 */
export interface EntitySearch {
  searchEntities(
    query: ValidCqlQuery,
    context: CqlSearchContext,
    window: Window,
    entities: readonly SearchEntity[],
  ): Promise<Slice<SearchHit>>;
}
