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

// Rows per transaction: each batch is a short write, so other writers wait milliseconds, not minutes.
const batchSize = 500;

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
    for (;;) {
      const batch = await deps.store.transaction((repositories) =>
        repositories.content.removeSpaceContentBatch(space.id, batchSize),
      );
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
