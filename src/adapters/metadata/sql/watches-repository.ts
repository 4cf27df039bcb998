import type { Kysely } from 'kysely';
import type { WatchTarget } from '../../../domain/watch.ts';
import type { WatchesRepository } from '../../../ports/watch-store.ts';
import type { Tables } from './tables.ts';
import { toUser } from './users-repository.ts';

/** The column that names the target, and its id. */
function columnOf(target: WatchTarget): ['content_id' | 'space_id' | 'label_id', number] {
  if ('contentId' in target) return ['content_id', target.contentId];
  if ('spaceId' in target) return ['space_id', target.spaceId];
  return ['label_id', target.labelId];
}

export function sqlWatchesRepository(db: Kysely<Tables>): WatchesRepository {
  const targeted = (userId: number, target: WatchTarget) => {
    const [column, id] = columnOf(target);
    return db.selectFrom('watches').where('user_id', '=', userId).where(column, '=', id);
  };

  const isWatching = async (userId: number, target: WatchTarget) =>
    (await targeted(userId, target).select('user_id').executeTakeFirst()) !== undefined;

  return {
    isWatching,
    async add(userId, target, createdAtMs) {
      // Checked first rather than left to the unique constraint: an insert that fails would abort a
      // PostgreSQL transaction, and watching twice is not an error.
      if (await isWatching(userId, target)) return false;
      const [column, id] = columnOf(target);
      await db
        .insertInto('watches')
        .values({
          user_id: userId,
          content_id: null,
          space_id: null,
          [column]: id,
          created_at_ms: createdAtMs,
        })
        .execute();
      return true;
    },
    async remove(userId, target) {
      const [column, id] = columnOf(target);
      const result = await db
        .deleteFrom('watches')
        .where('user_id', '=', userId)
        .where(column, '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async watchers(target, window) {
      const [column, id] = columnOf(target);
      const query = db
        .selectFrom('watches as w')
        .innerJoin('users', 'users.id', 'w.user_id')
        .where(`w.${column}`, '=', id);
      const [rows, total] = await Promise.all([
        query
          .selectAll('users')
          .orderBy('w.created_at_ms')
          .orderBy('users.id')
          .limit(window.limit)
          .offset(window.start)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toUser), total: Number(total.n) };
    },
  };
}
