import type { Content, ContentStatus } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';

/** Content states go on pages and blog posts, published or draft (or, to read, archived). */
export async function requireStateContent(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  statuses: readonly ContentStatus[],
): Promise<Content> {
  const content = await requireVisibleContent(deps, principal, id, statuses);
  if (content.type !== 'page' && content.type !== 'blogpost') {
    throw badRequest('Content states are kept on pages and blog posts only', { contentId: id });
  }
  return content;
}

/** The versions a state is set on or taken from: the published one, or the draft. */
export const settableStateStatuses = ['current', 'draft'] as const satisfies readonly ContentStatus[];
export type SettableStateStatus = (typeof settableStateStatuses)[number];

/** The versions whose state may be read: those, or an archived page's. */
export const readableStateStatuses = [
  ...settableStateStatuses,
  'archived',
] as const satisfies readonly ContentStatus[];
export type ReadableStateStatus = (typeof readableStateStatuses)[number];
