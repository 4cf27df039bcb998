import type { Space } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { normaliseSpaceName } from '../../domain/space-rules.ts';
import type { SpaceChanges } from '../../ports/content-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin } from '../permissions/space-access.ts';

export interface UpdateSpaceInput {
  name?: string;
  /** The plain text replacing the description. */
  description?: string;
  /** Cloud's `homepage: {id}`: a current page of this space. */
  homepageId?: number;
}

/** `PUT /rest/api/space/{spaceKey}`: name, description and home page; the key and type never change. */
export async function updateSpace(
  deps: ServiceDeps,
  principal: Principal,
  key: string,
  input: UpdateSpaceInput,
): Promise<Space> {
  const space = await requireSpaceAdmin(deps, principal, { key: key });
  const changes: SpaceChanges = {};
  if (input.name !== undefined) changes.name = normaliseSpaceName(input.name);
  if (input.description !== undefined) changes.description = input.description;
  const { homepageId } = input;

  return deps.store.transaction(async (repositories) => {
    if (homepageId !== undefined && homepageId !== space.homepageId) {
      const page = await repositories.content.findById(homepageId);
      if (page?.type !== 'page' || page.status !== 'current' || page.spaceId !== space.id) {
        throw badRequest(`The home page must be a current page in space ${space.key}`, { field: 'homepage' });
      }
      changes.homepageId = homepageId;
    }
    const nowMs = deps.clock.nowMs();
    await repositories.spaces.update(space.id, changes, nowMs);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: 'Space details updated',
      space: { ...space, ...changes },
      webhookEvent: 'space_updated',
      changes: [
        { name: 'Name', before: space.name, after: changes.name ?? space.name },
        { name: 'Description', before: space.description, after: changes.description ?? space.description },
        { name: 'Home page', before: space.homepageId, after: changes.homepageId ?? space.homepageId },
      ],
    });
    return { ...space, ...changes, updatedAtMs: nowMs };
  });
}
