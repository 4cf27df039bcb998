import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Content, ContentType, Space } from '../../src/domain/content.ts';
import { ascending } from '../../src/domain/paging.ts';
import type { PermissionSubject, Restriction } from '../../src/domain/permissions.ts';
import type { Principal } from '../../src/domain/principal.ts';
import type { User } from '../../src/domain/user.ts';
import type { MetadataStore } from '../../src/ports/metadata-store.ts';
import { canViewContent, viewerOf } from '../../src/services/permissions/policy.ts';
import { anItem, aSpace, aUser, type ItemPlace } from './metadata-builders.ts';

/*
 * The view rule has two shapes: services/permissions/policy.ts asks it of one item, and
 * adapters/metadata/sql/visibility.ts filters listings with it inside the SQL. Every adapter must make
 * them agree, for every viewer and every item of a site that exercises each way in or out.
 */

interface Site {
  principals: Record<string, Principal>;
  items: Content[];
  spaces: Record<string, Space>;
}

const asUser = (user: User, extra: Partial<Extract<Principal, { kind: 'user' }>> = {}): Principal => ({
  kind: 'user',
  user,
  isAdministrator: false,
  ...extra,
});

async function buildSite(store: MetadataStore): Promise<Site> {
  const alice = await aUser(store, 'alice');
  const bob = await aUser(store, 'bob');
  const carol = await aUser(store, 'carol');
  const dave = await aUser(store, 'dave');
  // Bob reads through a group inside the granted one; Alice is in `team` only as a restriction subject.
  const readers = await store.groups.insert('readers', 1_000);
  const team = await store.groups.insert('team', 1_000);
  await store.groups.addChildGroup(readers.id, team.id, 1_000);
  await store.groups.addMember(team.id, bob.id, 1_000);

  const user = (id: number): Restriction['subject'] => ({ kind: 'user', userId: id });
  const group = (id: number): Restriction['subject'] => ({ kind: 'group', groupId: id });
  const spaces: Record<string, Space> = {};
  const grants: Record<string, [PermissionSubject, 'space:read' | 'page:create'][]> = {
    ANON: [[{ kind: 'anonymous' }, 'space:read']],
    USER: [[user(alice.id), 'space:read']],
    GROUP: [[group(readers.id), 'space:read']],
    // Grants other than read open nothing.
    NONE: [
      [user(alice.id), 'page:create'],
      [{ kind: 'anonymous' }, 'page:create'],
    ],
  };
  for (const [key, held] of Object.entries(grants)) {
    const space = await aSpace(store, key);
    spaces[key] = space;
    for (const [subject, operation] of held) {
      await store.permissions.grantSpace(space.id, subject, [operation], 1_000);
    }
  }

  const items: Content[] = [];
  const add = async (space: Space, type: ContentType, title: string, place: ItemPlace = {}) => {
    const item = await anItem(store, type, space.id, title, place);
    items.push(item);
    return item;
  };
  const restrict = (item: Content, operation: Restriction['operation'], subjects: Restriction['subject'][]) =>
    store.permissions.replaceRestrictions(item.id, operation, subjects);

  for (const space of Object.values(spaces)) {
    const open = await add(space, 'page', 'open');
    const openChild = await add(space, 'page', 'open child', { parentId: open.id });
    await add(space, 'attachment', 'open attachment', { containerId: openChild.id });
    await add(space, 'comment', 'open comment', { containerId: open.id });

    const forAlice = await add(space, 'page', 'for alice');
    await restrict(forAlice, 'read', [user(alice.id)]);
    const belowAlice = await add(space, 'page', 'below alice', { parentId: forAlice.id });
    await add(space, 'attachment', 'attachment below alice', { containerId: belowAlice.id });

    const forReaders = await add(space, 'page', 'for readers');
    await restrict(forReaders, 'read', [group(readers.id)]);
    // Every restricted item on the way up must let the viewer through: readers and Carol see none of it.
    const forCarol = await add(space, 'page', 'for carol below readers', { parentId: forReaders.id });
    await restrict(forCarol, 'read', [user(carol.id)]);
    await add(space, 'comment', 'comment for carol', { containerId: forCarol.id });

    const either = await add(space, 'blogpost', 'for alice or team');
    await restrict(either, 'read', [user(alice.id), group(team.id)]);

    const editOnly = await add(space, 'page', 'edit restricted');
    await restrict(editOnly, 'update', [user(carol.id)]);

    await add(space, 'page', 'trashed', { status: 'trashed' });
  }
  const app = await store.apps.insert('Blocked app', 1_000);
  await store.apps.block(app.id, [spaces.USER?.id ?? 0, spaces.ANON?.id ?? 0], 1_000);
  const identity = { id: app.id, name: app.name };
  const principals: Record<string, Principal> = {
    anonymous: { kind: 'anonymous' },
    alice: asUser(alice),
    bob: asUser(bob),
    carol: asUser(carol),
    administrator: asUser(dave, { isAdministrator: true }),
    'alice through the app': asUser(alice, { app: identity }),
    'administrator through the app': asUser(dave, { isAdministrator: true, app: identity }),
  };
  return { principals, items, spaces };
}

