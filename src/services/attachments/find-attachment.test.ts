import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  anAttachmentOf,
  aSpaceWithPage,
  storedTextOf,
  uploadPartsOf,
} from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { openServiceSite, type ServiceSite } from '../../../test/support/service-deps.ts';
import type { Content } from '../../domain/content.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { deleteContent } from '../content/delete-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { findAttachmentByName, findAttachmentVersion, requireThumbnail } from './find-attachment.ts';
import { trashAttachment } from './trash-attachment.ts';
import { uploadNewVersion } from './upload-new-version.ts';

describe('finding an attachment for download', () => {
  let site: ServiceSite;
  let services: ServiceDeps;

  before(async () => {
    site = await openServiceSite();
    // Each change a second after the last, so versions made one after another never share a time.
    let nowMs = Date.UTC(2026, 0, 1);
    services = { ...site.services, clock: { nowMs: () => (nowMs += 1000) } };
  });
  after(() => site.dispose());

  const newVersion = (page: Content, attachment: Content, name: string, content: string) =>
    uploadNewVersion(services, systemPrincipal, page.id, attachment.id, uploadPartsOf([{ name, content }]));

  describe('by id', () => {
    it('serves the current version unless a version is asked for', async () => {
      const { page } = await aSpaceWithPage(services, 'BYID');
      const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'first' });
      await newVersion(page, attachment, 'a.txt', 'second');
      const current = await findAttachmentVersion(services, systemPrincipal, attachment.id, {});
      const first = await findAttachmentVersion(services, systemPrincipal, attachment.id, {
        versionNumber: 1,
      });
      assert.deepEqual(
        [await storedTextOf(services, current.version), await storedTextOf(services, first.version)],
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
        missingVersion: 'bad_request',
        kind: 'bad_request',
      },
    ] as const;
    for (const { answer, spaceKey, missingVersion, kind } of missingVersions) {
      it(answer, async () => {
        const { page } = await aSpaceWithPage(services, spaceKey);
        const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'only one' });
        await rejectsWithDomainError(
          findAttachmentVersion(services, systemPrincipal, attachment.id, {
            versionNumber: 7,
            missingVersion,
          }),
          kind,
        );
      });
    }

    it('refuses an attachment asked for on another container', async () => {
      const { page } = await aSpaceWithPage(services, 'ONPAGE');
      const other = await aSpaceWithPage(services, 'OFFPAGE');
      const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'here' });
      await rejectsWithDomainError(
        findAttachmentVersion(services, systemPrincipal, attachment.id, { containerId: other.page.id }),
        'not_found',
      );
    });

    it('serves an attachment in the trash only when the trash is asked for', async () => {
      const { page } = await aSpaceWithPage(services, 'BINNED');
      const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'binned' });
      await trashAttachment(services, systemPrincipal, page.id, attachment.id);
      await rejectsWithDomainError(
        findAttachmentVersion(services, systemPrincipal, attachment.id, {}),
        'not_found',
      );
      const fromTrash = await findAttachmentVersion(services, systemPrincipal, attachment.id, {
        statuses: ['trashed'],
      });
      assert.equal(await storedTextOf(services, fromTrash.version), 'binned');
    });

    it('sees a current attachment on a trashed page as trashed', async () => {
      const { page } = await aSpaceWithPage(services, 'PAGEBIN');
      const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'with its page' });
      await deleteContent(services, systemPrincipal, page.id, { purge: false });
      await rejectsWithDomainError(
        findAttachmentVersion(services, systemPrincipal, attachment.id, {}),
        'not_found',
      );
      const fromTrash = await findAttachmentVersion(services, systemPrincipal, attachment.id, {
        statuses: ['trashed'],
      });
      assert.equal(fromTrash.attachment.id, attachment.id);
    });

    it('has no thumbnail for a file that is not an image', async () => {
      const { page } = await aSpaceWithPage(services, 'THUMB');
      const attachment = await anAttachmentOf(services, page, { name: 'a.txt', content: 'words' });
      const found = await findAttachmentVersion(services, systemPrincipal, attachment.id, {});
      await rejectsWithDomainError(() => requireThumbnail(found), 'not_found');
    });
  });

  describe('by name on its page', () => {
    it('finds the current attachment whatever Unicode form the name comes in', async () => {
      const { page } = await aSpaceWithPage(services, 'NFC');
      const attachment = await anAttachmentOf(services, page, { name: 'caf\u00e9.txt', content: 'coffee' });
      const found = await findAttachmentByName(
        services,
        systemPrincipal,
        page.id,
        'cafe\u0301.txt',
        undefined,
      );
      assert.equal(found.attachment.id, attachment.id);
    });

    it('answers not found for a name nothing on the page has', async () => {
      const { page } = await aSpaceWithPage(services, 'NONAME');
      await rejectsWithDomainError(
        findAttachmentByName(services, systemPrincipal, page.id, 'absent.txt', undefined),
        'not_found',
      );
    });

    it('follows an old link to the attachment that bore the name then, after a rename gave the name away', async () => {
      const { page } = await aSpaceWithPage(services, 'FORMER');
      const renamed = await anAttachmentOf(services, page, { name: 'x.txt', content: 'the first x' });
      await newVersion(page, renamed, 'y.txt', 'now y');
      const newcomer = await anAttachmentOf(services, page, { name: 'x.txt', content: 'the second x' });

      const oldLink = await findAttachmentByName(
        services,
        systemPrincipal,
        page.id,
        'x.txt',
        1,
        renamed.version.createdAtMs,
      );
      assert.equal(oldLink.attachment.id, renamed.id);
      assert.equal(await storedTextOf(services, oldLink.version), 'the first x');

      const undated = await findAttachmentByName(services, systemPrincipal, page.id, 'x.txt', 1);
      assert.equal(undated.attachment.id, newcomer.id, "the named attachment's own version 1 wins");
    });
  });
});
