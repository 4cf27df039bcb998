import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../config/load-config.ts';
import { badRequest } from '../../domain/errors.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { openSite, type Site } from '../../main.ts';
import { startLongTask } from './start-long-task.ts';

describe('running long tasks', () => {
  let dir: string;
  let site: Site;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-tasks-'));
    site = await openSite(loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' }));
  });
  after(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers with an unfinished task before the work starts, then records its progress and success', async () => {
    let started = false;
    const { task, settled } = await startLongTask(
      site.services,
      systemPrincipal,
      'test.task',
      async (run) => {
        started = true;
        await run.report(40, 'Halfway there');
        return 'All done';
      },
    );
    assert.equal(started, false);
    assert.equal(task.finished, false);
    assert.equal(task.ownerId, null);
    await settled;
    const stored = await site.services.store.longTasks.findById(task.id);
    assert.equal(stored?.finished, true);
    assert.equal(stored?.successful, true);
    assert.equal(stored?.percentageComplete, 100);
    assert.deepEqual(stored?.messages, [{ translation: 'Halfway there' }, { translation: 'All done' }]);
    assert.ok((stored?.finishedAtMs ?? -1) >= task.createdAtMs);
  });

  it('records a failed task with the message of a domain error, and hides other errors', async () => {
    const domain = await startLongTask(site.services, systemPrincipal, 'test.task', async () => {
      throw badRequest('The space is locked');
    });
    const internal = await startLongTask(site.services, systemPrincipal, 'test.task', async () => {
      throw new Error('/srv/secret/path exploded');
    });
    await Promise.all([domain.settled, internal.settled]);
    const failed = await site.services.store.longTasks.findById(domain.task.id);
    assert.equal(failed?.finished, true);
    assert.equal(failed?.successful, false);
    assert.deepEqual(failed?.messages, [{ translation: 'The space is locked' }]);
    const hidden = await site.services.store.longTasks.findById(internal.task.id);
    assert.deepEqual(hidden?.messages, [{ translation: 'The task failed unexpectedly' }]);
  });
});
