import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anAttachmentOf, aSpaceWithPage } from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { seedAttachments } from '../../../test/support/seed-attachments.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { previewMatchingAttachments, trashMatchingAttachments } from './trash-matching-attachments.ts';

const day = 86_400_000;
const cutMs = Date.UTC(2024, 0, 1);

/** Seven attachments made a day apart, the first four before the cut. */
async function aPageWithOldAndNew(services: ServiceDeps, key: string) {
  const { page } = await aSpaceWithPage(services, key);
  const template = await anAttachmentOf(services, page, { name: 'template.txt', content: 'ten bytes!' });
  await seedAttachments(services.store, {
    pageId: page.id,
    templateId: template.id,
    count: 7,
    title: (n) => `file-${n}.txt`,
    createdAtMs: (n) => cutMs + (n - 4) * day,
  });
  return page;
}

const currentTitles = async (services: ServiceDeps, pageId: number) =>
  (
    await services.store.content.browseAttachments(
      { containerId: pageId },
      { sort: { by: 'title', direction: 'asc' }, after: undefined, limit: 100, backwards: false },
    )
  ).items.map((item) => item.title);

describe('trashing all matching attachments', () => {
  const site = useServiceSite();
  const filter = { modifiedBeforeMs: cutMs };

  it('previews how many match, their bytes and a sample, changing nothing', async () => {
    const page = await aPageWithOldAndNew(site.services, 'PREV');
    const preview = await previewMatchingAttachments(site.services, systemPrincipal, page.id, {
      filter,
      sort: { by: 'modified', direction: 'asc' },
    });
    assert.equal(preview.count, 4);
    assert.equal(preview.sizeBytes, 40);
    assert.deepEqual(
      preview.sample.map((item) => item.title),
      ['file-0.txt', 'file-1.txt', 'file-2.txt', 'file-3.txt'],
    );
    assert.equal((await currentTitles(site.services, page.id)).length, 8);
  });

  it('trashes exactly the matching ones, batch after batch', async () => {
    const page = await aPageWithOldAndNew(site.services, 'BATCH');
    const outcome = await trashMatchingAttachments(site.services, systemPrincipal, page.id, {
      filter,
      expectedCount: 4,
      batchSize: 3,
    });
    assert.deepEqual({ trashed: outcome.trashed, refused: outcome.refused }, { trashed: 4, refused: 0 });
    assert.deepEqual(await currentTitles(site.services, page.id), [
      'file-4.txt',
      'file-5.txt',
      'file-6.txt',
      'template.txt',
    ]);
  });

  it('trashes nothing when the count differs from the preview', async () => {
    const page = await aPageWithOldAndNew(site.services, 'MOVED');
    await rejectsWithDomainError(
      trashMatchingAttachments(site.services, systemPrincipal, page.id, { filter, expectedCount: 3 }),
      'state_conflict',
    );
    assert.equal((await currentTitles(site.services, page.id)).length, 8);
  });

  it('refuses to take every attachment without a filter', async () => {
    const page = await aPageWithOldAndNew(site.services, 'NOFILTER');
    await rejectsWithDomainError(
      trashMatchingAttachments(site.services, systemPrincipal, page.id, { filter: {}, expectedCount: 8 }),
      'invalid_request',
    );
    assert.equal((await currentTitles(site.services, page.id)).length, 8);
  });
});
