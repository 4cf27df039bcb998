import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  anAttachmentOf,
  aSpaceWithPage,
  storedTextOf,
  uploadPartsOf,
} from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import type { Content } from '../../domain/content.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { deleteContent } from '../content/delete-content.ts';
import { findAttachmentByName, findAttachmentVersion, requireThumbnail } from './find-attachment.ts';
import { trashAttachment } from './trash-attachment.ts';
import { uploadNewVersion } from './upload-new-version.ts';

describe('finding an attachment for download', () => {
  // Each change a second after the last, so versions made one after another never share a time.
  let nowMs = Date.UTC(2026, 0, 1);
  const site = useServiceSite({ clock: { nowMs: () => (nowMs += 1000) } });

  const newVersion = (page: Content, attachment: Content, name: string, content: string) =>
    uploadNewVersion(
      site.services,
      systemPrincipal,
      page.id,
      attachment.id,
      uploadPartsOf([{ name, content }]),
    );

  describe('by id', () => {
    it('serves the current version unless a version is asked for', async () => {
      const { page } = await aSpaceWithPage(site.services, 'BYID');
      const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'first' });
      await newVersion(page, attachment, 'a.txt', 'second');
      const current = await findAttachmentVersion(site.services, systemPrincipal, attachment.id, {});
      const first = await findAttachmentVersion(site.services, systemPrincipal, attachment.id, {
        versionNumber: 1,
      });
      assert.deepEqual(
        [
          await storedTextOf(site.services, current.version),
          await storedTextOf(site.services, first.version),
        ],
        ['second', 'first'],
      );
    });

    const missingVersions = [
      {
        answer: 'answers a version it does not have as not found',
        spaceKey: 'MISSING',
        missingVersion: undefined,
        kind: 'not_found',
      },
      {
        answer: "answers a version it does not have as the v1 download's bad request when asked to",
        spaceKey: 'MISSINGV1',
        missingVersion: 'invalid_request',
        kind: 'invalid_request',
      },
    ] as const;
    for (const { answer, spaceKey, missingVersion, kind } of missingVersions) {
      it(answer, async () => {
        const { page } = await aSpaceWithPage(site.services, spaceKey);
        const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'only one' });
        await rejectsWithDomainError(
          findAttachmentVersion(site.services, systemPrincipal, attachment.id, {
            versionNumber: 7,
            missingVersion,
          }),
          kind,
        );
      });
    }

    it('refuses an attachment asked for on another container', async () => {
      const { page } = await aSpaceWithPage(site.services, 'ONPAGE');
      const other = await aSpaceWithPage(site.services, 'OFFPAGE');
      const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'here' });
      await rejectsWithDomainError(
        findAttachmentVersion(site.services, systemPrincipal, attachment.id, { containerId: other.page.id }),
        'not_found',
      );
    });

    it('serves an attachment in the trash only when the trash is asked for', async () => {
      const { page } = await aSpaceWithPage(site.services, 'BINNED');
      const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'binned' });
      await trashAttachment(site.services, systemPrincipal, page.id, attachment.id);
      await rejectsWithDomainError(
        findAttachmentVersion(site.services, systemPrincipal, attachment.id, {}),
        'content_not_found',
      );
      const fromTrash = await findAttachmentVersion(site.services, systemPrincipal, attachment.id, {
        statuses: ['trashed'],
      });
      assert.equal(await storedTextOf(site.services, fromTrash.version), 'binned');
    });

    it('sees a current attachment on a trashed page as trashed', async () => {
      const { page } = await aSpaceWithPage(site.services, 'PAGEBIN');
      const attachment = await anAttachmentOf(site.services, page, {
        name: 'a.txt',
        content: 'with its page',
      });
      await deleteContent(site.services, systemPrincipal, page.id, { purge: false });
      await rejectsWithDomainError(
        findAttachmentVersion(site.services, systemPrincipal, attachment.id, {}),
        'not_found',
      );
      const fromTrash = await findAttachmentVersion(site.services, systemPrincipal, attachment.id, {
        statuses: ['trashed'],
      });
      assert.equal(fromTrash.attachment.id, attachment.id);
    });

    it('has no thumbnail for a file that is not an image', async () => {
      const { page } = await aSpaceWithPage(site.services, 'THUMB');
      const attachment = await anAttachmentOf(site.services, page, { name: 'a.txt', content: 'words' });
      const found = await findAttachmentVersion(site.services, systemPrincipal, attachment.id, {});
      await rejectsWithDomainError(() => requireThumbnail(found), 'not_found');
    });
  });

  describe('by name on its page', () => {
    it('finds the current attachment whatever Unicode form the name comes in', async () => {
      const { page } = await aSpaceWithPage(site.services, 'NFC');
      const attachment = await anAttachmentOf(site.services, page, {
        name: 'caf\u00e9.txt',
        content: 'coffee',
      });
      const found = await findAttachmentByName(
        site.services,
        systemPrincipal,
        page.id,
        'cafe\u0301.txt',
        undefined,
      );
      assert.equal(found.attachment.id, attachment.id);
    });

    it('answers not found for a name nothing on the page has', async () => {
      const { page } = await aSpaceWithPage(site.services, 'NONAME');
      await rejectsWithDomainError(
        findAttachmentByName(site.services, systemPrincipal, page.id, 'absent.txt', undefined),
        'not_found',
      );
    });

    it('follows an old link to the attachment that bore the name then, after a rename gave the name away', async () => {
      const { page } = await aSpaceWithPage(site.services, 'FORMER');
      const renamed = await anAttachmentOf(site.services, page, { name: 'x.txt', content: 'the first x' });
      await newVersion(page, renamed, 'y.txt', 'now y');
      const newcomer = await anAttachmentOf(site.services, page, { name: 'x.txt', content: 'the second x' });

      const oldLink = await findAttachmentByName(
        site.services,
        systemPrincipal,
        page.id,
        'x.txt',
        1,
        renamed.version.createdAtMs,
      );
      assert.equal(oldLink.attachment.id, renamed.id);
      assert.equal(await storedTextOf(site.services, oldLink.version), 'the first x');

      const undated = await findAttachmentByName(site.services, systemPrincipal, page.id, 'x.txt', 1);
      assert.equal(undated.attachment.id, newcomer.id, "the named attachment's own version 1 wins");
    });
  });
});
