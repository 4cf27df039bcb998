import type { Content, ContentStatus, ContentType } from '../../src/domain/content.ts';
import type { NewVersion } from '../../src/ports/content-store.ts';
import type { MetadataRepositories } from '../../src/ports/metadata-store.ts';

/* Builders for the metadata store contract: rows made through the store's own repositories. */

export const everything = { start: 0, limit: 1000 };
export const sha = (digit: string) => digit.repeat(64);

/** The first version of an item: a title, a body for pages, a file for attachments. */
export function versionOf(
  title: string,
  createdAtMs: number,
  file?: { sha256: string; sizeBytes: number },
): NewVersion {
  return {
    title,
    authorId: null,
    createdAtMs,
    message: '',
    minorEdit: false,
    body: file ? null : { representation: 'storage', value: `<p>${title}</p>` },
    file: file ? { ...file, mediaType: 'text/plain', fileId: `file-${title}` } : null,
  };
}

export interface ItemPlace {
  parentId?: number | null;
  containerId?: number | null;
  createdAtMs?: number;
  status?: ContentStatus;
}

/** Inserts an item of `type` in the space; pages at the root unless `place` says otherwise. */
export function anItem(
  repositories: MetadataRepositories,
  type: ContentType,
  spaceId: number,
  title: string,
  place: ItemPlace = {},
  file?: { sha256: string; sizeBytes: number },
): Promise<Content> {
  return repositories.content.insert(
    {
      type,
      status: place.status ?? 'current',
      spaceId,
      parentId: place.parentId ?? null,
      containerId: place.containerId ?? null,
      commentLocation: type === 'comment' ? 'footer' : null,
      creatorId: null,
    },
    versionOf(title, place.createdAtMs ?? 1_000, file),
  );
}

export function aSpace(repositories: MetadataRepositories, key: string) {
  return repositories.spaces.insert({
    key,
    name: `Space ${key}`,
    description: '',
    type: 'global',
    private: false,
    creatorId: null,
    createdAtMs: 1_000,
  });
}

export function aUser(repositories: MetadataRepositories, username: string) {
  return repositories.users.insert({
    username,
    userKey: `key-${username}`.padEnd(32, '0'),
    accountId: `account-${username}`,
    displayName: username.toUpperCase(),
    email: `${username}@example.com`,
    passwordHash: null,
    createdAtMs: 1_000,
  });
}
