import assert from 'node:assert/strict';
import type { ServiceDeps } from '../../src/services/deps.ts';

export interface SeedPagesOptions {
  /** The first page's parent (each page's, unless `chain`); null: at the top of the space. */
  parentId?: number | null;
  /** Each page the child of the one before: a tree as deep as `count`. */
  chain?: boolean;
  title?: (index: number) => string;
}

/**
 * Many pages at once, written through the metadata store rather than the API, in transactions of at most
 * 10,000 pages; answers their ids in order. For trees too big or too deep to build a request at a time.
 */
export async function seedPages(
  services: ServiceDeps,
  spaceKey: string,
  count: number,
  options: SeedPagesOptions = {},
): Promise<number[]> {
  const { store, clock } = services;
  const space = await store.spaces.findByKey(spaceKey);
  assert.ok(space, `no space ${spaceKey}`);
  const title = options.title ?? ((index) => `Seeded ${index}`);
  const ids: number[] = [];
  let parentId = options.parentId ?? null;
  for (let done = 0; done < count; ) {
    const batch = Math.min(10_000, count - done);
    await store.transaction(async (repositories) => {
      for (let n = 0; n < batch; n += 1) {
        const page = await repositories.content.insert(
          {
            type: 'page',
            status: 'current',
            spaceId: space.id,
            parentId,
            containerId: null,
            commentLocation: null,
            creatorId: null,
          },
          {
            title: title(done + n),
            authorId: null,
            createdAtMs: clock.nowMs(),
            message: '',
            minorEdit: false,
            body: null,
            file: null,
          },
        );
        ids.push(page.id);
        if (options.chain) parentId = page.id;
      }
    });
    done += batch;
  }
  return ids;
}
