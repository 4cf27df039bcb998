import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aScratchSpace, openScratchStore } from '../../../../test/support/scratch-store.ts';
import type { MetadataStore } from '../../../ports/metadata-store.ts';

const sha256 = 'a'.repeat(64);

describe('SQL content repository', () => {
  let store: MetadataStore;
  let discard: () => Promise<void>;
  let spaceId: number;

  before(async () => {
    ({ store, discard } = await openScratchStore());
    spaceId = (await aScratchSpace(store, 'REPO')).id;
    await store.blobs.record(sha256, 3, 1);
  });
  after(() => discard());

  const aPage = (title: string) =>
    store.transaction((repositories) =>
      repositories.content.insert(
        {
          type: 'page',
          status: 'current',
          spaceId,
          parentId: null,
          containerId: null,
          commentLocation: null,
          creatorId: null,
        },
        {
          title,
          authorId: null,
          createdAtMs: 1_700_000_000_000,
          message: 'first',
          minorEdit: true,
          body: { representation: 'storage', value: '<p>hello</p>' },
          file: null,
        },
      ),
    );
  const anAttachment = (containerId: number, title: string) =>
    store.transaction((repositories) =>
      repositories.content.insert(
        {
          type: 'attachment',
          status: 'current',
          spaceId,
          parentId: null,
          containerId,
          commentLocation: null,
          creatorId: null,
        },
        {
          title,
          authorId: null,
          createdAtMs: 1_700_000_000_001,
          message: '',
          minorEdit: false,
          body: null,
          file: { sha256, sizeBytes: 3, mediaType: 'text/plain', fileId: 'file-1' },
        },
      ),
    );

  it('returns from insert exactly what a later read finds', async () => {
    const page = await aPage('Inserted');
    assert.deepEqual(page, await store.content.findById(page.id));
    const attachment = await anAttachment(page.id, 'a.txt');
    assert.deepEqual(attachment, await store.content.findById(attachment.id));
  });

  it('finds the current attachment of an exact name on its container only', async () => {
    const page = await aPage('Holder');
    const other = await aPage('Other');
    const kept = await anAttachment(page.id, 'report.pdf');
    await anAttachment(other.id, 'elsewhere.pdf');
    const trashed = await anAttachment(page.id, 'old.pdf');
    await store.transaction((repositories) =>
      repositories.content.setPlace(trashed.id, { status: 'trashed' }, 2),
    );

    assert.equal((await store.content.currentAttachmentNamed(page.id, 'report.pdf'))?.id, kept.id);
    assert.equal(await store.content.currentAttachmentNamed(page.id, 'REPORT.pdf'), undefined);
    assert.equal(await store.content.currentAttachmentNamed(page.id, 'elsewhere.pdf'), undefined);
    assert.equal(await store.content.currentAttachmentNamed(page.id, 'old.pdf'), undefined);
  });
});
