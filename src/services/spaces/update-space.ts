import type { Space } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { descriptionFromInput, normaliseSpaceName } from '../../domain/space-rules.ts';
import type { SpaceChanges } from '../../ports/content-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin } from '../permissions/space-access.ts';

export interface UpdateSpaceInput {
  name?: unknown;
  /** v1's `description` object; its `plain.value` replaces the description. */
  description?: unknown;
  /** Cloud's `homepage: {id}`: a current page of this space. */
  homepage?: unknown;
}

function homepageIdOf(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const id = typeof raw === 'object' ? (raw as Record<string, unknown>).id : undefined;
  const text = typeof id === 'number' ? String(id) : id;
  if (typeof text !== 'string' || !/^\d{1,15}$/.test(text)) {
    throw badRequest('homepage must be an object with the id of a page', { field: 'homepage' });
  }
  return Number(text);
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
  if (input.name !== undefined && input.name !== null) changes.name = normaliseSpaceName(input.name);
  const description = descriptionFromInput(input.description);
  if (description !== undefined) changes.description = description;
  const homepageId = homepageIdOf(input.homepage);

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
