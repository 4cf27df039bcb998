import {
  type ContentState,
  recentCustomStatesOffered,
  spaceContentStates,
} from '../../domain/content-state.ts';
import { forbidden } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireStateContent } from './content-state-target.ts';

/** `GET /content-states`: the caller's own custom states, most recently used first. */
export async function listCustomContentStates(
  deps: ServiceDeps,
  principal: Principal,
): Promise<ContentState[]> {
  if (principal.kind !== 'user') throw forbidden('Custom content states belong to signed-in users');
  return deps.store.contentStates.listCustom(principal.user.id);
}

export interface AvailableContentStates {
  spaceContentStates: readonly ContentState[];
  customContentStates: ContentState[];
}

/** `GET /content/{id}/state/available`: the space's states and the caller's three latest custom ones. */
export async function listAvailableContentStates(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
): Promise<AvailableContentStates> {
  const content = await requireStateContent(deps, principal, id, ['current', 'draft']);
  await requireRight(deps, principal, content, 'update');
  const customContentStates =
    principal.kind === 'user'
      ? await deps.store.contentStates.listCustom(principal.user.id, recentCustomStatesOffered)
      : [];
  return { spaceContentStates, customContentStates };
}
