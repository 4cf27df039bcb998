import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anAttachmentOf, aSpaceWithPage, aUserPrincipal } from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { trashAttachment } from '../attachments/trash-attachment.ts';
import { emptySpaceTrash, listSpaceTrash } from './space-trash.ts';

describe("a space's trash", () => {
  const site = useServiceSite();

  it('lists the trashed attachments of the space and not the current ones', async () => {
    const { space, page } = await aSpaceWithPage(site.services, 'LIST');
    const binned = await anAttachmentOf(site.services, page, { name: 'binned.txt', content: 'binned' });
    await anAttachmentOf(site.services, page, { name: 'kept.txt', content: 'kept' });
    await trashAttachment(site.services, systemPrincipal, page.id, binned.id);

    const trash = await listSpaceTrash(site.services, systemPrincipal, space.key, { start: 0, limit: 25 });
    assert.deepEqual(
      trash.items.map((item) => item.title),
      ['binned.txt'],
    );
  });

  it("empties it: every trashed item purged with its bytes, other spaces' trash untouched", async () => {
    const { space, page } = await aSpaceWithPage(site.services, 'EMPTY');
    const other = await aSpaceWithPage(site.services, 'OTHERBIN');
    const binned = [
      await anAttachmentOf(site.services, page, { name: 'one.txt', content: 'trash one' }),
      await anAttachmentOf(site.services, page, { name: 'two.txt', content: 'trash two' }),
    ];
    const elsewhere = await anAttachmentOf(site.services, other.page, {
      name: 'x.txt',
      content: 'elsewhere',
    });
    for (const attachment of binned)
      await trashAttachment(site.services, systemPrincipal, page.id, attachment.id);
    await trashAttachment(site.services, systemPrincipal, other.page.id, elsewhere.id);

    assert.equal(await emptySpaceTrash(site.services, systemPrincipal, space.key), 2);
    for (const attachment of binned) {
      assert.equal(await site.services.store.content.findById(attachment.id), undefined);
      assert.ok(attachment.version.file);
      assert.equal(await site.services.blobs.sizeOf(attachment.version.file.sha256), undefined);
    }
    assert.equal((await site.services.store.content.findById(elsewhere.id))?.status, 'trashed');
  });

  it('refuses to empty it for someone who does not administer the space', async () => {
    const { space, page } = await aSpaceWithPage(site.services, 'NOTADMIN');
    const binned = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'still here' });
    await trashAttachment(site.services, systemPrincipal, page.id, binned.id);
    const member = await aUserPrincipal(site.services, 'member');
    await rejectsWithDomainError(emptySpaceTrash(site.services, member, space.key), 'permission_denied');
    assert.equal((await site.services.store.content.findById(binned.id))?.status, 'trashed');
  });
});
