import type { ServiceDeps } from '../deps.ts';

/**
 * Removes a blob once no content version uses it (several versions, pages or spaces may share one).
 * The bytes go inside the same transaction that forgets the row: transactions run one at a time, so an
 * upload that reuses these bytes either committed first (the blob is referenced and stays) or is pinned
 * and so never removed, or waits for the removal to end and stores its bytes again. Uploads on other
 * processes of the site pin the bytes in the store, which this transaction checks first.
 */
export async function removeUnusedBlob(deps: ServiceDeps, sha256: string): Promise<boolean> {
  return deps.store.transaction((repositories) =>
    deps.blobPins.removeUnlessPinned(sha256, async () => {
      if (await deps.blobPins.pinnedElsewhere(repositories.blobPins, sha256)) return false;
      if (await repositories.blobs.isReferenced(sha256)) return false;
      await repositories.blobs.forget(sha256);
      await deps.blobs.remove(sha256);
      return true;
    }),
  );
}
