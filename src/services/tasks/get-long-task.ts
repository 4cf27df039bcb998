import { notFound } from '../../domain/errors.ts';
import type { LongTask } from '../../domain/long-task.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';

/** A task is its owner's and the administrators'; to anyone else it does not exist (404, as DC answers). */
export function canViewLongTask(principal: Principal, task: LongTask): boolean {
  return isAdministrator(principal) || (principal.kind === 'user' && principal.user.id === task.ownerId);
}

export async function getLongTask(deps: ServiceDeps, principal: Principal, id: string): Promise<LongTask> {
  const task = await deps.store.longTasks.findById(id);
  if (!task || !canViewLongTask(principal, task))
    throw notFound(`No long running task with id: ${id}`, { taskId: id });
  return task;
}
