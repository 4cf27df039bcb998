import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../config/load-config.ts';
import { openSite } from '../../main.ts';

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

  it('fails tasks that a previous run left unfinished, so pollers learn they will not finish', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tributary-site-'));
    const config = loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' });
    try {
      const first = await openSite(config);
      await first.services.store.longTasks.insert({
        id: 'cut-off',
        name: 'delete space',
        ownerId: null,
        createdAtMs: 1,
      });
      await first.close();

      const second = await openSite(config);
      const task = await second.services.store.longTasks.findById('cut-off');
      await second.close();
      assert.equal(task?.finished, true);
      assert.equal(task?.successful, false);
      assert.match(JSON.stringify(task?.messages), /interrupted by a server restart/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
