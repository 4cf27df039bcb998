import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Content } from '../../src/domain/content.ts';
import { ascending, descending, type KeysetSlice, type KeysetWindow } from '../../src/domain/paging.ts';
import type { ContentSort } from '../../src/ports/content-store.ts';
import type { VersionPosition, VersionPruneRule } from '../../src/ports/housekeeping-store.ts';
import type { MetadataStore } from '../../src/ports/metadata-store.ts';
import { describeAttachmentBrowsing } from './metadata-attachment-browsing.ts';
import { anItem, aSpace, aUser, everything, sha, versionOf } from './metadata-builders.ts';
import { describeViewRuleAgreement } from './metadata-view-rule.ts';

export interface MetadataStoreFixture {
  store: MetadataStore;
  /** Closes the store and removes whatever held it (file, database). */
  discard: () => Promise<void>;
}

async function anAttachment(
  store: MetadataStore,
  spaceId: number,
  containerId: number,
  title: string,
  digit: string,
) {
  await store.blobs.record(sha(digit), 5, 1_000);
  return anItem(store, 'attachment', spaceId, title, { containerId }, { sha256: sha(digit), sizeBytes: 5 });
}

/** Every page of a keyset listing, following `next` from the first page until it is undefined. */
async function walk<T, Order>(
  limit: number,
  sort: Order,
  page: (window: KeysetWindow<Order>) => Promise<KeysetSlice<T>>,
): Promise<T[][]> {
  const pages: T[][] = [];
  let after: KeysetWindow<Order>['after'];
  do {
    const slice = await page({ sort, after, limit });
    pages.push(slice.items);
    after = slice.next;
    assert.ok(pages.length <= 50, 'the cursor comes to an end');
  } while (after !== undefined);
  return pages;
}

const createHashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const titles = (items: readonly Content[]) => items.map((item) => item.title);
const ids = (items: readonly { id: number }[]) => items.map((item) => item.id).sort((a, b) => a - b);

/**
 * The behaviour every MetadataStore adapter must show, through its public repositories. `makeStore`
 * opens a fresh, migrated, empty store.
 */
