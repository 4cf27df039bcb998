import type { Space, SpaceType } from '../../domain/content.ts';
import { emptyStorageBody } from '../../domain/content-rules.ts';
import { badRequest, forbidden } from '../../domain/errors.ts';
import { creatorOperations, memberOperations } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import { checkSpaceKey, normaliseSpaceName } from '../../domain/space-rules.ts';
import { usersGroup } from '../../domain/user.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { holdsGlobal } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';

export interface CreateSpaceInput {
  key?: string;
  name?: string;
  /** The plain text of the space's description. */
  description?: string;
  /** `POST /space/_private`: visible to its creator and administrators only. */
  private: boolean;
}

/** `POST /rest/api/space` and `/space/_private`: a global space (see `storeNewSpace`). */
export async function createSpace(
  deps: ServiceDeps,
  principal: Principal,
  input: CreateSpaceInput,
): Promise<Space> {
  const creatorId = requireWriter(principal);
  if (!(await holdsGlobal(deps, principal, 'space:create'))) {
    throw forbidden('You are not permitted to create spaces');
  }
  const key = checkSpaceKey(input.key);
  const name = normaliseSpaceName(input.name);
  const description = input.description ?? '';

  return storeNewSpace(deps, principal, {
    key,
    name,
    description,
    type: 'global',
    private: input.private,
    ownerId: creatorId,
  });
}

export interface NewSpaceSpec {
  key: string;
  name: string;
  description: string;
  type: SpaceType;
  private: boolean;
  /** Whose space it is: they hold every operation in it (a personal space's user, not the admin making it). */
  ownerId: number | null;
}

/**
 * The space with its home page, "<name> Home", as Confluence makes one; its owner may do everything in
 * it, and unless it is private every user may view it and add to it. Space, home page, permissions and
 * audit record land together or not at all. The key is checked unused inside the transaction.
 */
export function storeNewSpace(deps: ServiceDeps, principal: Principal, spec: NewSpaceSpec): Promise<Space> {
  const { key, name, description } = spec;
  const creatorId = spec.ownerId;
  return deps.store.transaction(async (repositories) => {
    // Keys are unique regardless of case, as Confluence looks them up (findByKey ignores case).
    const existing = await repositories.spaces.findByKey(key);
    if (existing) throw badRequest(`A space already exists with key ${existing.key}`, { spaceKey: key });
    const nowMs = deps.clock.nowMs();
    const space = await repositories.spaces.insert({
      key,
      name,
      description,
      type: spec.type,
      private: spec.private,
      creatorId,
      createdAtMs: nowMs,
    });
    const homepage = await repositories.content.insert(
      {
        type: 'page',
        status: 'current',
        spaceId: space.id,
        parentId: null,
        containerId: null,
        commentLocation: null,
        creatorId,
      },
      {
        title: `${name} Home`,
        authorId: creatorId,
        createdAtMs: nowMs,
        message: '',
        minorEdit: false,
        body: emptyStorageBody,
        file: null,
      },
    );
    await repositories.spaces.update(space.id, { homepageId: homepage.id }, nowMs);
    await grantNewSpacePermissions(repositories, space.id, creatorId, spec.private, nowMs);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary:
        spec.type === 'personal'
          ? 'Personal space created'
          : spec.private
            ? 'Private space created'
            : 'Space created',
      space,
      webhookEvent: 'space_created',
      changes: [
        { name: 'Name', before: '', after: space.name },
        { name: 'Home page', before: '', after: homepage.id },
      ],
    });
    return { ...space, homepageId: homepage.id };
  });
}

/** Its creator may do everything in a new space; a shared space lets every user view it and add to it. */
export async function grantNewSpacePermissions(
  repositories: MetadataRepositories,
  spaceId: number,
  creatorId: number | null,
  privateSpace: boolean,
  nowMs: number,
): Promise<void> {
  if (creatorId !== null) {
    await repositories.permissions.grantSpace(
      spaceId,
      { kind: 'user', userId: creatorId },
      creatorOperations,
      nowMs,
    );
  }
  const everyone = privateSpace ? undefined : await repositories.groups.findByName(usersGroup);
  if (everyone) {
    await repositories.permissions.grantSpace(
      spaceId,
      { kind: 'group', groupId: everyone.id },
      memberOperations,
      nowMs,
    );
  }
}
