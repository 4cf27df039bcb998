import { removeOrphanBlobs } from '../blobs/orphan-blobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { takeOverLongTasks } from '../tasks/take-over-long-tasks.ts';
import { removeBlobsLeftBehind } from './initialise-site.ts';
import { repeatEvery } from './repeat-every.ts';

export interface SiteDuties {
  /** Whether this process holds the site's duties now; schedules of once-per-site work ask it. */
  held(): boolean;
  /** Stops, waits for a pass under way, and gives the duties up for another process to take at once. */
  stop(): Promise<void>;
}

export interface SiteDutiesOptions {
  /** How often bytes that nothing references, and stale leftovers of puts, are looked for. */
  sweepEveryMs: number;
  onError: (error: unknown) => void;
}

const dutiesLease = 'site-duties';

/**
 * Of the processes serving one site, the one holding the `site-duties` lease does its once-per-site
 * work: this schedule takes over the long tasks of processes that died and sweeps unreferenced bytes,
 * and other schedules (audit pruning, backup jobs) ask `held()`. The lease is renewed three times per
 * period, so another process takes the duties over within a lease period of this one dying.
 */
export async function scheduleSiteDuties(deps: ServiceDeps, options: SiteDutiesOptions): Promise<SiteDuties> {
  const { id, leaseMs } = deps.node;
  let held = false;
  let lastSweepMs = Number.NEGATIVE_INFINITY;
  const pass = async () => {
    const nowMs = deps.clock.nowMs();
    held = await deps.store.leases.acquire(dutiesLease, id, nowMs, nowMs + leaseMs);
    if (!held) return;
    await takeOverLongTasks(deps);
    if (nowMs - lastSweepMs >= options.sweepEveryMs) {
      lastSweepMs = nowMs;
      await removeBlobsLeftBehind(deps);
      // A process killed between storing an upload's bytes and committing it leaves them unreferenced.
      await removeOrphanBlobs(deps);
      // A process killed mid-upload leaves an open multipart upload that only a sweep ends.
      await deps.blobs.sweepStalePuts?.();
    }
  };
  const duties = repeatEvery(pass, { everyMs: leaseMs / 3, onError: options.onError });
  await duties.runNow();
  return {
    held: () => held,
    async stop() {
      await duties.stop();
      if (held) await deps.store.leases.release(dutiesLease, id);
      held = false;
    },
  };
}
