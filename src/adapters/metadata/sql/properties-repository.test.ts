import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aScratchSpace, openScratchStore } from '../../../../test/support/scratch-store.ts';
import { descending } from '../../../domain/paging.ts';
import type { MetadataStore } from '../../../ports/metadata-store.ts';

describe('the SQL properties repository', () => {
  let store: MetadataStore;
  let discard: () => Promise<void>;
  let spaceId: number;
  let contentId: number;

  before(async () => {
    ({ store, discard } = await openScratchStore());
    spaceId = (await aScratchSpace(store, 'P')).id;
    const page = await store.content.insert(
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
        title: 'Page',
        authorId: null,
        createdAtMs: 0,
        message: '',
        minorEdit: false,
        body: null,
        file: null,
      },
    );
    contentId = page.id;
  });
  after(() => discard());

  const base = { authorId: null, updatedAtMs: 1 };

  it('keeps a space and a content item apart even when their keys are the same', async () => {
    const onSpace = await store.properties.insert(
      { spaceId },
      { ...base, key: 'shared', value: { owner: 'space' } },
    );
    const onPage = await store.properties.insert(
      { contentId },
      { ...base, key: 'shared', value: { owner: 'page' } },
    );
    assert.deepEqual((await store.properties.find({ spaceId }, 'shared'))?.value, { owner: 'space' });
    assert.deepEqual((await store.properties.find({ contentId }, 'shared'))?.value, { owner: 'page' });
    assert.deepEqual((await store.properties.findById(onPage.id))?.owner, { contentId });
    assert.deepEqual(onSpace.owner, { spaceId });
    assert.equal(onSpace.versionNumber, 1);
  });

  it('stores the next version only over the one before it', async () => {
    const property = await store.properties.insert({ spaceId }, { ...base, key: 'counter', value: 0 });
    const notes = { versionMessage: '', minorEdit: false };
    const second = await store.properties.update(property.id, {
      ...base,
      value: 1,
      versionNumber: 2,
      versionMessage: 'counted once',
      minorEdit: true,
    });
    assert.equal(second?.versionNumber, 2);
    assert.equal(second?.versionMessage, 'counted once');
    assert.equal(second?.minorEdit, true);
    assert.equal(property.versionMessage, '', 'a new property starts with no message');
    assert.equal(
      await store.properties.update(property.id, { ...base, ...notes, value: 99, versionNumber: 2 }),
      undefined,
    );
    assert.equal(
      await store.properties.update(property.id, { ...base, ...notes, value: 99, versionNumber: 4 }),
      undefined,
    );
    assert.equal((await store.properties.findById(property.id))?.value, 1);
  });

  it('lists by key in offset windows and by keyset, with a key filter', async () => {
    for (const key of ['b', 'a', 'c'])
      await store.properties.insert({ contentId }, { ...base, key, value: key });
    const window = await store.properties.list({ contentId }, {}, { start: 1, limit: 2 });
    assert.equal(window.total, 4);
    assert.deepEqual(
      window.items.map((p) => p.key),
      ['b', 'c'],
    );
    const filtered = await store.properties.list(
      { contentId },
      { keys: ['a', 'shared'] },
      { start: 0, limit: 10 },
    );
    assert.deepEqual(
      filtered.items.map((p) => p.key),
      ['a', 'shared'],
    );

    const keys: string[] = [];
    let after = undefined as Parameters<typeof store.properties.listKeyset>[2]['after'];
    do {
      const page = await store.properties.listKeyset(
        { contentId },
        {},
        { sort: descending('key'), after, limit: 3 },
      );
      keys.push(...page.items.map((p) => p.key));
      after = page.next;
    } while (after);
    assert.deepEqual(keys, ['shared', 'c', 'b', 'a']);
  });

  it('removes a property, and the owner takes its properties along when it goes', async () => {
    const doomed = await store.properties.insert({ spaceId }, { ...base, key: 'doomed', value: true });
    await store.properties.remove(doomed.id);
    assert.equal(await store.properties.findById(doomed.id), undefined);
    await store.spaces.remove(spaceId);
    assert.equal((await store.properties.list({ spaceId }, {}, { start: 0, limit: 10 })).total, 0);
    assert.equal((await store.properties.list({ contentId }, {}, { start: 0, limit: 10 })).total, 0);
  });
});
