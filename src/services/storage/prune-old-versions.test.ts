import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  anAttachmentOf,
  aSpaceWithPage,
  aUserPrincipal,
  storedSizeOfBytes,
  uploadPartsOf,
} from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import type { Content } from '../../domain/content.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { uploadNewVersion } from '../attachments/upload-new-version.ts';
import { previewVersionPrune } from './preview-version-prune.ts';
import { pruneOldVersions } from './prune-old-versions.ts';

describe('pruning old versions of a space', () => {
  const site = useServiceSite();

  /** An attachment whose versions hold these texts, the last one current. */
  async function aFileWithVersions(page: Content, name: string, ...texts: string[]) {
    const [first = '', ...rest] = texts;
    const attachment = await anAttachmentOf(site.services, page, { name, content: first });
    for (const content of rest) {
      await uploadNewVersion(
        site.services,
        systemPrincipal,
        page.id,
        attachment.id,
        uploadPartsOf([{ name, content }]),
      );
    }
    return attachment;
  }
  const versionNumbersOf = async (attachment: Content) =>
    (await site.services.store.content.listVersions(attachment.id, { start: 0, limit: 100 })).items
      .map((version) => version.number)
      .sort();

  it('removes exactly what the preview showed, in batches, and frees bytes nothing else uses', async () => {
    const { space, page } = await aSpaceWithPage(site.services, 'PRUNEALL');
    const plan = await aFileWithVersions(page, 'plan.txt', 'one', 'two!', 'three', 'four!!');
    const notes = await aFileWithVersions(page, 'notes.txt', 'alpha', 'beta');
    const rule = { keepNewest: 2 };

    const preview = await previewVersionPrune(site.services, systemPrincipal, space.key, rule);
    assert.deepEqual(preview.totals, { versions: 2, bytes: 3 + 4, attachments: 1 });
    assert.deepEqual(
      preview.sample.map((version) => [version.title, version.number]),
      [
        ['plan.txt', 1],
        ['plan.txt', 2],
      ],
    );

    const outcome = await pruneOldVersions(site.services, systemPrincipal, space.key, {
      rule,
      expected: preview.totals,
      batchSize: 1,
    });
    assert.deepEqual([outcome.removed, outcome.removedBytes, outcome.failed], [2, 7, []]);
    assert.deepEqual(await versionNumbersOf(plan), [3, 4]);
    assert.deepEqual(await versionNumbersOf(notes), [1, 2]);
    assert.equal(await storedSizeOfBytes(site.services, 'one'), undefined);
  });

  it('keeps by date as well: with both, a version goes only when both say so', async () => {
    const { space, page } = await aSpaceWithPage(site.services, 'PRUNEDATE');
    const file = await aFileWithVersions(page, 'old.txt', 'v1', 'v2', 'v3');
    const beforeEverything = { keepNewest: 1, createdBeforeMs: 0 };
    const none = await pruneOldVersions(site.services, systemPrincipal, space.key, {
      rule: beforeEverything,
    });
    assert.equal(none.removed, 0);
    const all = await pruneOldVersions(site.services, systemPrincipal, space.key, {
      rule: { createdBeforeMs: site.services.clock.nowMs() + 1 },
    });
    assert.equal(all.removed, 2);
    assert.deepEqual(await versionNumbersOf(file), [3]);
  });

  it('deletes nothing when the versions changed since the preview', async () => {
    const { space, page } = await aSpaceWithPage(site.services, 'PRUNERACE');
    const file = await aFileWithVersions(page, 'race.txt', 'a', 'b');
    const preview = await previewVersionPrune(site.services, systemPrincipal, space.key, { keepNewest: 1 });
    await uploadNewVersion(
      site.services,
      systemPrincipal,
      page.id,
      file.id,
      uploadPartsOf([{ name: 'race.txt', content: 'c' }]),
    );
    await rejectsWithDomainError(
      pruneOldVersions(site.services, systemPrincipal, space.key, {
        rule: { keepNewest: 1 },
        expected: preview.totals,
      }),
      'state_conflict',
    );
    assert.deepEqual(await versionNumbersOf(file), [1, 2, 3]);
  });

  it('is for space administrators only, and asks which versions go', async () => {
    const { space, page } = await aSpaceWithPage(site.services, 'PRUNEPERM');
    const file = await aFileWithVersions(page, 'kept.txt', 'a', 'b');
    const member = await aUserPrincipal(site.services, 'pruner');
    await rejectsWithDomainError(
      pruneOldVersions(site.services, member, space.key, { rule: { keepNewest: 1 } }),
      'permission_denied',
    );
    await rejectsWithDomainError(
      previewVersionPrune(site.services, systemPrincipal, space.key, {}),
      'invalid_request',
    );
    await rejectsWithDomainError(
      previewVersionPrune(site.services, systemPrincipal, space.key, { keepNewest: 0 }),
      'invalid_request',
    );
    assert.deepEqual(await versionNumbersOf(file), [1, 2]);
  });
});
