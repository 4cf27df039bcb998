import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import type { ServiceDeps } from '../deps.ts';
import { scheduleBackupJobs } from './run-backup-jobs.ts';

// A job PROCESSING on another process is left alone while that process holds its lease, failed once not.
describe('backup jobs of a process that died', () => {
  const site = useServiceSite();

  async function aJobUnderWay(holder: string | undefined) {
    const { backupJobs, leases } = site.services.store;
    const job = await backupJobs.insert({
      operation: 'BACKUP',
      scope: 'SPACE',
      ownerId: null,
      spaceKeys: ['X'],
      settings: {},
      fileName: 'x.zip',
      createdAtMs: Date.now(),
    });
    assert.equal(await backupJobs.transition(job.id, ['QUEUED'], 'PROCESSING', { atMs: Date.now() }), true);
    if (holder) await leases.acquire(`backup-job:${job.id}`, holder, Date.now(), Date.now() + 60_000);
    return job.id;
  }

  it('fails only the jobs whose lease nobody holds', async () => {
    const orphaned = await aJobUnderWay(undefined);
    const elsewhere = await aJobUnderWay('node-a');
    const b: ServiceDeps = { ...site.services, node: { id: 'node-b', leaseMs: 60_000 } };
    const runner = scheduleBackupJobs(b, {
      everyMs: 20,
      runsHere: () => true,
      onError: (error) => assert.fail(String(error)),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await runner.stop();
    const stateOf = async (id: number) => (await site.services.store.backupJobs.findById(id))?.state;
    assert.equal(await stateOf(orphaned), 'FAILED');
    assert.equal(await stateOf(elsewhere), 'PROCESSING');
  });
});
