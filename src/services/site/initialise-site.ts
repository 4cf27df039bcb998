import { defaultUserOperations } from '../../domain/permissions.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { administratorsGroup, usersGroup } from '../../domain/user.ts';
import { randomPassword } from '../auth/passwords.ts';
import { removeUnusedBlob } from '../blobs/remove-unused-blob.ts';
import type { ServiceDeps } from '../deps.ts';
import { createUser } from '../users/create-user.ts';

export interface SiteInitialisation {
  /** Set only on the first start with an empty database. */
  createdAdmin?: { username: string; password: string; generated: boolean };
}

/**
 * Bytes whose last version went just before a crash, before their clean-up ran. Bytes an upload on any
 * process has stored but not committed are pinned, and so stay (remove-unused-blob.ts).
 */
export async function removeBlobsLeftBehind(deps: ServiceDeps) {
  for (;;) {
    const batch = await deps.store.blobs.unreferenced(500);
    let removed = 0;
    for (const sha256 of batch) if (await removeUnusedBlob(deps, sha256)) removed += 1;
    if (batch.length < 500 || removed === 0) return;
  }
}

/**
 * Makes sure the built-in groups exist and, when there is no user at all, creates `admin`
 * with the configured password or a generated one that the caller prints once.
 */
export async function initialiseSite(
  deps: ServiceDeps,
  adminPassword: string | undefined,
): Promise<SiteInitialisation> {
  for (const name of [administratorsGroup, usersGroup]) {
    if (await deps.store.groups.findByName(name)) continue;
    const group = await deps.store.groups.insert(name, deps.clock.nowMs());
    // A new site: every user may use it and create spaces, as Confluence's defaults have it.
    const operations = name === usersGroup ? defaultUserOperations : ['application:administer' as const];
    await deps.store.permissions.grantGlobal(
      { kind: 'group', groupId: group.id },
      operations,
      deps.clock.nowMs(),
    );
  }
  await removeBlobsLeftBehind(deps);
  if ((await deps.store.users.count()) > 0) return {};

  const password = adminPassword ?? randomPassword();
  const admin = await createUser(deps, systemPrincipal, {
    username: 'admin',
    displayName: 'Administrator',
    password,
    passwordOrigin: adminPassword === undefined ? 'generated' : 'chosen',
  });
  const administrators = await deps.store.groups.findByName(administratorsGroup);
  if (administrators) await deps.store.groups.addMember(administrators.id, admin.id, deps.clock.nowMs());
  return { createdAdmin: { username: admin.username, password, generated: adminPassword === undefined } };
}
