import type { Space } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { removeUnusedBlob } from '../blobs/remove-unused-blob.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceContentReach } from '../permissions/policy.ts';
import { requireSpaceAdmin } from '../permissions/space-access.ts';
import { type LongTaskWork, type StartedLongTask, startLongTask } from '../tasks/start-long-task.ts';

export const deleteSpaceTaskName = 'com.atlassian.confluence.spaces.remove';

/**
 * `DELETE /rest/api/space/{spaceKey}`: answered at once with a long task (202), as Confluence does. The
 * task deletes the space, whose content, versions and properties go with it by foreign key, then removes
 * the attachment bytes that nothing else references any more.
 */
export async function deleteSpace(
  deps: ServiceDeps,
  principal: Principal,
  key: string,
): Promise<StartedLongTask> {
  const space = await requireSpaceAdmin(deps, principal, { key: key });
  await requireSpaceContentReach(deps, principal, space);
  return startLongTask(deps, principal, deleteSpaceTaskName, spaceDeletion(deps, principal, space), {
    spaceId: space.id,
  });
}

// Each batch is one transaction that runs on the event loop (SQLite answers synchronously): other
// requests wait for the one under way, then get their turn. A fixed 500 items took 30–40 ms a batch here,
// back to back, and a small GET's p99 during a deletion rose 80-fold; batches are sized to take ~8 ms.
const batchTargetMs = 8;
const firstBatchSize = 50;

/**
 * The next batch's size from how long this one's work took: halved at most, doubled at most, 25 to 2,000.
 * On PostgreSQL the time is mostly waiting on the network, which holds no one up; the floor keeps its
 * batches from shrinking to nothing.
 */
export const nextBatchSize = (size: number, elapsedMs: number) =>
  Math.round(
    Math.min(2_000, size * 2, Math.max(25, size / 2, (size * batchTargetMs) / Math.max(elapsedMs, 0.1))),
  );

/**
 * The work of the task; run again from the start by the process that takes over a task whose process
 * died, which finds the space gone, or part-emptied, and carries on. The content goes first, in batches of
 * short transactions that yield to other requests between them (a space of a million items must not hold
 * the database or the event loop), and each batch's bytes go once nothing references them any more; the
 * space itself goes last, with its audit record, in one transaction that collects any bytes uploaded
 * into it meanwhile.
 */
export function spaceDeletion(deps: ServiceDeps, principal: Principal, space: Space): LongTaskWork {
  return async (run) => {
    await run.report(0, `Deleting space ${space.key}`);
    let removed = 0;
    let batchSize = firstBatchSize;
    for (;;) {
      // Timed inside the transaction: the wait for its commit to reach the disk holds up no one else.
      let workMs = 0;
      const batch = await deps.store.transaction(async (repositories) => {
        const started = performance.now();
        const done = await repositories.content.removeSpaceContentBatch(space.id, batchSize);
        workMs = performance.now() - started;
        return done;
      });
      batchSize = nextBatchSize(batchSize, workMs);
      if (batch.removed === 0) break;
      removed += batch.removed;
      for (const sha256 of batch.blobs) await removeUnusedBlob(deps, sha256);
      // Progress cannot know the total cheaply; it creeps towards 90 as batches go.
      await run.report(
        Math.min(90, Math.floor(90 * (1 - 1 / (1 + removed / 10_000)))),
        `Deleted ${removed} items`,
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    const blobs = await deps.store.transaction(async (repositories) => {
      if (!(await repositories.spaces.findById(space.id))) return undefined;
      const found = new Set(await repositories.content.blobsInSpace(space.id));
      await repositories.spaces.remove(space.id);
      await recordAudit(repositories, deps.clock, principal, {
        category: 'Spaces',
        summary: 'Space deleted',
        space,
        webhookEvent: 'space_removed',
        changes: [{ name: 'Name', before: space.name, after: '' }],
      });
      return found;
    });
    if (blobs === undefined) return `Space ${space.key} was already deleted`;
    await run.report(95, `Deleted space ${space.key}; removing ${blobs.size} unused attachment files`);
    for (const sha256 of blobs) await removeUnusedBlob(deps, sha256);
    return `Space ${space.key} deleted`;
  };
}
