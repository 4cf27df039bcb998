import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

// What 0007 grants on spaces that existed before it; kept here, not imported, so the migration never
// changes when the domain's defaults do.
const allSpaceOperations = [
  ['space', 'read'],
  ['space', 'administer'],
  ['space', 'export'],
  ['space', 'restrict'],
  ['space', 'delete_own'],
  ['space', 'delete_mail'],
  ['page', 'create'],
  ['page', 'delete'],
  ['blogpost', 'create'],
  ['blogpost', 'delete'],
  ['comment', 'create'],
  ['comment', 'delete'],
  ['attachment', 'create'],
  ['attachment', 'delete'],
];
const memberSpaceOperations = [
  ['space', 'read'],
  ['space', 'delete_own'],
  ['page', 'create'],
  ['blogpost', 'create'],
  ['comment', 'create'],
  ['attachment', 'create'],
];

/**
 * Space permissions become the rule for who sees and changes a space (until now: private spaces were
 * their creator's, every other space everyone's). Existing spaces keep what they meant: the creator holds
 * everything, and a shared space lets confluence-users view and add. Adds global permissions, and
 * uniqueness and lookup indexes for permissions and restrictions (anonymous rows have no subject id).
 */
export function permissions(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('global_permissions')
        .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'bigint')
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await sql`CREATE UNIQUE INDEX global_permissions_unique ON global_permissions
        (subject_type, coalesce(subject_id, 0), target_type, operation)`.execute(db);
      await sql`CREATE UNIQUE INDEX space_permissions_unique ON space_permissions
        (space_id, subject_type, coalesce(subject_id, 0), target_type, operation)`.execute(db);
      await db.schema
        .createIndex('space_permissions_subject')
        .on('space_permissions')
        .columns(['subject_type', 'subject_id'])
        .execute();
      await sql`CREATE UNIQUE INDEX restrictions_unique ON restrictions
        (content_id, operation, subject_type, subject_id)`.execute(db);
      await db.schema
        .createIndex('restrictions_operation')
        .on('restrictions')
        .columns(['operation', 'content_id'])
        .execute();

      const nowMs = Date.now();
      // Sites created before: their users could create spaces, and still may.
      for (const [group, targetType, operation] of [
        ['confluence-users', 'application', 'use'],
        ['confluence-users', 'space', 'create'],
        ['confluence-users', 'personal_space', 'create'],
        ['confluence-administrators', 'application', 'administer'],
      ]) {
        await sql`INSERT INTO global_permissions (subject_type, subject_id, target_type, operation, created_at_ms)
          SELECT 'group', id, ${targetType}, ${operation}, ${nowMs} FROM groups WHERE name = ${group}`.execute(
          db,
        );
      }
      for (const [targetType, operation] of allSpaceOperations) {
        await sql`INSERT INTO space_permissions (space_id, subject_type, subject_id, target_type, operation, created_at_ms)
          SELECT id, 'user', creator_id, ${targetType}, ${operation}, ${nowMs} FROM spaces
          WHERE creator_id IS NOT NULL`.execute(db);
      }
      for (const [targetType, operation] of memberSpaceOperations) {
        await sql`INSERT INTO space_permissions (space_id, subject_type, subject_id, target_type, operation, created_at_ms)
          SELECT s.id, 'group', g.id, ${targetType}, ${operation}, ${nowMs}
          FROM spaces s JOIN groups g ON g.name = 'confluence-users'
          WHERE s.private = 0
          ON CONFLICT DO NOTHING`.execute(db);
      }
    },
  };
}
