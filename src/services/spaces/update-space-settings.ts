import type { Space } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import {
  defaultSpaceSettings,
  type SpaceSettings,
  type SpaceSettingsUpdate,
  spaceSettingsChangesOf,
} from '../../domain/space-settings.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin, requireWriter } from '../permissions/space-access.ts';

/** Cloud v1 `PUT /space/{key}/settings`: for the space's administrators; fields not sent keep their value. */
export async function updateSpaceSettings(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  update: SpaceSettingsUpdate,
): Promise<{ space: Space; settings: SpaceSettings }> {
  requireWriter(principal);
  const changes = spaceSettingsChangesOf(update);
  const space = await requireSpaceAdmin(deps, principal, { key: spaceKey });
  return deps.store.transaction(async (repositories) => {
    const before = (await repositories.spaces.settings(space.id)) ?? defaultSpaceSettings;
    const settings = { ...before, ...changes };
    await repositories.spaces.saveSettings(space.id, settings, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: 'Space settings updated',
      space,
      changes: [
        { name: 'Route override', before: before.routeOverrideEnabled, after: settings.routeOverrideEnabled },
        { name: 'Content mode', before: before.contentMode, after: settings.contentMode },
      ],
    });
    return { space, settings };
  });
}
