import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { aSpaceWithPage } from '../../../test/support/builders.ts';
import { loadConfig } from '../../config/load-config.ts';
import type { Principal } from '../../domain/principal.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { openSite, type Site } from '../../main.ts';
import { startLongTask } from '../tasks/start-long-task.ts';
import { principalOfUser } from '../users/principal-of-user.ts';
import { resetSite, takeSiteSnapshot } from './reset-site.ts';

describe('resetting a test-mode site', () => {
  let dir: string;
  let site: Site;
  let admin: Principal;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-reset-'));
    site = await openSite(loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' }));
    const user = await site.services.store.users.findByUsername('admin');
    assert.ok(user);
    admin = await principalOfUser(site.services, user);
    await takeSiteSnapshot(site.services);
  });
  after(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('waits for the long tasks under way, so that none goes on changing the site once it is put back', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { settled } = await startLongTask(site.services, systemPrincipal, 'test.task', async () => {
      await released;
      await aSpaceWithPage(site.services, 'LATE');
      return 'Done';
    });
    let reset = false;
    const resetting = resetSite(site.services, admin).then(() => {
      reset = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(reset, false, 'the reset waits for the task');

    release();
    await resetting;
    await settled;
    assert.equal(await site.services.store.spaces.findByKey('LATE'), undefined);
    assert.deepEqual(await site.services.store.longTasks.unfinished(10), []);
  });
});
