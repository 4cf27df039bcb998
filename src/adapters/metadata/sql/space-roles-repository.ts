import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { PermissionSubject, SpaceOperation } from '../../../domain/permissions.ts';
import type { SpaceRole, SpaceRoleType } from '../../../domain/space-roles.ts';
import type { SpaceRolesRepository, UnassignedGrant } from '../../../ports/space-role-store.ts';
import type { SpaceRolesTable, Tables } from './tables.ts';

// Anonymous visitors are subject 0, so that the unique constraint holds for them too.
const columnsOf = (subject: PermissionSubject) =>
  subject.kind === 'user'
    ? { subject_type: 'user', subject_id: subject.userId }
    : subject.kind === 'group'
      ? { subject_type: 'group', subject_id: subject.groupId }
      : { subject_type: 'anonymous', subject_id: 0 };

const subjectOf = (row: { subject_type: string; subject_id: number }): PermissionSubject =>
  row.subject_type === 'user'
    ? { kind: 'user', userId: Number(row.subject_id) }
    : row.subject_type === 'group'
      ? { kind: 'group', groupId: Number(row.subject_id) }
      : { kind: 'anonymous' };

const roleOf = (row: Selectable<SpaceRolesTable>): SpaceRole => ({
  id: row.role_id,
  position: Number(row.id),
  type: row.type as SpaceRoleType,
  name: row.name,
  description: row.description,
  operations: JSON.parse(row.operations_json) as SpaceOperation[],
});

/** A space permission row (`p`) whose subject holds no role in that space: it was granted one by one. */
const holdsNoRoleThere = ({
  not,
  exists,
  selectFrom,
}: ExpressionBuilder<Tables & { p: Tables['space_permissions'] }, 'p'>) =>
  not(
    exists(
      selectFrom('space_role_assignments as a')
        .select('a.id')
        .whereRef('a.space_id', '=', 'p.space_id')
        .whereRef('a.subject_type', '=', 'p.subject_type')
        // Anonymous grants have no subject id; assignments number anonymous 0.
        .where(sql<boolean>`a.subject_id = coalesce(p.subject_id, 0)`),
    ),
  );

export function sqlSpaceRolesRepository(db: Kysely<Tables>): SpaceRolesRepository {
  const roles = () => db.selectFrom('space_roles').selectAll().orderBy('id');
  return {
    async list() {
      return (await roles().execute()).map(roleOf);
    },
    async findById(roleId) {
      const row = await roles().where('role_id', '=', roleId).executeTakeFirst();
      return row && roleOf(row);
    },
    async findByName(name) {
      const row = await roles()
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .executeTakeFirst();
      return row && roleOf(row);
    },
    async insert(roleId, input) {
      await db
        .insertInto('space_roles')
        .values({
          role_id: roleId,
          type: 'CUSTOM',
          name: input.name,
          description: input.description,
          operations_json: JSON.stringify(input.operations),
        })
        .execute();
      const row = await roles().where('role_id', '=', roleId).executeTakeFirstOrThrow();
      return roleOf(row);
    },
    async update(roleId, input) {
      await db
        .updateTable('space_roles')
        .set({
          name: input.name,
          description: input.description,
          operations_json: JSON.stringify(input.operations),
        })
        .where('role_id', '=', roleId)
        .execute();
    },
    async remove(roleId) {
      await db.deleteFrom('space_roles').where('role_id', '=', roleId).execute();
    },
    async assignments(filter) {
      let query = db
        .selectFrom('space_role_assignments as a')
        .innerJoin('space_roles as r', 'r.id', 'a.role_id')
        .select(['a.id as position', 'a.space_id', 'a.subject_type', 'a.subject_id'])
        .select(['r.id', 'r.role_id', 'r.type', 'r.name', 'r.description', 'r.operations_json'])
        .orderBy('a.id');
      if (filter.spaceId !== undefined) query = query.where('a.space_id', '=', filter.spaceId);
      if (filter.roleId !== undefined) query = query.where('r.role_id', '=', filter.roleId);
      return (await query.execute()).map((row) => ({
        position: Number(row.position),
        spaceId: Number(row.space_id),
        subject: subjectOf(row),
        role: roleOf(row),
      }));
    },
    async assign(spaceId, subject, roleId, nowMs) {
      const role = await roles().where('role_id', '=', roleId).executeTakeFirstOrThrow();
      const columns = columnsOf(subject);
      await db
        .deleteFrom('space_role_assignments')
        .where('space_id', '=', spaceId)
        .where('subject_type', '=', columns.subject_type)
        .where('subject_id', '=', columns.subject_id)
        .execute();
      await db
        .insertInto('space_role_assignments')
        .values({ space_id: spaceId, role_id: role.id, ...columns, created_at_ms: nowMs })
        .execute();
    },
    async countUnassignedHolders() {
      const row = await db
        .selectFrom('space_permissions as p')
        .select((eb) =>
          eb.fn
            .count<number>(
              sql`distinct p.space_id || ':' || p.subject_type || ':' || coalesce(p.subject_id, 0)`,
            )
            .as('holders'),
        )
        .where(holdsNoRoleThere)
        .executeTakeFirstOrThrow();
      return Number(row.holders);
    },
    async unassignedGrants() {
      const rows = await db
        .selectFrom('space_permissions as p')
        .innerJoin('spaces as s', 's.id', 'p.space_id')
        .select([
          'p.space_id',
          's.space_key',
          'p.subject_type',
          'p.subject_id',
          'p.target_type',
          'p.operation',
        ])
        .where(holdsNoRoleThere)
        .orderBy('p.space_id')
        .orderBy('p.subject_type')
        .orderBy('p.subject_id')
        .execute();
      const grants = new Map<string, UnassignedGrant>();
      for (const row of rows) {
        const subject = subjectOf({
          subject_type: row.subject_type,
          subject_id: Number(row.subject_id ?? 0),
        });
        const key = `${row.space_id}:${row.subject_type}:${row.subject_id ?? 0}`;
        const grant = grants.get(key) ?? {
          spaceId: Number(row.space_id),
          spaceKey: row.space_key,
          subject,
          operations: [],
        };
        grant.operations.push(`${row.target_type}:${row.operation}` as SpaceOperation);
        grants.set(key, grant);
      }
      return [...grants.values()];
    },
    async unassign(spaceId, subject) {
      const columns = columnsOf(subject);
      const result = await db
        .deleteFrom('space_role_assignments')
        .where('space_id', '=', spaceId)
        .where('subject_type', '=', columns.subject_type)
        .where('subject_id', '=', columns.subject_id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
