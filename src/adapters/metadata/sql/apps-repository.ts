import type { Kysely, Selectable } from 'kysely';
import type { App, AppRules } from '../../../domain/app.ts';
import type { AppsRepository } from '../../../ports/metadata-store.ts';
import type { AppsTable, Tables } from './tables.ts';

function toApp(row: Selectable<AppsTable>): App {
  return { id: Number(row.id), name: row.name, createdAtMs: Number(row.created_at_ms) };
}

export function sqlAppsRepository(db: Kysely<Tables>): AppsRepository {
  return {
    async insert(name, createdAtMs) {
      const row = await db
        .insertInto('apps')
        .values({ name, created_at_ms: createdAtMs })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toApp(row);
    },
    async findById(id) {
      const row = await db.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toApp(row);
    },
    async findByName(name) {
      const row = await db
        .selectFrom('apps')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', [eb.ref('name')]), '=', name.toLowerCase()))
        .executeTakeFirst();
      return row && toApp(row);
    },
    async list() {
      const rows = await db.selectFrom('apps').selectAll().orderBy('name').orderBy('id').execute();
      return rows.map(toApp);
    },
    async remove(id) {
      await db.deleteFrom('apps').where('id', '=', id).execute();
    },
    async block(appId, spaceIds, createdAtMs) {
      if (spaceIds.length === 0) return;
      await db
        .insertInto('app_space_blocks')
        .values(spaceIds.map((spaceId) => ({ app_id: appId, space_id: spaceId, created_at_ms: createdAtMs })))
        .onConflict((conflict) => conflict.columns(['app_id', 'space_id']).doNothing())
        .execute();
    },
    async unblock(appId, spaceIds) {
      if (spaceIds.length === 0) return;
      await db
        .deleteFrom('app_space_blocks')
        .where('app_id', '=', appId)
        .where('space_id', 'in', spaceIds)
        .execute();
    },
    async blockedSpaceIdsOf(appId) {
      const rows = await db
        .selectFrom('app_space_blocks')
        .select('space_id')
        .where('app_id', '=', appId)
        .orderBy('space_id')
        .execute();
      return rows.map((row) => Number(row.space_id));
    },
    async rules(appIds) {
      let apps = db.selectFrom('apps').selectAll();
      if (appIds !== undefined) {
        if (appIds.length === 0) return [];
        apps = apps.where('id', 'in', appIds);
      }
      const appRows = await apps.orderBy('name').orderBy('id').execute();
      if (appRows.length === 0) return [];
      const blocks = await db
        .selectFrom('app_space_blocks as b')
        .innerJoin('spaces as s', 's.id', 'b.space_id')
        .select(['b.app_id', 's.id', 's.space_key', 's.name'])
        .where(
          'b.app_id',
          'in',
          appRows.map((row) => row.id),
        )
        .orderBy('s.space_key')
        .execute();
      return appRows.map(
        (row): AppRules => ({
          app: toApp(row),
          blockedSpaces: blocks
            .filter((block) => Number(block.app_id) === Number(row.id))
            .map((block) => ({ id: Number(block.id), key: block.space_key, name: block.name })),
        }),
      );
    },
  };
}
