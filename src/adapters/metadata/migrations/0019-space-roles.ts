import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

// Written out rather than imported from the domain: a migration must do tomorrow what it did when it ran.
const allOperations = [
  'space:read',
  'space:administer',
  'space:export',
  'space:restrict',
  'page:create',
  'page:delete',
  'blogpost:create',
  'blogpost:delete',
  'comment:create',
  'comment:delete',
  'attachment:create',
  'attachment:delete',
];

/** Cloud's three system roles, with fixed ids so that every site names them alike. */
const systemRoles = [
  {
    role_id: '7a1c3d2e-0000-4000-8000-000000000001',
    name: 'Admin',
    description: 'Everything in the space, including its permissions and settings.',
    operations: allOperations,
  },
  {
    role_id: '7a1c3d2e-0000-4000-8000-000000000002',
    name: 'Collaborator',
    description: 'View, create, edit, comment, upload and delete; not administer the space.',
    operations: allOperations.filter((operation) => operation !== 'space:administer'),
  },
  {
    role_id: '7a1c3d2e-0000-4000-8000-000000000003',
    name: 'Viewer',
    description: 'View the space and its content.',
    operations: ['space:read'],
  },
];

/**
 * Space roles (Cloud v2 `/space-roles`) and who holds which role in which space. The permissions a role
 * gives are written to space_permissions as well, which stay what the policy reads.
 */
export function spaceRoles(dialect: SqlDialect): Migration {
  const serial = dialect === 'sqlite' ? 'integer' : 'bigserial';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('space_roles')
        .addColumn('id', serial, (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('role_id', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('operations_json', 'text', (c) => c.notNull())
        .execute();
      await db
        .insertInto('space_roles' as never)
        .values(
          systemRoles.map((role) => ({
            role_id: role.role_id,
            type: 'SYSTEM',
            name: role.name,
            description: role.description,
            operations_json: JSON.stringify(role.operations),
          })) as never,
        )
        .execute();

      await db.schema
        .createTable('space_role_assignments')
        .addColumn('id', serial, (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('space_id', 'bigint', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
        .addColumn('role_id', 'bigint', (c) => c.notNull().references('space_roles.id').onDelete('cascade'))
        // The subject as space_permissions names it: 'user', 'group' or 'anonymous' (subject_id 0).
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'bigint', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('space_role_assignments_subject', ['space_id', 'subject_type', 'subject_id'])
        .execute();
      await db.schema
        .createIndex('space_role_assignments_role')
        .on('space_role_assignments')
        .column('role_id')
        .execute();
    },
  };
}
