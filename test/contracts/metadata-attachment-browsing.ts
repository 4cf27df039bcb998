import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Content } from '../../src/domain/content.ts';
import type { Keyset } from '../../src/domain/paging.ts';
import type { AttachmentBrowseFilter, AttachmentBrowseSort } from '../../src/ports/content-store.ts';
import type { MetadataStore } from '../../src/ports/metadata-store.ts';
import { anItem, aSpace, aUser, sha } from './metadata-builders.ts';

/*
 * The attachments screen's listing (`browseAttachments`, `countAttachments`): one container's current
 * attachments in each order, forwards and backwards by keyset, filtered, with the current version's size,
 * media type and author kept in step as versions are added.
 */

interface Made {
  item: Content;
  authorId: number;
}

const files = [
  // title, size, media type, time
  ['delta.TXT', 40, 'text/plain', 4_000],
  ['alpha.pdf', 10, 'application/pdf', 2_000],
  ['Charlie.png', 10, 'image/png', 3_000],
  ['bravo.txt', 70, 'text/plain', 1_000],
  ['echo.pdf', 40, 'application/pdf', 5_000],
] as const;

type Order = AttachmentBrowseSort['by'];

const keyOf = (made: Made, by: Order): string | number => {
  const file = made.item.version.file;
  switch (by) {
    case 'title':
      return made.item.title;
    case 'size':
      return file?.sizeBytes ?? 0;
    case 'mediaType':
      return file?.mediaType ?? '';
    case 'modified':
      return made.item.version.createdAtMs;
    default:
      return made.authorId;
  }
};

