import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anAttachmentOf, aSpaceWithPage } from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { openServiceSite, type ServiceSite } from '../../../test/support/service-deps.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { deleteContent } from './delete-content.ts';

describe('deleting an attachment as content', () => {
  let site: ServiceSite;
  let services: ServiceDeps;

  before(async () => {
    site = await openServiceSite();
    services = site.services;
  });
  after(() => site.dispose());

  it('moves a current attachment to the trash first, and purges it only from there', async () => {
    const { page } = await aSpaceWithPage(services, 'TWOSTEP');
    const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'two steps' });
    assert.ok(attachment.version.file);

    assert.equal(await deleteContent(services, systemPrincipal, attachment.id, { purge: true }), 'trashed');
    assert.equal(await services.blobs.sizeOf(attachment.version.file.sha256), 9, 'the trash keeps the bytes');

    assert.equal(await deleteContent(services, systemPrincipal, attachment.id, { purge: true }), 'purged');
    assert.equal(await services.store.content.findById(attachment.id), undefined);
    assert.equal(await services.blobs.sizeOf(attachment.version.file.sha256), undefined);
  });

  it('answers not found when asked to trash an attachment already in the trash', async () => {
    const { page } = await aSpaceWithPage(services, 'AGAIN');
    const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'again' });
    await deleteContent(services, systemPrincipal, attachment.id, { purge: false });
    await rejectsWithDomainError(
      deleteContent(services, systemPrincipal, attachment.id, { purge: false }),
      'not_found',
    );
  });

  it('treats an attachment on a trashed page as trashed: it can only be purged', async () => {
    const { page } = await aSpaceWithPage(services, 'WITHPAGE');
    const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'with its page' });
    await deleteContent(services, systemPrincipal, page.id, { purge: false });
    await rejectsWithDomainError(
      deleteContent(services, systemPrincipal, attachment.id, { purge: false }),
      'not_found',
    );
    assert.equal(await deleteContent(services, systemPrincipal, attachment.id, { purge: true }), 'purged');
  });

  it('answers not found on a path for another type', async () => {
    const { page } = await aSpaceWithPage(services, 'WRONGTYPE');
    const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'not a page' });
    await rejectsWithDomainError(
      deleteContent(services, systemPrincipal, attachment.id, { purge: false, types: ['page'] }),
      'not_found',
    );
    assert.equal((await services.store.content.findById(attachment.id))?.status, 'current');
  });
});
