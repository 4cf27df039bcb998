import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../config/load-config.ts';
import { openSite } from '../../main.ts';
import { verifyPassword } from '../auth/passwords.ts';

describe('initialising the site', () => {
  it('removes bytes that a crash left recorded but unreferenced', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tributary-site-'));
    const config = loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' });
    try {
      const first = await openSite(config);
      const ref = await first.services.blobs.put(
        (async function* () {
          yield Buffer.from('orphaned bytes');
        })(),
      );
      await first.services.store.blobs.record(ref.sha256, ref.sizeBytes, 1);
      await first.close();

      const second = await openSite(config);
      const size = await second.services.blobs.sizeOf(ref.sha256);
      const left = await second.services.store.blobs.unreferenced(10);
      await second.close();
      assert.equal(size, undefined);
      assert.deepEqual(left, []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stretches a chosen admin password fully, and a generated one (96 random bits) only lightly', async () => {
    const costs: Record<string, string | undefined> = {};
    for (const chosen of ['a chosen password', undefined]) {
      const dir = await mkdtemp(path.join(tmpdir(), 'tributary-site-'));
      const site = await openSite(
        loadConfig({ TRIBUTARY_DATA_DIR: dir, ...(chosen ? { TRIBUTARY_ADMIN_PASSWORD: chosen } : {}) }),
      );
      try {
        const password = site.initialisation.createdAdmin?.password;
        assert.equal(site.initialisation.createdAdmin?.generated, chosen === undefined);
        assert.ok(password !== undefined && (chosen === undefined || password === chosen));
        const { users } = site.services.store;
        const admin = await users.findByUsername('admin');
        const stored = (admin && (await users.passwordHashOf(admin.id))) ?? '';
        assert.equal(await verifyPassword(password, stored), true);
        assert.equal(await verifyPassword(`${password}x`, stored), false);
        costs[chosen ? 'chosen' : 'generated'] = stored.split('$')[1];
      } finally {
        await site.close();
        await rm(dir, { recursive: true, force: true });
      }
    }
    assert.deepEqual(costs, { chosen: String(2 ** 15), generated: String(2 ** 10) });
  });
});
