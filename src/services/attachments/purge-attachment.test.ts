import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anAttachmentOf, aSpaceWithPage, uploadPartsOf } from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { openServiceSite, type ServiceSite } from '../../../test/support/service-deps.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { purgeAttachment } from './purge-attachment.ts';
import { trashAttachment } from './trash-attachment.ts';
import { uploadNewVersion } from './upload-new-version.ts';

describe("purging an attachment (the Extender's hard delete)", () => {
  let site: ServiceSite;
  let services: ServiceDeps;

  before(async () => {
    site = await openServiceSite();
    services = site.services;
  });
  after(() => site.dispose());

  it('removes every version at once, and the bytes nothing else uses', async () => {
    const { page } = await aSpaceWithPage(services, 'PURGE');
    const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'version one' });
    const second = await uploadNewVersion(
      services,
      systemPrincipal,
      page.id,
      attachment.id,
      uploadPartsOf([{ name: 'a.txt', content: 'version two' }]),
    );
    await purgeAttachment(services, systemPrincipal, attachment.id);

    assert.equal(await services.store.content.findById(attachment.id), undefined);
    for (const version of [attachment.version, second.version]) {
      assert.ok(version.file);
      assert.equal(await services.blobs.sizeOf(version.file.sha256), undefined);
    }
  });

  it('keeps bytes that another attachment shares', async () => {
    const { page } = await aSpaceWithPage(services, 'SHARING');
    const doomed = await anAttachmentOf(services, page, { name: 'a.txt', content: 'same bytes' });
    await anAttachmentOf(services, page, { name: 'b.txt', content: 'same bytes' });
    await purgeAttachment(services, systemPrincipal, doomed.id);
    assert.ok(doomed.version.file);
    assert.equal(await services.blobs.sizeOf(doomed.version.file.sha256), 10);
  });

  it('purges one that is already in the trash', async () => {
    const { page } = await aSpaceWithPage(services, 'FROMBIN');
    const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'binned' });
    await trashAttachment(services, systemPrincipal, page.id, attachment.id);
    await purgeAttachment(services, systemPrincipal, attachment.id);
    assert.equal(await services.store.content.findById(attachment.id), undefined);
  });

  it('refuses what is not an attachment', async () => {
    const { page } = await aSpaceWithPage(services, 'NOTATT');
    await rejectsWithDomainError(purgeAttachment(services, systemPrincipal, page.id), 'not_found');
    assert.ok(await services.store.content.findById(page.id));
  });
});
