import type { ContentVersion } from '../../domain/content.ts';
import { ascending, descending } from '../../domain/paging.ts';
import type { ContentRepository, VersionSort } from '../../ports/content-store.ts';

export interface VersionsBeside {
  previous: ContentVersion | undefined;
  next: ContentVersion | undefined;
}

/**
 * The versions either side of version `number` that still exist: historical versions can be deleted, so
 * they are the nearest numbers kept, not simply n - 1 and n + 1. Undefined at either end of the history.
 */
export async function versionsBeside(
  content: ContentRepository,
  id: number,
  number: number,
  /** Whether `number` is the current version, after which there is none to look for. */
  isCurrent: boolean,
): Promise<VersionsBeside> {
  const nearest = async (sort: VersionSort) => {
    const slice = await content.listVersionsKeyset(id, {
      sort,
      after: { sortValue: number, id: number },
      limit: 1,
    });
    return slice.items[0];
  };
  return {
    previous: await nearest(descending('modified')),
    next: isCurrent ? undefined : await nearest(ascending('modified')),
  };
}
