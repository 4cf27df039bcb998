import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { startOfUtcDay } from './content-view-log.ts';
import { flushContentViews } from './flush-content-views.ts';

/**
 * `GET /analytics/content/{id}/views` and `…/viewers`: views of the content and its distinct signed-in
 * viewers, since `fromDate` (counted by UTC day, so a time of day counts from that day's start).
 */
export async function getContentAnalytics(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
  fromDate: string | undefined,
): Promise<{ contentId: number; views: number; viewers: number }> {
  let sinceDayMs: number | undefined;
  if (fromDate !== undefined && fromDate !== '') {
    const parsed = Date.parse(fromDate);
    if (Number.isNaN(parsed))
      throw badRequest(`fromDate must be a date such as 2024-01-31, not '${fromDate}'`);
    sinceDayMs = startOfUtcDay(parsed);
  }
  const content = await requireVisibleContent(deps, principal, contentId);
  // What is still counted in memory belongs in the answer.
  await flushContentViews(deps);
  const counted = await deps.store.contentViews.count(content.id, sinceDayMs);
  return { contentId: content.id, ...counted };
}
