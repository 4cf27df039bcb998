import type { ContentType } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { type ContentOperation, permittedContentOperations } from '../permissions/content-operations.ts';
import { requireContentOfType } from './require-content-of-type.ts';

/** v2 `GET /pages/{id}/operations` and the blog post one: what the caller may do to content they can see. */
export async function listContentOperations(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  types: readonly ContentType[],
): Promise<ContentOperation[]> {
  const content = await requireContentOfType(deps, principal, { id, types });
  return permittedContentOperations(deps, principal, content);
}
