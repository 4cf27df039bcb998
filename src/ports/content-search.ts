import type { ContentStatus } from '../domain/content.ts';
import type { CqlQuery } from '../domain/cql/ast.ts';
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
export interface ContentSearch {
  search(query: CqlQuery, context: CqlSearchContext, window: Window): Promise<Slice<number>>;
}
