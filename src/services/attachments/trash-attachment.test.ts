import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anAttachmentOf, aSpaceWithPage, storedTextOf } from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { openServiceSite, type ServiceSite } from '../../../test/support/service-deps.ts';
import { anonymousPrincipal, systemPrincipal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { trashAttachment } from './trash-attachment.ts';

describe('trashing an attachment', () => {
  let site: ServiceSite;
  let services: ServiceDeps;

  before(async () => {
    site = await openServiceSite();
    services = site.services;
  });
  after(() => site.dispose());

  it('moves it to the trash and keeps its bytes for a restore', async () => {
    const { page } = await aSpaceWithPage(services, 'TRASH');
    const attachment = await anAttachmentOf(services, page, { name: 'old.txt', content: 'restorable' });
    await trashAttachment(services, systemPrincipal, page.id, attachment.id);

    const trashed = await services.store.content.findById(attachment.id);
    assert.equal(trashed?.status, 'trashed');
    assert.equal(await storedTextOf(services, attachment.version), 'restorable');
    assert.equal(await services.store.content.currentAttachmentNamed(page.id, 'old.txt'), undefined);
  });

  it('frees the name for a new attachment on the page', async () => {
    const { page } = await aSpaceWithPage(services, 'FREED');
    const attachment = await anAttachmentOf(services, page, { name: 'name.txt', content: 'first' });
    await trashAttachment(services, systemPrincipal, page.id, attachment.id);
    const successor = await anAttachmentOf(services, page, { name: 'name.txt', content: 'second' });
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
      kind: 'forbidden',
    },
  ] as const;
  for (const { refusal, spaceKey, trashFirst, anonymous, kind } of refusals) {
    it(refusal, async () => {
      const { page } = await aSpaceWithPage(services, spaceKey);
      const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'a' });
      if (trashFirst) await trashAttachment(services, systemPrincipal, page.id, attachment.id);
      const caller = anonymous ? anonymousPrincipal : systemPrincipal;
      await rejectsWithDomainError(trashAttachment(services, caller, page.id, attachment.id), kind);
    });
  }
});
