import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aScratchSpace } from '../../../test/support/scratch-store.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { longTaskLease } from '../site/keep-lease.ts';
import { deleteSpace, deleteSpaceTaskName } from '../spaces/delete-space.ts';
import { interruptedTaskMessage, takeOverLongTasks } from './take-over-long-tasks.ts';

// One site, two processes: `a` dies with its task unfinished, `b` is alive and looks for such tasks.
describe('taking over the long tasks of a process that died', () => {
  const site = useServiceSite();
  let nowMs = 1_000_000;
  const nodeOf = (id: string): ServiceDeps => ({
    ...site.services,
    clock: { nowMs: () => nowMs },
    node: { id, leaseMs: 30_000 },
  });

  async function aTaskLeasedTo(holder: string, id: string, name: string, resume?: unknown) {
    const task = await site.services.store.longTasks.insert({
      id,
      name,
      ownerId: null,
      createdAtMs: nowMs,
      ...(resume !== undefined && { resume }),
    });
    await site.services.store.leases.acquire(longTaskLease(id), holder, nowMs, nowMs + 30_000);
    return task;
  }

  it('leaves a task alone while its process renews the lease, and fails it once the lease has run out', async () => {
    await aTaskLeasedTo('node-a', 'plain', 'test.task');
    assert.deepEqual((await takeOverLongTasks(nodeOf('node-b'))).taken, []);
    assert.equal((await site.services.store.longTasks.findById('plain'))?.finished, false);

    nowMs += 30_000;
    const { taken } = await takeOverLongTasks(nodeOf('node-b'));
    assert.deepEqual(
      taken.map((task) => task.id),
      ['plain'],
    );
    const task = await site.services.store.longTasks.findById('plain');
    assert.equal(task?.finished, true);
    assert.equal(task?.successful, false);
    assert.deepEqual(task?.messages, [{ translation: interruptedTaskMessage }]);
    assert.equal(await site.services.store.leases.holderOf(longTaskLease('plain'), nowMs), undefined);
  });

  it('fails a task a version before leases left unfinished, which no lease names', async () => {
    await site.services.store.longTasks.insert({
      id: 'old',
      name: 'test.task',
      ownerId: null,
      createdAtMs: 1,
    });
    await takeOverLongTasks(nodeOf('node-b'));
    assert.equal((await site.services.store.longTasks.findById('old'))?.successful, false);
  });

  it('finishes a space deletion whose process died', async () => {
    const space = await aScratchSpace(site.services.store, 'GONE');
    await aTaskLeasedTo('node-a', 'deletion', deleteSpaceTaskName, { spaceId: space.id });
    nowMs += 30_001;
    const { taken, settled } = await takeOverLongTasks(nodeOf('node-b'));
    assert.equal(taken.length, 1);
    await settled;
    const task = await site.services.store.longTasks.findById('deletion');
    assert.equal(task?.successful, true, JSON.stringify(task?.messages));
    assert.equal(await site.services.store.spaces.findById(space.id), undefined);
    assert.equal(await site.services.store.leases.holderOf(longTaskLease('deletion'), nowMs), undefined);
  });

  it('holds the lease of a task it runs, so no other process takes it over meanwhile', async () => {
    const space = await aScratchSpace(site.services.store, 'HELD');
    const a = nodeOf('node-a');
    const { task, settled } = await deleteSpace(a, systemPrincipal, space.key);
    assert.equal(await site.services.store.leases.holderOf(longTaskLease(task.id), nowMs), 'node-a');
    assert.deepEqual((await takeOverLongTasks(nodeOf('node-b'))).taken, []);
    assert.deepEqual((await takeOverLongTasks(a)).taken, [], 'nor does the process running it');
    await settled;
    assert.equal((await site.services.store.longTasks.findById(task.id))?.successful, true);
  });
});