export function describeMetadataStoreContract(
  name: string,
  makeStore: () => Promise<MetadataStoreFixture>,
): void {
  describe(`${name} (MetadataStore contract)`, () => {
    let store: MetadataStore;
    let discard: () => Promise<void>;

    beforeEach(async () => {
      ({ store, discard } = await makeStore());
    });
    afterEach(async () => {
      await discard();
    });

    describe('stated content ids (fixtures)', () => {
      it('inserts an item with the id it is given, and assigns ids above a reservation', async () => {
        const space = await aSpace(store, 'IDS');
        const before = await anItem(store, 'page', space.id, 'Assigned first');
        await store.content.reserveIdsThrough(before.id + 100);
        // Reserving less than what is already used changes nothing.
        await store.content.reserveIdsThrough(1);
        const stated = await store.content.insert(
          {
            type: 'page',
            status: 'current',
            spaceId: space.id,
            parentId: null,
            containerId: null,
            commentLocation: null,
            creatorId: null,
            id: before.id + 50,
          },
          versionOf('Stated', 1_000),
        );
        assert.equal(stated.id, before.id + 50);
        assert.equal((await store.content.findById(before.id + 50))?.title, 'Stated');
        const after = await anItem(store, 'page', space.id, 'Assigned after');
        assert.equal(after.id, before.id + 101);
      });
    });

    describe('users, groups and tokens', () => {
      it('finds a user by id, username, key, account id and case-insensitive login', async () => {
        const user = await aUser(store, 'alice');
        assert.equal((await store.users.findById(user.id))?.username, 'alice');
        assert.equal((await store.users.findByUsername('alice'))?.id, user.id);
        assert.equal((await store.users.findByUserKey(user.userKey))?.id, user.id);
        assert.equal((await store.users.findByAccountId('account-alice'))?.id, user.id);
        assert.equal((await store.users.findByLogin('ALICE@Example.com'))?.id, user.id);
        assert.equal(await store.users.findByUsername('bob'), undefined);
        assert.equal(await store.users.count(), 1);
      });

      it('refuses a second user with the same username', async () => {
        await aUser(store, 'alice');
        await assert.rejects(
          store.users.insert({
            username: 'alice',
            userKey: 'another-key'.padEnd(32, '0'),
            accountId: 'another-account',
            displayName: 'Other',
            email: null,
            passwordHash: null,
            createdAtMs: 2_000,
          }),
        );
        assert.equal(await store.users.count(), 1);
      });

      it('counts members of nested groups as members of the outer group, once', async () => {
        const user = await aUser(store, 'alice');
        const outer = await store.groups.insert('outer', 1_000);
        const inner = await store.groups.insert('inner', 1_000);
        await store.groups.addChildGroup(outer.id, inner.id, 1_000);
        await store.groups.addMember(inner.id, user.id, 1_000);
        await store.groups.addMember(inner.id, user.id, 2_000);
        assert.equal(await store.groups.isMember(user.id, 'outer'), true);
        assert.deepEqual([...(await store.groups.groupIdsOf(user.id))].sort(), ids([outer, inner]));
        assert.equal((await store.groups.members(inner.id, everything)).total, 1);
        await assert.rejects(store.groups.insert('outer', 2_000));
        await store.groups.removeMember(inner.id, user.id);
        assert.equal(await store.groups.isMember(user.id, 'outer'), false);
      });

      it('finds a token by its hash until it is revoked or expired', async () => {
        const user = await aUser(store, 'alice');
        const live = await store.tokens.insert({
          userId: user.id,
          name: 'live',
          tokenSha256: sha('1'),
          createdAtMs: 1_000,
          expiresAtMs: null,
        });
        await store.tokens.insert({
          userId: user.id,
          name: 'expiring',
          tokenSha256: sha('2'),
          createdAtMs: 1_000,
          expiresAtMs: 5_000,
        });
        assert.equal((await store.tokens.findUsable(sha('1'), 10_000))?.id, live.id);
        assert.ok(await store.tokens.findUsable(sha('2'), 4_999));
        assert.equal(await store.tokens.findUsable(sha('2'), 5_000), undefined);
        await store.tokens.revoke(live.id, 6_000);
        assert.equal(await store.tokens.findUsable(sha('1'), 10_000), undefined);
        assert.equal((await store.tokens.findById(live.id))?.revokedAtMs, 6_000);
        assert.equal((await store.tokens.listForUser(user.id)).length, 2);
      });
    });

    describe('spaces', () => {
      it('finds, updates and lists spaces, and refuses a second space with the same key', async () => {
        const space = await aSpace(store, 'ONE');
        await aSpace(store, 'TWO');
        assert.equal((await store.spaces.findByKey('ONE'))?.id, space.id);
        await store.spaces.update(space.id, { name: 'Renamed' }, 2_000);
        assert.equal((await store.spaces.findById(space.id))?.name, 'Renamed');
        await assert.rejects(aSpace(store, 'ONE'));
        const listed = await store.spaces.listKeyset(
          {},
          { sort: ascending('key'), after: undefined, limit: 10 },
        );
        assert.deepEqual(
          listed.items.map((item) => item.key),
          ['ONE', 'TWO'],
        );
        await store.spaces.remove(space.id);
        assert.equal(await store.spaces.findByKey('ONE'), undefined);
      });
    });

    describe('content and versions', () => {
      it('reads an inserted page back as it was written, at version 1', async () => {
        const space = await aSpace(store, 'DOC');
        const parent = await anItem(store, 'page', space.id, 'Parent');
        const page = await anItem(store, 'page', space.id, 'Child', {
          parentId: parent.id,
          createdAtMs: 7_000,
        });
        const found = await store.content.findById(page.id);
        assert.deepEqual(found, page);
        assert.equal(found?.version.number, 1);
        assert.equal(found?.parentType, 'page');
        assert.deepEqual(found?.version.body, { representation: 'storage', value: '<p>Child</p>' });
        assert.equal(found?.createdAtMs, 7_000);
      });

      it('numbers appended versions one past the newest and keeps the older ones', async () => {
        const space = await aSpace(store, 'DOC');
        const page = await anItem(store, 'page', space.id, 'v1');
        await store.content.appendVersion(page.id, versionOf('v2', 2_000));
        const third = await store.content.appendVersion(page.id, versionOf('v3', 3_000));
        assert.equal(third.version.number, 3);
        assert.equal(third.title, 'v3');
        assert.equal((await store.content.findVersion(page.id, 1))?.title, 'v1');
        const history = await store.content.listVersions(page.id, { start: 0, limit: 2 });
        assert.deepEqual(
          history.items.map((version) => version.number),
          [3, 2],
        );
        assert.equal(history.total, 3);
        const pages = await walk(2, ascending('modified' as const), (window) =>
          store.content.listVersionsKeyset(page.id, window),
        );
        assert.deepEqual(
          pages.map((items) => items.map((version) => version.number)),
          [[1, 2], [3]],
        );
        await store.content.removeVersion(page.id, 2);
        await store.content.appendVersion(page.id, versionOf('v4', 4_000));
        assert.equal((await store.content.findById(page.id))?.version.number, 4);
        assert.equal(await store.content.findVersion(page.id, 2), undefined);
      });

      it('finds the current attachment of a name on its container, lowest id first, and by former names', async () => {
        const space = await aSpace(store, 'DOC');
        const page = await anItem(store, 'page', space.id, 'Page');
        const other = await anItem(store, 'page', space.id, 'Other');
        const first = await anAttachment(store, space.id, page.id, 'report.txt', 'a');
        const second = await anAttachment(store, space.id, page.id, 'report.txt', 'b');
        await anAttachment(store, space.id, other.id, 'elsewhere.txt', 'c');
        assert.equal((await store.content.currentAttachmentNamed(page.id, 'report.txt'))?.id, first.id);
        assert.equal(await store.content.currentAttachmentNamed(other.id, 'report.txt'), undefined);
        await store.content.appendVersion(
          first.id,
          versionOf('renamed.txt', 2_000, { sha256: sha('a'), sizeBytes: 5 }),
        );
        const formerly = await store.content.attachmentsWhoseVersionWasNamed(page.id, 'report.txt', 1);
        assert.deepEqual(
          formerly.map((row) => row.id),
          ids([first, second]),
        );
        assert.equal((await store.content.currentAttachmentNamed(page.id, 'report.txt'))?.id, second.id);
        const onPage = await store.content.list({ containerId: page.id, types: ['attachment'] }, everything);
        assert.equal(onPage.total, 2);
        assert.deepEqual(titles(onPage.items).sort(), ['renamed.txt', 'report.txt']);
      });
    });

    describe('keyset listing', () => {
      const sorts: ContentSort[] = [
        ascending('title'),
        descending('title'),
        ascending('created'),
        descending('id'),
      ];

      for (const sort of sorts) {
        it(`walks every item once, by ${sort.by} ${sort.direction}, first page to last`, async () => {
          const space = await aSpace(store, 'KEY');
          const made: Content[] = [];
          // Titles and times out of id order, with a tie in each, so the id must break it.
          for (const [title, createdAtMs] of [
            ['delta', 4_000],
            ['alpha', 2_000],
            ['charlie', 2_000],
            ['bravo', 9_000],
            ['alpha', 1_000],
          ] as const) {
            made.push(await anItem(store, 'page', space.id, title, { createdAtMs }));
          }
          await anItem(store, 'blogpost', space.id, 'not a page');
          const key = (item: Content) =>
            sort.by === 'title' ? item.title : sort.by === 'created' ? item.createdAtMs : item.id;
          const expected = [...made].sort((a, b) => {
            const ka = key(a);
            const kb = key(b);
            const order = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
            return sort.direction === 'asc' ? order : -order;
          });
          const pages = await walk(2, sort, (window) =>
            store.content.listKeyset({ spaceIds: [space.id], types: ['page'] }, window),
          );
          assert.deepEqual(
            pages.map((items) => items.length),
            [2, 2, 1],
          );
          assert.deepEqual(
            pages.flat().map((item) => item.id),
            expected.map((item) => item.id),
          );
        });
      }

      it('answers an empty first page with no cursor, and a full last page with none either', async () => {
        const space = await aSpace(store, 'KEY');
        const none = await store.content.listKeyset(
          { spaceIds: [space.id] },
          { sort: ascending('id'), after: undefined, limit: 3 },
        );
        assert.deepEqual(none, { items: [], next: undefined });
        for (const title of ['a', 'b', 'c', 'd']) await anItem(store, 'page', space.id, title);
        const pages = await walk(2, ascending('id' as const), (window) =>
          store.content.listKeyset({ spaceIds: [space.id] }, window),
        );
        assert.deepEqual(pages.map(titles), [
          ['a', 'b'],
          ['c', 'd'],
        ]);
      });
    });

    describe('page tree', () => {
      it('lists children in sibling order, and everything below at any depth', async () => {
        const space = await aSpace(store, 'TREE');
        const root = await anItem(store, 'page', space.id, 'root');
        const first = await anItem(store, 'page', space.id, 'first', { parentId: root.id });
        const second = await anItem(store, 'page', space.id, 'second', { parentId: root.id });
        const grandchild = await anItem(store, 'page', space.id, 'grandchild', { parentId: second.id });
        const file = await anAttachment(store, space.id, first.id, 'file.txt', 'd');
        await anItem(store, 'page', space.id, 'elsewhere');

        const children = () => store.content.list({ parentId: root.id, types: ['page'] }, everything);
        assert.deepEqual(titles((await children()).items), ['first', 'second']);
        await store.content.setSiblingOrder([second.id, first.id]);
        assert.deepEqual(titles((await children()).items), ['second', 'first']);

        const below = await store.content.descendants(root.id, {}, everything);
        assert.deepEqual(ids(below.items), ids([first, second, grandchild, file]));
        assert.equal(below.total, 4);

        const tree = (maxDepth: number) =>
          store.content.treeDescendants(
            root.id,
            { types: ['page'], statuses: ['current'], maxDepth },
            { sort: 'depth', after: undefined, limit: 10 },
          );
        assert.deepEqual(
          (await tree(1)).items.map((item) => [item.content.title, item.depth]),
          [
            ['first', 1],
            ['second', 1],
          ],
        );
        assert.deepEqual(
          (await tree(5)).items.map((item) => [item.content.title, item.depth]),
          [
            ['first', 1],
            ['second', 1],
            ['grandchild', 2],
          ],
        );
        assert.deepEqual(titles(await store.content.ancestors(grandchild.id)), ['root', 'second']);
        assert.deepEqual(await store.content.blobsUnder(root.id), [sha('d')]);
      });

      it('moves everything below an item to another space', async () => {
        const from = await aSpace(store, 'FROM');
        const to = await aSpace(store, 'TO');
        const root = await anItem(store, 'page', from.id, 'root');
        const child = await anItem(store, 'page', from.id, 'child', { parentId: root.id });
        const comment = await anItem(store, 'comment', from.id, 'comment', { containerId: child.id });
        await store.content.setPlace(root.id, { spaceId: to.id }, 2_000);
        await store.content.moveTreeToSpace(root.id, to.id);
        for (const item of [root, child, comment]) {
          assert.equal((await store.content.findById(item.id))?.spaceId, to.id, item.title);
        }
        assert.equal((await store.content.list({ spaceIds: [from.id] }, everything)).total, 0);
      });
    });

    describe('trash and purge', () => {
      it('puts attachments in the trash with their page, and purges the page with all below it', async () => {
        const space = await aSpace(store, 'BIN');
        const page = await anItem(store, 'page', space.id, 'page');
        const child = await anItem(store, 'page', space.id, 'child', { parentId: page.id });
        const file = await anAttachment(store, space.id, page.id, 'file.txt', 'e');
        const kept = await anItem(store, 'page', space.id, 'kept');
        await store.content.setPlace(page.id, { status: 'trashed' }, 5_000);

        const trashed = (trashedWithContainer: boolean) =>
          store.content.list(
            { spaceIds: [space.id], statuses: ['trashed'], trashedWithContainer },
            everything,
          );
        assert.deepEqual(ids((await trashed(false)).items), [page.id]);
        assert.deepEqual(ids((await trashed(true)).items), ids([page, file]));
        const current = await store.content.list(
          { spaceIds: [space.id], statuses: ['current'], trashedWithContainer: true },
          everything,
        );
        assert.deepEqual(ids(current.items), ids([child, kept]));
        assert.deepEqual(await store.content.blobsInSpace(space.id), [sha('e')]);

        await store.content.remove(page.id);
        for (const gone of [page, child, file])
          assert.equal(await store.content.findById(gone.id), undefined);
        assert.ok(await store.content.findById(kept.id));
        assert.deepEqual(await store.content.blobsInSpace(space.id), []);
        assert.deepEqual(await store.blobs.unreferenced(10), [sha('e')]);
      });
    });

    describe('housekeeping aggregates', () => {
      /** An attachment whose versions have these sizes and times (the last one current). */
      async function aVersionedAttachment(
        spaceId: number,
        containerId: number,
        title: string,
        versions: { sizeBytes: number; atMs: number; mediaType?: string }[],
      ) {
        let item: Content | undefined;
        for (const [index, version] of versions.entries()) {
          const hash = createHashOf(`${title}-${index}`);
          await store.blobs.record(hash, version.sizeBytes, version.atMs);
          const file = {
            sha256: hash,
            sizeBytes: version.sizeBytes,
            mediaType: version.mediaType ?? 'text/plain',
            fileId: `${title}-${index}`,
          };
          const next = { ...versionOf(title, version.atMs), body: null, file };
          item = item
            ? await store.content.appendVersion(item.id, next)
            : await store.content.insert(
                {
                  type: 'attachment',
                  status: 'current',
                  spaceId,
                  parentId: null,
                  containerId,
                  commentLocation: null,
                  creatorId: null,
                },
                next,
              );
        }
        assert.ok(item);
        return item;
      }

      it('sums bytes by version, media type and trash, and ranks the largest current files', async () => {
        const space = await aSpace(store, 'SUMS');
        const other = await aSpace(store, 'ELSE');
        const page = await anItem(store, 'page', space.id, 'page');
        const binnedPage = await anItem(store, 'page', space.id, 'binned');
        const plan = await aVersionedAttachment(space.id, page.id, 'plan.txt', [
          { sizeBytes: 100, atMs: 1_000 },
          { sizeBytes: 200, atMs: 2_000 },
          { sizeBytes: 300, atMs: 3_000 },
        ]);
        const photo = await aVersionedAttachment(space.id, page.id, 'photo.png', [
          { sizeBytes: 1_000, atMs: 1_000, mediaType: 'image/png' },
        ]);
        await aVersionedAttachment(space.id, binnedPage.id, 'gone.txt', [{ sizeBytes: 40, atMs: 1_000 }]);
        await store.content.setPlace(binnedPage.id, { status: 'trashed' }, 5_000);
        const elsewhere = await anItem(store, 'page', other.id, 'elsewhere');
        await aVersionedAttachment(other.id, elsewhere.id, 'far.txt', [{ sizeBytes: 7_000, atMs: 1_000 }]);

        const usage = await store.housekeeping.usage({ spaceId: space.id });
        assert.deepEqual(
          { ...usage, byMediaType: undefined },
          {
            attachments: 3,
            versions: 5,
            totalBytes: 1_640,
            currentBytes: 1_340,
            historicalBytes: 300,
            historicalVersions: 2,
            trashedBytes: 40,
            byMediaType: undefined,
          },
        );
        assert.deepEqual(usage.byMediaType, [
          { mediaType: 'image/png', bytes: 1_000, versions: 1 },
          { mediaType: 'text/plain', bytes: 640, versions: 4 },
        ]);
        const largest = await store.housekeeping.largestAttachments({ spaceId: space.id }, 10);
        assert.deepEqual(
          largest.map((file) => [file.id, file.sizeBytes, file.allVersionsBytes, file.containerTitle]),
          [
            [photo.id, 1_000, 1_000, 'page'],
            [plan.id, 300, 600, 'page'],
          ],
          'current files only, not those on a trashed page',
        );
        const nobody = { userId: null, groupIds: [], isAdministrator: false };
        assert.equal((await store.housekeeping.usage({ spaceId: space.id, viewer: nobody })).versions, 0);
      });

      it('chooses the historical versions a prune rule takes, page by page, with their totals', async () => {
        const space = await aSpace(store, 'PRUNE');
        const page = await anItem(store, 'page', space.id, 'page');
        const a = await aVersionedAttachment(space.id, page.id, 'a.txt', [
          { sizeBytes: 1, atMs: 1_000 },
          { sizeBytes: 2, atMs: 2_000 },
          { sizeBytes: 4, atMs: 3_000 },
          { sizeBytes: 8, atMs: 4_000 },
        ]);
        const b = await aVersionedAttachment(space.id, page.id, 'b.txt', [
          { sizeBytes: 16, atMs: 1_000 },
          { sizeBytes: 32, atMs: 5_000 },
        ]);
        const scope = { spaceId: space.id };
        const versions = async (rule: VersionPruneRule) => {
          const all = [];
          let after: VersionPosition | undefined;
          for (;;) {
            const batch = await store.housekeeping.prunableVersions(scope, rule, after, 2);
            all.push(...batch.map((version) => `${version.attachmentId}/${version.number}`));
            const last = batch.at(-1);
            if (!last) return all;
            after = { attachmentId: last.attachmentId, number: last.number };
          }
        };
        assert.deepEqual(await versions({ keepNewest: 2 }), [`${a.id}/1`, `${a.id}/2`]);
        assert.deepEqual(await versions({ keepNewest: 1 }), [
          `${a.id}/1`,
          `${a.id}/2`,
          `${a.id}/3`,
          `${b.id}/1`,
        ]);
        assert.deepEqual(await versions({ createdBeforeMs: 2_000 }), [`${a.id}/1`, `${b.id}/1`]);
        assert.deepEqual(await versions({ keepNewest: 3, createdBeforeMs: 2_500 }), [`${a.id}/1`]);
        assert.deepEqual(await store.housekeeping.prunableTotals(scope, { keepNewest: 1 }), {
          versions: 4,
          bytes: 1 + 2 + 4 + 16,
          attachments: 2,
        });
        assert.deepEqual(await store.housekeeping.prunableTotals(scope, { createdBeforeMs: 0 }), {
          versions: 0,
          bytes: 0,
          attachments: 0,
        });
      });

      it('says when an item went to the trash', async () => {
        const space = await aSpace(store, 'WHEN');
        const page = await anItem(store, 'page', space.id, 'page');
        const kept = await anItem(store, 'page', space.id, 'kept');
        await store.content.setPlace(page.id, { status: 'trashed' }, 7_000);
        assert.deepEqual(await store.housekeeping.trashRecords([page.id, kept.id]), [
          { contentId: page.id, trashedAtMs: 7_000, trashedBy: null },
        ]);
        assert.deepEqual(await store.housekeeping.trashRecords([]), []);
      });
    });

    describe('labels and properties', () => {
      it('shares a label by name, attaches it once, and filters content by it', async () => {
        const space = await aSpace(store, 'LAB');
        const page = await anItem(store, 'page', space.id, 'labelled');
        await anItem(store, 'page', space.id, 'plain');
        const label = await store.labels.ensure('global', 'draft');
        assert.equal((await store.labels.ensure('global', 'draft')).id, label.id);
        assert.equal(await store.labels.attach(page.id, label.id, null, 1_000), true);
        assert.equal(await store.labels.attach(page.id, label.id, null, 2_000), false);
        const on = await store.labels.listOnContent(page.id, {}, everything);
        assert.deepEqual(
          on.items.map((item) => item.name),
          ['draft'],
        );
        assert.deepEqual(titles((await store.content.list({ labelId: label.id }, everything)).items), [
          'labelled',
        ]);
        assert.equal(await store.labels.detach(page.id, label.id), true);
        assert.equal((await store.content.list({ labelId: label.id }, everything)).total, 0);
      });

      it('versions a property, refuses a stale revision and a second property of the same key', async () => {
        const space = await aSpace(store, 'PROP');
        const page = await anItem(store, 'page', space.id, 'page');
        const owner = { contentId: page.id };
        const property = await store.properties.insert(owner, {
          key: 'colour',
          value: { hue: 'red' },
          authorId: null,
          updatedAtMs: 1_000,
        });
        assert.equal(property.versionNumber, 1);
        const revision = {
          value: { hue: 'blue' },
          versionNumber: 2,
          versionMessage: '',
          minorEdit: false,
          authorId: null,
          updatedAtMs: 2_000,
        };
        assert.equal((await store.properties.update(property.id, revision))?.versionNumber, 2);
        assert.equal(await store.properties.update(property.id, revision), undefined);
        assert.deepEqual((await store.properties.find(owner, 'colour'))?.value, { hue: 'blue' });
        await assert.rejects(
          store.properties.insert(owner, { key: 'colour', value: 1, authorId: null, updatedAtMs: 3_000 }),
        );
        // The same key on another owner is another property.
        await store.properties.insert(
          { spaceId: space.id },
          { key: 'colour', value: 2, authorId: null, updatedAtMs: 3_000 },
        );
      });
    });

    describe('transactions', () => {
      it('keeps every write of a unit of work that completes', async () => {
        const page = await store.transaction(async (repositories) => {
          const space = await aSpace(repositories, 'TX');
          return anItem(repositories, 'page', space.id, 'page');
        });
        assert.equal((await store.content.findById(page.id))?.title, 'page');
      });

      it('leaves nothing of a unit of work that throws', async () => {
        const failure = new Error('the work failed');
        let pageId: number | undefined;
        await assert.rejects(
          store.transaction(async (repositories) => {
            const space = await aSpace(repositories, 'TX');
            const page = await anItem(repositories, 'page', space.id, 'page');
            pageId = page.id;
            await repositories.content.appendVersion(page.id, versionOf('second', 2_000));
            await aUser(repositories, 'alice');
            throw failure;
          }),
          failure,
        );
        assert.ok(pageId !== undefined);
        assert.equal(await store.spaces.findByKey('TX'), undefined);
        assert.equal(await store.content.findById(pageId), undefined);
        assert.equal(await store.users.findByUsername('alice'), undefined);
      });
    });

    describeViewRuleAgreement(() => store);
    describeAttachmentBrowsing(() => store);
  });
}
