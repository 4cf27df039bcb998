import type { LongTask } from '../../domain/long-task.ts';
import { type Principal, systemPrincipal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { longTaskLease } from '../site/keep-lease.ts';
import { deleteSpaceTaskName, spaceDeletion } from '../spaces/delete-space.ts';
import { deleteUserTaskName, userDeletion } from '../users/delete-user.ts';
import { principalOfUser } from '../users/principal-of-user.ts';
import { type LongTaskWork, runLeasedTask } from './start-long-task.ts';

/** How to run again, from what its start recorded, a kind of task whose work can safely be repeated. */
type Resumer = (deps: ServiceDeps, principal: Principal, resume: unknown) => Promise<LongTaskWork>;

const alreadyDone =
  (message: string): LongTaskWork =>
  async () =>
    message;

const resumers: Record<string, Resumer> = {
  async [deleteSpaceTaskName](deps, principal, resume) {
    const { spaceId } = resume as { spaceId: number };
    const space = await deps.store.spaces.findById(spaceId);
    return space ? spaceDeletion(deps, principal, space) : alreadyDone('The space was already deleted');
  },
  async [deleteUserTaskName](deps, principal, resume) {
    const { userId } = resume as { userId: number };
    const user = await deps.store.users.findById(userId);
    return user ? userDeletion(deps, principal, user) : alreadyDone('The user was already deleted');
  },
};

export const interruptedTaskMessage = 'The task was interrupted: the server running it stopped';

/**
 * Takes over the unfinished tasks nobody holds the lease of any more (their process died, or a version
 * before leases left them): the kinds that can be resumed run again here, in the background; the others
 * are failed, so pollers learn they will not finish. Answers the tasks taken over; `settled` is for tests.
 */
export async function takeOverLongTasks(
  deps: ServiceDeps,
): Promise<{ taken: LongTask[]; settled: Promise<void> }> {
  const taken: LongTask[] = [];
  const runs: Promise<void>[] = [];
  for (const { task, resume } of await deps.store.longTasks.unfinished(100)) {
    const nowMs = deps.clock.nowMs();
    const lease = longTaskLease(task.id);
    // Taking a lease succeeds for its holder too: the tasks this process runs are not for taking over.
    if ((await deps.store.leases.holderOf(lease, nowMs)) === deps.node.id) continue;
    if (!(await deps.store.leases.acquire(lease, deps.node.id, nowMs, nowMs + deps.node.leaseMs))) continue;
    taken.push(task);
    const resumer = resume === undefined ? undefined : resumers[task.name];
    if (resumer) {
      const principal = await ownerOf(deps, task);
      const work = await resumer(deps, principal, resume);
      const run = runLeasedTask(deps, task, work);
      deps.runningTasks.track(run.catch(() => {}));
      runs.push(run);
      continue;
    }
    await deps.store.longTasks.update(task.id, {
      finished: true,
      successful: false,
      messages: [...task.messages, { translation: interruptedTaskMessage }],
      finishedAtMs: nowMs,
    });
    await deps.store.leases.release(lease, deps.node.id);
  }
  return { taken, settled: Promise.all(runs).then(() => undefined) };
}

/** The task acts for whoever started it; a task of the server itself, or of a since deleted user, as the server. */
async function ownerOf(deps: ServiceDeps, task: LongTask): Promise<Principal> {
  const owner = task.ownerId === null ? undefined : await deps.store.users.findById(task.ownerId);
  return owner ? principalOfUser(deps, owner) : systemPrincipal;
}
