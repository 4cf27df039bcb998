import type { AppRules } from '../../domain/app.ts';
import type { Space } from '../../domain/content.ts';
import { badRequest, spaceNotFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireAppByName } from './find-app.ts';

export interface AppRuleChange {
  appName: string;
  spaceKeys: readonly string[];
  /** true: block the app from the spaces; false: lift the block. */
  blocked: boolean;
}

/**
 * Blocks an app from spaces or lifts the blocks (seed 004's app access rules). Every key must name a
 * space, or nothing changes; repeating either is harmless, and only spaces whose rule changed are audited.
 */
export async function changeAppRules(
  deps: ServiceDeps,
  principal: Principal,
  change: AppRuleChange,
): Promise<AppRules> {
  requireAdministrator(principal);
  if (change.spaceKeys.length === 0) throw badRequest('Name at least one space key');
  return deps.store.transaction(async (repositories) => {
    const app = await requireAppByName(repositories.apps, change.appName);
    const spaces = new Map<number, Space>();
    for (const key of change.spaceKeys) {
      const space = await repositories.spaces.findByKey(key);
      if (!space) throw spaceNotFound(key);
      spaces.set(space.id, space);
    }
    const before = new Set(await repositories.apps.blockedSpaceIdsOf(app.id));
    const changed = [...spaces.values()].filter((space) => before.has(space.id) !== change.blocked);
    const ids = changed.map((space) => space.id);
    if (change.blocked) await repositories.apps.block(app.id, ids, deps.clock.nowMs());
    else await repositories.apps.unblock(app.id, ids);
    for (const space of changed) {
      await recordAudit(repositories, deps.clock, principal, {
        category: 'Apps',
        summary: change.blocked ? 'App blocked from space' : 'App unblocked from space',
        objectType: 'app',
        objectId: String(app.id),
        objectName: app.name,
        space,
        changes: [
          {
            name: 'Access to content',
            before: change.blocked ? 'allowed' : 'blocked',
            after: change.blocked ? 'blocked' : 'allowed',
          },
        ],
      });
    }
    const [rules] = await repositories.apps.rules([app.id]);
    return rules ?? { app, blockedSpaces: [] };
  });
}
