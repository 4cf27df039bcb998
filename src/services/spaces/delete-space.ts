import type { Space } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { removeUnusedBlob } from '../blobs/remove-unused-blob.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdministrator, requireVisibleSpaceByKey } from '../permissions/space-access.ts';
import { type StartedLongTask, startLongTask } from '../tasks/start-long-task.ts';

export const deleteSpaceTaskName = 'com.atlassian.confluence.spaces.remove';

// Rows read per query while collecting blobs; a space may hold any number of attachments.
const batchSize = 500;

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
  const space = await requireVisibleSpaceByKey(deps, principal, key);
  requireSpaceAdministrator(principal, space);
  return startLongTask(deps, principal, deleteSpaceTaskName, async (run) => {
    await run.report(0, `Deleting space ${space.key}`);
    // The blobs are collected in the transaction that deletes, so an upload cannot slip in between.
    const blobs = await deps.store.transaction(async (repositories) => {
      if (!(await repositories.spaces.findById(space.id))) return undefined;
      const found = await blobsOfSpace(repositories, space);
      await repositories.spaces.remove(space.id);
      await recordAudit(repositories, deps.clock, principal, {
        category: 'Spaces',
        summary: 'Space deleted',
        objectType: 'space',
        objectId: space.key,
        details: { spaceId: space.id, name: space.name },
      });
      return found;
    });
    if (blobs === undefined) return `Space ${space.key} was already deleted`;
    await run.report(50, `Deleted space ${space.key}; removing ${blobs.size} unused attachment files`);
    for (const sha256 of blobs) await removeUnusedBlob(deps, sha256);
    return `Space ${space.key} deleted`;
  });
}

/** The blob of every version of every attachment in the space, trashed ones included. */
async function blobsOfSpace(repositories: MetadataRepositories, space: Space): Promise<Set<string>> {
  const blobs = new Set<string>();
  for (let start = 0; ; start += batchSize) {
    const attachments = await repositories.content.list(
      { spaceIds: [space.id], types: ['attachment'] },
      { start, limit: batchSize },
    );
    for (const attachment of attachments.items) {
      for (let from = 0; ; from += batchSize) {
        const versions = await repositories.content.listVersions(attachment.id, {
          start: from,
          limit: batchSize,
        });
        for (const version of versions.items) if (version.file) blobs.add(version.file.sha256);
        if (versions.items.length === 0 || from + versions.items.length >= versions.total) break;
      }
    }
    if (attachments.items.length === 0 || start + attachments.items.length >= attachments.total) break;
  }
  return blobs;
}
