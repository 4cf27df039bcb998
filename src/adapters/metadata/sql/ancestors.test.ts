import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { seedPages } from '../../../../test/support/seed-pages.ts';
import { loadConfig } from '../../../config/load-config.ts';
import { systemPrincipal } from '../../../domain/principal.ts';
import { openSite, type Site } from '../../../main.ts';
import { createSpace } from '../../../services/spaces/create-space.ts';

// Longer than one statement's walk (500 levels), so the walk goes on from where each statement stopped.
const levels = 1_234;

describe('the ancestors of a page, walked up a few hundred levels per statement', () => {
  let dir: string;
  let site: Site;
  let chain: number[];

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-ancestors-'));
    site = await openSite(loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' }));
    await createSpace(site.services, systemPrincipal, { key: 'UP', name: 'Up', private: false });
    chain = await seedPages(site.services, 'UP', levels, { chain: true });
  });
  after(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every ancestor once, root first', async () => {
    const leaf = chain.at(-1) ?? 0;
    const ancestors = await site.services.store.content.ancestors(leaf);
    assert.deepEqual(
      ancestors.map((content) => content.id),
      chain.slice(0, -1),
    );
  });

  // The API cannot make a loop; data changed by hand can. The walk must end, each item listed once.
  it('stops at a loop in the parents', async () => {
    const [root = 0] = chain;
    const leaf = chain.at(-1) ?? 0;
    const database = new Database(path.join(dir, 'tributary.db'));
    try {
      database.prepare('UPDATE content SET parent_id = ? WHERE id = ?').run(leaf, root);
    } finally {
      database.close();
    }
    const ancestors = await site.services.store.content.ancestors(leaf);
    assert.deepEqual(
      ancestors.map((content) => content.id),
      chain.slice(0, -1),
    );
  });
});
