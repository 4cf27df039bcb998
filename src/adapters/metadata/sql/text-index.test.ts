import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteOnly } from '../../../../test/support/test-database.ts';
import { loadConfig } from '../../../config/load-config.ts';
import { systemPrincipal } from '../../../domain/principal.ts';
import { openSite, type Site } from '../../../main.ts';
import { createContent } from '../../../services/content/create-content.ts';
import { purgeContent } from '../../../services/content/delete-content.ts';
import { updateContent } from '../../../services/content/update-content.ts';

describe('the full-text index', sqliteOnly, () => {
  let dir: string;
  let site: Site;
  const matches = (query: string) => {
    const db = new Database(path.join(dir, 'tributary.db'), { readonly: true });
    try {
      return db
        .prepare('SELECT rowid AS id FROM content_text WHERE content_text MATCH ? ORDER BY rowid')
        .all(query)
        .map((row) => (row as { id: number }).id);
    } finally {
      db.close();
    }
  };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-fts-'));
    site = await openSite(loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' }));
    await site.services.store.spaces.insert({
      key: 'FTS',
      name: 'Search',
      description: '',
      type: 'global',
      private: false,
      creatorId: null,
      createdAtMs: 0,
    });
  });
  after(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('indexes the title and the words of the body, not its markup, and follows new versions', async () => {
    const page = await createContent(site.services, systemPrincipal, {
      type: 'page',
      title: 'Quarterly Report',
      spaceKey: 'FTS',
      body: {
        storage: {
          value: '<p>Revenue <strong>grew</strong> &amp; costs fell</p>',
          representation: 'storage',
        },
      },
    });
    assert.deepEqual(matches('quarterly'), [page.id]);
    assert.deepEqual(matches('grew'), [page.id]);
    assert.deepEqual(matches('strong'), []);
    await updateContent(site.services, systemPrincipal, page.id, {
      versionNumber: 2,
      body: { storage: { value: '<p>Café results</p>', representation: 'storage' } },
    });
    assert.deepEqual(matches('grew'), []);
    assert.deepEqual(matches('cafe'), [page.id]);
  });

  it('forgets purged content', async () => {
    const page = await createContent(site.services, systemPrincipal, {
      type: 'page',
      title: 'Ephemeral',
      spaceKey: 'FTS',
    });
    assert.deepEqual(matches('ephemeral'), [page.id]);
    await purgeContent(site.services, systemPrincipal, page.id);
    assert.deepEqual(matches('ephemeral'), []);
  });
});
