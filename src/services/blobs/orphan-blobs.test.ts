import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anAttachmentOf, aSpaceWithPage } from '../../../test/support/builders.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import type { ServiceDeps } from '../deps.ts';
import { scheduleSiteDuties } from '../site/schedule-site-duties.ts';
import { orphanGraceMs, removeOrphanBlobs } from './orphan-blobs.ts';

async function* bytes(text: string) {
  yield Buffer.from(text);
}

/** The same site seen from a clock this far ahead, where everything stored now is that old. */
const later = (services: ServiceDeps, aheadMs: number): ServiceDeps => ({
  ...services,
  clock: { nowMs: () => Date.now() + aheadMs },
});

describe('bytes left behind by killed uploads', () => {
  const site = useServiceSite();

  it('are removed once past the grace period; young and referenced bytes are kept', async () => {
    const { services } = site;
    const { page } = await aSpaceWithPage(services, 'ORP');
    const attachment = await anAttachmentOf(services, page, {
      name: 'kept.txt',
      content: 'referenced bytes',
    });
    const kept = attachment.version.file?.sha256;
    assert.ok(kept);
    // Stored, never committed: what a process killed between the two leaves.
    const left = await services.blobs.put(bytes('left behind by a killed upload'));

    assert.equal(await removeOrphanBlobs(services), 0, 'young: it may be an upload under way');
    assert.equal(await removeOrphanBlobs(later(services, orphanGraceMs - 60_000)), 0);
    assert.ok(await services.blobs.describe(left.sha256));

    assert.equal(await removeOrphanBlobs(later(services, orphanGraceMs + 60_000)), 1);
    assert.equal(await services.blobs.describe(left.sha256), undefined);
    assert.ok(await services.blobs.describe(kept));
  });

  it('are swept by the site duties, so a crashed site needs no fsck --repair to get its disk back', async () => {
    const { services } = site;
    const left = await services.blobs.put(bytes('also left behind'));
    const duties = await scheduleSiteDuties(later(services, orphanGraceMs + 60_000), {
      sweepEveryMs: 3_600_000,
      onError: (error) => assert.fail(String(error)),
    });
    await duties.stop();
    assert.equal(await services.blobs.describe(left.sha256), undefined);
  });
});
