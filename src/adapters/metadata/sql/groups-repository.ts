import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Slice, Window } from '../../../domain/paging.ts';
import type { Group } from '../../../domain/user.ts';
import type { GroupsRepository } from '../../../ports/metadata-store.ts';
import { ancestorGroupIds, groupIdsHeldBy } from './group-closure.ts';
import { reusableQuery } from './reusable-query.ts';
import type { GroupsTable, Tables } from './tables.ts';
import { toUser } from './users-repository.ts';

function toGroup(row: Selectable<GroupsTable>): Group {
  return { id: Number(row.id), name: row.name, createdAtMs: Number(row.created_at_ms) };
}

// Asked on every signed-in request (is this user a site administrator?): the group name, then the user.
const membership = reusableQuery((db) =>
  db
    .selectFrom('groups')
    .select('groups.id')
    .where('groups.name', '=', '')
    .where(sql<boolean>`groups.id IN (${groupIdsHeldBy(0)})`),
);

/** One window of groups by name, and how many there are. */
async function windowOfGroups(
  groups: SelectQueryBuilder<Tables, 'groups', object>,
  window: Window,
): Promise<Slice<Group>> {
  const [rows, total] = await Promise.all([
    groups.selectAll('groups').orderBy('groups.name').limit(window.limit).offset(window.start).execute(),
    groups.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toGroup), total: Number(total.n) };
}

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
      return windowOfGroups(db.selectFrom('groups'), window);
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
      const { rows } = await sql<{ id: number }>`${groupIdsHeldBy(userId)}`.execute(db);
      return rows.map((row) => Number(row.id));
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
      return windowOfGroups(groups, window);
    },
    async isMember(userId, groupName) {
      return (await membership(db, groupName, userId)) !== undefined;
    },
    async addChildGroup(parentId, childId, createdAtMs) {
      await db
        .insertInto('group_nestings')
        .values({ parent_group_id: parentId, child_group_id: childId, created_at_ms: createdAtMs })
        .onConflict((oc) => oc.columns(['parent_group_id', 'child_group_id']).doNothing())
        .execute();
    },
    async removeChildGroup(parentId, childId) {
      await db
        .deleteFrom('group_nestings')
        .where('parent_group_id', '=', parentId)
        .where('child_group_id', '=', childId)
        .execute();
    },
    async childGroups(groupId, window) {
      const groups = db
        .selectFrom('groups')
        .innerJoin('group_nestings as n', 'n.child_group_id', 'groups.id')
        .where('n.parent_group_id', '=', groupId);
      return windowOfGroups(groups, window);
    },
    async parentGroups(groupId, window) {
      const groups = db
        .selectFrom('groups')
        .innerJoin('group_nestings as n', 'n.parent_group_id', 'groups.id')
        .where('n.child_group_id', '=', groupId);
      return windowOfGroups(groups, window);
    },
    async ancestorGroups(groupId, window) {
      const groups = db.selectFrom('groups').where(sql<boolean>`groups.id IN (${ancestorGroupIds(groupId)})`);
      return windowOfGroups(groups, window);
    },
  };
}
