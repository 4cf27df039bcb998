import { type Kysely, sql } from 'kysely';
import type { ContentViewsRepository } from '../../../ports/content-extras-store.ts';
import type { Tables } from './tables.ts';

export function sqlContentViewsRepository(db: Kysely<Tables>): ContentViewsRepository {
  return {
    async add(tallies) {
      for (const tally of tallies) {
        await db
          .insertInto('content_views')
          .values({
            content_id: tally.contentId,
            viewer_id: tally.viewerId,
            day_ms: tally.dayMs,
            views: tally.views,
          })
          .onConflict((conflict) =>
            conflict
              .columns(['content_id', 'day_ms', 'viewer_id'])
              .doUpdateSet({ views: sql<number>`content_views.views + excluded.views` }),
          )
          .execute();
      }
    },
    async count(contentId, sinceDayMs) {
      let query = db.selectFrom('content_views').where('content_id', '=', contentId);
      if (sinceDayMs !== undefined) query = query.where('day_ms', '>=', sinceDayMs);
      const row = await query
        .select((eb) => [
          eb.fn.coalesce(eb.fn.sum<number>('views'), sql<number>`0`).as('views'),
          sql<number>`count(distinct case when viewer_id <> 0 then viewer_id end)`.as('viewers'),
        ])
        .executeTakeFirstOrThrow();
      return { views: Number(row.views), viewers: Number(row.viewers) };
    },
  };
}
