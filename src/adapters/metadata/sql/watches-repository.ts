import type { Kysely } from 'kysely';
import type { WatchTarget } from '../../../domain/watch.ts';
import type { WatchesRepository } from '../../../ports/watch-store.ts';
import type { Tables } from './tables.ts';

export function sqlWatchesRepository(db: Kysely<Tables>): WatchesRepository {
  const targeted = (userId: number, target: WatchTarget) => {
    const query = db.selectFrom('watches').where('user_id', '=', userId);
    return 'contentId' in target
      ? query.where('content_id', '=', target.contentId)
      : query.where('space_id', '=', target.spaceId);
  };

  const isWatching = async (userId: number, target: WatchTarget) =>
    (await targeted(userId, target).select('user_id').executeTakeFirst()) !== undefined;

  return {
    isWatching,
    async add(userId, target, createdAtMs) {
      // Checked first rather than left to the unique constraint: an insert that fails would abort a
      // PostgreSQL transaction, and watching twice is not an error.
      if (await isWatching(userId, target)) return false;
      await db
        .insertInto('watches')
        .values({
          user_id: userId,
          content_id: 'contentId' in target ? target.contentId : null,
          space_id: 'spaceId' in target ? target.spaceId : null,
          created_at_ms: createdAtMs,
        })
        .execute();
      return true;
    },
    async remove(userId, target) {
      let query = db.deleteFrom('watches').where('user_id', '=', userId);
      query =
        'contentId' in target
          ? query.where('content_id', '=', target.contentId)
          : query.where('space_id', '=', target.spaceId);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async watchersOf(target) {
      const query = db.selectFrom('watches').select(['user_id', 'created_at_ms']);
      const rows = await ('contentId' in target
        ? query.where('content_id', '=', target.contentId)
        : query.where('space_id', '=', target.spaceId)
      )
        .orderBy('created_at_ms')
        .orderBy('user_id')
        .execute();
      return rows.map((row) => ({ userId: Number(row.user_id), createdAtMs: Number(row.created_at_ms) }));
    },
  };
}
