import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { sqliteOnly } from '../../../../test/support/test-database.ts';
import { auditLog } from './0006-audit-log.ts';
import { migrationsFor } from './index.ts';

describe('migration 0006', sqliteOnly, () => {
  it('fills in the author, space and content of records written before it, by what they named', async () => {
    const raw = new Database(':memory:');
    raw.pragma('foreign_keys = ON');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    try {
      const earlier = Object.fromEntries(
        Object.entries(migrationsFor('sqlite')).filter(([name]) => name < '0006'),
      );
      const migrator = new Migrator({ db, provider: { getMigrations: async () => earlier } });
      const { error } = await migrator.migrateToLatest();
      assert.equal(error, undefined);

      raw.exec(`
        INSERT INTO users (id, username, user_key, account_id, display_name, created_at_ms, updated_at_ms)
          VALUES (7, 'alice', 'key-alice', 'acc-alice', 'Alice Example', 0, 0);
        INSERT INTO spaces (id, space_key, name, created_at_ms, updated_at_ms) VALUES (3, 'DOCS', 'Docs', 0, 0);
        INSERT INTO content (id, type, status, title, space_id, created_at_ms, updated_at_ms)
          VALUES (11, 'page', 'current', 'Handbook', 3, 0, 0);
        INSERT INTO audit_records (created_at_ms, author_id, category, summary, object_type, object_id, details_json)
          VALUES (1, 7, 'Spaces', 'Space created', 'space', 'DOCS', '{}'),
                 (2, 7, 'Content', 'Page created', 'page', '11', '{"version":1}'),
                 (3, NULL, 'Content', 'Content purged', 'page', '99', '{}'),
                 (4, NULL, 'Users and groups', 'User created', 'user', 'bob', '{}');
      `);
      await auditLog('sqlite').up(db);

      const rows = raw
        .prepare(`SELECT author_username, author_display_name, object_name, space_id, space_key, space_name,
            content_id, content_type, content_title, sys_admin, changed_values_json, search_text
          FROM audit_records ORDER BY created_at_ms`)
        .all() as Record<string, unknown>[];
      assert.deepEqual(rows[0], {
        author_username: 'alice',
        author_display_name: 'Alice Example',
        object_name: 'DOCS',
        space_id: 3,
        space_key: 'DOCS',
        space_name: 'Docs',
        content_id: null,
        content_type: null,
        content_title: null,
        sys_admin: 0,
        changed_values_json: '[]',
        search_text: 'spaces space created alice alice example space docs docs docs docs {}',
      });
      assert.deepEqual(
        [rows[1]?.content_id, rows[1]?.content_title, rows[1]?.object_name, rows[1]?.space_key],
        [11, 'Handbook', 'Handbook', 'DOCS'],
      );
      // Purged content left no title or space to find; the record keeps what it had.
      assert.deepEqual(
        [rows[2]?.content_id, rows[2]?.content_title, rows[2]?.object_name, rows[2]?.space_key],
        [99, null, '99', null],
      );
      assert.deepEqual(
        [rows[3]?.author_username, rows[3]?.author_display_name, rows[3]?.object_name],
        [null, '', 'bob'],
      );
      const indexes = raw
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_records' ORDER BY name",
        )
        .all()
        .map((row) => (row as { name: string }).name);
      assert.deepEqual(indexes, [
        'audit_records_author',
        'audit_records_content',
        'audit_records_created',
        'audit_records_space',
      ]);
    } finally {
      await db.destroy();
    }
  });
});