export function describeAttachmentBrowsing(store: () => MetadataStore): void {
  describe('attachment browsing', () => {
    async function aPageWithFiles() {
      const repositories = store();
      const space = await aSpace(repositories, 'BROWSE');
      const page = await anItem(repositories, 'page', space.id, 'holder');
      const other = await anItem(repositories, 'page', space.id, 'other');
      const authors = [await aUser(repositories, 'zed'), await aUser(repositories, 'amy')];
      const made: Made[] = [];
      for (const [index, [title, sizeBytes, mediaType, createdAtMs]] of files.entries()) {
        const author = authors[index % 2];
        assert.ok(author);
        await repositories.blobs.record(sha(String(index)), sizeBytes, 1);
        const item = await repositories.content.insert(
          {
            type: 'attachment',
            status: 'current',
            spaceId: space.id,
            parentId: null,
            containerId: page.id,
            commentLocation: null,
            creatorId: author.id,
          },
          {
            title,
            authorId: author.id,
            createdAtMs,
            message: '',
            minorEdit: false,
            body: null,
            file: { sha256: sha(String(index)), sizeBytes, mediaType, fileId: `f${index}` },
          },
        );
        made.push({ item, authorId: author.id });
      }
      await anItem(
        repositories,
        'attachment',
        space.id,
        'elsewhere.txt',
        { containerId: other.id },
        {
          sha256: sha('0'),
          sizeBytes: 1,
        },
      );
      await anItem(
        repositories,
        'attachment',
        space.id,
        'gone.txt',
        { containerId: page.id, status: 'trashed' },
        {
          sha256: sha('0'),
          sizeBytes: 1,
        },
      );
      return { page, made };
    }

    /** Every row, two at a time, from the first page on. */
    async function walk(filter: AttachmentBrowseFilter, sort: AttachmentBrowseSort) {
      const pages: Content[][] = [];
      let after: Keyset | undefined;
      for (;;) {
        const slice = await store().content.browseAttachments(filter, {
          sort,
          after,
          limit: 2,
          backwards: false,
        });
        pages.push(slice.items);
        if (!slice.more) return pages;
        after = slice.last;
        assert.ok(pages.length < 10, 'the walk comes to an end');
      }
    }

    for (const by of ['title', 'size', 'mediaType', 'modified', 'author'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        it(`lists a container's current attachments by ${by} ${direction}, ties by id, and back again`, async () => {
          const { page, made } = await aPageWithFiles();
          const expected = [...made].sort((a, b) => {
            const ka = keyOf(a, by);
            const kb = keyOf(b, by);
            const order = ka < kb ? -1 : ka > kb ? 1 : a.item.id - b.item.id;
            return direction === 'asc' ? order : -order;
          });
          const sort = { by, direction };
          const pages = await walk({ containerId: page.id }, sort);
          assert.deepEqual(
            pages.map((items) => items.length),
            [2, 2, 1],
          );
          assert.deepEqual(
            pages.flat().map((item) => item.id),
            expected.map((entry) => entry.item.id),
          );
          // Backwards from the last row: the two before it, in the sort's order.
          const last = expected.at(-1);
          assert.ok(last);
          const before = await store().content.browseAttachments(
            { containerId: page.id },
            { sort, after: { sortValue: keyOf(last, by), id: last.item.id }, limit: 2, backwards: true },
          );
          assert.deepEqual(
            before.items.map((item) => item.id),
            expected.slice(2, 4).map((entry) => entry.item.id),
          );
          assert.equal(before.more, true);
        });
      }
    }

    it('filters by name (contains or prefix, any ASCII case), extension and media type, and counts', async () => {
      const { page } = await aPageWithFiles();
      const titles = async (filter: Omit<AttachmentBrowseFilter, 'containerId'>) => {
        const slice = await store().content.browseAttachments(
          { ...filter, containerId: page.id },
          { sort: { by: 'title', direction: 'asc' }, after: undefined, limit: 10, backwards: false },
        );
        return slice.items.map((item) => item.title);
      };
      assert.deepEqual(await titles({ name: { text: 'CH', match: 'contains' } }), [
        'Charlie.png',
        'echo.pdf',
      ]);
      assert.deepEqual(await titles({ name: { text: 'c', match: 'prefix' } }), ['Charlie.png']);
      assert.deepEqual(await titles({ name: { text: '_', match: 'contains' } }), []);
      assert.deepEqual(await titles({ extension: 'txt' }), ['bravo.txt', 'delta.TXT']);
      assert.deepEqual(await titles({ mediaType: 'application/pdf' }), ['alpha.pdf', 'echo.pdf']);
      assert.equal(await store().content.countAttachments({ containerId: page.id }), 5);
      assert.equal(await store().content.countAttachments({ containerId: page.id, extension: 'pdf' }), 2);
    });

    it('filters by modified before an instant in every order, with the count and bytes', async () => {
      const { page, made } = await aPageWithFiles();
      const filter = { containerId: page.id, modifiedBeforeMs: 3_000 };
      const older = made.filter((entry) => entry.item.version.createdAtMs < 3_000);
      for (const by of ['title', 'size', 'mediaType', 'modified', 'author'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const pages = await walk(filter, { by, direction });
          assert.deepEqual(
            pages
              .flat()
              .map((item) => item.id)
              .sort((a, b) => a - b),
            older.map((entry) => entry.item.id).sort((a, b) => a - b),
            `${by} ${direction}`,
          );
        }
      }
      assert.equal(await store().content.countAttachments(filter), 2);
      assert.deepEqual(await store().content.totalAttachments(filter), { count: 2, sizeBytes: 80 });
      assert.deepEqual(await store().content.totalAttachments({ ...filter, modifiedBeforeMs: 0 }), {
        count: 0,
        sizeBytes: 0,
      });
    });

    it('sorts by the current version: a new version moves the attachment', async () => {
      const { page, made } = await aPageWithFiles();
      const smallest = made[1];
      assert.ok(smallest);
      await store().blobs.record(sha('9'), 999, 1);
      await store().content.appendVersion(smallest.item.id, {
        title: smallest.item.title,
        authorId: null,
        createdAtMs: 9_000,
        message: '',
        minorEdit: false,
        body: null,
        file: { sha256: sha('9'), sizeBytes: 999, mediaType: 'application/pdf', fileId: 'f9' },
      });
      const bySize = await store().content.browseAttachments(
        { containerId: page.id },
        { sort: { by: 'size', direction: 'desc' }, after: undefined, limit: 1, backwards: false },
      );
      assert.equal(bySize.items[0]?.id, smallest.item.id);
      assert.equal(bySize.first?.sortValue, 999);
    });
  });
}
