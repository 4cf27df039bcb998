import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import type { ServiceDeps } from '../deps.ts';
import { scheduleSiteDuties } from './schedule-site-duties.ts';

// Two processes of one site: the duties are held by one at a time and pass on when it stops or dies.
describe('the duties of the site', () => {
  const site = useServiceSite();
  const options = { sweepEveryMs: 3_600_000, onError: (error: unknown) => assert.fail(String(error)) };

  it('go to one process, and to the other once the first stops', async () => {
    const a: ServiceDeps = { ...site.services, node: { id: 'node-a', leaseMs: 60_000 } };
    const b: ServiceDeps = { ...site.services, node: { id: 'node-b', leaseMs: 60_000 } };
    const onA = await scheduleSiteDuties(a, options);
    const onB = await scheduleSiteDuties(b, options);
    assert.deepEqual([onA.held(), onB.held()], [true, false]);
    await onA.stop();
    assert.equal(onA.held(), false);
    await onB.stop();
    const again = await scheduleSiteDuties(b, options);
    assert.equal(again.held(), true);
    await again.stop();
  });

  it('pass to another process within a lease period once the holder stops renewing (it died)', async () => {
    let nowMs = 5_000_000;
    const clock = { nowMs: () => nowMs };
    await site.services.store.leases.acquire('site-duties', 'dead-node', nowMs, nowMs + 300);
    const b: ServiceDeps = { ...site.services, clock, node: { id: 'node-b', leaseMs: 300 } };
    const onB = await scheduleSiteDuties(b, options);
    assert.equal(onB.held(), false);
    nowMs += 300;
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(onB.held(), true);
    await onB.stop();
  });
});
