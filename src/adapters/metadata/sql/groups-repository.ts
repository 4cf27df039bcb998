import type { Kysely, Selectable } from 'kysely';
import type { Group } from '../../../domain/user.ts';
import type { GroupsRepository } from '../../../ports/metadata-store.ts';
import { reusableQuery } from './reusable-query.ts';
import type { GroupsTable, Tables } from './tables.ts';
import { toUser } from './users-repository.ts';

function toGroup(row: Selectable<GroupsTable>): Group {
  return { id: Number(row.id), name: row.name, createdAtMs: Number(row.created_at_ms) };
}

// Asked on every signed-in request (is this user a site administrator?).
const membership = reusableQuery((db) =>
  db
    .selectFrom('group_memberships as m')
    .innerJoin('groups', 'groups.id', 'm.group_id')
    .select('m.user_id')
    .where('m.user_id', '=', 0)
    .where('groups.name', '=', ''),
);

export function sqlGroupsRepository(db: Kysely<Tables>): GroupsRepository {
  return {
    async insert(name, createdAtMs) {
      const row = await db
        .insertInto('groups')
        .values({ name, created_at_ms: createdAtMs })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toGroup(row);
    },
    async findByName(name) {
      const row = await db
        .selectFrom('groups')
        .selectAll()
        .where('name', '=', name.toLowerCase())
        .executeTakeFirst();
      return row && toGroup(row);
    },
    async findById(id) {
      const row = await db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toGroup(row);
    },
    async list(window) {
      const [rows, total] = await Promise.all([
        db
          .selectFrom('groups')
          .selectAll()
          .orderBy('name')
          .limit(window.limit)
          .offset(window.start)
          .execute(),
        db
          .selectFrom('groups')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toGroup), total: Number(total.n) };
    },
    async remove(id) {
      await db.deleteFrom('groups').where('id', '=', id).execute();
    },
    async addMember(groupId, userId, createdAtMs) {
      await db
        .insertInto('group_memberships')
        .values({ group_id: groupId, user_id: userId, created_at_ms: createdAtMs })
        .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
        .execute();
    },
    async groupIdsOf(userId) {
      const rows = await db
        .selectFrom('group_memberships')
        .select('group_id')
        .where('user_id', '=', userId)
        .execute();
      return rows.map((row) => Number(row.group_id));
    },
    async removeMember(groupId, userId) {
      await db
        .deleteFrom('group_memberships')
        .where('group_id', '=', groupId)
        .where('user_id', '=', userId)
        .execute();
    },
    async members(groupId, window) {
      const members = db
        .selectFrom('users')
        .innerJoin('group_memberships as m', 'm.user_id', 'users.id')
        .where('m.group_id', '=', groupId);
      const [rows, total] = await Promise.all([
        members
          .selectAll('users')
          .orderBy('users.username')
          .limit(window.limit)
          .offset(window.start)
          .execute(),
        members.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toUser), total: Number(total.n) };
    },
    async groupsOf(userId, window) {
      const groups = db
        .selectFrom('groups')
        .innerJoin('group_memberships as m', 'm.group_id', 'groups.id')
        .where('m.user_id', '=', userId);
      const [rows, total] = await Promise.all([
        groups.selectAll('groups').orderBy('groups.name').limit(window.limit).offset(window.start).execute(),
        groups.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toGroup), total: Number(total.n) };
    },
    async isMember(userId, groupName) {
      return (await membership(db, userId, groupName)) !== undefined;
    },
  };
}
