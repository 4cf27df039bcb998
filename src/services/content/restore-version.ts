import type { Content } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { auditNoun, recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { indexContentTasks } from '../page-tasks/index-content-tasks.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';

export interface RestoreVersionInput {
  /** The old version to bring back: a whole number from 1, not the current one. */
  versionNumber: number | undefined;
  /** The new version's note; `Restored version n` when none. */
  message?: string | undefined;
  /** Whether the old version's title comes back too (else the current title stays). */
  restoreTitle?: boolean | undefined;
}

/** Makes an old version's body (and, if asked, title) the new current version; history is kept. */
export async function restoreVersion(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  input: RestoreVersionInput,
): Promise<Content> {
  const authorId = requireWriter(principal);
  const content = await requireVisibleContent(deps, principal, id, ['current', 'draft']);
  await requireRight(deps, principal, content, 'update');
  const wanted = input.versionNumber;
  if (wanted === undefined || !Number.isInteger(wanted) || wanted < 1) {
    throw badRequest('versionNumber must be a positive whole number');
  }
  if (wanted === content.version.number) throw badRequest(`Version ${wanted} is already the current version`);
  return deps.store.transaction(async (repositories) => {
    const old = await repositories.content.findVersion(id, wanted);
    // The v1 spec's 400: "There is no version with the given version number".
    if (!old) throw badRequest(`No version ${wanted} of content ${id}`, { contentId: id });
    const restored = await repositories.content.appendVersion(id, {
      title: input.restoreTitle === true ? old.title : content.title,
      authorId,
      createdAtMs: deps.clock.nowMs(),
      message: input.message ?? `Restored version ${wanted}`,
      minorEdit: false,
      body: old.body,
      file: old.file,
    });
    await indexContentTasks(repositories, restored, authorId, restored.version.createdAtMs);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: `${auditNoun(content.type)} version restored`,
      content: restored,
      changes: [
        { name: 'Version', before: content.version.number, after: restored.version.number },
        { name: 'Title', before: content.title, after: restored.title },
        { name: 'Restored version', before: '', after: wanted },
      ],
      details: { restoredVersion: wanted, newVersion: restored.version.number },
    });
    return restored;
  });
}
