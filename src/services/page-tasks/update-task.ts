import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { type ContentTask, taskStatuses, withTaskStatus } from '../../domain/task.ts';
import { updateContent } from '../content/update-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { getTask } from './find-tasks.ts';

/**
 * v2 `PUT /tasks/{id}`, which changes only the status (the spec): the `<ac:task-status>` in the page's
 * body is rewritten and saved as a new version by the caller, who needs the right to edit the page, so
 * the body, its history and the index stay one truth. Asking for the status it has changes nothing.
 */
export async function updateTask(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  rawStatus: unknown,
): Promise<ContentTask> {
  const status = taskStatuses.find((candidate) => candidate === rawStatus);
  if (!status) throw badRequest('status must be complete or incomplete', { field: 'status' });
  const task = await getTask(deps, principal, id);
  if (task.status === status) return task;
  const page = await deps.store.content.findById(task.contentId);
  const body = page?.version.body;
  const changed = body && withTaskStatus(body.value, task.localId, status);
  if (!page || !changed) throw badRequest(`Task ${id} is no longer in the body of content ${task.contentId}`);
  await updateContent(deps, principal, page.id, {
    versionNumber: page.version.number + 1,
    body: { representation: 'storage', value: changed },
    message: status === 'complete' ? 'Task completed' : 'Task reopened',
    minorEdit: true,
  });
  return getTask(deps, principal, id);
}
