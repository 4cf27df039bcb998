import type { LongTask } from '../../domain/long-task.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';

/** Administrators see every task; a user sees the tasks they started; the anonymous user sees none. */
export async function listLongTasks(
  deps: ServiceDeps,
  principal: Principal,
  window: Window,
): Promise<Slice<LongTask>> {
  if (isAdministrator(principal)) return deps.store.longTasks.list({}, window);
  if (principal.kind !== 'user') return { items: [], total: 0 };
  return deps.store.longTasks.list({ ownerId: principal.user.id }, window);
}
