import type { ServiceDeps } from '../deps.ts';

/**
 * Removes a blob once no content version uses it (several versions, pages or spaces may share one).
 * The row is forgotten in a transaction and the bytes removed once it has committed: a transaction may be
 * run again (PostgreSQL), so it must not touch the blob store, and a crash in between leaves unreferenced
 * bytes rather than a row without its bytes. Both happen under the removal's pin guard, so an upload of
 * these bytes in this process waits for the removal to end and stores its bytes again; uploads on other
 * processes of the site pin the bytes in the store, which the transaction checks first.
 */
export async function removeUnusedBlob(deps: ServiceDeps, sha256: string): Promise<boolean> {
  return deps.blobPins.removeUnlessPinned(sha256, async () => {
    const forgotten = await deps.store.transaction(async (repositories) => {
      if (await deps.blobPins.pinnedElsewhere(repositories.blobPins, sha256)) return false;
      if (await repositories.blobs.isReferenced(sha256)) return false;
      await repositories.blobs.forget(sha256);
      return true;
    });
    if (forgotten) await deps.blobs.remove(sha256);
    return forgotten;
  });
}
