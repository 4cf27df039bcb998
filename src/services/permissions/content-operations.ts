import type { Content } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';

/** The operations v2 reports on content (`PermittedOperationsResponse`), in Confluence's words. */
export type ContentOperation = 'read' | 'update' | 'delete';

/**
 * What the caller may do to content they can already see, by the space rules in space-access.ts: anyone
 * who sees it may read it, and anyone signed in may change or delete it (until issue 6's space
 * permissions land, this is also what the write services check).
 */
export function permittedContentOperations(principal: Principal, _content: Content): ContentOperation[] {
  return principal.kind === 'anonymous' ? ['read'] : ['read', 'update', 'delete'];
}
