import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  anAttachmentOf,
  anAttachmentUpload,
  aSpaceWithPage,
  attachmentTitlesOn,
  storedSizeOfBytes,
  streamOf,
  uploadPartsOf,
} from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import type { Content } from '../../domain/content.ts';
import type { ErrorCode } from '../../domain/errors.ts';
import { anonymousPrincipal, type Principal, systemPrincipal } from '../../domain/principal.ts';
import { type UploadPart, uploadAttachments } from './upload-attachments.ts';

describe('uploading attachments', () => {
  const site = useServiceSite();

  it('pairs the n-th comment and content type with the n-th file; a lone minorEdit speaks for all', async () => {
    const { page } = await aSpaceWithPage(site.services, 'FIELDS');
    const [first, second] = await uploadAttachments(
      site.services,
      systemPrincipal,
      page.id,
      uploadPartsOf(
        [
          { name: 'one.txt', content: 'one' },
          { name: 'two.dat', content: 'two' },
        ],
        [
          ['comment', 'first comment'],
          ['comment', 'second comment'],
          ['contentType', 'text/plain'],
          ['contentType', 'application/json'],
          ['minorEdit', 'true'],
        ],
      ),
      'create',
    );
    assert.deepEqual(
      [first, second].map((attachment) => [
        attachment?.version.message,
        attachment?.version.file?.mediaType,
        attachment?.version.minorEdit,
      ]),
      [
        ['first comment', 'text/plain', true],
        ['second comment', 'application/json', true],
      ],
    );
  });

  it('leaves no attachment and no bytes when a file stream breaks off', async () => {
    const { page } = await aSpaceWithPage(site.services, 'BROKEN');
    async function* parts(): AsyncIterable<UploadPart> {
      yield {
        kind: 'file',
        fieldName: 'file',
        filename: 'whole.txt',
        mediaType: undefined,
        bytes: streamOf('whole'),
      };
      yield {
        kind: 'file',
        fieldName: 'file',
        filename: 'cut.txt',
        mediaType: undefined,
        bytes: (async function* () {
          yield Buffer.from('the start of it');
          throw new Error('client went away');
        })(),
      };
    }
    await assert.rejects(
      uploadAttachments(site.services, systemPrincipal, page.id, parts(), 'create'),
      /went away/,
    );
    assert.deepEqual(await attachmentTitlesOn(site.services, page), []);
    assert.equal(await storedSizeOfBytes(site.services, 'whole'), undefined);
  });

  it('removes the bytes it stored when the commit is refused', async () => {
    const { page } = await aSpaceWithPage(site.services, 'REFUSED');
    await anAttachmentOf(site.services, page, { name: 'taken.txt', content: 'first' });
    await rejectsWithDomainError(
      anAttachmentUpload(site.services, page, [
        { name: 'fresh.txt', content: 'fresh bytes' },
        { name: 'taken.txt', content: 'clashing bytes' },
      ]),
      'duplicate_filename',
    );
    assert.deepEqual(await attachmentTitlesOn(site.services, page), ['taken.txt']);
    assert.equal(await storedSizeOfBytes(site.services, 'fresh bytes'), undefined);
    assert.equal(await storedSizeOfBytes(site.services, 'clashing bytes'), undefined);
  });

  it('keeps bytes another attachment uses when the commit is refused', async () => {
    const { page } = await aSpaceWithPage(site.services, 'SHARED');
    await anAttachmentOf(site.services, page, { name: 'taken.txt', content: 'shared bytes' });
    await rejectsWithDomainError(
      anAttachmentUpload(site.services, page, [{ name: 'taken.txt', content: 'shared bytes' }]),
      'duplicate_filename',
    );
    assert.equal(await storedSizeOfBytes(site.services, 'shared bytes'), 12);
  });

  describe('refusals before a byte is read', () => {
    const cases: {
      refusal: string;
      spaceKey: string;
      caller?: Principal;
      container: (page: Content, attachment: Content) => number;
      kind: ErrorCode;
    }[] = [
      {
        refusal: 'refuses an anonymous caller',
        spaceKey: 'ANON',
        caller: anonymousPrincipal,
        container: (page) => page.id,
        kind: 'permission_denied',
      },
      {
        refusal: 'refuses to put attachments on an attachment',
        spaceKey: 'ONATT',
        container: (_, attachment) => attachment.id,
        kind: 'invalid_request',
      },
      {
        refusal: 'refuses a container that does not exist',
        spaceKey: 'NOPAGE',
        container: () => 999_999,
        kind: 'content_not_found',
      },
    ];
    for (const { refusal, spaceKey, caller, container, kind } of cases) {
      it(refusal, async () => {
        const { page } = await aSpaceWithPage(site.services, spaceKey);
        const attachment = await anAttachmentOf(site.services, page, { name: 'here.txt', content: 'here' });
        let read = false;
        async function* untouched(): AsyncIterable<UploadPart> {
          read = true;
          yield* uploadPartsOf([{ name: 'x.txt', content: 'x' }]);
        }
        await rejectsWithDomainError(
          uploadAttachments(
            site.services,
            caller ?? systemPrincipal,
            container(page, attachment),
            untouched(),
            'create',
          ),
          kind,
        );
        assert.equal(read, false);
      });
    }
  });

  it('refuses a request with no file part', async () => {
    const { page } = await aSpaceWithPage(site.services, 'NOFILE');
    await rejectsWithDomainError(
      uploadAttachments(
        site.services,
        systemPrincipal,
        page.id,
        uploadPartsOf([], [['comment', 'alone']]),
        'create',
      ),
      'invalid_request',
    );
  });
});
