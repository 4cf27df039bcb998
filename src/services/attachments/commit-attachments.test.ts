import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  anAttachmentOf,
  aSpaceWithPage,
  attachmentTitlesOn,
  storedTextOf,
  streamOf,
} from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { deleteContent } from '../content/delete-content.ts';
import { commitAttachments, type StagedAttachment } from './commit-attachments.ts';
import { stageUpload } from './stage-upload.ts';

describe('committing staged attachments', () => {
  const site = useServiceSite();

  /** Files staged as an upload stages them, each with its comment. */
  async function staged(...files: [filename: string, text: string][]): Promise<StagedAttachment[]> {
    const result: StagedAttachment[] = [];
    for (const [filename, text] of files) {
      const file = await stageUpload(site.services, {
        filename,
        declaredMediaType: 'text/plain',
        bytes: streamOf(text),
      });
      result.push({ file, comment: `about ${filename}`, minorEdit: false });
    }
    return result;
  }

  const release = (files: readonly StagedAttachment[]) => {
    for (const { file } of files) site.services.blobPins.unpin(file.sha256);
  };

  it('creates every staged file as an attachment of the page at version 1, its bytes readable', async () => {
    const { page } = await aSpaceWithPage(site.services, 'COMMIT');
    const files = await staged(['a.txt', 'alpha'], ['b.txt', 'beta']);
    const attachments = await commitAttachments(site.services, systemPrincipal, page, files, 'create');
    release(files);

    assert.deepEqual(
      attachments.map((attachment) => [attachment.title, attachment.containerId, attachment.version.number]),
      [
        ['a.txt', page.id, 1],
        ['b.txt', page.id, 1],
      ],
    );
    assert.equal(attachments[0]?.version.message, 'about a.txt');
    assert.deepEqual(
      await Promise.all(attachments.map((attachment) => storedTextOf(site.services, attachment.version))),
      ['alpha', 'beta'],
    );
  });

  it('refuses a name already on the page when creating', async () => {
    const { page } = await aSpaceWithPage(site.services, 'DUP');
    await anAttachmentOf(site.services, page, { name: 'taken.txt', content: 'first' });
    const files = await staged(['taken.txt', 'second']);
    await rejectsWithDomainError(
      commitAttachments(site.services, systemPrincipal, page, files, 'create'),
      'duplicate_filename',
    );
    release(files);
    const kept = await site.services.store.content.currentAttachmentNamed(page.id, 'taken.txt');
    assert.equal(kept?.version.number, 1);
  });

  it('commits all or none: one refused name leaves none of the others on the page', async () => {
    const { page } = await aSpaceWithPage(site.services, 'ALLNONE');
    await anAttachmentOf(site.services, page, { name: 'taken.txt', content: 'first' });
    const files = await staged(['fresh.txt', 'new'], ['taken.txt', 'clash']);
    await rejectsWithDomainError(
      commitAttachments(site.services, systemPrincipal, page, files, 'create'),
      'duplicate_filename',
    );
    release(files);
    assert.equal(await site.services.store.content.currentAttachmentNamed(page.id, 'fresh.txt'), undefined);
  });

  it('adds the next version to an attachment of that name when creating or versioning', async () => {
    const { page } = await aSpaceWithPage(site.services, 'PUT');
    const first = await anAttachmentOf(site.services, page, { name: 'report.txt', content: 'draft' });
    const files = await staged(['report.txt', 'final'], ['other.txt', 'new one']);
    const [versioned, created] = await commitAttachments(
      site.services,
      systemPrincipal,
      page,
      files,
      'createOrVersion',
    );
    release(files);
    assert.deepEqual([versioned?.id, versioned?.version.number], [first.id, 2]);
    assert.equal(created?.version.number, 1);
  });

  it('refuses to commit onto a page trashed while the bytes arrived', async () => {
    const { page } = await aSpaceWithPage(site.services, 'GONE');
    const files = await staged(['late.txt', 'too late']);
    await deleteContent(site.services, systemPrincipal, page.id, { purge: false });
    await rejectsWithDomainError(
      commitAttachments(site.services, systemPrincipal, page, files, 'create'),
      'content_not_found',
    );
    release(files);
    assert.deepEqual(await attachmentTitlesOn(site.services, page), []);
  });
});
