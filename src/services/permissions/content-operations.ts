import type { Content } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { contentRightsOf } from './policy.ts';

/** The operations v2 reports on content (`PermittedOperationsResponse`), in Confluence's words. */
export type ContentOperation = 'read' | 'update' | 'delete';

/** What the caller may do to content they can already see, by the policy. */
export async function permittedContentOperations(
  deps: ServiceDeps,
  principal: Principal,
  content: Content,
): Promise<ContentOperation[]> {
  const rights = await contentRightsOf(deps, principal, content);
  return [
    'read',
    ...(rights.update ? (['update'] as const) : []),
    ...(rights.delete ? (['delete'] as const) : []),
  ];
}
