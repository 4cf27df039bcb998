import type { Kysely } from 'kysely';
import type { LikesRepository } from '../../../ports/comment-like-task-store.ts';
import { afterKeyset } from './keyset.ts';
import type { Tables } from './tables.ts';

export function sqlLikesRepository(db: Kysely<Tables>): LikesRepository {
  const likeOf = (contentId: number, userId: number) =>
    db
      .selectFrom('likes')
      .select('user_id')
      .where('content_id', '=', contentId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  return {
    async add(contentId, userId, createdAtMs) {
      // Checked first rather than left to the primary key: a failed insert would abort a PostgreSQL
      // transaction, and liking twice is not an error.
      if (await likeOf(contentId, userId)) return false;
      await db
        .insertInto('likes')
        .values({ content_id: contentId, user_id: userId, created_at_ms: createdAtMs })
        .execute();
      return true;
    },
    async remove(contentId, userId) {
      const result = await db
        .deleteFrom('likes')
        .where('content_id', '=', contentId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async count(contentId) {
      const row = await db
        .selectFrom('likes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('content_id', '=', contentId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async list(contentId, window) {
      let query = db.selectFrom('likes').selectAll().where('content_id', '=', contentId);
      const after = window.after;
      const order = { column: 'created_at_ms', idColumn: 'user_id', descending: false };
      if (after) query = query.where((eb) => afterKeyset(eb, order, after));
      const rows = await query
        .orderBy('created_at_ms')
        .orderBy('user_id')
        .limit(window.limit + 1)
        .execute();
      const items = rows.slice(0, window.limit).map((row) => ({
        contentId: Number(row.content_id),
        userId: Number(row.user_id),
        createdAtMs: Number(row.created_at_ms),
      }));
      const last = items.at(-1);
      return {
        items,
        next:
          rows.length > window.limit && last ? { sortValue: last.createdAtMs, id: last.userId } : undefined,
      };
    },
  };
}
