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

/**
 * The work of the task; run again from the start by the process that takes over a task whose process
 * died, which finds the space gone if it had been deleted (bytes left behind then go with the next sweep).
 */
export function spaceDeletion(deps: ServiceDeps, principal: Principal, space: Space): LongTaskWork {
  return async (run) => {
    await run.report(0, `Deleting space ${space.key}`);
    // The blobs are collected in the transaction that deletes, so an upload cannot slip in between.
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
    await run.report(50, `Deleted space ${space.key}; removing ${blobs.size} unused attachment files`);
    for (const sha256 of blobs) await removeUnusedBlob(deps, sha256);
    return `Space ${space.key} deleted`;
  };
}
