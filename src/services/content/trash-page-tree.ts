import type { Content } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { auditNoun, recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireRight, viewerOf } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { type StartedLongTask, startLongTask } from '../tasks/start-long-task.ts';

export const trashPageTreeTaskName = 'com.atlassian.confluence.pages.remove.tree';

/**
 * `DELETE /content/{id}/pageTree`: a current page and every current page below it that the caller can
 * see go to the trash, as a long task. Pages hidden from the caller stay where they are, as a single
 * delete leaves the children of a trashed page.
 */
export async function trashPageTree(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
): Promise<StartedLongTask> {
  requireWriter(principal);
  const root = await requireVisibleContent(deps, principal, id, ['current', 'draft', 'trashed', 'archived']);
  if (root.type !== 'page' || root.status !== 'current') {
    throw badRequest('Only a current page and its descendants can be trashed this way', { contentId: id });
  }
  await requireRight(deps, principal, root, 'delete');
  const below = await deps.store.content.descendants(
    root.id,
    { types: ['page'], statuses: ['current'], viewer: await viewerOf(deps, principal) },
    { start: 0, limit: Number.MAX_SAFE_INTEGER },
  );
  const pages = [root, ...below.items];
  return startLongTask(deps, principal, trashPageTreeTaskName, async (run) => {
    let trashed = 0;
    for (const [index, page] of pages.entries()) {
      if (await trashIfCurrent(deps, principal, page)) trashed += 1;
      await run.report(Math.floor(((index + 1) * 100) / pages.length));
    }
    return `Moved ${trashed} pages to the trash`;
  });
}

/** One page to the trash in its own transaction, unless it changed status meanwhile. */
async function trashIfCurrent(deps: ServiceDeps, principal: Principal, page: Content) {
  return deps.store.transaction(async (repositories) => {
    const latest = await repositories.content.findById(page.id);
    if (latest?.status !== 'current') return false;
    await repositories.content.setPlace(page.id, { status: 'trashed' }, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: `${auditNoun(page.type)} moved to trash`,
      content: latest,
      changes: [{ name: 'Status', before: 'current', after: 'trashed' }],
    });
    return true;
  });
}
