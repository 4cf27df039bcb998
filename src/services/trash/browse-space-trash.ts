import type { Content, Space } from '../../domain/content.ts';
import type { Keyset, KeysetSlice } from '../../domain/paging.ts';
import { descending } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { canAdministerSpace, viewerOf } from '../permissions/policy.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';

/** One item of a space's trash, with where it was and who put it there when the audit log still says. */
export interface TrashEntry {
  content: Content;
  /** Where it was: the page or blog post an attachment sits on, the parent of a page; null at the top. */
  place: Pick<Content, 'id' | 'title' | 'type' | 'status'> | null;
  trashedAtMs: number | null;
  trashedBy: string | null;
}

export interface SpaceTrashPage extends KeysetSlice<TrashEntry> {
  space: Space;
  /** Everything in the trash that the caller may see. */
  total: number;
  /** Whether the caller may purge (space administrators), so the screen offers it only to them. */
  mayPurge: boolean;
}

// What the v1 trash lists (space-trash.ts); an attachment of a trashed page goes and comes back with it.
const trashedTypes = ['page', 'blogpost', 'attachment'] as const;

/**
 * A space's trash, most recently trashed first, by keyset: the thousandth page of a trash of 100,000
 * items costs what the first does. Only what the caller may see is listed or counted.
 */
export async function browseSpaceTrash(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  window: { after: Keyset | undefined; limit: number },
): Promise<SpaceTrashPage> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  const filter = {
    spaceIds: [space.id],
    statuses: ['trashed'] as const,
    types: trashedTypes,
    viewer: await viewerOf(deps, principal),
  };
  const [slice, counted, mayPurge] = await Promise.all([
    deps.store.content.listKeyset(filter, { sort: descending('modified'), ...window }),
    deps.store.content.list(filter, { start: 0, limit: 0 }),
    canAdministerSpace(deps, principal, space),
  ]);
  const items = slice.items;
  const placeIdOf = (item: Content) => item.containerId ?? item.parentId;
  const containerIds = [...new Set(items.flatMap((item) => placeIdOf(item) ?? []))];
  const [containers, records] = await Promise.all([
    containerIds.length === 0
      ? Promise.resolve({ items: [] as Content[] })
      : deps.store.content.list(
          { ids: containerIds, viewer: filter.viewer },
          { start: 0, limit: containerIds.length },
        ),
    // Who trashed what comes from the audit log, which only administrators read: space administrators
    // (those who may purge) see it, as Confluence shows its trash to them.
    mayPurge ? deps.store.housekeeping.trashRecords(items.map((item) => item.id)) : Promise.resolve([]),
  ]);
  const containerById = new Map(containers.items.map((container) => [container.id, container]));
  const recordById = new Map(records.map((record) => [record.contentId, record]));
  return {
    space,
    total: counted.total,
    mayPurge,
    next: slice.next,
    items: items.map((content) => {
      const placeId = placeIdOf(content);
      const place = placeId === null ? undefined : containerById.get(placeId);
      const record = recordById.get(content.id);
      return {
        content,
        place: place ? { id: place.id, title: place.title, type: place.type, status: place.status } : null,
        trashedAtMs: record?.trashedAtMs ?? null,
        trashedBy: record?.trashedBy ?? null,
      };
    }),
  };
}
