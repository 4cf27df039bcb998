import type { Kysely, Selectable } from 'kysely';
import type {
  AdminKeysRepository,
  AppPropertiesRepository,
  UserPropertiesRepository,
} from '../../../ports/identity-extras-store.ts';
import type { AppPropertiesTable, Tables, UserPropertiesTable } from './tables.ts';

function toUserProperty(row: Selectable<UserPropertiesTable>) {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    key: row.property_key,
    value: JSON.parse(row.value_json) as Record<string, unknown>,
    createdAtMs: Number(row.created_at_ms),
    updatedAtMs: Number(row.updated_at_ms),
  };
}

function toAppProperty(row: Selectable<AppPropertiesTable>) {
  return {
    appId: Number(row.app_id),
    key: row.property_key,
    value: JSON.parse(row.value_json) as unknown,
    createdAtMs: Number(row.created_at_ms),
    updatedAtMs: Number(row.updated_at_ms),
  };
}

export function sqlUserPropertiesRepository(db: Kysely<Tables>): UserPropertiesRepository {
  const ofUser = (userId: number) => db.selectFrom('user_properties').where('user_id', '=', userId);
  return {
    async keysOf(userId, window) {
      const [rows, total] = await Promise.all([
        ofUser(userId)
          .select('property_key')
          .orderBy('property_key')
          .limit(window.limit)
          .offset(window.start)
          .execute(),
        ofUser(userId)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((row) => row.property_key), total: Number(total.n) };
    },
    async find(userId, key) {
      const row = await ofUser(userId).selectAll().where('property_key', '=', key).executeTakeFirst();
      return row && toUserProperty(row);
    },
    async insert(userId, key, value, nowMs) {
      const row = await db
        .insertInto('user_properties')
        .values({
          user_id: userId,
          property_key: key,
          value_json: JSON.stringify(value),
          created_at_ms: nowMs,
          updated_at_ms: nowMs,
        })
        .onConflict((oc) => oc.columns(['user_id', 'property_key']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row && toUserProperty(row);
    },
    async update(userId, key, value, nowMs) {
      const result = await db
        .updateTable('user_properties')
        .set({ value_json: JSON.stringify(value), updated_at_ms: nowMs })
        .where('user_id', '=', userId)
        .where('property_key', '=', key)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async remove(userId, key) {
      const result = await db
        .deleteFrom('user_properties')
        .where('user_id', '=', userId)
        .where('property_key', '=', key)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export function sqlAppPropertiesRepository(db: Kysely<Tables>): AppPropertiesRepository {
  const find = async (appId: number, key: string) => {
    const row = await db
      .selectFrom('app_properties')
      .selectAll()
      .where('app_id', '=', appId)
      .where('property_key', '=', key)
      .executeTakeFirst();
    return row && toAppProperty(row);
  };
  return {
    async list(appId, afterKey, limit) {
      let query = db.selectFrom('app_properties').selectAll().where('app_id', '=', appId);
      if (afterKey !== undefined) query = query.where('property_key', '>', afterKey);
      const rows = await query.orderBy('property_key').limit(limit).execute();
      return rows.map(toAppProperty);
    },
    find,
    async put(appId, key, value, nowMs) {
      const existing = await find(appId, key);
      await db
        .insertInto('app_properties')
        .values({
          app_id: appId,
          property_key: key,
          value_json: JSON.stringify(value),
          created_at_ms: nowMs,
          updated_at_ms: nowMs,
        })
        .onConflict((oc) =>
          oc
            .columns(['app_id', 'property_key'])
            .doUpdateSet({ value_json: JSON.stringify(value), updated_at_ms: nowMs }),
        )
        .execute();
      return existing === undefined;
    },
    async remove(appId, key) {
      const result = await db
        .deleteFrom('app_properties')
        .where('app_id', '=', appId)
        .where('property_key', '=', key)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export function sqlAdminKeysRepository(db: Kysely<Tables>): AdminKeysRepository {
  return {
    async findLive(userId, nowMs) {
      const row = await db
        .selectFrom('admin_keys')
        .selectAll()
        .where('user_id', '=', userId)
        .where('expires_at_ms', '>', nowMs)
        .executeTakeFirst();
      return (
        row && {
          userId: Number(row.user_id),
          createdAtMs: Number(row.created_at_ms),
          expiresAtMs: Number(row.expires_at_ms),
        }
      );
    },
    async put(key) {
      const values = { created_at_ms: key.createdAtMs, expires_at_ms: key.expiresAtMs };
      await db
        .insertInto('admin_keys')
        .values({ user_id: key.userId, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
    },
    async remove(userId) {
      await db.deleteFrom('admin_keys').where('user_id', '=', userId).execute();
    },
  };
}
