import { conflict } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * Test mode: remembers the site as it is now, to return to on each reset. Start-up calls it once the site
 * is ready (admin, its token, and any seed), before the server listens. The snapshot's bytes are pinned
 * for the life of the process: a purge or a clean-up then forgets neither them nor their row, so the
 * versions a reset brings back still have their bytes.
 */
export async function takeSiteSnapshot(deps: ServiceDeps): Promise<void> {
  if (!deps.store.snapshots) return;
  const { blobs } = await deps.store.snapshots.take();
  for (const sha256 of blobs) await deps.blobPins.pin(sha256);
}

/**
 * `POST /rest/tributary/1.0/reset`: every row back as it was when the snapshot was taken, and what this
 * process remembers across requests forgotten with it. Caches keyed by the store's permission generation
 * (principals, grants, users and spaces by id) see it move; counts kept beside the store (sign-in
 * failures, unwritten content views) are dropped. Bytes stored since the snapshot are removed: no row
 * names them once the rows are back. The caller keeps other requests out meanwhile (http/tributary).
 */
export async function resetSite(deps: ServiceDeps, principal: Principal): Promise<void> {
  // Also checked by the route before it holds other requests back; kept here as the service's own rule.
  requireAdministrator(principal);
  if (!deps.store.snapshots) {
    throw conflict('A reset needs an SQLite site: this store keeps no snapshot (docs/testing.md)');
  }
  // A task still at work would go on changing the site once it is put back (deleting a space in batches).
  await deps.runningTasks.idle();
  const { blobsRecordedSince } = await deps.store.snapshots.restore();
  deps.signIns.clear();
  deps.contentViews.drain();
  for (const sha256 of blobsRecordedSince) {
    // An upload in this process may be storing the same bytes right now: its pin keeps them.
    await deps.blobPins.removeUnlessPinned(sha256, async () => {
      await deps.blobs.remove(sha256);
      return true;
    });
  }
}
