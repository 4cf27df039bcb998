import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anAttachmentOf, aSpaceWithPage } from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { deleteContent } from './delete-content.ts';

describe('deleting an attachment as content', () => {
  const site = useServiceSite();

  it('moves a current attachment to the trash first, and purges it only from there', async () => {
    const { page } = await aSpaceWithPage(site.services, 'TWOSTEP');
    const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'two steps' });
    assert.ok(attachment.version.file);

    assert.equal(
      await deleteContent(site.services, systemPrincipal, attachment.id, { purge: true }),
      'trashed',
    );
    assert.equal(
      await site.services.blobs.sizeOf(attachment.version.file.sha256),
      9,
      'the trash keeps the bytes',
    );

    assert.equal(
      await deleteContent(site.services, systemPrincipal, attachment.id, { purge: true }),
      'purged',
    );
    assert.equal(await site.services.store.content.findById(attachment.id), undefined);
    assert.equal(await site.services.blobs.sizeOf(attachment.version.file.sha256), undefined);
  });

  it('answers not found when asked to trash an attachment already in the trash', async () => {
    const { page } = await aSpaceWithPage(site.services, 'AGAIN');
    const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'again' });
    await deleteContent(site.services, systemPrincipal, attachment.id, { purge: false });
    await rejectsWithDomainError(
      deleteContent(site.services, systemPrincipal, attachment.id, { purge: false }),
      'content_not_found',
    );
  });

  it('treats an attachment on a trashed page as trashed: it can only be purged', async () => {
    const { page } = await aSpaceWithPage(site.services, 'WITHPAGE');
    const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'with its page' });
    await deleteContent(site.services, systemPrincipal, page.id, { purge: false });
    await rejectsWithDomainError(
      deleteContent(site.services, systemPrincipal, attachment.id, { purge: false }),
      'content_not_found',
    );
    assert.equal(
      await deleteContent(site.services, systemPrincipal, attachment.id, { purge: true }),
      'purged',
    );
  });

  it('answers not found on a path for another type', async () => {
    const { page } = await aSpaceWithPage(site.services, 'WRONGTYPE');
    const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'not a page' });
    await rejectsWithDomainError(
      deleteContent(site.services, systemPrincipal, attachment.id, { purge: false, types: ['page'] }),
      'content_not_found',
    );
    assert.equal((await site.services.store.content.findById(attachment.id))?.status, 'current');
  });
});
