import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anAttachmentOf, aSpaceWithPage, storedTextOf } from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import { anonymousPrincipal, systemPrincipal } from '../../domain/principal.ts';
import { trashAttachment } from './trash-attachment.ts';

describe('trashing an attachment', () => {
  const site = useServiceSite();

  it('moves it to the trash and keeps its bytes for a restore', async () => {
    const { page } = await aSpaceWithPage(site.services, 'TRASH');
    const attachment = await anAttachmentOf(site.services, page, { name: 'old.txt', content: 'restorable' });
    await trashAttachment(site.services, systemPrincipal, page.id, attachment.id);

    const trashed = await site.services.store.content.findById(attachment.id);
    assert.equal(trashed?.status, 'trashed');
    assert.equal(await storedTextOf(site.services, attachment.version), 'restorable');
    assert.equal(await site.services.store.content.currentAttachmentNamed(page.id, 'old.txt'), undefined);
  });

  it('frees the name for a new attachment on the page', async () => {
    const { page } = await aSpaceWithPage(site.services, 'FREED');
    const attachment = await anAttachmentOf(site.services, page, { name: 'name.txt', content: 'first' });
    await trashAttachment(site.services, systemPrincipal, page.id, attachment.id);
    const successor = await anAttachmentOf(site.services, page, { name: 'name.txt', content: 'second' });
    assert.notEqual(successor.id, attachment.id);
  });

  const refusals = [
    {
      refusal: 'refuses one already in the trash',
      spaceKey: 'TWICE',
      trashFirst: true,
      anonymous: false,
      kind: 'not_found',
    },
    {
      refusal: 'refuses an anonymous caller',
      spaceKey: 'ANONTRASH',
      trashFirst: false,
      anonymous: true,
      kind: 'permission_denied',
    },
  ] as const;
  for (const { refusal, spaceKey, trashFirst, anonymous, kind } of refusals) {
    it(refusal, async () => {
      const { page } = await aSpaceWithPage(site.services, spaceKey);
      const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'a' });
      if (trashFirst) await trashAttachment(site.services, systemPrincipal, page.id, attachment.id);
      const caller = anonymous ? anonymousPrincipal : systemPrincipal;
      await rejectsWithDomainError(trashAttachment(site.services, caller, page.id, attachment.id), kind);
    });
  }
});
