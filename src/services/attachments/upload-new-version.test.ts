import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  anAttachmentOf,
  aSpaceWithPage,
  storedSizeOfBytes,
  storedTextOf,
  type UploadFile,
  uploadPartsOf,
} from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import type { Content } from '../../domain/content.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { findAttachmentByName, findAttachmentVersion } from './find-attachment.ts';
import { trashAttachment } from './trash-attachment.ts';
import type { UploadPart } from './upload-attachments.ts';
import { uploadNewVersion } from './upload-new-version.ts';

describe('uploading a new version of an attachment', () => {
  const site = useServiceSite();

  const newVersion = (page: Content, attachment: Content, ...files: UploadFile[]) =>
    uploadNewVersion(site.services, systemPrincipal, page.id, attachment.id, uploadPartsOf(files));

  const versionText = async (attachment: Content, versionNumber: number) => {
    const found = await findAttachmentVersion(site.services, systemPrincipal, attachment.id, {
      versionNumber,
    });
    return storedTextOf(site.services, found.version);
  };

  it('numbers the versions one after another', async () => {
    const { page } = await aSpaceWithPage(site.services, 'NUMBERS');
    const attachment = await anAttachmentOf(site.services, page, { name: 'plan.txt', content: 'v1' });
    const second = await newVersion(page, attachment, { name: 'plan.txt', content: 'v2' });
    const third = await newVersion(page, attachment, { name: 'plan.txt', content: 'v3' });
    assert.deepEqual(
      [second.id, second.version.number, third.id, third.version.number],
      [attachment.id, 2, attachment.id, 3],
    );
  });

  it('keeps version 1 downloadable after version 2 is uploaded', async () => {
    const { page } = await aSpaceWithPage(site.services, 'KEEPV1');
    const attachment = await anAttachmentOf(site.services, page, {
      name: 'plan.txt',
      content: 'version one',
    });
    await newVersion(page, attachment, { name: 'plan.txt', content: 'version two' });
    assert.equal(await versionText(attachment, 1), 'version one');
    assert.equal(await versionText(attachment, 2), 'version two');
  });

  it("takes the new part's name, and the old name still finds the old version", async () => {
    const { page } = await aSpaceWithPage(site.services, 'RENAME');
    const attachment = await anAttachmentOf(site.services, page, { name: 'draft.txt', content: 'drafted' });
    const renamed = await newVersion(page, attachment, { name: 'final.txt', content: 'finished' });
    assert.equal(renamed.title, 'final.txt');

    const byOldName = await findAttachmentByName(site.services, systemPrincipal, page.id, 'draft.txt', 1);
    assert.equal(byOldName.attachment.id, attachment.id);
    assert.equal(await storedTextOf(site.services, byOldName.version), 'drafted');
  });

  it('refuses a name another attachment on the page has, and keeps the version it had', async () => {
    const { page } = await aSpaceWithPage(site.services, 'CLASH');
    const attachment = await anAttachmentOf(site.services, page, { name: 'mine.txt', content: 'mine' });
    await anAttachmentOf(site.services, page, { name: 'theirs.txt', content: 'theirs' });
    await rejectsWithDomainError(
      newVersion(page, attachment, { name: 'theirs.txt', content: 'not mine' }),
      'duplicate_filename',
    );
    const after = await site.services.store.content.findById(attachment.id);
    assert.deepEqual([after?.title, after?.version.number], ['mine.txt', 1]);
    assert.equal(
      await storedSizeOfBytes(site.services, 'not mine'),
      undefined,
      'the refused bytes are removed',
    );
  });

  it('refuses more than one file part', async () => {
    const { page } = await aSpaceWithPage(site.services, 'TWOPARTS');
    const attachment = await anAttachmentOf(site.services, page, { name: 'one.txt', content: 'one' });
    await rejectsWithDomainError(
      newVersion(page, attachment, { name: 'one.txt', content: 'a' }, { name: 'one.txt', content: 'b' }),
      'invalid_request',
    );
  });

  describe('refusals before a byte is read', () => {
    const cases: {
      refusal: string;
      spaceKey: string;
      arrange: (page: Content, attachment: Content) => Promise<number>;
    }[] = [
      {
        refusal: 'refuses an attachment in the trash',
        spaceKey: 'TRASHED',
        arrange: async (page, attachment) => {
          await trashAttachment(site.services, systemPrincipal, page.id, attachment.id);
          return page.id;
        },
      },
      {
        refusal: 'refuses an attachment that is on another page',
        spaceKey: 'ELSEWHERE',
        arrange: async () => (await aSpaceWithPage(site.services, 'OTHERPAGE')).page.id,
      },
    ];
    for (const { refusal, spaceKey, arrange } of cases) {
      it(refusal, async () => {
        const { page } = await aSpaceWithPage(site.services, spaceKey);
        const attachment = await anAttachmentOf(site.services, page, { name: 'kept.txt', content: 'kept' });
        const containerId = await arrange(page, attachment);
        let read = false;
        async function* untouched(): AsyncIterable<UploadPart> {
          read = true;
          yield* uploadPartsOf([{ name: 'kept.txt', content: 'next' }]);
        }
        await rejectsWithDomainError(
          uploadNewVersion(site.services, systemPrincipal, containerId, attachment.id, untouched()),
          'not_found',
        );
        assert.equal(read, false);
      });
    }
  });
});
