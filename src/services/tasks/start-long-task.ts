import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import type { LongTask, LongTaskMessage } from '../../domain/long-task.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { keepLease, longTaskLease } from '../site/keep-lease.ts';

/** What the work of a task may do while it runs. */
export interface LongTaskRun {
  /** Records progress (0-100) and, when given, a message for pollers. */
  report(percentageComplete: number, message?: string): Promise<void>;
}

/** The work of a task; resolves with its closing message, or throws to fail the task. */
export type LongTaskWork = (run: LongTaskRun) => Promise<string>;

export interface StartedLongTask {
  task: LongTask;
  /** Settles once the task has finished, successfully or not; it never rejects (tests await it). */
  settled: Promise<void>;
}

/**
 * Records a task and runs `work` after the caller has answered, as Confluence answers `DELETE
 * /rest/api/space/{key}` with 202 and a task to poll. A failure is recorded on the task, never thrown.
 * The task is leased to this process while it runs; should the process die, another one takes it over
 * (take-over-long-tasks.ts) and, given `resume`, runs it again from there, or else fails it.
 */
export async function startLongTask(
  deps: ServiceDeps,
  principal: Principal,
  name: string,
  work: LongTaskWork,
  resume?: unknown,
): Promise<StartedLongTask> {
  // In a transaction, so the task is durable, and leased, before its id is handed out.
  const task = await deps.store.transaction(async (repositories) => {
    const nowMs = deps.clock.nowMs();
    const inserted = await repositories.longTasks.insert({
      id: randomUUID(),
      name,
      ownerId: principal.kind === 'user' ? principal.user.id : null,
      createdAtMs: nowMs,
      ...(resume !== undefined && { resume }),
    });
    await repositories.leases.acquire(
      longTaskLease(inserted.id),
      deps.node.id,
      nowMs,
      nowMs + deps.node.leaseMs,
    );
    return inserted;
  });
  // setImmediate: the request that started the task is answered before the work takes the store.
  const settled = new Promise<void>((resolve) => {
    setImmediate(() => {
      runLeasedTask(deps, task, work).then(resolve, resolve);
    });
  });
  deps.runningTasks.track(settled);
  return { task, settled };
}

/**
 * Runs the work of a task this process holds the lease of, renewing it meanwhile, and records the outcome
 * (after earlier messages, for a task taken over).
 */
export async function runLeasedTask(deps: ServiceDeps, task: LongTask, work: LongTaskWork): Promise<void> {
  // A renewal that fails for a closing store needs no report: the task is taken over once its lease ends.
  const lease = keepLease(deps, longTaskLease(task.id), () => {});
  try {
    await runToEnd(deps, task.id, work, task.messages);
  } finally {
    await lease.release().catch(() => {});
  }
}

async function runToEnd(
  deps: ServiceDeps,
  id: string,
  work: LongTaskWork,
  earlier: readonly LongTaskMessage[],
): Promise<void> {
  const messages: LongTaskMessage[] = [...earlier];
  const run: LongTaskRun = {
    async report(percentageComplete, message) {
      if (message !== undefined) messages.push({ translation: message });
      await deps.store.longTasks.update(id, { percentageComplete, messages: [...messages] });
    },
  };
  let outcome: { successful: boolean; message: string };
  try {
    outcome = { successful: true, message: await work(run) };
  } catch (error) {
    // Domain errors carry a message meant for people; anything else stays in the task as a generic line.
    const message = error instanceof DomainError ? error.message : 'The task failed unexpectedly';
    outcome = { successful: false, message };
  }
  messages.push({ translation: outcome.message });
  try {
    await deps.store.longTasks.update(id, {
      percentageComplete: 100,
      successful: outcome.successful,
      finished: true,
      messages,
      finishedAtMs: deps.clock.nowMs(),
    });
  } catch {
    // The store closed under the task (the server is stopping): nobody is left to read the outcome.
  }
}
