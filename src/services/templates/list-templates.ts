import type { Space } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Template } from '../../domain/template.ts';
import type { ServiceDeps } from '../deps.ts';
import { holdsGlobal } from '../permissions/policy.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';

/** `GET /template/page`: a space's templates (`spaceKey`), or the global ones. */
export async function listTemplates(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string | undefined,
  window: Window,
): Promise<{ templates: Slice<Template>; space: Space | undefined }> {
  const space = spaceKey ? await requireVisibleSpaceByKey(deps, principal, spaceKey) : undefined;
  if (!space && !(await holdsGlobal(deps, principal, 'application:use'))) {
    throw notFound('No global templates to show');
  }
  return { templates: await deps.store.templates.list(space?.id ?? null, window), space };
}
