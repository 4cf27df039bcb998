import type { Kysely, Selectable } from 'kysely';
import type { Slice, Window } from '../../../domain/paging.ts';
import type { User } from '../../../domain/user.ts';
import type { NewUser, UserChanges, UsersRepository } from '../../../ports/metadata-store.ts';
import type { Tables, UsersTable } from './tables.ts';

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: Number(row.id),
    username: row.username,
    userKey: row.user_key,
    accountId: row.account_id,
    displayName: row.display_name,
    email: row.email,
    active: Number(row.active) === 1,
    createdAtMs: Number(row.created_at_ms),
    updatedAtMs: Number(row.updated_at_ms),
  };
}

export function sqlUsersRepository(db: Kysely<Tables>): UsersRepository {
  const findOne = async (column: 'id' | 'username' | 'user_key' | 'account_id', value: string | number) => {
    const row = await db.selectFrom('users').selectAll().where(column, '=', value).executeTakeFirst();
    return row && toUser(row);
  };

  return {
    async insert(user: NewUser) {
      const row = await db
        .insertInto('users')
        .values({
          username: user.username,
          user_key: user.userKey,
          account_id: user.accountId,
          display_name: user.displayName,
          email: user.email,
          password_hash: user.passwordHash,
          active: 1,
          created_at_ms: user.createdAtMs,
          updated_at_ms: user.createdAtMs,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
    findById: (id) => findOne('id', id),
    findByUsername: (username) => findOne('username', username.toLowerCase()),
    findByUserKey: (userKey) => findOne('user_key', userKey),
    findByAccountId: (accountId) => findOne('account_id', accountId),
    async findByLogin(login) {
      const lowered = login.toLowerCase();
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where((eb) => eb.or([eb('username', '=', lowered), eb('email', '=', lowered)]))
        .orderBy('id')
        .executeTakeFirst();
      return row && toUser(row);
    },
    async passwordHashOf(id) {
      const row = await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.password_hash ?? null;
    },
    async list(window: Window, filter = {}): Promise<Slice<User>> {
      let query = db.selectFrom('users');
      if (filter.activeOnly) query = query.where('active', '=', 1);
      const [rows, total] = await Promise.all([
        query.selectAll().orderBy('username').limit(window.limit).offset(window.start).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toUser), total: Number(total.n) };
    },
    async update(id, changes: UserChanges, updatedAtMs) {
      await db
        .updateTable('users')
        .set({
          ...(changes.displayName !== undefined && { display_name: changes.displayName }),
          ...(changes.email !== undefined && { email: changes.email }),
          ...(changes.active !== undefined && { active: changes.active ? 1 : 0 }),
          ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
          updated_at_ms: updatedAtMs,
        })
        .where('id', '=', id)
        .execute();
    },
    async remove(id) {
      await db.deleteFrom('users').where('id', '=', id).execute();
    },
    async count() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
