import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { sqliteOnly } from '../../../../test/support/test-database.ts';
import { loadConfig } from '../../../config/load-config.ts';
import { systemPrincipal } from '../../../domain/principal.ts';
import { openSite } from '../../../main.ts';
import { createContent } from '../../../services/content/create-content.ts';
import { backfillAndReferenceIndexes } from './0005-backfill-and-reference-indexes.ts';

describe('migration 0005', sqliteOnly, () => {
  it('gives content written before the text index its full-text row', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tributary-0005-'));
    const config = loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' });
    const file = path.join(dir, 'tributary.db');
    try {
      const site = await openSite(config);
      await site.services.store.spaces.insert({
        key: 'OLD',
        name: 'Old',
        description: '',
        type: 'global',
        private: false,
        creatorId: null,
        createdAtMs: 0,
      });
      const page = await createContent(site.services, systemPrincipal, {
        type: 'page',
        title: 'Legacyword',
        spaceKey: 'OLD',
      });
      await site.close();

      // Make the database look as it did before 0005 (no text row, none of its indexes), then apply it.
      // Later migrations have run too, so 0005 is applied directly rather than through the migrator.
      const raw = new Database(file);
      raw.prepare('DELETE FROM content_text WHERE rowid = ?').run(page.id);
      raw.exec('DROP INDEX watches_content; DROP INDEX watches_space; DROP INDEX content_creator;');
      raw.exec('DROP INDEX content_versions_author; DROP INDEX content_title_nocase;');
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
      await backfillAndReferenceIndexes('sqlite').up(db);
      await db.destroy();
      const check = new Database(file, { readonly: true });
      const found = check
        .prepare("SELECT rowid AS id FROM content_text WHERE content_text MATCH 'legacyword'")
        .all();
      check.close();
      assert.deepEqual(found, [{ id: page.id }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
