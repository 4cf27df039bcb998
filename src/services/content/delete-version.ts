import { badRequest, contentNotFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { auditNoun, recordAudit } from '../audit/record-audit.ts';
import { removeUnusedBlob } from '../blobs/remove-unused-blob.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';

/**
 * Removes one historical version. The others keep their numbers and order, so "keep the last N" loops
 * that re-read the history after each delete work (clients.md); the current version cannot go.
 */
export async function deleteVersion(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  versionNumber: number,
): Promise<void> {
  requireWriter(principal);
  const content = await requireVisibleContent(deps, principal, id, ['current', 'draft', 'trashed']);
  // Removing history is for space administrators, as in Confluence.
  await requireRight(deps, principal, content, 'purge');
  const refuseCurrent = () =>
    badRequest(`Version ${versionNumber} is the current version and cannot be deleted`);
  if (versionNumber === content.version.number) throw refuseCurrent();
  const sha256 = await deps.store.transaction(async (repositories) => {
    // Checked again here: an update may have made this version current since the read above.
    const latest = await repositories.content.findById(id);
    if (!latest) throw contentNotFound(id);
    if (versionNumber === latest.version.number) throw refuseCurrent();
    const version = await repositories.content.findVersion(id, versionNumber);
    // Both v1 specs: 400 for a version that "does not exist or has already been deleted".
    if (!version) throw badRequest(`No version ${versionNumber} of content ${id}`, { contentId: id });
    await repositories.content.removeVersion(id, versionNumber);
    await recordAudit(repositories, deps.clock, principal, {
      category: content.type === 'attachment' ? 'Attachments' : 'Content',
      summary: `${auditNoun(content.type)} version deleted`,
      content: latest,
      changes: [{ name: 'Deleted version', before: versionNumber, after: '' }],
      details: { version: versionNumber },
    });
    return version.file?.sha256;
  });
  if (sha256) await removeUnusedBlob(deps, sha256);
}
