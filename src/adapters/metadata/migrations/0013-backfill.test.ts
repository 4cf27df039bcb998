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
import { inlineCommentsLikesTasks } from './0013-inline-comments-likes-tasks.ts';

describe('migration 0013', sqliteOnly, () => {
  it('indexes the tasks of bodies saved before it, with their assignees', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tributary-0013-'));
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
        title: 'Old tasks',
        spaceKey: 'OLD',
        body: {
          representation: 'storage',
          value:
            '<ac:task-list><ac:task><ac:task-id>3</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Ask <ri:user ri:username="admin" /></ac:task-body></ac:task></ac:task-list>',
        },
      });
      await site.close();

      // Make the database look as it did before 0013, then apply it directly (later ones may have run).
      const raw = new Database(file);
      raw.exec('DROP TABLE content_tasks; DROP TABLE likes; DROP TABLE inline_comments;');
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
      await inlineCommentsLikesTasks('sqlite').up(db);
      await db.destroy();
      const check = new Database(file, { readonly: true });
      const found = check
        .prepare(
          'SELECT t.content_id, t.local_id, t.status, u.username FROM content_tasks t LEFT JOIN users u ON u.id = t.assignee_id',
        )
        .all();
      check.close();
      assert.deepEqual(found, [
        { content_id: page.id, local_id: '3', status: 'complete', username: 'admin' },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
