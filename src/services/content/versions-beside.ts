import type { Content, ContentVersion } from '../../domain/content.ts';
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
    previous: await nearest('-modified-date'),
    next: isCurrent ? undefined : await nearest('modified-date'),
  };
}

/** A version of an item with the numbers of the versions beside it (`DetailedVersion`). */
export interface VersionWithNeighbours {
  version: ContentVersion;
  prevVersion: number | undefined;
  nextVersion: number | undefined;
}

/** Version `number` of the item and its neighbours; undefined when the item has no such version. */
export async function versionWithNeighbours(
  content: ContentRepository,
  item: Content,
  number: number,
): Promise<VersionWithNeighbours | undefined> {
  const version = await content.findVersion(item.id, number);
  if (!version) return undefined;
  const beside = await versionsBeside(content, item.id, number, number === item.version.number);
  return { version, prevVersion: beside.previous?.number, nextVersion: beside.next?.number };
}
