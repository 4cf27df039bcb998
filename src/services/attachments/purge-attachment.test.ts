import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anAttachmentOf, aSpaceWithPage, uploadPartsOf } from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { purgeAttachment } from './purge-attachment.ts';
import { trashAttachment } from './trash-attachment.ts';
import { uploadNewVersion } from './upload-new-version.ts';

describe("purging an attachment (the Extender's hard delete)", () => {
  const site = useServiceSite();

  it('removes every version at once, and the bytes nothing else uses', async () => {
    const { page } = await aSpaceWithPage(site.services, 'PURGE');
    const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'version one' });
    const second = await uploadNewVersion(
      site.services,
      systemPrincipal,
      page.id,
      attachment.id,
      uploadPartsOf([{ name: 'a.txt', content: 'version two' }]),
    );
    await purgeAttachment(site.services, systemPrincipal, attachment.id);

    assert.equal(await site.services.store.content.findById(attachment.id), undefined);
    for (const version of [attachment.version, second.version]) {
      assert.ok(version.file);
      assert.equal(await site.services.blobs.sizeOf(version.file.sha256), undefined);
    }
  });

  it('keeps bytes that another attachment shares', async () => {
    const { page } = await aSpaceWithPage(site.services, 'SHARING');
    const doomed = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'same bytes' });
    await anAttachmentOf(site.services, page, { name: 'b.txt', content: 'same bytes' });
    await purgeAttachment(site.services, systemPrincipal, doomed.id);
    assert.ok(doomed.version.file);
    assert.equal(await site.services.blobs.sizeOf(doomed.version.file.sha256), 10);
  });

  it('purges one that is already in the trash', async () => {
    const { page } = await aSpaceWithPage(site.services, 'FROMBIN');
    const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'binned' });
    await trashAttachment(site.services, systemPrincipal, page.id, attachment.id);
    await purgeAttachment(site.services, systemPrincipal, attachment.id);
    assert.equal(await site.services.store.content.findById(attachment.id), undefined);
  });

  it('refuses what is not an attachment', async () => {
    const { page } = await aSpaceWithPage(site.services, 'NOTATT');
    await rejectsWithDomainError(purgeAttachment(site.services, systemPrincipal, page.id), 'not_found');
    assert.ok(await site.services.store.content.findById(page.id));
  });
});
