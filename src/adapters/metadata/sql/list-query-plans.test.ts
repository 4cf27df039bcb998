import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { type CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import { parseCql } from '../../../domain/cql/validate.ts';
import type { KeysetSort } from '../../../domain/paging.ts';
import type { Viewer } from '../../../domain/permissions.ts';
import type { ContentFilter } from '../../../ports/content-store.ts';
import type { MetadataStore } from '../../../ports/metadata-store.ts';
import { sqlContentSearch } from './cql/sql-content-search.ts';
import { migrateToLatest, sqlMetadataStore } from './sql-metadata-store.ts';
import type { Tables } from './tables.ts';

/*
 * Every list the repositories offer, in every order v2 and v1 ask for, walks an index in that order:
 * SQLite's plan for each statement the repository actually ran (captured through Kysely's log, so this
 * cannot drift from the code) holds no `USE TEMP B-TREE`, which is a sort of every matching row before
 * the first one is returned — on a page with 100,000 attachments, all of them, for every page.
 */

const administrator: Viewer = { userId: 1, groupIds: [], isAdministrator: true };
const member: Viewer = { userId: 2, groupIds: [3], isAdministrator: false };

type ContentKey = 'id' | 'created' | 'modified' | 'title';
const bothWays = <Key extends string>(keys: readonly Key[]): KeysetSort<Key>[] =>
  keys.flatMap((by) => [
    { by, direction: 'asc' as const },
    { by, direction: 'desc' as const },
  ]);

// The content lists v2 pages with cursors, with the orders its `sort` offers on each (http/v2/sorts.ts).
const keysetLists: [string, ContentFilter, readonly ContentKey[]][] = [
  [
    'attachments of a page',
    { types: ['attachment'], containerId: 7, statuses: ['current'] },
    ['id', 'created', 'modified'],
  ],
  [
    'current and archived attachments of a page (v2 lists both unless asked)',
    { types: ['attachment'], containerId: 7, statuses: ['current', 'archived'] },
    ['id', 'created', 'modified'],
  ],
  [
    'attachments of every space, trashed with their page or not',
    { types: ['attachment'], statuses: ['current', 'archived'], trashedWithContainer: true },
    ['id', 'created', 'modified'],
  ],
  [
    'attachments of a page with a media type',
    { types: ['attachment'], containerId: 7, statuses: ['current'], mediaType: 'image/png' },
    ['id', 'created', 'modified'],
  ],
  [
    'pages of a space',
    { types: ['page'], spaceIds: [5], statuses: ['current'] },
    ['id', 'created', 'modified', 'title'],
  ],
  [
    'pages of every space',
    { types: ['page'], statuses: ['current'] },
    ['id', 'created', 'modified', 'title'],
  ],
  [
    'blog posts of a space',
    { types: ['blogpost'], spaceIds: [5], statuses: ['current'] },
    ['id', 'created', 'modified'],
  ],
  [
    'blog posts of every space',
    { types: ['blogpost'], statuses: ['current'] },
    ['id', 'created', 'modified'],
  ],
  [
    'child pages',
    { types: ['page'], parentId: 7, statuses: ['current'] },
    ['id', 'created', 'modified', 'title'],
  ],
  [
    'footer comments of a page',
    { types: ['comment'], containerId: 7, parentId: null, commentLocation: 'footer', statuses: ['current'] },
    ['created', 'modified'],
  ],
  [
    'custom content of a type',
    { types: ['custom'], customType: 'app:thing', statuses: ['current'] },
    ['id', 'created', 'modified', 'title'],
  ],
];

// The offset lists of v1 (`start`/`limit`), each in its one order.
const offsetLists: [string, ContentFilter][] = [
  ['attachments of a page', { types: ['attachment'], containerId: 7, statuses: ['current'] }],
  [
    'attachments of a page by name',
    { types: ['attachment'], containerId: 7, statuses: ['current'], title: 'a.txt' },
  ],
  ['pages of a space', { types: ['page'], spaceIds: [5], statuses: ['current'] }],
  ['blog posts of a space', { types: ['blogpost'], spaceIds: [5], statuses: ['current'] }],
  ['child pages', { types: ['page'], parentId: 7, statuses: ['current'] }],
  ['comments of a page', { types: ['comment'], containerId: 7, statuses: ['current'] }],
  [
    'top-level comments of a page',
    { types: ['comment'], containerId: 7, parentId: null, statuses: ['current'] },
  ],
];

describe('list query plans (SQLite)', () => {
  let database: Database.Database;
  let db: Kysely<Tables>;
  let store: MetadataStore;
  let seen: CompiledQuery[] = [];

  before(async () => {
    database = new Database(':memory:');
    db = new Kysely<Tables>({
      dialect: new SqliteDialect({ database }),
      log: (event) => {
        if (event.level === 'query') seen.push(event.query);
      },
    });
    await migrateToLatest(db, 'sqlite');
    store = sqlMetadataStore(db, 'sqlite');
  });
  after(() => db.destroy());

  /** SQLite's plans for every statement `run` made. */
  async function plansOf(run: () => Promise<unknown>): Promise<string[]> {
    seen = [];
    await run();
    assert.ok(seen.length > 0, 'the repository ran a statement');
    return seen.map((query) =>
      (database.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as { detail: string }[])
        .map((row) => row.detail)
        .join('\n'),
    );
  }

  async function assertSortsNothing(run: () => Promise<unknown>, seeksTheCursor = false): Promise<void> {
    for (const plan of await plansOf(run)) {
      assert.doesNotMatch(plan, /USE TEMP B-TREE/, plan);
      // From a cursor the index seeks to it, rather than reading (and skipping) every row before it.
      if (seeksTheCursor) assert.match(plan, /SEARCH c USING (COVERING )?INDEX .*[<>]\?\)/, plan);
    }
  }

  for (const viewer of [administrator, member]) {
    const as = viewer.isAdministrator ? 'an administrator' : 'a member';
    for (const [name, filter, keys] of keysetLists) {
      for (const sort of bothWays(keys)) {
        for (const from of ['the first page', 'a cursor'] as const) {
          it(`reads ${name} by ${sort.by} ${sort.direction} from ${from} as ${as} in index order`, () =>
            assertSortsNothing(
              () =>
                store.content.listKeyset(
                  { ...filter, viewer },
                  {
                    sort,
                    after:
                      from === 'a cursor' ? { sortValue: sort.by === 'title' ? 'm' : 5, id: 9 } : undefined,
                    limit: 25,
                  },
                ),
              from === 'a cursor',
            ));
        }
      }
    }
    for (const [name, filter] of offsetLists) {
      for (const start of [0, 5_000]) {
        it(`reads ${name} from start ${start} as ${as} in index order`, () =>
          assertSortsNothing(() => store.content.list({ ...filter, viewer }, { start, limit: 25 })));
      }
    }
    for (const start of [0, 5_000]) {
      it(`skips to start ${start} of a page's attachments as ${as} in an index alone, reading no skipped row`, async () => {
        const [pageIds] = await plansOf(() =>
          store.content.list(
            { types: ['attachment'], containerId: 7, statuses: ['current'], viewer },
            { start, limit: 25 },
          ),
        );
        assert.match(pageIds ?? '', /^SEARCH c USING COVERING INDEX/, pageIds);
      });
    }
  }

  for (const sort of bothWays(['id', 'key', 'name'] as const)) {
    it(`reads spaces by ${sort.by} ${sort.direction} in index order`, () =>
      assertSortsNothing(() =>
        store.spaces.listKeyset(
          {},
          { sort, after: { sortValue: sort.by === 'id' ? 5 : 'm', id: 9 }, limit: 25 },
        ),
      ));
  }
  it('reads spaces from a start (v1) in index order', () =>
    assertSortsNothing(() => store.spaces.list({}, { start: 50, limit: 25 })));

  for (const sort of bothWays(['id', 'name', 'created'] as const)) {
    const sortValue = sort.by === 'name' ? 'm' : 5;
    it(`reads labels by ${sort.by} ${sort.direction} in index order`, () =>
      assertSortsNothing(() => store.labels.list({}, { sort, after: { sortValue, id: 9 }, limit: 25 })));
    // The one exception: a page's labels are read through the page's key in content_labels and sorted,
    // as the orders live on the labels table (or, for `created`, on the label's use). One item carries a
    // handful of labels, so the sort is of those, never of a collection that grows with the site.
    it(`reads the labels of a page by ${sort.by} ${sort.direction} through the page, sorting its labels alone`, async () => {
      const plans = await plansOf(() =>
        store.labels.listOnContentKeyset(7, {}, { sort, after: { sortValue, id: 9 }, limit: 25 }),
      );
      for (const plan of plans)
        assert.match(plan, /SEARCH cl USING (COVERING )?INDEX \S+ \(content_id=\?/, plan);
    });
  }

  for (const direction of ['asc', 'desc'] as const) {
    it(`reads versions ${direction} in index order`, () =>
      assertSortsNothing(() =>
        store.content.listVersionsKeyset(7, {
          sort: { by: 'modified', direction },
          after: undefined,
          limit: 25,
        }),
      ));
  }
  it('reads versions from a start (v1) in index order', () =>
    assertSortsNothing(() => store.content.listVersions(7, { start: 50, limit: 25 })));

  // Deleting a space picks its next batch once per batch: a sort there is a sort of the whole space, each time.
  it("picks a space deletion's next batch in index order", () =>
    assertSortsNothing(() => store.content.removeSpaceContentBatch(5, 50)));

  // CQL takes any condition in any order, so not every search can walk an index: `space = X order by
  // title` sorts that space's matches, as a text search (`title ~ …`) sorts its hits. Those are the
  // explicit exception; the attachments of a page, the listing clients page through with CQL, are not.
  for (const cql of [
    'type = attachment and container = 7',
    'type = attachment and container = 7 order by created',
    'type = attachment and container = 7 order by lastmodified asc',
  ]) {
    it(`searches \`${cql}\` in index order`, () =>
      assertSortsNothing(() =>
        sqlContentSearch(db, 'sqlite').search(
          parseCql(cql),
          {
            nowMs: 0,
            viewer: administrator,
            statuses: ['current'],
            favouriteSpaceIds: [],
            recentlyViewedSpaceIds: [],
            recentlyViewedContentIds: [],
          },
          { start: 5_000, limit: 25 },
        ),
      ));
  }
});