/** Current pages below `rootId` through parents, nearest level first, then by id (the tree's order). */
function pagesBelow(items: readonly Content[], rootId: number): Content[] {
  const found: Content[] = [];
  let level = [rootId];
  while (level.length > 0) {
    const next = items
      .filter(
        (item) => item.type === 'page' && item.status === 'current' && level.includes(item.parentId ?? -1),
      )
      .sort((a, b) => a.id - b.id);
    found.push(...next);
    level = next.map((item) => item.id);
  }
  return found;
}

/** Registers the agreement case in the enclosing contract; `store` is that test's fresh store. */
export function describeViewRuleAgreement(store: () => MetadataStore): void {
  it('lists exactly the items the per-item view rule lets each viewer see', async () => {
    const site = await buildSite(store());
    const deps = { store: store() };
    const spaceIds = Object.values(site.spaces).map((space) => space.id);
    const everything = { start: 0, limit: 1000 };
    const seen: Record<string, Set<string>> = {};
    let visiblePairs = 0;
    let treeItems = 0;

    for (const [who, principal] of Object.entries(site.principals)) {
      const viewer = await viewerOf(deps, principal);
      const listed = await store().content.list({ viewer, spaceIds }, everything);
      const listedIds = new Set(listed.items.map((item) => item.id));
      assert.equal(listed.total, listedIds.size, `${who}: the total counts what is listed`);
      const keyset = await store().content.listKeyset(
        { viewer, spaceIds },
        { sort: ascending('id'), after: undefined, limit: 1000 },
      );
      assert.deepEqual(
        keyset.items.map((item) => item.id),
        [...listedIds].sort((a, b) => a - b),
        `${who}: the keyset listing holds what the offset listing does`,
      );
      seen[who] = new Set();
      const visibleIds = new Set<number>();
      for (const item of site.items) {
        const policy = await canViewContent(deps, principal, item);
        const space = Object.values(site.spaces).find((candidate) => candidate.id === item.spaceId);
        assert.equal(
          listedIds.has(item.id),
          policy,
          `${who} × ${space?.key ?? 'no space'}/${item.title}: the policy says ${policy ? 'visible' : 'hidden'}`,
        );
        if (policy) {
          visiblePairs += 1;
          visibleIds.add(item.id);
          seen[who]?.add(`${space?.key}/${item.title}`);
        }
      }
      // The page tree filters with the same rule: below each root page, the pages the policy lets through.
      for (const root of site.items.filter((item) => item.type === 'page' && item.parentId === null)) {
        const tree = await store().content.treeDescendants(
          root.id,
          { types: ['page'], statuses: ['current'], maxDepth: 5, viewer },
          { sort: 'depth', after: undefined, limit: 1000 },
        );
        const expected = pagesBelow(site.items, root.id).filter((page) => visibleIds.has(page.id));
        assert.deepEqual(
          tree.items.map((item) => item.content.id),
          expected.map((page) => page.id),
          `${who}: the page tree below ${root.title}`,
        );
        treeItems += tree.items.length;
      }
    }
    assert.ok(treeItems > 0, 'some viewer sees a page below another');

    // The matrix is worth something only if it holds both answers, for the reasons it was built for.
    assert.ok(visiblePairs > 0 && visiblePairs < site.items.length * Object.keys(site.principals).length);
    const expectations: [who: string, space: string, title: string, visible: boolean][] = [
      ['anonymous', 'ANON', 'open attachment', true],
      ['anonymous', 'ANON', 'for alice', false],
      ['anonymous', 'NONE', 'open', false],
      ['alice', 'ANON', 'open', true],
      ['alice', 'USER', 'attachment below alice', true],
      ['carol', 'USER', 'open', false],
      ['bob', 'GROUP', 'for readers', true],
      ['bob', 'GROUP', 'for carol below readers', false],
      ['bob', 'ANON', 'for alice or team', true],
      ['carol', 'ANON', 'edit restricted', true],
      ['administrator', 'NONE', 'comment for carol', true],
      ['alice through the app', 'USER', 'for alice', false],
      ['administrator through the app', 'ANON', 'open', false],
      ['administrator through the app', 'GROUP', 'for alice', true],
    ];
    for (const [who, key, title, visible] of expectations) {
      assert.equal(seen[who]?.has(`${key}/${title}`), visible, `${who} × ${key}/${title}`);
    }
  });
}
