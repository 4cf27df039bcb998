import type { Content } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { type StartedLongTask, startLongTask } from '../tasks/start-long-task.ts';

export const archivePagesTaskName = 'com.atlassian.confluence.pages.archive';

// Cloud archives at most this many pages per request (its documented bulk limit is 300 with descendants).
const mostPagesPerRequest = 300;

/** The pages to archive, by content id as sent (a bad id is refused here). */
export interface ArchivePagesRequest {
  pageIds: number[];
}

export const archivedPagesRule = 'pages must be a non-empty array of {id}';
export const archivedPageRule = 'Each page must be {id} with a content id';

/**
 * `POST /content/archive`: each named page (of any space) gets status `archived`, as a long task. Every
 * page must be a current page the caller may edit, or nothing starts (400, or 404 for an unseen one);
 * Tributary has no separate archive permission, so archiving takes the right to edit.
 */
export async function archivePages(
  deps: ServiceDeps,
  principal: Principal,
  request: ArchivePagesRequest,
): Promise<StartedLongTask> {
  requireWriter(principal);
  const ids = pageIdsOf(request.pageIds);
  const pages: Content[] = [];
  for (const id of ids) {
    const page = await requireVisibleContent(deps, principal, id);
    if (page.type !== 'page') throw badRequest(`Content ${id} is not a page`, { contentId: id });
    if (page.status !== 'current') {
      throw badRequest(`Page ${id} is ${page.status}; only current pages can be archived`, { contentId: id });
    }
    await requireRight(deps, principal, page, 'update');
    pages.push(page);
  }
  return startLongTask(deps, principal, archivePagesTaskName, async (run) => {
    let archived = 0;
    for (const [index, page] of pages.entries()) {
      const done = await deps.store.transaction(async (repositories) => {
        const latest = await repositories.content.findById(page.id);
        if (latest?.status !== 'current') return false;
        await repositories.content.setPlace(page.id, { status: 'archived' }, deps.clock.nowMs());
        await recordAudit(repositories, deps.clock, principal, {
          category: 'Content',
          summary: 'Page archived',
          content: latest,
          changes: [{ name: 'Status', before: 'current', after: 'archived' }],
        });
        return true;
      });
      if (done) archived += 1;
      await run.report(Math.floor(((index + 1) * 100) / pages.length));
    }
    return `Archived ${archived} pages`;
  });
}

function pageIdsOf(ids: number[]): number[] {
  if (ids.length === 0) throw badRequest(archivedPagesRule, { field: 'pages' });
  if (ids.length > mostPagesPerRequest) {
    throw badRequest(`At most ${mostPagesPerRequest} pages can be archived at once`, { field: 'pages' });
  }
  if (!ids.every((id) => Number.isSafeInteger(id) && id > 0)) {
    throw badRequest(archivedPageRule, { field: 'pages' });
  }
  return [...new Set(ids)];
}
