import type { AppIdentity } from '../../domain/app.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import type { KeysetSlice } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import { checkPropertyValue } from '../../domain/property.ts';
import { type AppProperty, checkAppPropertyKey } from '../../domain/user-property.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * Cloud v2 `/app/properties`: what an app keeps for itself. Only requests made with an app's token
 * reach them, and each app sees only its own; a user's own token gets the 403 Cloud gives a request
 * that is not made as the app.
 */

function requireApp(principal: Principal): AppIdentity {
  if (principal.kind !== 'user' || !principal.app) {
    throw forbidden("App properties are for requests made with an app's token");
  }
  return principal.app;
}

export async function listAppProperties(
  deps: ServiceDeps,
  principal: Principal,
  afterKey: string | undefined,
  limit: number,
): Promise<KeysetSlice<AppProperty>> {
  const app = requireApp(principal);
  const rows = await deps.store.appProperties.list(app.id, afterKey, limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { sortValue: last.key, id: 0 } : undefined };
}

export async function getAppProperty(deps: ServiceDeps, principal: Principal, rawKey: string) {
  const app = requireApp(principal);
  const key = checkAppPropertyKey(rawKey);
  const property = await deps.store.appProperties.find(app.id, key);
  if (!property) throw notFound(`No app property found with key: ${key}`, { key });
  return property;
}

/** Creates or replaces; answers whether it was created (201) rather than updated (200). */
export async function putAppProperty(
  deps: ServiceDeps,
  principal: Principal,
  rawKey: string,
  rawValue: unknown,
): Promise<{ key: string; value: unknown; created: boolean }> {
  const app = requireApp(principal);
  const key = checkAppPropertyKey(rawKey);
  const value = checkPropertyValue(rawValue);
  return deps.store.transaction(async (repositories) => {
    const created = await repositories.appProperties.put(app.id, key, value, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Apps',
      summary: created ? 'App property created' : 'App property updated',
      objectType: 'app',
      objectId: String(app.id),
      objectName: app.name,
      changes: [{ name: key, before: '', after: value }],
    });
    return { key, value, created };
  });
}

/** Deleting a property the app does not have is a 404. */
export async function deleteAppProperty(deps: ServiceDeps, principal: Principal, rawKey: string) {
  const app = requireApp(principal);
  const key = checkAppPropertyKey(rawKey);
  await deps.store.transaction(async (repositories) => {
    if (!(await repositories.appProperties.remove(app.id, key))) {
      throw notFound(`No app property found with key: ${key}`, { key });
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Apps',
      summary: 'App property deleted',
      objectType: 'app',
      objectId: String(app.id),
      objectName: app.name,
      changes: [{ name: key, before: 'set', after: '' }],
    });
  });
}
