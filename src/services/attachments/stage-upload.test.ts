import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  aSpaceWithPage,
  attachmentTitlesOn,
  storedSizeOfBytes,
  streamOf,
} from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import type { ErrorCode } from '../../domain/errors.ts';
import { removeUnusedBlob } from '../blobs/remove-unused-blob.ts';
import type { ServiceDeps, UploadLimits } from '../deps.ts';
import { stageUpload } from './stage-upload.ts';

const pdfBytes = '%PDF-1.7\n1 0 obj\n';
const pngBytes = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0'),
]);

describe('staging an upload', () => {
  const site = useServiceSite();

  const withLimits = (limits: Partial<UploadLimits>): ServiceDeps => ({
    ...site.services,
    limits: { ...site.services.limits, ...limits },
  });

  it('streams the bytes into the blob store and answers their hash and size', async () => {
    const staged = await stageUpload(site.services, {
      filename: 'notes.txt',
      declaredMediaType: 'text/plain',
      bytes: streamOf('first chunk, ', 'second chunk'),
    });
    assert.equal(staged.sha256, createHash('sha256').update('first chunk, second chunk').digest('hex'));
    assert.equal(staged.sizeBytes, 25);
    assert.equal(await site.services.blobs.sizeOf(staged.sha256), 25);
    site.services.blobPins.unpin(staged.sha256);
  });

  it('reduces a path the client gave to its last segment', async () => {
    const staged = await stageUpload(site.services, {
      filename: 'C:\\Users\\me\\report.txt',
      declaredMediaType: undefined,
      bytes: streamOf('a report'),
    });
    assert.equal(staged.filename, 'report.txt');
    site.services.blobPins.unpin(staged.sha256);
  });

  it('keeps the staged bytes pinned, so no clean-up takes them before the commit', async () => {
    const staged = await stageUpload(site.services, {
      filename: 'pinned.txt',
      declaredMediaType: undefined,
      bytes: streamOf('bytes nobody references yet'),
    });
    assert.equal(await removeUnusedBlob(site.services, staged.sha256), false);
    assert.notEqual(await site.services.blobs.sizeOf(staged.sha256), undefined);

    site.services.blobPins.unpin(staged.sha256);
    assert.equal(await removeUnusedBlob(site.services, staged.sha256), true);
  });

  it('shows nothing on any page before the commit', async () => {
    const { page } = await aSpaceWithPage(site.services, 'STAGE');
    const staged = await stageUpload(site.services, {
      filename: 'unseen.txt',
      declaredMediaType: undefined,
      bytes: streamOf('staged, not committed'),
    });
    assert.deepEqual(await attachmentTitlesOn(site.services, page), []);
    assert.equal(await site.services.store.content.currentAttachmentNamed(page.id, 'unseen.txt'), undefined);
    site.services.blobPins.unpin(staged.sha256);
  });

  describe('the size limit', () => {
    it('accepts a file of exactly the limit', async () => {
      const staged = await stageUpload(withLimits({ maxAttachmentSizeBytes: 10 }), {
        filename: 'ten.txt',
        declaredMediaType: undefined,
        bytes: streamOf('12345', '67890'),
      });
      assert.equal(staged.sizeBytes, 10);
      site.services.blobPins.unpin(staged.sha256);
    });

    it('refuses a file past the limit and leaves none of its bytes behind', async () => {
      await rejectsWithDomainError(
        stageUpload(withLimits({ maxAttachmentSizeBytes: 10 }), {
          filename: 'eleven.txt',
          declaredMediaType: undefined,
          bytes: streamOf('12345', '678901'),
        }),
        'file_too_large',
      );
      assert.equal(await storedSizeOfBytes(site.services, '12345678901'), undefined);
    });
  });

  describe('the file-type rules', () => {
    const cases: {
      rule: string;
      limits: Partial<UploadLimits>;
      filename: string;
      declared?: string;
      bytes: string | Buffer;
      refusal?: ErrorCode;
    }[] = [
      {
        rule: 'refuses a denied extension',
        limits: { attachmentTypesDenied: ['.exe'] },
        filename: 'setup.exe',
        bytes: 'MZ not really',
        refusal: 'media_type_refused',
      },
      {
        rule: 'refuses a denied extension hidden behind trailing dots',
        limits: { attachmentTypesDenied: ['.html'] },
        filename: 'page.html.',
        bytes: '<p>hi</p>',
        refusal: 'media_type_refused',
      },
      {
        rule: 'refuses a denied media type detected from the bytes, whatever the name says',
        limits: { attachmentTypesDenied: ['image/*'] },
        filename: 'innocent.txt',
        bytes: pngBytes,
        refusal: 'media_type_refused',
      },
      {
        rule: 'refuses a denied media type the client declared',
        limits: { attachmentTypesDenied: ['application/pdf'] },
        filename: 'report',
        declared: 'application/pdf',
        bytes: 'plain words',
        refusal: 'media_type_refused',
      },
      {
        rule: 'refuses a name the allow list does not cover',
        limits: { attachmentTypesAllowed: ['.txt'] },
        filename: 'report.pdf',
        bytes: pdfBytes,
        refusal: 'media_type_refused',
      },
      {
        rule: 'accepts a name the allow list covers',
        limits: { attachmentTypesAllowed: ['.txt'] },
        filename: 'notes.txt',
        bytes: 'plain words',
      },
      {
        rule: 'accepts any file when neither list names anything',
        limits: { attachmentTypesAllowed: [], attachmentTypesDenied: [] },
        filename: 'setup.exe',
        bytes: 'anything at all',
      },
    ];
    for (const { rule, limits, filename, declared, bytes, refusal } of cases) {
      it(rule, async () => {
        const staging = stageUpload(withLimits(limits), {
          filename,
          declaredMediaType: declared,
          bytes: streamOf(bytes),
        });
        if (refusal) {
          await rejectsWithDomainError(staging, refusal);
          assert.equal(await storedSizeOfBytes(site.services, bytes), undefined, 'no bytes are left');
        } else {
          site.services.blobPins.unpin((await staging).sha256);
        }
      });
    }
  });

  describe('the media type kept', () => {
    const cases: {
      rule: string;
      filename: string;
      declared?: string;
      bytes: string | Buffer;
      kept: string;
    }[] = [
      {
        rule: 'keeps the type the client declared',
        filename: 'data.bin',
        declared: 'application/x-custom; charset=x',
        bytes: pdfBytes,
        kept: 'application/x-custom',
      },
      {
        rule: 'detects the type from the bytes when the client declared none that says anything',
        filename: 'picture',
        declared: 'application/octet-stream',
        bytes: pngBytes,
        kept: 'image/png',
      },
      {
        rule: 'prefers the bytes to the multipart default of a part without a Content-Type',
        filename: 'scan',
        declared: 'text/plain',
        bytes: pdfBytes,
        kept: 'application/pdf',
      },
      {
        rule: 'guesses from the name when the bytes say nothing',
        filename: 'table.csv',
        bytes: 'a,b\n1,2\n',
        kept: 'text/csv',
      },
      {
        rule: 'falls back to application/octet-stream when nothing tells',
        filename: 'mystery',
        bytes: 'no magic here',
        kept: 'application/octet-stream',
      },
    ];
    for (const { rule, filename, declared, bytes, kept } of cases) {
      it(rule, async () => {
        const staged = await stageUpload(site.services, {
          filename,
          declaredMediaType: declared,
          bytes: streamOf(bytes),
        });
        assert.equal(staged.mediaType, kept);
        site.services.blobPins.unpin(staged.sha256);
      });
    }
  });
});
