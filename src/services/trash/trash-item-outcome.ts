import type { Content } from '../../domain/content.ts';
import { contentNotFound, isDomainError, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { canViewContent } from '../permissions/policy.ts';

/** What became of one item of a bulk trash action. */
export interface TrashItemOutcome {
  id: number;
  /** The item's title when it could be read; its id otherwise. */
  title: string;
  done: boolean;
  /** The reason, when not done: the service's own words. */
  message?: string;
}

/**
 * Runs `action` on each item of the space's trash, one by one, so one refusal does not stop the rest; an
 * id that is not an item of this space's trash is "not found", exactly as one that does not exist.
 */
export async function eachTrashedItem(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
  ids: readonly number[],
  action: (item: Content) => Promise<unknown>,
): Promise<TrashItemOutcome[]> {
  const outcomes: TrashItemOutcome[] = [];
  for (const id of new Set(ids)) {
    const found = await deps.store.content.findById(id);
    // What the caller may not see is not named, not even by its title.
    const item = found && (await canViewContent(deps, principal, found)) ? found : undefined;
    try {
      if (!item || item.spaceId !== spaceId) throw contentNotFound(id);
      // Restoring or purging something that is not in the trash would edit or trash it instead.
      if (item.status !== 'trashed') throw notFound(`'${item.title}' is not in the trash`, { contentId: id });
      await action(item);
      outcomes.push({ id, title: item.title, done: true });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      outcomes.push({ id, title: item?.title ?? `#${id}`, done: false, message: error.message });
    }
  }
  return outcomes;
}
