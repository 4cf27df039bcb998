import { notFound } from '../../domain/errors.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentTask, TaskStatus } from '../../domain/task.ts';
import type { TaskFilter } from '../../ports/comment-like-task-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { canViewContent, viewerOf } from '../permissions/policy.ts';

/** `GET /tasks` filters as the spec has them: users by account id, times as epoch milliseconds. */
export interface TaskQuery {
  ids?: readonly number[];
  status?: TaskStatus;
  spaceIds?: readonly number[];
  contentIds?: readonly number[];
  createdBy?: readonly string[];
  assignedTo?: readonly string[];
  completedBy?: readonly string[];
  createdAtMs?: { from?: number; to?: number };
  dueAtMs?: { from?: number; to?: number };
  completedAtMs?: { from?: number; to?: number };
  includeBlank?: boolean;
}

// An account id no user has matches no task; this id is never a user's.
const nobody = -1;

async function userIdsOf(deps: ServiceDeps, accountIds: readonly string[] | undefined) {
  if (!accountIds?.length) return undefined;
  const ids: number[] = [];
  for (const accountId of accountIds) {
    ids.push((await deps.store.users.findByAccountId(accountId))?.id ?? nobody);
  }
  return ids;
}

/** v2 `GET /tasks`: the tasks of the current pages and blog posts the caller may see, by id. */
export async function listTasks(
  deps: ServiceDeps,
  principal: Principal,
  query: TaskQuery,
  window: KeysetWindow<'id'>,
): Promise<KeysetSlice<ContentTask>> {
  const filter: TaskFilter = {
    viewer: await viewerOf(deps, principal),
    ...query,
    creatorIds: await userIdsOf(deps, query.createdBy),
    assigneeIds: await userIdsOf(deps, query.assignedTo),
    completerIds: await userIdsOf(deps, query.completedBy),
  };
  return deps.store.contentTasks.list(filter, window);
}

/** v2 `GET /tasks/{id}`: a task on content the caller may not see is as missing as no task. */
export async function getTask(deps: ServiceDeps, principal: Principal, id: number): Promise<ContentTask> {
  const task = await deps.store.contentTasks.findById(id);
  const content = task && (await deps.store.content.findById(task.contentId));
  const visible =
    content !== undefined && content.status === 'current' && (await canViewContent(deps, principal, content));
  if (!task || !visible) throw notFound(`No task found with id : ${id}`, { taskId: id });
  return task;
}
