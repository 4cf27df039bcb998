import type { Kysely, Selectable } from 'kysely';
import type { Slice, Window } from '../../../domain/paging.ts';
import type { User } from '../../../domain/user.ts';
import type { NewUser, UserChanges, UsersRepository } from '../../../ports/metadata-store.ts';
import { reusableQuery } from './reusable-query.ts';
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

// Every request signs in, and most pages name users: these lookups are built once each.
const userBy = (column: 'id' | 'username' | 'user_key' | 'account_id') =>
  reusableQuery((db) => db.selectFrom('users').selectAll().where(column, '=', ''));
const userById = userBy('id');
const userByUsername = userBy('username');
const userByUserKey = userBy('user_key');
const userByAccountId = userBy('account_id');
const userByLogin = reusableQuery((db) =>
  db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', ''), eb('email', '=', '')]))
    .orderBy('id'),
);
const passwordHashById = reusableQuery((db) =>
  db.selectFrom('users').select('password_hash').where('id', '=', 0),
);

export function sqlUsersRepository(db: Kysely<Tables>): UsersRepository {
  const userFound = async (row: Promise<Selectable<UsersTable> | undefined>) => {
    const found = await row;
    return found && toUser(found);
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
    findById: (id) => userFound(userById(db, id)),
    findByUsername: (username) => userFound(userByUsername(db, username.toLowerCase())),
    findByUserKey: (userKey) => userFound(userByUserKey(db, userKey)),
    findByAccountId: (accountId) => userFound(userByAccountId(db, accountId)),
    async findByLogin(login) {
      const lowered = login.toLowerCase();
      const row = await userByLogin(db, lowered, lowered);
      return row && toUser(row);
    },
    async passwordHashOf(id) {
      return (await passwordHashById(db, id))?.password_hash ?? null;
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
