import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { sqliteOnly } from '../../../../test/support/test-database.ts';
import { migrateToLatest } from '../sql/sql-metadata-store.ts';
import type { Tables } from '../sql/tables.ts';
import { migrationsFor } from './index.ts';

describe('migration 0022', sqliteOnly, () => {
  it("copies each attachment's current version's size, media type and author onto its row", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tributary-0022-'));
    const raw = new Database(path.join(dir, 'tributary.db'));
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: raw }) });
    try {
      const before = Object.fromEntries(
        Object.entries(migrationsFor('sqlite')).filter(([name]) => name < '0022'),
      );
      const migrator = new Migrator({ db, provider: { getMigrations: async () => before } });
      assert.equal((await migrator.migrateToLatest()).error, undefined);
      // Rows as the store wrote them before 0022: an attachment at version 2, one with no author, a page.
      raw.pragma('foreign_keys = OFF'); // no users or spaces needed for these rows
      raw.exec(`
        INSERT INTO content (id, type, status, title, current_version, created_at_ms, updated_at_ms)
          VALUES (1, 'page', 'current', 'holder', 1, 1, 1),
                 (2, 'attachment', 'current', 'a.pdf', 2, 1, 2),
                 (3, 'attachment', 'current', 'b.txt', 1, 1, 1);
        INSERT INTO content_versions (content_id, number, title, author_id, created_at_ms, size_bytes, media_type)
          VALUES (1, 1, 'holder', 7, 1, NULL, NULL),
                 (2, 1, 'a.pdf', 7, 1, 10, 'text/plain'),
                 (2, 2, 'a.pdf', 8, 2, 20, 'application/pdf'),
                 (3, 1, 'b.txt', NULL, 1, 5, 'text/plain');
      `);
      await migrateToLatest(db, 'sqlite');
      const rows = raw
        .prepare(
          'SELECT id, current_size_bytes, current_media_type, current_author_id FROM content ORDER BY id',
        )
        .all();
      assert.deepEqual(rows, [
        { id: 1, current_size_bytes: 0, current_media_type: '', current_author_id: 0 },
        { id: 2, current_size_bytes: 20, current_media_type: 'application/pdf', current_author_id: 8 },
        { id: 3, current_size_bytes: 5, current_media_type: 'text/plain', current_author_id: 0 },
      ]);
    } finally {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
