import type { Kysely } from 'kysely';
import type { AppearanceRepository, AppearanceScope } from '../../../ports/appearance-store.ts';
import type { Tables } from './tables.ts';

export function sqlAppearanceRepository(db: Kysely<Tables>): AppearanceRepository {
  const spaceIdOf = (scope: AppearanceScope) => ('spaceId' in scope ? scope.spaceId : null);

  const deleteIn = (scope: AppearanceScope, name: string) => {
    const spaceId = spaceIdOf(scope);
    const query = db.deleteFrom('appearance_settings').where('name', '=', name);
    return spaceId === null ? query.where('space_id', 'is', null) : query.where('space_id', '=', spaceId);
  };

  return {
    async get(scope, name) {
      const spaceId = spaceIdOf(scope);
      const query = db.selectFrom('appearance_settings').select('value_json').where('name', '=', name);
      const row = await (spaceId === null
        ? query.where('space_id', 'is', null)
        : query.where('space_id', '=', spaceId)
      ).executeTakeFirst();
      return row === undefined ? undefined : (JSON.parse(row.value_json) as unknown);
    },
    async put(scope, name, value, updatedAtMs) {
      // Replaced in two statements, both in the caller's transaction: the unique index is on an expression,
      // which an upsert's conflict target cannot name on every dialect.
      await deleteIn(scope, name).execute();
      await db
        .insertInto('appearance_settings')
        .values({
          space_id: spaceIdOf(scope),
          name,
          value_json: JSON.stringify(value),
          updated_at_ms: updatedAtMs,
        })
        .execute();
    },
    async remove(scope, name) {
      const result = await deleteIn(scope, name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
